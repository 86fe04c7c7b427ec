//! `server backup <file>` and `server restore <file>`: a consistent copy of
//! the school's database taken while the server runs, and brought back.
//!
//! SQLite: `VACUUM INTO` writes a consistent, compacted copy of the database
//! as one transaction sees it, while the server keeps serving; the copy is
//! checked (`PRAGMA integrity_check`) before it is reported. Restoring puts
//! the copy in place of the configured file — with the server stopped — and
//! runs the migrations, so an older backup opens in a newer version.
//!
//! PostgreSQL: `pg_dump --format=custom` (a consistent snapshot, whatever the
//! server is doing) and `pg_restore --clean --if-exists --no-owner` into the
//! configured database, then the migrations.

use std::path::{Path, PathBuf};
use std::process::Command;

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::config::Config;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("database: {0}")]
    Db(String),
    #[error("the backup file {0} exists already: choose another name")]
    Exists(PathBuf),
    #[error("no backup file at {0}")]
    Missing(PathBuf),
    #[error("the database file {0} exists: stop the server and pass --replace to overwrite it")]
    WouldOverwrite(PathBuf),
    #[error("the copy failed its integrity check: {0}")]
    Damaged(String),
    #[error("{tool} failed: {message}")]
    Tool { tool: &'static str, message: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

fn db_err(e: impl std::fmt::Display) -> BackupError {
    BackupError::Db(e.to_string())
}

/// The file of a `sqlite://` URL.
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    Some(PathBuf::from(path))
}

/// Runs a PostgreSQL client tool; the database URL (which may hold a
/// password) is passed as an argument, never printed.
fn run(tool: &'static str, args: &[&str]) -> Result<(), BackupError> {
    let out = Command::new(tool)
        .args(args)
        .output()
        .map_err(|e| BackupError::Tool {
            tool,
            message: e.to_string(),
        })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool {
            tool,
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        })
    }
}

/// Writes a consistent copy of the configured database to `to`.
pub async fn backup(config: &Config, to: &Path) -> Result<(), BackupError> {
    if to.exists() {
        return Err(BackupError::Exists(to.to_path_buf()));
    }
    let url = config.database.url.0.as_str();
    if sqlite_file(url).is_some() {
        let db = app::server::db::connect(url, 1).await.map_err(db_err)?;
        db.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Sqlite,
            "VACUUM INTO ?",
            [to.display().to_string().into()],
        ))
        .await
        .map_err(db_err)?;
        db.close().await.ok();
        check_sqlite(to).await
    } else {
        let file = to.display().to_string();
        run(
            "pg_dump",
            &[
                "--format=custom",
                "--no-owner",
                "--file",
                &file,
                "--dbname",
                url,
            ],
        )
    }
}

/// `PRAGMA integrity_check` on a SQLite file.
async fn check_sqlite(file: &Path) -> Result<(), BackupError> {
    let url = format!("sqlite://{}?mode=ro", file.display());
    let db = sea_orm::Database::connect(url).await.map_err(db_err)?;
    let row = db
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await
        .map_err(db_err)?;
    db.close().await.ok();
    let verdict: String = row
        .map(|r| r.try_get_by_index::<String>(0))
        .transpose()
        .map_err(db_err)?
        .unwrap_or_default();
    if verdict == "ok" {
        Ok(())
    } else {
        Err(BackupError::Damaged(verdict))
    }
}

/// Brings a backup back into the configured database (the server stopped),
/// then runs the migrations.
pub async fn restore(config: &Config, from: &Path, replace: bool) -> Result<(), BackupError> {
    if !from.exists() {
        return Err(BackupError::Missing(from.to_path_buf()));
    }
    let url = config.database.url.0.as_str();
    if let Some(file) = sqlite_file(url) {
        check_sqlite(from).await?;
        if file.exists() && !replace {
            return Err(BackupError::WouldOverwrite(file));
        }
        for extra in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{extra}", file.display()));
            if side.exists() {
                std::fs::remove_file(side)?;
            }
        }
        std::fs::copy(from, &file)?;
    } else {
        let file = from.display().to_string();
        run(
            "pg_restore",
            &[
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                url,
                &file,
            ],
        )?;
    }
    let db = app::server::db::connect(url, 1).await.map_err(db_err)?;
    app::server::db::migrate(&db).await.map_err(db_err)?;
    db.close().await.ok();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_file("sqlite://dnevnik.db"),
            Some(PathBuf::from("dnevnik.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:///var/lib/dnevnik/d.db?mode=rwc"),
            Some(PathBuf::from("/var/lib/dnevnik/d.db"))
        );
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
    }
}
