//! Closing and reopening the school's periods (the school's admin only).
//! A save checks the periods it writes into twice — before it waits for its
//! turn and in its first statement (`cache::bump_class_in_open`) — so a
//! period closed here stops every later write at once.

use chrono::Utc;
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;

use super::audit::{self, AuditEntry};
use super::entities::{period, school};
use super::school::{self as setup, local_time};
use super::{AppState, ServiceError};
use crate::domain::ids::{PeriodId, SchoolId};
use crate::domain::roles::Role;
use crate::model::accounts::SessionUser;
use crate::model::periods::{PeriodRow, YearPeriods};

fn row(p: &period::Model, zone: Tz) -> PeriodRow {
    PeriodRow {
        id: PeriodId(p.id),
        name: p.name.clone(),
        kind: p.kind.clone(),
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        locked: p.locked,
        locked_at: p.locked_at.map(|t| local_time(zone, t)),
    }
}

/// The periods of the year that is on at the school the user administers
/// (or of its latest year, between years).
pub async fn school_periods(st: &AppState, user: SessionUser) -> Result<YearPeriods, ServiceError> {
    let school_id = user
        .schools_as(Role::Admin)
        .first()
        .ok_or(ServiceError::Forbidden)?
        .0;
    let school = school::Entity::find_by_id(school_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let zone = setup::zone(&school);
    let year = setup::current_year(&st.db, SchoolId(school_id), setup::today_in(zone))
        .await?
        .ok_or(ServiceError::NotFound)?;
    let periods = setup::periods_of_year(&st.db, year.id).await?;
    Ok(YearPeriods {
        user,
        school_name: school.short_name,
        year_name: year.name.clone(),
        periods: periods.iter().map(|p| row(p, zone)).collect(),
    })
}

/// Closes or reopens a period, with an audit entry; setting the state it
/// already has changes nothing.
pub async fn set_locked(
    st: &AppState,
    user: &SessionUser,
    period_id: PeriodId,
    locked: bool,
) -> Result<PeriodRow, ServiceError> {
    let (_, year) = super::school::period_with_year(&st.db, period_id).await?;
    let period_id = period_id.0;
    if !user
        .schools_as(Role::Admin)
        .iter()
        .any(|s| s.0 == year.school_id)
    {
        return Err(ServiceError::Forbidden);
    }
    let txn = st.db.begin().await?;
    // Only a change of state writes (and is audited): two admins pressing
    // the same button at once leave one entry.
    let changed = period::Entity::update_many()
        .col_expr(period::Column::Locked, Expr::value(locked))
        .col_expr(period::Column::LockedAt, Expr::value(locked.then(Utc::now)))
        .filter(period::Column::Id.eq(period_id))
        .filter(period::Column::Locked.eq(!locked))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if changed {
        audit::record_all(
            &txn,
            vec![AuditEntry {
                actor_user_id: Some(user.id.0),
                school_id: Some(year.school_id),
                action: if locked { "lock" } else { "unlock" },
                entity: "period",
                entity_id: Some(period_id),
                old_value: Some(json!({ "locked": !locked })),
                new_value: Some(json!({ "locked": locked })),
            }],
        )
        .await?;
    }
    txn.commit().await?;
    let p = period::Entity::find_by_id(period_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let zone = setup::school_refs(st, Some(year.school_id)).await?.zone;
    Ok(row(&p, zone))
}
