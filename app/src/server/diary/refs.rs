//! The set-up every diary view reads, cached: a class's sections with their
//! subjects, teachers and groups (the school's own set-up is `server::school`).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::sync::Arc;

use crate::server::cache::ClassRefs;
use crate::server::entities::{class, course_section, person, subject};
use crate::server::school::Groups;
use crate::server::visibility::full_name;
use crate::server::{AppState, ServiceError};

/// The class's sections with subjects and teachers, cached.
pub(super) async fn sections_of(
    st: &AppState,
    class: Option<&class::Model>,
) -> Result<Arc<ClassRefs>, ServiceError> {
    let Some(class) = class else {
        return Ok(Arc::new(ClassRefs::default()));
    };
    if let Some(hit) = st.caches.classes.get(&class.id) {
        return Ok(hit);
    }
    let mut sections = course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(class.id))
        .all(&st.db)
        .await?;
    sections.sort_by_key(|s| (s.subject_id, s.id));
    let subjects = subject::Entity::find()
        .filter(
            subject::Column::Id.is_in(sections.iter().map(|s| s.subject_id).collect::<Vec<_>>()),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let teachers = person::Entity::find()
        .filter(person::Column::Id.is_in(sections.iter().map(|s| s.teacher_id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.id, full_name(&p).short()))
        .collect();
    let groups = Groups::of(&st.db, &sections).await?;
    let refs = Arc::new(ClassRefs {
        sections,
        subjects,
        teachers,
        groups,
    });
    st.caches.classes.insert(class.id, refs.clone());
    Ok(refs)
}
