//! Course sections: a class (or a group of it) × a subject × a teacher. The
//! journal and its rights follow them: the teacher of a section keeps its
//! journal.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::classes::{check_teacher, own_class};
use super::{audited, Change, Problems};
use crate::domain::ids::{ClassId, PersonId, SectionId, SubjectId};
use crate::domain::setup::optional_text;
use crate::i18n::{current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::server::entities::{course_section, subject};
use crate::server::{AppState, ServiceError};

/// Adds a section; a subject taught to a class twice needs a group name
/// for each («1 группа», «2 группа»).
pub async fn add(
    st: &AppState,
    admin: &SessionUser,
    class_id: ClassId,
    subject_id: SubjectId,
    teacher_id: PersonId,
    group_name: &str,
) -> Result<SectionId, ServiceError> {
    let (school, c) = own_class(st, admin, class_id).await?;
    let t = texts(current_lang());
    let mut p = Problems::default();
    let subject = subject::Entity::find_by_id(subject_id.0)
        .one(&st.db)
        .await?
        .filter(|s| s.school_id == school.0);
    if subject.is_none() {
        p.add("subject_id", t.not_this_school);
    }
    if !check_teacher(st, school, teacher_id).await? {
        p.add("teacher_id", t.not_a_teacher);
    }
    let group = p
        .check("group_name", optional_text(group_name, 40))
        .flatten();
    let same = course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(c.id))
        .filter(course_section::Column::SubjectId.eq(subject_id.0))
        .all(&st.db)
        .await?;
    // A subject taught to a class twice is taught to its groups: each one,
    // the new one and those there already, has its own name.
    if !same.is_empty()
        && (group.is_none()
            || same
                .iter()
                .any(|s| s.group_name.is_none() || s.group_name == group))
    {
        p.add("group_name", t.group_needed);
    }
    p.finish()?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    let s = course_section::ActiveModel {
        class_id: Set(c.id),
        subject_id: Set(subject_id.0),
        teacher_id: Set(teacher_id.0),
        group_name: Set(group.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let change = Change {
        action: "section_added",
        entity: "course_section",
        id: s.id,
        old: None,
        new: Some(json!({ "class": c.name, "subject_id": subject_id.0,
                          "teacher_id": teacher_id.0, "group": group })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_class(c.id);
    Ok(SectionId(s.id))
}
