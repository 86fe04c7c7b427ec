//! The diary's server: configuration, security headers, and the axum
//! application that serves the Leptos app, its server functions and /health.

pub mod config;
pub mod security;
pub mod startup;
pub mod telemetry;
