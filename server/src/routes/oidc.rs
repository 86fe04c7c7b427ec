//! GET /auth/oidc/start and /auth/oidc/callback: signing in through an
//! OpenID Connect provider.

use app::server::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

/// Where a failed or cancelled sign-in ends.
const FAILED: &str = "/login?error=oidc";

/// The cookie that binds a sign-in in progress to the browser that began it.
const BROWSER_COOKIE: &str = "dnevnik_oidc";

/// The binding cookie's name: `__Secure-` over HTTPS (`__Host-` would need
/// the whole site as its path).
fn browser_cookie_name(state: &AppState) -> String {
    if state.auth.cookie_secure {
        format!("__Secure-{BROWSER_COOKIE}")
    } else {
        BROWSER_COOKIE.to_string()
    }
}

/// The binding cookie: set for the sign-in's ten minutes, or cleared.
fn browser_cookie(state: &AppState, token: Option<&str>) -> String {
    let age = token.map_or(0, |_| app::server::oidc::PENDING.num_seconds());
    Cookie::build((
        browser_cookie_name(state),
        token.unwrap_or_default().to_string(),
    ))
    .path("/auth/oidc")
    .http_only(true)
    // Sent on the provider's redirect back (a top-level GET).
    .same_site(SameSite::Lax)
    .secure(state.auth.cookie_secure)
    .max_age(cookie::time::Duration::seconds(age))
    .build()
    .to_string()
}

/// Sends the browser to the OpenID Connect provider.
pub async fn start(State(state): State<AppState>) -> Response {
    let Some(oidc) = state.oidc.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match oidc.start(&state).await {
        Ok((url, browser)) => (
            [(header::SET_COOKIE, browser_cookie(&state, Some(&browser)))],
            Redirect::to(&url),
        )
            .into_response(),
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
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let jar = CookieJar::from_headers(&headers);
    let browser = jar
        .get(&browser_cookie_name(&state))
        .map(|c| c.value().to_string());
    let cleared = browser_cookie(&state, None);
    match oidc
        .finish(&state, &code, &st, browser.as_deref(), agent)
        .await
    {
        Ok(token) => {
            let cookie = app::server::auth::session_cookie(&state, Some(&token));
            (
                axum::response::AppendHeaders([
                    (header::SET_COOKIE, cookie),
                    (header::SET_COOKIE, cleared),
                ]),
                Redirect::to("/"),
            )
                .into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "OpenID Connect sign-in failed");
            ([(header::SET_COOKIE, cleared)], Redirect::to(FAILED)).into_response()
        }
    }
}
