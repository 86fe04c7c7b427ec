//! Weeks and days of the school calendar.

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

#[cfg(test)]
mod tests {
    use super::*;

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
