//! Builds the grid's state from what the server sent: one signal per cell,
//! final mark and lesson, and one memo per row for its summary.

use leptos::prelude::*;
use std::collections::HashMap;

use super::state::{CellState, FinalState, Grid, LessonState};
use super::sync::SaveQueue;
use crate::domain::journal::{CellData, Pos, RowSummary};
use crate::model::journal::*;

impl Grid {
    /// The grid of a loaded `JournalGrid`: final marks are writable when the
    /// user may set them.
    pub(super) fn new(grid: JournalGrid) -> Grid {
        let JournalGrid {
            section,
            period,
            students,
            lessons,
            cells,
            period_marks,
            work_types,
            policy,
            can_set_period_marks: finals_writable,
            ..
        } = grid;
        let (section_id, period_id) = (section.id, period.id);
        let rows = students.len();
        let lessons_n = lessons.len();
        let mut matrix: Vec<Vec<CellData>> = vec![vec![CellData::default(); lessons_n]; rows];
        {
            let li: HashMap<_, usize> =
                lessons.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
            let si: HashMap<_, usize> = students
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id, i))
                .collect();
            for c in cells {
                if let (Some(r), Some(col)) = (si.get(&c.student_id), li.get(&c.lesson_id)) {
                    matrix[*r][*col] = c.data;
                }
            }
        }
        let cell_signals: Vec<Vec<RwSignal<CellState>>> = matrix
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|d| RwSignal::new(CellState::loaded(d)))
                    .collect()
            })
            .collect();
        let finals: Vec<RwSignal<FinalState>> = students
            .iter()
            .map(|s| {
                let m = period_marks
                    .iter()
                    .find(|p| p.student_id == s.id)
                    .map(|p| p.mark.clone());
                RwSignal::new(FinalState::loaded(m))
            })
            .collect();
        let summaries: Vec<Memo<RowSummary>> = cell_signals
            .iter()
            .map(|row| {
                let row = row.clone();
                Memo::new(move |_| {
                    let mut s = RowSummary::default();
                    for c in &row {
                        c.with(|c| s.add(&c.shown));
                    }
                    s
                })
            })
            .collect();
        let lesson_signals: Vec<RwSignal<LessonState>> = lessons
            .into_iter()
            .map(|l| RwSignal::new(LessonState::loaded(l)))
            .collect();
        Grid {
            section_id,
            period_id,
            rows,
            lessons_n,
            finals_writable,
            students: StoredValue::new(students),
            lessons: StoredValue::new(lesson_signals),
            cells: StoredValue::new(cell_signals),
            finals: StoredValue::new(finals),
            summaries: StoredValue::new(summaries),
            work_types: StoredValue::new(work_types),
            policy: StoredValue::new(policy),
            pos: RwSignal::new(Pos::default()),
            panel_pos: RwSignal::new(Pos::default()),
            editing: RwSignal::new(None),
            message: RwSignal::new(None),
            lesson_editor: RwSignal::new(None),
            sync: StoredValue::new(SaveQueue::default()),
            unsaved: RwSignal::new(0),
            retrying: RwSignal::new(false),
        }
    }
}
