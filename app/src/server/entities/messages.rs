//! Messages between families and the school, and announcements.

entity!(message_thread, "message_threads", {
    pub student_id: Option<i64>,
    pub subject: String,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub last_message_at: DateTimeUtc,
});

entity!(thread_participant, "thread_participants", {
    pub thread_id: i64,
    pub user_id: i64,
    pub last_read_at: Option<DateTimeUtc>,
});

entity!(message, "messages", {
    pub thread_id: i64,
    pub author_user_id: i64,
    pub body: String,
    pub created_at: DateTimeUtc,
});

entity!(announcement, "announcements", {
    pub school_id: i64,
    pub class_id: Option<i64>,
    pub author_user_id: i64,
    pub title: String,
    pub body: String,
    pub published_at: DateTimeUtc,
});
