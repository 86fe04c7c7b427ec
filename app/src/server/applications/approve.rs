//! Approval: after the in-person check, the parent becomes the child's
//! guardian, gets the parent role in the school, and is mailed.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use super::{applicant, officers_application, roster, transitions};
use crate::domain::applications::Status;
use crate::domain::ids::{ApplicationId, SchoolId, UserId};
use crate::domain::roles::Role;
use crate::error::FieldError;
use crate::i18n::applications::texts;
use crate::i18n::{current_lang, Lang};
use crate::model::accounts::SessionUser;
use crate::server::entities::{access_application, guardianship};
use crate::server::{accounts, mail, AppState, ServiceError};

/// The three things the officer confirms in person, each refused by field.
fn check_list(checks: [bool; 3]) -> Result<(), ServiceError> {
    let t = texts(current_lang());
    let mut errors = Vec::new();
    for (ok, field, message) in [
        (checks[0], "passport_seen", t.passport_not_seen),
        (checks[1], "parent_name_matches", t.parent_name_unchecked),
        (checks[2], "child_name_matches", t.child_name_unchecked),
    ] {
        if !ok {
            errors.push(FieldError {
                field: field.into(),
                message: message.into(),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Validation(errors))
    }
}

/// Records the in-person check and approves: the child appears in the
/// parent's diary and the parent is mailed.
pub async fn approve(
    st: &AppState,
    user: &SessionUser,
    id: ApplicationId,
    checks: [bool; 3],
) -> Result<(), ServiceError> {
    let a = officers_application(st, user, id).await?;
    super::may_decide(st, user, &a).await?;
    check_list(checks)?;
    transitions::check(&a, Status::Approved)?;
    let roster = roster::exact(&a, &roster::candidates(st, &a).await?)
        .ok_or_else(|| ServiceError::Conflict(texts(current_lang()).not_in_roster.into()))?;
    let parent = applicant(st, &a).await?;
    let now = Utc::now();
    let txn = st.db.begin().await?;
    transitions::claim(&txn, &a, Status::Approved).await?;
    transitions::record(&txn, &a, Status::Approved, user.id, None).await?;
    let exists = guardianship::Entity::find()
        .filter(guardianship::Column::GuardianUserId.eq(a.user_id))
        .filter(guardianship::Column::StudentId.eq(roster.person_id.0))
        .one(&txn)
        .await?;
    match exists {
        Some(g) if g.revoked_at.is_some() => {
            let mut gm: guardianship::ActiveModel = g.into();
            gm.revoked_at = Set(None);
            gm.application_id = Set(Some(a.id));
            gm.update(&txn).await?;
        }
        Some(_) => {}
        None => {
            guardianship::ActiveModel {
                guardian_user_id: Set(a.user_id),
                student_id: Set(roster.person_id.0),
                relation: Set(a.relation.clone()),
                application_id: Set(Some(a.id)),
                created_at: Set(now),
                revoked_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    accounts::grant_school_role(&txn, UserId(a.user_id), Role::Parent, SchoolId(a.school_id))
        .await?;
    // The child is readable on every server process at the parent's next
    // request.
    crate::server::visibility::bump_access(&txn, vec![a.user_id]).await?;
    // The name as the school's roster has it.
    let child = roster.name.full();
    let mail_text = texts(Lang::parse(&parent.locale));
    mail::enqueue(
        &txn,
        &parent.email,
        mail_text.approved_subject,
        &mail_text.approved_body(
            a.id,
            &child,
            roster.class_name.as_deref().unwrap_or_default(),
            st.auth.public_url.trim_end_matches('/'),
        ),
    )
    .await?;
    let mut am: access_application::ActiveModel = a.into();
    am.status = Set(Status::Approved.as_str().into());
    am.roster_student_id = Set(Some(roster.person_id.0));
    am.passport_checked_by = Set(Some(user.id.0));
    am.passport_checked_at = Set(Some(now));
    am.decided_by = Set(Some(user.id.0));
    am.decided_at = Set(Some(now));
    am.updated_at = Set(now);
    am.update(&txn).await?;
    txn.commit().await?;
    // The parent's roles and readable children follow on every process
    // through the access version bumped above.
    Ok(())
}
