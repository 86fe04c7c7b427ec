//! Substitutions: one lesson given to another teacher of the school. The
//! substitute then keeps that lesson's journal (the journal's own rights:
//! the lessons they took); the section's teacher keeps the rest. A lesson
//! of a closed period is not reassigned, and nobody is given two lessons
//! at once.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;

use super::classes::{check_teacher, own_class};
use super::{staff, Change};
use crate::domain::ids::{ClassId, LessonId, PersonId, SectionId};
use crate::domain::setup::{parse_date, SetupError};
use crate::i18n::{current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::model::setup::DayLesson;
use crate::server::entities::{course_section, lesson, period, subject};
use crate::server::{cache, AppState, ServiceError};

/// A class's lessons of one day, each with its teacher and substitute.
pub async fn day(
    st: &AppState,
    admin: &SessionUser,
    class_id: ClassId,
    date: &str,
) -> Result<Vec<DayLesson>, ServiceError> {
    let (school, c) = own_class(st, admin, class_id).await?;
    let date = parse_date(date).map_err(|e| ServiceError::field("date", e))?;
    let sections = course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(c.id))
        .all(&st.db)
        .await?;
    let subjects = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school.0))
        .all(&st.db)
        .await?;
    let names: std::collections::HashMap<PersonId, String> = staff::list(&st.db, school)
        .await?
        .into_iter()
        .map(|m| (m.person_id, m.name))
        .collect();
    let closed = locked_on(st, c.academic_year_id, date).await?;
    let lessons = lesson::Entity::find()
        .filter(lesson::Column::SectionId.is_in(sections.iter().map(|s| s.id)))
        .filter(lesson::Column::Date.eq(date))
        .order_by_asc(lesson::Column::Number)
        .all(&st.db)
        .await?;
    Ok(lessons
        .into_iter()
        .filter_map(|l| {
            let s = sections.iter().find(|s| s.id == l.section_id)?;
            let subject = subjects
                .iter()
                .find(|x| x.id == s.subject_id)
                .map(|x| x.name.clone())
                .unwrap_or_default();
            let teacher = PersonId(s.teacher_id);
            Some(DayLesson {
                id: LessonId(l.id),
                section_id: SectionId(s.id),
                number: l.number,
                subject: match &s.group_name {
                    Some(g) => format!("{subject} ({g})"),
                    None => subject,
                },
                teacher,
                teacher_name: names.get(&teacher).cloned().unwrap_or_default(),
                substitute: l.substitute_teacher_id.map(PersonId),
                closed,
            })
        })
        .collect())
}

/// Is `date` inside a closed period of the year?
async fn locked_on(st: &AppState, year_id: i64, date: NaiveDate) -> Result<bool, ServiceError> {
    Ok(period::Entity::find()
        .filter(period::Column::AcademicYearId.eq(year_id))
        .filter(period::Column::Locked.eq(true))
        .filter(period::Column::StartsOn.lte(date))
        .filter(period::Column::EndsOn.gte(date))
        .count(&st.db)
        .await?
        > 0)
}

/// Gives a lesson to a substitute (`None`: back to the section's teacher).
pub async fn set(
    st: &AppState,
    admin: &SessionUser,
    lesson_id: LessonId,
    substitute: Option<PersonId>,
) -> Result<(), ServiceError> {
    let l = lesson::Entity::find_by_id(lesson_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let section = course_section::Entity::find_by_id(l.section_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (school, c) = own_class(st, admin, ClassId(section.class_id)).await?;
    if locked_on(st, c.academic_year_id, l.date).await? {
        return Err(ServiceError::Conflict(
            texts(current_lang()).lesson_closed.into(),
        ));
    }
    // The section's own teacher is no substitute: that is giving it back.
    let substitute = substitute.filter(|p| p.0 != section.teacher_id);
    if let Some(p) = substitute {
        if !check_teacher(st, school, p).await? {
            return Err(ServiceError::field(
                "teacher_id",
                texts(current_lang()).not_a_teacher,
            ));
        }
    }
    let (_turn, txn) = super::begin_write(st, school).await?;
    if let Some(p) = substitute {
        // Their own lessons at that hour, and those they substitute in.
        let own: Vec<i64> = course_section::Entity::find()
            .filter(course_section::Column::TeacherId.eq(p.0))
            .all(&txn)
            .await?
            .into_iter()
            .map(|s| s.id)
            .collect();
        let busy = lesson::Entity::find()
            .filter(lesson::Column::Date.eq(l.date))
            .filter(lesson::Column::Number.eq(l.number))
            .filter(lesson::Column::Id.ne(l.id))
            .filter(
                Expr::col(lesson::Column::SubstituteTeacherId)
                    .eq(p.0)
                    .or(Expr::col(lesson::Column::SectionId)
                        .is_in(own)
                        .and(Expr::col(lesson::Column::SubstituteTeacherId).is_null())),
            )
            .count(&txn)
            .await?;
        if busy > 0 {
            return Err(ServiceError::field("teacher_id", SetupError::DoubleBooked));
        }
    }
    let old = l.substitute_teacher_id;
    let mut am = l.into_active_model();
    am.substitute_teacher_id = Set(substitute.map(|p| p.0));
    am.updated_at = Set(chrono::Utc::now());
    am.update(&txn).await?;
    cache::bump_class(&txn, c.id).await?;
    let change = Change {
        action: "lesson_substitute_set",
        entity: "lesson",
        id: lesson_id.0,
        old: Some(json!({ "substitute_teacher_id": old })),
        new: Some(json!({ "substitute_teacher_id": substitute.map(|p| p.0) })),
    };
    super::audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    // The journal's menus list the sections someone substitutes in.
    st.caches.forget_class(c.id);
    Ok(())
}
