//! GET /journal/export.csv: the journal grid of a section and period as a CSV file.

use app::server::AppState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::{download, refuse, request_user};

#[derive(serde::Deserialize)]
pub struct ExportQuery {
    section: i64,
    period: Option<i64>,
}

/// The journal grid of a section and period as a CSV file.
pub async fn export(
    State(state): State<AppState>,
    Query(q): Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    let user = match request_user(&state, &headers).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    match app::server::journal::export_csv(&state, user, q.section.into(), q.period.map(Into::into))
        .await
    {
        Ok((name, bytes)) => download("text/csv; charset=utf-8".to_string(), &name, bytes),
        Err(e) => refuse(e.into()),
    }
}
