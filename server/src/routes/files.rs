//! GET /files/{id}: an attached file, for those who may see it.

use app::error::AppError;
use app::server::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::{download, refuse, request_user};

/// An attached file, for those who may see it.
pub async fn attachment(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let user = match request_user(&state, &headers).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (file, path) = match app::server::diary::attachment_for(&state, &user, id.into()).await {
        Ok(found) => found,
        Err(e) => return refuse(e.into()),
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => download(file.content_type.clone(), &file.file_name, bytes),
        Err(e) => {
            tracing::error!(error = %e, path = %path.display(), "attachment file missing");
            refuse(AppError::NotFound)
        }
    }
}
