//! A class split into groups for a subject (English in two): each group's
//! section has its own students. A section without a group name teaches the
//! whole class; one with a group name teaches its members only.
//!
//! Days without lessons are of two kinds: holidays between periods
//! (каникулы) and non-school days inside them (a public holiday, a day the
//! school is closed). Existing rows are holidays.
//!
//! A shortened day (before a holiday, a day of events) keeps its lessons at
//! other times: the school's short bells, on the days it marks as short.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{id_ref, index, table, OnDelete::Cascade};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000008_groups_and_days_off"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(table(
                "group_members",
                vec![id_ref("section_id"), id_ref("student_id")],
                &[
                    ("section_id", "course_sections", Cascade),
                    ("student_id", "persons", Cascade),
                ],
            ))
            .await?;
        manager
            .create_index(index("group_members", &["section_id", "student_id"], true))
            .await?;
        manager
            .create_index(index("group_members", &["student_id"], false))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("holidays")
                    .add_column(string_len("kind", 16).default("holiday"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(table(
                "short_bells",
                vec![
                    id_ref("school_id"),
                    integer("number"),
                    time("starts_at"),
                    time("ends_at"),
                ],
                &[("school_id", "schools", Cascade)],
            ))
            .await?;
        manager
            .create_index(index("short_bells", &["school_id", "number"], true))
            .await?;
        manager
            .create_table(table(
                "short_days",
                vec![id_ref("school_id"), date("date"), string("name")],
                &[("school_id", "schools", Cascade)],
            ))
            .await?;
        manager
            .create_index(index("short_days", &["school_id", "date"], true))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["short_days", "short_bells"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("holidays")
                    .drop_column("kind")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("group_members").to_owned())
            .await
    }
}
