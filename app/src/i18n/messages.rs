//! What the server says about messages, in Russian and English: why a
//! message is refused (`domain::messages::MessageError`) and how it names a
//! homeroom teacher among a child's recipients.

use super::Lang;
use crate::domain::messages::{MessageError, BODY_MAX, SUBJECT_MAX};

/// The messages' strings, per language.
pub struct MessageTexts {
    pub subject_empty: &'static str,
    /// (the longest subject).
    subject_too_long: fn(usize) -> String,
    pub body_empty: &'static str,
    /// (the longest text).
    body_too_long: fn(usize) -> String,
    /// Among what a recipient teaches the child.
    pub homeroom_teacher: &'static str,
}

const RU: MessageTexts = MessageTexts {
    subject_empty: "укажите тему сообщения",
    subject_too_long: |n| format!("тема не длиннее {n} знаков"),
    body_empty: "напишите текст сообщения",
    body_too_long: |n| format!("сообщение не длиннее {n} знаков"),
    homeroom_teacher: "Классный руководитель",
};

const EN: MessageTexts = MessageTexts {
    subject_empty: "enter the subject of the message",
    subject_too_long: |n| format!("the subject must be at most {n} characters long"),
    body_empty: "write the text of the message",
    body_too_long: |n| format!("the message must be at most {n} characters long"),
    homeroom_teacher: "Homeroom teacher",
};

/// The messages' strings in `lang`.
pub fn texts(lang: Lang) -> &'static MessageTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

impl MessageTexts {
    /// What a refused message is told.
    pub fn error(&self, e: MessageError) -> String {
        match e {
            MessageError::SubjectEmpty => self.subject_empty.into(),
            MessageError::SubjectTooLong => (self.subject_too_long)(SUBJECT_MAX),
            MessageError::BodyEmpty => self.body_empty.into(),
            MessageError::BodyTooLong => (self.body_too_long)(BODY_MAX),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_errors_are_written_in_both_languages() {
        assert_eq!(
            texts(Lang::Ru).error(MessageError::SubjectEmpty),
            "укажите тему сообщения"
        );
        assert_eq!(
            texts(Lang::Ru).error(MessageError::BodyTooLong),
            "сообщение не длиннее 5000 знаков"
        );
        assert_eq!(
            texts(Lang::En).error(MessageError::SubjectTooLong),
            "the subject must be at most 200 characters long"
        );
        assert_eq!(texts(Lang::En).homeroom_teacher, "Homeroom teacher");
        assert_eq!(texts(Lang::Ru).homeroom_teacher, "Классный руководитель");
    }
}
