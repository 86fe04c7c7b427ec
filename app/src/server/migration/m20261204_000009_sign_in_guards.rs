//! What guards signing in, shared by every server process:
//!
//! - `sign_in_attempts`: one counter per key (an account's e-mail, a client
//!   address), counted before the password is checked, so guesses sent at
//!   once are counted each;
//! - `known_devices`: the browsers an account has signed in from, so a
//!   lockout of the account for strangers does not lock its owner out;
//! - `oidc_logins`: a sign-in through the provider in progress, bound to
//!   the browser that started it (the hash of a cookie), used once;
//! - `users.access_version`: bumped whenever what an account may see or do
//!   changes (roles, guardianships, the classes of the children it reads),
//!   so every server process sees the change on that account's next request.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{id_ref, index, table, ts, ts_null, OnDelete::Cascade};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000009_sign_in_guards"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(table(
                "sign_in_attempts",
                vec![
                    string_len_uniq("key", 320),
                    integer("failures"),
                    ts("window_start"),
                    ts_null("next_allowed_at"),
                ],
                &[],
            ))
            .await?;
        manager
            .create_table(table(
                "known_devices",
                vec![
                    id_ref("user_id"),
                    string_uniq("token_hash"),
                    ts("created_at"),
                    ts("last_used_at"),
                ],
                &[("user_id", "users", Cascade)],
            ))
            .await?;
        manager
            .create_index(index("known_devices", &["user_id"], false))
            .await?;
        manager
            .create_table(table(
                "oidc_logins",
                vec![
                    string_uniq("state_hash"),
                    string("browser_hash"),
                    string("verifier"),
                    string("nonce"),
                    ts("created_at"),
                ],
                &[],
            ))
            .await?;
        manager
            .create_index(index("oidc_logins", &["created_at"], false))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("users")
                    .add_column(integer("access_version").default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("users")
                    .drop_column("access_version")
                    .to_owned(),
            )
            .await?;
        for t in ["oidc_logins", "known_devices", "sign_in_attempts"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
