//! Connecting to the database and bringing its schema up to date.

use sea_orm::{
    ActiveModelTrait, ConnAcquireErr, ConnectOptions, ConnectionTrait, Database, DatabaseBackend,
    DatabaseConnection, DbErr, EntityTrait, Statement,
};
use sea_orm_migration::MigratorTrait;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

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
                // writers queued behind it): `spawn_checkpoints` does them.
                .pragma("wal_autocheckpoint", "0")
        });
    let db = Database::connect(opts)
        .await
        .map_err(DbSetupError::Connect)?;
    Ok(db)
}

/// How often the log is copied into the database file. (Ten times a second
/// was tried against the disk's hold-ups of writers: no clear difference.)
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// A write-ahead log longer than this many pages (4 KiB each) after a
/// passive checkpoint is reset the firm way (see [`spawn_checkpoints`]).
const RESTART_PAGES: i64 = 1000;

/// Keeps SQLite's write-ahead log short, beside the writers rather than in
/// the way of one. Twice a second a passive checkpoint copies the log into
/// the database file without taking a lock a writer needs. Under steady
/// load, though, some reader always still uses the log's oldest pages, so a
/// passive checkpoint never finishes and the log only grows — and every
/// read gets slower as it searches a longer log. When the log is still
/// longer than [`RESTART_PAGES`] after a passive checkpoint, this process's
/// writers wait their turn (`write_gate`) while passive checkpoints are
/// retried until one completes; the next write then starts the log from the
/// beginning.
///
/// It stops when `stop` turns true, after one last checkpoint, so a stopped
/// server leaves its log copied into the database file.
pub fn spawn_checkpoints(
    db: DatabaseConnection,
    write_gate: Arc<Mutex<()>>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> Option<tokio::task::JoinHandle<()>> {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return None;
    }
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let stopping = tokio::select! {
                _ = tick.tick() => false,
                _ = stop.wait_for(|s| *s) => true,
            };
            if stopping {
                if let Err(e) = checkpoint(&db, "PASSIVE").await {
                    tracing::warn!(error = %e, "last SQLite checkpoint failed");
                }
                return;
            }
            match checkpoint(&db, "PASSIVE").await {
                Ok((log, done)) if log > RESTART_PAGES && done < log => {
                    // The writers wait: no page is added, the readers still
                    // on old pages finish within moments, and a passive
                    // checkpoint then completes. (SQLite's own RESTART mode
                    // would wait for them with growing sleeps.)
                    let _turn = write_gate.lock().await;
                    for _ in 0..20 {
                        match checkpoint(&db, "PASSIVE").await {
                            Ok((log, done)) if done >= log => break,
                            Ok(_) => tokio::time::sleep(Duration::from_millis(1)).await,
                            Err(e) => {
                                tracing::warn!(error = %e, "SQLite checkpoint failed");
                                break;
                            }
                        }
                    }
                }
                Ok(_) => {}
                // The pool was closed: the database is done with.
                Err(DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed)) => return,
                Err(e) => tracing::warn!(error = %e, "SQLite checkpoint failed"),
            }
        }
    }))
}

/// Runs a checkpoint; answers the log's length and how much of it is now in
/// the database file, in pages.
async fn checkpoint(db: &DatabaseConnection, mode: &str) -> Result<(i64, i64), DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            format!("PRAGMA wal_checkpoint({mode})"),
        ))
        .await?;
    Ok(match row {
        Some(r) => (r.try_get_by_index(1)?, r.try_get_by_index(2)?),
        None => (0, 0),
    })
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbSetupError> {
    Migrator::up(db, None).await.map_err(DbSetupError::Migrate)
}

/// The database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

/// Inserts rows in chunks, keeping under both databases' parameter limits.
pub async fn insert_chunked<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(500).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
