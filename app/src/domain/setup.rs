//! The rules of a school's set-up, shared by the administrator's forms and
//! the server: an academic year and its periods, holidays, the bell
//! schedule, and the lessons a weekly timetable lays out over a period.
//! What the errors say is in `i18n::setup`.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

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

/// One lesson of a day's bell schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bell {
    pub number: i32,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
}

/// Checks a bell schedule: numbers 0..=12 (a «нулевой урок» is 0), each
/// once; each lesson ends after it starts and starts no earlier than the
/// previous one ends. Returns the index of each wrong bell.
pub fn check_bells(bells: &[Bell]) -> Vec<(usize, SetupError)> {
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, b) in bells.iter().enumerate() {
        if !(0..=12).contains(&b.number) || !seen.insert(b.number) {
            errors.push((i, SetupError::BadLessonNumber));
        } else if b.ends_at <= b.starts_at {
            errors.push((i, SetupError::EndsBeforeStart));
        }
    }
    let mut order: Vec<usize> = (0..bells.len()).collect();
    order.sort_by_key(|&i| (bells[i].number, bells[i].starts_at));
    for pair in order.windows(2) {
        let (a, b) = (&bells[pair[0]], &bells[pair[1]]);
        if b.starts_at < a.ends_at && !errors.iter().any(|(i, _)| *i == pair[1]) {
            errors.push((pair[1], SetupError::BellsOverlap));
        }
    }
    errors.sort();
    errors
}

/// A grade (parallel) of a Russian school: 1 to 11.
pub fn check_grade(grade: i32) -> Result<i32, SetupError> {
    if (1..=11).contains(&grade) {
        Ok(grade)
    } else {
        Err(SetupError::BadGrade)
    }
}

/// A weekday of the timetable: 1 = Monday … 6 = Saturday.
pub fn check_weekday(weekday: i16) -> Result<i16, SetupError> {
    if (1..=6).contains(&weekday) {
        Ok(weekday)
    } else {
        Err(SetupError::BadWeekday)
    }
}

/// One lesson of a weekly timetable, as the generator reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeeklyLesson<S> {
    /// 1 = Monday.
    pub weekday: i16,
    pub number: i32,
    pub section: S,
    pub room: Option<String>,
}

/// A lesson the timetable lays out on a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedLesson<S> {
    pub date: NaiveDate,
    pub number: i32,
    pub section: S,
    pub room: Option<String>,
}

/// The lessons a weekly timetable lays out over a period: every school day
/// of the period gets the timetable's lessons of its weekday; holidays get
/// none. In date order, then lesson number.
pub fn plan_lessons<S: Clone + Ord>(
    period: &Days,
    holidays: &[Days],
    week: &[WeeklyLesson<S>],
) -> Vec<PlannedLesson<S>> {
    let mut by_day: [Vec<&WeeklyLesson<S>>; 7] = Default::default();
    for w in week {
        if (1..=7).contains(&w.weekday) {
            by_day[(w.weekday - 1) as usize].push(w);
        }
    }
    for day in &mut by_day {
        day.sort_by(|a, b| (a.number, &a.section).cmp(&(b.number, &b.section)));
    }
    let mut out = Vec::new();
    let mut day = period.from;
    while day <= period.to {
        if is_school_day(day, holidays) {
            let slots = &by_day[day.weekday().num_days_from_monday() as usize];
            out.extend(slots.iter().map(|w| PlannedLesson {
                date: day,
                number: w.number,
                section: w.section.clone(),
                room: w.room.clone(),
            }));
        }
        day += Duration::days(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn days(a: NaiveDate, b: NaiveDate) -> Days {
        Days::new(a, b).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn dates_are_read_as_russians_write_them_and_as_date_inputs_send_them() {
        assert_eq!(parse_date("31.08.2026"), Ok(d(2026, 8, 31)));
        assert_eq!(parse_date(" 2026-08-31 "), Ok(d(2026, 8, 31)));
        assert_eq!(parse_date("31.02.2026"), Err(SetupError::NotADate));
        assert_eq!(parse_date(""), Err(SetupError::Required));
        assert_eq!(parse_time("8:30"), Ok(t(8, 30)));
        assert_eq!(parse_time("25:00"), Err(SetupError::NotATime));
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(required_text("  5  А ", 10), Ok("5 А".into()));
        assert_eq!(required_text("   ", 10), Err(SetupError::Required));
        assert_eq!(required_text("абвгд", 4), Err(SetupError::TooLong(4)));
        assert_eq!(optional_text(" ", 4), Ok(None));
    }

    #[test]
    fn a_year_ends_after_it_starts_and_lasts_at_most_thirteen_months() {
        assert!(check_year(d(2026, 9, 1), d(2027, 5, 31)).is_ok());
        assert_eq!(
            check_year(d(2026, 9, 1), d(2026, 8, 31)),
            Err(SetupError::EndsBeforeStart)
        );
        assert_eq!(
            check_year(d(2026, 9, 1), d(2027, 12, 31)),
            Err(SetupError::YearTooLong)
        );
    }

    fn quarters() -> Vec<Days> {
        vec![
            days(d(2026, 9, 1), d(2026, 10, 24)),
            days(d(2026, 11, 5), d(2026, 12, 28)),
            days(d(2027, 1, 12), d(2027, 3, 20)),
            days(d(2027, 3, 30), d(2027, 5, 26)),
        ]
    }

    fn holidays() -> Vec<Days> {
        vec![
            days(d(2026, 10, 25), d(2026, 11, 4)),
            days(d(2026, 12, 29), d(2027, 1, 11)),
            days(d(2027, 3, 21), d(2027, 3, 29)),
        ]
    }

    #[test]
    fn quarters_separated_by_holidays_are_accepted() {
        let year = days(d(2026, 9, 1), d(2027, 5, 31));
        assert_eq!(check_periods(&year, &quarters(), &holidays()), vec![]);
    }

    #[test]
    fn a_gap_of_school_days_without_holidays_is_named_on_the_later_period() {
        let year = days(d(2026, 9, 1), d(2027, 5, 31));
        let mut h = holidays();
        h.remove(0);
        assert_eq!(
            check_periods(&year, &quarters(), &h),
            vec![(1, SetupError::GapWithoutHolidays)]
        );
        // A weekend between two periods is no gap.
        let two = [
            days(d(2026, 9, 1), d(2026, 9, 4)),
            days(d(2026, 9, 7), d(2026, 9, 30)),
        ];
        assert_eq!(check_periods(&year, &two, &[]), vec![]);
    }

    #[test]
    fn overlapping_periods_and_periods_outside_the_year_are_refused() {
        let year = days(d(2026, 9, 1), d(2027, 5, 31));
        let mut q = quarters();
        q[1] = days(d(2026, 10, 20), d(2026, 12, 28));
        q[3] = days(d(2027, 3, 30), d(2027, 6, 26));
        assert_eq!(
            check_periods(&year, &q, &holidays()),
            vec![(1, SetupError::Overlaps), (3, SetupError::OutsideYear)]
        );
    }

    #[test]
    fn bells_follow_each_other_without_overlapping() {
        let ok = [
            Bell {
                number: 1,
                starts_at: t(8, 30),
                ends_at: t(9, 15),
            },
            Bell {
                number: 2,
                starts_at: t(9, 25),
                ends_at: t(10, 10),
            },
        ];
        assert_eq!(check_bells(&ok), vec![]);
        let bad = [
            Bell {
                number: 1,
                starts_at: t(8, 30),
                ends_at: t(9, 15),
            },
            Bell {
                number: 2,
                starts_at: t(9, 0),
                ends_at: t(9, 45),
            },
            Bell {
                number: 2,
                starts_at: t(10, 0),
                ends_at: t(10, 45),
            },
            Bell {
                number: 3,
                starts_at: t(11, 0),
                ends_at: t(10, 45),
            },
        ];
        assert_eq!(
            check_bells(&bad),
            vec![
                (1, SetupError::BellsOverlap),
                (2, SetupError::BadLessonNumber),
                (3, SetupError::EndsBeforeStart)
            ]
        );
    }

    #[test]
    fn the_timetable_lays_out_lessons_on_school_days_only() {
        // 2026-11-02 is a Monday; 4 November is a public holiday.
        let period = days(d(2026, 11, 2), d(2026, 11, 8));
        let week = vec![
            WeeklyLesson {
                weekday: 3,
                number: 2,
                section: 7,
                room: Some("201".into()),
            },
            WeeklyLesson {
                weekday: 1,
                number: 1,
                section: 7,
                room: None,
            },
            WeeklyLesson {
                weekday: 1,
                number: 1,
                section: 8,
                room: None,
            },
            WeeklyLesson {
                weekday: 7,
                number: 1,
                section: 9,
                room: None,
            },
        ];
        let holiday = [days(d(2026, 11, 4), d(2026, 11, 4))];
        let planned = plan_lessons(&period, &holiday, &week);
        let got: Vec<(NaiveDate, i32, i64)> = planned
            .iter()
            .map(|p| (p.date, p.number, p.section))
            .collect();
        assert_eq!(
            got,
            vec![(d(2026, 11, 2), 1, 7), (d(2026, 11, 2), 1, 8)],
            "Wednesday the 4th is a holiday and Sundays have no lessons"
        );
        let without_holiday = plan_lessons(&period, &[], &week);
        assert_eq!(without_holiday.len(), 3);
        assert_eq!(without_holiday[2].room.as_deref(), Some("201"));
    }

    #[test]
    fn period_kinds_round_trip_through_their_stored_names() {
        for k in PeriodKind::ALL {
            assert_eq!(PeriodKind::parse(k.as_str()), Ok(k));
        }
        assert_eq!(PeriodKind::parse("semester"), Err(SetupError::UnknownKind));
    }
}
