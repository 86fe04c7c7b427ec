//! Wire types of diary: what its server functions carry, used by
//! the services (`server::diary`) and the pages alike.

use crate::domain::attendance::{Category, Tally};
use crate::domain::grades::{Average, RoundingPolicy, WeightedMark};
use crate::domain::ids::{
    AnnouncementId, AttachmentId, HomeworkId, LessonId, MarkId, PeriodId, PersonId, RemarkId,
    SectionId,
};
use crate::domain::names::FullName;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A student the asker may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudentRef {
    pub id: PersonId,
    pub name: FullName,
    pub class_name: Option<String>,
}

/// Whose diary a view shows, and whom else the asker could switch to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryScope {
    /// Who is asking (for the page frame).
    pub user: crate::model::accounts::SessionUser,
    pub student: StudentRef,
    /// For a parent: every child with access. For a student: themselves.
    pub children: Vec<StudentRef>,
    pub today: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkView {
    pub id: MarkId,
    pub date: NaiveDate,
    pub value: String,
    pub points: Option<u8>,
    pub work_type: String,
    pub weight_centi: u32,
    pub comment: Option<String>,
    pub excluded: bool,
}

impl MarkView {
    /// How the mark enters an average, if it does.
    pub fn weighted(&self) -> Option<WeightedMark> {
        if self.excluded {
            return None;
        }
        self.points.map(|value| WeightedMark {
            value,
            weight_centi: self.weight_centi,
        })
    }
}

/// The weighted average of marks, by the shared rule.
pub fn average_of(marks: &[MarkView]) -> Average {
    Average::of(
        marks
            .iter()
            .filter_map(MarkView::weighted)
            .collect::<Vec<_>>()
            .iter(),
    )
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceView {
    pub code: String,
    pub name: String,
    pub category: Category,
    pub minutes_late: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: AttachmentId,
    pub file_name: String,
    pub size_bytes: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeworkView {
    pub id: HomeworkId,
    pub subject: String,
    pub text: String,
    pub set_on: Option<NaiveDate>,
    pub due_on: NaiveDate,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonView {
    pub id: LessonId,
    pub number: i32,
    /// «08:30».
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub subject: String,
    pub teacher: String,
    pub room: Option<String>,
    pub topic: Option<String>,
    pub homework_due: Vec<HomeworkView>,
    pub marks: Vec<MarkView>,
    pub attendance: Option<AttendanceView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayView {
    pub date: NaiveDate,
    pub lessons: Vec<LessonView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekView {
    pub scope: DiaryScope,
    pub monday: NaiveDate,
    pub days: Vec<DayView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRef {
    pub id: PeriodId,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub locked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectMarks {
    pub section_id: SectionId,
    pub subject: String,
    pub teacher: String,
    /// In date order.
    pub marks: Vec<MarkView>,
    /// The mark the teacher set for the period, if any.
    pub period_mark: Option<String>,
    pub attendance: Tally,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarksView {
    pub scope: DiaryScope,
    pub periods: Vec<PeriodRef>,
    pub period: PeriodRef,
    pub policy: RoundingPolicy,
    pub subjects: Vec<SubjectMarks>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeworkListView {
    pub scope: DiaryScope,
    /// Due today or later, soonest first.
    pub upcoming: Vec<HomeworkView>,
    /// Due in the last fourteen days, latest first.
    pub past: Vec<HomeworkView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemarkView {
    pub id: RemarkId,
    pub praise: bool,
    pub text: String,
    pub author: String,
    pub at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementView {
    pub id: AnnouncementId,
    pub title: String,
    pub body: String,
    pub author: String,
    /// The class it is addressed to; `None` for the whole school.
    pub class_name: Option<String>,
    pub at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsView {
    pub scope: DiaryScope,
    pub remarks: Vec<RemarkView>,
    pub announcements: Vec<AnnouncementView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(points: Option<u8>, weight: u32, excluded: bool) -> MarkView {
        MarkView {
            id: MarkId(0),
            date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            value: points
                .map(|p| p.to_string())
                .unwrap_or_else(|| "н/а".into()),
            points,
            work_type: String::new(),
            weight_centi: weight,
            comment: None,
            excluded,
        }
    }

    #[test]
    fn excluded_marks_and_non_numeric_values_stay_out_of_the_average() {
        let marks = [
            mark(Some(5), 200, false),
            mark(Some(3), 100, false),
            mark(Some(2), 100, true),
            mark(None, 100, false),
        ];
        let avg = average_of(&marks);
        assert_eq!(avg.count, 2);
        assert_eq!(avg.display(), "4,33");
    }
}
