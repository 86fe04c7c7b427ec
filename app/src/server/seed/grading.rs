//! How marks and absences are recorded: the work types with their weights,
//! the grade scales, and the attendance codes.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use super::Ctx;
use crate::server::entities::{attendance_code, grade_scale, grade_value, work_type};

/// (name, short, weight in hundredths)
const WORK_TYPES: [(&str, &str, i32); 6] = [
    ("Ответ на уроке", "Отв", 100),
    ("Домашняя работа", "ДЗ", 100),
    ("Самостоятельная работа", "С/р", 150),
    ("Проверочная работа", "П/р", 150),
    ("Контрольная работа", "К/р", 200),
    ("Диктант", "Дикт", 200),
];
/// Indices into [`WORK_TYPES`] the lessons use.
pub(super) const ORAL: usize = 0;
pub(super) const SELF_STUDY: usize = 2;
pub(super) const TEST: usize = 4;

/// (code, name, category)
pub const ATTENDANCE_CODES: [(&str, &str, &str); 4] = [
    ("Н", "Отсутствовал", "absent"),
    ("Б", "Болел", "ill"),
    ("УП", "Уважительная причина", "excused"),
    ("ОП", "Опоздал", "late"),
];

/// The seeded work types and attendance codes, in the order of the lists above.
pub(super) struct Grading {
    pub(super) work_types: Vec<work_type::Model>,
    pub(super) codes: Vec<attendance_code::Model>,
}

pub(super) async fn seed(cx: &Ctx<'_, impl ConnectionTrait>) -> Result<Grading, DbErr> {
    let mut work_types = Vec::new();
    for (name, short, w) in WORK_TYPES {
        let wt = work_type::ActiveModel {
            school_id: Set(cx.school_id),
            name: Set(name.into()),
            short_name: Set(short.into()),
            weight_centi: Set(w),
            archived: Set(false),
            ..Default::default()
        }
        .insert(cx.db)
        .await?;
        work_types.push(wt);
    }
    scales(cx.db).await?;
    let mut codes = Vec::new();
    for (code, name, category) in ATTENDANCE_CODES {
        codes.push(
            attendance_code::ActiveModel {
                code: Set(code.into()),
                name: Set(name.into()),
                category: Set(category.into()),
                ..Default::default()
            }
            .insert(cx.db)
            .await?,
        );
    }
    Ok(Grading { work_types, codes })
}

/// The five-point scale and pass / fail.
async fn scales(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let five = grade_scale::ActiveModel {
        code: Set("five_point".into()),
        name: Set("Пятибалльная".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (i, (code, points, counts)) in [
        ("5", Some(5), true),
        ("4", Some(4), true),
        ("3", Some(3), true),
        ("2", Some(2), true),
        ("1", Some(1), true),
        ("н/а", None, false),
        ("осв", None, false),
    ]
    .into_iter()
    .enumerate()
    {
        grade_value::ActiveModel {
            scale_id: Set(five.id),
            code: Set(code.into()),
            points: Set(points),
            ord: Set(i as i32),
            counts_in_average: Set(counts),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    let pass = grade_scale::ActiveModel {
        code: Set("pass_fail".into()),
        name: Set("Зачёт / незачёт".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (i, code) in ["зач", "незач"].into_iter().enumerate() {
        grade_value::ActiveModel {
            scale_id: Set(pass.id),
            code: Set(code.into()),
            points: Set(None),
            ord: Set(i as i32),
            counts_in_average: Set(false),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
