//! An application as both the parent and the officer see it: school, class,
//! names, the passport check and the history of its transitions.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

use super::app_name;
use crate::domain::applications::{RejectReason, Relation, Status};
use crate::model::applications::{ApplicationView, EventView};
use crate::server::entities::{access_application, application_event, class, school, user};
use crate::server::visibility::user_names;
use crate::server::{AppState, ServiceError};

/// Views of applications with school, class and history.
pub(super) async fn views(
    st: &AppState,
    apps: Vec<access_application::Model>,
) -> Result<Vec<ApplicationView>, ServiceError> {
    let ids: Vec<i64> = apps.iter().map(|a| a.id).collect();
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(ids))
        .order_by_asc(application_event::Column::CreatedAt)
        .order_by_asc(application_event::Column::Id)
        .all(&st.db)
        .await?;
    let mut people: Vec<i64> = events.iter().filter_map(|e| e.actor_user_id).collect();
    people.extend(apps.iter().filter_map(|a| a.passport_checked_by));
    people.extend(apps.iter().map(|a| a.user_id));
    let names = user_names(st, people).await?;
    let emails: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(apps.iter().map(|a| a.user_id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let schools: HashMap<i64, String> = school::Entity::find()
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.short_name))
        .collect();
    let classes: HashMap<i64, String> = class::Entity::find()
        .filter(class::Column::Id.is_in(apps.iter().filter_map(|a| a.class_id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    Ok(apps
        .into_iter()
        .map(|a| ApplicationView {
            id: a.id.into(),
            status: Status::parse(&a.status).unwrap_or(Status::Filed),
            school_id: a.school_id.into(),
            school_name: schools.get(&a.school_id).cloned().unwrap_or_default(),
            class_id: a.class_id.map(Into::into),
            class_name: a.class_id.and_then(|c| classes.get(&c).cloned()),
            parent: app_name(&a, false),
            parent_email: emails.get(&a.user_id).cloned().unwrap_or_default(),
            child: app_name(&a, true),
            child_birth_date: a.child_birth_date,
            relation: Relation::parse(&a.relation).unwrap_or(Relation::Other),
            reject_reason: a.reject_reason.as_deref().and_then(RejectReason::parse),
            reject_comment: a.reject_comment.clone(),
            passport_checked: a.passport_checked_at.map(|at| {
                format!(
                    "{} · {}",
                    a.passport_checked_by
                        .and_then(|u| names.get(&u).cloned())
                        .unwrap_or_default(),
                    at.format("%d.%m.%Y %H:%M")
                )
            }),
            created_at: a.created_at.naive_utc(),
            history: events
                .iter()
                .filter(|e| e.application_id == a.id)
                .map(|e| EventView {
                    status: Status::parse(&e.to_status).unwrap_or(Status::Filed),
                    actor: e.actor_user_id.and_then(|u| names.get(&u).cloned()),
                    note: e.note.clone(),
                    at: e.created_at.naive_utc(),
                })
                .collect(),
        })
        .collect())
}
