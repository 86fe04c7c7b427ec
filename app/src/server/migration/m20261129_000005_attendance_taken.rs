//! When a teacher marks a lesson's attendance as taken ("everyone present"),
//! and who did: every student without a code at that lesson was there.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000005_attendance_taken"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("lessons")
                    .add_column(timestamp_with_time_zone_null("attendance_taken_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("lessons")
                    .add_column(big_integer_null("attendance_taken_by"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in ["attendance_taken_by", "attendance_taken_at"] {
            manager
                .alter_table(Table::alter().table("lessons").drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
