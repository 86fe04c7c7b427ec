//! Message threads. A parent (or student) writes only to the teachers of
//! their own child; only a thread's participants can read or answer it.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap};

use super::access::{full_name, readable, user_names};
use super::audit::{self, AuditEntry};
use super::entities::{
    class, course_section, enrolment, message, message_thread, person, subject, thread_participant,
    user, user_role,
};
use super::{AppState, ServiceError};
use crate::api::messages::*;
use crate::api::SessionUser;
use crate::domain::roles::Role;

/// The teachers of each child the user may see, as possible recipients.
async fn recipients(st: &AppState, user: &SessionUser) -> Result<Vec<Recipient>, ServiceError> {
    let students: Vec<i64> = readable(st, user)
        .await?
        .iter()
        .map(|r| r.student.id.0)
        .collect();
    if students.is_empty() {
        return Ok(Vec::new());
    }
    let enrolments = enrolment::Entity::find()
        .filter(enrolment::Column::StudentId.is_in(students.clone()))
        .filter(enrolment::Column::EndsOn.is_null())
        .all(&st.db)
        .await?;
    let class_ids: Vec<i64> = enrolments.iter().map(|e| e.class_id).collect();
    let sections = course_section::Entity::find()
        .filter(course_section::Column::ClassId.is_in(class_ids.clone()))
        .all(&st.db)
        .await?;
    let classes = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids))
        .all(&st.db)
        .await?;
    let subjects: HashMap<i64, String> = subject::Entity::find()
        .filter(
            subject::Column::Id.is_in(sections.iter().map(|s| s.subject_id).collect::<Vec<_>>()),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut teacher_persons: Vec<i64> = sections.iter().map(|s| s.teacher_id).collect();
    teacher_persons.extend(classes.iter().filter_map(|c| c.homeroom_teacher_id));
    let persons: HashMap<i64, person::Model> = person::Entity::find()
        .filter(
            person::Column::Id.is_in(
                teacher_persons
                    .iter()
                    .copied()
                    .chain(students.iter().copied())
                    .collect::<Vec<_>>(),
            ),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let teacher_users: HashMap<i64, i64> = user::Entity::find()
        .filter(user::Column::PersonId.is_in(teacher_persons))
        .filter(user::Column::Disabled.eq(false))
        .all(&st.db)
        .await?
        .into_iter()
        .filter_map(|u| Some((u.person_id?, u.id)))
        .collect();

    let mut out = Vec::new();
    for student in &students {
        let Some(e) = enrolments.iter().find(|e| e.student_id == *student) else {
            continue;
        };
        let student_name = persons
            .get(student)
            .map(|p| full_name(p).full())
            .unwrap_or_default();
        // teacher person → subjects they teach this child
        let mut by_teacher: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for s in sections.iter().filter(|s| s.class_id == e.class_id) {
            by_teacher
                .entry(s.teacher_id)
                .or_default()
                .push(subjects.get(&s.subject_id).cloned().unwrap_or_default());
        }
        if let Some(homeroom) = classes
            .iter()
            .find(|c| c.id == e.class_id)
            .and_then(|c| c.homeroom_teacher_id)
        {
            by_teacher
                .entry(homeroom)
                .or_default()
                .push("Классный руководитель".into());
        }
        for (teacher, subjects) in by_teacher {
            let (Some(uid), Some(p)) = (teacher_users.get(&teacher), persons.get(&teacher)) else {
                continue;
            };
            out.push(Recipient {
                teacher_user_id: *uid,
                teacher_name: full_name(p).full(),
                subjects,
                student_id: *student,
                student_name: student_name.clone(),
            });
        }
    }
    out.sort_by(|a, b| (&a.student_name, &a.teacher_name).cmp(&(&b.student_name, &b.teacher_name)));
    Ok(out)
}

pub async fn inbox(st: &AppState, user: &SessionUser) -> Result<InboxView, ServiceError> {
    let mine = thread_participant::Entity::find()
        .filter(thread_participant::Column::UserId.eq(user.id.0))
        .all(&st.db)
        .await?;
    let ids: Vec<i64> = mine.iter().map(|p| p.thread_id).collect();
    let threads = message_thread::Entity::find()
        .filter(message_thread::Column::Id.is_in(ids.clone()))
        .order_by_desc(message_thread::Column::LastMessageAt)
        .all(&st.db)
        .await?;
    let messages = message::Entity::find()
        .filter(message::Column::ThreadId.is_in(ids.clone()))
        .order_by_asc(message::Column::CreatedAt)
        .all(&st.db)
        .await?;
    let others = thread_participant::Entity::find()
        .filter(thread_participant::Column::ThreadId.is_in(ids))
        .filter(thread_participant::Column::UserId.ne(user.id.0))
        .all(&st.db)
        .await?;
    let names = user_names(st, others.iter().map(|p| p.user_id).collect()).await?;
    let students: HashMap<i64, String> = person::Entity::find()
        .filter(
            person::Column::Id.is_in(
                threads
                    .iter()
                    .filter_map(|t| t.student_id)
                    .collect::<Vec<_>>(),
            ),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.id, full_name(&p).short()))
        .collect();

    let mut total = 0;
    let summaries = threads
        .into_iter()
        .map(|t| {
            let read_at = mine
                .iter()
                .find(|p| p.thread_id == t.id)
                .and_then(|p| p.last_read_at);
            let in_thread: Vec<&message::Model> =
                messages.iter().filter(|m| m.thread_id == t.id).collect();
            let unread = in_thread
                .iter()
                .filter(|m| {
                    m.author_user_id != user.id.0 && read_at.is_none_or(|r| m.created_at > r)
                })
                .count() as u32;
            total += unread;
            let with = others
                .iter()
                .filter(|p| p.thread_id == t.id)
                .filter_map(|p| names.get(&p.user_id).cloned())
                .collect::<Vec<_>>()
                .join(", ");
            ThreadSummary {
                id: t.id,
                subject: t.subject,
                student_name: t.student_id.and_then(|s| students.get(&s).cloned()),
                with,
                last_message_at: t.last_message_at.naive_utc(),
                preview: in_thread
                    .last()
                    .map(|m| m.body.chars().take(120).collect())
                    .unwrap_or_default(),
                unread,
            }
        })
        .collect();
    Ok(InboxView {
        user: user.clone(),
        threads: summaries,
        recipients: recipients(st, user).await?,
        unread_total: total,
    })
}

async fn participant(
    st: &AppState,
    user: &SessionUser,
    thread: i64,
) -> Result<(message_thread::Model, thread_participant::Model), ServiceError> {
    let t = message_thread::Entity::find_by_id(thread)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let p = thread_participant::Entity::find()
        .filter(thread_participant::Column::ThreadId.eq(thread))
        .filter(thread_participant::Column::UserId.eq(user.id.0))
        .one(&st.db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    Ok((t, p))
}

pub async fn thread(
    st: &AppState,
    user: &SessionUser,
    thread: i64,
) -> Result<ThreadView, ServiceError> {
    let (t, me) = participant(st, user, thread).await?;
    let messages = message::Entity::find()
        .filter(message::Column::ThreadId.eq(thread))
        .order_by_asc(message::Column::CreatedAt)
        .order_by_asc(message::Column::Id)
        .all(&st.db)
        .await?;
    let people: Vec<i64> = thread_participant::Entity::find()
        .filter(thread_participant::Column::ThreadId.eq(thread))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| p.user_id)
        .collect();
    let names = user_names(st, people.clone()).await?;
    let student_name = match t.student_id {
        Some(id) => person::Entity::find_by_id(id)
            .one(&st.db)
            .await?
            .map(|p| full_name(&p).full()),
        None => None,
    };
    let mut am: thread_participant::ActiveModel = me.into();
    am.last_read_at = Set(Some(Utc::now()));
    am.update(&st.db).await?;
    Ok(ThreadView {
        user: user.clone(),
        id: t.id,
        subject: t.subject,
        student_name,
        participants: people
            .iter()
            .filter_map(|u| names.get(u).cloned())
            .collect(),
        messages: messages
            .into_iter()
            .map(|m| MessageView {
                id: m.id,
                author: names.get(&m.author_user_id).cloned().unwrap_or_default(),
                mine: m.author_user_id == user.id.0,
                body: m.body,
                at: m.created_at.naive_utc(),
            })
            .collect(),
    })
}

pub async fn start(
    st: &AppState,
    user: &SessionUser,
    student: i64,
    teacher: i64,
    subject: String,
    body: String,
) -> Result<i64, ServiceError> {
    let allowed = recipients(st, user)
        .await?
        .into_iter()
        .any(|r| r.student_id == student && r.teacher_user_id == teacher);
    if !allowed {
        tracing::warn!(
            user = user.id.0,
            student,
            teacher,
            "refused: not a teacher of the user's child"
        );
        return Err(ServiceError::Forbidden);
    }
    let is_teacher = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(teacher))
        .filter(user_role::Column::Role.eq(Role::Teacher.as_str()))
        .one(&st.db)
        .await?
        .is_some();
    if !is_teacher {
        return Err(ServiceError::Forbidden);
    }
    let now = Utc::now();
    let txn = st.db.begin().await?;
    let t = message_thread::ActiveModel {
        student_id: Set(Some(student)),
        subject: Set(subject),
        created_by: Set(user.id.0),
        created_at: Set(now),
        last_message_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (uid, read) in [(user.id.0, Some(now)), (teacher, None)] {
        thread_participant::ActiveModel {
            thread_id: Set(t.id),
            user_id: Set(uid),
            last_read_at: Set(read),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let m = message::ActiveModel {
        thread_id: Set(t.id),
        author_user_id: Set(user.id.0),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry {
            actor_user_id: Some(user.id.0),
            school_id: None,
            action: "create",
            entity: "message",
            entity_id: Some(m.id),
            old_value: None,
            new_value: Some(
                serde_json::json!({ "thread": t.id, "student": student, "to": teacher }),
            ),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(t.id)
}

pub async fn reply(
    st: &AppState,
    user: &SessionUser,
    thread: i64,
    body: String,
) -> Result<(), ServiceError> {
    let (t, me) = participant(st, user, thread).await?;
    let now = Utc::now();
    let txn = st.db.begin().await?;
    let m = message::ActiveModel {
        thread_id: Set(thread),
        author_user_id: Set(user.id.0),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut tm: message_thread::ActiveModel = t.into();
    tm.last_message_at = Set(now);
    tm.update(&txn).await?;
    let mut pm: thread_participant::ActiveModel = me.into();
    pm.last_read_at = Set(Some(now));
    pm.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry {
            actor_user_id: Some(user.id.0),
            school_id: None,
            action: "create",
            entity: "message",
            entity_id: Some(m.id),
            old_value: None,
            new_value: Some(serde_json::json!({ "thread": thread })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
