//! Everything that runs only on the server: the database (entities and
//! migrations), the services behind the server functions, and the demo seed.
//! Compiled with the `ssr` feature only.

pub mod accounts;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod db;
pub mod diary;
pub mod entities;
pub mod error;
pub mod home;
pub mod journal;
pub mod mail;
pub mod messages;
pub mod migration;
pub mod oidc;
pub mod periods;
pub mod school;
pub mod seed;
pub mod setup;
pub mod visibility;

use sea_orm::DatabaseConnection;

pub use error::ServiceError;

/// What every request handler and server function can reach: given to
/// Leptos as context by the server crate.
#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub auth: AuthSettings,
    pub caches: cache::Caches,
    /// Sign-in through an OpenID Connect provider, when configured.
    pub oidc: Option<std::sync::Arc<oidc::Oidc>>,
    /// Where attached files are kept (`attachments.storage_key` is relative
    /// to it).
    pub files_dir: std::path::PathBuf,
    /// SQLite has one writer at a time: journal saves queue here, in turn,
    /// instead of polling SQLite's lock with growing sleeps.
    pub write_gate: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// The turns of password checks and hashes (`auth.password_checks`).
    pub password_checks: auth::PasswordChecks,
}

impl AppState {
    pub fn new(db: DatabaseConnection, auth: AuthSettings) -> AppState {
        AppState {
            db,
            auth,
            caches: cache::Caches::default(),
            oidc: None,
            files_dir: std::path::PathBuf::from("data/files"),
            write_gate: Default::default(),
            password_checks: Default::default(),
        }
    }

    /// Waits for this process's turn to write, on SQLite; on PostgreSQL
    /// writers need no turn (row locks order them).
    pub async fn write_turn(&self) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        if self.db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
            Some(self.write_gate.clone().lock_owned().await)
        } else {
            None
        }
    }
}

/// Session settings, from the `[auth]` section of Leptos.toml.
#[derive(Clone, Debug)]
pub struct AuthSettings {
    /// How long a session lives without use.
    pub session_ttl: chrono::Duration,
    /// How long a session lives at most, however often it is used.
    pub session_max: chrono::Duration,
    /// Mark the cookie `Secure` (behind HTTPS).
    pub cookie_secure: bool,
    /// The site's public address, for links sent by mail.
    pub public_url: String,
    /// Behind a reverse proxy: a client's address is the one it adds to
    /// `X-Forwarded-For`.
    pub behind_proxy: bool,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            session_ttl: chrono::Duration::days(30),
            session_max: chrono::Duration::days(90),
            cookie_secure: false,
            public_url: "http://127.0.0.1:3000".into(),
            behind_proxy: false,
        }
    }
}

/// The state, from the Leptos context of the current request.
pub fn state() -> Result<AppState, ServiceError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| ServiceError::Internal("AppState missing from context".into()))
}
