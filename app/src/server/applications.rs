//! The access workflow: a parent files an application per child; the school
//! officer matches it against the roster, checks the parent's passport in
//! person, and approves (creating the guardianship) or rejects with a reason.
//! Every transition is recorded with who and when, and reported by mail in
//! the same transaction.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

use super::access::{full_name, user_names};
use super::audit::{self, AuditEntry};
use super::entities::{
    access_application, application_event, class, enrolment, guardianship, person, school, user,
    user_role,
};
use super::{mail, AppState, ServiceError};
use crate::api::applications::*;
use crate::api::SessionUser;
use crate::domain::applications::{birth_date, RejectReason, Relation, Status};
use crate::domain::names::{normalize_part, FullName, NameError};
use crate::domain::roles::Role;
use crate::error::FieldError;

pub struct NewApplication {
    pub school: i64,
    pub class: i64,
    pub parent: [String; 3],
    pub child: [String; 3],
    pub child_birth_date: String,
    pub relation: String,
}

fn name_errors(prefix: &str, errors: Vec<NameError>, out: &mut Vec<FieldError>) {
    for e in errors {
        let part = match e {
            NameError::Empty(p) | NameError::TooLong(p) | NameError::BadCharacters(p) => p,
        };
        let part = format!("{part:?}").to_lowercase();
        out.push(FieldError {
            field: format!("{prefix}_{part}"),
            message: format!(
                "{}: {e}",
                if prefix == "parent" {
                    "Родитель"
                } else {
                    "Ребёнок"
                }
            ),
        });
    }
}

fn app_name(m: &access_application::Model, child: bool) -> FullName {
    if child {
        FullName {
            last: m.child_last_name.clone(),
            first: m.child_first_name.clone(),
            middle: m.child_middle_name.clone(),
        }
    } else {
        FullName {
            last: m.parent_last_name.clone(),
            first: m.parent_first_name.clone(),
            middle: m.parent_middle_name.clone(),
        }
    }
}

async fn event(
    db: &impl ConnectionTrait,
    app: &access_application::Model,
    to: Status,
    actor: i64,
    note: Option<String>,
) -> Result<(), ServiceError> {
    application_event::ActiveModel {
        application_id: Set(app.id),
        from_status: Set(Some(app.status.clone())),
        to_status: Set(to.as_str().into()),
        actor_user_id: Set(Some(actor)),
        note: Set(note),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        AuditEntry {
            actor_user_id: Some(actor),
            school_id: Some(app.school_id),
            action: "transition",
            entity: "access_application",
            entity_id: Some(app.id),
            old_value: Some(serde_json::json!({ "status": app.status })),
            new_value: Some(serde_json::json!({ "status": to.as_str() })),
        },
    )
    .await?;
    Ok(())
}

async fn school_options(st: &AppState) -> Result<Vec<SchoolOption>, ServiceError> {
    let schools = school::Entity::find()
        .order_by_asc(school::Column::ShortName)
        .all(&st.db)
        .await?;
    let classes = class::Entity::find().all(&st.db).await?;
    Ok(schools
        .into_iter()
        .map(|s| {
            let mut cls: Vec<ClassOption> = classes
                .iter()
                .filter(|c| c.school_id == s.id)
                .map(|c| ClassOption {
                    id: c.id,
                    name: c.name.clone(),
                })
                .collect();
            cls.sort_by_key(|c| class_sort_key(&c.name));
            SchoolOption {
                id: s.id,
                name: s.short_name,
                classes: cls,
            }
        })
        .collect())
}

/// «5А» < «10Б»: by grade number, then letter.
fn class_sort_key(name: &str) -> (u32, String) {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    (
        digits.parse().unwrap_or(0),
        name[digits.len()..].to_string(),
    )
}

/// Views of applications with school, class and history.
async fn views(
    st: &AppState,
    apps: Vec<access_application::Model>,
) -> Result<Vec<ApplicationView>, ServiceError> {
    let ids: Vec<i64> = apps.iter().map(|a| a.id).collect();
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(ids))
        .order_by_asc(application_event::Column::CreatedAt)
        .order_by_asc(application_event::Column::Id)
        .all(&st.db)
        .await?;
    let mut people: Vec<i64> = events.iter().filter_map(|e| e.actor_user_id).collect();
    people.extend(apps.iter().filter_map(|a| a.passport_checked_by));
    people.extend(apps.iter().map(|a| a.user_id));
    let names = user_names(st, people.clone()).await?;
    let emails: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(apps.iter().map(|a| a.user_id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let schools: HashMap<i64, String> = school::Entity::find()
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.short_name))
        .collect();
    let classes: HashMap<i64, String> = class::Entity::find()
        .filter(class::Column::Id.is_in(apps.iter().filter_map(|a| a.class_id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    Ok(apps
        .into_iter()
        .map(|a| ApplicationView {
            id: a.id,
            status: Status::parse(&a.status).unwrap_or(Status::Filed),
            school_id: a.school_id,
            school_name: schools.get(&a.school_id).cloned().unwrap_or_default(),
            class_id: a.class_id,
            class_name: a.class_id.and_then(|c| classes.get(&c).cloned()),
            parent: app_name(&a, false),
            parent_email: emails.get(&a.user_id).cloned().unwrap_or_default(),
            child: app_name(&a, true),
            child_birth_date: a.child_birth_date,
            relation: Relation::parse(&a.relation).unwrap_or(Relation::Other),
            reject_reason: a.reject_reason.as_deref().and_then(RejectReason::parse),
            reject_comment: a.reject_comment.clone(),
            passport_checked: a.passport_checked_at.map(|at| {
                format!(
                    "{} · {}",
                    a.passport_checked_by
                        .and_then(|u| names.get(&u).cloned())
                        .unwrap_or_default(),
                    at.format("%d.%m.%Y %H:%M")
                )
            }),
            created_at: a.created_at.naive_utc(),
            history: events
                .iter()
                .filter(|e| e.application_id == a.id)
                .map(|e| EventView {
                    status: Status::parse(&e.to_status).unwrap_or(Status::Filed),
                    actor: e.actor_user_id.and_then(|u| names.get(&u).cloned()),
                    note: e.note.clone(),
                    at: e.created_at.naive_utc(),
                })
                .collect(),
        })
        .collect())
}

pub async fn mine(st: &AppState, user: &SessionUser) -> Result<MyApplicationsView, ServiceError> {
    let apps = access_application::Entity::find()
        .filter(access_application::Column::UserId.eq(user.id.0))
        .order_by_desc(access_application::Column::CreatedAt)
        .all(&st.db)
        .await?;
    Ok(MyApplicationsView {
        user: user.clone(),
        parent_name: user.name.clone(),
        schools: school_options(st).await?,
        applications: views(st, apps).await?,
    })
}

pub async fn file(
    st: &AppState,
    user: &SessionUser,
    f: NewApplication,
) -> Result<i64, ServiceError> {
    let today = Utc::now().date_naive();
    let mut errors = Vec::new();
    let school = school::Entity::find_by_id(f.school).one(&st.db).await?;
    if school.is_none() {
        errors.push(FieldError {
            field: "school".into(),
            message: "выберите школу из списка".into(),
        });
    }
    let class = class::Entity::find_by_id(f.class).one(&st.db).await?;
    if !matches!((&class, &school), (Some(c), Some(s)) if c.school_id == s.id) {
        errors.push(FieldError {
            field: "class".into(),
            message: "выберите класс этой школы".into(),
        });
    }
    let parent = FullName::new(&f.parent[0], &f.parent[1], &f.parent[2])
        .map_err(|e| name_errors("parent", e, &mut errors))
        .ok();
    let child = FullName::new(&f.child[0], &f.child[1], &f.child[2])
        .map_err(|e| name_errors("child", e, &mut errors))
        .ok();
    let born = birth_date(&f.child_birth_date, today)
        .map_err(|m| {
            errors.push(FieldError {
                field: "child_birth_date".into(),
                message: m.into(),
            })
        })
        .ok();
    let relation = Relation::parse(&f.relation);
    if relation.is_none() {
        errors.push(FieldError {
            field: "relation".into(),
            message: "укажите, кем вы приходитесь ребёнку".into(),
        });
    }
    let (Some(parent), Some(child), Some(born), Some(relation), Some(school), true) =
        (parent, child, born, relation, school, errors.is_empty())
    else {
        return Err(ServiceError::Validation(errors));
    };
    // One open application per child.
    let key = child.key();
    let open = access_application::Entity::find()
        .filter(access_application::Column::UserId.eq(user.id.0))
        .filter(access_application::Column::ChildBirthDate.eq(born))
        .filter(
            access_application::Column::Status
                .is_in([Status::Filed.as_str(), Status::AwaitingSignature.as_str()]),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .any(|a| app_name(&a, true).key() == key);
    if open {
        return Err(ServiceError::field(
            "child_last",
            "заявление на этого ребёнка уже подано и ещё не рассмотрено",
        ));
    }

    let now = Utc::now();
    let txn = st.db.begin().await?;
    let a = access_application::ActiveModel {
        user_id: Set(user.id.0),
        school_id: Set(school.id),
        class_id: Set(Some(f.class)),
        parent_last_name: Set(parent.last),
        parent_first_name: Set(parent.first),
        parent_middle_name: Set(parent.middle),
        child_last_name: Set(child.last),
        child_first_name: Set(child.first),
        child_middle_name: Set(child.middle),
        child_birth_date: Set(born),
        relation: Set(relation.as_str().into()),
        status: Set(Status::Filed.as_str().into()),
        roster_student_id: Set(None),
        passport_checked_by: Set(None),
        passport_checked_at: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        reject_reason: Set(None),
        reject_comment: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    application_event::ActiveModel {
        application_id: Set(a.id),
        from_status: Set(None),
        to_status: Set(Status::Filed.as_str().into()),
        actor_user_id: Set(Some(user.id.0)),
        note: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry {
            actor_user_id: Some(user.id.0),
            school_id: Some(school.id),
            action: "create",
            entity: "access_application",
            entity_id: Some(a.id),
            old_value: None,
            new_value: Some(serde_json::json!({ "child": key, "birth_date": born })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(a.id)
}

/// Refuses a transition the workflow does not allow from the current status.
fn check_transition(a: &access_application::Model, next: Status) -> Result<(), ServiceError> {
    let current = Status::parse(&a.status).unwrap_or(Status::Filed);
    if current.can_become(next) {
        Ok(())
    } else {
        Err(ServiceError::Conflict(format!(
            "Заявление уже {}: это действие недоступно",
            current.label_ru()
        )))
    }
}

/// A transition that changes nothing but the status: recorded and saved.
async fn move_to(
    st: &AppState,
    a: access_application::Model,
    next: Status,
    actor: i64,
) -> Result<(), ServiceError> {
    check_transition(&a, next)?;
    let txn = st.db.begin().await?;
    event(&txn, &a, next, actor, None).await?;
    let mut am: access_application::ActiveModel = a.into();
    am.status = Set(next.as_str().into());
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn withdraw(st: &AppState, user: &SessionUser, id: i64) -> Result<(), ServiceError> {
    let a = access_application::Entity::find_by_id(id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if a.user_id != user.id.0 {
        return Err(ServiceError::Forbidden);
    }
    move_to(st, a, Status::Withdrawn, user.id.0).await
}

/// The officer's school; 403 for anyone else.
fn officer_school(user: &SessionUser) -> Result<i64, ServiceError> {
    user.schools_as(Role::Officer)
        .first()
        .map(|s| s.0)
        .ok_or(ServiceError::Forbidden)
}

/// The application, if it is of the officer's school (403 otherwise).
async fn officers_application(
    st: &AppState,
    user: &SessionUser,
    id: i64,
) -> Result<access_application::Model, ServiceError> {
    let schools = user.schools_as(Role::Officer);
    if schools.is_empty() {
        return Err(ServiceError::Forbidden);
    }
    let a = access_application::Entity::find_by_id(id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !schools.iter().any(|s| s.0 == a.school_id) {
        tracing::warn!(
            user = user.id.0,
            application = id,
            "refused: application of another school"
        );
        return Err(ServiceError::Forbidden);
    }
    Ok(a)
}

/// Roster students of the school who could be the child: the exact match
/// first (name and birth date), then near ones.
async fn roster_candidates(
    st: &AppState,
    a: &access_application::Model,
) -> Result<Vec<RosterRecord>, ServiceError> {
    let child = app_name(a, true);
    let key = child.key();
    let persons = person::Entity::find()
        .filter(person::Column::SchoolId.eq(a.school_id))
        .filter(
            Condition::any()
                .add(person::Column::NameKey.eq(key.clone()))
                .add(person::Column::BirthDate.eq(a.child_birth_date)),
        )
        .all(&st.db)
        .await?;
    let enrolments = enrolment::Entity::find()
        .filter(
            enrolment::Column::StudentId.is_in(persons.iter().map(|p| p.id).collect::<Vec<_>>()),
        )
        .filter(enrolment::Column::EndsOn.is_null())
        .all(&st.db)
        .await?;
    let classes: HashMap<i64, String> = class::Entity::find()
        .filter(class::Column::Id.is_in(enrolments.iter().map(|e| e.class_id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let surname = normalize_part(&child.last);
    let mut out: Vec<RosterRecord> = persons
        .into_iter()
        .filter_map(|p| {
            let e = enrolments.iter().find(|e| e.student_id == p.id)?;
            // Same name, or same birth date and surname.
            if p.name_key != key && normalize_part(&p.last_name) != surname {
                return None;
            }
            Some(RosterRecord {
                person_id: p.id,
                name: full_name(&p),
                birth_date: p.birth_date,
                class_id: Some(e.class_id),
                class_name: classes.get(&e.class_id).cloned(),
            })
        })
        .collect();
    out.sort_by_key(|r| {
        !(r.name.compare(&child).all() && r.birth_date == Some(a.child_birth_date))
    });
    Ok(out)
}

fn exact(a: &access_application::Model, candidates: &[RosterRecord]) -> Option<RosterRecord> {
    let child = app_name(a, true);
    candidates
        .iter()
        .find(|r| r.name.compare(&child).all() && r.birth_date == Some(a.child_birth_date))
        .cloned()
}

pub async fn queue(
    st: &AppState,
    user: &SessionUser,
    status: Option<&str>,
    class_id: Option<i64>,
) -> Result<OfficerQueueView, ServiceError> {
    let school_id = officer_school(user)?;
    let school = school::Entity::find_by_id(school_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut q = access_application::Entity::find()
        .filter(access_application::Column::SchoolId.eq(school_id));
    match status.filter(|s| !s.is_empty()) {
        Some("open") | None => {
            q = q.filter(
                access_application::Column::Status
                    .is_in([Status::Filed.as_str(), Status::AwaitingSignature.as_str()]),
            )
        }
        Some("all") => {}
        Some(s) => {
            let s = Status::parse(s)
                .ok_or_else(|| ServiceError::field("status", "нет такого статуса"))?;
            q = q.filter(access_application::Column::Status.eq(s.as_str()));
        }
    }
    if let Some(c) = class_id {
        q = q.filter(access_application::Column::ClassId.eq(c));
    }
    let apps = q
        .order_by_asc(access_application::Column::CreatedAt)
        .all(&st.db)
        .await?;
    // Exact roster matches, by name key and birth date, in one query.
    let keys: Vec<String> = apps.iter().map(|a| app_name(a, true).key()).collect();
    let roster = person::Entity::find()
        .filter(person::Column::SchoolId.eq(school_id))
        .filter(person::Column::NameKey.is_in(keys))
        .all(&st.db)
        .await?;
    let classes: Vec<ClassOption> = {
        let mut v: Vec<ClassOption> = class::Entity::find()
            .filter(class::Column::SchoolId.eq(school_id))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|c| ClassOption {
                id: c.id,
                name: c.name,
            })
            .collect();
        v.sort_by_key(|c| class_sort_key(&c.name));
        v
    };
    let items = apps
        .iter()
        .map(|a| {
            let key = app_name(a, true).key();
            QueueItem {
                id: a.id,
                status: Status::parse(&a.status).unwrap_or(Status::Filed),
                child: app_name(a, true),
                child_birth_date: a.child_birth_date,
                class_name: a
                    .class_id
                    .and_then(|c| classes.iter().find(|x| x.id == c))
                    .map(|c| c.name.clone()),
                parent: app_name(a, false),
                created_at: a.created_at.naive_utc(),
                roster_match: roster
                    .iter()
                    .any(|p| p.name_key == key && p.birth_date == Some(a.child_birth_date)),
            }
        })
        .collect();
    Ok(OfficerQueueView {
        user: user.clone(),
        school_name: school.short_name,
        classes,
        items,
    })
}

pub async fn for_officer(
    st: &AppState,
    user: &SessionUser,
    id: i64,
) -> Result<OfficerApplicationView, ServiceError> {
    let a = officers_application(st, user, id).await?;
    let candidates = roster_candidates(st, &a).await?;
    let roster = exact(&a, &candidates);
    let application = views(st, vec![a]).await?.remove(0);
    Ok(OfficerApplicationView {
        user: user.clone(),
        application,
        candidates: candidates
            .into_iter()
            .filter(|c| Some(c.person_id) != roster.as_ref().map(|r| r.person_id))
            .collect(),
        roster,
    })
}

pub async fn await_signature(
    st: &AppState,
    user: &SessionUser,
    id: i64,
) -> Result<(), ServiceError> {
    let a = officers_application(st, user, id).await?;
    move_to(st, a, Status::AwaitingSignature, user.id.0).await
}

pub async fn approve(
    st: &AppState,
    user: &SessionUser,
    id: i64,
    checks: [bool; 3],
) -> Result<(), ServiceError> {
    let a = officers_application(st, user, id).await?;
    let mut errors = Vec::new();
    for (ok, field, message) in [
        (
            checks[0],
            "passport_seen",
            "отметьте, что паспорт родителя предъявлен",
        ),
        (
            checks[1],
            "parent_name_matches",
            "ФИО родителя должно совпадать с паспортом",
        ),
        (
            checks[2],
            "child_name_matches",
            "ФИО ребёнка должно совпадать с документом и контингентом",
        ),
    ] {
        if !ok {
            errors.push(FieldError {
                field: field.into(),
                message: message.into(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    check_transition(&a, Status::Approved)?;
    let roster = exact(&a, &roster_candidates(st, &a).await?).ok_or_else(|| {
        ServiceError::Conflict("Ребёнок не найден в контингенте школы: одобрить нельзя".into())
    })?;
    let parent = user::Entity::find_by_id(a.user_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = Utc::now();
    let txn = st.db.begin().await?;
    event(&txn, &a, Status::Approved, user.id.0, None).await?;
    let exists = guardianship::Entity::find()
        .filter(guardianship::Column::GuardianUserId.eq(a.user_id))
        .filter(guardianship::Column::StudentId.eq(roster.person_id))
        .one(&txn)
        .await?;
    match exists {
        Some(g) if g.revoked_at.is_some() => {
            let mut gm: guardianship::ActiveModel = g.into();
            gm.revoked_at = Set(None);
            gm.application_id = Set(Some(a.id));
            gm.update(&txn).await?;
        }
        Some(_) => {}
        None => {
            guardianship::ActiveModel {
                guardian_user_id: Set(a.user_id),
                student_id: Set(roster.person_id),
                relation: Set(a.relation.clone()),
                application_id: Set(Some(a.id)),
                created_at: Set(now),
                revoked_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let has_role = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(a.user_id))
        .filter(user_role::Column::Role.eq(Role::Parent.as_str()))
        .filter(user_role::Column::SchoolId.eq(a.school_id))
        .one(&txn)
        .await?
        .is_some();
    if !has_role {
        user_role::ActiveModel {
            user_id: Set(a.user_id),
            role: Set(Role::Parent.as_str().into()),
            school_id: Set(Some(a.school_id)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    // The name as the school's roster has it.
    let child = roster.name.full();
    mail::enqueue(
        &txn,
        &parent.email,
        "Дневник: доступ к дневнику предоставлен",
        &format!(
            "Здравствуйте!\n\nЗаявление № {} одобрено. Доступ к электронному дневнику ученика {child} ({}) \
             предоставлен: ребёнок уже появился в вашем дневнике.\n\nВойти: {}/login\n",
            a.id,
            roster.class_name.clone().unwrap_or_default(),
            st.auth.public_url.trim_end_matches('/')
        ),
    )
    .await?;
    let mut am: access_application::ActiveModel = a.into();
    am.status = Set(Status::Approved.as_str().into());
    am.roster_student_id = Set(Some(roster.person_id));
    am.passport_checked_by = Set(Some(user.id.0));
    am.passport_checked_at = Set(Some(now));
    am.decided_by = Set(Some(user.id.0));
    am.decided_at = Set(Some(now));
    am.updated_at = Set(now);
    am.update(&txn).await?;
    txn.commit().await?;
    st.caches.forget_user(parent.id);
    // The parent's cached session holds their roles.
    st.caches.sessions.invalidate_all();
    Ok(())
}

pub async fn reject(
    st: &AppState,
    user: &SessionUser,
    id: i64,
    reason: &str,
    comment: &str,
) -> Result<(), ServiceError> {
    let a = officers_application(st, user, id).await?;
    let reason = RejectReason::parse(reason)
        .ok_or_else(|| ServiceError::field("reason", "выберите причину отказа"))?;
    let comment = comment.trim();
    if reason == RejectReason::Other && comment.is_empty() {
        return Err(ServiceError::field("comment", "опишите причину отказа"));
    }
    if comment.chars().count() > 1000 {
        return Err(ServiceError::field("comment", "не более 1000 знаков"));
    }
    check_transition(&a, Status::Rejected)?;
    let parent = user::Entity::find_by_id(a.user_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = Utc::now();
    let txn = st.db.begin().await?;
    let note = (!comment.is_empty()).then(|| comment.to_string());
    event(
        &txn,
        &a,
        Status::Rejected,
        user.id.0,
        Some(reason.label_ru().to_string()),
    )
    .await?;
    let child = app_name(&a, true).full();
    let mut body = format!(
        "Здравствуйте!\n\nЗаявление № {} на доступ к дневнику ученика {child} отклонено.\n\
         Причина: {}.\n",
        a.id,
        reason.label_ru()
    );
    if let Some(n) = &note {
        body.push_str(&format!("Комментарий школы: {n}\n"));
    }
    body.push_str("\nИсправьте данные и подайте новое заявление в личном кабинете.\n");
    mail::enqueue(&txn, &parent.email, "Дневник: заявление отклонено", &body).await?;
    let mut am: access_application::ActiveModel = a.into();
    am.status = Set(Status::Rejected.as_str().into());
    am.reject_reason = Set(Some(reason.as_str().into()));
    am.reject_comment = Set(note);
    am.decided_by = Set(Some(user.id.0));
    am.decided_at = Set(Some(now));
    am.updated_at = Set(now);
    am.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}
