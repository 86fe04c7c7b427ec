//! The services' error type, and its one mapping to what the user sees.
//! A fixed error's text is chosen where it is shown (`AppError`'s Display,
//! from `i18n::errors`); what the server writes itself — field messages,
//! conflicts — is written in the request's language (`i18n::current_lang`).

use crate::error::{AppError, FieldError};
use crate::i18n::{current_lang, errors};
use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    #[error("not signed in")]
    Unauthorized,
    #[error("bad credentials")]
    BadCredentials,
    #[error("e-mail not confirmed")]
    EmailNotConfirmed,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0:?}")]
    Validation(Vec<FieldError>),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("rate limited for {0} s")]
    RateLimited(u64),
    #[error("password checks busy")]
    Busy,
    #[error("internal: {0}")]
    Internal(String),
}

impl ServiceError {
    pub fn field(field: &str, message: impl Into<String>) -> ServiceError {
        ServiceError::Validation(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }
}

impl From<ServiceError> for AppError {
    /// The one place where a server error becomes what the browser sees:
    /// internal causes are logged here and never sent.
    fn from(e: ServiceError) -> AppError {
        let app = match e {
            ServiceError::Db(ref db) => match db.sql_err() {
                Some(SqlErr::UniqueConstraintViolation(_)) => {
                    tracing::info!(error = %db, "unique constraint refused a write");
                    AppError::Conflict(errors::texts(current_lang()).duplicate.into())
                }
                _ => {
                    tracing::error!(error = %db, "database error");
                    AppError::Internal
                }
            },
            ServiceError::Unauthorized => AppError::Unauthorized,
            ServiceError::BadCredentials => AppError::BadCredentials,
            ServiceError::Forbidden => AppError::Forbidden,
            ServiceError::EmailNotConfirmed => AppError::EmailNotConfirmed,
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Validation(v) => AppError::Validation(v),
            ServiceError::Conflict(m) => AppError::Conflict(m),
            ServiceError::RateLimited(s) => AppError::RateLimited(s),
            ServiceError::Busy => AppError::Busy,
            ServiceError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                AppError::Internal
            }
        };
        app.respond()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::{self, EmailError};
    use leptos::prelude::{provide_context, Owner};

    /// Runs `f` as a server function for a request with `cookie`.
    fn in_request<T>(cookie: &str, f: impl FnOnce() -> T) -> T {
        let (parts, ()) = axum::http::Request::builder()
            .header(axum::http::header::COOKIE, cookie)
            .body(())
            .unwrap()
            .into_parts();
        let owner = Owner::new();
        owner.with(|| {
            provide_context(parts);
            f()
        })
    }

    fn email_refused() -> AppError {
        validate::email("teacher-at-school")
            .map_err(|m| ServiceError::field("email", m))
            .unwrap_err()
            .into()
    }

    #[test]
    fn errors_are_worded_in_the_language_of_the_request() {
        in_request("theme=dark; lang=en", || {
            let e = email_refused();
            assert_eq!(
                e.message_for("email").as_deref(),
                Some("the e-mail address has no @ sign")
            );
            assert_eq!(
                AppError::from(ServiceError::Forbidden).to_string(),
                "No access"
            );
            assert_eq!(
                AppError::Unauthorized.to_string(),
                "Sign in to the diary to continue"
            );
        });
        in_request("lang=ru", || {
            assert_eq!(
                AppError::from(ServiceError::Forbidden).to_string(),
                "Нет доступа"
            );
        });
    }

    #[test]
    fn without_a_cookie_errors_are_russian() {
        let e = email_refused();
        assert_eq!(
            e.message_for("email").as_deref(),
            Some(EmailError::NoAt.to_string().as_str())
        );
        assert_eq!(e.to_string(), "в адресе электронной почты нет знака @");
        assert_eq!(
            AppError::from(ServiceError::NotFound).to_string(),
            "Не найдено"
        );
    }
}
