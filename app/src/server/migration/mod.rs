//! Database migrations, applied at start (and by every test, on a fresh
//! database). Each later feature adds a migration; none rewrites one that
//! has shipped.

use sea_orm_migration::prelude::*;

mod helpers;
mod m20261129_000001_core;
mod m20261129_000002_class_data_version;
mod m20261129_000003_mail_and_tokens;
mod m20261129_000004_user_identities;
mod m20261129_000005_attendance_taken;
mod m20261202_000006_school_time_zone;
mod m20261202_000007_school_setup;
mod m20261203_000008_groups_and_days_off;
mod m20261204_000009_sign_in_guards;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_core::Migration),
            Box::new(m20261129_000002_class_data_version::Migration),
            Box::new(m20261129_000003_mail_and_tokens::Migration),
            Box::new(m20261129_000004_user_identities::Migration),
            Box::new(m20261129_000005_attendance_taken::Migration),
            Box::new(m20261202_000006_school_time_zone::Migration),
            Box::new(m20261202_000007_school_setup::Migration),
            Box::new(m20261203_000008_groups_and_days_off::Migration),
            Box::new(m20261204_000009_sign_in_guards::Migration),
        ]
    }
}
