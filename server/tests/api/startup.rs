use sea_orm::{ConnectionTrait, Database};
use server::startup::{Application, StartupError};

use crate::helpers::base_config;

#[tokio::test]
async fn a_new_sqlite_file_is_created_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fresh.db");

    let app = Application::build(&base_config(format!("sqlite://{}", file.display())))
        .await
        .expect("starts on a missing file");

    assert!(file.exists());
    let tables = app
        .state
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('marks', 'users', 'audit_log')",
        ))
        .await
        .unwrap();
    assert_eq!(tables.len(), 3);
}

#[tokio::test]
async fn a_failed_migration_stops_the_start_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/broken.db?mode=rwc", dir.path().display());
    // A database that records a migration this build does not know.
    let db = Database::connect(&url).await.unwrap();
    db.execute_unprepared(
        "CREATE TABLE seaql_migrations (version varchar PRIMARY KEY, applied_at bigint NOT NULL);
         INSERT INTO seaql_migrations VALUES ('m29990101_000001_from_the_future', 0);",
    )
    .await
    .unwrap();
    db.close().await.unwrap();

    let err = match Application::build(&base_config(url)).await {
        Ok(_) => panic!("the start must fail"),
        Err(e) => e,
    };

    assert!(matches!(err, StartupError::Database(_)), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with("database migration failed"), "{msg}");
    assert!(msg.contains("m29990101_000001_from_the_future"), "{msg}");
}

#[tokio::test]
async fn an_unreachable_database_is_reported_without_its_password() {
    let err = match Application::build(&base_config(
        "postgres://dnevnik:s3cret@127.0.0.1:1/none".into(),
    ))
    .await
    {
        Ok(_) => panic!("the start must fail"),
        Err(e) => e,
    };

    let msg = err.to_string();
    assert!(msg.starts_with("cannot open the database"), "{msg}");
    assert!(!msg.contains("s3cret"), "{msg}");
}
