//! Attached files: who may download one, and where it is kept.

use sea_orm::EntityTrait;

use crate::domain::ids::AttachmentId;
use crate::domain::roles::Role;
use crate::model::accounts::SessionUser;
use crate::server::entities::{attachment, class, course_section, homework};
use crate::server::visibility::readable;
use crate::server::{AppState, ServiceError};

/// An attached file the user may download, and where it is on disk.
/// Homework files: the students of the section's class (and their parents),
/// the section's teacher, and the school's administrators.
pub async fn attachment_for(
    st: &AppState,
    user: &SessionUser,
    id: AttachmentId,
) -> Result<(attachment::Model, std::path::PathBuf), ServiceError> {
    let a = attachment::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if a.owner_kind != "homework" {
        return Err(ServiceError::NotFound);
    }
    let hw = homework::Entity::find_by_id(a.owner_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let section = course_section::Entity::find_by_id(hw.section_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let readable = readable(st, user).await?;
    let in_class = readable
        .iter()
        .any(|r| r.class.as_ref().is_some_and(|c| c.id == section.class_id));
    let teaches = user.person_id.is_some_and(|p| p.0 == section.teacher_id);
    let admin = match user.schools_as(Role::Admin).first() {
        Some(school) => class::Entity::find_by_id(section.class_id)
            .one(&st.db)
            .await?
            .is_some_and(|c| c.school_id == school.0),
        None => false,
    };
    if !(in_class || teaches || admin) {
        return Err(ServiceError::Forbidden);
    }
    // The key is ours, but never let it leave the folder.
    let key = std::path::Path::new(&a.storage_key);
    if key.is_absolute()
        || key
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(ServiceError::Internal(format!(
            "bad storage key for attachment {id}"
        )));
    }
    let path = st.files_dir.join(key);
    Ok((a, path))
}
