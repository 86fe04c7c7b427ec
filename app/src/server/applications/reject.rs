//! Rejection: one of the reasons and free text; the parent is mailed what to
//! correct.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, Set, TransactionTrait};

use super::{app_name, officers_application, transitions};
use crate::domain::applications::{RejectReason, Status};
use crate::domain::ids::ApplicationId;
use crate::model::accounts::SessionUser;
use crate::server::entities::{access_application, user};
use crate::server::{mail, AppState, ServiceError};

pub async fn reject(
    st: &AppState,
    user: &SessionUser,
    id: ApplicationId,
    reason: &str,
    comment: &str,
) -> Result<(), ServiceError> {
    let a = officers_application(st, user, id).await?;
    let reason = RejectReason::parse(reason)
        .ok_or_else(|| ServiceError::field("reason", "выберите причину отказа"))?;
    let comment = comment.trim();
    if reason == RejectReason::Other && comment.is_empty() {
        return Err(ServiceError::field("comment", "опишите причину отказа"));
    }
    if comment.chars().count() > 1000 {
        return Err(ServiceError::field("comment", "не более 1000 знаков"));
    }
    transitions::check(&a, Status::Rejected)?;
    let parent = user::Entity::find_by_id(a.user_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = Utc::now();
    let txn = st.db.begin().await?;
    let note = (!comment.is_empty()).then(|| comment.to_string());
    transitions::record(
        &txn,
        &a,
        Status::Rejected,
        user.id,
        Some(reason.label_ru().to_string()),
    )
    .await?;
    let child = app_name(&a, true).full();
    let mut body = format!(
        "Здравствуйте!\n\nЗаявление № {} на доступ к дневнику ученика {child} отклонено.\n\
         Причина: {}.\n",
        a.id,
        reason.label_ru()
    );
    if let Some(n) = &note {
        body.push_str(&format!("Комментарий школы: {n}\n"));
    }
    body.push_str("\nИсправьте данные и подайте новое заявление в личном кабинете.\n");
    mail::enqueue(&txn, &parent.email, "Дневник: заявление отклонено", &body).await?;
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
