//! Signing in with an e-mail and a password: validated, counted against
//! guessing (`guard`) before the password is checked in the bounded pool
//! (`passwords`), then a session.

use std::net::IpAddr;

use axum::http::header;
use axum_extra::extract::cookie::CookieJar;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::guard::{self, DEVICE_COOKIE};
use super::{open_session, passwords};
use crate::domain::validate;
use crate::i18n::{accounts, current_lang};
use crate::server::entities::user;
use crate::server::{AppState, ServiceError};

/// Who is signing in, as the request shows them: the client's address, the
/// browser's device cookie, its User-Agent.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub address: Option<IpAddr>,
    pub device: Option<String>,
    pub user_agent: Option<String>,
}

impl Client {
    /// The current request's client. Behind a reverse proxy
    /// (`server.behind_proxy`), the address is the last one the proxy
    /// added to `X-Forwarded-For`; otherwise the connection's.
    pub fn of_request(st: &AppState) -> Client {
        let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() else {
            return Client::default();
        };
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip());
        // The proxy appends the address it saw: the last entry is the only
        // one a client cannot choose.
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|a| a.trim().parse::<IpAddr>().ok());
        let address = if st.auth.behind_proxy {
            forwarded.or(peer)
        } else {
            peer
        };
        let jar = CookieJar::from_headers(&parts.headers);
        Client {
            address,
            device: jar
                .get(&super::cookie_name(st, DEVICE_COOKIE))
                .map(|c| c.value().to_string()),
            user_agent: parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
        }
    }
}

/// What a right password opens: the session's token, and a device token
/// for the browser's cookie when the account did not know it yet.
pub struct SignedIn {
    pub session: String,
    pub device: Option<String>,
}

/// Checks e-mail and password and opens a session.
pub async fn sign_in(
    st: &AppState,
    email: &str,
    password: &str,
    client: &Client,
) -> Result<SignedIn, ServiceError> {
    let email = validate::email(email).map_err(|m| ServiceError::field("email", m))?;
    if password.is_empty() {
        return Err(ServiceError::field(
            "password",
            accounts::texts(current_lang()).password_missing,
        ));
    }
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&st.db)
        .await?;
    let known = match &found {
        Some(u) => guard::is_known(st, u.id, client.device.as_deref()).await?,
        None => false,
    };
    let admitted = guard::admit(st, &email, client.address, known).await?;
    let phc = found.as_ref().and_then(|u| u.password_hash.clone());
    let ok = passwords::check(st, password, phc).await?;
    let user = match found {
        Some(u) if ok && !u.disabled => u,
        _ => {
            tracing::info!("failed sign-in");
            return Err(ServiceError::BadCredentials);
        }
    };
    admitted.succeeded(st, &email).await?;
    if user.email_verified_at.is_none() {
        return Err(ServiceError::EmailNotConfirmed);
    }
    let device = guard::remember(st, user.id, client.device.as_deref()).await?;
    let session = open_session(st, user.id, client.user_agent.clone()).await?;
    Ok(SignedIn { session, device })
}
