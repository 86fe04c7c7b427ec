//! Pages and components.

pub mod accounts;
pub mod app;
pub mod applications;
pub mod diary;
pub mod home;
pub mod journal;
pub mod layout;
pub mod login;
pub mod messages;
pub mod officer;
pub mod page;
pub mod periods;
pub mod setup;
