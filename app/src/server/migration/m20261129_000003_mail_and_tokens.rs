//! The transactional mail outbox, and single-use e-mail tokens (address
//! confirmation, password reset).

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000003_mail_and_tokens"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("mail_outbox")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(string("to_address"))
                    .col(string("subject"))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    // Set while one sender holds the message, so no two send it.
                    .col(timestamp_with_time_zone_null("claimed_until"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(text_null("last_error"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_mail_outbox_pending")
                    .table("mail_outbox")
                    .col("sent_at")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("email_tokens")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("user_id"))
                    // confirm | reset
                    .col(string("purpose"))
                    .col(string_uniq("token_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_email_tokens_user_id")
                            .from("email_tokens", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The login is the e-mail and can never change: the database itself
        // refuses it, whatever code path tries.
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => &[
                "CREATE TRIGGER IF NOT EXISTS users_email_immutable BEFORE UPDATE OF email ON users \
                 WHEN NEW.email <> OLD.email \
                 BEGIN SELECT RAISE(ABORT, 'the login e-mail cannot be changed'); END",
            ],
            DatabaseBackend::Postgres => &[
                "CREATE OR REPLACE FUNCTION users_email_immutable() RETURNS trigger AS $$ \
                 BEGIN IF NEW.email <> OLD.email THEN \
                 RAISE EXCEPTION 'the login e-mail cannot be changed'; END IF; RETURN NEW; END; \
                 $$ LANGUAGE plpgsql",
                "CREATE TRIGGER users_email_immutable BEFORE UPDATE OF email ON users \
                 FOR EACH ROW EXECUTE FUNCTION users_email_immutable()",
            ],
            _ => &[],
        };
        for s in statements {
            db.execute_unprepared(s).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS users_email_immutable")
                    .await?;
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared("DROP FUNCTION IF EXISTS users_email_immutable() CASCADE")
                    .await?;
            }
            _ => {}
        }
        for t in ["email_tokens", "mail_outbox"] {
            manager
                .drop_table(Table::drop().table(t).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
