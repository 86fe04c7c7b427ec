//! Parent accounts: registration, e-mail confirmation, password reset.

use leptos::prelude::*;

use crate::domain::ids::UserId;
use crate::error::AppError;

/// Registers a parent account; a confirmation link is mailed.
#[server(endpoint = "register")]
pub async fn register(
    email: String,
    password: String,
    last_name: String,
    first_name: String,
    middle_name: String,
) -> Result<UserId, AppError> {
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

/// Sets the first password of an invited member of staff from the mailed
/// link.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String, password: String) -> Result<(), AppError> {
    use crate::server::{accounts, state};
    let st = state()?;
    Ok(accounts::accept_invitation(&st, &token, &password).await?)
}
