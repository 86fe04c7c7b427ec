//! The test app: a running server with its own fresh database, and the
//! macros that run each test on SQLite and on PostgreSQL. The sibling files
//! add its methods by concern.

mod calls;
mod journal;
mod mail;
mod records;
mod setup;

pub use calls::validation_fields;
pub use mail::token_from_mail;
pub use setup::{new_school as setup_school, NEW_PASSWORD};

use app::server::seed::{self, SeedOptions};
use chrono::NaiveDate;
use rand::Rng;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::config::{Config, Secret};
use server::startup::Application;

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running server with its own fresh, migrated and seeded database.
pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    /// The database's URL (the server's configuration has it too).
    pub db_url: String,
    pub client: reqwest::Client,
    outbox: std::path::PathBuf,
    pg_database: Option<String>,
    _dir: tempfile::TempDir,
}

/// The day the test school's calendar is seeded for.
pub fn seed_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// How the test school is seeded: three students a class, no extra classes.
pub fn seed_options() -> SeedOptions {
    SeedOptions {
        today: seed_day(),
        students_per_class: 3,
        extra_classes: 0,
    }
}

/// A configuration on this database that listens on a free port and seeds
/// nothing.
pub fn base_config(url: String) -> Config {
    let mut config = Config::default();
    config.server.address = "127.0.0.1:0".parse().unwrap();
    config.database.url = Secret(url);
    config.demo.seed = false;
    config
}

pub fn admin_url() -> String {
    std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The admin URL with its database name replaced.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let cut = base.rfind('/').expect("database URL has a path");
    let mut out = format!("{}/{}", &base[..cut], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Like `spawn`, with the configuration adjusted first.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let (url, pg_database) = match backend {
            Backend::Sqlite => (format!("sqlite://{}/test.db", dir.path().display()), None),
            Backend::Postgres => {
                let name = format!("dnevnik_test_{:016x}", rand::thread_rng().gen::<u64>());
                let admin = Database::connect(admin_url()).await.expect(
                    "PostgreSQL must answer at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)",
                );
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                (with_database(&admin_url(), &name), Some(name))
            }
        };
        let mut config = base_config(url.clone());
        config.database.max_connections = 4;
        config.server.site_root = dir.path().join("site");
        config.mail.outbox_dir = dir.path().join("outbox");
        config.storage.dir = dir.path().join("files");
        config.mail.poll_ms = 100;
        adjust(&mut config);

        let outbox = config.mail.outbox_dir.clone();
        let app = Application::build(&config)
            .await
            .expect("application starts");
        seed::seed_if_empty(&app.state.db, &seed_options())
            .await
            .expect("demo school seeds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.state.db.clone();
        tokio::spawn(app.run_until(std::future::pending()));

        TestApp {
            address,
            db,
            db_url: url,
            client: client(),
            outbox,
            pg_database,
            _dir: dir,
        }
    }

    /// A connection to this test's database that counts the queries run on
    /// it, and the counter.
    pub fn counted_db(
        &self,
    ) -> (
        DatabaseConnection,
        std::sync::Arc<std::sync::atomic::AtomicUsize>,
    ) {
        let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut db = self.db.clone();
        let seen = counter.clone();
        db.set_metric_callback(move |_| {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        (db, counter)
    }

    /// A second server process over this test's database (as another
    /// instance behind a load balancer); its address.
    pub async fn second_process(&self) -> String {
        let mut config = base_config(self.db_url.clone());
        config.database.max_connections = 4;
        config.server.site_root = self._dir.path().join("site");
        config.mail.outbox_dir = self.outbox.clone();
        config.storage.dir = self._dir.path().join("files");
        let app = Application::build(&config)
            .await
            .expect("second process starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until(std::future::pending()));
        address
    }

    /// Where attached files are kept.
    pub fn files_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("files")
    }

    /// Where mail goes when no SMTP server is configured.
    pub fn outbox_dir(&self) -> std::path::PathBuf {
        self.outbox.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// Drops the PostgreSQL database of this test.
    pub async fn cleanup(self) {
        let TestApp {
            db, pg_database, ..
        } = self;
        db.close().await.ok();
        if let Some(name) = pg_database {
            if let Ok(admin) = Database::connect(admin_url()).await {
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
            }
        }
    }
}

/// No answer of the test server takes longer than this unless it is stalled:
/// a stalled answer then fails its test instead of holding up the run.
pub const STALLED: std::time::Duration = std::time::Duration::from_secs(30);

/// A browser-like client: keeps cookies, does not follow redirects, gives
/// up on an answer after [`STALLED`].
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(STALLED)
        .build()
        .expect("client")
}

/// Declares a test that runs once on SQLite and once on PostgreSQL:
/// `both_databases!(name);` for `async fn name(app: &TestApp)`.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::helpers::{Backend, TestApp};

            #[tokio::test]
            async fn sqlite() {
                let app = TestApp::spawn(Backend::Sqlite).await;
                super::$name(&app).await;
                app.cleanup().await;
            }

            #[tokio::test]
            async fn postgres() {
                let app = TestApp::spawn(Backend::Postgres).await;
                super::$name(&app).await;
                app.cleanup().await;
            }
        }
    )*};
}

/// Like `both_databases!`, for `async fn name(backend: Backend)`: tests
/// that start their own server (with a configuration of their own) or more
/// than one.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::helpers::Backend;

            #[tokio::test]
            async fn sqlite() {
                super::$name(Backend::Sqlite).await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$name(Backend::Postgres).await;
            }
        }
    )*};
}

/// Like `both_databases!`, with a real SMTP server that the app sends to:
/// `async fn name(app: &TestApp, smtp: &SmtpServer)`.
#[macro_export]
macro_rules! both_databases_with_smtp {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::helpers::{Backend, TestApp};
            use $crate::smtp::SmtpServer;

            async fn run(backend: Backend) {
                let smtp = SmtpServer::start();
                let port = smtp.port;
                let app = TestApp::spawn_with(backend, |c| {
                    c.mail.smtp_host = "127.0.0.1".into();
                    c.mail.smtp_port = port;
                    c.mail.smtp_security = "none".into();
                })
                .await;
                super::$name(&app, &smtp).await;
                app.cleanup().await;
            }

            #[tokio::test]
            async fn sqlite() {
                run(Backend::Sqlite).await;
            }

            #[tokio::test]
            async fn postgres() {
                run(Backend::Postgres).await;
            }
        }
    )*};
}

#[test]
fn database_names_are_replaced_in_urls() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        with_database("postgres://u@h/db?sslmode=disable", "y"),
        "postgres://u@h/y?sslmode=disable"
    );
}
