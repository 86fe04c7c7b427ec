//! Pages and components.

pub mod app;
pub mod home;
pub mod layout;
pub mod login;
