//! The home page of each role: what the user can do, with their own figures.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::HashMap;

use super::entities::{
    access_application, class, course_section, enrolment, guardianship, lesson, mark, person,
    school, subject, user_role,
};
use super::school as setup;
use super::{AppState, ServiceError};
use crate::domain::applications::Status;
use crate::domain::grades::{Average, WeightedMark};
use crate::domain::ids::{PersonId, SchoolId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;
use crate::model::accounts::SessionUser;
use crate::model::home::{AdminHome, ChildCard, HomeData, OfficerHome, SectionCard, TeacherHome};

pub async fn home_data(st: &AppState, user: SessionUser) -> Result<HomeData, ServiceError> {
    let teacher = match (user.has_role(Role::Teacher), user.person_id) {
        (true, Some(pid)) => Some(teacher_home(st, pid).await?),
        _ => None,
    };
    let children = if user.has_role(Role::Parent) {
        let ids: Vec<PersonId> = guardianship::Entity::find()
            .filter(guardianship::Column::GuardianUserId.eq(user.id.0))
            .filter(guardianship::Column::RevokedAt.is_null())
            .all(&st.db)
            .await?
            .into_iter()
            .map(|g| PersonId(g.student_id))
            .collect();
        let mut cards = Vec::new();
        for id in ids {
            cards.push(child_card(st, id).await?);
        }
        cards.sort_by_key(|c| c.name.sort_key());
        Some(cards)
    } else {
        None
    };
    let student = match (user.has_role(Role::Student), user.person_id) {
        (true, Some(pid)) => Some(child_card(st, pid).await?),
        _ => None,
    };
    let officer = match user.schools_as(Role::Officer).first() {
        Some(sid) => Some(officer_home(st, *sid).await?),
        None => None,
    };
    let admin = match user.schools_as(Role::Admin).first() {
        Some(sid) => Some(admin_home(st, *sid).await?),
        None => None,
    };
    Ok(HomeData {
        user,
        teacher,
        children,
        student,
        officer,
        admin,
    })
}

async fn teacher_home(st: &AppState, teacher: PersonId) -> Result<TeacherHome, ServiceError> {
    let sections = course_section::Entity::find()
        .filter(course_section::Column::TeacherId.eq(teacher.0))
        .all(&st.db)
        .await?;
    let class_ids: Vec<i64> = sections.iter().map(|s| s.class_id).collect();
    let subject_ids: Vec<i64> = sections.iter().map(|s| s.subject_id).collect();
    let classes: HashMap<i64, class::Model> = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids.clone()))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let subjects: HashMap<i64, subject::Model> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(subject_ids))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut sizes: HashMap<i64, u32> = HashMap::new();
    for e in enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.is_in(class_ids))
        .filter(enrolment::Column::EndsOn.is_null())
        .all(&st.db)
        .await?
    {
        *sizes.entry(e.class_id).or_default() += 1;
    }
    let section_ids: Vec<i64> = sections.iter().map(|s| s.id).collect();
    let today = setup::today(st, classes.values().next().map(|c| c.school_id)).await?;
    let lessons_today = lesson::Entity::find()
        .filter(lesson::Column::SectionId.is_in(section_ids))
        .filter(lesson::Column::Date.eq(today))
        .count(&st.db)
        .await? as u32;
    let mut cards: Vec<SectionCard> = sections
        .iter()
        .map(|s| SectionCard {
            section_id: s.id.into(),
            class_name: classes
                .get(&s.class_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            subject_name: subjects
                .get(&s.subject_id)
                .map(|x| x.name.clone())
                .unwrap_or_default(),
            students: sizes.get(&s.class_id).copied().unwrap_or(0),
        })
        .collect();
    cards.sort_by(|a, b| (&a.class_name, &a.subject_name).cmp(&(&b.class_name, &b.subject_name)));
    Ok(TeacherHome {
        sections: cards,
        lessons_today,
    })
}

async fn child_card(st: &AppState, student_id: PersonId) -> Result<ChildCard, ServiceError> {
    let p = person::Entity::find_by_id(student_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let enrol = enrolment::Entity::find()
        .filter(enrolment::Column::StudentId.eq(student_id.0))
        .filter(enrolment::Column::EndsOn.is_null())
        .one(&st.db)
        .await?;
    let class = match enrol {
        Some(e) => class::Entity::find_by_id(e.class_id).one(&st.db).await?,
        None => None,
    };
    let school_id = class.as_ref().map(|c| c.school_id).or(p.school_id);
    let school = match school_id {
        Some(id) => school::Entity::find_by_id(id).one(&st.db).await?,
        None => None,
    };
    let mut avg = Average::default();
    if let Some(sid) = school_id {
        let today = setup::today(st, Some(sid)).await?;
        if let Some(per) = setup::current_term_of(st, SchoolId(sid), today).await? {
            let lesson_ids: Vec<i64> = match &class {
                Some(c) => {
                    let sections: Vec<i64> = course_section::Entity::find()
                        .filter(course_section::Column::ClassId.eq(c.id))
                        .all(&st.db)
                        .await?
                        .into_iter()
                        .map(|s| s.id)
                        .collect();
                    lesson::Entity::find()
                        .filter(lesson::Column::SectionId.is_in(sections))
                        .filter(lesson::Column::Date.between(per.starts_on, per.ends_on))
                        .all(&st.db)
                        .await?
                        .into_iter()
                        .map(|l| l.id)
                        .collect()
                }
                None => Vec::new(),
            };
            for m in mark::Entity::find()
                .filter(mark::Column::StudentId.eq(student_id.0))
                .filter(mark::Column::LessonId.is_in(lesson_ids))
                .filter(mark::Column::Excluded.eq(false))
                .all(&st.db)
                .await?
            {
                if let Some(points) = m.points {
                    avg.add(WeightedMark {
                        value: points as u8,
                        weight_centi: m.weight_centi.max(0) as u32,
                    });
                }
            }
        }
    }
    Ok(ChildCard {
        student_id: p.id.into(),
        name: FullName {
            last: p.last_name,
            first: p.first_name,
            middle: p.middle_name,
        },
        class_name: class.map(|c| c.name),
        school_name: school.map(|s| s.short_name).unwrap_or_default(),
        average: avg.display(),
    })
}

async fn officer_home(st: &AppState, school_id: SchoolId) -> Result<OfficerHome, ServiceError> {
    let school = school::Entity::find_by_id(school_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let open_applications = access_application::Entity::find()
        .filter(access_application::Column::SchoolId.eq(school_id.0))
        .filter(
            access_application::Column::Status
                .is_in([Status::Filed.as_str(), Status::AwaitingSignature.as_str()]),
        )
        .count(&st.db)
        .await? as u32;
    let roster_students = count_students(st, school_id).await?;
    Ok(OfficerHome {
        school_name: school.short_name,
        open_applications,
        roster_students,
    })
}

async fn count_students(st: &AppState, school_id: SchoolId) -> Result<u32, ServiceError> {
    let class_ids: Vec<i64> = class::Entity::find()
        .filter(class::Column::SchoolId.eq(school_id.0))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.is_in(class_ids))
        .filter(enrolment::Column::EndsOn.is_null())
        .count(&st.db)
        .await? as u32)
}

async fn admin_home(st: &AppState, school_id: SchoolId) -> Result<AdminHome, ServiceError> {
    let school = school::Entity::find_by_id(school_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let classes = class::Entity::find()
        .filter(class::Column::SchoolId.eq(school_id.0))
        .count(&st.db)
        .await? as u32;
    let teachers = user_role::Entity::find()
        .filter(user_role::Column::SchoolId.eq(school_id.0))
        .filter(user_role::Column::Role.eq(Role::Teacher.as_str()))
        .count(&st.db)
        .await? as u32;
    let students = count_students(st, school_id).await?;
    let today = setup::today(st, Some(school_id.0)).await?;
    let current_period = setup::current_term_of(st, school_id, today)
        .await?
        .map(|p| p.name);
    Ok(AdminHome {
        school_name: school.short_name,
        classes,
        teachers,
        students,
        current_period,
    })
}
