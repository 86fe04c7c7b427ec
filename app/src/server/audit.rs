//! Writing to the append-only audit log.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use super::entities::audit_log;

/// One entry: who did what to which row, with the old and new values as JSON.
pub struct AuditEntry<'a> {
    pub actor_user_id: Option<i64>,
    pub school_id: Option<i64>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub old_value: Option<serde_json::Value>,
    pub new_value: Option<serde_json::Value>,
}

/// Records an entry; call it inside the transaction of the change itself.
pub async fn record(db: &impl ConnectionTrait, e: AuditEntry<'_>) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor_user_id: Set(e.actor_user_id),
        school_id: Set(e.school_id),
        action: Set(e.action.to_string()),
        entity: Set(e.entity.to_string()),
        entity_id: Set(e.entity_id),
        old_value: Set(e.old_value.map(|v| v.to_string())),
        new_value: Set(e.new_value.map(|v| v.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
