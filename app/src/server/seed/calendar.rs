//! The school, its academic year laid out in quarters, and the bell times.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use super::Ctx;
use crate::domain::grades::RoundingPolicy;
use crate::server::entities::{academic_year, bell_time, period, school};

const BELLS: [(u32, u32, u32, u32); 6] = [
    (8, 30, 9, 15),
    (9, 25, 10, 10),
    (10, 25, 11, 10),
    (11, 25, 12, 10),
    (12, 25, 13, 10),
    (13, 20, 14, 5),
];

/// The seeded academic year, as the later steps need it.
pub(super) struct Calendar {
    /// 1 September.
    pub(super) start: NaiveDate,
    /// 31 May: the last day of the year.
    pub(super) ends_on: NaiveDate,
    pub(super) year_id: i64,
    pub(super) quarters: [(&'static str, NaiveDate, NaiveDate); 4],
    /// (period id, locked) of each quarter, in order.
    pub(super) periods: Vec<(i64, bool)>,
}

impl Calendar {
    /// Which quarter (by index) a day falls in; `None` in the holidays.
    pub(super) fn quarter_of(&self, day: NaiveDate) -> Option<usize> {
        self.quarters
            .iter()
            .position(|(_, a, b)| *a <= day && day <= *b)
    }
}

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid calendar date")
}

/// The academic year that contains `day`: from 1 September.
fn year_start(day: NaiveDate) -> NaiveDate {
    let y = if day.month() >= 9 {
        day.year()
    } else {
        day.year() - 1
    };
    d(y, 9, 1)
}

/// Quarters of a Russian school year, by the calendar of St. Petersburg.
fn quarters(start: NaiveDate) -> [(&'static str, NaiveDate, NaiveDate); 4] {
    let y = start.year();
    [
        ("1 четверть", d(y, 9, 1), d(y, 10, 24)),
        ("2 четверть", d(y, 11, 5), d(y, 12, 28)),
        ("3 четверть", d(y + 1, 1, 12), d(y + 1, 3, 20)),
        ("4 четверть", d(y + 1, 3, 30), d(y + 1, 5, 26)),
    ]
}

/// The school, with the default rounding policy. Returns its id.
pub(super) async fn school(
    db: &impl ConnectionTrait,
    policy: &RoundingPolicy,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let school = school::ActiveModel {
        name: Set("Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 239".into()),
        short_name: Set("Школа № 239".into()),
        city: Set("Санкт-Петербург".into()),
        five_from_centi: Set(policy.five_from_centi as i32),
        four_from_centi: Set(policy.four_from_centi as i32),
        three_from_centi: Set(policy.three_from_centi as i32),
        created_at: Set(now),
        time_zone: Set("Europe/Moscow".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(school.id)
}

/// The academic year containing the seed day, its four quarters and the
/// whole-year period.
pub(super) async fn year(cx: &Ctx<'_, impl ConnectionTrait>) -> Result<Calendar, DbErr> {
    let start = year_start(cx.opts.today);
    let ends_on = d(start.year() + 1, 5, 31);
    let year = academic_year::ActiveModel {
        school_id: Set(cx.school_id),
        name: Set(format!("{}/{}", start.year(), start.year() + 1)),
        starts_on: Set(start),
        ends_on: Set(ends_on),
        ..Default::default()
    }
    .insert(cx.db)
    .await?;
    let quarters = quarters(start);
    let mut periods = Vec::new();
    for (i, (name, from, to)) in quarters.iter().enumerate() {
        // A quarter that ended more than a week ago is closed.
        let locked = *to + Duration::days(7) < cx.opts.today;
        let p = period::ActiveModel {
            academic_year_id: Set(year.id),
            name: Set((*name).into()),
            kind: Set("quarter".into()),
            seq: Set(i as i32 + 1),
            starts_on: Set(*from),
            ends_on: Set(*to),
            locked: Set(locked),
            locked_at: Set(locked.then_some(cx.now)),
            ..Default::default()
        }
        .insert(cx.db)
        .await?;
        periods.push((p.id, locked));
    }
    period::ActiveModel {
        academic_year_id: Set(year.id),
        name: Set("Год".into()),
        kind: Set("year".into()),
        seq: Set(5),
        starts_on: Set(start),
        ends_on: Set(ends_on),
        locked: Set(false),
        locked_at: Set(None),
        ..Default::default()
    }
    .insert(cx.db)
    .await?;
    Ok(Calendar {
        start,
        ends_on,
        year_id: year.id,
        quarters,
        periods,
    })
}

/// The six lessons' bell times.
pub(super) async fn bells(cx: &Ctx<'_, impl ConnectionTrait>) -> Result<(), DbErr> {
    for (n, (h1, m1, h2, m2)) in BELLS.iter().enumerate() {
        bell_time::ActiveModel {
            school_id: Set(cx.school_id),
            number: Set(n as i32 + 1),
            starts_at: Set(NaiveTime::from_hms_opt(*h1, *m1, 0).expect("time")),
            ends_at: Set(NaiveTime::from_hms_opt(*h2, *m2, 0).expect("time")),
            ..Default::default()
        }
        .insert(cx.db)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_school_year_starts_on_the_first_of_september_before_the_day() {
        assert_eq!(year_start(d(2026, 11, 29)), d(2026, 9, 1));
        assert_eq!(year_start(d(2027, 3, 2)), d(2026, 9, 1));
        assert_eq!(year_start(d(2027, 9, 1)), d(2027, 9, 1));
    }
}
