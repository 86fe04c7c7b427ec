//! Server functions and the data they carry. Each is thin: it finds out who
//! is asking, calls a service in `server::*`, and converts the error once.
//! The same signatures compile to HTTP calls in the browser.

pub mod accounts;
pub mod applications;
pub mod auth;
pub mod diary;
pub mod home;
pub mod journal;
pub mod messages;
pub mod periods;
pub mod setup;

/// Registers every server function with the router by name. `inventory`
/// registers them at start as well, but only from the object files the
/// linker kept: the periods page's functions, which nothing on the server
/// calls directly, were missing from a test binary (404). Listed here, every
/// endpoint exists whatever the linker does. Add new server functions here.
#[cfg(feature = "ssr")]
pub fn register_server_fns() {
    use leptos::server_fn::axum::register_explicit as r;
    r::<accounts::Register>();
    r::<accounts::ConfirmEmail>();
    r::<accounts::RequestPasswordReset>();
    r::<accounts::ResetPassword>();
    r::<accounts::AcceptInvitation>();
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
    r::<setup::LoadSetup>();
    r::<setup::CreateYear>();
    r::<setup::UpdateYear>();
    r::<setup::SetBells>();
    r::<setup::AddSubject>();
    r::<setup::DeleteSubject>();
    r::<setup::AddClass>();
    r::<setup::DeleteClass>();
    r::<setup::LoadClass>();
    r::<setup::AddStudent>();
    r::<setup::InviteStaff>();
    r::<setup::SetStaffDisabled>();
    r::<setup::SetStaffRole>();
    r::<setup::AddSection>();
    r::<setup::SetTimetable>();
    r::<setup::GenerateLessons>();
    r::<setup::LoadProfile>();
    r::<setup::SaveProfile>();
    r::<setup::AddWorkType>();
    r::<setup::ChangeWorkType>();
    r::<setup::SetWorkTypeArchived>();
    r::<setup::MoveStudent>();
    r::<setup::StudentLeft>();
    r::<setup::DayLessons>();
    r::<setup::SetSubstitute>();
    r::<setup::SetGroupMembers>();
    r::<setup::ChangeClass>();
    r::<setup::RenameSubject>();
    r::<setup::AddDayOff>();
    r::<setup::RemoveDayOff>();
    r::<setup::SetShortBells>();
    r::<setup::AddShortDays>();
    r::<setup::RemoveShortDay>();
    r::<auth::Login>();
    r::<auth::Logout>();
    r::<auth::SignInOptions>();
    r::<auth::Me>();
    r::<home::Home>();
}
