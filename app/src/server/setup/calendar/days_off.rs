//! Non-school days inside a year: added and taken back.

use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;

use super::named_days;
use crate::domain::ids::{HolidayId, YearId};
use crate::domain::setup::SetupError;
use crate::model::accounts::SessionUser;
use crate::model::setup::SpanForm;
use crate::server::entities::{academic_year, holiday};
use crate::server::setup::{audited, same_school, Change, Problems};
use crate::server::{AppState, ServiceError};

/// A holiday between periods.
pub const HOLIDAY: &str = "holiday";
/// A non-school day inside a period.
pub const DAY_OFF: &str = "day_off";

/// Adds non-school days to a year (a public holiday, a day the school is
/// closed): no lessons are generated on them; generating the period again
/// removes the lessons there that hold nothing.
pub async fn add_day_off(
    st: &AppState,
    admin: &SessionUser,
    year_id: YearId,
    form: &SpanForm,
) -> Result<HolidayId, ServiceError> {
    let year = academic_year::Entity::find_by_id(year_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = same_school(admin, year.school_id)?;
    let mut p = Problems::default();
    let (name, days) = named_days(&mut p, form);
    let days = days.filter(|d| {
        let inside = d.from >= year.starts_on && d.to <= year.ends_on;
        if !inside {
            p.add("starts_on", SetupError::OutsideYear);
        }
        inside
    });
    p.finish()?;
    let (Some(name), Some(days)) = (name, days) else {
        return Err(ServiceError::Internal("checked day off missing".into()));
    };
    let (_turn, txn) = crate::server::setup::begin_write(st, school).await?;
    let h = holiday::ActiveModel {
        school_id: Set(school.0),
        academic_year_id: Set(year.id),
        name: Set(name.clone()),
        starts_on: Set(days.from),
        ends_on: Set(days.to),
        kind: Set(DAY_OFF.into()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let change = Change {
        action: "day_off_added",
        entity: "holiday",
        id: h.id,
        old: None,
        new: Some(json!({ "name": name, "starts_on": days.from, "ends_on": days.to })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(HolidayId(h.id))
}

/// Takes back non-school days added to a year (a holiday between periods
/// stays: the year's periods were checked against it). Generating the
/// period again gives those days their lessons.
pub async fn remove_day_off(
    st: &AppState,
    admin: &SessionUser,
    id: HolidayId,
) -> Result<(), ServiceError> {
    let h = holiday::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = same_school(admin, h.school_id)?;
    if h.kind != DAY_OFF {
        return Err(ServiceError::Conflict(
            crate::i18n::setup::texts(crate::i18n::current_lang())
                .holiday_stays
                .into(),
        ));
    }
    let (_turn, txn) = crate::server::setup::begin_write(st, school).await?;
    holiday::Entity::delete_by_id(h.id).exec(&txn).await?;
    let change = Change {
        action: "day_off_removed",
        entity: "holiday",
        id: h.id,
        old: Some(json!({ "name": h.name, "starts_on": h.starts_on, "ends_on": h.ends_on })),
        new: None,
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(())
}
