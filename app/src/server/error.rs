//! The services' error type, and its one mapping to what the user sees.

use crate::error::{AppError, FieldError};
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
                    AppError::Conflict("Такая запись уже есть".into())
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
            ServiceError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                AppError::Internal
            }
        };
        app.respond()
    }
}
