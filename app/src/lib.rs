//! Дневник — the Leptos application: pages and components, the server
//! functions they call, and the shared domain rules. Built twice: with
//! `ssr` into the server binary, with `hydrate` into the browser's wasm.

#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod model;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

pub use ui::app::{shell, App};
