//! Mail: a transactional outbox and the background sender that empties it.
//!
//! A service writes a message with [`enqueue`] in the same transaction as
//! the change it reports, so a message exists if and only if the change
//! does. The sender claims due messages one by one (a claim is a conditional
//! UPDATE, so two senders never take the same message), sends each over SMTP
//! (or, with no SMTP host configured, writes it to a folder), and marks it
//! sent; a failure is retried later with a growing delay.

use chrono::{Duration, Utc};
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::path::PathBuf;

use super::entities::mail_outbox;

/// Puts a message in the outbox; call it inside the change's transaction.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<i64, DbErr> {
    let now = Utc::now();
    let m = mail_outbox::ActiveModel {
        to_address: Set(to.to_string()),
        subject: Set(subject.to_string()),
        body: Set(body.to_string()),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Security {
    None,
    StartTls,
    Tls,
}

/// Where mail goes.
#[derive(Clone, Debug)]
pub enum Transport {
    Smtp {
        host: String,
        port: u16,
        security: Security,
        /// Username and password, if the relay wants them.
        credentials: Option<(String, String)>,
    },
    /// No relay configured: each message becomes a file here.
    Folder(PathBuf),
}

#[derive(Clone, Debug)]
pub struct MailSettings {
    pub from: String,
    pub transport: Transport,
    /// How often the sender looks for due messages.
    pub poll: std::time::Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("address: {0}")]
    Address(String),
    #[error("smtp: {0}")]
    Smtp(String),
    #[error("file: {0}")]
    File(#[from] std::io::Error),
}

/// The delay before the next try after `attempts` failures: 30 s, doubling,
/// at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let secs = 30i64.saturating_mul(1i64 << attempts.clamp(0, 7));
    Duration::seconds(secs.min(3600))
}

/// Sends messages as they come due, until the process ends.
pub struct Sender {
    db: DatabaseConnection,
    settings: MailSettings,
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

impl Sender {
    pub fn new(db: DatabaseConnection, settings: MailSettings) -> Result<Sender, MailError> {
        let smtp = match &settings.transport {
            Transport::Smtp {
                host,
                port,
                security,
                credentials,
            } => {
                let builder = match security {
                    Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
                    Security::StartTls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                            .map_err(|e| MailError::Smtp(e.to_string()))?
                    }
                    Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                        .map_err(|e| MailError::Smtp(e.to_string()))?,
                };
                let builder = builder
                    .port(*port)
                    .timeout(Some(std::time::Duration::from_secs(20)));
                let builder = match credentials {
                    Some((u, p)) => builder.credentials(Credentials::new(u.clone(), p.clone())),
                    None => builder,
                };
                Some(builder.build())
            }
            Transport::Folder(_) => None,
        };
        Ok(Sender { db, settings, smtp })
    }

    /// Polls the outbox until `stop` turns true. A round of sending that
    /// has begun finishes first (a message is marked sent in the same
    /// step), so stopping never sends one twice.
    pub async fn run(self, mut stop: tokio::sync::watch::Receiver<bool>) {
        loop {
            if *stop.borrow() {
                return;
            }
            let idle = match self.send_due().await {
                Ok(0) => true,
                Ok(_) => false,
                Err(e) => {
                    tracing::error!(error = %e, "mail outbox");
                    true
                }
            };
            if idle {
                tokio::select! {
                    _ = tokio::time::sleep(self.settings.poll) => {}
                    _ = stop.wait_for(|s| *s) => return,
                }
            }
        }
    }

    /// Sends every message that is due now; returns how many it handled.
    pub async fn send_due(&self) -> Result<usize, MailError> {
        let now = Utc::now();
        let due = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(mail_outbox::Column::NextAttemptAt.lte(now))
            .filter(
                Condition::any()
                    .add(mail_outbox::Column::ClaimedUntil.is_null())
                    .add(mail_outbox::Column::ClaimedUntil.lt(now)),
            )
            .order_by_asc(mail_outbox::Column::Id)
            .limit(20)
            .all(&self.db)
            .await?;
        let mut handled = 0;
        for m in due {
            if !self.claim(&m).await? {
                continue;
            }
            handled += 1;
            match self.deliver(&m).await {
                Ok(()) => {
                    mail_outbox::ActiveModel {
                        id: Set(m.id),
                        sent_at: Set(Some(Utc::now())),
                        attempts: Set(m.attempts + 1),
                        claimed_until: Set(None),
                        last_error: Set(None),
                        ..Default::default()
                    }
                    .update(&self.db)
                    .await?;
                    tracing::info!(id = m.id, "mail sent");
                }
                Err(e) => {
                    let attempts = m.attempts + 1;
                    tracing::warn!(id = m.id, attempts, error = %e, "mail not sent; will retry");
                    mail_outbox::ActiveModel {
                        id: Set(m.id),
                        attempts: Set(attempts),
                        next_attempt_at: Set(Utc::now() + backoff(attempts)),
                        claimed_until: Set(None),
                        last_error: Set(Some(e.to_string())),
                        ..Default::default()
                    }
                    .update(&self.db)
                    .await?;
                }
            }
        }
        Ok(handled)
    }

    /// Takes a message for five minutes, unless another sender has it.
    async fn claim(&self, m: &mail_outbox::Model) -> Result<bool, MailError> {
        let now = Utc::now();
        let res = mail_outbox::Entity::update_many()
            .col_expr(
                mail_outbox::Column::ClaimedUntil,
                Expr::value(now + Duration::minutes(5)),
            )
            .filter(mail_outbox::Column::Id.eq(m.id))
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(
                Condition::any()
                    .add(mail_outbox::Column::ClaimedUntil.is_null())
                    .add(mail_outbox::Column::ClaimedUntil.lt(now)),
            )
            .exec(&self.db)
            .await?;
        Ok(res.rows_affected == 1)
    }

    async fn deliver(&self, m: &mail_outbox::Model) -> Result<(), MailError> {
        let from: Mailbox = self
            .settings
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailError::Address(e.to_string()))?;
        let to: Mailbox = m
            .to_address
            .parse()
            .map_err(|e: lettre::address::AddressError| MailError::Address(e.to_string()))?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(format!("<outbox-{}@dnevnik>", m.id)))
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| MailError::Address(e.to_string()))?;
        match (&self.smtp, &self.settings.transport) {
            (Some(smtp), _) => {
                smtp.send(message)
                    .await
                    .map_err(|e| MailError::Smtp(e.to_string()))?;
            }
            (None, Transport::Folder(dir)) => {
                tokio::fs::create_dir_all(dir).await?;
                let path = dir.join(format!("{:08}.eml", m.id));
                tokio::fs::write(&path, message.formatted()).await?;
                tracing::info!(to = %m.to_address, subject = %m.subject, file = %path.display(), "mail written to the outbox folder");
            }
            (None, Transport::Smtp { .. }) => unreachable!("an SMTP transport is built at start"),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_at_most_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(60));
        assert_eq!(backoff(2), Duration::seconds(120));
        assert_eq!(backoff(20), Duration::seconds(3600));
    }
}
