//! A version number per class, raised in the same transaction as every
//! change to the class's journal (lessons, marks, attendance, homework). The
//! diary caches a week per student and version, so every server process sees
//! a change at once without reading the whole week again.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000002_class_data_version"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("classes")
                    .add_column(big_integer("data_version").default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("classes")
                    .drop_column("data_version")
                    .to_owned(),
            )
            .await
    }
}
