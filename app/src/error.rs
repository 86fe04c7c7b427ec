//! The error a browser sees. It carries only what a user may read: the
//! server maps its own errors into it once (see `server::error`), logging the
//! cause of anything internal and sending only "internal error".
//!
//! On the wire a fixed error is its variant's name alone; its text comes
//! from `i18n::errors` where it is shown, in the language of the page (or,
//! on the server, of the request).

use crate::i18n::{current_lang, errors, Lang};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// One field's problem, shown beside that field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// What went wrong. `Validation` and `Conflict` carry messages the server
/// wrote in the request's language; the others are worded by `message`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
// Displayed in the language on screen (on the server: of the request).
#[error("{}", self.message(current_lang()))]
pub enum AppError {
    Unauthorized,
    BadCredentials,
    EmailNotConfirmed,
    Forbidden,
    NotFound,
    Validation(Vec<FieldError>),
    Conflict(String),
    /// Signing in is locked for this many seconds.
    RateLimited(u64),
    /// Too many sign-ins are being checked at once: try again shortly.
    Busy,
    Network,
    Internal,
}

impl AppError {
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> AppError {
        AppError::Validation(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }

    /// What the error says in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let t = errors::texts(lang);
        match self {
            AppError::Unauthorized => t.unauthorized.into(),
            AppError::BadCredentials => t.bad_credentials.into(),
            AppError::EmailNotConfirmed => t.email_not_confirmed.into(),
            AppError::Forbidden => t.forbidden.into(),
            AppError::NotFound => t.not_found.into(),
            AppError::Validation(v) => v
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            AppError::Conflict(m) => m.clone(),
            AppError::RateLimited(s) => t.rate_limited(*s),
            AppError::Busy => t.busy.into(),
            AppError::Network => t.network.into(),
            AppError::Internal => t.internal.into(),
        }
    }

    /// Whether a form shows it above its button: it is not about the
    /// fields, whose messages stand beside them.
    pub fn is_general(&self) -> bool {
        !matches!(self, AppError::Validation(_))
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
            // When to try again: after the lockout, or in a few seconds.
            let retry = match self {
                AppError::RateLimited(s) => Some(s.max(1)),
                AppError::Busy => Some(5),
                _ => None,
            };
            if let Some(s) = retry {
                res.insert_header(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from(s),
                );
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
            AppError::Busy | AppError::Network => 503,
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
                AppError::field("form", errors::texts(current_lang()).bad_request)
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
        assert!(!e.is_general() && AppError::Forbidden.is_general());
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
    fn fixed_errors_are_worded_in_either_language() {
        assert_eq!(AppError::Forbidden.to_string(), "Нет доступа");
        assert_eq!(AppError::Forbidden.message(Lang::En), "No access");
        assert_eq!(
            AppError::RateLimited(60).message(Lang::En),
            "Too many failed sign-in attempts. Try again in 1 minute"
        );
        assert_eq!(
            AppError::Conflict("занято".into()).message(Lang::En),
            "занято",
            "the server wrote it already"
        );
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
