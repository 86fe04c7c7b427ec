//! The school's subjects. A subject that has sections cannot be deleted
//! (its lessons and marks hang on them); it can be renamed.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use super::{admin_school, audited, same_school, Change, Problems};
use crate::domain::ids::SubjectId;
use crate::domain::setup::required_text;
use crate::i18n::{current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::server::entities::{course_section, subject};
use crate::server::{AppState, ServiceError};

/// The short name shown in narrow places: «Мат» for «Математика».
fn short_of(name: &str) -> String {
    name.chars().take(4).collect()
}

/// Adds a subject; an empty short name is made from the name.
pub async fn add(
    st: &AppState,
    admin: &SessionUser,
    name: &str,
    short_name: &str,
) -> Result<SubjectId, ServiceError> {
    let school = admin_school(admin)?;
    let mut p = Problems::default();
    let name = p.check("name", required_text(name, 80));
    let short = if short_name.trim().is_empty() {
        name.as_deref().map(short_of)
    } else {
        p.check("short_name", required_text(short_name, 12))
    };
    p.finish()?;
    let (Some(name), Some(short)) = (name, short) else {
        return Err(ServiceError::Internal("checked subject missing".into()));
    };
    let (_turn, txn) = super::begin_write(st, school).await?;
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
