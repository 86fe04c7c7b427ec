//! Messages between parents and the teachers of their own children.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub id: i64,
    pub subject: String,
    pub student_name: Option<String>,
    /// The other participants' names.
    pub with: String,
    pub last_message_at: NaiveDateTime,
    pub preview: String,
    pub unread: u32,
}

/// A teacher a parent may write to about a child.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub teacher_user_id: i64,
    pub teacher_name: String,
    pub subjects: Vec<String>,
    pub student_id: i64,
    pub student_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub user: crate::api::SessionUser,
    pub threads: Vec<ThreadSummary>,
    pub recipients: Vec<Recipient>,
    pub unread_total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: i64,
    pub author: String,
    pub mine: bool,
    pub body: String,
    pub at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub user: crate::api::SessionUser,
    pub id: i64,
    pub subject: String,
    pub student_name: Option<String>,
    pub participants: Vec<String>,
    pub messages: Vec<MessageView>,
}

pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 5000;

/// Checks a message's subject and body; returns them trimmed.
pub fn validate_message(
    subject: Option<&str>,
    body: &str,
) -> Result<(Option<String>, String), AppError> {
    let mut errors = Vec::new();
    let subject = subject.map(str::trim).map(str::to_string);
    if let Some(s) = &subject {
        if s.is_empty() {
            errors.push(crate::error::FieldError {
                field: "subject".into(),
                message: "укажите тему сообщения".into(),
            });
        } else if s.chars().count() > SUBJECT_MAX {
            errors.push(crate::error::FieldError {
                field: "subject".into(),
                message: format!("тема не длиннее {SUBJECT_MAX} знаков"),
            });
        }
    }
    let body = body.trim().to_string();
    if body.is_empty() {
        errors.push(crate::error::FieldError {
            field: "body".into(),
            message: "напишите текст сообщения".into(),
        });
    } else if body.chars().count() > BODY_MAX {
        errors.push(crate::error::FieldError {
            field: "body".into(),
            message: format!("сообщение не длиннее {BODY_MAX} знаков"),
        });
    }
    if errors.is_empty() {
        Ok((subject, body))
    } else {
        Err(AppError::Validation(errors))
    }
}

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
pub async fn message_thread(thread: i64) -> Result<ThreadView, AppError> {
    use crate::server::{auth, messages, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(messages::thread(&st, &user, thread).await?)
}

/// Starts a thread with a teacher of one of the user's children.
#[server(endpoint = "start_thread")]
pub async fn start_thread(
    student: i64,
    teacher: i64,
    subject: String,
    body: String,
) -> Result<i64, AppError> {
    use crate::server::{auth, messages, state};
    let (subject, body) = validate_message(Some(&subject), &body).map_err(AppError::respond)?;
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
pub async fn reply_message(thread: i64, body: String) -> Result<(), AppError> {
    use crate::server::{auth, messages, state};
    let (_, body) = validate_message(None, &body).map_err(AppError::respond)?;
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(messages::reply(&st, &user, thread, body).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_overlong_messages_are_refused_per_field() {
        let e = validate_message(Some("  "), " ").unwrap_err();
        assert_eq!(
            e.message_for("subject").as_deref(),
            Some("укажите тему сообщения")
        );
        assert_eq!(
            e.message_for("body").as_deref(),
            Some("напишите текст сообщения")
        );
        let long = "я".repeat(BODY_MAX + 1);
        assert!(validate_message(None, &long)
            .unwrap_err()
            .message_for("body")
            .is_some());
        assert_eq!(
            validate_message(Some(" Тема "), " Текст ").unwrap(),
            (Some("Тема".into()), "Текст".into())
        );
    }
}
