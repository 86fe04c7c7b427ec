//! How marks and absences are recorded: the work types with their weights,
//! and the attendance codes (which, with the grade scales, the migrations
//! write for every school).

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

use super::Ctx;
use crate::server::entities::{attendance_code, work_type};
use crate::server::setup::DEFAULT_WORK_TYPES;

/// Indices into the default work types the lessons use.
pub(super) const ORAL: usize = 0;
pub(super) const SELF_STUDY: usize = 2;
pub(super) const TEST: usize = 4;

/// The attendance codes the seeded absences use, in this order.
const CODES: [&str; 4] = ["Н", "Б", "УП", "ОП"];

/// The seeded work types and attendance codes, in the order of the lists above.
pub(super) struct Grading {
    pub(super) work_types: Vec<work_type::Model>,
    pub(super) codes: Vec<attendance_code::Model>,
}

pub(super) async fn seed(cx: &Ctx<'_, impl ConnectionTrait>) -> Result<Grading, DbErr> {
    let mut work_types = Vec::new();
    for (name, short, w) in DEFAULT_WORK_TYPES {
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
    // The attendance codes are reference data every school shares (the
    // migrations write them), read here in the order of the list above.
    let mut by_code: std::collections::HashMap<String, attendance_code::Model> =
        attendance_code::Entity::find()
            .all(cx.db)
            .await?
            .into_iter()
            .map(|c| (c.code.clone(), c))
            .collect();
    let codes = CODES
        .iter()
        .map(|code| {
            by_code
                .remove(*code)
                .ok_or_else(|| DbErr::RecordNotFound(format!("attendance code {code}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Grading { work_types, codes })
}
