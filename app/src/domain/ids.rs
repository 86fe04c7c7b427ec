//! Typed identifiers: a `StudentId` can never be passed where a `UserId` is
//! expected. On the wire and in the database they are plain 64-bit integers.

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($($(#[$meta:meta])* $name:ident),* $(,)?) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl From<i64> for $name {
            fn from(v: i64) -> Self { Self(v) }
        }

        impl From<$name> for i64 {
            fn from(v: $name) -> i64 { v.0 }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

typed_id!(
    /// A school.
    SchoolId,
    /// An academic year of a school.
    YearId,
    /// A span of days without lessons in an academic year.
    HolidayId,
    /// One lesson of a class's weekly timetable.
    SlotId,
    /// A sign-in account.
    UserId,
    /// A person: student, teacher or parent, as the school knows them.
    PersonId,
    /// A class («5А»).
    ClassId,
    /// A subject.
    SubjectId,
    /// A course section: one subject taught to one class by one teacher.
    SectionId,
    /// One lesson of a section.
    LessonId,
    /// A mark.
    MarkId,
    /// An academic period (quarter, trimester, half-year, year).
    PeriodId,
    /// A work type (контрольная, ответ на уроке…).
    WorkTypeId,
    /// An access application (заявление).
    ApplicationId,
    /// Homework set for a lesson.
    HomeworkId,
    /// A file attached to homework.
    AttachmentId,
    /// A teacher's remark or praise about a student.
    RemarkId,
    /// An announcement to the school or a class.
    AnnouncementId,
    /// A message thread.
    ThreadId,
    /// One message in a thread.
    MessageId,
);
