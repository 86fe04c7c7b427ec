//! A cell's history: who changed it when, from the audit log.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

use super::rights::{load_section, rights};
use crate::domain::ids::{LessonId, PersonId, SectionId};
use crate::i18n::current_lang;
use crate::i18n::journal::{self, JournalTexts};
use crate::model::accounts::SessionUser;
use crate::model::journal::HistoryEntry;
use crate::server::entities::{audit_log, lesson, person, user, work_type};
use crate::server::school::{local_time, school_refs};
use crate::server::visibility::full_name;
use crate::server::{AppState, ServiceError};

/// The history of one cell, newest first, for those who may open the grid.
pub async fn history(
    st: &AppState,
    user: &SessionUser,
    lesson_id: LessonId,
    student_id: PersonId,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    let l = lesson::Entity::find_by_id(lesson_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let s = load_section(st, SectionId(l.section_id)).await?;
    rights(st, user, &s).await?;
    let zone = school_refs(st, Some(s.class.school_id)).await?.zone;
    let entries: Vec<audit_log::Model> = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("journal_cell"))
        .filter(audit_log::Column::EntityId.eq(lesson_id.0))
        .order_by_desc(audit_log::Column::Id)
        .all(&st.db)
        .await?
        .into_iter()
        .filter(|e| {
            [&e.old_value, &e.new_value].iter().any(|v| {
                v.as_deref()
                    .and_then(|v| serde_json::from_str::<serde_json::Value>(v).ok())
                    .and_then(|v| v.get("student_id").and_then(|s| s.as_i64()))
                    == Some(student_id.0)
            })
        })
        .collect();
    let actor_ids: HashSet<i64> = entries.iter().filter_map(|e| e.actor_user_id).collect();
    let users: HashMap<i64, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let people: HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(users.values().filter_map(|u| u.person_id)))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let work_types: HashMap<i64, String> = work_type::Entity::find()
        .filter(work_type::Column::SchoolId.eq(s.class.school_id))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|w| (w.id, w.name))
        .collect();
    let t = journal::texts(current_lang());
    Ok(entries
        .into_iter()
        .map(|e| {
            let who = e
                .actor_user_id
                .and_then(|id| users.get(&id))
                .map(|u| {
                    u.person_id
                        .and_then(|p| people.get(&p))
                        .map(|p| full_name(p).short())
                        .unwrap_or_else(|| u.email.clone())
                })
                .unwrap_or_default();
            HistoryEntry {
                at: local_time(zone, e.at),
                who,
                action: e.action.clone(),
                old_value: e.old_value.as_deref().map(|v| describe(v, &work_types, t)),
                new_value: e.new_value.as_deref().map(|v| describe(v, &work_types, t)),
            }
        })
        .collect())
}

/// «5 · Контрольная работа · «у доски» · не в среднем» from a logged value.
fn describe(raw: &str, work_types: &HashMap<i64, String>, t: &JournalTexts) -> String {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) else {
        return String::new();
    };
    if let Some(code) = v.get("code").and_then(|c| c.as_str()) {
        return code.to_string();
    }
    let mut parts = vec![v
        .get("value")
        .and_then(|x| x.as_str())
        .unwrap_or_default()
        .to_string()];
    if let Some(wt) = v
        .get("work_type_id")
        .and_then(|x| x.as_i64())
        .and_then(|id| work_types.get(&id))
    {
        parts.push(wt.clone());
    }
    if let Some(c) = v.get("comment").and_then(|x| x.as_str()) {
        parts.push(format!("«{c}»"));
    }
    if v.get("excluded").and_then(|x| x.as_bool()) == Some(true) {
        parts.push(t.history_excluded.into());
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn logged_values_read_as_a_teacher_would_say_them() {
        let wt = HashMap::from([(3, "Контрольная работа".to_string())]);
        let raw =
            r#"{"student_id":1,"value":"5","work_type_id":3,"comment":"у доски","excluded":true}"#;
        let ru = journal::texts(Lang::Ru);
        assert_eq!(
            describe(raw, &wt, ru),
            "5 · Контрольная работа · «у доски» · не в среднем"
        );
        assert_eq!(describe(r#"{"student_id":1,"code":"Н"}"#, &wt, ru), "Н");
        assert!(describe(raw, &wt, journal::texts(Lang::En)).ends_with(" · not in the average"));
    }
}
