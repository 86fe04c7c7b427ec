//! The bell schedule and the lessons a weekly timetable lays out over a period.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use super::{is_school_day, Days, SetupError};

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
