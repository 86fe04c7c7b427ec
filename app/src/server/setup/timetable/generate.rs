//! The lessons of a period generated from the classes' weekly timetables.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde_json::json;

use crate::domain::ids::{ClassId, PeriodId};
use crate::domain::setup::{plan_lessons, Days, WeeklyLesson};
use crate::i18n::{current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::model::setup::Generated;
use crate::server::db::insert_chunked;
use crate::server::entities::{
    attendance_record, class, course_section, holiday, homework, lesson, mark, period, remark,
    timetable_slot,
};
use crate::server::setup::classes::own_class;
use crate::server::setup::{audited, same_school, Change};
use crate::server::{cache, school, AppState, ServiceError};

/// Generates the lessons of a period from the timetable, for one class or
/// (without one) every class of the period's year.
pub async fn generate(
    st: &AppState,
    admin: &SessionUser,
    period_id: PeriodId,
    class_id: Option<ClassId>,
) -> Result<Generated, ServiceError> {
    let (p, year) = crate::server::school::period_with_year(&st.db, period_id).await?;
    let school = same_school(admin, year.school_id)?;
    if p.locked {
        return Err(ServiceError::Conflict(
            crate::i18n::journal::texts(current_lang()).period_locked(&p.name),
        ));
    }
    let classes: Vec<i64> = match class_id {
        Some(id) => {
            let (_, c) = own_class(st, admin, id).await?;
            if c.academic_year_id != year.id {
                return Err(ServiceError::field(
                    "class_id",
                    texts(current_lang()).outside_year,
                ));
            }
            vec![c.id]
        }
        None => class::Entity::find()
            .filter(class::Column::AcademicYearId.eq(year.id))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect(),
    };
    let today = school::today(st, Some(school.0)).await?;
    let span =
        Days::new(p.starts_on, p.ends_on).map_err(|e| ServiceError::Internal(format!("{e:?}")))?;

    let (_turn, txn) = crate::server::setup::begin_write(st, school).await?;
    let report = generate_in(&txn, &classes, year.id, span, today).await?;
    let change = Change {
        action: "lessons_generated",
        entity: "period",
        id: p.id,
        old: None,
        new: Some(json!({
            "classes": classes, "created": report.created, "existing": report.existing,
            "removed": report.removed, "kept": report.kept,
        })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    for c in &classes {
        st.caches.forget_class(*c);
    }
    Ok(report)
}

/// The lessons' ids that hold something: marks, attendance, homework,
/// remarks.
pub(in crate::server::setup) async fn holding_data(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashSet<i64>, ServiceError> {
    let mut out = HashSet::new();
    for chunk in ids.chunks(500) {
        let chunk = chunk.to_vec();
        let chunk_ids = chunk.clone();
        let marked: Vec<i64> = mark::Entity::find()
            .select_only()
            .column(mark::Column::LessonId)
            .filter(mark::Column::LessonId.is_in(chunk.clone()))
            .into_tuple()
            .all(db)
            .await?;
        let attended: Vec<i64> = attendance_record::Entity::find()
            .select_only()
            .column(attendance_record::Column::LessonId)
            .filter(attendance_record::Column::LessonId.is_in(chunk.clone()))
            .into_tuple()
            .all(db)
            .await?;
        let homework: Vec<(i64, Option<i64>)> = homework::Entity::find()
            .select_only()
            .column(homework::Column::LessonId)
            .column(homework::Column::DueLessonId)
            .filter(
                sea_orm::Condition::any()
                    .add(homework::Column::LessonId.is_in(chunk.clone()))
                    .add(homework::Column::DueLessonId.is_in(chunk)),
            )
            .into_tuple()
            .all(db)
            .await?;
        let remarked: Vec<Option<i64>> = remark::Entity::find()
            .select_only()
            .column(remark::Column::LessonId)
            .filter(remark::Column::LessonId.is_in(chunk_ids.clone()))
            .into_tuple()
            .all(db)
            .await?;
        out.extend(marked);
        out.extend(attended);
        out.extend(remarked.into_iter().flatten());
        for (a, b) in homework {
            out.insert(a);
            out.extend(b);
        }
    }
    Ok(out)
}

/// [`generate`]'s work inside its transaction.
async fn generate_in(
    db: &impl ConnectionTrait,
    classes: &[i64],
    year_id: i64,
    span: Days,
    today: NaiveDate,
) -> Result<Generated, ServiceError> {
    // The journals' versions first: a teacher's save bumps its class's
    // version as its own first statement, so the two wait for each other
    // and what is read next includes every mark saved before. (Removing a
    // lesson removes its marks with it: none may be written in between.)
    for c in classes {
        cache::bump_class(db, *c).await?;
    }
    let holidays: Vec<Days> = holiday::Entity::find()
        .filter(holiday::Column::AcademicYearId.eq(year_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|h| Days::new(h.starts_on, h.ends_on).ok())
        .collect();
    // A closed quarter's lessons are final: generating the whole year
    // neither adds nor removes any in it.
    let closed: Vec<Days> = period::Entity::find()
        .filter(period::Column::AcademicYearId.eq(year_id))
        .filter(period::Column::Locked.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Days::new(p.starts_on, p.ends_on).ok())
        .collect();
    let open = |day: NaiveDate| !closed.iter().any(|c| c.contains(day));
    let slots = timetable_slot::Entity::find()
        .filter(timetable_slot::Column::ClassId.is_in(classes.to_vec()))
        .all(db)
        .await?;
    let week: Vec<WeeklyLesson<i64>> = slots
        .into_iter()
        .map(|s| WeeklyLesson {
            weekday: s.weekday,
            number: s.number,
            section: s.section_id,
            room: s.room,
        })
        .collect();
    let planned = plan_lessons(&span, &holidays, &week);
    let sections: Vec<i64> = course_section::Entity::find()
        .select_only()
        .column(course_section::Column::Id)
        .filter(course_section::Column::ClassId.is_in(classes.to_vec()))
        .into_tuple()
        .all(db)
        .await?;
    let existing = stored_lessons(db, &sections, span).await?;
    let mut report = Generated::default();
    let now = Utc::now();
    let mut wanted = HashSet::new();
    let mut rows = Vec::new();
    for l in planned.into_iter().filter(|l| open(l.date)) {
        let key = (l.section, l.date, l.number);
        if !wanted.insert(key) {
            continue;
        }
        if existing.contains_key(&key) {
            report.existing += 1;
            continue;
        }
        rows.push(lesson::ActiveModel {
            section_id: Set(l.section),
            date: Set(l.date),
            number: Set(l.number),
            room: Set(l.room),
            topic: Set(None),
            substitute_teacher_id: Set(None),
            work_type_id: Set(None),
            version: Set(1),
            updated_at: Set(now),
            attendance_taken_at: Set(None),
            attendance_taken_by: Set(None),
            ..Default::default()
        });
    }
    report.created = rows.len();
    insert_chunked(db, rows).await?;

    let stale: Vec<(i64, bool)> = existing
        .iter()
        .filter(|((_, date, _), _)| *date >= today && open(*date))
        .filter(|(key, _)| !wanted.contains(*key))
        .map(|(_, v)| *v)
        .collect();
    let ids: Vec<i64> = stale.iter().map(|(id, _)| *id).collect();
    let held = holding_data(db, &ids).await?;
    let removable: Vec<i64> = stale
        .iter()
        .filter(|(id, holds)| !holds && !held.contains(id))
        .map(|(id, _)| *id)
        .collect();
    report.kept = stale.len() - removable.len();
    report.removed = removable.len();
    for chunk in removable.chunks(500) {
        lesson::Entity::delete_many()
            .filter(lesson::Column::Id.is_in(chunk.to_vec()))
            .exec(db)
            .await?;
    }
    Ok(report)
}

/// The stored lessons of these sections within `span`, by (section, day,
/// number): the lesson's id and whether its own row holds something — a
/// topic, attendance taken (everyone present leaves no records), a
/// substitute, a work type. (What other rows hold: [`holding_data`].)
pub(in crate::server::setup) async fn stored_lessons(
    db: &impl ConnectionTrait,
    sections: &[i64],
    span: Days,
) -> Result<HashMap<(i64, NaiveDate, i32), (i64, bool)>, ServiceError> {
    let mut existing: HashMap<(i64, NaiveDate, i32), (i64, bool)> = HashMap::new();
    for chunk in sections.chunks(500) {
        type Row = (
            i64,
            i64,
            NaiveDate,
            i32,
            Option<String>,
            Option<DateTime<Utc>>,
            Option<i64>,
            Option<i64>,
        );
        let rows: Vec<Row> = lesson::Entity::find()
            .select_only()
            .columns([
                lesson::Column::Id,
                lesson::Column::SectionId,
                lesson::Column::Date,
                lesson::Column::Number,
                lesson::Column::Topic,
                lesson::Column::AttendanceTakenAt,
                lesson::Column::SubstituteTeacherId,
                lesson::Column::WorkTypeId,
            ])
            .filter(lesson::Column::SectionId.is_in(chunk.to_vec()))
            .filter(lesson::Column::Date.between(span.from, span.to))
            .into_tuple()
            .all(db)
            .await?;
        for (id, section, date, number, topic, taken, substitute, work_type) in rows {
            // What a lesson holds on its own row: a topic, attendance taken
            // (everyone present leaves no records), a substitute, a work type.
            let holds = topic.is_some_and(|t| !t.trim().is_empty())
                || taken.is_some()
                || substitute.is_some()
                || work_type.is_some();
            existing.insert((section, date, number), (id, holds));
        }
    }
    Ok(existing)
}
