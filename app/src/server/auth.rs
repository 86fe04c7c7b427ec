//! Passwords (argon2id), server-side sessions and "who is asking".
//!
//! The session cookie holds a random 256-bit token; the database keeps only
//! its SHA-256, so a copy of the database cannot be used to sign in.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::http::{header, HeaderValue};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::Utc;
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

use super::audit::{self, AuditEntry};
use super::cache::{LOCKOUT, MAX_FAILED_LOGINS};
use super::entities::{person, school, session, user, user_role};
use super::{AppState, ServiceError};
use crate::domain::ids::{PersonId, SchoolId, UserId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;
use crate::domain::validate;
use crate::i18n::{accounts, current_lang};
use crate::model::accounts::{RoleGrant, SessionUser};

pub const SESSION_COOKIE: &str = "dnevnik_session";

/// Hashes a password with argon2id and a fresh salt (PHC string).
pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("argon2: {e}")))
}

/// [`hash_password`] on a blocking thread, as argon2 takes a while.
pub async fn hash_password_off_thread(password: &str) -> Result<String, ServiceError> {
    let pw = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&pw))
        .await
        .map_err(|e| ServiceError::Internal(format!("hash task: {e}")))?
}

fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to check against when the account does not exist, so a wrong
/// e-mail takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password("not a real password").unwrap_or_default())
}

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Checks e-mail and password and opens a session; returns the cookie token.
pub async fn sign_in(
    st: &AppState,
    email: &str,
    password: &str,
    user_agent: Option<String>,
) -> Result<String, ServiceError> {
    let email = validate::email(email).map_err(|m| ServiceError::field("email", m))?;
    if password.is_empty() {
        return Err(ServiceError::field(
            "password",
            accounts::texts(current_lang()).password_missing,
        ));
    }
    // Too many failures for this address: refuse before checking anything.
    let failures = st.caches.failed_logins.get(&email).unwrap_or(0);
    if failures >= MAX_FAILED_LOGINS {
        return Err(ServiceError::RateLimited(LOCKOUT.num_seconds() as u64));
    }
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&st.db)
        .await?;
    let phc = found
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let pw = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&pw, &phc))
        .await
        .map_err(|e| ServiceError::Internal(format!("verify task: {e}")))?;
    let user = match found {
        Some(u) if ok && !u.disabled && u.password_hash.is_some() => u,
        _ => {
            st.caches.failed_logins.insert(email.clone(), failures + 1);
            tracing::info!(failures = failures + 1, "failed sign-in");
            return Err(ServiceError::BadCredentials);
        }
    };
    st.caches.failed_logins.invalidate(&email);
    if user.email_verified_at.is_none() {
        return Err(ServiceError::EmailNotConfirmed);
    }

    open_session(st, user.id, user_agent).await
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

/// The session token in the current request's cookie, if any.
pub fn request_token() -> Option<String> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    let jar = CookieJar::from_headers(&parts.headers);
    jar.get(SESSION_COOKIE).map(|c| c.value().to_string())
}

/// The user behind the current request, or `None` when not signed in or
/// the session has expired.
pub async fn current_user(st: &AppState) -> Result<Option<SessionUser>, ServiceError> {
    let Some(token) = request_token() else {
        return Ok(None);
    };
    user_for_token(st, &token).await
}

/// Like [`current_user`], but refuses anonymous requests.
pub async fn require_user(st: &AppState) -> Result<SessionUser, ServiceError> {
    current_user(st).await?.ok_or(ServiceError::Unauthorized)
}

pub async fn user_for_token(
    st: &AppState,
    token: &str,
) -> Result<Option<SessionUser>, ServiceError> {
    let now = Utc::now();
    let hash = token_hash(token);
    if let Some((user, expires_at)) = st.caches.sessions.get(&hash) {
        if expires_at > now {
            return Ok(Some(user));
        }
        st.caches.sessions.invalidate(&hash);
    }
    let Some(s) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(hash.clone()))
        .one(&st.db)
        .await?
    else {
        return Ok(None);
    };
    if s.expires_at <= now {
        session::Entity::delete_by_id(s.id).exec(&st.db).await?;
        return Ok(None);
    }
    let Some(u) = user::Entity::find_by_id(s.user_id).one(&st.db).await? else {
        return Ok(None);
    };
    if u.disabled {
        return Ok(None);
    }
    // Sliding expiry, written at most every ten minutes.
    let mut expires_at = s.expires_at;
    if now - s.last_seen_at > chrono::Duration::minutes(10) {
        expires_at = now + st.auth.session_ttl;
        let mut am: session::ActiveModel = s.into();
        am.last_seen_at = Set(now);
        am.expires_at = Set(expires_at);
        am.update(&st.db).await?;
    }
    let user = load_session_user(st, u).await?;
    st.caches.sessions.insert(hash, (user.clone(), expires_at));
    Ok(Some(user))
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
    if let Some(token) = request_token() {
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
    Cookie::build((SESSION_COOKIE, token.unwrap_or("").to_string()))
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
    let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if let Ok(v) = HeaderValue::from_str(&session_cookie(st, token)) {
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
    fn password_hashes_are_argon2id_and_verify_only_the_right_password() {
        let h = hash_password("дневник2026").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("дневник2026", &h));
        assert!(!verify_password("дневник2027", &h));
        assert!(!verify_password("дневник2026", "not a hash"));
    }

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
