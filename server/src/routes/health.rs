//! GET /health: whether the database answers.

use app::server::{db, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;

/// 200 when the database answers, 503 when it does not.
pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    if db::ping(&state.db).await {
        (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "database": "ok" })),
        )
    } else {
        tracing::warn!("health check: database does not answer");
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": "error", "database": "unavailable" })),
        )
    }
}
