//! Server functions and the data they carry. Each is thin: it finds out who
//! is asking, calls a service in `server::*`, and converts the error once.
//! The same signatures compile to HTTP calls in the browser.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::ids::{PersonId, SchoolId, UserId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;
use crate::error::AppError;

pub mod applications;
pub mod diary;
pub mod journal;
pub mod messages;
pub mod periods;

/// Registers every server function with the router by name. `inventory`
/// registers them at start as well, but only from the object files the
/// linker kept: the periods page's functions, which nothing on the server
/// calls directly, were missing from a test binary (404). Listed here, every
/// endpoint exists whatever the linker does. Add new server functions here.
#[cfg(feature = "ssr")]
pub fn register_server_fns() {
    use leptos::server_fn::axum::register_explicit as r;
    r::<applications::Register>();
    r::<applications::ConfirmEmail>();
    r::<applications::RequestPasswordReset>();
    r::<applications::ResetPassword>();
    r::<applications::MyApplications>();
    r::<applications::FileApplication>();
    r::<applications::WithdrawApplication>();
    r::<applications::OfficerQueue>();
    r::<applications::OfficerApplication>();
    r::<applications::AwaitSignature>();
    r::<applications::ApproveApplication>();
    r::<applications::RejectApplication>();
    r::<diary::DiaryWeek>();
    r::<diary::DiaryMarks>();
    r::<diary::DiaryHomework>();
    r::<diary::DiaryNews>();
    r::<journal::LoadJournal>();
    r::<journal::SaveJournal>();
    r::<journal::CellHistory>();
    r::<messages::Inbox>();
    r::<messages::MessageThread>();
    r::<messages::StartThread>();
    r::<messages::ReplyMessage>();
    r::<periods::SchoolPeriods>();
    r::<periods::LockPeriod>();
    r::<Login>();
    r::<Logout>();
    r::<SignInOptions>();
    r::<Me>();
    r::<Home>();
}

/// A role the user holds, within a school.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub role: Role,
    pub school_id: Option<SchoolId>,
    pub school_name: Option<String>,
}

/// The signed-in user, as the interface needs them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: UserId,
    pub email: String,
    pub person_id: Option<PersonId>,
    pub name: Option<FullName>,
    pub roles: Vec<RoleGrant>,
}

impl SessionUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|g| g.role == role)
    }

    /// The school ids in which the user holds `role`.
    pub fn schools_as(&self, role: Role) -> Vec<SchoolId> {
        self.roles
            .iter()
            .filter(|g| g.role == role)
            .filter_map(|g| g.school_id)
            .collect()
    }

    pub fn display_name(&self) -> String {
        self.name
            .as_ref()
            .map(FullName::full)
            .unwrap_or_else(|| self.email.clone())
    }
}

/// A class and subject a teacher teaches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionCard {
    pub section_id: i64,
    pub class_name: String,
    pub subject_name: String,
    pub students: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherHome {
    pub sections: Vec<SectionCard>,
    pub lessons_today: u32,
}

/// A child in a parent's diary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildCard {
    pub student_id: PersonId,
    pub name: FullName,
    pub class_name: Option<String>,
    pub school_name: String,
    /// Weighted average over all subjects this term, «4,52».
    pub average: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerHome {
    pub school_name: String,
    pub open_applications: u32,
    pub roster_students: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminHome {
    pub school_name: String,
    pub classes: u32,
    pub teachers: u32,
    pub students: u32,
    pub current_period: Option<String>,
}

/// Everything the home page shows, for each role the user holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub user: SessionUser,
    pub teacher: Option<TeacherHome>,
    pub children: Option<Vec<ChildCard>>,
    pub student: Option<ChildCard>,
    pub officer: Option<OfficerHome>,
    pub admin: Option<AdminHome>,
}

/// Signs in with e-mail and password and sets the session cookie.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::server::{auth, state};
    let st = state()?;
    let token = auth::sign_in(&st, &email, &password, auth::request_user_agent()).await?;
    auth::set_session_cookie(&st, Some(&token));
    leptos_axum::redirect("/");
    Ok(())
}

/// Ends the session and clears the cookie.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{auth, state};
    let st = state()?;
    auth::sign_out(&st).await?;
    auth::set_session_cookie(&st, None);
    leptos_axum::redirect("/login");
    Ok(())
}

/// The outside sign-in provider's name, when one is configured.
#[server(endpoint = "sign_in_options")]
pub async fn sign_in_options() -> Result<Option<String>, AppError> {
    let st = crate::server::state()?;
    Ok(st.oidc.as_ref().map(|o| o.settings.display_name.clone()))
}

/// Who is signed in, if anyone.
#[server(endpoint = "me")]
pub async fn me() -> Result<Option<SessionUser>, AppError> {
    use crate::server::{auth, state};
    let st = state()?;
    Ok(auth::current_user(&st).await?)
}

/// The home page of the signed-in user.
#[server(endpoint = "home")]
pub async fn home() -> Result<HomeData, AppError> {
    use crate::server::{auth, home, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(home::home_data(&st, user).await?)
}
