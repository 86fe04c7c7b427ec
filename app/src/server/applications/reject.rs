//! Rejection: one of the reasons and free text; the parent is mailed what to
//! correct.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};

use super::{app_name, applicant, officers_application, transitions};
use crate::domain::applications::{RejectReason, Status};
use crate::domain::ids::ApplicationId;
use crate::i18n::applications::texts;
use crate::i18n::{current_lang, Lang};
use crate::model::accounts::SessionUser;
use crate::server::entities::access_application;
use crate::server::{mail, AppState, ServiceError};

pub async fn reject(
    st: &AppState,
    user: &SessionUser,
    id: ApplicationId,
    reason: &str,
    comment: &str,
) -> Result<(), ServiceError> {
    let a = officers_application(st, user, id).await?;
    super::may_decide(st, user, &a).await?;
    let t = texts(current_lang());
    let reason = RejectReason::parse(reason)
        .ok_or_else(|| ServiceError::field("reason", t.choose_reason))?;
    let comment = comment.trim();
    if reason == RejectReason::Other && comment.is_empty() {
        return Err(ServiceError::field("comment", t.describe_reason));
    }
    if comment.chars().count() > 1000 {
        return Err(ServiceError::field("comment", t.comment_too_long));
    }
    transitions::check(&a, Status::Rejected)?;
    let parent = applicant(st, &a).await?;
    let now = Utc::now();
    let txn = st.db.begin().await?;
    transitions::claim(&txn, &a, Status::Rejected).await?;
    let note = (!comment.is_empty()).then(|| comment.to_string());
    // The history keeps the reason as the school's records do, in Russian.
    transitions::record(
        &txn,
        &a,
        Status::Rejected,
        user.id,
        Some(texts(Lang::Ru).reason(reason).to_string()),
    )
    .await?;
    let child = app_name(&a, true).full();
    let mail_text = texts(Lang::parse(&parent.locale));
    let body = mail_text.rejected_body(a.id, &child, reason, note.as_deref());
    mail::enqueue(&txn, &parent.email, mail_text.rejected_subject, &body).await?;
    let mut am: access_application::ActiveModel = a.into();
    am.status = Set(Status::Rejected.as_str().into());
    am.reject_reason = Set(Some(reason.as_str().into()));
    am.reject_comment = Set(note);
    am.decided_by = Set(Some(user.id.0));
    am.decided_at = Set(Some(now));
    am.updated_at = Set(now);
    am.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}
