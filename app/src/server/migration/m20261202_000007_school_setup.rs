//! What a school sets up for itself (issue 12): its address, the holidays of
//! each year (days without lessons), and the weekly timetable the lessons of
//! a period are generated from. The reference data every school shares — the
//! grade scales and the attendance codes — came only with the demo school
//! before; a database without it gets it here.

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::helpers::{id_ref, index, table, OnDelete::Cascade};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000007_school_setup"
    }
}

/// (code, points, counts in the average) of the five-point scale.
const FIVE_POINT: [(&str, Option<i32>, bool); 7] = [
    ("5", Some(5), true),
    ("4", Some(4), true),
    ("3", Some(3), true),
    ("2", Some(2), true),
    ("1", Some(1), true),
    ("н/а", None, false),
    ("осв", None, false),
];

/// (code, name, category)
const ATTENDANCE_CODES: [(&str, &str, &str); 4] = [
    ("Н", "Отсутствовал", "absent"),
    ("Б", "Болел", "ill"),
    ("УП", "Уважительная причина", "excused"),
    ("ОП", "Опоздал", "late"),
];

async fn count(db: &SchemaManagerConnection<'_>, table: &str) -> Result<i64, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await?
        .ok_or_else(|| DbErr::Custom(format!("no count of {table}")))?;
    row.try_get("", "n")
}

/// The grade scales and attendance codes, unless the database has them.
async fn reference_data(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    if count(db, "grade_scales").await? == 0 {
        for (code, name) in [
            ("five_point", "Пятибалльная"),
            ("pass_fail", "Зачёт / незачёт"),
        ] {
            db.execute(
                &Query::insert()
                    .into_table("grade_scales")
                    .columns(["code", "name"])
                    .values_panic([code.into(), name.into()])
                    .to_owned(),
            )
            .await?;
        }
        let values = FIVE_POINT
            .iter()
            .map(|(c, p, counts)| ("five_point", *c, *p, *counts))
            .chain(
                ["зач", "незач"]
                    .iter()
                    .map(|c| ("pass_fail", *c, None, false)),
            );
        let mut ord = [0i32; 2];
        for (scale, code, points, counts) in values {
            let n = &mut ord[usize::from(scale == "pass_fail")];
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    format!("SELECT id FROM grade_scales WHERE code = '{scale}'"),
                ))
                .await?
                .ok_or_else(|| DbErr::Custom(format!("no grade scale {scale}")))?;
            let scale_id: i64 = row.try_get("", "id")?;
            db.execute(
                &Query::insert()
                    .into_table("grade_values")
                    .columns(["scale_id", "code", "points", "ord", "counts_in_average"])
                    .values_panic([
                        scale_id.into(),
                        code.into(),
                        points.into(),
                        (*n).into(),
                        counts.into(),
                    ])
                    .to_owned(),
            )
            .await?;
            *n += 1;
        }
    }
    if count(db, "attendance_codes").await? == 0 {
        for (code, name, category) in ATTENDANCE_CODES {
            db.execute(
                &Query::insert()
                    .into_table("attendance_codes")
                    .columns(["code", "name", "category"])
                    .values_panic([code.into(), name.into(), category.into()])
                    .to_owned(),
            )
            .await?;
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("schools")
                    .add_column(text_null("address"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(table(
                "holidays",
                vec![
                    id_ref("school_id"),
                    id_ref("academic_year_id"),
                    string("name"),
                    date("starts_on"),
                    date("ends_on"),
                ],
                &[
                    ("school_id", "schools", Cascade),
                    ("academic_year_id", "academic_years", Cascade),
                ],
            ))
            .await?;
        manager
            .create_table(table(
                "timetable_slots",
                vec![
                    id_ref("class_id"),
                    id_ref("section_id"),
                    // 1 = Monday … 7 = Sunday.
                    small_integer("weekday"),
                    // The lesson number of the bell schedule.
                    integer("number"),
                    string_null("room"),
                ],
                &[
                    ("class_id", "classes", Cascade),
                    ("section_id", "course_sections", Cascade),
                ],
            ))
            .await?;
        manager
            .create_index(index("holidays", &["academic_year_id"], false))
            .await?;
        manager
            .create_index(index("timetable_slots", &["class_id"], false))
            .await?;
        manager
            .create_index(index(
                "timetable_slots",
                &["section_id", "weekday", "number"],
                true,
            ))
            .await?;
        reference_data(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("timetable_slots").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("holidays").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("schools")
                    .drop_column("address")
                    .to_owned(),
            )
            .await
    }
}
