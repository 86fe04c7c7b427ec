//! GET /auth/oidc/start and /auth/oidc/callback: signing in through an
//! OpenID Connect provider.

use app::server::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// Where a failed or cancelled sign-in ends.
const FAILED: &str = "/login?error=oidc";

/// Sends the browser to the OpenID Connect provider.
pub async fn start(State(state): State<AppState>) -> Response {
    let Some(oidc) = state.oidc.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match oidc.start().await {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "OpenID Connect sign-in could not start");
            Redirect::to(FAILED).into_response()
        }
    }
}

#[derive(serde::Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The provider sends the browser back here: open a session and go home.
pub async fn callback(
    State(state): State<AppState>,
    Query(q): Query<Callback>,
    headers: HeaderMap,
) -> Response {
    let Some(oidc) = state.oidc.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (Some(code), Some(st), None) = (q.code, q.state, q.error.as_ref()) else {
        tracing::info!(error = ?q.error, "OpenID Connect sign-in cancelled or refused");
        return Redirect::to(FAILED).into_response();
    };
    let agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    match oidc.finish(&state, &code, &st, agent).await {
        Ok(token) => {
            let cookie = app::server::auth::session_cookie(&state, Some(&token));
            (
                [(axum::http::header::SET_COOKIE, cookie)],
                Redirect::to("/"),
            )
                .into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "OpenID Connect sign-in failed");
            Redirect::to(FAILED).into_response()
        }
    }
}
