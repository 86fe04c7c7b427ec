//! Validation of a message's subject and body, shared by the forms (their
//! `maxlength`) and the server.

/// The longest subject, in characters.
pub const SUBJECT_MAX: usize = 200;
/// The longest message text, in characters.
pub const BODY_MAX: usize = 5000;

/// What is wrong with a message as written; what it says is in
/// `i18n::messages`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageError {
    SubjectEmpty,
    /// Longer than [`SUBJECT_MAX`].
    SubjectTooLong,
    BodyEmpty,
    /// Longer than [`BODY_MAX`].
    BodyTooLong,
}

/// `raw` trimmed, unless it is empty or longer than `max` characters.
fn checked(
    raw: &str,
    max: usize,
    empty: MessageError,
    too_long: MessageError,
) -> Result<String, MessageError> {
    let s = raw.trim();
    if s.is_empty() {
        Err(empty)
    } else if s.chars().count() > max {
        Err(too_long)
    } else {
        Ok(s.to_string())
    }
}

/// Checks a thread's subject and returns it trimmed.
pub fn subject(raw: &str) -> Result<String, MessageError> {
    checked(
        raw,
        SUBJECT_MAX,
        MessageError::SubjectEmpty,
        MessageError::SubjectTooLong,
    )
}

/// Checks a message's text and returns it trimmed.
pub fn body(raw: &str) -> Result<String, MessageError> {
    checked(
        raw,
        BODY_MAX,
        MessageError::BodyEmpty,
        MessageError::BodyTooLong,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_overlong_messages_are_refused() {
        assert_eq!(subject("  "), Err(MessageError::SubjectEmpty));
        assert_eq!(
            body(" ").unwrap_err().to_string(),
            "напишите текст сообщения"
        );
        assert_eq!(
            subject(&"я".repeat(SUBJECT_MAX + 1))
                .unwrap_err()
                .to_string(),
            "тема не длиннее 200 знаков"
        );
        assert_eq!(
            body(&"я".repeat(BODY_MAX + 1)),
            Err(MessageError::BodyTooLong)
        );
        assert!(subject(&"я".repeat(SUBJECT_MAX)).is_ok());
        assert!(body(&"я".repeat(BODY_MAX)).is_ok());
    }

    #[test]
    fn subject_and_body_are_trimmed() {
        assert_eq!(subject(" Тема "), Ok("Тема".into()));
        assert_eq!(body(" Текст "), Ok("Текст".into()));
    }
}
