//! Building and running the application: database, migrations, seed,
//! listener, and the router that puts the Leptos app, its server functions
//! and the plain routes (`crate::routes`) together.

use app::server::{db, seed, AppState};
use std::future::IntoFuture;

use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::{routes, security};

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
    /// How long requests in flight may take to finish once stopping.
    grace: std::time::Duration,
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
        state.files_dir = config.storage.dir.clone();
        if config.auth.password_checks > 0 {
            state.password_checks =
                app::server::auth::PasswordChecks::new(config.auth.password_checks);
        }
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
            grace: std::time::Duration::from_secs(config.server.shutdown_grace_secs),
        })
    }

    /// Whether the database holds a school (without one, the first start
    /// asks for `server init`).
    pub async fn has_school(&self) -> bool {
        use sea_orm::{EntityTrait, PaginatorTrait};
        app::server::entities::school::Entity::find()
            .count(&self.state.db)
            .await
            .map(|n| n > 0)
            .unwrap_or(true)
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Serves until SIGTERM or Ctrl-C, then stops gracefully.
    pub async fn run(self) -> Result<(), StartupError> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes (a signal; in tests, whatever they
    /// choose). Then: no new connections; the requests in flight get
    /// `[server] shutdown_grace_secs` to finish (answers already sent were
    /// committed before them, so none is lost); the background workers —
    /// mail sender, SQLite checkpoints — stop after their current step.
    pub async fn run_until(
        mut self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        let (stopping, stopped) = tokio::sync::watch::channel(false);
        let mut workers = Vec::new();
        if let Some(sender) = self.sender.take() {
            workers.push(tokio::spawn(sender.run(stopped.clone())));
        }
        workers.extend(db::spawn_checkpoints(
            self.state.db.clone(),
            self.state.write_gate.clone(),
            stopped.clone(),
        ));
        let signal = async move {
            stop.await;
            tracing::info!("stopping: no new connections, finishing requests in flight");
            let _ = stopping.send(true);
        };
        // Each request knows its client's address (for the sign-in guard).
        let serve = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(signal)
        .into_future();
        let mut at_signal = stopped.clone();
        let grace = self.grace;
        let deadline = async move {
            let _ = at_signal.wait_for(|s| *s).await;
            tokio::time::sleep(grace).await;
        };
        let result = tokio::select! {
            r = serve => r.map_err(StartupError::Serve),
            _ = deadline => {
                tracing::warn!(grace_secs = grace.as_secs(), "requests still in flight at the deadline: stopping anyway");
                Ok(())
            }
        };
        for w in workers {
            if tokio::time::timeout(std::time::Duration::from_secs(5), w)
                .await
                .is_err()
            {
                tracing::warn!("a background worker did not stop in 5 s");
            }
        }
        tracing::info!("stopped");
        result
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

/// The app's routes, listed once per process. Listing them renders the app
/// with every resource held back by a switch that is process-wide
/// (`leptos_server::SuppressResourceLoad`, checked once when a resource
/// first loads): listing them again while this process serves pages — a
/// second server starting in the same process, as in the test binary —
/// stalled, forever, every page whose data began to load at that moment.
/// Upstream: leptos-rs/leptos issue 4773.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

fn router(config: &Config, state: AppState, addr: std::net::SocketAddr) -> Router {
    let leptos_options = leptos_options(config, addr);
    app::api::register_server_fns();
    let routes = route_list();
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            security::provide_request_nonce();
        }
    };
    let shell_options = leptos_options.clone();
    Router::new()
        .route("/health", get(routes::health::health))
        .route("/auth/oidc/start", get(routes::oidc::start))
        .route("/files/{id}", get(routes::files::attachment))
        .route("/journal/export.csv", get(routes::journal_csv::export))
        .route("/auth/oidc/callback", get(routes::oidc::callback))
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
        .layer(axum::middleware::from_fn_with_state(
            security::Site {
                https: config.server.public_url.starts_with("https://"),
            },
            security::headers,
        ))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(TraceLayer::new_for_http())
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
