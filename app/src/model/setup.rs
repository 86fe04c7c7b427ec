//! Wire types of the school set-up: what the administrator's server
//! functions carry (forms in, rows out), used by the services
//! (`server::setup`) and the pages alike. Dates and times travel as the
//! text the form holds and are read on the server (`domain::setup`), so a
//! bad one gets a message naming its field.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::domain::grades::RoundingPolicy;
use crate::domain::ids::{
    ClassId, HolidayId, LessonId, PeriodId, PersonId, SchoolId, SectionId, SlotId, SubjectId,
    UserId, WorkTypeId, YearId,
};
use crate::model::accounts::SessionUser;

/// A span of days as typed: a period or a holiday.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanForm {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// A new academic year with its periods (all of one kind) and holidays.
/// Field names of errors: `name`, `starts_on`, `ends_on`, `kind`,
/// `periods.2.ends_on`, `holidays.0.name`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearForm {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    /// quarter, trimester or half.
    pub kind: String,
    pub periods: Vec<SpanForm>,
    pub holidays: Vec<SpanForm>,
}

/// One bell as typed; errors are named `bells.1.starts_at`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BellForm {
    pub number: i32,
    pub starts_at: String,
    pub ends_at: String,
}

/// One lesson of a class's week; errors are named `slots.3.number`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotForm {
    /// 1 = Monday … 6 = Saturday.
    pub weekday: i16,
    pub number: i32,
    pub section_id: SectionId,
    pub room: String,
}

/// A period of a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupPeriod {
    pub id: PeriodId,
    pub name: String,
    pub kind: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub locked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupHoliday {
    pub id: HolidayId,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// A non-school day inside a period, not a holiday between them.
    pub day_off: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupYear {
    pub id: YearId,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub periods: Vec<SetupPeriod>,
    pub holidays: Vec<SetupHoliday>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupBell {
    pub number: i32,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupSubject {
    pub id: SubjectId,
    pub name: String,
    pub short_name: String,
    /// Sections teaching it (a subject in use cannot be deleted).
    pub sections: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupClass {
    pub id: ClassId,
    pub year_id: YearId,
    pub name: String,
    pub grade: i32,
    pub homeroom_teacher: Option<PersonId>,
    /// Students enrolled today (or, before the year, at its start).
    pub students: usize,
}

/// A member of staff: the person the journal names, and their account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupStaff {
    pub person_id: PersonId,
    pub user_id: UserId,
    /// ФИО, «Фамилия Имя Отчество».
    pub name: String,
    pub email: String,
    /// admin, officer, teacher.
    pub roles: Vec<String>,
    /// Has set a password (accepted the invitation).
    pub active: bool,
    pub disabled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupSection {
    pub id: SectionId,
    pub class_id: ClassId,
    pub subject_id: SubjectId,
    pub teacher_id: PersonId,
    pub group_name: Option<String>,
    /// «Математика — Смирнова Е. В.» or «Английский язык (1 группа) — …».
    pub label: String,
}

/// Everything the administrator's set-up screens show, in one answer (a
/// school's set-up is small: tens of classes, a hundred staff).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupOverview {
    pub user: SessionUser,
    pub school_id: SchoolId,
    pub school_name: String,
    pub time_zone: String,
    pub years: Vec<SetupYear>,
    pub bells: Vec<SetupBell>,
    /// A shortened day's bells, and the days the school keeps them.
    pub short_bells: Vec<SetupBell>,
    pub short_days: Vec<SetupShortDay>,
    pub subjects: Vec<SetupSubject>,
    pub classes: Vec<SetupClass>,
    pub staff: Vec<SetupStaff>,
    pub sections: Vec<SetupSection>,
}

/// A shortened day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupShortDay {
    pub date: NaiveDate,
    pub name: String,
}

/// A student of a class, as the administrator's class screen lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupStudent {
    pub id: PersonId,
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    /// The class they moved to the day after `ends_on`, if they did.
    pub moved_to: Option<String>,
}

/// One lesson of a class's weekly timetable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupSlot {
    pub id: SlotId,
    pub weekday: i16,
    pub number: i32,
    pub section_id: SectionId,
    pub room: Option<String>,
}

/// A group of a class for a subject, with its members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupGroup {
    pub section_id: SectionId,
    /// «Английский язык (1 группа)».
    pub label: String,
    pub members: Vec<PersonId>,
}

/// A class with its students, groups and week, for its own screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassDetail {
    pub class: SetupClass,
    pub students: Vec<SetupStudent>,
    pub groups: Vec<SetupGroup>,
    pub slots: Vec<SetupSlot>,
}

/// What changing a year did to its lessons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEdited {
    /// Lessons on days that no longer have lessons, which held nothing:
    /// removed. (New school days get theirs when the period's lessons are
    /// generated again.)
    pub removed: usize,
}

/// What generating a period's lessons did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    /// Lessons the timetable laid out that were missing.
    pub created: usize,
    /// Lessons the timetable lays out that existed already.
    pub existing: usize,
    /// Lessons from today on that the timetable no longer has and that held
    /// nothing (no marks, attendance, topic or homework): removed.
    pub removed: usize,
    /// Such lessons that held something: kept as they are.
    pub kept: usize,
}

/// The school's profile as typed: its names, address, time zone and the
/// thresholds of period marks («4,65»).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    /// The full official name.
    pub name: String,
    /// The name people use: «Школа № 17».
    pub short_name: String,
    pub city: String,
    pub address: String,
    /// IANA name: Europe/Moscow.
    pub time_zone: String,
    pub five_from: String,
    pub four_from: String,
    pub three_from: String,
}

/// A work type as typed: its names and weight («1,5»).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkTypeForm {
    pub name: String,
    pub short_name: String,
    pub weight: String,
}

/// A work type of the school, with how many marks carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupWorkType {
    pub id: WorkTypeId,
    pub name: String,
    pub short_name: String,
    /// The weight new marks get, in hundredths.
    pub weight_centi: u32,
    /// Not offered for new marks; the marks given stay.
    pub archived: bool,
    /// Marks of this type in periods still open: those a re-weighting
    /// would change.
    pub marks_open: u64,
    /// Of those, the marks whose weight differs from the type's today.
    pub marks_other_weight: u64,
    /// Marks of this type in closed periods: they keep their weight.
    pub marks_closed: u64,
}

/// The school's profile and marking rules, for their screen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolProfile {
    pub user: SessionUser,
    pub name: String,
    pub short_name: String,
    pub city: String,
    pub address: Option<String>,
    pub time_zone: String,
    pub policy: RoundingPolicy,
    pub work_types: Vec<SetupWorkType>,
}

/// What changing a work type did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkTypeChanged {
    /// Marks in open periods given the new weight (0 unless asked).
    pub reweighted: u64,
}

/// One lesson of a class's day, for giving it to a substitute.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayLesson {
    pub id: LessonId,
    pub section_id: SectionId,
    pub number: i32,
    /// The subject, with the group when the class is split.
    pub subject: String,
    /// The section's teacher.
    pub teacher: PersonId,
    pub teacher_name: String,
    pub substitute: Option<PersonId>,
    /// In a closed period: not to be reassigned.
    pub closed: bool,
}
