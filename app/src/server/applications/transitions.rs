//! Moving an application between statuses: the workflow's check, and the
//! history line and audit entry every move leaves.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

use super::officers_application;
use crate::domain::applications::Status;
use crate::domain::ids::{ApplicationId, UserId};
use crate::i18n::{applications, current_lang};
use crate::model::accounts::SessionUser;
use crate::server::audit::{self, AuditEntry};
use crate::server::entities::{access_application, application_event};
use crate::server::{AppState, ServiceError};

/// One line of the application's history.
pub(super) async fn history_line(
    db: &impl ConnectionTrait,
    application_id: i64,
    from: Option<String>,
    to: Status,
    actor: UserId,
    note: Option<String>,
    at: DateTime<Utc>,
) -> Result<(), ServiceError> {
    application_event::ActiveModel {
        application_id: Set(application_id),
        from_status: Set(from),
        to_status: Set(to.as_str().into()),
        actor_user_id: Set(Some(actor.0)),
        note: Set(note),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Records the move of `app` to `to`: its history line and the audit entry.
pub(super) async fn record(
    db: &impl ConnectionTrait,
    app: &access_application::Model,
    to: Status,
    actor: UserId,
    note: Option<String>,
) -> Result<(), ServiceError> {
    history_line(
        db,
        app.id,
        Some(app.status.clone()),
        to,
        actor,
        note,
        Utc::now(),
    )
    .await?;
    audit::record(
        db,
        AuditEntry {
            actor_user_id: Some(actor.0),
            school_id: Some(app.school_id),
            action: "transition",
            entity: "access_application",
            entity_id: Some(app.id),
            old_value: Some(serde_json::json!({ "status": app.status })),
            new_value: Some(serde_json::json!({ "status": to.as_str() })),
        },
    )
    .await?;
    Ok(())
}

/// Refuses a transition the workflow does not allow from the current status.
pub(super) fn check(a: &access_application::Model, next: Status) -> Result<(), ServiceError> {
    let current = Status::parse(&a.status).unwrap_or(Status::Filed);
    if current.can_become(next) {
        Ok(())
    } else {
        Err(ServiceError::Conflict(
            applications::texts(current_lang()).transition_refused(current),
        ))
    }
}

/// Moves the application from the status it was read with to `next`, as
/// its transaction's first write: if another decision (or a withdrawal)
/// moved it in between, nothing is written and the answer is a conflict.
/// On PostgreSQL the second of two racing moves waits for the first's row
/// lock and then finds the status changed; on SQLite writers take turns.
pub(super) async fn claim(
    db: &impl ConnectionTrait,
    a: &access_application::Model,
    next: Status,
) -> Result<(), ServiceError> {
    let moved = access_application::Entity::update_many()
        .col_expr(
            access_application::Column::Status,
            Expr::value(next.as_str()),
        )
        .col_expr(
            access_application::Column::UpdatedAt,
            Expr::value(Utc::now()),
        )
        .filter(access_application::Column::Id.eq(a.id))
        .filter(access_application::Column::Status.eq(a.status.as_str()))
        .exec(db)
        .await?;
    if moved.rows_affected == 1 {
        Ok(())
    } else {
        Err(ServiceError::Conflict(
            applications::texts(current_lang()).changed_meanwhile.into(),
        ))
    }
}

/// A transition that changes nothing but the status: recorded and saved.
pub(super) async fn move_to(
    st: &AppState,
    a: access_application::Model,
    next: Status,
    actor: UserId,
) -> Result<(), ServiceError> {
    check(&a, next)?;
    let txn = st.db.begin().await?;
    claim(&txn, &a, next).await?;
    record(&txn, &a, next, actor, None).await?;
    txn.commit().await?;
    Ok(())
}

/// The officer has checked the data against the roster; the parent is
/// expected in person.
pub async fn await_signature(
    st: &AppState,
    user: &SessionUser,
    id: ApplicationId,
) -> Result<(), ServiceError> {
    let a = officers_application(st, user, id).await?;
    super::may_decide(st, user, &a).await?;
    move_to(st, a, Status::AwaitingSignature, user.id).await
}
