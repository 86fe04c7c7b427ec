//! The parent's side: their applications, what the form offers, filing one
//! per child and withdrawing it.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::views::views;
use super::{app_name, class_sort_key, transitions};
use crate::domain::applications::{birth_date, may_file, Relation, Status};
use crate::domain::ids::{ApplicationId, ClassId, SchoolId};
use crate::domain::names::{FullName, NameError};
use crate::error::FieldError;
use crate::i18n::applications::texts;
use crate::i18n::current_lang;
use crate::model::accounts::SessionUser;
use crate::model::applications::{ClassOption, MyApplicationsView, SchoolOption};
use crate::server::audit::{self, AuditEntry};
use crate::server::entities::{access_application, class, school};
use crate::server::{AppState, ServiceError};

pub struct NewApplication {
    pub school: SchoolId,
    pub class: ClassId,
    pub parent: [String; 3],
    pub child: [String; 3],
    pub child_birth_date: String,
    pub relation: String,
}

/// The problems of the parent's (`prefix` "parent") or the child's name,
/// by field: `parent_last`, «Родитель: фамилия: не заполнено».
fn name_errors(prefix: &str, errors: Vec<NameError>, out: &mut Vec<FieldError>) {
    let t = texts(current_lang());
    let whose = if prefix == "parent" {
        t.parent
    } else {
        t.child
    };
    for e in errors {
        out.push(FieldError {
            field: format!("{prefix}_{}", e.part().as_str()),
            message: format!("{whose}: {e}"),
        });
    }
}

async fn school_options(st: &AppState) -> Result<Vec<SchoolOption>, ServiceError> {
    let schools = school::Entity::find()
        .order_by_asc(school::Column::ShortName)
        .all(&st.db)
        .await?;
    let classes = class::Entity::find().all(&st.db).await?;
    Ok(schools
        .into_iter()
        .map(|s| {
            let mut cls: Vec<ClassOption> = classes
                .iter()
                .filter(|c| c.school_id == s.id)
                .map(|c| ClassOption {
                    id: c.id.into(),
                    name: c.name.clone(),
                })
                .collect();
            cls.sort_by_key(|c| class_sort_key(&c.name));
            SchoolOption {
                id: s.id.into(),
                name: s.short_name,
                classes: cls,
            }
        })
        .collect())
}

pub async fn mine(st: &AppState, user: &SessionUser) -> Result<MyApplicationsView, ServiceError> {
    let apps = access_application::Entity::find()
        .filter(access_application::Column::UserId.eq(user.id.0))
        .order_by_desc(access_application::Column::CreatedAt)
        .all(&st.db)
        .await?;
    Ok(MyApplicationsView {
        user: user.clone(),
        parent_name: user.name.clone(),
        schools: school_options(st).await?,
        applications: views(st, apps).await?,
    })
}

pub async fn file(
    st: &AppState,
    user: &SessionUser,
    f: NewApplication,
) -> Result<ApplicationId, ServiceError> {
    if !may_file(user.roles.iter().map(|g| g.role)) {
        tracing::warn!(
            user = user.id.0,
            "refused: an application filed by a non-parent account"
        );
        return Err(ServiceError::Forbidden);
    }
    let t = texts(current_lang());
    let today = Utc::now().date_naive();
    let mut errors = Vec::new();
    let school = school::Entity::find_by_id(f.school.0).one(&st.db).await?;
    if school.is_none() {
        errors.push(FieldError {
            field: "school".into(),
            message: t.choose_school.into(),
        });
    }
    let class = class::Entity::find_by_id(f.class.0).one(&st.db).await?;
    if !matches!((&class, &school), (Some(c), Some(s)) if c.school_id == s.id) {
        errors.push(FieldError {
            field: "class".into(),
            message: t.choose_class.into(),
        });
    }
    let parent = FullName::new(&f.parent[0], &f.parent[1], &f.parent[2])
        .map_err(|e| name_errors("parent", e, &mut errors))
        .ok();
    let child = FullName::new(&f.child[0], &f.child[1], &f.child[2])
        .map_err(|e| name_errors("child", e, &mut errors))
        .ok();
    let born = birth_date(&f.child_birth_date, today)
        .map_err(|m| {
            errors.push(FieldError {
                field: "child_birth_date".into(),
                message: m.into(),
            })
        })
        .ok();
    let relation = Relation::parse(&f.relation);
    if relation.is_none() {
        errors.push(FieldError {
            field: "relation".into(),
            message: t.choose_relation.into(),
        });
    }
    let (Some(parent), Some(child), Some(born), Some(relation), Some(school), true) =
        (parent, child, born, relation, school, errors.is_empty())
    else {
        return Err(ServiceError::Validation(errors));
    };
    // One open application per child.
    let key = child.key();
    let open = access_application::Entity::find()
        .filter(access_application::Column::UserId.eq(user.id.0))
        .filter(access_application::Column::ChildBirthDate.eq(born))
        .filter(
            access_application::Column::Status
                .is_in([Status::Filed.as_str(), Status::AwaitingSignature.as_str()]),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .any(|a| app_name(&a, true).key() == key);
    if open {
        return Err(ServiceError::field("child_last", t.already_filed));
    }

    let now = Utc::now();
    let txn = st.db.begin().await?;
    let a = access_application::ActiveModel {
        user_id: Set(user.id.0),
        school_id: Set(school.id),
        class_id: Set(Some(f.class.0)),
        parent_last_name: Set(parent.last),
        parent_first_name: Set(parent.first),
        parent_middle_name: Set(parent.middle),
        child_last_name: Set(child.last),
        child_first_name: Set(child.first),
        child_middle_name: Set(child.middle),
        child_birth_date: Set(born),
        relation: Set(relation.as_str().into()),
        status: Set(Status::Filed.as_str().into()),
        roster_student_id: Set(None),
        passport_checked_by: Set(None),
        passport_checked_at: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        reject_reason: Set(None),
        reject_comment: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    transitions::history_line(&txn, a.id, None, Status::Filed, user.id, None, now).await?;
    audit::record(
        &txn,
        AuditEntry {
            actor_user_id: Some(user.id.0),
            school_id: Some(school.id),
            action: "create",
            entity: "access_application",
            entity_id: Some(a.id),
            old_value: None,
            new_value: Some(serde_json::json!({ "child": key, "birth_date": born })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(a.id.into())
}

pub async fn withdraw(
    st: &AppState,
    user: &SessionUser,
    id: ApplicationId,
) -> Result<(), ServiceError> {
    let a = access_application::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if a.user_id != user.id.0 {
        return Err(ServiceError::Forbidden);
    }
    transitions::move_to(st, a, Status::Withdrawn, user.id).await
}
