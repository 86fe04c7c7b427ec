//! Shortened days: the school's short bells (the same lesson numbers at
//! other times) and the days it keeps them — before a holiday, a day of
//! events. The diary shows a short day's lessons at the short times.

use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::bells::{checked, show};
use super::{admin_school, audited, Change, Problems};
use crate::domain::setup::{parse_date, SetupError};
use crate::model::accounts::SessionUser;
use crate::model::setup::{BellForm, SpanForm};
use crate::server::entities::{academic_year, bell_time, short_bell, short_day};
use crate::server::{AppState, ServiceError};

/// Replaces the school's short bells. Each is a lesson number of the usual
/// bells (a short day keeps its lessons); none at all: no short days.
pub async fn set_short_bells(
    st: &AppState,
    admin: &SessionUser,
    bells: &[BellForm],
) -> Result<(), ServiceError> {
    let school = admin_school(admin)?;
    let mut p = Problems::default();
    let all = checked(&mut p, bells);
    let usual: std::collections::HashSet<i32> = bell_time::Entity::find()
        .filter(bell_time::Column::SchoolId.eq(school.0))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|b| b.number)
        .collect();
    for (i, b) in bells.iter().enumerate() {
        if !usual.contains(&b.number) {
            p.add(format!("bells.{i}.number"), SetupError::NoSuchBell);
        }
    }
    p.finish()?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    let old = short_bell::Entity::find()
        .filter(short_bell::Column::SchoolId.eq(school.0))
        .all(&txn)
        .await?;
    short_bell::Entity::delete_many()
        .filter(short_bell::Column::SchoolId.eq(school.0))
        .exec(&txn)
        .await?;
    if !all.is_empty() {
        short_bell::Entity::insert_many(all.iter().map(|b| short_bell::ActiveModel {
            school_id: Set(school.0),
            number: Set(b.number),
            starts_at: Set(b.starts_at),
            ends_at: Set(b.ends_at),
            ..Default::default()
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    let change = Change {
        action: "short_bells_set",
        entity: "school",
        id: school.0,
        old: Some(show(
            old.iter()
                .map(|b| (b.number, b.starts_at, b.ends_at))
                .collect(),
        )),
        new: Some(show(
            all.iter()
                .map(|b| (b.number, b.starts_at, b.ends_at))
                .collect(),
        )),
    };
    // The weeks already built show the old times.
    super::profile::bump_school(&txn, school.0).await?;
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(())
}

/// Marks the school days from `starts_on` to `ends_on` (empty: that day
/// only) as shortened. They must be inside one of the school's years, and
/// the school must have short bells.
pub async fn add_short_days(
    st: &AppState,
    admin: &SessionUser,
    form: &SpanForm,
) -> Result<usize, ServiceError> {
    let school = admin_school(admin)?;
    let mut p = Problems::default();
    let (name, days) = super::calendar::named_days(&mut p, form);
    let years = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school.0))
        .all(&st.db)
        .await?;
    let days = days.filter(|d| {
        let inside = years
            .iter()
            .any(|y| y.starts_on <= d.from && d.to <= y.ends_on);
        if !inside {
            p.add("starts_on", SetupError::OutsideYear);
        }
        inside
    });
    let has_short_bells = short_bell::Entity::find()
        .filter(short_bell::Column::SchoolId.eq(school.0))
        .one(&st.db)
        .await?
        .is_some();
    if !has_short_bells {
        p.add("starts_on", SetupError::NoShortBells);
    }
    p.finish()?;
    let (Some(name), Some(days)) = (name, days) else {
        return Err(ServiceError::Internal("checked short day missing".into()));
    };
    let dates: Vec<NaiveDate> = {
        let mut v = Vec::new();
        let mut d = days.from;
        while d <= days.to {
            if d.weekday() != chrono::Weekday::Sun {
                v.push(d);
            }
            d += Duration::days(1);
        }
        v
    };
    let (_turn, txn) = super::begin_write(st, school).await?;
    let known: std::collections::HashSet<NaiveDate> = short_day::Entity::find()
        .filter(short_day::Column::SchoolId.eq(school.0))
        .filter(short_day::Column::Date.between(days.from, days.to))
        .all(&txn)
        .await?
        .into_iter()
        .map(|d| d.date)
        .collect();
    let mut added = 0;
    for d in dates.iter().filter(|d| !known.contains(d)) {
        short_day::ActiveModel {
            school_id: Set(school.0),
            date: Set(*d),
            name: Set(name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        added += 1;
    }
    let change = Change {
        action: "short_days_added",
        entity: "school",
        id: school.0,
        old: None,
        new: Some(json!({ "name": name, "dates": dates })),
    };
    super::profile::bump_school(&txn, school.0).await?;
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(added)
}

/// A day no longer shortened: its lessons are at the usual times again.
pub async fn remove_short_day(
    st: &AppState,
    admin: &SessionUser,
    date: &str,
) -> Result<(), ServiceError> {
    let school = admin_school(admin)?;
    let date = parse_date(date).map_err(|e| ServiceError::field("date", e))?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    let removed = short_day::Entity::delete_many()
        .filter(short_day::Column::SchoolId.eq(school.0))
        .filter(short_day::Column::Date.eq(date))
        .exec(&txn)
        .await?
        .rows_affected;
    if removed == 0 {
        return Err(ServiceError::NotFound);
    }
    super::profile::bump_school(&txn, school.0).await?;
    let change = Change {
        action: "short_day_removed",
        entity: "school",
        id: school.0,
        old: Some(json!({ "date": date })),
        new: None,
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(())
}
