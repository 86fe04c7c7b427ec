//! Shared rules of the diary: plain Rust, compiled for the server and the
//! browser alike, so both sides compute the same averages, match the same
//! names and validate the same way.

pub mod applications;
pub mod attendance;
pub mod calendar;
pub mod grades;
pub mod ids;
pub mod journal;
pub mod messages;
pub mod names;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
pub mod roles;
pub mod setup;
pub mod validate;
