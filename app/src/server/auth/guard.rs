//! Guessing passwords, held off for every server process at once.
//!
//! Every attempt is counted in the database before its password is checked
//! (`sign_in_attempts`), so guesses sent all at once are each counted, and
//! every server process sees the same counts:
//!
//! - per account: after [`ACCOUNT_FAILURES`] failed attempts in a window,
//!   browsers the account has not signed in from before are held off until
//!   the window ends. The account's owner, on a browser they signed in from
//!   (it keeps a [`DEVICE_COOKIE`]), is not: a stranger's guesses cannot
//!   lock the owner out. A password reset by mail ends the hold;
//! - per client address: at most [`ADDRESS_ATTEMPTS`] attempts in a window,
//!   whatever accounts they name, and every further attempt from that
//!   address keeps it held off for a window after the last one.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Set,
    Statement, TryInsertResult,
};

use super::{new_token, token_hash};
use crate::server::entities::{known_device, sign_in_attempt};
use crate::server::{AppState, ServiceError};

/// The cookie of a browser an account has signed in from.
pub const DEVICE_COOKIE: &str = "dnevnik_device";
/// How long counts are kept.
pub const WINDOW: chrono::Duration = chrono::Duration::minutes(15);
/// Failed attempts on one account before browsers it does not know are
/// held off for the rest of the window.
pub const ACCOUNT_FAILURES: i32 = 5;
/// Attempts from one client address in a window.
pub const ADDRESS_ATTEMPTS: i32 = 30;

/// The counter of an account.
fn account_key(email: &str) -> String {
    format!("account:{email}")
}

/// The counter of a client address: an IPv4 address, or the /64 network of
/// an IPv6 one (a single subscriber holds a whole /64).
fn address_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(a) => format!("address:{a}"),
        IpAddr::V6(a) => {
            let s = a.segments();
            format!("address:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// `$1`, `$2` on PostgreSQL; `?` on SQLite.
fn sql(db: DatabaseBackend, text: &str) -> String {
    if db == DatabaseBackend::Postgres {
        let mut out = String::new();
        let mut n = 0;
        for c in text.chars() {
            if c == '?' {
                n += 1;
                out.push_str(&format!("${n}"));
            } else {
                out.push(c);
            }
        }
        out
    } else {
        text.to_string()
    }
}

/// Counts one attempt under `key` and answers the count in its window,
/// this attempt included, and when that window began. Atomic on both
/// databases: each of many attempts at once gets its own number.
async fn count(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(i32, DateTime<Utc>), ServiceError> {
    let b = db.get_database_backend();
    // A window that has passed starts again.
    db.execute_raw(Statement::from_sql_and_values(
        b,
        sql(
            b,
            "UPDATE sign_in_attempts SET failures = 0, window_start = ? \
             WHERE key = ? AND window_start < ?",
        ),
        [now.into(), key.into(), (now - WINDOW).into()],
    ))
    .await?;
    for _ in 0..3 {
        let row = db
            .query_one_raw(Statement::from_sql_and_values(
                b,
                sql(
                    b,
                    "UPDATE sign_in_attempts SET failures = failures + 1 \
                     WHERE key = ? RETURNING failures, window_start",
                ),
                [key.into()],
            ))
            .await?;
        if let Some(row) = row {
            return Ok((
                row.try_get::<i32>("", "failures")?,
                row.try_get::<DateTime<Utc>>("", "window_start")?,
            ));
        }
        let first = sign_in_attempt::Entity::insert(sign_in_attempt::ActiveModel {
            key: Set(key.to_string()),
            failures: Set(1),
            window_start: Set(now),
            next_allowed_at: Set(None),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([sign_in_attempt::Column::Key])
        .exec_without_returning(db)
        .await?;
        if matches!(first, TryInsertResult::Inserted(1)) {
            return Ok((1, now));
        }
        // Another attempt created the row first: count on it.
    }
    Err(ServiceError::Internal("sign-in counter: no row".into()))
}

/// Takes one attempt back under `key` (it was no failure).
async fn uncount(db: &impl ConnectionTrait, key: &str) -> Result<(), ServiceError> {
    let b = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        b,
        sql(
            b,
            "UPDATE sign_in_attempts SET failures = failures - 1 \
             WHERE key = ? AND failures > 0",
        ),
        [key.into()],
    ))
    .await?;
    Ok(())
}

/// Seconds until a window that began at `start` ends, at least one.
fn seconds_left(start: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    (start + WINDOW - now).num_seconds().max(1) as u64
}

/// An attempt that was let through to the password check.
pub(super) struct Admitted {
    account: Option<String>,
    address: Option<String>,
}

/// Counts an attempt on `email` from `address` (with the browser known to
/// the account or not) before its password is checked; refuses it while
/// the account holds strangers off or the address is held off.
pub(super) async fn admit(
    st: &AppState,
    email: &str,
    address: Option<IpAddr>,
    known_device: bool,
) -> Result<Admitted, ServiceError> {
    let now = Utc::now();
    let mut admitted = Admitted {
        account: None,
        address: None,
    };
    if let Some(a) = address {
        let key = address_key(a);
        let (n, start) = count(&st.db, &key, now).await?;
        if n > ADDRESS_ATTEMPTS {
            // Every attempt past the limit keeps the address held off for a
            // whole window from now.
            reopen(&st.db, &key, now).await?;
            tracing::warn!(
                attempts = n,
                "sign-in refused: too many attempts from one address"
            );
            return Err(ServiceError::RateLimited(seconds_left(start.max(now), now)));
        }
        admitted.address = Some(key);
    }
    if !known_device {
        let key = account_key(email);
        let (n, start) = count(&st.db, &key, now).await?;
        if n > ACCOUNT_FAILURES {
            if let Some(a) = &admitted.address {
                uncount(&st.db, a).await?;
            }
            tracing::warn!(
                attempts = n,
                "sign-in refused: account held off for unknown browsers"
            );
            return Err(ServiceError::RateLimited(seconds_left(start, now)));
        }
        admitted.account = Some(key);
    }
    Ok(admitted)
}

/// Starts the address's window again from now (its count stays).
async fn reopen(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    sign_in_attempt::Entity::update_many()
        .col_expr(
            sign_in_attempt::Column::WindowStart,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(sign_in_attempt::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

impl Admitted {
    /// The password was right: this attempt was no failure, and the
    /// account's count starts again.
    pub(super) async fn succeeded(self, st: &AppState, email: &str) -> Result<(), ServiceError> {
        if let Some(a) = &self.address {
            uncount(&st.db, a).await?;
        }
        forget_account(&st.db, email).await
    }
}

/// Ends an account's hold on strangers (a right password, a password set
/// from a mailed link).
pub async fn forget_account(db: &impl ConnectionTrait, email: &str) -> Result<(), ServiceError> {
    sign_in_attempt::Entity::delete_many()
        .filter(sign_in_attempt::Column::Key.eq(account_key(email)))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether this browser's device cookie is one the account signed in from.
pub(super) async fn is_known(
    st: &AppState,
    user_id: i64,
    token: Option<&str>,
) -> Result<bool, ServiceError> {
    let Some(token) = token else {
        return Ok(false);
    };
    Ok(known_device::Entity::find()
        .filter(known_device::Column::TokenHash.eq(token_hash(token)))
        .filter(known_device::Column::UserId.eq(user_id))
        .one(&st.db)
        .await?
        .is_some())
}

/// Remembers this browser for the account (after a right password); the
/// token for its cookie, or `None` when it was known already.
pub(super) async fn remember(
    st: &AppState,
    user_id: i64,
    token: Option<&str>,
) -> Result<Option<String>, ServiceError> {
    let now = Utc::now();
    if let Some(token) = token {
        let seen = known_device::Entity::update_many()
            .col_expr(
                known_device::Column::LastUsedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(known_device::Column::TokenHash.eq(token_hash(token)))
            .filter(known_device::Column::UserId.eq(user_id))
            .exec(&st.db)
            .await?;
        if seen.rows_affected == 1 {
            return Ok(None);
        }
    }
    let token = new_token();
    known_device::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        last_used_at: Set(now),
        ..Default::default()
    }
    .insert(&st.db)
    .await?;
    Ok(Some(token))
}

/// The `Set-Cookie` value of a browser's device cookie (a year long).
pub fn device_cookie(st: &AppState, token: &str) -> String {
    axum_extra::extract::cookie::Cookie::build((
        super::cookie_name(st, DEVICE_COOKIE),
        token.to_string(),
    ))
    .path("/")
    .http_only(true)
    .same_site(axum_extra::extract::cookie::SameSite::Lax)
    .secure(st.auth.cookie_secure)
    .max_age(cookie::time::Duration::days(365))
    .build()
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_subscriber_is_counted_as_one_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(address_key(a), address_key(b));
        assert_eq!(
            address_key("192.0.2.7".parse().unwrap()),
            "address:192.0.2.7"
        );
    }

    #[test]
    fn placeholders_follow_the_database() {
        let q = "UPDATE t SET a = ? WHERE b = ?";
        assert_eq!(sql(DatabaseBackend::Sqlite, q), q);
        assert_eq!(
            sql(DatabaseBackend::Postgres, q),
            "UPDATE t SET a = $1 WHERE b = $2"
        );
    }
}
