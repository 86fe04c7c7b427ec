//! Message threads. A parent (or student) writes only to the teachers of
//! their own child; only a thread's participants can read or answer it.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::entities::{message_thread, thread_participant};
use super::{AppState, ServiceError};
use crate::domain::ids::ThreadId;
use crate::domain::messages;
use crate::error::FieldError;
use crate::model::accounts::SessionUser;

mod inbox;
mod recipients;
mod thread;

pub use inbox::inbox;
pub use thread::{reply, start, thread};

/// Checks a message's subject (when it starts a thread) and body by the
/// shared rule; returns them trimmed, or every field's problem at once.
pub fn validate(
    subject: Option<&str>,
    body: &str,
) -> Result<(Option<String>, String), ServiceError> {
    let mut errors = Vec::new();
    let mut refuse = |field: &str, e: messages::MessageError| {
        errors.push(FieldError {
            field: field.into(),
            message: e.into(),
        })
    };
    let subject = match subject.map(messages::subject) {
        Some(Ok(s)) => Some(s),
        Some(Err(m)) => {
            refuse("subject", m);
            None
        }
        None => None,
    };
    let body = messages::body(body).unwrap_or_else(|m| {
        refuse("body", m);
        String::new()
    });
    if errors.is_empty() {
        Ok((subject, body))
    } else {
        Err(ServiceError::Validation(errors))
    }
}

/// The thread and the user's place in it: 404 if there is no such thread,
/// 403 if the user does not take part.
async fn participant(
    st: &AppState,
    user: &SessionUser,
    thread: ThreadId,
) -> Result<(message_thread::Model, thread_participant::Model), ServiceError> {
    let t = message_thread::Entity::find_by_id(thread.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let p = thread_participant::Entity::find()
        .filter(thread_participant::Column::ThreadId.eq(thread.0))
        .filter(thread_participant::Column::UserId.eq(user.id.0))
        .one(&st.db)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    Ok((t, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(e: ServiceError) -> Vec<(String, String)> {
        match e {
            ServiceError::Validation(v) => v.into_iter().map(|f| (f.field, f.message)).collect(),
            other => panic!("not a validation error: {other}"),
        }
    }

    #[test]
    fn every_refused_field_is_named_at_once() {
        let e = validate(Some("  "), " ").unwrap_err();
        assert_eq!(
            fields(e),
            [
                ("subject".into(), "укажите тему сообщения".into()),
                ("body".into(), "напишите текст сообщения".into()),
            ]
        );
        let long = "я".repeat(messages::BODY_MAX + 1);
        assert_eq!(fields(validate(None, &long).unwrap_err())[0].0, "body");
        assert_eq!(
            validate(Some(" Тема "), " Текст ").unwrap(),
            (Some("Тема".into()), "Текст".into())
        );
    }
}
