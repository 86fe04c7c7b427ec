//! One thread: reading it (which marks it read), starting it, answering in it.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use super::participant;
use super::recipients::recipients;
use crate::domain::ids::{MessageId, PersonId, ThreadId, UserId};
use crate::domain::roles::Role;
use crate::model::accounts::SessionUser;
use crate::model::messages::{MessageView, ThreadView};
use crate::server::audit::{self, AuditEntry};
use crate::server::entities::{message, message_thread, person, thread_participant, user_role};
use crate::server::visibility::{full_name, user_names};
use crate::server::{AppState, ServiceError};

pub async fn thread(
    st: &AppState,
    user: &SessionUser,
    thread: ThreadId,
) -> Result<ThreadView, ServiceError> {
    let (t, me) = participant(st, user, thread).await?;
    let messages = message::Entity::find()
        .filter(message::Column::ThreadId.eq(thread.0))
        .order_by_asc(message::Column::CreatedAt)
        .order_by_asc(message::Column::Id)
        .all(&st.db)
        .await?;
    let people: Vec<i64> = thread_participant::Entity::find()
        .filter(thread_participant::Column::ThreadId.eq(thread.0))
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
        id: ThreadId(t.id),
        subject: t.subject,
        student_name,
        participants: people
            .iter()
            .filter_map(|u| names.get(u).cloned())
            .collect(),
        messages: messages
            .into_iter()
            .map(|m| MessageView {
                id: MessageId(m.id),
                author: names.get(&m.author_user_id).cloned().unwrap_or_default(),
                mine: m.author_user_id == user.id.0,
                body: m.body,
                at: m.created_at.naive_utc(),
            })
            .collect(),
    })
}

/// Writes the user's message into the thread, with its audit entry; `about`
/// is what the log records of it.
async fn post(
    txn: &impl ConnectionTrait,
    user: &SessionUser,
    thread_id: i64,
    body: String,
    now: DateTime<Utc>,
    about: serde_json::Value,
) -> Result<(), ServiceError> {
    let m = message::ActiveModel {
        thread_id: Set(thread_id),
        author_user_id: Set(user.id.0),
        body: Set(body),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        AuditEntry {
            actor_user_id: Some(user.id.0),
            school_id: None,
            action: "create",
            entity: "message",
            entity_id: Some(m.id),
            old_value: None,
            new_value: Some(about),
        },
    )
    .await?;
    Ok(())
}

pub async fn start(
    st: &AppState,
    user: &SessionUser,
    student: PersonId,
    teacher: UserId,
    subject: String,
    body: String,
) -> Result<ThreadId, ServiceError> {
    let allowed = recipients(st, user)
        .await?
        .into_iter()
        .any(|r| r.student_id == student && r.teacher_user_id == teacher);
    if !allowed {
        tracing::warn!(
            user = user.id.0,
            student = student.0,
            teacher = teacher.0,
            "refused: not a teacher of the user's child"
        );
        return Err(ServiceError::Forbidden);
    }
    let is_teacher = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(teacher.0))
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
        student_id: Set(Some(student.0)),
        subject: Set(subject),
        created_by: Set(user.id.0),
        created_at: Set(now),
        last_message_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (uid, read) in [(user.id.0, Some(now)), (teacher.0, None)] {
        thread_participant::ActiveModel {
            thread_id: Set(t.id),
            user_id: Set(uid),
            last_read_at: Set(read),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let about = serde_json::json!({ "thread": t.id, "student": student, "to": teacher });
    post(&txn, user, t.id, body, now, about).await?;
    txn.commit().await?;
    Ok(ThreadId(t.id))
}

pub async fn reply(
    st: &AppState,
    user: &SessionUser,
    thread: ThreadId,
    body: String,
) -> Result<(), ServiceError> {
    let (t, me) = participant(st, user, thread).await?;
    let now = Utc::now();
    let txn = st.db.begin().await?;
    post(
        &txn,
        user,
        thread.0,
        body,
        now,
        serde_json::json!({ "thread": thread }),
    )
    .await?;
    let mut tm: message_thread::ActiveModel = t.into();
    tm.last_message_at = Set(now);
    tm.update(&txn).await?;
    let mut pm: thread_participant::ActiveModel = me.into();
    pm.last_read_at = Set(Some(now));
    pm.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}
