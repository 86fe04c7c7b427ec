//! Registration, e-mail confirmation, and the access applications: the
//! parent files one per child, the school officer checks it in person and
//! approves or rejects it.

// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::SessionUser;
use crate::domain::applications::{RejectReason, Relation, Status};
use crate::domain::names::FullName;
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassOption {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolOption {
    pub id: i64,
    pub name: String,
    pub classes: Vec<ClassOption>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub status: Status,
    pub actor: Option<String>,
    pub note: Option<String>,
    pub at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i64,
    pub status: Status,
    pub school_id: i64,
    pub school_name: String,
    pub class_id: Option<i64>,
    pub class_name: Option<String>,
    pub parent: FullName,
    pub parent_email: String,
    pub child: FullName,
    pub child_birth_date: NaiveDate,
    pub relation: Relation,
    pub reject_reason: Option<RejectReason>,
    pub reject_comment: Option<String>,
    pub passport_checked: Option<String>,
    pub created_at: NaiveDateTime,
    pub history: Vec<EventView>,
}

/// The parent's page: their applications and what the form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplicationsView {
    pub user: SessionUser,
    pub parent_name: Option<FullName>,
    pub schools: Vec<SchoolOption>,
    pub applications: Vec<ApplicationView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: i64,
    pub status: Status,
    pub child: FullName,
    pub child_birth_date: NaiveDate,
    pub class_name: Option<String>,
    pub parent: FullName,
    pub created_at: NaiveDateTime,
    /// Whether the child matches a roster record exactly.
    pub roster_match: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerQueueView {
    pub user: SessionUser,
    pub school_name: String,
    pub classes: Vec<ClassOption>,
    pub items: Vec<QueueItem>,
}

/// A student on the school's roster (ПараГраф data).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterRecord {
    pub person_id: i64,
    pub name: FullName,
    pub birth_date: Option<NaiveDate>,
    pub class_id: Option<i64>,
    pub class_name: Option<String>,
}

/// Field by field: does the application agree with the roster record?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterComparison {
    pub last: bool,
    pub first: bool,
    pub middle: bool,
    pub birth_date: bool,
    pub class: bool,
}

impl RosterComparison {
    pub fn of(app: &ApplicationView, r: &RosterRecord) -> RosterComparison {
        let names = app.child.compare(&r.name);
        RosterComparison {
            last: names.last,
            first: names.first,
            middle: names.middle,
            birth_date: r.birth_date == Some(app.child_birth_date),
            class: r.class_id.is_some() && r.class_id == app.class_id,
        }
    }

    /// The child is this roster student: name and birth date agree (a wrong
    /// class in the application does not stop the match).
    pub fn is_match(&self) -> bool {
        self.last && self.first && self.middle && self.birth_date
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerApplicationView {
    pub user: SessionUser,
    pub application: ApplicationView,
    /// The roster record the child matches, if any.
    pub roster: Option<RosterRecord>,
    /// Near matches (same name, or same surname and birth date), to help
    /// the officer see what differs.
    pub candidates: Vec<RosterRecord>,
}

/// Registers a parent account; a confirmation link is mailed.
#[server(endpoint = "register")]
pub async fn register(
    email: String,
    password: String,
    last_name: String,
    first_name: String,
    middle_name: String,
) -> Result<i64, AppError> {
    use crate::server::{accounts, state};
    let st = state()?;
    Ok(accounts::register(
        &st,
        &email,
        &password,
        &last_name,
        &first_name,
        &middle_name,
    )
    .await?)
}

/// Confirms an e-mail address from the mailed link.
#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use crate::server::{accounts, state};
    let st = state()?;
    Ok(accounts::confirm(&st, &token).await?)
}

/// Mails a password-reset link (the answer is the same for unknown addresses).
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::server::{accounts, state};
    let st = state()?;
    Ok(accounts::request_reset(&st, &email).await?)
}

/// Sets a new password from the mailed link.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::server::{accounts, state};
    let st = state()?;
    Ok(accounts::reset_password(&st, &token, &password).await?)
}

#[server(endpoint = "my_applications")]
pub async fn my_applications() -> Result<MyApplicationsView, AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::mine(&st, &user).await?)
}

#[server(endpoint = "file_application")]
pub async fn file_application(
    school: i64,
    class: i64,
    parent_last: String,
    parent_first: String,
    parent_middle: String,
    child_last: String,
    child_first: String,
    child_middle: String,
    child_birth_date: String,
    relation: String,
) -> Result<i64, AppError> {
    use crate::server::applications::{self, NewApplication};
    use crate::server::{auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    let form = NewApplication {
        school,
        class,
        parent: [parent_last, parent_first, parent_middle],
        child: [child_last, child_first, child_middle],
        child_birth_date,
        relation,
    };
    Ok(applications::file(&st, &user, form).await?)
}

#[server(endpoint = "withdraw_application")]
pub async fn withdraw_application(id: i64) -> Result<(), AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::withdraw(&st, &user, id).await?)
}

#[server(endpoint = "officer_queue")]
pub async fn officer_queue(
    status: Option<String>,
    class: Option<i64>,
) -> Result<OfficerQueueView, AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::queue(&st, &user, status.as_deref(), class).await?)
}

#[server(endpoint = "officer_application")]
pub async fn officer_application(id: i64) -> Result<OfficerApplicationView, AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::for_officer(&st, &user, id).await?)
}

/// The officer has checked the data against the roster; the parent is
/// expected in person.
#[server(endpoint = "await_signature")]
pub async fn await_signature(id: i64) -> Result<(), AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::await_signature(&st, &user, id).await?)
}

/// Records the in-person check and approves: the child appears in the
/// parent's diary and the parent is mailed.
#[server(endpoint = "approve_application")]
pub async fn approve_application(
    id: i64,
    #[server(default)] passport_seen: bool,
    #[server(default)] parent_name_matches: bool,
    #[server(default)] child_name_matches: bool,
) -> Result<(), AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    let checks = [passport_seen, parent_name_matches, child_name_matches];
    Ok(applications::approve(&st, &user, id, checks).await?)
}

/// Rejects with one of the reasons and free text; the parent is mailed.
#[server(endpoint = "reject_application")]
pub async fn reject_application(id: i64, reason: String, comment: String) -> Result<(), AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::reject(&st, &user, id, &reason, &comment).await?)
}
