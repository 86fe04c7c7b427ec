//! The diary's server: configuration, security headers, and the axum
//! application that serves the Leptos app, its server functions and the plain
//! routes (/health, attached files, the journal CSV, OpenID Connect); the
//! first run (`init`) and backups (`backup`).

pub mod backup;
pub mod config;
pub mod init;
pub mod routes;
pub mod security;
pub mod startup;
pub mod telemetry;
