//! The plain axum routes beside the server functions: /health, attachment
//! downloads, the journal's CSV export and the OpenID Connect round trip,
//! with what they share (the signed-in user of a request, error answers).

pub mod files;
pub mod health;
pub mod journal_csv;
pub mod oidc;

use app::error::AppError;
use app::model::accounts::SessionUser;
use app::server::AppState;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

/// The signed-in user of a plain (non-server-function) request.
pub async fn request_user(state: &AppState, headers: &HeaderMap) -> Result<SessionUser, Response> {
    let user = match app::server::auth::token_in(state, headers) {
        Some(token) => app::server::auth::user_for_token(state, &token).await,
        None => Ok(None),
    };
    match user {
        Ok(Some(u)) => Ok(u),
        Ok(None) => Err(refuse(AppError::Unauthorized)),
        Err(e) => Err(refuse(e.into())),
    }
}

/// The error's status with its text as the body.
pub fn refuse(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, e.to_string()).into_response()
}

/// A file download: its content type and an attachment disposition with the
/// file name, and the bytes.
pub fn download(content_type: String, file_name: &str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename*=UTF-8''{}", utf8_percent(file_name));
    (
        [
            (axum::http::header::CONTENT_TYPE, content_type),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// RFC 5987 encoding of a file name.
fn utf8_percent(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
