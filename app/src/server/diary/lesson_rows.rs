//! What one student has in a set of lessons: their marks and attendance
//! records, one query each (plus one for work types added since the
//! school's set-up was cached).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

use crate::domain::attendance::Category;
use crate::domain::ids::{MarkId, PersonId};
use crate::model::diary::{AttendanceView, MarkView};
use crate::server::cache::SchoolRefs;
use crate::server::entities::{attendance_code, attendance_record, lesson, mark, work_type};
use crate::server::{AppState, ServiceError};

pub(super) async fn attendance_of(
    st: &AppState,
    student: PersonId,
    lessons: &HashMap<i64, lesson::Model>,
) -> Result<Vec<attendance_record::Model>, ServiceError> {
    if lessons.is_empty() {
        return Ok(Vec::new());
    }
    Ok(attendance_record::Entity::find()
        .filter(attendance_record::Column::StudentId.eq(student.0))
        .filter(
            attendance_record::Column::LessonId.is_in(lessons.keys().copied().collect::<Vec<_>>()),
        )
        .all(&st.db)
        .await?)
}

pub(super) fn attendance_view(
    code: &attendance_code::Model,
    rec: &attendance_record::Model,
) -> Option<AttendanceView> {
    Some(AttendanceView {
        code: code.code.clone(),
        name: code.name.clone(),
        category: Category::parse(&code.category)?,
        minutes_late: rec.minutes_late,
    })
}

pub(super) async fn marks_of(
    st: &AppState,
    refs: &SchoolRefs,
    student: PersonId,
    lessons: &HashMap<i64, lesson::Model>,
) -> Result<Vec<(mark::Model, MarkView)>, ServiceError> {
    if lessons.is_empty() {
        return Ok(Vec::new());
    }
    let marks = mark::Entity::find()
        .filter(mark::Column::StudentId.eq(student.0))
        .filter(mark::Column::LessonId.is_in(lessons.keys().copied().collect::<Vec<_>>()))
        .order_by_asc(mark::Column::Id)
        .all(&st.db)
        .await?;
    // Work types added since the school's set-up was cached.
    let missing: Vec<i64> = marks
        .iter()
        .map(|m| m.work_type_id)
        .filter(|id| !refs.work_types.contains_key(id))
        .collect();
    let extra: HashMap<i64, String> = if missing.is_empty() {
        HashMap::new()
    } else {
        work_type::Entity::find()
            .filter(work_type::Column::Id.is_in(missing))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|w| (w.id, w.name))
            .collect()
    };
    let type_name = |id: i64| {
        refs.work_types
            .get(&id)
            .map(|w| &w.name)
            .or_else(|| extra.get(&id))
            .cloned()
            .unwrap_or_default()
    };
    Ok(marks
        .into_iter()
        .map(|m| {
            let view = MarkView {
                id: MarkId(m.id),
                date: lessons
                    .get(&m.lesson_id)
                    .map(|l| l.date)
                    .unwrap_or_default(),
                value: m.value.clone(),
                points: m.points.and_then(|p| u8::try_from(p).ok()),
                work_type: type_name(m.work_type_id),
                weight_centi: m.weight_centi.max(0) as u32,
                comment: m.comment.clone(),
                excluded: m.excluded,
            };
            (m, view)
        })
        .collect())
}
