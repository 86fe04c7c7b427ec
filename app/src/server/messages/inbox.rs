//! The inbox: the user's threads with their unread counts.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

use super::recipients::recipients;
use crate::domain::ids::ThreadId;
use crate::model::accounts::SessionUser;
use crate::model::messages::{InboxView, ThreadSummary};
use crate::server::entities::{message, message_thread, person, thread_participant};
use crate::server::visibility::{full_name, user_names};
use crate::server::{AppState, ServiceError};

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
                id: ThreadId(t.id),
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
