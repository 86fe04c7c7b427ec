//! A school sets itself up: the first start creates the school and its
//! first administrator (`init`); the administrator then lays out the year
//! (`calendar`), the bells (`bells`), the subjects, classes and students
//! (`subjects`, `classes`, `students`, `groups`), invites the staff (`staff`),
//! assigns who teaches what (`sections`), generates the lessons from the
//! week's timetable (`timetable`) and gives a lesson to a substitute
//! (`substitutions`). `overview` reads all of it for the screens; `profile`
//! keeps the school's names, time zone and rounding of period marks, and
//! `work_types` the kinds of work and their weights.
//!
//! Every change: checked against the administrator's own school (another
//! school's rows answer 403), validated with a message per field, written in
//! one transaction with its audit entry.

pub mod bells;
pub mod calendar;
pub mod classes;
pub mod groups;
pub mod init;
pub mod overview;
pub mod profile;
pub mod sections;
pub mod short_days;
pub mod staff;
pub mod students;
pub mod subjects;
pub mod substitutions;
pub mod timetable;
pub mod work_types;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, TransactionTrait,
};

use super::entities::school;
use serde_json::Value;

use super::audit::{self, AuditEntry};
use super::ServiceError;
use crate::domain::ids::SchoolId;
use crate::domain::roles::Role;
use crate::domain::setup::SetupError;
use crate::error::FieldError;
use crate::model::accounts::SessionUser;

/// The default work types of a new school: (name, short name, weight in
/// hundredths). The demo school has the same.
pub const DEFAULT_WORK_TYPES: [(&str, &str, i32); 6] = [
    ("Ответ на уроке", "Отв", 100),
    ("Домашняя работа", "ДЗ", 100),
    ("Самостоятельная работа", "С/р", 150),
    ("Проверочная работа", "П/р", 150),
    ("Контрольная работа", "К/р", 200),
    ("Диктант", "Дикт", 200),
];

/// The school the user administers (the first, for the rare administrator
/// of several).
pub fn admin_school(user: &SessionUser) -> Result<SchoolId, ServiceError> {
    user.schools_as(Role::Admin)
        .first()
        .copied()
        .ok_or(ServiceError::Forbidden)
}

/// Refuses a row of another school: 403, as the issue asks.
pub fn same_school(user: &SessionUser, school_id: i64) -> Result<SchoolId, ServiceError> {
    if user
        .schools_as(Role::Admin)
        .iter()
        .any(|s| s.0 == school_id)
    {
        Ok(SchoolId(school_id))
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// Collects the problems of a form, field by field.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// The value, or `None` with its problem noted under `field`.
    pub fn check<T>(&mut self, field: &str, r: Result<T, SetupError>) -> Option<T> {
        r.map_err(|e| self.add(field, e)).ok()
    }

    /// `Err` with every problem, if there is one.
    pub fn finish(self) -> Result<(), ServiceError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ServiceError::Validation(self.0))
        }
    }
}

/// One field's problem, as an error.
pub fn refuse(field: &str, e: SetupError) -> ServiceError {
    ServiceError::field(field, e)
}

/// Begins a set-up change: this process's turn to write on SQLite, and a
/// transaction whose first statement is a write — on SQLite it takes the
/// write lock now (waiting for it), so what the change reads next is the
/// latest and its writes cannot fail on a stale snapshot; on PostgreSQL it
/// locks the school's row, one set-up change of a school at a time.
pub async fn begin_write(
    st: &super::AppState,
    school: SchoolId,
) -> Result<
    (
        Option<tokio::sync::OwnedMutexGuard<()>>,
        DatabaseTransaction,
    ),
    ServiceError,
> {
    let turn = st.write_turn().await;
    let txn = st.db.begin().await?;
    school::Entity::update_many()
        .col_expr(school::Column::Id, Expr::col(school::Column::Id))
        .filter(school::Column::Id.eq(school.0))
        .exec(&txn)
        .await?;
    Ok((turn, txn))
}

/// One audited change of the set-up: what was done to which row, the old
/// and new values.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub id: i64,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// Records a change by the administrator `by` (none: `server init`),
/// inside its transaction.
pub async fn audited(
    db: &impl ConnectionTrait,
    by: Option<&SessionUser>,
    school: SchoolId,
    change: Change<'_>,
) -> Result<(), ServiceError> {
    audit::record(
        db,
        AuditEntry {
            actor_user_id: by.map(|u| u.id.0),
            school_id: Some(school.0),
            action: change.action,
            entity: change.entity,
            entity_id: Some(change.id),
            old_value: change.old,
            new_value: change.new,
        },
    )
    .await?;
    Ok(())
}
