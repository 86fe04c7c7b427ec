//! Who may see which student. Every diary and message service goes through
//! here: a parent sees only children with an approved guardianship, a
//! student only themselves; anything else is refused with 403.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use std::sync::Arc;

use super::cache::ReadableStudent;
use super::entities::{class, enrolment, guardianship, person, user};
use super::{AppState, ServiceError};
use crate::domain::ids::{PersonId, SchoolId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;
use crate::model::accounts::SessionUser;
use crate::model::diary::{DiaryScope, StudentRef};

/// The student a view is about, with their class.
pub struct StudentContext {
    pub scope: DiaryScope,
    pub class: Option<class::Model>,
    pub school_id: Option<SchoolId>,
}

pub fn full_name(p: &person::Model) -> FullName {
    FullName {
        last: p.last_name.clone(),
        first: p.first_name.clone(),
        middle: p.middle_name.clone(),
    }
}

/// The students `user` may read the diary of, by person id.
pub async fn readable_students(
    st: &AppState,
    user: &SessionUser,
) -> Result<Vec<PersonId>, ServiceError> {
    let mut ids = Vec::new();
    if user.has_role(Role::Parent) {
        ids.extend(
            guardianship::Entity::find()
                .filter(guardianship::Column::GuardianUserId.eq(user.id.0))
                .filter(guardianship::Column::RevokedAt.is_null())
                .all(&st.db)
                .await?
                .into_iter()
                .map(|g| PersonId(g.student_id)),
        );
    }
    if user.has_role(Role::Student) {
        if let Some(pid) = user.person_id {
            ids.push(pid);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Marks what these accounts may see or do as changed: every server process
/// reads their roles and readable students afresh on their next request.
pub async fn bump_access(
    db: &impl sea_orm::ConnectionTrait,
    users: Vec<i64>,
) -> Result<(), ServiceError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    for chunk in users.chunks(500) {
        user::Entity::update_many()
            .col_expr(
                user::Column::AccessVersion,
                Expr::col(user::Column::AccessVersion).add(1),
            )
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// [`bump_access`] for everyone who reads these students: their guardians
/// and their own accounts (after a move, a leaving, a class renamed).
pub async fn bump_readers(
    db: &impl sea_orm::ConnectionTrait,
    students: Vec<i64>,
) -> Result<(), ServiceError> {
    let mut users: Vec<i64> = guardianship::Entity::find()
        .select_only()
        .column(guardianship::Column::GuardianUserId)
        .filter(guardianship::Column::StudentId.is_in(students.clone()))
        .into_tuple()
        .all(db)
        .await?;
    let own: Vec<i64> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::PersonId.is_in(students))
        .into_tuple()
        .all(db)
        .await?;
    users.extend(own);
    users.sort_unstable();
    users.dedup();
    bump_access(db, users).await
}

/// The students `user` may read, with their classes; cached per access
/// version.
pub async fn readable(
    st: &AppState,
    user: &SessionUser,
) -> Result<Arc<Vec<ReadableStudent>>, ServiceError> {
    if let Some(hit) = st.caches.readable.get(&(user.id, user.access_version)) {
        return Ok(hit);
    }
    let ids: Vec<i64> = readable_students(st, user)
        .await?
        .into_iter()
        .map(i64::from)
        .collect();
    let mut list = Vec::new();
    if !ids.is_empty() {
        let persons = person::Entity::find()
            .filter(person::Column::Id.is_in(ids.clone()))
            .all(&st.db)
            .await?;
        let enrolments = enrolment::Entity::find()
            .filter(enrolment::Column::StudentId.is_in(ids.clone()))
            .filter(enrolment::Column::EndsOn.is_null())
            .all(&st.db)
            .await?;
        let classes: HashMap<i64, class::Model> = class::Entity::find()
            .filter(
                class::Column::Id.is_in(enrolments.iter().map(|e| e.class_id).collect::<Vec<_>>()),
            )
            .all(&st.db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        for p in &persons {
            let class = enrolments
                .iter()
                .find(|e| e.student_id == p.id)
                .and_then(|e| classes.get(&e.class_id))
                .cloned();
            list.push(ReadableStudent {
                student: StudentRef {
                    id: PersonId(p.id),
                    name: full_name(p),
                    class_name: class.as_ref().map(|c| c.name.clone()),
                },
                school_id: class
                    .as_ref()
                    .map(|c| c.school_id)
                    .or(p.school_id)
                    .map(SchoolId),
                class,
            });
        }
        list.sort_by_key(|r| r.student.name.sort_key());
    }
    let list = Arc::new(list);
    st.caches
        .readable
        .insert((user.id, user.access_version), list.clone());
    Ok(list)
}

/// Resolves which student a diary view shows: the requested one if the user
/// may see them (403 otherwise), else the first by name.
pub async fn student_scope(
    st: &AppState,
    user: &SessionUser,
    requested: Option<PersonId>,
) -> Result<StudentContext, ServiceError> {
    let list = readable(st, user).await?;
    let chosen = match requested {
        Some(r) => list.iter().find(|s| s.student.id == r),
        None => list.first(),
    };
    let Some(chosen) = chosen else {
        if let Some(r) = requested {
            tracing::warn!(
                user = user.id.0,
                student = r.0,
                "refused: not the user's child"
            );
        }
        return Err(ServiceError::Forbidden);
    };
    Ok(StudentContext {
        scope: DiaryScope {
            user: user.clone(),
            student: chosen.student.clone(),
            children: list.iter().map(|s| s.student.clone()).collect(),
            today: super::school::today(st, chosen.school_id.map(|s| s.0)).await?,
        },
        class: chosen.class.clone(),
        school_id: chosen.school_id,
    })
}

/// Short names («Смирнова Е. В.») of the given accounts.
pub async fn user_names(
    st: &AppState,
    user_ids: Vec<i64>,
) -> Result<HashMap<i64, String>, ServiceError> {
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(&st.db)
        .await?;
    let persons: HashMap<i64, person::Model> = person::Entity::find()
        .filter(
            person::Column::Id.is_in(users.iter().filter_map(|u| u.person_id).collect::<Vec<_>>()),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(users
        .into_iter()
        .map(|u| {
            let name = u
                .person_id
                .and_then(|pid| persons.get(&pid))
                .map(|p| full_name(p).short())
                .unwrap_or(u.email);
            (u.id, name)
        })
        .collect())
}
