//! Validation of what users type, shared by the forms and the server.
//! The errors name what is wrong; what they say, in the user's language,
//! is in `i18n::errors`.

/// What is wrong with a typed e-mail address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    TooLong,
    NoAt,
    Malformed,
}

/// What is wrong with a new password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordError {
    TooShort,
    TooLong,
    DigitsOnly,
}

/// Checks an e-mail address and returns it in the stored form (trimmed,
/// lower case). Deliberately simple and strict: one `@`, a local part of
/// the usual characters, a domain of at least two labels.
pub fn email(raw: &str) -> Result<String, EmailError> {
    let s = raw.trim().to_lowercase();
    if s.is_empty() {
        return Err(EmailError::Empty);
    }
    if s.len() > 254 {
        return Err(EmailError::TooLong);
    }
    let Some((local, domain)) = s.split_once('@') else {
        return Err(EmailError::NoAt);
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    if local_ok && domain_ok {
        Ok(s)
    } else {
        Err(EmailError::Malformed)
    }
}

/// The minimum a password must satisfy.
pub fn password(raw: &str) -> Result<(), PasswordError> {
    let n = raw.chars().count();
    if n < 8 {
        return Err(PasswordError::TooShort);
    }
    if n > 128 {
        return Err(PasswordError::TooLong);
    }
    if raw.chars().all(|c| c.is_ascii_digit()) {
        return Err(PasswordError::DigitsOnly);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        assert_eq!(
            email("  Anna.Ivanova@Mail.RU "),
            Ok("anna.ivanova@mail.ru".into())
        );
        assert_eq!(email("a+school@пример.рф"), Ok("a+school@пример.рф".into()));
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@mail.ru",
            "anna@mail",
            "anna@@mail.ru",
            "an na@mail.ru",
            ".anna@mail.ru",
            "anna..i@mail.ru",
            "anna@-mail.ru",
            "anna@mail.r",
        ] {
            assert!(email(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn short_or_digit_only_passwords_are_refused() {
        assert_eq!(password("1234567"), Err(PasswordError::TooShort));
        assert_eq!(password("12345678"), Err(PasswordError::DigitsOnly));
        assert!(password("дневник2026").is_ok());
        assert_eq!(password(&"x".repeat(129)), Err(PasswordError::TooLong));
    }
}
