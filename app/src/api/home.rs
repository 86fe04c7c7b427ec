//! The home page of the signed-in user.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::home::HomeData;

/// The home page of the signed-in user.
#[server(endpoint = "home")]
pub async fn home() -> Result<HomeData, AppError> {
    use crate::server::{auth, home, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(home::home_data(&st, user).await?)
}
