//! Each school keeps its own time zone (an IANA name such as Europe/Moscow,
//! Asia/Yekaterinburg or Asia/Vladivostok: Russian schools span eleven
//! zones). Dates and times shown to people, and what "today" is, follow it.
//! Existing schools get Europe/Moscow, the zone their times were shown in.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000006_school_time_zone"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("schools")
                    .add_column(string_len("time_zone", 64).default("Europe/Moscow"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("schools")
                    .drop_column("time_zone")
                    .to_owned(),
            )
            .await
    }
}
