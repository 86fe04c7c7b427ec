//! The bell schedule: lesson numbers with their start and end times. Saved
//! whole (the form shows the day's lessons as one list), checked by
//! `domain::setup::check_bells`.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::{admin_school, audited, Change, Problems};
use crate::domain::setup::{check_bells, parse_time, Bell, SetupError};
use crate::model::accounts::SessionUser;
use crate::model::setup::BellForm;
use crate::server::entities::{bell_time, class, timetable_slot};
use crate::server::{AppState, ServiceError};

/// Replaces the school's bells with `bells`.
pub async fn set_bells(
    st: &AppState,
    admin: &SessionUser,
    bells: &[BellForm],
) -> Result<(), ServiceError> {
    let school = admin_school(admin)?;
    let mut p = Problems::default();
    if bells.is_empty() {
        p.add("bells", SetupError::Required);
    }
    let all = checked(&mut p, bells);
    // A lesson number the classes' weeks use stays.
    let numbers: std::collections::HashSet<i32> = all.iter().map(|b| b.number).collect();
    let classes: Vec<i64> = class::Entity::find()
        .filter(class::Column::SchoolId.eq(school.0))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let used = timetable_slot::Entity::find()
        .filter(timetable_slot::Column::ClassId.is_in(classes))
        .all(&st.db)
        .await?;
    if let Some(slot) = used.iter().find(|s| !numbers.contains(&s.number)) {
        p.add("bells", SetupError::BellInUse);
        tracing::debug!(number = slot.number, "bell in use");
    }
    p.finish()?;

    let (_turn, txn) = super::begin_write(st, school).await?;
    let old = bell_time::Entity::find()
        .filter(bell_time::Column::SchoolId.eq(school.0))
        .all(&txn)
        .await?;
    bell_time::Entity::delete_many()
        .filter(bell_time::Column::SchoolId.eq(school.0))
        .exec(&txn)
        .await?;
    bell_time::Entity::insert_many(all.iter().map(|b| bell_time::ActiveModel {
        school_id: Set(school.0),
        number: Set(b.number),
        starts_at: Set(b.starts_at),
        ends_at: Set(b.ends_at),
        ..Default::default()
    }))
    .exec_without_returning(&txn)
    .await?;
    let change = Change {
        action: "bells_set",
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

/// The bells as typed, checked: each time read, the numbers and times by
/// `check_bells`; the problems noted under `bells.{i}.…`. In lesson order.
pub(super) fn checked(p: &mut Problems, bells: &[BellForm]) -> Vec<Bell> {
    let parsed: Vec<Option<Bell>> = bells
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let from = p.check(&format!("bells.{i}.starts_at"), parse_time(&b.starts_at));
            let to = p.check(&format!("bells.{i}.ends_at"), parse_time(&b.ends_at));
            Some(Bell {
                number: b.number,
                starts_at: from?,
                ends_at: to?,
            })
        })
        .collect();
    if parsed.iter().all(Option::is_some) {
        let all: Vec<Bell> = parsed.iter().flatten().copied().collect();
        for (i, e) in check_bells(&all) {
            let field = match e {
                SetupError::BadLessonNumber => "number",
                SetupError::BellsOverlap => "starts_at",
                _ => "ends_at",
            };
            p.add(format!("bells.{i}.{field}"), e);
        }
    }
    let mut all: Vec<Bell> = parsed.into_iter().flatten().collect();
    all.sort_by_key(|b| b.number);
    all
}

/// Bells for the audit log: [number, «08:30», «09:15»].
pub(super) fn show(v: Vec<(i32, chrono::NaiveTime, chrono::NaiveTime)>) -> serde_json::Value {
    json!(v
        .into_iter()
        .map(|(n, a, b)| json!([
            n,
            a.format("%H:%M").to_string(),
            b.format("%H:%M").to_string()
        ]))
        .collect::<Vec<_>>())
}
