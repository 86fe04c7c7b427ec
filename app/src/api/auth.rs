//! Signing in and out, and who is signed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::accounts::SessionUser;

/// Signs in with e-mail and password and sets the session cookie.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::server::{auth, state};
    let st = state()?;
    let client = auth::Client::of_request(&st);
    let signed = auth::sign_in(&st, &email, &password, &client).await?;
    auth::set_session_cookie(&st, Some(&signed.session));
    if let Some(device) = signed.device {
        auth::set_cookie(&auth::device_cookie(&st, &device));
    }
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
