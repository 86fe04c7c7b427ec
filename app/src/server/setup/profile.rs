//! The school's profile: its names, address and time zone, and the rounding
//! policy of period marks. A change of the thresholds or the time zone shows
//! at once in every journal and diary of the school: each class's journal
//! version is bumped with it.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::json;

use super::{admin_school, audited, work_types, Change, Problems};
use crate::domain::setup::{optional_text, parse_policy, required_text, SetupError};
use crate::model::accounts::SessionUser;
use crate::model::setup::{ProfileForm, SchoolProfile};
use crate::server::entities::{class, school};
use crate::server::school::{parse_zone, policy};
use crate::server::{AppState, ServiceError};

/// The profile and the work types, for their screen.
pub async fn load(st: &AppState, user: SessionUser) -> Result<SchoolProfile, ServiceError> {
    let id = admin_school(&user)?;
    let s = school::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let work_types = work_types::list(&st.db, id).await?;
    Ok(SchoolProfile {
        user,
        policy: policy(&s),
        name: s.name,
        short_name: s.short_name,
        city: s.city,
        address: s.address,
        time_zone: s.time_zone,
        work_types,
    })
}

/// Saves the profile, every field checked first; nothing is written when
/// one is wrong.
pub async fn save(
    st: &AppState,
    admin: &SessionUser,
    form: &ProfileForm,
) -> Result<(), ServiceError> {
    let id = admin_school(admin)?;
    let mut p = Problems::default();
    let name = p.check("name", required_text(&form.name, 200));
    let short = p.check("short_name", required_text(&form.short_name, 120));
    let city = p.check("city", required_text(&form.city, 120));
    let address = p.check("address", optional_text(&form.address, 300));
    let zone = if parse_zone(&form.time_zone).is_some() {
        Some(form.time_zone.trim().to_string())
    } else {
        p.add("time_zone", SetupError::UnknownTimeZone);
        None
    };
    let rounding = parse_policy(&form.five_from, &form.four_from, &form.three_from)
        .map_err(|es| {
            for (field, e) in es {
                p.add(field, e);
            }
        })
        .ok();
    p.finish()?;
    let (Some(name), Some(short), Some(city), Some(address), Some(zone), Some(rounding)) =
        (name, short, city, address, zone, rounding)
    else {
        return Err(ServiceError::Internal("checked profile missing".into()));
    };
    let (_turn, txn) = super::begin_write(st, id).await?;
    let old = school::Entity::find_by_id(id.0)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let taken = school::Entity::find()
        .filter(school::Column::ShortName.eq(short.as_str()))
        .filter(school::Column::Id.ne(id.0))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(ServiceError::field("short_name", SetupError::Taken));
    }
    let before = json!({
        "name": old.name, "short_name": old.short_name, "city": old.city,
        "address": old.address, "time_zone": old.time_zone,
        "five_from_centi": old.five_from_centi, "four_from_centi": old.four_from_centi,
        "three_from_centi": old.three_from_centi,
    });
    let shown_differently = policy(&old) != rounding || old.time_zone != zone;
    let mut am = old.into_active_model();
    am.name = Set(name);
    am.short_name = Set(short);
    am.city = Set(city);
    am.address = Set(address);
    am.time_zone = Set(zone);
    am.five_from_centi = Set(rounding.five_from_centi as i32);
    am.four_from_centi = Set(rounding.four_from_centi as i32);
    am.three_from_centi = Set(rounding.three_from_centi as i32);
    let new = am.update(&txn).await?;
    if shown_differently {
        bump_school(&txn, id.0).await?;
    }
    let after = json!({
        "name": new.name, "short_name": new.short_name, "city": new.city,
        "address": new.address, "time_zone": new.time_zone,
        "five_from_centi": new.five_from_centi, "four_from_centi": new.four_from_centi,
        "three_from_centi": new.three_from_centi,
    });
    let change = Change {
        action: "school_profile_changed",
        entity: "school",
        id: id.0,
        old: Some(before),
        new: Some(after),
    };
    audited(&txn, Some(admin), id, change).await?;
    txn.commit().await?;
    st.caches.forget_school(id.0);
    Ok(())
}

/// Marks every class's journal of the school as changed: what their views
/// show (suggested period marks, averages, local times) follows the school's
/// rules, so a view built before the change is not shown again — by any
/// server process.
pub(super) async fn bump_school(
    db: &impl sea_orm::ConnectionTrait,
    school_id: i64,
) -> Result<(), ServiceError> {
    class::Entity::update_many()
        .col_expr(
            class::Column::DataVersion,
            Expr::col(class::Column::DataVersion).add(1),
        )
        .filter(class::Column::SchoolId.eq(school_id))
        .exec(db)
        .await?;
    Ok(())
}
