//! Groups inside a class for a subject (English in two): each group's
//! section has its own students, who alone are in its journal and whose
//! diaries alone show its lessons. A student is in one group of a subject;
//! nobody leaves a group while holding marks or attendance in it.

use std::collections::HashSet;

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use super::classes::own_class;
use super::{audited, Change};
use crate::domain::ids::{ClassId, PersonId, SectionId};
use crate::domain::setup::SetupError;
use crate::model::accounts::SessionUser;
use crate::model::setup::SetupGroup;
use crate::server::entities::{
    attendance_record, course_section, enrolment, group_member, lesson, mark,
};
use crate::server::school::Groups;
use crate::server::{cache, AppState, ServiceError};

/// The groups of a class with their members, for its screen.
pub async fn of_class(
    db: &impl sea_orm::ConnectionTrait,
    sections: &[course_section::Model],
    label: impl Fn(&course_section::Model) -> String,
) -> Result<Vec<SetupGroup>, ServiceError> {
    let groups = Groups::of(db, sections).await?;
    Ok(sections
        .iter()
        .filter_map(|s| {
            let members = groups.members(s.id)?;
            let mut members: Vec<PersonId> = members.iter().copied().map(PersonId).collect();
            members.sort();
            Some(SetupGroup {
                section_id: SectionId(s.id),
                label: label(s),
                members,
            })
        })
        .collect())
}

/// Sets who is in a group: `students` replace its members.
pub async fn set_members(
    st: &AppState,
    admin: &SessionUser,
    section_id: SectionId,
    students: &[PersonId],
) -> Result<(), ServiceError> {
    let section = course_section::Entity::find_by_id(section_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (school, c) = own_class(st, admin, ClassId(section.class_id)).await?;
    if section.group_name.is_none() {
        return Err(ServiceError::field("section_id", SetupError::NotAGroup));
    }
    let wanted: HashSet<i64> = students.iter().map(|p| p.0).collect();
    let (_turn, txn) = super::begin_write(st, school).await?;
    // Only the class's students, each in one group of the subject.
    let in_class: HashSet<i64> = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|e| e.student_id)
        .collect();
    if !wanted.is_subset(&in_class) {
        return Err(ServiceError::field("students", SetupError::NotInClass));
    }
    let siblings: Vec<course_section::Model> = course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(c.id))
        .filter(course_section::Column::SubjectId.eq(section.subject_id))
        .filter(course_section::Column::Id.ne(section.id))
        .all(&txn)
        .await?;
    let others = Groups::of(&txn, &siblings).await?;
    let elsewhere = siblings.iter().any(|s| {
        others
            .members(s.id)
            .is_some_and(|m| !m.is_disjoint(&wanted))
    });
    if elsewhere {
        return Err(ServiceError::field("students", SetupError::InOtherGroup));
    }
    let before: HashSet<i64> = group_member::Entity::find()
        .filter(group_member::Column::SectionId.eq(section.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.student_id)
        .collect();
    // Whoever leaves the group must hold nothing in its journal.
    let leaving: Vec<i64> = before.difference(&wanted).copied().collect();
    if !leaving.is_empty() {
        let lessons: Vec<i64> = lesson::Entity::find()
            .filter(lesson::Column::SectionId.eq(section.id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|l| l.id)
            .collect();
        let marks = mark::Entity::find()
            .filter(mark::Column::LessonId.is_in(lessons.clone()))
            .filter(mark::Column::StudentId.is_in(leaving.clone()))
            .count(&txn)
            .await?;
        let attendance = attendance_record::Entity::find()
            .filter(attendance_record::Column::LessonId.is_in(lessons))
            .filter(attendance_record::Column::StudentId.is_in(leaving))
            .count(&txn)
            .await?;
        if marks + attendance > 0 {
            return Err(ServiceError::field("students", SetupError::MarksInGroup));
        }
    }
    group_member::Entity::delete_many()
        .filter(group_member::Column::SectionId.eq(section.id))
        .exec(&txn)
        .await?;
    let mut sorted: Vec<i64> = wanted.iter().copied().collect();
    sorted.sort_unstable();
    for student in &sorted {
        group_member::ActiveModel {
            section_id: Set(section.id),
            student_id: Set(*student),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    cache::bump_class(&txn, c.id).await?;
    let mut was: Vec<i64> = before.into_iter().collect();
    was.sort_unstable();
    let change = Change {
        action: "group_members_set",
        entity: "course_section",
        id: section.id,
        old: Some(json!({ "group": section.group_name, "students": was })),
        new: Some(json!({ "group": section.group_name, "students": sorted })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_class(c.id);
    Ok(())
}
