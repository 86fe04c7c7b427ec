//! Building the application: database, migrations, seed, router, listener.

use app::server::{db, seed, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::security;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] db::DbSetupError),
    #[error("OpenID Connect settings: {0}")]
    Oidc(String),
    #[error("mail settings: {0}")]
    Mail(String),
    #[error("seeding the demo school failed: {0}")]
    Seed(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

/// State of the axum router: the Leptos options and the app's state.
#[derive(Clone, axum::extract::FromRef)]
struct RouterState {
    leptos_options: LeptosOptions,
    app: AppState,
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    /// Set when this start seeded the demo school.
    pub seeded: Option<Vec<seed::DemoLogin>>,
    pub state: AppState,
    /// The mail sender, started with the server.
    sender: Option<app::server::mail::Sender>,
}

impl Application {
    /// Opens and migrates the database, seeds it if configured, and binds the
    /// listener (port 0 picks a free port).
    pub async fn build(config: &Config) -> Result<Application, StartupError> {
        let conn = db::connect(&config.database.url.0, config.database.max_connections).await?;
        db::migrate(&conn).await?;
        let seeded = if config.demo.seed {
            let opts = seed::SeedOptions {
                students_per_class: config.demo.students_per_class,
                extra_classes: config.demo.extra_classes,
                ..seed::SeedOptions::default()
            };
            seed::seed_if_empty(&conn, &opts)
                .await
                .map_err(|e| StartupError::Seed(e.to_string()))?
        } else {
            None
        };
        let mut state = AppState::new(conn, config.auth_settings());
        db::spawn_checkpoints(state.db.clone(), state.write_gate.clone());
        state.files_dir = config.storage.dir.clone();
        if let Some(settings) = config.oidc_settings() {
            let oidc = app::server::oidc::Oidc::new(settings)
                .map_err(|e| StartupError::Oidc(e.to_string()))?;
            state.oidc = Some(std::sync::Arc::new(oidc));
        }
        let sender = app::server::mail::Sender::new(state.db.clone(), config.mail_settings())
            .map_err(|e| StartupError::Mail(e.to_string()))?;
        let listener = TcpListener::bind(config.server.address)
            .await
            .map_err(|source| StartupError::Bind {
                addr: config.server.address,
                source,
            })?;
        let local = listener.local_addr().map_err(StartupError::Serve)?;
        let router = router(config, state.clone(), local);
        Ok(Application {
            listener,
            router,
            seeded,
            state,
            sender: Some(sender),
        })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Starts the background mail sender (once).
    fn start_sender(&mut self) {
        if let Some(sender) = self.sender.take() {
            tokio::spawn(sender.run());
        }
    }

    pub async fn run(mut self) -> Result<(), StartupError> {
        self.start_sender();
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(StartupError::Serve)
    }

    /// Runs until the future completes (for tests).
    pub async fn run_until(
        mut self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        self.start_sender();
        axum::serve(self.listener, self.router)
            .with_graceful_shutdown(stop)
            .await
            .map_err(StartupError::Serve)
    }
}

fn leptos_options(config: &Config, addr: std::net::SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("dnevnik")
        .site_root(config.server.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build()
}

fn router(config: &Config, state: AppState, addr: std::net::SocketAddr) -> Router {
    let leptos_options = leptos_options(config, addr);
    app::api::register_server_fns();
    let routes = generate_route_list(app::App);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            security::provide_request_nonce();
        }
    };
    let shell_options = leptos_options.clone();
    Router::new()
        .route("/health", get(health))
        .route("/auth/oidc/start", get(oidc_start))
        .route("/files/{id}", get(download))
        .route("/journal/export.csv", get(export_journal))
        .route("/auth/oidc/callback", get(oidc_callback))
        .leptos_routes_with_context(
            &RouterState {
                leptos_options: leptos_options.clone(),
                app: state.clone(),
            },
            routes,
            context.clone(),
            move || app::shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            RouterState,
            _,
        >(context, app::shell))
        .with_state(RouterState {
            leptos_options,
            app: state,
        })
        .layer(axum::middleware::from_fn(security::headers))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(TraceLayer::new_for_http())
}

/// An attached file, for those who may see it.
async fn download(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<i64>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use app::error::AppError;
    let user = match request_user(&state, &headers).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let (file, path) = match app::server::diary::attachment_for(&state, &user, id).await {
        Ok(found) => found,
        Err(e) => return refuse(e.into()),
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => {
            let disposition = format!(
                "attachment; filename*=UTF-8''{}",
                utf8_percent(&file.file_name)
            );
            (
                [
                    (axum::http::header::CONTENT_TYPE, file.content_type.clone()),
                    (axum::http::header::CONTENT_DISPOSITION, disposition),
                ],
                bytes,
            )
                .into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, path = %path.display(), "attachment file missing");
            refuse(AppError::NotFound)
        }
    }
}

/// The signed-in user of a plain (non-server-function) request.
async fn request_user(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> Result<app::api::SessionUser, axum::response::Response> {
    use app::error::AppError;
    let jar = axum_extra::extract::cookie::CookieJar::from_headers(headers);
    let user = match jar.get(app::server::auth::SESSION_COOKIE) {
        Some(c) => app::server::auth::user_for_token(state, c.value()).await,
        None => Ok(None),
    };
    match user {
        Ok(Some(u)) => Ok(u),
        Ok(None) => Err(refuse(AppError::Unauthorized)),
        Err(e) => Err(refuse(e.into())),
    }
}

fn refuse(e: app::error::AppError) -> axum::response::Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, e.to_string()).into_response()
}

#[derive(serde::Deserialize)]
struct ExportQuery {
    section: i64,
    period: Option<i64>,
}

/// The journal grid of a section and period as a CSV file.
async fn export_journal(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<ExportQuery>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    let user = match request_user(&state, &headers).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    match app::server::journal::export_csv(&state, user, q.section, q.period).await {
        Ok((name, bytes)) => (
            [
                (
                    axum::http::header::CONTENT_TYPE,
                    "text/csv; charset=utf-8".to_string(),
                ),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename*=UTF-8''{}", utf8_percent(&name)),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => refuse(e.into()),
    }
}

/// RFC 5987 encoding of a file name.
fn utf8_percent(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Sends the browser to the OpenID Connect provider.
async fn oidc_start(State(state): State<AppState>) -> axum::response::Response {
    let Some(oidc) = state.oidc.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match oidc.start().await {
        Ok(url) => axum::response::Redirect::to(&url).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "OpenID Connect sign-in could not start");
            axum::response::Redirect::to("/login?error=oidc").into_response()
        }
    }
}

#[derive(serde::Deserialize)]
struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The provider sends the browser back here: open a session and go home.
async fn oidc_callback(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<Callback>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    let Some(oidc) = state.oidc.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (Some(code), Some(st), None) = (q.code, q.state, q.error.as_ref()) else {
        tracing::info!(error = ?q.error, "OpenID Connect sign-in cancelled or refused");
        return axum::response::Redirect::to("/login?error=oidc").into_response();
    };
    let agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    match oidc.finish(&state, &code, &st, agent).await {
        Ok(token) => {
            let cookie = app::server::auth::session_cookie(&state, Some(&token));
            (
                [(axum::http::header::SET_COOKIE, cookie)],
                axum::response::Redirect::to("/"),
            )
                .into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "OpenID Connect sign-in failed");
            axum::response::Redirect::to("/login?error=oidc").into_response()
        }
    }
}

/// 200 when the database answers, 503 when it does not.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
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

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
