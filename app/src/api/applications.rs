//! The access applications: the
//! parent files one per child, the school officer checks it in person and
//! approves or rejects it.
// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use crate::domain::ids::{ApplicationId, ClassId, SchoolId};
use crate::error::AppError;
use crate::model::applications::*;
use leptos::prelude::*;

#[server(endpoint = "my_applications")]
pub async fn my_applications() -> Result<MyApplicationsView, AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::mine(&st, &user).await?)
}

#[server(endpoint = "file_application")]
pub async fn file_application(
    school: SchoolId,
    class: ClassId,
    parent_last: String,
    parent_first: String,
    parent_middle: String,
    child_last: String,
    child_first: String,
    child_middle: String,
    child_birth_date: String,
    relation: String,
) -> Result<ApplicationId, AppError> {
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
pub async fn withdraw_application(id: ApplicationId) -> Result<(), AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::withdraw(&st, &user, id).await?)
}

#[server(endpoint = "officer_queue")]
pub async fn officer_queue(
    status: Option<String>,
    class: Option<ClassId>,
) -> Result<OfficerQueueView, AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::queue(&st, &user, status.as_deref(), class).await?)
}

#[server(endpoint = "officer_application")]
pub async fn officer_application(id: ApplicationId) -> Result<OfficerApplicationView, AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::for_officer(&st, &user, id).await?)
}

/// The officer has checked the data against the roster; the parent is
/// expected in person.
#[server(endpoint = "await_signature")]
pub async fn await_signature(id: ApplicationId) -> Result<(), AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::await_signature(&st, &user, id).await?)
}

/// Records the in-person check and approves: the child appears in the
/// parent's diary and the parent is mailed.
#[server(endpoint = "approve_application")]
pub async fn approve_application(
    id: ApplicationId,
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
pub async fn reject_application(
    id: ApplicationId,
    reason: String,
    comment: String,
) -> Result<(), AppError> {
    use crate::server::{applications, auth, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(applications::reject(&st, &user, id, &reason, &comment).await?)
}
