//! An academic year, its periods and holidays: the dates checked.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::SetupError;

/// The kinds of periods a year is divided into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeriodKind {
    Quarter,
    Trimester,
    Half,
    Year,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Quarter,
        PeriodKind::Trimester,
        PeriodKind::Half,
        PeriodKind::Year,
    ];

    /// The value stored in `periods.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Quarter => "quarter",
            PeriodKind::Trimester => "trimester",
            PeriodKind::Half => "half",
            PeriodKind::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Result<PeriodKind, SetupError> {
        PeriodKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or(SetupError::UnknownKind)
    }

    /// How many periods of this kind a year has.
    pub fn per_year(self) -> usize {
        match self {
            PeriodKind::Quarter => 4,
            PeriodKind::Trimester => 3,
            PeriodKind::Half => 2,
            PeriodKind::Year => 1,
        }
    }
}

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Days {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Days, SetupError> {
        if to < from {
            Err(SetupError::EndsBeforeStart)
        } else {
            Ok(Days { from, to })
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    fn within(&self, outer: &Days) -> bool {
        outer.from <= self.from && self.to <= outer.to
    }

    fn overlaps(&self, other: &Days) -> bool {
        self.from <= other.to && other.from <= self.to
    }
}

/// An academic year: its end after its start, at most 13 months long.
pub fn check_year(from: NaiveDate, to: NaiveDate) -> Result<Days, SetupError> {
    let days = Days::new(from, to)?;
    if to - from > Duration::days(396) {
        return Err(SetupError::YearTooLong);
    }
    Ok(days)
}

/// Whether `day` is a school day: Monday to Saturday and not in a holiday.
/// (Sundays never have lessons; a school on a five-day week simply has no
/// Saturday lessons in its timetable.)
pub fn is_school_day(day: NaiveDate, holidays: &[Days]) -> bool {
    day.weekday() != chrono::Weekday::Sun && !holidays.iter().any(|h| h.contains(day))
}

/// Whether a calendar gives lessons on `day`: inside one of its periods
/// (quarters, not the whole year) and a school day.
pub fn teaching_day(day: NaiveDate, periods: &[Days], holidays: &[Days]) -> bool {
    periods.iter().any(|p| p.contains(day)) && is_school_day(day, holidays)
}

/// Checks the periods of one kind in a year: each inside the year, none
/// overlapping another, and between two consecutive ones no school day
/// (Monday to Friday) that is not a holiday. Returns the index of each
/// period that is wrong, with what is wrong with it.
pub fn check_periods(year: &Days, periods: &[Days], holidays: &[Days]) -> Vec<(usize, SetupError)> {
    let mut errors = Vec::new();
    for (i, p) in periods.iter().enumerate() {
        if !p.within(year) {
            errors.push((i, SetupError::OutsideYear));
        }
    }
    let mut order: Vec<usize> = (0..periods.len()).collect();
    order.sort_by_key(|&i| periods[i].from);
    for pair in order.windows(2) {
        let (a, b) = (&periods[pair[0]], &periods[pair[1]]);
        if a.overlaps(b) {
            errors.push((pair[1], SetupError::Overlaps));
            continue;
        }
        let mut day = a.to + Duration::days(1);
        while day < b.from {
            let weekday = day.weekday().number_from_monday();
            if weekday <= 5 && !holidays.iter().any(|h| h.contains(day)) {
                errors.push((pair[1], SetupError::GapWithoutHolidays));
                break;
            }
            day += Duration::days(1);
        }
    }
    errors.sort();
    errors.dedup();
    errors
}

/// A student moved to another class from `from`, having joined their class
/// on `joined`: their last day in the old class — none when they move from
/// the day they joined (they were put in the wrong class: the enrolment
/// moves whole). The day is inside the year and not before they joined.
pub fn last_day_before_move(
    joined: NaiveDate,
    from: NaiveDate,
    year: (NaiveDate, NaiveDate),
) -> Result<Option<NaiveDate>, SetupError> {
    if from < year.0 || from > year.1 {
        return Err(SetupError::OutsideYear);
    }
    if from < joined {
        return Err(SetupError::BeforeJoined);
    }
    Ok(from.pred_opt().filter(|_| from > joined))
}

/// A student leaving the school on `on` (their last day), having joined
/// their class on `joined`: inside the year, not before they joined.
pub fn check_last_day(
    joined: NaiveDate,
    on: NaiveDate,
    year: (NaiveDate, NaiveDate),
) -> Result<NaiveDate, SetupError> {
    if on < year.0 || on > year.1 {
        return Err(SetupError::OutsideYear);
    }
    if on < joined {
        return Err(SetupError::BeforeJoined);
    }
    Ok(on)
}
