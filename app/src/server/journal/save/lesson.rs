//! Saving a lesson's header: its topic, default work type, homework and
//! whether attendance was taken.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;

use super::SaveContext;
use crate::domain::ids::{LessonId, WorkTypeId};
use crate::domain::journal::{tidy_text, MAX_HOMEWORK_CHARS, MAX_TOPIC_CHARS};
use crate::model::journal::{EditOutcome, EditState, HomeworkInput};
use crate::server::audit::AuditEntry;
use crate::server::entities::{homework, lesson};
use crate::server::journal::grid::grid_lesson;
use crate::server::journal::rights::Rights;
use crate::server::ServiceError;

#[allow(clippy::too_many_arguments)]
pub(super) async fn save_lesson(
    txn: &DatabaseTransaction,
    ctx: &SaveContext<'_>,
    log: &mut Vec<AuditEntry<'static>>,
    lesson_id: LessonId,
    topic: Option<String>,
    work_type_id: Option<WorkTypeId>,
    homework_in: Option<HomeworkInput>,
    attendance_taken: bool,
    base_version: i32,
) -> Result<EditOutcome, ServiceError> {
    use sea_orm::sea_query::ExprTrait;
    let l = &ctx.lessons[&lesson_id];
    if let Some(p) = ctx.s.locked_period(l.date) {
        return Ok(EditOutcome::Refused(ctx.t.period_locked(&p.name)));
    }
    let topic = match tidy_text(topic.as_deref().unwrap_or(""), MAX_TOPIC_CHARS) {
        Ok(t) => t,
        Err(n) => return Ok(EditOutcome::Refused(ctx.t.topic_too_long(n))),
    };
    if let Some(id) = work_type_id {
        if !ctx.work_types.contains_key(&id) {
            return Ok(EditOutcome::Refused(ctx.t.no_such_work_type.into()));
        }
    }
    let hw_text = match homework_in
        .as_ref()
        .map(|h| tidy_text(&h.text, MAX_HOMEWORK_CHARS))
        .transpose()
    {
        Ok(t) => t.flatten(),
        Err(n) => return Ok(EditOutcome::Refused(ctx.t.homework_too_long(n))),
    };
    let current = lesson::Entity::find_by_id(lesson_id.0)
        .one(txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let hw = homework::Entity::find()
        .filter(homework::Column::LessonId.eq(lesson_id.0))
        .order_by_asc(homework::Column::Id)
        .one(txn)
        .await?;
    if current.version != base_version {
        return Ok(EditOutcome::Conflict(EditState::Lesson(grid_lesson(
            &current,
            hw.as_ref(),
            ctx.s,
            &Rights::Full,
        ))));
    }
    // The lesson the homework is due at: the one chosen (a later lesson of
    // this section), or else the section's next lesson.
    let due = match homework_in.as_ref().and_then(|h| h.due_lesson_id) {
        Some(id) => {
            let due = lesson::Entity::find_by_id(id.0).one(txn).await?;
            match due {
                Some(d)
                    if d.section_id == current.section_id
                        && (d.date, d.number) > (current.date, current.number) =>
                {
                    Some(d)
                }
                _ => return Ok(EditOutcome::Refused(ctx.t.homework_due_later.into())),
            }
        }
        None => {
            lesson::Entity::find()
                .filter(lesson::Column::SectionId.eq(current.section_id))
                .filter(
                    lesson::Column::Date
                        .gt(current.date)
                        .or(lesson::Column::Date
                            .eq(current.date)
                            .and(lesson::Column::Number.gt(current.number))),
                )
                .order_by_asc(lesson::Column::Date)
                .order_by_asc(lesson::Column::Number)
                .one(txn)
                .await?
        }
    };
    let now = Utc::now();
    let uid = ctx.user.id.0;
    let old_json = json!({
        "topic": current.topic,
        "work_type_id": current.work_type_id,
        "attendance_taken": current.attendance_taken_at.is_some(),
        "homework": hw.as_ref().map(|h| h.text.clone()),
        "homework_due_on": hw.as_ref().map(|h| h.due_on),
    });
    let new_hw = match (hw_text, hw) {
        (Some(text), Some(had)) => {
            let mut am: homework::ActiveModel = had.into();
            am.text = Set(text);
            am.due_lesson_id = Set(due.as_ref().map(|d| d.id));
            am.due_on = Set(due
                .as_ref()
                .map_or(current.date + Duration::days(1), |d| d.date));
            am.updated_at = Set(now);
            Some(am.update(txn).await?)
        }
        (Some(text), None) => Some(
            homework::ActiveModel {
                section_id: Set(current.section_id),
                lesson_id: Set(lesson_id.0),
                due_lesson_id: Set(due.as_ref().map(|d| d.id)),
                due_on: Set(due
                    .as_ref()
                    .map_or(current.date + Duration::days(1), |d| d.date)),
                text: Set(text),
                created_by: Set(uid),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?,
        ),
        (None, Some(had)) => {
            had.delete(txn).await?;
            None
        }
        (None, None) => None,
    };
    let mut am: lesson::ActiveModel = current.clone().into();
    am.topic = Set(topic);
    am.work_type_id = Set(work_type_id.map(|id| id.0));
    match (attendance_taken, current.attendance_taken_at) {
        (true, None) => {
            am.attendance_taken_at = Set(Some(now));
            am.attendance_taken_by = Set(Some(uid));
        }
        (false, Some(_)) => {
            am.attendance_taken_at = Set(None);
            am.attendance_taken_by = Set(None);
        }
        _ => {}
    }
    am.version = Set(current.version + 1);
    am.updated_at = Set(now);
    let updated = am.update(txn).await?;
    log.push(AuditEntry {
        actor_user_id: Some(uid),
        school_id: Some(ctx.s.class.school_id),
        action: "lesson.update",
        entity: "lesson",
        entity_id: Some(lesson_id.0),
        old_value: Some(old_json),
        new_value: Some(json!({
            "topic": updated.topic,
            "work_type_id": updated.work_type_id,
            "attendance_taken": updated.attendance_taken_at.is_some(),
            "homework": new_hw.as_ref().map(|h| h.text.clone()),
            "homework_due_on": new_hw.as_ref().map(|h| h.due_on),
        })),
    });
    Ok(EditOutcome::Saved(EditState::Lesson(grid_lesson(
        &updated,
        new_hw.as_ref(),
        ctx.s,
        &Rights::Full,
    ))))
}
