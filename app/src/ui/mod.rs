//! Pages and components.

pub mod access;
pub mod app;
pub mod diary;
pub mod home;
pub mod journal;
pub mod layout;
pub mod login;
pub mod messages;
pub mod page;
pub mod periods;
