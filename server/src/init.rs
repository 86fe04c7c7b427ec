//! `server init`: the first start of a real school. Creates the school and
//! its first administrator in the configured database (migrating it first),
//! and sends the administrator's invitation mail at once — a single-use
//! link to set a password.

use app::server::setup::init::{create_school, Created, NewSchool};
use app::server::{db, mail, ServiceError};

use crate::config::Config;

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error(transparent)]
    Database(#[from] db::DbSetupError),
    /// What was wrong with the arguments, field by field.
    #[error("{0}")]
    Refused(String),
    #[error("mail settings: {0}")]
    Mail(String),
}

/// Splits «Фамилия Имя Отчество» into its three parts (the patronymic may
/// be missing; a double surname is written with a hyphen).
pub fn split_fio(fio: &str) -> [String; 3] {
    let mut parts = fio.split_whitespace();
    let last = parts.next().unwrap_or_default().to_string();
    let first = parts.next().unwrap_or_default().to_string();
    let middle = parts.collect::<Vec<_>>().join(" ");
    [last, first, middle]
}

/// Names the argument behind a field of the service's answer.
fn argument(field: &str) -> &str {
    match field {
        "school" => "--school",
        "full_name" => "--full-name",
        "city" => "--city",
        "timezone" => "--timezone",
        "email" => "--admin-email",
        _ => "--admin-name",
    }
}

/// Creates the school; returns it and whether the invitation went out now
/// (otherwise it waits in the outbox for the running server's sender).
pub async fn run(config: &Config, req: &NewSchool) -> Result<(Created, bool), InitError> {
    let conn = db::connect(&config.database.url.0, config.database.max_connections).await?;
    db::migrate(&conn).await?;
    let created = create_school(&conn, &config.server.public_url, req)
        .await
        .map_err(|e| match e {
            ServiceError::Validation(fields) => InitError::Refused(
                fields
                    .iter()
                    .map(|f| format!("{}: {}", argument(&f.field), f.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            ServiceError::Conflict(m) => InitError::Refused(m),
            other => InitError::Refused(other.to_string()),
        })?;
    let sender = mail::Sender::new(conn.clone(), config.mail_settings())
        .map_err(|e| InitError::Mail(e.to_string()))?;
    let sent = matches!(sender.send_due().await, Ok(n) if n > 0);
    Ok((created, sent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_name_splits_into_its_three_parts() {
        assert_eq!(
            split_fio("  Иванова  Анна Сергеевна "),
            ["Иванова".to_string(), "Анна".into(), "Сергеевна".into()]
        );
        assert_eq!(
            split_fio("Smith John"),
            ["Smith".to_string(), "John".into(), String::new()]
        );
    }
}
