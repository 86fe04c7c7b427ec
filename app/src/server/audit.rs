//! Writing to the append-only audit log.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

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

fn row(e: AuditEntry<'_>, at: chrono::DateTime<Utc>) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(at),
        actor_user_id: Set(e.actor_user_id),
        school_id: Set(e.school_id),
        action: Set(e.action.to_string()),
        entity: Set(e.entity.to_string()),
        entity_id: Set(e.entity_id),
        old_value: Set(e.old_value.map(|v| v.to_string())),
        new_value: Set(e.new_value.map(|v| v.to_string())),
        ..Default::default()
    }
}

/// Records an entry; call it inside the transaction of the change itself.
pub async fn record(db: &impl ConnectionTrait, e: AuditEntry<'_>) -> Result<(), DbErr> {
    row(e, Utc::now()).insert(db).await?;
    Ok(())
}

/// Records several entries in one statement (or none), all at one moment;
/// call it inside the transaction of the changes themselves.
pub async fn record_all(
    db: &impl ConnectionTrait,
    entries: Vec<AuditEntry<'_>>,
) -> Result<(), DbErr> {
    if entries.is_empty() {
        return Ok(());
    }
    let at = Utc::now();
    // Many rows per statement, below either database's parameter limit.
    let rows: Vec<audit_log::ActiveModel> = entries.into_iter().map(|e| row(e, at)).collect();
    for chunk in rows.chunks(100) {
        audit_log::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
