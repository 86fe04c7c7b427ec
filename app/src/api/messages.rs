//! Messages between parents and the teachers of their own children.

use crate::domain::ids::{PersonId, ThreadId, UserId};
use crate::error::AppError;
use crate::model::messages::*;
use leptos::prelude::*;

/// The user's threads with unread counts, and whom they may write to.
#[server(endpoint = "inbox")]
pub async fn inbox() -> Result<InboxView, AppError> {
    use crate::server::{auth, messages, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(messages::inbox(&st, &user).await?)
}

/// One thread; reading it marks it read.
#[server(endpoint = "message_thread")]
pub async fn message_thread(thread: ThreadId) -> Result<ThreadView, AppError> {
    use crate::server::{auth, messages, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(messages::thread(&st, &user, thread).await?)
}

/// Starts a thread with a teacher of one of the user's children.
#[server(endpoint = "start_thread")]
pub async fn start_thread(
    student: PersonId,
    teacher: UserId,
    subject: String,
    body: String,
) -> Result<ThreadId, AppError> {
    use crate::server::{auth, messages, state};
    let (subject, body) = messages::validate(Some(&subject), &body)?;
    let st = state()?;
    let user = auth::require_user(&st).await?;
    let id = messages::start(
        &st,
        &user,
        student,
        teacher,
        subject.unwrap_or_default(),
        body,
    )
    .await?;
    leptos_axum::redirect(&format!("/messages/{id}"));
    Ok(id)
}

/// Answers in a thread the user takes part in.
#[server(endpoint = "reply_message")]
pub async fn reply_message(thread: ThreadId, body: String) -> Result<(), AppError> {
    use crate::server::{auth, messages, state};
    let (_, body) = messages::validate(None, &body)?;
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(messages::reply(&st, &user, thread, body).await?)
}
