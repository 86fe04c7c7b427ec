//! The officer's side: the queue of the school's applications, and one
//! application beside the roster for checking.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::views::views;
use super::{app_name, class_sort_key, officer_school, officers_application, roster};
use crate::domain::applications::Status;
use crate::domain::ids::{ApplicationId, ClassId};
use crate::i18n::applications::texts;
use crate::i18n::current_lang;
use crate::model::accounts::SessionUser;
use crate::model::applications::{
    ClassOption, OfficerApplicationView, OfficerQueueView, QueueItem,
};
use crate::server::entities::{access_application, class, person, school};
use crate::server::{AppState, ServiceError};

pub async fn queue(
    st: &AppState,
    user: &SessionUser,
    status: Option<&str>,
    class_id: Option<ClassId>,
) -> Result<OfficerQueueView, ServiceError> {
    let school_id = officer_school(user)?.0;
    let school = school::Entity::find_by_id(school_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut q = access_application::Entity::find()
        .filter(access_application::Column::SchoolId.eq(school_id));
    match status.filter(|s| !s.is_empty()) {
        Some("open") | None => {
            q = q.filter(
                access_application::Column::Status
                    .is_in([Status::Filed.as_str(), Status::AwaitingSignature.as_str()]),
            )
        }
        Some("all") => {}
        Some(s) => {
            let s = Status::parse(s).ok_or_else(|| {
                ServiceError::field("status", texts(current_lang()).no_such_status)
            })?;
            q = q.filter(access_application::Column::Status.eq(s.as_str()));
        }
    }
    if let Some(c) = class_id {
        q = q.filter(access_application::Column::ClassId.eq(c.0));
    }
    let apps = q
        .order_by_asc(access_application::Column::CreatedAt)
        .all(&st.db)
        .await?;
    // Exact roster matches, by name key and birth date, in one query.
    let keys: Vec<String> = apps.iter().map(|a| app_name(a, true).key()).collect();
    let roster = person::Entity::find()
        .filter(person::Column::SchoolId.eq(school_id))
        .filter(person::Column::NameKey.is_in(keys))
        .all(&st.db)
        .await?;
    let classes: Vec<ClassOption> = {
        let mut v: Vec<ClassOption> = class::Entity::find()
            .filter(class::Column::SchoolId.eq(school_id))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|c| ClassOption {
                id: c.id.into(),
                name: c.name,
            })
            .collect();
        v.sort_by_key(|c| class_sort_key(&c.name));
        v
    };
    let items = apps
        .iter()
        .map(|a| {
            let key = app_name(a, true).key();
            QueueItem {
                id: a.id.into(),
                status: Status::parse(&a.status).unwrap_or(Status::Filed),
                child: app_name(a, true),
                child_birth_date: a.child_birth_date,
                class_name: a
                    .class_id
                    .and_then(|c| classes.iter().find(|x| x.id.0 == c))
                    .map(|c| c.name.clone()),
                parent: app_name(a, false),
                created_at: a.created_at.naive_utc(),
                roster_match: roster
                    .iter()
                    .any(|p| p.name_key == key && p.birth_date == Some(a.child_birth_date)),
            }
        })
        .collect();
    Ok(OfficerQueueView {
        user: user.clone(),
        school_name: school.short_name,
        classes,
        items,
    })
}

pub async fn for_officer(
    st: &AppState,
    user: &SessionUser,
    id: ApplicationId,
) -> Result<OfficerApplicationView, ServiceError> {
    let a = officers_application(st, user, id).await?;
    let candidates = roster::candidates(st, &a).await?;
    let roster = roster::exact(&a, &candidates);
    let application = views(st, vec![a]).await?.remove(0);
    Ok(OfficerApplicationView {
        user: user.clone(),
        application,
        candidates: candidates
            .into_iter()
            .filter(|c| Some(c.person_id) != roster.as_ref().map(|r| r.person_id))
            .collect(),
        roster,
    })
}
