//! Server-side sessions and "who is asking"; signing in with a password
//! (`sign_in`), guarded against guessing (`guard`), with the passwords
//! checked in a bounded pool (`passwords`).
//!
//! The session cookie holds a random 256-bit token; the database keeps only
//! its SHA-256, so a copy of the database cannot be used to sign in.

mod guard;
mod passwords;
mod sign_in;

pub use guard::{device_cookie, forget_account, DEVICE_COOKIE};
pub use passwords::{hash_password, hash_password_off_thread, PasswordChecks};
pub use sign_in::{sign_in, Client, SignedIn};

use axum::http::{header, HeaderValue};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::Utc;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::FromQueryResult;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::audit::{self, AuditEntry};
use super::entities::{person, school, session, user, user_role};
use super::{AppState, ServiceError};
use crate::domain::ids::{PersonId, SchoolId, UserId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;
use crate::model::accounts::{RoleGrant, SessionUser};

pub const SESSION_COOKIE: &str = "dnevnik_session";

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Opens a session for a user who has proved who they are; returns the
/// cookie token.
pub async fn open_session(
    st: &AppState,
    user_id: i64,
    user_agent: Option<String>,
) -> Result<String, ServiceError> {
    let token = new_token();
    let now = Utc::now();
    let txn = st.db.begin().await?;
    let s = session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + st.auth.session_ttl),
        last_seen_at: Set(now),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(255).collect())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_session(&txn, user_id, s.id, "sign_in").await?;
    txn.commit().await?;
    Ok(token)
}

/// Logs a session's opening or end (`action`) by its user.
async fn record_session(
    txn: &impl ConnectionTrait,
    user_id: i64,
    session_id: i64,
    action: &str,
) -> Result<(), ServiceError> {
    audit::record(
        txn,
        AuditEntry {
            actor_user_id: Some(user_id),
            school_id: None,
            action,
            entity: "session",
            entity_id: Some(session_id),
            old_value: None,
            new_value: None,
        },
    )
    .await?;
    Ok(())
}

/// A cookie's name: with the `__Host-` prefix when it is sent over HTTPS
/// only (it then must be `Secure`, for the whole site and this host, so
/// neither plain HTTP nor a sibling subdomain can plant one).
pub fn cookie_name(st: &AppState, base: &str) -> String {
    if st.auth.cookie_secure {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

/// The session token in these request headers' cookie, if any.
pub fn token_in(st: &AppState, headers: &axum::http::HeaderMap) -> Option<String> {
    let jar = CookieJar::from_headers(headers);
    jar.get(&cookie_name(st, SESSION_COOKIE))
        .map(|c| c.value().to_string())
}

/// The session token in the current request's cookie, if any.
pub fn request_token(st: &AppState) -> Option<String> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    token_in(st, &parts.headers)
}

/// The user behind the current request, or `None` when not signed in or
/// the session has expired.
pub async fn current_user(st: &AppState) -> Result<Option<SessionUser>, ServiceError> {
    let Some(token) = request_token(st) else {
        return Ok(None);
    };
    user_for_token(st, &token).await
}

/// Like [`current_user`], but refuses anonymous requests.
pub async fn require_user(st: &AppState) -> Result<SessionUser, ServiceError> {
    current_user(st).await?.ok_or(ServiceError::Unauthorized)
}

/// The user of a session token. Every request reads its session row (one
/// query, the account's `disabled` and `access_version` with it): a
/// sign-out, a password change or a deactivation on any server process ends
/// the session here at once, and a change of what the account may see or do
/// (its `access_version`) is read afresh. Only the account's roles and name
/// are kept in the process, for as long as its version holds.
pub async fn user_for_token(
    st: &AppState,
    token: &str,
) -> Result<Option<SessionUser>, ServiceError> {
    let now = Utc::now();
    let hash = token_hash(token);
    let Some(s) = SessionCheck::of(&st.db, &hash).await? else {
        st.caches.sessions.invalidate(&hash);
        return Ok(None);
    };
    // Unused for too long, or too old: a session slides only up to its
    // absolute lifetime, then it has to be signed into again.
    let ends_at = s.created_at + st.auth.session_max;
    if s.expires_at <= now || ends_at <= now {
        session::Entity::delete_by_id(s.id).exec(&st.db).await?;
        return Ok(None);
    }
    if s.disabled {
        st.caches.sessions.invalidate(&hash);
        return Ok(None);
    }
    // Sliding expiry, written at most every ten minutes.
    let mut expires_at = s.expires_at;
    if now - s.last_seen_at > chrono::Duration::minutes(10) {
        expires_at = (now + st.auth.session_ttl).min(ends_at);
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
            .filter(session::Column::Id.eq(s.id))
            .exec(&st.db)
            .await?;
    }
    if let Some((user, _)) = st.caches.sessions.get(&hash) {
        if user.access_version == s.access_version {
            return Ok(Some(user));
        }
    }
    let Some(u) = user::Entity::find_by_id(s.user_id).one(&st.db).await? else {
        return Ok(None);
    };
    let user = load_session_user(st, u).await?;
    st.caches.sessions.insert(hash, (user.clone(), expires_at));
    Ok(Some(user))
}

/// A session row with its account's flags: what every request reads.
#[derive(Debug, sea_orm::FromQueryResult)]
struct SessionCheck {
    id: i64,
    user_id: i64,
    created_at: chrono::DateTime<Utc>,
    expires_at: chrono::DateTime<Utc>,
    last_seen_at: chrono::DateTime<Utc>,
    disabled: bool,
    access_version: i32,
}

impl SessionCheck {
    async fn of(
        db: &impl ConnectionTrait,
        hash: &str,
    ) -> Result<Option<SessionCheck>, ServiceError> {
        use sea_orm::sea_query::{ExprTrait, Query};
        let q = Query::select()
            .columns([
                (session::Entity, session::Column::Id),
                (session::Entity, session::Column::UserId),
                (session::Entity, session::Column::CreatedAt),
                (session::Entity, session::Column::ExpiresAt),
                (session::Entity, session::Column::LastSeenAt),
            ])
            .columns([
                (user::Entity, user::Column::Disabled),
                (user::Entity, user::Column::AccessVersion),
            ])
            .from(session::Entity)
            .inner_join(
                user::Entity,
                Expr::col((user::Entity, user::Column::Id))
                    .equals((session::Entity, session::Column::UserId)),
            )
            .and_where(Expr::col((session::Entity, session::Column::TokenHash)).eq(hash))
            .to_owned();
        let stmt = db.get_database_backend().build(&q);
        Ok(SessionCheck::find_by_statement(stmt).one(db).await?)
    }
}

async fn load_session_user(st: &AppState, u: user::Model) -> Result<SessionUser, ServiceError> {
    let person = match u.person_id {
        Some(pid) => person::Entity::find_by_id(pid).one(&st.db).await?,
        None => None,
    };
    let grants = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(u.id))
        .all(&st.db)
        .await?;
    let school_ids: Vec<i64> = grants.iter().filter_map(|g| g.school_id).collect();
    let schools = school::Entity::find()
        .filter(school::Column::Id.is_in(school_ids))
        .all(&st.db)
        .await?;
    let mut roles: Vec<RoleGrant> = grants
        .iter()
        .filter_map(|g| {
            let role = Role::parse(&g.role)?;
            Some(RoleGrant {
                role,
                school_id: g.school_id.map(SchoolId),
                school_name: g
                    .school_id
                    .and_then(|id| schools.iter().find(|s| s.id == id))
                    .map(|s| s.short_name.clone()),
            })
        })
        .collect();
    roles.sort_by_key(|g| g.role.priority());
    Ok(SessionUser {
        access_version: u.access_version,
        id: UserId(u.id),
        email: u.email,
        person_id: person.as_ref().map(|p| PersonId(p.id)),
        name: person.map(|p| FullName {
            last: p.last_name,
            first: p.first_name,
            middle: p.middle_name,
        }),
        roles,
    })
}

/// Ends the current request's session, if there is one.
pub async fn sign_out(st: &AppState) -> Result<(), ServiceError> {
    if let Some(token) = request_token(st) {
        let hash = token_hash(&token);
        st.caches.sessions.invalidate(&hash);
        if let Some(s) = session::Entity::find()
            .filter(session::Column::TokenHash.eq(hash))
            .one(&st.db)
            .await?
        {
            let txn = st.db.begin().await?;
            session::Entity::delete_by_id(s.id).exec(&txn).await?;
            record_session(&txn, s.user_id, s.id, "sign_out").await?;
            txn.commit().await?;
        }
    }
    Ok(())
}

/// The `Set-Cookie` value that sets (or, with `None`, clears) the session.
pub fn session_cookie(st: &AppState, token: Option<&str>) -> String {
    let max_age = match token {
        Some(_) => time_secs(st.auth.session_ttl.num_seconds()),
        None => time_secs(0),
    };
    Cookie::build((
        cookie_name(st, SESSION_COOKIE),
        token.unwrap_or("").to_string(),
    ))
    .path("/")
    .http_only(true)
    .same_site(SameSite::Lax)
    .secure(st.auth.cookie_secure)
    .max_age(max_age)
    .build()
    .to_string()
}

/// Sets (or, with `None`, clears) the session cookie on the response.
pub fn set_session_cookie(st: &AppState, token: Option<&str>) {
    set_cookie(&session_cookie(st, token));
}

/// Adds a `Set-Cookie` to the current response.
pub fn set_cookie(value: &str) {
    let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if let Ok(v) = HeaderValue::from_str(value) {
        res.append_header(header::SET_COOKIE, v);
    }
}

fn time_secs(s: i64) -> cookie::time::Duration {
    cookie::time::Duration::seconds(s)
}

/// The request's User-Agent, for the session list.
pub fn request_user_agent() -> Option<String> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    parts
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_only_as_hashes() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
