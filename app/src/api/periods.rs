//! The school's periods (quarters, halves, the year), which the school's
//! admin closes when their marks are final: a closed period's marks, period
//! marks, topics and homework can no longer be changed, and its grids are
//! read-only.

use leptos::prelude::*;

use crate::domain::ids::PeriodId;
use crate::error::AppError;
use crate::model::periods::*;

/// The periods of the school the user administers.
#[server(endpoint = "school_periods")]
pub async fn school_periods() -> Result<YearPeriods, AppError> {
    use crate::server::{auth, periods, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(periods::school_periods(&st, user).await?)
}

/// Closes (`locked` = true) or reopens a period; the school's admin only.
#[server(endpoint = "period_lock")]
pub async fn lock_period(period_id: PeriodId, locked: bool) -> Result<PeriodRow, AppError> {
    use crate::server::{auth, periods, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(periods::set_locked(&st, &user, period_id, locked).await?)
}
