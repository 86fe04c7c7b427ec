//! Validation of a message's subject and body, shared by the forms (their
//! `maxlength`) and the server.

/// The longest subject, in characters.
pub const SUBJECT_MAX: usize = 200;
/// The longest message text, in characters.
pub const BODY_MAX: usize = 5000;

/// Checks a thread's subject and returns it trimmed.
pub fn subject(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    if s.is_empty() {
        Err("укажите тему сообщения".into())
    } else if s.chars().count() > SUBJECT_MAX {
        Err(format!("тема не длиннее {SUBJECT_MAX} знаков"))
    } else {
        Ok(s.to_string())
    }
}

/// Checks a message's text and returns it trimmed.
pub fn body(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    if s.is_empty() {
        Err("напишите текст сообщения".into())
    } else if s.chars().count() > BODY_MAX {
        Err(format!("сообщение не длиннее {BODY_MAX} знаков"))
    } else {
        Ok(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_overlong_messages_are_refused() {
        assert_eq!(subject("  ").unwrap_err(), "укажите тему сообщения");
        assert_eq!(body(" ").unwrap_err(), "напишите текст сообщения");
        assert_eq!(
            subject(&"я".repeat(SUBJECT_MAX + 1)).unwrap_err(),
            "тема не длиннее 200 знаков"
        );
        assert_eq!(
            body(&"я".repeat(BODY_MAX + 1)).unwrap_err(),
            "сообщение не длиннее 5000 знаков"
        );
        assert!(body(&"я".repeat(BODY_MAX)).is_ok());
    }

    #[test]
    fn subject_and_body_are_trimmed() {
        assert_eq!(subject(" Тема "), Ok("Тема".into()));
        assert_eq!(body(" Текст "), Ok("Текст".into()));
    }
}
