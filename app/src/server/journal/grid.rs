//! Reading the grid: a section's students, lessons, cells and period marks
//! over one period, as the journal page shows them.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

use super::rights::{load_section, rights, sections_of, Rights, Section};
use crate::domain::ids::{LessonId, MarkId, PeriodId, PersonId, SectionId, WorkTypeId};
use crate::domain::journal::{CellAttendance, CellData, CellKey, CellMark};
use crate::model::accounts::SessionUser;
use crate::model::journal::*;
use crate::server::cache::{class_version, for_version, GridContents, SchoolRefs};
use crate::server::entities::{
    attendance_record, course_section, enrolment, homework, lesson, mark, period, period_mark,
    person,
};
use crate::server::school::{self as setup, school_refs, Groups};
use crate::server::visibility::full_name;
use crate::server::{AppState, ServiceError};

fn period_option(p: &period::Model) -> PeriodOption {
    PeriodOption {
        id: PeriodId(p.id),
        name: p.name.clone(),
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        locked: p.locked,
    }
}

/// Attendance code id → code, from the school's cached set-up.
pub(super) fn codes(refs: &SchoolRefs) -> HashMap<i64, String> {
    refs.codes
        .iter()
        .map(|(id, c)| (*id, c.code.clone()))
        .collect()
}

/// The cell a mark or attendance row belongs to.
pub(super) fn cell_key(lesson_id: i64, student_id: i64) -> CellKey {
    CellKey {
        lesson: LessonId(lesson_id),
        student: PersonId(student_id),
    }
}

pub(super) fn cell_mark(m: &mark::Model) -> CellMark {
    CellMark {
        id: Some(MarkId(m.id)),
        version: m.version,
        value: m.value.clone(),
        work_type_id: WorkTypeId(m.work_type_id),
        weight_centi: m.weight_centi.max(0) as u32,
        comment: m.comment.clone(),
        excluded: m.excluded,
    }
}

pub(super) fn cell_attendance(
    a: &attendance_record::Model,
    codes: &HashMap<i64, String>,
) -> CellAttendance {
    CellAttendance {
        id: Some(a.id),
        version: a.version,
        code: codes.get(&a.code_id).cloned().unwrap_or_default(),
    }
}

pub(super) fn grid_lesson(
    l: &lesson::Model,
    hw: Option<&homework::Model>,
    s: &Section,
    rights: &Rights,
) -> GridLesson {
    GridLesson {
        id: LessonId(l.id),
        date: l.date,
        number: l.number,
        topic: l.topic.clone(),
        work_type_id: l.work_type_id.map(WorkTypeId),
        homework: hw.map(|h| GridHomework {
            text: h.text.clone(),
            due_lesson_id: h.due_lesson_id.map(LessonId),
            due_on: h.due_on,
        }),
        attendance_taken: l.attendance_taken_at.is_some(),
        version: l.version,
        writable: rights.lesson(LessonId(l.id)) && s.locked_period(l.date).is_none(),
    }
}

/// The grid of a section for a period: what may be opened and written is
/// checked fresh; what it holds is built once per journal version.
pub async fn grid(
    st: &AppState,
    user: SessionUser,
    section_id: Option<SectionId>,
    period_id: Option<PeriodId>,
) -> Result<JournalGrid, ServiceError> {
    let sections = sections_of(st, &user).await?;
    let section_id = match section_id {
        Some(id) => id,
        None => sections
            .first()
            .map(|s| s.id)
            .ok_or(ServiceError::NotFound)?,
    };
    let s = load_section(st, section_id).await?;
    let rights = rights(st, &user, &s).await?;
    let refs = school_refs(st, Some(s.class.school_id)).await?;
    let period = match period_id {
        Some(id) => s.periods.iter().find(|p| p.id == id.0),
        None => setup::current_term(&s.periods, setup::today_in(refs.zone)),
    }
    .ok_or(ServiceError::NotFound)?
    .clone();
    // The contents as built for the class's current journal version.
    let version = class_version(&st.db, s.class.id).await?;
    let key = (s.section.id, s.section.teacher_id, period.id);
    let built = for_version(&st.caches.grids, key, version, async {
        grid_contents(st, &s, &period, &refs).await
    })
    .await?;
    let data = &built.1;

    let mut work_types: Vec<WorkTypeOption> = refs
        .work_types
        .values()
        .filter(|w| !w.archived)
        .map(|w| WorkTypeOption {
            id: WorkTypeId(w.id),
            name: w.name.clone(),
            short_name: w.short_name.clone(),
            weight_centi: w.weight_centi.max(0) as u32,
        })
        .collect();
    work_types.sort_by_key(|w| w.id);
    Ok(JournalGrid {
        user,
        section: s.option(),
        teacher_name: data.teacher_name.clone(),
        sections: sections.to_vec(),
        periods: s.periods.iter().map(period_option).collect(),
        can_set_period_marks: matches!(rights, Rights::Full) && !period.locked,
        period: period_option(&period),
        students: data.students.clone(),
        lessons: data
            .lessons
            .iter()
            .map(|(l, hw)| grid_lesson(l, hw.as_ref(), &s, &rights))
            .collect(),
        cells: data.cells.clone(),
        period_marks: data.period_marks.clone(),
        work_types,
        policy: refs.policy.clone(),
    })
}

/// Reads the grid's contents: a fixed set of queries, whatever its size.
async fn grid_contents(
    st: &AppState,
    s: &Section,
    period: &period::Model,
    refs: &SchoolRefs,
) -> Result<GridContents, ServiceError> {
    let students =
        students_of(st, &s.section, s.class.id, period.starts_on, period.ends_on).await?;
    let student_ids: HashSet<i64> = students.iter().map(|p| p.id.0).collect();
    let lessons = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(s.section.id))
        .filter(lesson::Column::Date.between(period.starts_on, period.ends_on))
        .order_by_asc(lesson::Column::Date)
        .order_by_asc(lesson::Column::Number)
        .all(&st.db)
        .await?;
    let lesson_ids: Vec<i64> = lessons.iter().map(|l| l.id).collect();
    let marks = mark::Entity::find()
        .filter(mark::Column::LessonId.is_in(lesson_ids.clone()))
        .order_by_asc(mark::Column::Slot)
        .all(&st.db)
        .await?;
    let attendance = attendance_record::Entity::find()
        .filter(attendance_record::Column::LessonId.is_in(lesson_ids.clone()))
        .all(&st.db)
        .await?;
    let mut homework: HashMap<i64, homework::Model> = homework::Entity::find()
        .filter(homework::Column::LessonId.is_in(lesson_ids))
        .order_by_asc(homework::Column::Id)
        .all(&st.db)
        .await?
        .into_iter()
        .map(|h| (h.lesson_id, h))
        .collect();
    let codes = codes(refs);
    let mut cells: HashMap<CellKey, CellData> = HashMap::new();
    for m in marks.iter().filter(|m| student_ids.contains(&m.student_id)) {
        cells
            .entry(cell_key(m.lesson_id, m.student_id))
            .or_default()
            .marks
            .push(cell_mark(m));
    }
    for a in attendance
        .iter()
        .filter(|a| student_ids.contains(&a.student_id))
    {
        cells
            .entry(cell_key(a.lesson_id, a.student_id))
            .or_default()
            .attendance = Some(cell_attendance(a, &codes));
    }
    let period_marks = period_mark::Entity::find()
        .filter(period_mark::Column::SectionId.eq(s.section.id))
        .filter(period_mark::Column::PeriodId.eq(period.id))
        .all(&st.db)
        .await?
        .into_iter()
        .filter(|p| student_ids.contains(&p.student_id))
        .map(|p| GridPeriodMark {
            student_id: PersonId(p.student_id),
            mark: period_mark_data(&p),
        })
        .collect();
    let teacher_name = person::Entity::find_by_id(s.section.teacher_id)
        .one(&st.db)
        .await?
        .map(|p| full_name(&p).short())
        .unwrap_or_default();
    let mut cells: Vec<GridCell> = cells
        .into_iter()
        .map(|(key, data)| GridCell {
            lesson_id: key.lesson,
            student_id: key.student,
            data,
        })
        .collect();
    cells.sort_by_key(GridCell::key);
    Ok(GridContents {
        teacher_name,
        students,
        lessons: lessons
            .into_iter()
            .map(|l| {
                let hw = homework.remove(&l.id);
                (l, hw)
            })
            .collect(),
        cells,
        period_marks,
    })
}

/// The class's students enrolled at some time in `from..=to` whom the
/// section teaches (a group's section: its members), by surname, each with
/// the days of the period they were in the class.
async fn students_of(
    st: &AppState,
    section: &course_section::Model,
    class_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<GridStudent>, ServiceError> {
    use sea_orm::sea_query::ExprTrait;
    let mut spans: HashMap<i64, Vec<(NaiveDate, Option<NaiveDate>)>> = HashMap::new();
    for e in enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(class_id))
        .filter(enrolment::Column::StartsOn.lte(to))
        .filter(
            enrolment::Column::EndsOn
                .is_null()
                .or(enrolment::Column::EndsOn.gte(from)),
        )
        .all(&st.db)
        .await?
    {
        spans
            .entry(e.student_id)
            .or_default()
            .push((e.starts_on, e.ends_on));
    }
    let groups = Groups::of(&st.db, std::slice::from_ref(section)).await?;
    spans.retain(|student, _| groups.teaches(section.id, *student));
    let mut people = person::Entity::find()
        .filter(person::Column::Id.is_in(spans.keys().copied()))
        .all(&st.db)
        .await?;
    people.sort_by_key(|p| (full_name(p).sort_key(), p.id));
    Ok(people
        .iter()
        .map(|p| {
            let (joined, left) =
                enrolled_within(spans.get(&p.id).map_or(&[][..], |s| s), (from, to));
            GridStudent {
                id: PersonId(p.id),
                name: full_name(p),
                from: joined,
                until: left,
            }
        })
        .collect())
}

pub(super) fn period_mark_data(p: &period_mark::Model) -> PeriodMarkData {
    PeriodMarkData {
        value: p.value.clone(),
        average_centi: p.average_centi.map(|c| c.max(0) as u32),
        version: p.version,
    }
}
