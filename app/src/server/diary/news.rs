//! Remarks and praise about the student, and the announcements of their
//! school and class.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::ids::{AnnouncementId, PersonId, RemarkId};
use crate::model::accounts::SessionUser;
use crate::model::diary::{AnnouncementView, NewsView, RemarkView};
use crate::server::entities::{announcement, remark};
use crate::server::visibility::{student_scope, user_names, StudentContext};
use crate::server::{AppState, ServiceError};

pub async fn news(
    st: &AppState,
    user: &SessionUser,
    student: Option<PersonId>,
) -> Result<NewsView, ServiceError> {
    let StudentContext {
        scope,
        class,
        school_id,
    } = student_scope(st, user, student).await?;
    let remarks = remark::Entity::find()
        .filter(remark::Column::StudentId.eq(scope.student.id.0))
        .order_by_desc(remark::Column::CreatedAt)
        .all(&st.db)
        .await?;
    let announcements = match school_id {
        Some(school) => {
            let mut q =
                announcement::Entity::find().filter(announcement::Column::SchoolId.eq(school.0));
            q = match &class {
                Some(c) => q.filter(
                    sea_orm::Condition::any()
                        .add(announcement::Column::ClassId.is_null())
                        .add(announcement::Column::ClassId.eq(c.id)),
                ),
                None => q.filter(announcement::Column::ClassId.is_null()),
            };
            q.order_by_desc(announcement::Column::PublishedAt)
                .all(&st.db)
                .await?
        }
        None => Vec::new(),
    };
    let authors = user_names(
        st,
        remarks
            .iter()
            .map(|r| r.author_user_id)
            .chain(announcements.iter().map(|a| a.author_user_id))
            .collect(),
    )
    .await?;
    let class_name = class.as_ref().map(|c| c.name.clone());
    Ok(NewsView {
        remarks: remarks
            .into_iter()
            .map(|r| RemarkView {
                id: RemarkId(r.id),
                praise: r.kind == "praise",
                text: r.text,
                author: authors.get(&r.author_user_id).cloned().unwrap_or_default(),
                at: r.created_at.naive_utc(),
            })
            .collect(),
        announcements: announcements
            .into_iter()
            .map(|a| AnnouncementView {
                id: AnnouncementId(a.id),
                title: a.title,
                body: a.body,
                author: authors.get(&a.author_user_id).cloned().unwrap_or_default(),
                class_name: a.class_id.and(class_name.clone()),
                at: a.published_at.naive_utc(),
            })
            .collect(),
        scope,
    })
}
