//! What the grid holds: each cell's, final mark's and lesson's state with
//! its save status, and `Grid`, the cheap handle all handlers share.

use leptos::prelude::*;

use super::sync::SaveQueue;
use crate::domain::grades::RoundingPolicy;
use crate::domain::ids::{PeriodId, SectionId, WorkTypeId};
use crate::domain::journal::{CellData, CellKey, Pos, RowSummary};
use crate::model::journal::*;

/// Where a saved value stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Status {
    Saved,
    /// Edited, waiting to be sent.
    Pending,
    Saving,
    /// The request failed; it will be sent again.
    Failed,
    /// Someone else changed it first; their value is shown.
    Conflict,
    /// The server refused it (closed period, invalid); the stored value is shown.
    Refused,
}

impl Status {
    pub(super) fn class(self) -> &'static str {
        match self {
            Status::Saved => "",
            Status::Pending => " st-pending",
            Status::Saving => " st-saving",
            Status::Failed => " st-failed",
            Status::Conflict => " st-conflict",
            Status::Refused => " st-refused",
        }
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Status::Saved => "saved",
            Status::Pending => "pending",
            Status::Saving => "saving",
            Status::Failed => "failed",
            Status::Conflict => "conflict",
            Status::Refused => "refused",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct CellState {
    pub(super) shown: CellData,
    pub(super) server: CellData,
    pub(super) status: Status,
    pub(super) note: Option<String>,
    /// What is being typed into the cell, while the cursor is on it.
    pub(super) editing: Option<String>,
}

impl CellState {
    /// A cell as loaded: shown as the server has it.
    pub(super) fn loaded(data: CellData) -> CellState {
        CellState {
            shown: data.clone(),
            server: data,
            status: Status::Saved,
            note: None,
            editing: None,
        }
    }

    pub(super) fn text(&self) -> String {
        self.editing.clone().unwrap_or_else(|| self.shown.text())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct FinalState {
    pub(super) shown: Option<String>,
    pub(super) server: Option<PeriodMarkData>,
    pub(super) status: Status,
    pub(super) note: Option<String>,
    pub(super) editing: Option<String>,
}

impl FinalState {
    /// A final mark as loaded.
    pub(super) fn loaded(mark: Option<PeriodMarkData>) -> FinalState {
        FinalState {
            shown: mark.as_ref().map(|m| m.value.clone()),
            server: mark,
            status: Status::Saved,
            note: None,
            editing: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct LessonState {
    pub(super) shown: GridLesson,
    pub(super) server_version: i32,
    pub(super) status: Status,
    pub(super) note: Option<String>,
}

impl LessonState {
    /// A lesson as loaded.
    pub(super) fn loaded(lesson: GridLesson) -> LessonState {
        LessonState {
            server_version: lesson.version,
            shown: lesson,
            status: Status::Saved,
            note: None,
        }
    }
}

/// What a queued edit is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    Cell(usize, usize),
    Final(usize),
    Lesson(usize),
}

/// Everything the grid's handlers share; all fields are cheap handles.
#[derive(Clone, Copy)]
pub(super) struct Grid {
    pub(super) section_id: SectionId,
    pub(super) period_id: PeriodId,
    pub(super) rows: usize,
    pub(super) lessons_n: usize,
    pub(super) finals_writable: bool,
    pub(super) students: StoredValue<Vec<GridStudent>>,
    pub(super) lessons: StoredValue<Vec<RwSignal<LessonState>>>,
    pub(super) cells: StoredValue<Vec<Vec<RwSignal<CellState>>>>,
    pub(super) finals: StoredValue<Vec<RwSignal<FinalState>>>,
    pub(super) summaries: StoredValue<Vec<Memo<RowSummary>>>,
    pub(super) work_types: StoredValue<Vec<WorkTypeOption>>,
    pub(super) policy: StoredValue<RoundingPolicy>,
    pub(super) pos: RwSignal<Pos>,
    /// The cell the detail panel shows: the cursor's, once it rests.
    pub(super) panel_pos: RwSignal<Pos>,
    pub(super) editing: RwSignal<Option<String>>,
    pub(super) message: RwSignal<Option<String>>,
    /// The lesson column whose header is open for editing.
    pub(super) lesson_editor: RwSignal<Option<usize>>,
    /// The save queue (see `sync`).
    pub(super) sync: StoredValue<SaveQueue>,
    /// Edits not yet confirmed by the server.
    pub(super) unsaved: RwSignal<usize>,
    /// The last batch failed and waits to be sent again.
    pub(super) retrying: RwSignal<bool>,
}

impl Grid {
    /// Columns the cursor visits: the lessons, then the final mark.
    pub(super) fn cols(&self) -> usize {
        self.lessons_n + 1
    }

    pub(super) fn cell(&self, r: usize, c: usize) -> RwSignal<CellState> {
        self.cells.with_value(|v| v[r][c])
    }

    pub(super) fn lesson(&self, c: usize) -> RwSignal<LessonState> {
        self.lessons.with_value(|v| v[c])
    }

    pub(super) fn final_of(&self, r: usize) -> RwSignal<FinalState> {
        self.finals.with_value(|v| v[r])
    }

    /// Which cell is at row `r`, column `c`: its student and lesson.
    pub(super) fn key(&self, r: usize, c: usize) -> CellKey {
        CellKey {
            lesson: self.lesson(c).with_untracked(|l| l.shown.id),
            student: self.students.with_value(|s| s[r].id),
        }
    }

    /// Whether the grid is still on the page (its storage not yet disposed).
    pub(super) fn alive(&self) -> bool {
        self.sync.try_with_value(|_| ()).is_some()
    }

    /// Starts, changes or ends typing in the cursor's cell; the cell shows
    /// the text (no other cell has to look).
    pub(super) fn set_editing(&self, text: Option<String>) {
        let p = self.pos.get_untracked();
        self.editing.set(text.clone());
        if p.row >= self.rows {
            return;
        }
        if p.col < self.lessons_n {
            self.cell(p.row, p.col).update(|s| s.editing = text);
        } else {
            self.final_of(p.row).update(|s| s.editing = text);
        }
    }

    pub(super) fn default_type(&self, c: usize) -> (WorkTypeId, u32) {
        let wt = self.lesson(c).with_untracked(|l| l.shown.work_type_id);
        self.work_types.with_value(|types| {
            wt.and_then(|id| types.iter().find(|t| t.id == id))
                .or_else(|| types.first())
                .map(|t| (t.id, t.weight_centi))
                .unwrap_or((WorkTypeId(0), 100))
        })
    }

    /// Can the cell at `p` be edited: its lesson is writable and the
    /// student was in the class that day (a final mark: the finals are).
    pub(super) fn writable(&self, p: Pos) -> bool {
        if p.col < self.lessons_n {
            let (writable, day) = self
                .lesson(p.col)
                .with_untracked(|l| (l.shown.writable, l.shown.date));
            writable && self.in_class(p.row, day)
        } else {
            self.finals_writable
        }
    }

    /// Was the student of `row` in the class on `day`?
    pub(super) fn in_class(&self, row: usize, day: chrono::NaiveDate) -> bool {
        self.students
            .with_value(|s| s.get(row).is_some_and(|s| s.enrolled_on(day)))
    }

    pub(super) fn suggestion(&self, row: usize) -> Option<u8> {
        let avg = self
            .summaries
            .with_value(|s| s[row].get_untracked().average);
        self.policy.with_value(|p| p.suggest(&avg))
    }
}
