//! Edits and answers: the edit to send for a target (with what it asked
//! for), and how the server's outcome for it is taken — saved, typed again
//! meanwhile, someone else's change first, or refused.

use leptos::prelude::*;

use super::jt_untracked;
use super::state::{CellState, FinalState, Grid, LessonState, Status, Target};
use crate::domain::ids::{PeriodId, PersonId};
use crate::domain::journal::{CellData, CellKey};
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

    /// Takes the server's answer to an edit that asked for `sent`; `true`
    /// when the cell was typed into again meanwhile and must be sent again.
    pub(super) fn take(
        &mut self,
        sent: &Snapshot,
        outcome: EditOutcome,
        conflict: impl FnOnce() -> &'static str,
    ) -> bool {
        match outcome {
            EditOutcome::Saved(EditState::Cell(data)) => {
                let same = matches!(sent, Snapshot::Cell(x) if *x == self.shown.content());
                self.server = data.clone();
                if same {
                    self.shown = data;
                    self.status = Status::Saved;
                    self.note = None;
                } else {
                    // Typed again while this was on its way: send the new value.
                    self.status = Status::Pending;
                    return true;
                }
            }
            EditOutcome::Conflict(EditState::Cell(data)) => {
                let mine = match sent {
                    Snapshot::Cell(x) => x.text(),
                    _ => String::new(),
                };
                self.note = Some(format!(
                    "{}: «{}». Ваше «{}» не сохранено.",
                    conflict(),
                    data.text(),
                    mine
                ));
                self.server = data.clone();
                self.shown = data;
                self.status = Status::Conflict;
            }
            EditOutcome::Refused(msg) => {
                self.shown = self.server.clone();
                self.status = Status::Refused;
                self.note = Some(msg);
            }
            _ => {}
        }
        false
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

    /// As `CellState::take`, for a final mark.
    pub(super) fn take(
        &mut self,
        sent: &Snapshot,
        outcome: EditOutcome,
        conflict: impl FnOnce() -> &'static str,
    ) -> bool {
        match outcome {
            EditOutcome::Saved(EditState::PeriodMark(data)) => {
                let same = matches!(sent, Snapshot::Final(x) if *x == self.shown);
                self.server = data.clone();
                if same {
                    self.shown = data.map(|d| d.value);
                    self.status = Status::Saved;
                    self.note = None;
                } else {
                    self.status = Status::Pending;
                    return true;
                }
            }
            EditOutcome::Conflict(EditState::PeriodMark(data)) => {
                self.note = Some(format!(
                    "{}: «{}»",
                    conflict(),
                    data.as_ref().map(|d| d.value.clone()).unwrap_or_default()
                ));
                self.shown = data.as_ref().map(|d| d.value.clone());
                self.server = data;
                self.status = Status::Conflict;
            }
            EditOutcome::Refused(msg) => {
                self.shown = self.server.as_ref().map(|d| d.value.clone());
                self.status = Status::Refused;
                self.note = Some(msg);
            }
            _ => {}
        }
        false
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

    /// As `CellState::take`, for a lesson's header.
    pub(super) fn take(
        &mut self,
        sent: &Snapshot,
        outcome: EditOutcome,
        conflict: impl FnOnce() -> &'static str,
    ) -> bool {
        match outcome {
            EditOutcome::Saved(EditState::Lesson(l)) => {
                let same = matches!(sent, Snapshot::Lesson(x) if *x == self.shown);
                self.server_version = l.version;
                if same {
                    self.shown = GridLesson {
                        writable: self.shown.writable,
                        ..l
                    };
                    self.status = Status::Saved;
                    self.note = None;
                } else {
                    self.status = Status::Pending;
                    return true;
                }
            }
            EditOutcome::Conflict(EditState::Lesson(l)) => {
                self.note = Some(conflict().to_string());
                self.server_version = l.version;
                self.shown = GridLesson {
                    writable: self.shown.writable,
                    ..l
                };
                self.status = Status::Conflict;
            }
            EditOutcome::Refused(msg) => {
                self.status = Status::Refused;
                self.note = Some(msg);
            }
            _ => {}
        }
        false
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
        let conflict = || jt_untracked().conflict;
        match t {
            Target::Cell(r, c) => self
                .cell(r, c)
                .try_update(|s| s.take(&sent, outcome, conflict)),
            Target::Final(r) => self
                .final_of(r)
                .try_update(|s| s.take(&sent, outcome, conflict)),
            Target::Lesson(c) => self
                .lesson(c)
                .try_update(|s| s.take(&sent, outcome, conflict)),
        }
        .unwrap_or(false)
    }
}

#[cfg(test)]
mod tests;
