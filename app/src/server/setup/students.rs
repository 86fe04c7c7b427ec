//! A class's students by hand: added (ФИО, birth date, from a date), moved
//! to another class of the year from a date, marked as having left. The
//! journal shows each of them from the day they joined until their last
//! day; a move or a leaving day before marks they already have in their
//! class is refused, so no mark falls outside the days shown. The bulk way
//! is the roster import.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;

use super::classes::own_class;
use super::{audited, Change, Problems};
use crate::domain::applications::birth_date;
use crate::domain::ids::{ClassId, PersonId, SchoolId};
use crate::domain::names::FullName;
use crate::domain::setup::{check_last_day, last_day_before_move, parse_date, SetupError};
use crate::model::accounts::SessionUser;
use crate::server::entities::{
    academic_year, attendance_record, class, course_section, enrolment, lesson, mark, person,
};
use crate::server::{cache, school, AppState, ServiceError};

/// Adds a student to a class by hand, enrolled from `starts_on` (empty:
/// today, or the year's first day if it has not begun).
pub async fn add(
    st: &AppState,
    admin: &SessionUser,
    class_id: ClassId,
    name: [&str; 3],
    birth: &str,
    starts_on: &str,
) -> Result<PersonId, ServiceError> {
    let (school, c) = own_class(st, admin, class_id).await?;
    let year = academic_year::Entity::find_by_id(c.academic_year_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let today = school::today(st, Some(school.0)).await?;
    let mut p = Problems::default();
    let full = FullName::new(name[0], name[1], name[2])
        .map_err(|es| {
            for e in es {
                p.add(format!("{}_name", e.part().as_str()), e.to_string());
            }
        })
        .ok();
    let born = birth_date(birth, today)
        .map_err(|e| p.add("birth_date", e))
        .ok();
    let from = if starts_on.trim().is_empty() {
        Some(today.clamp(year.starts_on, year.ends_on))
    } else {
        p.check("starts_on", parse_date(starts_on)).and_then(|d| {
            if d < year.starts_on || d > year.ends_on {
                p.add("starts_on", SetupError::OutsideYear);
                None
            } else {
                Some(d)
            }
        })
    };
    p.finish()?;
    let (Some(full), Some(born), Some(from)) = (full, born, from) else {
        return Err(ServiceError::Internal("checked student missing".into()));
    };
    let (_turn, txn) = super::begin_write(st, school).await?;
    let s = person::ActiveModel {
        school_id: Set(Some(school.0)),
        last_name: Set(full.last.clone()),
        first_name: Set(full.first.clone()),
        middle_name: Set(full.middle.clone()),
        birth_date: Set(Some(born)),
        name_key: Set(full.key()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    enrolment::ActiveModel {
        class_id: Set(c.id),
        student_id: Set(s.id),
        starts_on: Set(from),
        ends_on: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    cache::bump_class(&txn, c.id).await?;
    let change = Change {
        action: "student_added",
        entity: "person",
        id: s.id,
        old: None,
        new: Some(
            json!({ "name": full.full(), "birth_date": born, "class": c.name, "from": from }),
        ),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_class(c.id);
    Ok(PersonId(s.id))
}

/// The student's current enrolment (no last day) in a class of the
/// administrator's school, with that class and its year.
async fn current_place(
    st: &AppState,
    admin: &SessionUser,
    student: PersonId,
    db: &impl ConnectionTrait,
) -> Result<
    (
        SchoolId,
        enrolment::Model,
        class::Model,
        academic_year::Model,
    ),
    ServiceError,
> {
    let open = enrolment::Entity::find()
        .filter(enrolment::Column::StudentId.eq(student.0))
        .filter(enrolment::Column::EndsOn.is_null())
        .all(db)
        .await?;
    let mut elsewhere = false;
    for e in open {
        let Ok((school, c)) = own_class(st, admin, ClassId(e.class_id)).await else {
            elsewhere = true;
            continue;
        };
        let year = academic_year::Entity::find_by_id(c.academic_year_id)
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound)?;
        return Ok((school, e, c, year));
    }
    // Another school's student: 403; nobody's (left, or no such person): 404.
    Err(if elsewhere {
        ServiceError::Forbidden
    } else {
        ServiceError::NotFound
    })
}

/// Does the student have marks or attendance in `class` on or after `day`?
async fn has_records_from(
    txn: &DatabaseTransaction,
    class_id: i64,
    student: PersonId,
    day: NaiveDate,
) -> Result<bool, ServiceError> {
    let lessons = Query::select()
        .column((lesson::Entity, lesson::Column::Id))
        .from(lesson::Entity)
        .inner_join(
            course_section::Entity,
            Expr::col((course_section::Entity, course_section::Column::Id))
                .equals((lesson::Entity, lesson::Column::SectionId)),
        )
        .and_where(
            Expr::col((course_section::Entity, course_section::Column::ClassId)).eq(class_id),
        )
        .and_where(Expr::col((lesson::Entity, lesson::Column::Date)).gte(day))
        .to_owned();
    let marks = mark::Entity::find()
        .filter(mark::Column::StudentId.eq(student.0))
        .filter(mark::Column::LessonId.in_subquery(lessons.clone()))
        .count(txn)
        .await?;
    if marks > 0 {
        return Ok(true);
    }
    let attendance = attendance_record::Entity::find()
        .filter(attendance_record::Column::StudentId.eq(student.0))
        .filter(attendance_record::Column::LessonId.in_subquery(lessons))
        .count(txn)
        .await?;
    Ok(attendance > 0)
}

/// After a student's classes changed: their journals. (Who sees them in
/// which class follows through `visibility::bump_readers`.)
fn forget(st: &AppState, classes: &[i64]) {
    for c in classes {
        st.caches.forget_class(*c);
    }
}

/// Moves a student to another class of the same year from `starts_on`:
/// their old class's journal shows them until the day before.
pub async fn move_to(
    st: &AppState,
    admin: &SessionUser,
    student: PersonId,
    to: ClassId,
    starts_on: &str,
) -> Result<(), ServiceError> {
    let (school, current, old_class, year) = current_place(st, admin, student, &st.db).await?;
    let (_, target) = own_class(st, admin, to).await?;
    let mut p = Problems::default();
    if target.id == old_class.id {
        p.add("class_id", SetupError::SameClass);
    } else if target.academic_year_id != old_class.academic_year_id {
        p.add("class_id", SetupError::OtherYear);
    }
    let last = p
        .check("starts_on", parse_date(starts_on))
        .and_then(|from| {
            p.check(
                "starts_on",
                last_day_before_move(current.starts_on, from, (year.starts_on, year.ends_on)),
            )
            .map(|last| (from, last))
        });
    p.finish()?;
    let Some((from, last)) = last else {
        return Err(ServiceError::Internal("checked move missing".into()));
    };
    let (_turn, txn) = super::begin_write(st, school).await?;
    // Read again in the write: a change in between is not undone.
    let (_, current, _, _) = current_place(st, admin, student, &txn).await?;
    if current.class_id != old_class.id {
        return Err(ServiceError::NotFound);
    }
    // One span per class and student (the enrolments' unique index).
    let was_there = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(target.id))
        .filter(enrolment::Column::StudentId.eq(student.0))
        .count(&txn)
        .await?
        > 0;
    if was_there {
        return Err(ServiceError::field("class_id", SetupError::WasInClass));
    }
    if has_records_from(&txn, old_class.id, student, from).await? {
        return Err(ServiceError::field("starts_on", SetupError::MarksAfter));
    }
    let old = json!({ "class": old_class.name, "from": current.starts_on });
    match last {
        // Put in the wrong class the day they joined: the enrolment moves.
        None => {
            let mut am = current.into_active_model();
            am.class_id = Set(target.id);
            am.update(&txn).await?;
        }
        Some(last) => {
            let mut am = current.into_active_model();
            am.ends_on = Set(Some(last));
            am.update(&txn).await?;
            enrolment::ActiveModel {
                class_id: Set(target.id),
                student_id: Set(student.0),
                starts_on: Set(from),
                ends_on: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    cache::bump_class(&txn, old_class.id).await?;
    cache::bump_class(&txn, target.id).await?;
    crate::server::visibility::bump_readers(&txn, vec![student.0]).await?;
    let change = Change {
        action: "student_moved",
        entity: "person",
        id: student.0,
        old: Some(old),
        new: Some(json!({ "class": target.name, "from": from, "old_class_until": last })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    forget(st, &[old_class.id, target.id]);
    Ok(())
}

/// Marks a student as having left the school: `ends_on` is their last day.
/// Their marks and history stay; the journal shows them until that day.
pub async fn leave(
    st: &AppState,
    admin: &SessionUser,
    student: PersonId,
    ends_on: &str,
) -> Result<(), ServiceError> {
    let (school, current, c, year) = current_place(st, admin, student, &st.db).await?;
    let mut p = Problems::default();
    let last = p.check("ends_on", parse_date(ends_on)).and_then(|on| {
        p.check(
            "ends_on",
            check_last_day(current.starts_on, on, (year.starts_on, year.ends_on)),
        )
    });
    p.finish()?;
    let Some(last) = last else {
        return Err(ServiceError::Internal("checked leaving missing".into()));
    };
    let (_turn, txn) = super::begin_write(st, school).await?;
    let (_, current, _, _) = current_place(st, admin, student, &txn).await?;
    if current.class_id != c.id {
        return Err(ServiceError::NotFound);
    }
    if let Some(next) = last.succ_opt() {
        if has_records_from(&txn, c.id, student, next).await? {
            return Err(ServiceError::field("ends_on", SetupError::MarksAfter));
        }
    }
    let mut am = current.into_active_model();
    am.ends_on = Set(Some(last));
    am.update(&txn).await?;
    cache::bump_class(&txn, c.id).await?;
    crate::server::visibility::bump_readers(&txn, vec![student.0]).await?;
    let change = Change {
        action: "student_left",
        entity: "person",
        id: student.0,
        old: Some(json!({ "class": c.name, "until": null })),
        new: Some(json!({ "class": c.name, "until": last })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    forget(st, &[c.id]);
    Ok(())
}
