//! Connecting to the database and bringing its schema up to date.

use sea_orm::{
    ConnAcquireErr, ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DbErr,
};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

use super::migration::Migrator;

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("cannot open the database: {0}")]
    Connect(#[source] DbErr),
    #[error("database migration failed: {0}")]
    Migrate(#[source] DbErr),
}

/// Opens a pool. A SQLite file is created if missing (`mode=rwc`) and put in
/// WAL mode, so readers never wait for the one writer.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbSetupError> {
    let url = if url.starts_with("sqlite:") && !url.contains("mode=") && !url.contains(":memory:") {
        let sep = if url.contains('?') { '&' } else { '?' };
        format!("{url}{sep}mode=rwc")
    } else {
        url.to_string()
    };
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // Every pooled SQLite connection, not just the first: WAL (readers
        // never wait for the writer), commits without an fsync each (the
        // WAL is synced at checkpoints), and a writer waits its turn
        // instead of failing with "database is locked".
        .map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                // No checkpoint inside a commit (it would hold up the
                // writers queued behind it): `checkpoints` does them.
                .pragma("wal_autocheckpoint", "0")
        });
    let db = Database::connect(opts)
        .await
        .map_err(DbSetupError::Connect)?;
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        tokio::spawn(checkpoints(db.clone()));
    }
    Ok(db)
}

/// Copies SQLite's write-ahead log into the database file twice a second,
/// beside the writers rather than in the way of one (a passive checkpoint
/// takes no lock that a writer needs).
async fn checkpoints(db: DatabaseConnection) {
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match db
            .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
            .await
        {
            Ok(_) => {}
            // The pool was closed: the database is done with.
            Err(DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed)) => return,
            Err(e) => tracing::warn!(error = %e, "SQLite checkpoint failed"),
        }
    }
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbSetupError> {
    Migrator::up(db, None).await.map_err(DbSetupError::Migrate)
}

/// The database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}
