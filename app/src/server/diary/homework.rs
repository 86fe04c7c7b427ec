//! Homework: as the week shows it at the lesson it is due, and the list of
//! what is due soon and was due recently.

use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

use super::refs::sections_of;
use crate::domain::ids::{AttachmentId, HomeworkId, PersonId};
use crate::model::accounts::SessionUser;
use crate::model::diary::{AttachmentView, HomeworkListView, HomeworkView};
use crate::server::cache::ClassRefs;
use crate::server::entities::{attachment, homework, lesson};
use crate::server::visibility::{student_scope, StudentContext};
use crate::server::{AppState, ServiceError};

/// Homework with its subject, the date it was set, and its attachments.
pub(super) async fn homework_views(
    st: &AppState,
    sections: &ClassRefs,
    items: Vec<homework::Model>,
    with_set_on: bool,
) -> Result<Vec<(homework::Model, HomeworkView)>, ServiceError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let set_on: HashMap<i64, NaiveDate> = if with_set_on {
        lesson::Entity::find()
            .filter(lesson::Column::Id.is_in(items.iter().map(|h| h.lesson_id).collect::<Vec<_>>()))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|l| (l.id, l.date))
            .collect()
    } else {
        HashMap::new()
    };
    let mut files: HashMap<i64, Vec<AttachmentView>> = HashMap::new();
    for a in attachment::Entity::find()
        .filter(attachment::Column::OwnerKind.eq("homework"))
        .filter(attachment::Column::OwnerId.is_in(items.iter().map(|h| h.id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
    {
        files.entry(a.owner_id).or_default().push(AttachmentView {
            id: AttachmentId(a.id),
            file_name: a.file_name,
            size_bytes: a.size_bytes,
        });
    }
    Ok(items
        .into_iter()
        .map(|h| {
            let view = HomeworkView {
                id: HomeworkId(h.id),
                subject: sections.subject(h.section_id),
                text: h.text.clone(),
                set_on: set_on.get(&h.lesson_id).copied(),
                due_on: h.due_on,
                attachments: files.remove(&h.id).unwrap_or_default(),
            };
            (h, view)
        })
        .collect())
}

pub async fn homework(
    st: &AppState,
    user: &SessionUser,
    student: Option<PersonId>,
) -> Result<HomeworkListView, ServiceError> {
    let StudentContext { scope, class, .. } = student_scope(st, user, student).await?;
    let sections = sections_of(st, class.as_ref()).await?;
    let today = scope.today;
    let items = homework::Entity::find()
        .filter(homework::Column::SectionId.is_in(sections.ids_for(scope.student.id)))
        .filter(
            homework::Column::DueOn.between(today - Duration::days(14), today + Duration::days(14)),
        )
        .all(&st.db)
        .await?;
    let (mut upcoming, mut past): (Vec<HomeworkView>, Vec<HomeworkView>) =
        homework_views(st, &sections, items, true)
            .await?
            .into_iter()
            .map(|(_, v)| v)
            .partition(|h| h.due_on >= today);
    upcoming.sort_by(|a, b| (a.due_on, &a.subject).cmp(&(b.due_on, &b.subject)));
    past.sort_by(|a, b| (b.due_on, &a.subject).cmp(&(a.due_on, &b.subject)));
    Ok(HomeworkListView {
        scope,
        upcoming,
        past,
    })
}
