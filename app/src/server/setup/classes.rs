//! Classes (name, grade, class teacher) in a year, and a class's screen:
//! its students and its week. The students themselves (added, moved, gone)
//! are `students`.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;

use super::{admin_school, audited, same_school, Change, Problems};
use crate::domain::ids::{ClassId, PersonId, SectionId, SlotId, YearId};
use crate::domain::names::FullName;
use crate::domain::setup::{check_grade, required_text, same_text, SetupError};
use crate::i18n::{current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::model::setup::{ClassDetail, SetupClass, SetupSlot, SetupStudent};
use crate::server::entities::{
    academic_year, class, course_section, enrolment, person, subject, timetable_slot,
};
use crate::server::{AppState, ServiceError};

/// The class, if it is the administrator's school's.
pub(super) async fn own_class(
    st: &AppState,
    admin: &SessionUser,
    id: ClassId,
) -> Result<(crate::domain::ids::SchoolId, class::Model), ServiceError> {
    let c = class::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((same_school(admin, c.school_id)?, c))
}

/// Checks that `teacher` is a person of the school holding the teacher role.
pub(super) async fn check_teacher(
    st: &AppState,
    school: crate::domain::ids::SchoolId,
    teacher: PersonId,
) -> Result<bool, ServiceError> {
    let staff = super::staff::list(&st.db, school).await?;
    Ok(staff
        .iter()
        .any(|s| s.person_id == teacher && s.roles.iter().any(|r| r == "teacher")))
}

/// A class's name, grade and class teacher as given, checked; the name.
async fn checked(
    st: &AppState,
    school: crate::domain::ids::SchoolId,
    name: &str,
    grade: i32,
    homeroom: Option<PersonId>,
) -> Result<String, ServiceError> {
    let mut p = Problems::default();
    let name = p.check("name", required_text(name, 20));
    p.check("grade", check_grade(grade));
    if let Some(t) = homeroom {
        if !check_teacher(st, school, t).await? {
            p.add("homeroom_teacher_id", texts(current_lang()).not_a_teacher);
        }
    }
    p.finish()?;
    name.ok_or_else(|| ServiceError::Internal("checked class missing".into()))
}

/// Adds a class to one of the school's years.
pub async fn add(
    st: &AppState,
    admin: &SessionUser,
    year_id: YearId,
    name: &str,
    grade: i32,
    homeroom: Option<PersonId>,
) -> Result<ClassId, ServiceError> {
    admin_school(admin)?;
    let year = academic_year::Entity::find_by_id(year_id.0)
        .one(&st.db)
        .await?
        .ok_or_else(|| ServiceError::field("year_id", texts(current_lang()).not_this_school))?;
    let school = same_school(admin, year.school_id)?;
    let name = checked(st, school, name, grade, homeroom).await?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    // Read in the write turn: two administrators adding «5А» at once get
    // one class and a message, not a failed insert.
    let same_name = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(year.id))
        .all(&txn)
        .await?
        .iter()
        .any(|c| same_text(&c.name, &name));
    if same_name {
        return Err(ServiceError::field("name", SetupError::Taken));
    }
    let c = class::ActiveModel {
        school_id: Set(school.0),
        academic_year_id: Set(year.id),
        name: Set(name.clone()),
        grade: Set(grade),
        homeroom_teacher_id: Set(homeroom.map(|t| t.0)),
        data_version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let change = Change {
        action: "class_added",
        entity: "class",
        id: c.id,
        old: None,
        new: Some(json!({ "name": name, "grade": grade, "year": year.name,
                          "homeroom_teacher_id": homeroom.map(|t| t.0) })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    Ok(ClassId(c.id))
}

/// Changes a class's name, grade or class teacher.
pub async fn change(
    st: &AppState,
    admin: &SessionUser,
    id: ClassId,
    name: &str,
    grade: i32,
    homeroom: Option<PersonId>,
) -> Result<(), ServiceError> {
    let (school, c) = own_class(st, admin, id).await?;
    let name = checked(st, school, name, grade, homeroom).await?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    let same_name = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(c.academic_year_id))
        .filter(class::Column::Id.ne(c.id))
        .all(&txn)
        .await?
        .iter()
        .any(|o| same_text(&o.name, &name));
    if same_name {
        return Err(ServiceError::field("name", SetupError::Taken));
    }
    let old =
        json!({ "name": c.name, "grade": c.grade, "homeroom_teacher_id": c.homeroom_teacher_id });
    let mut am: class::ActiveModel = c.clone().into();
    am.name = Set(name.clone());
    am.grade = Set(grade);
    am.homeroom_teacher_id = Set(homeroom.map(|t| t.0));
    am.data_version = Set(c.data_version + 1);
    am.update(&txn).await?;
    // Parents and students read the class's name: on every process.
    let students: Vec<i64> = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|e| e.student_id)
        .collect();
    crate::server::visibility::bump_readers(&txn, students).await?;
    let change = Change {
        action: "class_changed",
        entity: "class",
        id: c.id,
        old: Some(old),
        new: Some(json!({ "name": name, "grade": grade,
                          "homeroom_teacher_id": homeroom.map(|t| t.0) })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    // Who sees which class name, and the journal's menus.
    st.caches.forget_class(c.id);
    Ok(())
}

/// Deletes a class that has never had a student.
pub async fn delete(st: &AppState, admin: &SessionUser, id: ClassId) -> Result<(), ServiceError> {
    let (school, c) = own_class(st, admin, id).await?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    let students = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(c.id))
        .one(&txn)
        .await?;
    // Its sections carry lessons, topics and homework: deleting the class
    // would take them along.
    let sections = course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(c.id))
        .one(&txn)
        .await?;
    if students.is_some() || sections.is_some() {
        return Err(ServiceError::Conflict(
            texts(current_lang()).class_has_students.into(),
        ));
    }
    class::Entity::delete_by_id(c.id).exec(&txn).await?;
    let change = Change {
        action: "class_deleted",
        entity: "class",
        id: c.id,
        old: Some(json!({ "name": c.name, "grade": c.grade })),
        new: None,
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_class(c.id);
    Ok(())
}

/// A class's row as the overview lists it.
pub(super) fn row(c: &class::Model, students: usize) -> SetupClass {
    SetupClass {
        id: ClassId(c.id),
        year_id: YearId(c.academic_year_id),
        name: c.name.clone(),
        grade: c.grade,
        homeroom_teacher: c.homeroom_teacher_id.map(PersonId),
        students,
    }
}

/// Where the students who ended their time in this class went on the next
/// day (a move to another class of the year): class names by student.
async fn moved_on(
    st: &AppState,
    c: &class::Model,
    enrolments: &[enrolment::Model],
) -> Result<std::collections::HashMap<i64, String>, ServiceError> {
    let ended: Vec<(i64, chrono::NaiveDate)> = enrolments
        .iter()
        .filter_map(|e| Some((e.student_id, e.ends_on?)))
        .collect();
    if ended.is_empty() {
        return Ok(Default::default());
    }
    let later = enrolment::Entity::find()
        .filter(enrolment::Column::StudentId.is_in(ended.iter().map(|(s, _)| *s)))
        .filter(enrolment::Column::ClassId.ne(c.id))
        .all(&st.db)
        .await?;
    let next: Vec<(i64, i64)> = later
        .iter()
        .filter_map(|e| {
            let (_, last) = ended.iter().find(|(s, _)| *s == e.student_id)?;
            (last.succ_opt() == Some(e.starts_on)).then_some((e.student_id, e.class_id))
        })
        .collect();
    if next.is_empty() {
        return Ok(Default::default());
    }
    let classes = class::Entity::find()
        .filter(class::Column::Id.is_in(next.iter().map(|(_, c)| *c)))
        .filter(class::Column::AcademicYearId.eq(c.academic_year_id))
        .all(&st.db)
        .await?;
    Ok(next
        .into_iter()
        .filter_map(|(student, to)| {
            let to = classes.iter().find(|k| k.id == to)?;
            Some((student, to.name.clone()))
        })
        .collect())
}

/// A class with its students and its week.
pub async fn detail(
    st: &AppState,
    admin: &SessionUser,
    id: ClassId,
) -> Result<ClassDetail, ServiceError> {
    let (_, c) = own_class(st, admin, id).await?;
    let enrolments = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(c.id))
        .all(&st.db)
        .await?;
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(enrolments.iter().map(|e| e.student_id)))
        .all(&st.db)
        .await?;
    let moved_to = moved_on(st, &c, &enrolments).await?;
    let mut students: Vec<(FullName, SetupStudent)> = enrolments
        .iter()
        .filter_map(|e| {
            let p = people.iter().find(|p| p.id == e.student_id)?;
            let name = FullName {
                last: p.last_name.clone(),
                first: p.first_name.clone(),
                middle: p.middle_name.clone(),
            };
            Some((
                name.clone(),
                SetupStudent {
                    id: PersonId(p.id),
                    name: name.full(),
                    birth_date: p.birth_date,
                    starts_on: e.starts_on,
                    ends_on: e.ends_on,
                    moved_to: moved_to.get(&e.student_id).cloned(),
                },
            ))
        })
        .collect();
    students.sort_by_key(|(n, _)| n.sort_key());
    let slots = timetable_slot::Entity::find()
        .filter(timetable_slot::Column::ClassId.eq(c.id))
        .order_by_asc(timetable_slot::Column::Weekday)
        .order_by_asc(timetable_slot::Column::Number)
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| SetupSlot {
            id: SlotId(s.id),
            weekday: s.weekday,
            number: s.number,
            section_id: SectionId(s.section_id),
            room: s.room,
        })
        .collect();
    let current = students.iter().filter(|(_, s)| s.ends_on.is_none()).count();
    let sections = course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(c.id))
        .all(&st.db)
        .await?;
    let subjects: std::collections::HashMap<i64, String> = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(c.school_id))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let groups = super::groups::of_class(&st.db, &sections, |s| {
        let subject = subjects.get(&s.subject_id).cloned().unwrap_or_default();
        format!(
            "{subject} ({})",
            s.group_name.as_deref().unwrap_or_default()
        )
    })
    .await?;
    Ok(ClassDetail {
        class: row(&c, current),
        students: students.into_iter().map(|(_, s)| s).collect(),
        groups,
        slots,
    })
}
