//! What the server keeps for itself: the audit log and the mail outbox.

entity!(
    /// The append-only change log; the database refuses UPDATE and DELETE.
    audit_log, "audit_log", {
    pub at: DateTimeUtc,
    pub actor_user_id: Option<i64>,
    pub school_id: Option<i64>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
});

entity!(
    /// A message waiting to be sent, written in the transaction of the
    /// change it reports.
    mail_outbox, "mail_outbox", {
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTimeUtc,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    pub last_error: Option<String>,
});
