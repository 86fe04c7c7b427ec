//! Wire types of periods: what its server functions carry, used by
//! the services (`server::periods`) and the pages alike.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::ids::PeriodId;
use crate::model::accounts::SessionUser;

/// A period as the school's admin sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub id: PeriodId,
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
