//! The wire types: what the server functions carry, one file per
//! capability. Both the services (`server::*`) and the server functions
//! (`api::*`) use them, and the pages read them; none of them imports a
//! higher layer.

pub mod accounts;
pub mod applications;
pub mod diary;
pub mod home;
pub mod journal;
pub mod messages;
pub mod periods;
pub mod setup;
