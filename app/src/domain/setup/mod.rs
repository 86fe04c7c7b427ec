//! The rules of a school's set-up, shared by the administrator's forms and
//! the server: an academic year and its periods, holidays, the bell
//! schedule, and the lessons a weekly timetable lays out over a period.
//! What the errors say is in `i18n::setup`.
//!
//! `calendar` holds the year, its periods and holidays; `timetable` the
//! bells and the lessons a week lays out; `profile` the school's rounding
//! thresholds and the weights of its work types. Everything is re-exported
//! here.

mod calendar;
mod profile;
#[cfg(test)]
mod tests;
mod timetable;

pub use calendar::*;
pub use profile::*;
pub use timetable::*;

use chrono::{NaiveDate, NaiveTime};

/// What is wrong with one value of the set-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SetupError {
    /// Nothing was typed.
    Required,
    /// Longer than the given number of characters.
    TooLong(usize),
    /// Not a date (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД).
    NotADate,
    /// Not a time of day (ЧЧ:ММ).
    NotATime,
    /// The end comes before the start.
    EndsBeforeStart,
    /// An academic year longer than 13 months.
    YearTooLong,
    /// Outside the academic year.
    OutsideYear,
    /// Overlaps another period of the same kind.
    Overlaps,
    /// School days between this period and the previous one that are not
    /// holidays.
    GapWithoutHolidays,
    /// A period kind other than quarter, trimester, half or year.
    UnknownKind,
    /// The periods of one year mix kinds (quarters with trimesters).
    MixedKinds,
    /// Not as many periods as the kind has in a year (4 quarters, 3
    /// trimesters, 2 halves).
    PeriodCount,
    /// A lesson number the timetable still uses.
    BellInUse,
    /// A bell's lesson starts before the previous lesson ends.
    BellsOverlap,
    /// A lesson number outside 0..=12, or given twice.
    BadLessonNumber,
    /// A grade outside 1..=11.
    BadGrade,
    /// A weekday outside Monday..Saturday.
    BadWeekday,
    /// Not an IANA time-zone name.
    UnknownTimeZone,
    /// The timetable has no bell for this lesson number.
    NoSuchBell,
    /// Someone (a teacher or a class) would be in two places at once.
    DoubleBooked,
    /// Not a number with at most two decimals («4,65»).
    NotANumber,
    /// A rounding threshold outside 2,00–5,00.
    BadThreshold,
    /// The threshold for a mark is not below the one for the mark above.
    ThresholdsNotIncreasing,
    /// A work type's weight outside 0–10.
    BadWeight,
    /// Another row of the school has this name already.
    Taken,
    /// Before the day the student joined their class.
    BeforeJoined,
    /// A class of another academic year.
    OtherYear,
    /// The student is in this class already.
    SameClass,
    /// The student has marks or attendance in their class after this day.
    MarksAfter,
    /// The student was in this class earlier in the year.
    WasInClass,
    /// The section teaches the whole class, not a group.
    NotAGroup,
    /// Not a student of the class.
    NotInClass,
    /// In another group of the same subject already.
    InOtherGroup,
    /// Leaving a group in whose journal they have marks or attendance.
    MarksInGroup,
    /// A shortened day needs the short bells first.
    NoShortBells,
    /// A closed period's dates (or a closed year's) stay as they are.
    PeriodClosed,
    /// The year has lessons: its kind and number of periods stay.
    KindFixed,
    /// The year's non-school days would fall outside it.
    DaysOffOutside,
    /// Lessons that hold marks, attendance, a topic or homework would fall
    /// on days without lessons.
    LessonsHeld,
}

/// Trims a required text of at most `max` characters.
pub fn required_text(raw: &str, max: usize) -> Result<String, SetupError> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        Err(SetupError::Required)
    } else if s.chars().count() > max {
        Err(SetupError::TooLong(max))
    } else {
        Ok(s)
    }
}

/// Are two names the same to people: «5а» and «5А», «Ёлочка» and
/// «Елочка», with spaces as typed?
pub fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .replace('ё', "е")
    };
    norm(a) == norm(b)
}

/// An optional text: empty is `None`.
pub fn optional_text(raw: &str, max: usize) -> Result<Option<String>, SetupError> {
    match required_text(raw, max) {
        Ok(s) => Ok(Some(s)),
        Err(SetupError::Required) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A date as people type it in Russia (31.08.2026) or as a date input sends
/// it (2026-08-31).
pub fn parse_date(raw: &str) -> Result<NaiveDate, SetupError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(SetupError::Required);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map_err(|_| SetupError::NotADate)
}

/// A time of day, «8:30» or «08:30».
pub fn parse_time(raw: &str) -> Result<NaiveTime, SetupError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(SetupError::Required);
    }
    NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| SetupError::NotATime)
}
