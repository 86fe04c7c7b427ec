//! Wire types of journal: what its server functions carry, used by
//! the services (`server::journal`) and the pages alike.

use crate::domain::grades::RoundingPolicy;
use crate::domain::ids::{LessonId, PeriodId, PersonId, SectionId, WorkTypeId};
use crate::domain::journal::{CellBase, CellData, CellKey};
use crate::domain::names::FullName;
use crate::model::accounts::SessionUser;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A section the user can open, for the switcher.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionOption {
    pub id: SectionId,
    pub class_name: String,
    pub subject_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodOption {
    pub id: PeriodId,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub locked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkTypeOption {
    pub id: WorkTypeId,
    pub name: String,
    pub short_name: String,
    pub weight_centi: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridStudent {
    pub id: PersonId,
    pub name: FullName,
    /// The day they joined the class, when it is inside the period.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// The last day they were in the class, when it is inside the period
    /// (they left, or moved to another class).
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

impl GridStudent {
    /// Were they in the class on `day`? Only then can a lesson of that day
    /// hold their marks and attendance.
    pub fn enrolled_on(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }
}

/// Was a student with these spans in the class (joined, last day) on `day`?
pub fn in_class_on(spans: &[(NaiveDate, Option<NaiveDate>)], day: NaiveDate) -> bool {
    spans
        .iter()
        .any(|(from, until)| *from <= day && until.is_none_or(|u| day <= u))
}

/// A student's time in a class as the grid of `period` shows it: the day
/// they joined and the last day they were there, each only when inside the
/// period (a student who was there all along has neither). Several spans
/// (they left and came back) are shown as one, from the first to the last.
pub fn enrolled_within(
    spans: &[(NaiveDate, Option<NaiveDate>)],
    period: (NaiveDate, NaiveDate),
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let first = spans.iter().map(|s| s.0).min();
    let last = if spans.iter().any(|s| s.1.is_none()) {
        None
    } else {
        spans.iter().filter_map(|s| s.1).max()
    };
    (
        first.filter(|f| *f > period.0),
        last.filter(|l| *l < period.1),
    )
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridHomework {
    pub text: String,
    /// The lesson it is due at, if set.
    pub due_lesson_id: Option<LessonId>,
    pub due_on: NaiveDate,
}

/// One column of the grid: a lesson, with what its header shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridLesson {
    pub id: LessonId,
    pub date: NaiveDate,
    pub number: i32,
    pub topic: Option<String>,
    /// The default work type of marks given at this lesson.
    pub work_type_id: Option<WorkTypeId>,
    pub homework: Option<GridHomework>,
    pub attendance_taken: bool,
    pub version: i32,
    /// The signed-in user may write at this lesson (their section or their
    /// substitution, in an open period).
    pub writable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridCell {
    pub lesson_id: LessonId,
    pub student_id: PersonId,
    pub data: CellData,
}

impl GridCell {
    /// Which cell this is.
    pub fn key(&self) -> CellKey {
        CellKey {
            lesson: self.lesson_id,
            student: self.student_id,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodMarkData {
    pub value: String,
    /// The weighted average when it was set, in hundredths.
    pub average_centi: Option<u32>,
    pub version: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridPeriodMark {
    pub student_id: PersonId,
    pub mark: PeriodMarkData,
}

/// Everything the grid shows, in one answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalGrid {
    pub user: SessionUser,
    pub section: SectionOption,
    pub teacher_name: String,
    pub sections: Vec<SectionOption>,
    pub periods: Vec<PeriodOption>,
    pub period: PeriodOption,
    /// Sorted by surname, first name, patronymic.
    pub students: Vec<GridStudent>,
    /// By date and lesson number.
    pub lessons: Vec<GridLesson>,
    /// Only the cells that hold something.
    pub cells: Vec<GridCell>,
    pub period_marks: Vec<GridPeriodMark>,
    pub work_types: Vec<WorkTypeOption>,
    pub policy: RoundingPolicy,
    /// The user may set period marks (the section's teacher or an admin,
    /// in an open period).
    pub can_set_period_marks: bool,
}

/// A mark as sent: the server derives its points and weight itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkInput {
    pub value: String,
    pub work_type_id: WorkTypeId,
    pub comment: Option<String>,
    pub excluded: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeworkInput {
    pub text: String,
    pub due_lesson_id: Option<LessonId>,
}

/// One change, with the version it was based on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JournalEdit {
    /// The whole content of one cell.
    Cell {
        lesson_id: LessonId,
        student_id: PersonId,
        marks: Vec<MarkInput>,
        attendance: Option<String>,
        base: CellBase,
    },
    /// A period mark; `None` removes it.
    PeriodMark {
        period_id: PeriodId,
        student_id: PersonId,
        value: Option<String>,
        base_version: Option<i32>,
    },
    /// A lesson's header: topic, default work type, homework, attendance taken.
    Lesson {
        lesson_id: LessonId,
        topic: Option<String>,
        work_type_id: Option<WorkTypeId>,
        homework: Option<HomeworkInput>,
        attendance_taken: bool,
        base_version: i32,
    },
}

impl JournalEdit {
    /// The lesson a cell's or a lesson header's edit writes into.
    pub fn lesson_id(&self) -> Option<LessonId> {
        match self {
            JournalEdit::Cell { lesson_id, .. } | JournalEdit::Lesson { lesson_id, .. } => {
                Some(*lesson_id)
            }
            JournalEdit::PeriodMark { .. } => None,
        }
    }

    /// The student whose cell or period mark the edit writes.
    pub fn student_id(&self) -> Option<PersonId> {
        match self {
            JournalEdit::Cell { student_id, .. } | JournalEdit::PeriodMark { student_id, .. } => {
                Some(*student_id)
            }
            JournalEdit::Lesson { .. } => None,
        }
    }

    /// The cell a cell's edit writes.
    pub fn cell_key(&self) -> Option<CellKey> {
        match self {
            JournalEdit::Cell {
                lesson_id,
                student_id,
                ..
            } => Some(CellKey {
                lesson: *lesson_id,
                student: *student_id,
            }),
            _ => None,
        }
    }
}

/// What the thing an edit touched now holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditState {
    Cell(CellData),
    PeriodMark(Option<PeriodMarkData>),
    Lesson(GridLesson),
}

/// What became of one edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditOutcome {
    /// Written; here is what is stored now (with new versions).
    Saved(EditState),
    /// Someone changed it since the version the edit was based on; nothing
    /// was written, and here is what they stored.
    Conflict(EditState),
    /// Not allowed or not valid (a closed period, an unknown work type…):
    /// nothing was written, and here is why.
    Refused(String),
}

/// One entry of a cell's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: String,
    pub who: String,
    pub action: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_student_is_shown_from_the_day_they_joined_until_they_left() {
        let quarter = (d(11, 5), d(12, 28));
        assert_eq!(enrolled_within(&[(d(9, 1), None)], quarter), (None, None));
        assert_eq!(
            enrolled_within(&[(d(11, 16), None)], quarter),
            (Some(d(11, 16)), None)
        );
        assert_eq!(
            enrolled_within(&[(d(9, 1), Some(d(11, 20)))], quarter),
            (None, Some(d(11, 20)))
        );
        // Left and came back: shown as one span.
        assert_eq!(
            enrolled_within(&[(d(9, 1), Some(d(11, 10))), (d(12, 1), None)], quarter),
            (None, None)
        );
        let s = GridStudent {
            id: PersonId(1),
            name: FullName {
                last: "Петров".into(),
                first: "Пётр".into(),
                middle: None,
            },
            from: Some(d(11, 16)),
            until: Some(d(12, 4)),
        };
        assert!(!s.enrolled_on(d(11, 15)));
        assert!(s.enrolled_on(d(11, 16)));
        assert!(s.enrolled_on(d(12, 4)));
        assert!(!s.enrolled_on(d(12, 5)));
        let back = [(d(9, 1), Some(d(11, 10))), (d(12, 1), None)];
        assert!(in_class_on(&back, d(11, 10)));
        assert!(!in_class_on(&back, d(11, 20)));
        assert!(in_class_on(&back, d(12, 1)));
    }
}
