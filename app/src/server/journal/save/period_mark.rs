//! Saving a period mark: the final mark of a student for a period, set with
//! the weighted average it was based on.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, ModelTrait, QueryFilter, Set,
};
use serde_json::json;

use super::SaveContext;
use crate::domain::grades::MarkValue;
use crate::domain::ids::{PeriodId, PersonId};
use crate::domain::journal::{summarize, CellData};
use crate::model::journal::{EditOutcome, EditState};
use crate::server::audit::AuditEntry;
use crate::server::entities::{lesson, mark, period, period_mark};
use crate::server::journal::grid::{cell_mark, period_mark_data};
use crate::server::ServiceError;

/// The student's weighted average in the section over a period, from the
/// stored marks, by the same rule the grid uses.
async fn stored_average(
    txn: &DatabaseTransaction,
    ctx: &SaveContext<'_>,
    p: &period::Model,
    student_id: PersonId,
) -> Result<Option<u32>, ServiceError> {
    let lesson_ids: Vec<i64> = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(ctx.s.section.id))
        .filter(lesson::Column::Date.between(p.starts_on, p.ends_on))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    let marks = mark::Entity::find()
        .filter(mark::Column::LessonId.is_in(lesson_ids))
        .filter(mark::Column::StudentId.eq(student_id.0))
        .all(txn)
        .await?;
    let cells: Vec<CellData> = marks
        .iter()
        .map(|m| CellData {
            marks: vec![cell_mark(m)],
            attendance: None,
        })
        .collect();
    Ok(summarize(cells.iter()).average.centi())
}

pub(super) async fn save_period_mark(
    txn: &DatabaseTransaction,
    ctx: &SaveContext<'_>,
    log: &mut Vec<AuditEntry<'static>>,
    period_id: PeriodId,
    student_id: PersonId,
    value: Option<String>,
    base_version: Option<i32>,
) -> Result<EditOutcome, ServiceError> {
    let p = ctx
        .s
        .periods
        .iter()
        .find(|p| p.id == period_id.0)
        .ok_or(ServiceError::NotFound)?;
    if p.locked {
        return Ok(EditOutcome::Refused(ctx.t.period_locked(&p.name)));
    }
    // In the class at some time of the period, as the grid shows them.
    let in_class = ctx.enrolled.get(&student_id).is_some_and(|spans| {
        spans
            .iter()
            .any(|(from, until)| *from <= p.ends_on && until.is_none_or(|u| u >= p.starts_on))
    });
    if !in_class {
        return Ok(EditOutcome::Refused(ctx.t.not_in_class.into()));
    }
    let value = match value.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => match MarkValue::parse(v) {
            Some(m) => Some(m),
            None => return Ok(EditOutcome::Refused(ctx.t.not_a_mark(v))),
        },
    };
    let current = period_mark::Entity::find()
        .filter(period_mark::Column::SectionId.eq(ctx.s.section.id))
        .filter(period_mark::Column::PeriodId.eq(period_id.0))
        .filter(period_mark::Column::StudentId.eq(student_id.0))
        .one(txn)
        .await?;
    if current.as_ref().map(|c| c.version) != base_version {
        return Ok(EditOutcome::Conflict(EditState::PeriodMark(
            current.as_ref().map(period_mark_data),
        )));
    }
    let now = Utc::now();
    let uid = ctx.user.id.0;
    let json_of = |m: &period_mark::Model| json!({ "student_id": m.student_id, "period_id": m.period_id, "value": m.value, "average_centi": m.average_centi });
    let (after, action, old) = match (value, current) {
        (Some(v), Some(had)) => {
            let average = stored_average(txn, ctx, p, student_id).await?;
            let mut am: period_mark::ActiveModel = had.clone().into();
            am.value = Set(v.code());
            am.points = Set(v.points().map(i32::from));
            am.average_centi = Set(average.map(|c| c as i32));
            am.set_by = Set(uid);
            am.set_at = Set(now);
            am.version = Set(had.version + 1);
            (Some(am.update(txn).await?), "period_mark.update", Some(had))
        }
        (Some(v), None) => {
            let average = stored_average(txn, ctx, p, student_id).await?;
            let inserted = period_mark::ActiveModel {
                section_id: Set(ctx.s.section.id),
                period_id: Set(period_id.0),
                student_id: Set(student_id.0),
                value: Set(v.code()),
                points: Set(v.points().map(i32::from)),
                average_centi: Set(average.map(|c| c as i32)),
                set_by: Set(uid),
                set_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            (Some(inserted), "period_mark.create", None)
        }
        (None, Some(had)) => {
            had.clone().delete(txn).await?;
            (None, "period_mark.delete", Some(had))
        }
        (None, None) => return Ok(EditOutcome::Saved(EditState::PeriodMark(None))),
    };
    log.push(AuditEntry {
        actor_user_id: Some(uid),
        school_id: Some(ctx.s.class.school_id),
        action,
        entity: "period_mark",
        entity_id: after.as_ref().or(old.as_ref()).map(|m| m.id),
        old_value: old.as_ref().map(json_of),
        new_value: after.as_ref().map(json_of),
    });
    Ok(EditOutcome::Saved(EditState::PeriodMark(
        after.as_ref().map(period_mark_data),
    )))
}
