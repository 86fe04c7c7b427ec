//! Whom a user may write to: the teachers (and the homeroom teacher) of
//! each child they may see.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};

use crate::domain::ids::{PersonId, UserId};
use crate::i18n::{current_lang, messages};
use crate::model::accounts::SessionUser;
use crate::model::messages::Recipient;
use crate::server::entities::{class, course_section, enrolment, person, subject, user};
use crate::server::visibility::{full_name, readable};
use crate::server::{AppState, ServiceError};

/// The teachers of each child the user may see, as possible recipients.
pub(super) async fn recipients(
    st: &AppState,
    user: &SessionUser,
) -> Result<Vec<Recipient>, ServiceError> {
    let students: Vec<i64> = readable(st, user)
        .await?
        .iter()
        .map(|r| r.student.id.0)
        .collect();
    if students.is_empty() {
        return Ok(Vec::new());
    }
    let enrolments = enrolment::Entity::find()
        .filter(enrolment::Column::StudentId.is_in(students.clone()))
        .filter(enrolment::Column::EndsOn.is_null())
        .all(&st.db)
        .await?;
    let class_ids: Vec<i64> = enrolments.iter().map(|e| e.class_id).collect();
    let sections = course_section::Entity::find()
        .filter(course_section::Column::ClassId.is_in(class_ids.clone()))
        .all(&st.db)
        .await?;
    let classes = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids))
        .all(&st.db)
        .await?;
    let subjects: HashMap<i64, String> = subject::Entity::find()
        .filter(
            subject::Column::Id.is_in(sections.iter().map(|s| s.subject_id).collect::<Vec<_>>()),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut teacher_persons: Vec<i64> = sections.iter().map(|s| s.teacher_id).collect();
    teacher_persons.extend(classes.iter().filter_map(|c| c.homeroom_teacher_id));
    let persons: HashMap<i64, person::Model> = person::Entity::find()
        .filter(
            person::Column::Id.is_in(
                teacher_persons
                    .iter()
                    .copied()
                    .chain(students.iter().copied())
                    .collect::<Vec<_>>(),
            ),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let teacher_users: HashMap<i64, i64> = user::Entity::find()
        .filter(user::Column::PersonId.is_in(teacher_persons))
        .filter(user::Column::Disabled.eq(false))
        .all(&st.db)
        .await?
        .into_iter()
        .filter_map(|u| Some((u.person_id?, u.id)))
        .collect();

    let mut out = Vec::new();
    for student in &students {
        let Some(e) = enrolments.iter().find(|e| e.student_id == *student) else {
            continue;
        };
        let student_name = persons
            .get(student)
            .map(|p| full_name(p).full())
            .unwrap_or_default();
        // teacher person → subjects they teach this child
        let mut by_teacher: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for s in sections.iter().filter(|s| s.class_id == e.class_id) {
            by_teacher
                .entry(s.teacher_id)
                .or_default()
                .push(subjects.get(&s.subject_id).cloned().unwrap_or_default());
        }
        if let Some(homeroom) = classes
            .iter()
            .find(|c| c.id == e.class_id)
            .and_then(|c| c.homeroom_teacher_id)
        {
            by_teacher
                .entry(homeroom)
                .or_default()
                .push(messages::texts(current_lang()).homeroom_teacher.into());
        }
        for (teacher, subjects) in by_teacher {
            let (Some(uid), Some(p)) = (teacher_users.get(&teacher), persons.get(&teacher)) else {
                continue;
            };
            out.push(Recipient {
                teacher_user_id: UserId(*uid),
                teacher_name: full_name(p).full(),
                subjects,
                student_id: PersonId(*student),
                student_name: student_name.clone(),
            });
        }
    }
    out.sort_by(|a, b| (&a.student_name, &a.teacher_name).cmp(&(&b.student_name, &b.teacher_name)));
    Ok(out)
}
