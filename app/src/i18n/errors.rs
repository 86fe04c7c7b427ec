//! What errors say, in Russian and English: the fixed messages of
//! `AppError`'s variants, the few the server writes itself, and the texts of
//! the domain's validation errors (e-mail, password, names, birth date,
//! rounding thresholds). Every domain error is worded here by [`worded!`],
//! from this table or its capability's (`messages`, `journal`).
//!
//! An error is worded where it is shown or created, in [`current_lang`]: on
//! the server that is the request's `lang` cookie (so a service's field
//! message is in the user's language), in the browser the language on screen.
//! Without either (unit tests) it is Russian.

use std::fmt;

use super::plural::Noun;
use super::{current_lang, journal, messages, setup, Lang};
use crate::domain::applications::BirthDateError;
use crate::domain::grades::PolicyError;
use crate::domain::journal::CellParseError;
use crate::domain::messages::MessageError;
use crate::domain::names::{NameError, NamePart};
use crate::domain::setup::SetupError;
use crate::domain::validate::{EmailError, PasswordError};

/// The error strings, per language.
pub struct ErrorTexts {
    pub unauthorized: &'static str,
    pub bad_credentials: &'static str,
    pub email_not_confirmed: &'static str,
    pub forbidden: &'static str,
    pub not_found: &'static str,
    /// Followed by the wait in [`Self::minutes`].
    pub too_many_attempts: &'static str,
    pub minutes: Noun,
    pub network: &'static str,
    pub internal: &'static str,
    pub busy: &'static str,
    /// A write refused by a unique constraint.
    pub duplicate: &'static str,
    /// Arguments that do not decode.
    pub bad_request: &'static str,
    pub email_empty: &'static str,
    pub email_too_long: &'static str,
    pub email_no_at: &'static str,
    pub email_malformed: &'static str,
    pub password_too_short: &'static str,
    pub password_too_long: &'static str,
    pub password_digits_only: &'static str,
    pub last_name: &'static str,
    pub first_name: &'static str,
    pub middle_name: &'static str,
    pub name_empty: &'static str,
    pub name_too_long: &'static str,
    pub name_bad_characters: &'static str,
    pub birth_date_missing: &'static str,
    pub birth_date_out_of_range: &'static str,
    pub policy_out_of_range: &'static str,
    pub policy_not_increasing: &'static str,
}

const RU: ErrorTexts = ErrorTexts {
    unauthorized: "Войдите в дневник, чтобы продолжить",
    bad_credentials: "Неверный адрес почты или пароль",
    email_not_confirmed:
        "Подтвердите адрес электронной почты: ссылка — в письме, которое мы отправили",
    forbidden: "Нет доступа",
    not_found: "Не найдено",
    too_many_attempts: "Слишком много неудачных попыток входа. Повторите через",
    minutes: Noun::ru("мин", "мин", "мин"),
    network: "Нет связи с сервером. Проверьте подключение",
    internal: "Внутренняя ошибка сервера. Попробуйте позже",
    busy: "Сервер сейчас занят проверкой входов. Повторите через минуту",
    duplicate: "Такая запись уже есть",
    bad_request: "Запрос составлен неверно",
    email_empty: "укажите адрес электронной почты",
    email_too_long: "адрес электронной почты слишком длинный",
    email_no_at: "в адресе электронной почты нет знака @",
    email_malformed: "адрес электронной почты записан неверно",
    password_too_short: "пароль должен быть не короче 8 знаков",
    password_too_long: "пароль должен быть не длиннее 128 знаков",
    password_digits_only: "пароль не может состоять из одних цифр",
    last_name: "фамилия",
    first_name: "имя",
    middle_name: "отчество",
    name_empty: "не заполнено",
    name_too_long: "слишком длинно (не более 60 знаков)",
    name_bad_characters: "допустимы только буквы, пробел, дефис и апостроф",
    birth_date_missing: "укажите дату рождения ребёнка",
    birth_date_out_of_range: "дата рождения вне допустимого диапазона для школьника",
    policy_out_of_range: "пороги должны быть в пределах от 2,00 до 5,00",
    policy_not_increasing: "порог для 5 должен быть выше порога для 4, а тот — выше порога для 3",
};

const EN: ErrorTexts = ErrorTexts {
    unauthorized: "Sign in to the diary to continue",
    bad_credentials: "Wrong e-mail address or password",
    email_not_confirmed: "Confirm your e-mail address: the link is in the message we sent you",
    forbidden: "No access",
    not_found: "Not found",
    too_many_attempts: "Too many failed sign-in attempts. Try again in",
    minutes: Noun::en("minute", "minutes"),
    network: "No connection to the server. Check your connection",
    internal: "Internal server error. Try again later",
    busy: "The server is busy checking sign-ins. Try again in a minute",
    duplicate: "This record already exists",
    bad_request: "The request is malformed",
    email_empty: "enter your e-mail address",
    email_too_long: "the e-mail address is too long",
    email_no_at: "the e-mail address has no @ sign",
    email_malformed: "the e-mail address is not written correctly",
    password_too_short: "the password must be at least 8 characters long",
    password_too_long: "the password must be at most 128 characters long",
    password_digits_only: "the password cannot be digits only",
    last_name: "surname",
    first_name: "first name",
    middle_name: "patronymic",
    name_empty: "required",
    name_too_long: "too long (at most 60 characters)",
    name_bad_characters: "only letters, spaces, hyphens and apostrophes are allowed",
    birth_date_missing: "enter the child's date of birth",
    birth_date_out_of_range: "the date of birth is outside the range for a schoolchild",
    policy_out_of_range: "the thresholds must lie between 2.00 and 5.00",
    policy_not_increasing:
        "the threshold for 5 must be above the one for 4, and that one above the one for 3",
};

/// The error strings in `lang`.
pub fn texts(lang: Lang) -> &'static ErrorTexts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

impl ErrorTexts {
    /// «Слишком много неудачных попыток входа. Повторите через 15 мин».
    pub fn rate_limited(&self, seconds: u64) -> String {
        format!(
            "{} {}",
            self.too_many_attempts,
            self.minutes.count(seconds.div_ceil(60))
        )
    }

    pub fn email(&self, e: EmailError) -> &'static str {
        match e {
            EmailError::Empty => self.email_empty,
            EmailError::TooLong => self.email_too_long,
            EmailError::NoAt => self.email_no_at,
            EmailError::Malformed => self.email_malformed,
        }
    }

    pub fn password(&self, e: PasswordError) -> &'static str {
        match e {
            PasswordError::TooShort => self.password_too_short,
            PasswordError::TooLong => self.password_too_long,
            PasswordError::DigitsOnly => self.password_digits_only,
        }
    }

    /// «фамилия: не заполнено».
    pub fn name(&self, e: &NameError) -> String {
        let part = match e.part() {
            NamePart::Last => self.last_name,
            NamePart::First => self.first_name,
            NamePart::Middle => self.middle_name,
        };
        let problem = match e {
            NameError::Empty(_) => self.name_empty,
            NameError::TooLong(_) => self.name_too_long,
            NameError::BadCharacters(_) => self.name_bad_characters,
        };
        format!("{part}: {problem}")
    }

    pub fn birth_date(&self, e: BirthDateError) -> &'static str {
        match e {
            BirthDateError::Missing => self.birth_date_missing,
            BirthDateError::OutOfRange => self.birth_date_out_of_range,
        }
    }

    /// A school's rounding thresholds that do not hold.
    pub fn policy(&self, e: PolicyError) -> &'static str {
        match e {
            PolicyError::OutOfRange => self.policy_out_of_range,
            PolicyError::NotIncreasing => self.policy_not_increasing,
        }
    }
}

/// The domain's validation errors read in [`current_lang`] (`|lang, e|`
/// words `e` from its capability's table), and become the `String` of a
/// field error (`ServiceError::field("email", e)`).
macro_rules! worded {
    ($($ty:ty => |$lang:ident, $e:ident| $text:expr;)*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let ($lang, $e) = (current_lang(), self);
                f.write_str(&$text)
            }
        }

        impl std::error::Error for $ty {}

        impl From<$ty> for String {
            fn from(e: $ty) -> String {
                e.to_string()
            }
        }
    )*};
}

worded! {
    EmailError => |l, e| texts(l).email(*e);
    PasswordError => |l, e| texts(l).password(*e);
    NameError => |l, e| texts(l).name(e);
    BirthDateError => |l, e| texts(l).birth_date(*e);
    PolicyError => |l, e| texts(l).policy(*e);
    MessageError => |l, e| messages::texts(l).error(*e);
    CellParseError => |l, e| journal::texts(l).cell_error(e);
    SetupError => |l, e| setup::texts(l).error(*e);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_written_in_both_languages() {
        for lang in [Lang::Ru, Lang::En] {
            let t = texts(lang);
            assert!(!t.internal.is_empty() && !t.birth_date_out_of_range.is_empty());
        }
        assert_ne!(RU.unauthorized, EN.unauthorized);
    }

    #[test]
    fn a_lockout_counts_its_minutes() {
        assert_eq!(
            texts(Lang::Ru).rate_limited(900),
            "Слишком много неудачных попыток входа. Повторите через 15 мин"
        );
        assert_eq!(
            texts(Lang::En).rate_limited(61),
            "Too many failed sign-in attempts. Try again in 2 minutes"
        );
        assert_eq!(
            texts(Lang::En).rate_limited(60),
            "Too many failed sign-in attempts. Try again in 1 minute"
        );
    }

    #[test]
    fn validation_errors_read_russian_without_a_request() {
        assert_eq!(
            EmailError::NoAt.to_string(),
            "в адресе электронной почты нет знака @"
        );
        assert_eq!(
            String::from(BirthDateError::Missing),
            "укажите дату рождения ребёнка"
        );
        assert_eq!(
            texts(Lang::En).name(&NameError::TooLong(NamePart::Middle)),
            "patronymic: too long (at most 60 characters)"
        );
    }

    #[test]
    fn rounding_thresholds_are_refused_in_either_language() {
        assert_eq!(
            PolicyError::OutOfRange.to_string(),
            "пороги должны быть в пределах от 2,00 до 5,00"
        );
        assert_eq!(
            texts(Lang::Ru).policy(PolicyError::NotIncreasing),
            "порог для 5 должен быть выше порога для 4, а тот — выше порога для 3"
        );
        assert_eq!(
            texts(Lang::En).policy(PolicyError::OutOfRange),
            "the thresholds must lie between 2.00 and 5.00"
        );
    }
}
