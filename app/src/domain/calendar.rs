//! The school calendar: which academic year and period are "on", weeks and
//! days. The diary, the journal, the home page and the periods page all ask
//! [`current_year`] and [`current_period`], so they never disagree.

use chrono::{Datelike, Duration, NaiveDate};

/// The Monday of the week that contains `day`.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The six school days of the week starting on `monday` (Monday to Saturday).
pub fn school_days(monday: NaiveDate) -> Vec<NaiveDate> {
    (0..6).map(|i| monday + Duration::days(i)).collect()
}

/// «пн, 23 ноября» / «Mon, 23 November».
pub fn day_label(day: NaiveDate, english: bool) -> String {
    const RU_DAYS: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];
    const RU_MONTHS: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    const EN_DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const EN_MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let wd = day.weekday().num_days_from_monday() as usize;
    let m = day.month0() as usize;
    if english {
        format!("{}, {} {}", EN_DAYS[wd], day.day(), EN_MONTHS[m])
    } else {
        format!("{}, {} {}", RU_DAYS[wd], day.day(), RU_MONTHS[m])
    }
}

/// «23.11» — a short date.
pub fn short_date(day: NaiveDate) -> String {
    format!("{:02}.{:02}", day.day(), day.month())
}

/// Something with a first and a last day: an academic year or a period.
pub trait Span {
    fn starts_on(&self) -> NaiveDate;
    fn ends_on(&self) -> NaiveDate;
}

impl<T: Span> Span for &T {
    fn starts_on(&self) -> NaiveDate {
        (*self).starts_on()
    }
    fn ends_on(&self) -> NaiveDate {
        (*self).ends_on()
    }
}

/// The one rule for what is "on" on `today`, among spans that do not
/// overlap (a school's years, or the terms of one year), in any order:
/// - the span that contains `today`;
/// - else, between two spans (summer holidays, holidays between quarters),
///   the last one that has started: the year or quarter just finished stays
///   on until the next one begins, so its marks stay in view;
/// - else (before the first one begins) the earliest.
fn current<T: Span>(spans: &[T], today: NaiveDate) -> Option<&T> {
    spans
        .iter()
        .find(|s| s.starts_on() <= today && today <= s.ends_on())
        .or_else(|| {
            spans
                .iter()
                .filter(|s| s.starts_on() <= today)
                .max_by_key(|s| s.starts_on())
        })
        .or_else(|| spans.iter().min_by_key(|s| s.starts_on()))
}

/// The academic year that is on: see [`current`] for the rule.
pub fn current_year<T: Span>(years: &[T], today: NaiveDate) -> Option<&T> {
    current(years, today)
}

/// The term (quarter, trimester, half-year) of one academic year that is on,
/// by the same rule; `terms` must not hold the whole-year period.
pub fn current_period<T: Span>(terms: &[T], today: NaiveDate) -> Option<&T> {
    current(terms, today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct S(&'static str, NaiveDate, NaiveDate);

    impl Span for S {
        fn starts_on(&self) -> NaiveDate {
            self.1
        }
        fn ends_on(&self) -> NaiveDate {
            self.2
        }
    }

    fn years() -> Vec<S> {
        vec![
            S("2026/2027", d(2026, 9, 1), d(2027, 5, 31)),
            S("2025/2026", d(2025, 9, 1), d(2026, 5, 31)),
        ]
    }

    fn quarters() -> Vec<S> {
        vec![
            S("1", d(2026, 9, 1), d(2026, 10, 24)),
            S("2", d(2026, 11, 5), d(2026, 12, 28)),
            S("3", d(2027, 1, 12), d(2027, 3, 21)),
            S("4", d(2027, 4, 1), d(2027, 5, 31)),
        ]
    }

    fn name(s: Option<&S>) -> &str {
        s.map(|s| s.0).unwrap_or("none")
    }

    #[test]
    fn the_year_that_contains_today_is_on() {
        assert_eq!(name(current_year(&years(), d(2026, 12, 2))), "2026/2027");
        assert_eq!(name(current_year(&years(), d(2026, 9, 1))), "2026/2027");
        assert_eq!(name(current_year(&years(), d(2026, 5, 31))), "2025/2026");
    }

    #[test]
    fn between_two_years_the_one_just_ended_stays_on() {
        assert_eq!(name(current_year(&years(), d(2026, 7, 15))), "2025/2026");
        assert_eq!(name(current_year(&years(), d(2027, 8, 1))), "2026/2027");
    }

    #[test]
    fn before_the_first_year_the_earliest_is_on() {
        assert_eq!(name(current_year(&years(), d(2025, 8, 20))), "2025/2026");
        let none: Vec<S> = Vec::new();
        assert_eq!(current_year(&none, d(2026, 1, 1)), None);
    }

    #[test]
    fn in_holidays_between_quarters_the_one_just_ended_is_on() {
        let q = quarters();
        assert_eq!(name(current_period(&q, d(2026, 10, 20))), "1");
        assert_eq!(name(current_period(&q, d(2026, 10, 24))), "1");
        assert_eq!(name(current_period(&q, d(2026, 10, 30))), "1");
        assert_eq!(name(current_period(&q, d(2026, 11, 5))), "2");
        assert_eq!(name(current_period(&q, d(2027, 1, 5))), "2");
        assert_eq!(name(current_period(&q, d(2027, 3, 25))), "3");
        assert_eq!(name(current_period(&q, d(2027, 7, 1))), "4");
    }

    #[test]
    fn before_the_first_period_the_first_is_on_in_any_order() {
        let mut q = quarters();
        q.reverse();
        assert_eq!(name(current_period(&q, d(2026, 8, 25))), "1");
        assert_eq!(name(current_period(&q, d(2026, 12, 1))), "2");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(monday_of(d(2026, 11, 29)), d(2026, 11, 23)); // Sunday
        assert_eq!(monday_of(d(2026, 11, 23)), d(2026, 11, 23));
        assert_eq!(monday_of(d(2026, 12, 2)), d(2026, 11, 30));
        let days = school_days(d(2026, 11, 23));
        assert_eq!(days.len(), 6);
        assert_eq!(days[5], d(2026, 11, 28));
    }

    #[test]
    fn days_are_labelled_in_both_languages() {
        assert_eq!(day_label(d(2026, 11, 23), false), "пн, 23 ноября");
        assert_eq!(day_label(d(2026, 11, 23), true), "Mon, 23 November");
        assert_eq!(short_date(d(2026, 3, 5)), "05.03");
    }
}
