//! The access workflow: a parent files an application per child; the school
//! officer matches it against the roster, checks the parent's passport in
//! person, and approves (creating the guardianship) or rejects with a reason.
//! Every transition is recorded with who and when, and reported by mail in
//! the same transaction.
//!
//! `parent`: filing, listing, withdrawing; `queue`: the officer's list and
//! one application for checking; `roster`: the child against the school's
//! roster; `views`: an application with its history; `transitions`: moves
//! between statuses and their history; `approve`, `reject`: the decisions.

mod approve;
mod parent;
mod queue;
mod reject;
mod roster;
mod transitions;
mod views;

pub use approve::approve;
pub use parent::{file, mine, withdraw, NewApplication};
pub use queue::{for_officer, queue};
pub use reject::reject;
pub use transitions::await_signature;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::entities::{access_application, guardianship, user};
use super::{AppState, ServiceError};
use crate::domain::ids::{ApplicationId, SchoolId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;
use crate::model::accounts::SessionUser;

/// The parent's (`child == false`) or the child's name as the application
/// has it.
fn app_name(m: &access_application::Model, child: bool) -> FullName {
    if child {
        FullName {
            last: m.child_last_name.clone(),
            first: m.child_first_name.clone(),
            middle: m.child_middle_name.clone(),
        }
    } else {
        FullName {
            last: m.parent_last_name.clone(),
            first: m.parent_first_name.clone(),
            middle: m.parent_middle_name.clone(),
        }
    }
}

/// «5А» < «10Б»: by grade number, then letter.
fn class_sort_key(name: &str) -> (u32, String) {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    (
        digits.parse().unwrap_or(0),
        name[digits.len()..].to_string(),
    )
}

/// The officer's school; 403 for anyone else.
fn officer_school(user: &SessionUser) -> Result<SchoolId, ServiceError> {
    user.schools_as(Role::Officer)
        .first()
        .copied()
        .ok_or(ServiceError::Forbidden)
}

/// The application, if it is of the officer's school (403 otherwise).
async fn officers_application(
    st: &AppState,
    user: &SessionUser,
    id: ApplicationId,
) -> Result<access_application::Model, ServiceError> {
    let schools = user.schools_as(Role::Officer);
    if schools.is_empty() {
        return Err(ServiceError::Forbidden);
    }
    let a = access_application::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !schools.iter().any(|s| s.0 == a.school_id) {
        tracing::warn!(
            user = user.id.0,
            application = id.0,
            "refused: application of another school"
        );
        return Err(ServiceError::Forbidden);
    }
    Ok(a)
}

/// Refuses (403) a decision by the officer who filed the application, or
/// about a child they are already a guardian of: someone else decides.
async fn may_decide(
    st: &AppState,
    user: &SessionUser,
    a: &access_application::Model,
) -> Result<(), ServiceError> {
    let own = a.user_id == user.id.0;
    let child = match a.roster_student_id {
        Some(id) => Some(id),
        None => roster::exact(a, &roster::candidates(st, a).await?).map(|r| r.person_id.0),
    };
    let guardian = match child {
        Some(child) => guardianship::Entity::find()
            .filter(guardianship::Column::GuardianUserId.eq(user.id.0))
            .filter(guardianship::Column::StudentId.eq(child))
            .filter(guardianship::Column::RevokedAt.is_null())
            .one(&st.db)
            .await?
            .is_some(),
        None => false,
    };
    if own || guardian {
        tracing::warn!(
            user = user.id.0,
            application = a.id,
            own,
            guardian,
            "refused: a decision about one's own application or child"
        );
        return Err(ServiceError::Forbidden);
    }
    Ok(())
}

/// The parent who filed the application, to be mailed the decision.
async fn applicant(
    st: &AppState,
    a: &access_application::Model,
) -> Result<user::Model, ServiceError> {
    user::Entity::find_by_id(a.user_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)
}
