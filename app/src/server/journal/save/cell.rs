//! Saving one cell: its marks slot by slot and its attendance entry, each
//! row's version raised and each change logged.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseTransaction, ModelTrait, Set};
use serde_json::json;
use std::collections::HashMap;

use super::{CellRows, SaveContext};
use crate::domain::grades::MarkValue;
use crate::domain::journal::{
    code_category, tidy_text, CellBase, CellData, CellKey, MAX_COMMENT_CHARS, MAX_MARKS_PER_CELL,
};
use crate::model::journal::{in_class_on, EditOutcome, EditState, MarkInput};
use crate::server::audit::AuditEntry;
use crate::server::entities::{attendance_record, mark};
use crate::server::journal::grid::{cell_attendance, cell_mark};
use crate::server::ServiceError;

fn cell_of(
    marks: &[mark::Model],
    att: Option<&attendance_record::Model>,
    codes: &HashMap<i64, String>,
) -> CellData {
    CellData {
        marks: marks.iter().map(cell_mark).collect(),
        attendance: att.map(|a| cell_attendance(a, codes)),
    }
}

fn mark_json(student_id: i64, m: &mark::Model) -> serde_json::Value {
    json!({
        "student_id": student_id,
        "slot": m.slot,
        "value": m.value,
        "work_type_id": m.work_type_id,
        "weight_centi": m.weight_centi,
        "comment": m.comment,
        "excluded": m.excluded,
    })
}

fn attendance_json(student_id: i64, code: &str) -> serde_json::Value {
    json!({ "student_id": student_id, "code": code })
}

/// A mark as sent, checked: its value, points, work type and comment.
struct CheckedMark {
    value: String,
    points: Option<i32>,
    work_type_id: i64,
    weight_centi: i32,
    comment: Option<String>,
    excluded: bool,
}

fn check_marks(ctx: &SaveContext<'_>, marks: Vec<MarkInput>) -> Result<Vec<CheckedMark>, String> {
    let t = ctx.t;
    if marks.len() > MAX_MARKS_PER_CELL {
        return Err(t.too_many_marks.into());
    }
    marks
        .into_iter()
        .map(|m| {
            let v = MarkValue::parse(&m.value).ok_or_else(|| t.not_a_mark(m.value.trim()))?;
            let wt = ctx
                .work_types
                .get(&m.work_type_id)
                .ok_or_else(|| t.no_such_work_type.to_string())?;
            let comment = m
                .comment
                .as_deref()
                .map(|c| tidy_text(c, MAX_COMMENT_CHARS))
                .transpose()
                .map_err(|n| t.comment_too_long(n))?
                .flatten();
            Ok(CheckedMark {
                value: v.code(),
                points: v.points().map(i32::from),
                work_type_id: wt.id,
                weight_centi: wt.weight_centi,
                comment,
                excluded: m.excluded,
            })
        })
        .collect()
}

/// One cell's edit, as sent.
pub(super) struct CellEdit {
    pub(super) key: CellKey,
    pub(super) marks: Vec<MarkInput>,
    pub(super) attendance: Option<String>,
    pub(super) base: CellBase,
}

pub(super) async fn save_cell(
    txn: &DatabaseTransaction,
    ctx: &SaveContext<'_>,
    stored: &mut HashMap<CellKey, CellRows>,
    log: &mut Vec<AuditEntry<'static>>,
    edit: CellEdit,
) -> Result<EditOutcome, ServiceError> {
    let CellEdit {
        key,
        marks,
        attendance,
        base,
    } = edit;
    let (lesson_id, student_id) = (key.lesson.0, key.student.0);
    let lesson = &ctx.lessons[&key.lesson];
    if let Some(p) = ctx.s.locked_period(lesson.date) {
        return Ok(EditOutcome::Refused(ctx.t.period_locked(&p.name)));
    }
    let in_class = ctx
        .enrolled
        .get(&key.student)
        .is_some_and(|spans| in_class_on(spans, lesson.date));
    if !in_class {
        return Ok(EditOutcome::Refused(ctx.t.not_in_class.into()));
    }
    let marks = match check_marks(ctx, marks) {
        Ok(m) => m,
        Err(msg) => return Ok(EditOutcome::Refused(msg)),
    };
    let code_id = match attendance.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => match (code_category(code), ctx.code_ids.get(code)) {
            (Some(_), Some(id)) => Some(*id),
            _ => return Ok(EditOutcome::Refused(ctx.t.not_an_attendance_code(code))),
        },
    };

    let (current, att) = stored.remove(&key).unwrap_or_default();
    let before = cell_of(&current, att.as_ref(), &ctx.codes);
    if before.base() != base {
        stored.insert(key, (current, att));
        return Ok(EditOutcome::Conflict(EditState::Cell(before)));
    }

    let now = Utc::now();
    let uid = ctx.user.id.0;
    let school_id = Some(ctx.s.class.school_id);
    let audit = |action: &'static str,
                 old: Option<serde_json::Value>,
                 new: Option<serde_json::Value>| AuditEntry {
        actor_user_id: Some(uid),
        school_id,
        action,
        entity: "journal_cell",
        entity_id: Some(lesson_id),
        old_value: old,
        new_value: new,
    };
    let mut after_marks = Vec::new();
    for slot in 0..MAX_MARKS_PER_CELL.max(current.len()) {
        match (marks.get(slot), current.get(slot)) {
            (Some(want), Some(had)) => {
                let unchanged = had.value == want.value
                    && had.work_type_id == want.work_type_id
                    && had.comment == want.comment
                    && had.excluded == want.excluded
                    && had.slot as usize == slot;
                if unchanged {
                    after_marks.push(had.clone());
                    continue;
                }
                let mut am: mark::ActiveModel = had.clone().into();
                am.slot = Set(slot as i16);
                am.value = Set(want.value.clone());
                am.points = Set(want.points);
                if had.work_type_id != want.work_type_id {
                    am.work_type_id = Set(want.work_type_id);
                    am.weight_centi = Set(want.weight_centi);
                }
                am.comment = Set(want.comment.clone());
                am.excluded = Set(want.excluded);
                am.updated_by = Set(Some(uid));
                am.updated_at = Set(now);
                am.version = Set(had.version + 1);
                let updated = am.update(txn).await?;
                log.push(audit(
                    "mark.update",
                    Some(mark_json(student_id, had)),
                    Some(mark_json(student_id, &updated)),
                ));
                after_marks.push(updated);
            }
            (Some(want), None) => {
                let inserted = mark::ActiveModel {
                    lesson_id: Set(lesson_id),
                    student_id: Set(student_id),
                    slot: Set(slot as i16),
                    value: Set(want.value.clone()),
                    points: Set(want.points),
                    work_type_id: Set(want.work_type_id),
                    weight_centi: Set(want.weight_centi),
                    comment: Set(want.comment.clone()),
                    excluded: Set(want.excluded),
                    due_on: Set(None),
                    created_by: Set(uid),
                    created_at: Set(now),
                    updated_by: Set(None),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                log.push(audit(
                    "mark.create",
                    None,
                    Some(mark_json(student_id, &inserted)),
                ));
                after_marks.push(inserted);
            }
            (None, Some(had)) => {
                had.clone().delete(txn).await?;
                log.push(audit("mark.delete", Some(mark_json(student_id, had)), None));
            }
            (None, None) => {}
        }
    }

    let old_code = att
        .as_ref()
        .and_then(|a| ctx.codes.get(&a.code_id))
        .cloned();
    let after_att = match (code_id, att) {
        (Some(code_id), Some(had)) if had.code_id == code_id => Some(had),
        (Some(code_id), Some(had)) => {
            let mut am: attendance_record::ActiveModel = had.clone().into();
            am.code_id = Set(code_id);
            am.minutes_late = Set(None);
            am.updated_at = Set(now);
            am.version = Set(had.version + 1);
            let updated = am.update(txn).await?;
            log.push(audit(
                "attendance.update",
                old_code.as_deref().map(|c| attendance_json(student_id, c)),
                Some(attendance_json(student_id, &ctx.codes[&code_id])),
            ));
            Some(updated)
        }
        (Some(code_id), None) => {
            let inserted = attendance_record::ActiveModel {
                lesson_id: Set(lesson_id),
                student_id: Set(student_id),
                code_id: Set(code_id),
                minutes_late: Set(None),
                comment: Set(None),
                created_by: Set(uid),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            log.push(audit(
                "attendance.create",
                None,
                Some(attendance_json(student_id, &ctx.codes[&code_id])),
            ));
            Some(inserted)
        }
        (None, Some(had)) => {
            had.delete(txn).await?;
            log.push(audit(
                "attendance.delete",
                old_code.as_deref().map(|c| attendance_json(student_id, c)),
                None,
            ));
            None
        }
        (None, None) => None,
    };
    let after = cell_of(&after_marks, after_att.as_ref(), &ctx.codes);
    stored.insert(key, (after_marks, after_att));
    Ok(EditOutcome::Saved(EditState::Cell(after)))
}
