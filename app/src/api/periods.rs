//! The school's periods (quarters, halves, the year), which the school's
//! admin closes when their marks are final: a closed period's marks, period
//! marks, topics and homework can no longer be changed, and its grids are
//! read-only.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::SessionUser;
use crate::error::AppError;

/// A period as the school's admin sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub id: i64,
    pub name: String,
    /// quarter, trimester, half or year.
    pub kind: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub locked: bool,
    /// When it was closed, in the school's time («05.11.2026 14:30»).
    pub locked_at: Option<String>,
}

/// The periods of the school year that is on (or the last one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearPeriods {
    pub user: SessionUser,
    pub school_name: String,
    pub year_name: String,
    pub periods: Vec<PeriodRow>,
}

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
pub async fn lock_period(period_id: i64, locked: bool) -> Result<PeriodRow, AppError> {
    use crate::server::{auth, periods, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(periods::set_locked(&st, &user, period_id, locked).await?)
}
