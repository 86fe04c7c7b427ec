//! The school's subjects. A subject that has sections cannot be deleted
//! (its lessons and marks hang on them); it can be renamed, and every
//! journal and diary shows the new name.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use super::{admin_school, audited, same_school, Change, Problems};
use crate::domain::ids::SubjectId;
use crate::domain::setup::{required_text, same_text, SetupError};
use crate::i18n::{current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::server::entities::{course_section, subject};
use crate::server::{AppState, ServiceError};

/// The short name shown in narrow places: «Мат» for «Математика».
fn short_of(name: &str) -> String {
    name.chars().take(4).collect()
}

/// A subject's name and short name as typed, checked; an empty short name
/// is made from the name.
fn checked(name: &str, short_name: &str) -> Result<(String, String), ServiceError> {
    let mut p = Problems::default();
    let name = p.check("name", required_text(name, 80));
    let short = if short_name.trim().is_empty() {
        name.as_deref().map(short_of)
    } else {
        p.check("short_name", required_text(short_name, 12))
    };
    p.finish()?;
    match (name, short) {
        (Some(n), Some(s)) => Ok((n, s)),
        _ => Err(ServiceError::Internal("checked subject missing".into())),
    }
}

/// Refuses a name another subject of the school has (whatever the case).
async fn name_free(
    db: &impl sea_orm::ConnectionTrait,
    school: crate::domain::ids::SchoolId,
    name: &str,
    except: Option<i64>,
) -> Result<(), ServiceError> {
    let taken = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school.0))
        .all(db)
        .await?
        .iter()
        .any(|s| Some(s.id) != except && same_text(&s.name, name));
    if taken {
        Err(ServiceError::field("name", SetupError::Taken))
    } else {
        Ok(())
    }
}

/// Adds a subject; an empty short name is made from the name.
pub async fn add(
    st: &AppState,
    admin: &SessionUser,
    name: &str,
    short_name: &str,
) -> Result<SubjectId, ServiceError> {
    let school = admin_school(admin)?;
    let (name, short) = checked(name, short_name)?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    name_free(&txn, school, &name, None).await?;
    let s = subject::ActiveModel {
        school_id: Set(school.0),
        name: Set(name.clone()),
        short_name: Set(short.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let change = Change {
        action: "subject_added",
        entity: "subject",
        id: s.id,
        old: None,
        new: Some(json!({ "name": name, "short_name": short })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    Ok(SubjectId(s.id))
}

/// Deletes a subject no section teaches.
pub async fn delete(st: &AppState, admin: &SessionUser, id: SubjectId) -> Result<(), ServiceError> {
    let s = subject::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = same_school(admin, s.school_id)?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    let used = course_section::Entity::find()
        .filter(course_section::Column::SubjectId.eq(s.id))
        .count(&txn)
        .await?;
    if used > 0 {
        return Err(ServiceError::Conflict(
            texts(current_lang()).subject_has_lessons.into(),
        ));
    }
    subject::Entity::delete_by_id(s.id).exec(&txn).await?;
    let change = Change {
        action: "subject_deleted",
        entity: "subject",
        id: s.id,
        old: Some(json!({ "name": s.name, "short_name": s.short_name })),
        new: None,
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    Ok(())
}

/// Renames a subject (its short name too; empty: made from the name).
pub async fn rename(
    st: &AppState,
    admin: &SessionUser,
    id: SubjectId,
    name: &str,
    short_name: &str,
) -> Result<(), ServiceError> {
    let found = subject::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = same_school(admin, found.school_id)?;
    let (name, short) = checked(name, short_name)?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    name_free(&txn, school, &name, Some(id.0)).await?;
    let mut am: subject::ActiveModel = found.clone().into();
    am.name = Set(name.clone());
    am.short_name = Set(short.clone());
    am.update(&txn).await?;
    // Every view that shows the subject's name is read again.
    super::profile::bump_school(&txn, school.0).await?;
    let change = Change {
        action: "subject_renamed",
        entity: "subject",
        id: id.0,
        old: Some(json!({ "name": found.name, "short_name": found.short_name })),
        new: Some(json!({ "name": name, "short_name": short })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    // The classes' set-up (sections with their subjects) is cached.
    st.caches.classes.invalidate_all();
    st.caches.sections.invalidate_all();
    st.caches.menus.invalidate_all();
    st.caches.forget_school(school.0);
    Ok(())
}
