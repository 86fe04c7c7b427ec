//! The child of an application against the school's roster: the students
//! who could be them, and the one who is.

use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};
use std::collections::HashMap;

use super::app_name;
use crate::domain::names::normalize_part;
use crate::model::applications::RosterRecord;
use crate::server::entities::{access_application, class, enrolment, person};
use crate::server::visibility::full_name;
use crate::server::{AppState, ServiceError};

/// Roster students of the school who could be the child: the exact match
/// first (name and birth date), then near ones.
pub(super) async fn candidates(
    st: &AppState,
    a: &access_application::Model,
) -> Result<Vec<RosterRecord>, ServiceError> {
    let child = app_name(a, true);
    let key = child.key();
    let persons = person::Entity::find()
        .filter(person::Column::SchoolId.eq(a.school_id))
        .filter(
            Condition::any()
                .add(person::Column::NameKey.eq(key.clone()))
                .add(person::Column::BirthDate.eq(a.child_birth_date)),
        )
        .all(&st.db)
        .await?;
    let enrolments = enrolment::Entity::find()
        .filter(
            enrolment::Column::StudentId.is_in(persons.iter().map(|p| p.id).collect::<Vec<_>>()),
        )
        .filter(enrolment::Column::EndsOn.is_null())
        .all(&st.db)
        .await?;
    let classes: HashMap<i64, String> = class::Entity::find()
        .filter(class::Column::Id.is_in(enrolments.iter().map(|e| e.class_id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let surname = normalize_part(&child.last);
    let mut out: Vec<RosterRecord> = persons
        .into_iter()
        .filter_map(|p| {
            let e = enrolments.iter().find(|e| e.student_id == p.id)?;
            // Same name, or same birth date and surname.
            if p.name_key != key && normalize_part(&p.last_name) != surname {
                return None;
            }
            Some(RosterRecord {
                person_id: p.id.into(),
                name: full_name(&p),
                birth_date: p.birth_date,
                class_id: Some(e.class_id.into()),
                class_name: classes.get(&e.class_id).cloned(),
            })
        })
        .collect();
    out.sort_by_key(|r| !is_the_child(a, r));
    Ok(out)
}

/// The roster record that is the child: name and birth date agree.
pub(super) fn exact(
    a: &access_application::Model,
    candidates: &[RosterRecord],
) -> Option<RosterRecord> {
    candidates.iter().find(|r| is_the_child(a, r)).cloned()
}

fn is_the_child(a: &access_application::Model, r: &RosterRecord) -> bool {
    r.name.compare(&app_name(a, true)).all() && r.birth_date == Some(a.child_birth_date)
}
