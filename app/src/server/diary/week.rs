//! The week: each school day's lessons with their times, teacher, topic,
//! the student's marks and attendance, and the homework due. A fixed set of
//! queries whatever the number of lessons, and cached per class version.

use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};

use super::homework::homework_views;
use super::lesson_rows::{attendance_of, attendance_view, marks_of};
use super::refs::sections_of;
use crate::domain::calendar::{monday_of, school_days};
use crate::domain::ids::{LessonId, PersonId, SchoolId};
use crate::model::accounts::SessionUser;
use crate::model::diary::{AttendanceView, DayView, HomeworkView, LessonView, MarkView, WeekView};
use crate::server::cache::{class_version, for_version};
use crate::server::entities::{class, homework, lesson, person};
use crate::server::school::school_refs;
use crate::server::visibility::{full_name, student_scope, StudentContext};
use crate::server::{AppState, ServiceError};

pub async fn week(
    st: &AppState,
    user: &SessionUser,
    student: Option<PersonId>,
    week: Option<NaiveDate>,
) -> Result<WeekView, ServiceError> {
    let StudentContext {
        scope,
        class,
        school_id,
    } = student_scope(st, user, student).await?;
    let monday = monday_of(week.unwrap_or(scope.today));
    let sid = scope.student.id;
    // The week as cached for the class's current journal version, if it is.
    let version = match &class {
        Some(c) => class_version(&st.db, c.id).await?,
        None => 0,
    };
    let key = (sid, class.as_ref().map_or(0, |c| c.id), monday);
    let built = for_version(&st.caches.weeks, key, version, async {
        week_days(st, sid, class.as_ref(), school_id, monday).await
    })
    .await?;
    Ok(WeekView {
        scope,
        monday,
        days: built.1.clone(),
    })
}

/// Reads a student's week: a fixed set of queries, whatever the lessons.
async fn week_days(
    st: &AppState,
    sid: PersonId,
    class: Option<&class::Model>,
    school_id: Option<SchoolId>,
    monday: NaiveDate,
) -> Result<Vec<DayView>, ServiceError> {
    let saturday = monday + Duration::days(5);
    let sections = sections_of(st, class).await?;

    let lessons: HashMap<i64, lesson::Model> = lesson::Entity::find()
        .filter(lesson::Column::SectionId.is_in(sections.ids_for(sid)))
        .filter(lesson::Column::Date.between(monday, saturday))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let substitute_ids: Vec<i64> = lessons
        .values()
        .filter_map(|l| l.substitute_teacher_id)
        .collect();
    let substitutes: HashMap<i64, String> = if substitute_ids.is_empty() {
        HashMap::new()
    } else {
        person::Entity::find()
            .filter(person::Column::Id.is_in(substitute_ids))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|p| (p.id, full_name(&p).short()))
            .collect()
    };
    let refs = school_refs(st, school_id.map(i64::from)).await?;
    let mut marks_by_lesson: HashMap<i64, Vec<MarkView>> = HashMap::new();
    for (m, view) in marks_of(st, &refs, sid, &lessons).await? {
        marks_by_lesson.entry(m.lesson_id).or_default().push(view);
    }
    let attendance: HashMap<i64, AttendanceView> = attendance_of(st, sid, &lessons)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some((
                r.lesson_id,
                attendance_view(refs.codes.get(&r.code_id)?, &r)?,
            ))
        })
        .collect();
    let due = homework::Entity::find()
        .filter(homework::Column::SectionId.is_in(sections.ids_for(sid)))
        .filter(homework::Column::DueOn.between(monday, saturday))
        .all(&st.db)
        .await?;
    let mut homework_by_lesson: HashMap<i64, Vec<HomeworkView>> = HashMap::new();
    for (h, view) in homework_views(st, &sections, due, false).await? {
        // Due at a given lesson, or else at the section's first lesson that day.
        let target = h
            .due_lesson_id
            .filter(|id| lessons.contains_key(id))
            .or_else(|| {
                lessons
                    .values()
                    .filter(|l| l.section_id == h.section_id && l.date == h.due_on)
                    .min_by_key(|l| l.number)
                    .map(|l| l.id)
            });
        if let Some(lid) = target {
            homework_by_lesson.entry(lid).or_default().push(view);
        }
    }

    let mut days: BTreeMap<NaiveDate, Vec<LessonView>> = school_days(monday)
        .into_iter()
        .map(|d| (d, Vec::new()))
        .collect();
    for l in lessons.values() {
        let bell = refs.bell_on(l.date, l.number);
        let teacher = l
            .substitute_teacher_id
            .and_then(|id| substitutes.get(&id).cloned())
            .unwrap_or_else(|| sections.teacher(l.section_id));
        days.entry(l.date).or_default().push(LessonView {
            id: LessonId(l.id),
            number: l.number,
            starts_at: bell.map(|b| b.0.format("%H:%M").to_string()),
            ends_at: bell.map(|b| b.1.format("%H:%M").to_string()),
            subject: sections.subject(l.section_id),
            teacher,
            room: l.room.clone(),
            topic: l.topic.clone(),
            homework_due: homework_by_lesson.remove(&l.id).unwrap_or_default(),
            marks: marks_by_lesson.remove(&l.id).unwrap_or_default(),
            attendance: attendance.get(&l.id).cloned(),
        });
    }
    Ok(days
        .into_iter()
        .map(|(date, mut lessons)| {
            lessons.sort_by_key(|l| (l.number, l.id));
            DayView { date, lessons }
        })
        .collect())
}
