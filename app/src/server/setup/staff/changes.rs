//! Changing a member of staff: deactivating someone who left, giving or
//! taking a role.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::STAFF_ROLES;
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::roles::Role;
use crate::i18n::{current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::server::entities::{session, user, user_role};
use crate::server::setup::{admin_school, same_school, Change};
use crate::server::{AppState, ServiceError};

/// The member's account, if it belongs to the administrator's school.
async fn member_of(
    st: &AppState,
    admin: &SessionUser,
    user_id: UserId,
) -> Result<(SchoolId, user::Model, Vec<user_role::Model>), ServiceError> {
    let school_id = admin_school(admin)?;
    let u = user::Entity::find_by_id(user_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let holds = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(u.id))
        .all(&st.db)
        .await?;
    // Staff of this school only: a parent's or another school's account is
    // not the administrator's to change.
    let staff_here = holds.iter().any(|r| {
        r.school_id == Some(school_id.0)
            && Role::parse(&r.role).is_some_and(|role| STAFF_ROLES.contains(&role))
    });
    if !staff_here {
        return Err(ServiceError::Forbidden);
    }
    Ok((school_id, u, holds))
}

/// Deactivates (or reactivates) a member who left: no sign-in, every
/// session ended at once; their marks, sections and history stay.
pub async fn set_disabled(
    st: &AppState,
    admin: &SessionUser,
    user_id: UserId,
    disabled: bool,
) -> Result<(), ServiceError> {
    let (school, u, holds) = member_of(st, admin, user_id).await?;
    // The account is the person's everywhere: one who also works at a
    // school this administrator does not run is not theirs to switch off.
    let elsewhere = holds
        .iter()
        .filter_map(|r| r.school_id)
        .any(|s| same_school(admin, s).is_err());
    if elsewhere {
        return Err(ServiceError::Forbidden);
    }
    if u.id == admin.id.0 && disabled {
        return Err(ServiceError::Conflict(
            texts(current_lang()).not_this_school.into(),
        ));
    }
    let (_turn, txn) = crate::server::setup::begin_write(st, school).await?;
    user::ActiveModel {
        id: Set(u.id),
        disabled: Set(disabled),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    if disabled {
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(u.id))
            .exec(&txn)
            .await?;
    }
    let change = Change {
        action: if disabled {
            "staff_deactivated"
        } else {
            "staff_reactivated"
        },
        entity: "user",
        id: u.id,
        old: Some(json!({ "disabled": u.disabled })),
        new: Some(json!({ "disabled": disabled })),
    };
    crate::server::setup::audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    // Every process refuses the account's sessions at their next request
    // (`auth::user_for_token` reads `disabled` each time).
    Ok(())
}

/// Gives or takes one staff role of the member at the school.
pub async fn set_role(
    st: &AppState,
    admin: &SessionUser,
    user_id: UserId,
    role: &str,
    held: bool,
) -> Result<(), ServiceError> {
    let Some(role) = Role::parse(role.trim()).filter(|r| STAFF_ROLES.contains(r)) else {
        return Err(ServiceError::field("role", texts(current_lang()).required));
    };
    let (school, u, _) = member_of(st, admin, user_id).await?;
    if u.id == admin.id.0 && role == Role::Admin && !held {
        // The last word on a school must not lock its administrator out.
        return Err(ServiceError::Conflict(
            texts(current_lang()).not_this_school.into(),
        ));
    }
    let (_turn, txn) = crate::server::setup::begin_write(st, school).await?;
    if held {
        crate::server::accounts::grant_school_role(&txn, UserId(u.id), role, school).await?;
    } else {
        user_role::Entity::delete_many()
            .filter(user_role::Column::UserId.eq(u.id))
            .filter(user_role::Column::Role.eq(role.as_str()))
            .filter(user_role::Column::SchoolId.eq(school.0))
            .exec(&txn)
            .await?;
        crate::server::visibility::bump_access(&txn, vec![u.id]).await?;
    }
    let change = Change {
        action: if held { "role_given" } else { "role_taken" },
        entity: "user",
        id: u.id,
        old: None,
        new: Some(json!({ "role": role.as_str(), "held": held })),
    };
    crate::server::setup::audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    // The roles follow on every process through the bumped access version.
    st.caches.menus.invalidate_all();
    Ok(())
}
