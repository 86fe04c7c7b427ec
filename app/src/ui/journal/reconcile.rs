//! Edits and answers: the edit to send for a target (with what it asked
//! for), and how the server's outcome for it is taken — saved, typed again
//! meanwhile, someone else's change first, or refused.

use leptos::prelude::*;

use super::jt_untracked;
use super::state::{CellState, FinalState, Grid, LessonState, Status, Target};
use crate::domain::ids::{PeriodId, PersonId};
use crate::domain::journal::{CellData, CellKey};
use crate::i18n::journal::JournalTexts;
use crate::model::journal::*;

/// What an edit asked for, to tell whether the user typed again meanwhile.
#[derive(Clone, Debug)]
pub(super) enum Snapshot {
    None,
    Cell(CellData),
    Final(Option<String>),
    Lesson(GridLesson),
}

impl CellState {
    /// The edit writing this cell's shown content, based on the server's
    /// versions; the cell is now saving.
    pub(super) fn edit(&mut self, key: CellKey) -> (JournalEdit, Snapshot) {
        self.status = Status::Saving;
        let shown = self.shown.clone();
        let edit = JournalEdit::Cell {
            lesson_id: key.lesson,
            student_id: key.student,
            marks: shown
                .marks
                .iter()
                .map(|m| MarkInput {
                    value: m.value.clone(),
                    work_type_id: m.work_type_id,
                    comment: m.comment.clone(),
                    excluded: m.excluded,
                })
                .collect(),
            attendance: shown.attendance.as_ref().map(|a| a.code.clone()),
            base: self.server.base(),
        };
        (edit, Snapshot::Cell(shown.content()))
    }
}

impl FinalState {
    /// The edit writing this final mark; it is now saving.
    pub(super) fn edit(
        &mut self,
        period_id: PeriodId,
        student_id: PersonId,
    ) -> (JournalEdit, Snapshot) {
        self.status = Status::Saving;
        let value = self.shown.clone();
        let edit = JournalEdit::PeriodMark {
            period_id,
            student_id,
            value: value.clone(),
            base_version: self.server.as_ref().map(|m| m.version),
        };
        (edit, Snapshot::Final(value))
    }
}

impl LessonState {
    /// The edit writing this lesson's header; it is now saving.
    pub(super) fn edit(&mut self) -> (JournalEdit, Snapshot) {
        self.status = Status::Saving;
        let l = self.shown.clone();
        let edit = JournalEdit::Lesson {
            lesson_id: l.id,
            topic: l.topic.clone(),
            work_type_id: l.work_type_id,
            homework: l.homework.as_ref().map(|h| HomeworkInput {
                text: h.text.clone(),
                due_lesson_id: h.due_lesson_id,
            }),
            attendance_taken: l.attendance_taken,
            base_version: self.server_version,
        };
        (edit, Snapshot::Lesson(l))
    }
}

/// How the server's answer to an edit is taken, the same for every kind of
/// target: each kind says only how it keeps what the server stored, what a
/// conflict's note says and what a refusal goes back to.
pub(super) trait Reconcile {
    /// What the server sends back for this kind of target.
    type Data;
    /// This kind's part of an answer (`None`: it is about another kind).
    fn data(state: EditState) -> Option<Self::Data>;
    /// Whether what is shown is still what `sent` asked for.
    fn unchanged_since(&self, sent: &Snapshot) -> bool;
    /// Keeps `data` as the stored value, and shows it too when `shown`.
    fn store(&mut self, data: Self::Data, shown: bool);
    /// What a conflict says: their value, and what was lost of `sent`.
    fn conflict_note(&self, data: &Self::Data, sent: &Snapshot, t: &JournalTexts) -> String;
    /// What a refusal leaves shown.
    fn revert(&mut self);
    fn status_and_note(&mut self) -> (&mut Status, &mut Option<String>);

    /// Takes the server's answer to an edit that asked for `sent`; `true`
    /// when the target was edited again meanwhile and must be sent again.
    fn take(
        &mut self,
        sent: &Snapshot,
        outcome: EditOutcome,
        texts: impl FnOnce() -> &'static JournalTexts,
    ) -> bool {
        let (status, note) = match outcome {
            EditOutcome::Saved(state) => {
                let Some(data) = Self::data(state) else {
                    return false;
                };
                let same = self.unchanged_since(sent);
                self.store(data, same);
                if !same {
                    // Typed again while this was on its way: send the new value.
                    *self.status_and_note().0 = Status::Pending;
                    return true;
                }
                (Status::Saved, None)
            }
            EditOutcome::Conflict(state) => {
                let Some(data) = Self::data(state) else {
                    return false;
                };
                let note = self.conflict_note(&data, sent, texts());
                self.store(data, true);
                (Status::Conflict, Some(note))
            }
            EditOutcome::Refused(msg) => {
                self.revert();
                (Status::Refused, Some(msg))
            }
        };
        let (s, n) = self.status_and_note();
        *s = status;
        *n = note;
        false
    }
}

impl Reconcile for CellState {
    type Data = CellData;

    fn data(state: EditState) -> Option<CellData> {
        match state {
            EditState::Cell(data) => Some(data),
            _ => None,
        }
    }

    fn unchanged_since(&self, sent: &Snapshot) -> bool {
        matches!(sent, Snapshot::Cell(x) if *x == self.shown.content())
    }

    fn store(&mut self, data: CellData, shown: bool) {
        if shown {
            self.shown = data.clone();
        }
        self.server = data;
    }

    fn conflict_note(&self, data: &CellData, sent: &Snapshot, t: &JournalTexts) -> String {
        let mine = match sent {
            Snapshot::Cell(x) => x.text(),
            _ => String::new(),
        };
        format!("{}: «{}». {}", t.conflict, data.text(), t.not_saved(&mine))
    }

    fn revert(&mut self) {
        self.shown = self.server.clone();
    }

    fn status_and_note(&mut self) -> (&mut Status, &mut Option<String>) {
        (&mut self.status, &mut self.note)
    }
}

impl Reconcile for FinalState {
    type Data = Option<PeriodMarkData>;

    fn data(state: EditState) -> Option<Self::Data> {
        match state {
            EditState::PeriodMark(data) => Some(data),
            _ => None,
        }
    }

    fn unchanged_since(&self, sent: &Snapshot) -> bool {
        matches!(sent, Snapshot::Final(x) if *x == self.shown)
    }

    fn store(&mut self, data: Self::Data, shown: bool) {
        if shown {
            self.shown = data.as_ref().map(|d| d.value.clone());
        }
        self.server = data;
    }

    fn conflict_note(&self, data: &Self::Data, _sent: &Snapshot, t: &JournalTexts) -> String {
        let theirs = data.as_ref().map(|d| d.value.as_str()).unwrap_or_default();
        format!("{}: «{theirs}»", t.conflict)
    }

    fn revert(&mut self) {
        self.shown = self.server.as_ref().map(|d| d.value.clone());
    }

    fn status_and_note(&mut self) -> (&mut Status, &mut Option<String>) {
        (&mut self.status, &mut self.note)
    }
}

impl Reconcile for LessonState {
    type Data = GridLesson;

    fn data(state: EditState) -> Option<GridLesson> {
        match state {
            EditState::Lesson(l) => Some(l),
            _ => None,
        }
    }

    fn unchanged_since(&self, sent: &Snapshot) -> bool {
        matches!(sent, Snapshot::Lesson(x) if *x == self.shown)
    }

    /// Whether the lesson may be written is the grid's, not the answer's.
    fn store(&mut self, l: GridLesson, shown: bool) {
        self.server_version = l.version;
        if shown {
            self.shown = GridLesson {
                writable: self.shown.writable,
                ..l
            };
        }
    }

    fn conflict_note(&self, _: &GridLesson, _: &Snapshot, t: &JournalTexts) -> String {
        t.conflict.to_string()
    }

    /// A refused header keeps what was typed.
    fn revert(&mut self) {}

    fn status_and_note(&mut self) -> (&mut Status, &mut Option<String>) {
        (&mut self.status, &mut self.note)
    }
}

/// A target's signal is gone only when the grid is: its handlers never run then.
const LIVE: &str = "the grid's state lives as long as its handlers";

impl Grid {
    pub(super) fn set_status(&self, t: Target, status: Status, note: Option<String>) {
        match t {
            Target::Cell(r, c) => self.cell(r, c).update(|s| {
                s.status = status;
                s.note = note;
            }),
            Target::Final(r) => self.final_of(r).update(|s| {
                s.status = status;
                s.note = note;
            }),
            Target::Lesson(c) => self.lesson(c).update(|s| {
                s.status = status;
                s.note = note;
            }),
        }
    }

    /// The edit to send for a target, and what it asked for.
    pub(super) fn edit_for(&self, t: Target) -> (JournalEdit, Snapshot) {
        match t {
            Target::Cell(r, c) => {
                let key = self.key(r, c);
                self.cell(r, c).try_update(|s| s.edit(key))
            }
            Target::Final(r) => {
                let student_id = self.students.with_value(|s| s[r].id);
                self.final_of(r)
                    .try_update(|s| s.edit(self.period_id, student_id))
            }
            Target::Lesson(c) => self.lesson(c).try_update(LessonState::edit),
        }
        .expect(LIVE)
    }

    /// Takes the server's answer for one target; `true` when it was edited
    /// again meanwhile and must be sent again.
    pub(super) fn apply(&self, t: Target, sent: Snapshot, outcome: EditOutcome) -> bool {
        match t {
            Target::Cell(r, c) => self
                .cell(r, c)
                .try_update(|s| s.take(&sent, outcome, jt_untracked)),
            Target::Final(r) => self
                .final_of(r)
                .try_update(|s| s.take(&sent, outcome, jt_untracked)),
            Target::Lesson(c) => self
                .lesson(c)
                .try_update(|s| s.take(&sent, outcome, jt_untracked)),
        }
        .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests;
