//! The error a browser sees. It carries only what a user may read: the
//! server maps its own errors into it once (see `server::error`), logging the
//! cause of anything internal and sending only "internal error".

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// One field's problem, shown beside that field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("Войдите в дневник, чтобы продолжить")]
    Unauthorized,
    #[error("Неверный адрес почты или пароль")]
    BadCredentials,
    #[error("Подтвердите адрес электронной почты: ссылка — в письме, которое мы отправили")]
    EmailNotConfirmed,
    #[error("Нет доступа")]
    Forbidden,
    #[error("Не найдено")]
    NotFound,
    #[error("{}", join_fields(.0))]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    #[error("Слишком много неудачных попыток входа. Повторите через {} мин", .0.div_ceil(60))]
    RateLimited(u64),
    #[error("Нет связи с сервером. Проверьте подключение")]
    Network,
    #[error("Внутренняя ошибка сервера. Попробуйте позже")]
    Internal,
}

fn join_fields(v: &[FieldError]) -> String {
    v.iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

impl AppError {
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Validation(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }

    /// The message for one field, if this is a validation error about it.
    pub fn message_for(&self, field: &str) -> Option<String> {
        match self {
            AppError::Validation(v) => v
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// On the server, sets this error's HTTP status on the current response;
    /// every error a server function returns passes through here.
    pub fn respond(self) -> Self {
        #[cfg(feature = "ssr")]
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(self.status()) {
                res.set_status(status);
            }
        }
        self
    }

    /// The HTTP status that goes with this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized | AppError::BadCredentials => 401,
            AppError::Forbidden | AppError::EmailNotConfirmed => 403,
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::RateLimited(_) => 429,
            AppError::Network => 503,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let e = match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            // Malformed arguments: the request never reached our validation.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::field("form", "Запрос составлен неверно")
            }
            _ => AppError::Internal,
        };
        // Failures before our code runs (arguments that do not decode)
        // still get the right status.
        e.respond()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_name_their_fields() {
        let e = AppError::Validation(vec![
            FieldError {
                field: "email".into(),
                message: "нет @".into(),
            },
            FieldError {
                field: "password".into(),
                message: "короткий".into(),
            },
        ]);
        assert_eq!(e.message_for("password").as_deref(), Some("короткий"));
        assert_eq!(e.message_for("name"), None);
        assert_eq!(e.to_string(), "нет @; короткий");
        assert_eq!(e.status(), 422);
    }

    #[test]
    fn a_lockout_is_told_in_minutes() {
        assert_eq!(
            AppError::RateLimited(900).to_string(),
            "Слишком много неудачных попыток входа. Повторите через 15 мин"
        );
        assert_eq!(AppError::RateLimited(61).status(), 429);
    }

    #[test]
    fn transport_failures_never_carry_server_text() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "relation \"users\" does not exist".into(),
        ));
        assert_eq!(e, AppError::Internal);
        assert!(!e.to_string().contains("users"));
    }
}
