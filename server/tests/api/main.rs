//! Integration tests: the real server on a free port, a fresh database per
//! test, every test run on SQLite and on PostgreSQL.

mod helpers;
mod smtp;

mod accounts;
mod applications;
mod auth;
mod backup;
mod config_file;
mod diary;
mod health;
mod journal;
mod load;
mod messages;
mod model;
mod pages;
mod setup;
mod shutdown;
mod startup;
