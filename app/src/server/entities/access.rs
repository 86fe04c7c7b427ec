//! Parents' access: applications, their events, and the guardianships they
//! grant.

entity!(access_application, "access_applications", {
    pub user_id: i64,
    pub school_id: i64,
    pub class_id: Option<i64>,
    pub parent_last_name: String,
    pub parent_first_name: String,
    pub parent_middle_name: Option<String>,
    pub child_last_name: String,
    pub child_first_name: String,
    pub child_middle_name: Option<String>,
    pub child_birth_date: Date,
    pub relation: String,
    pub status: String,
    pub roster_student_id: Option<i64>,
    pub passport_checked_by: Option<i64>,
    pub passport_checked_at: Option<DateTimeUtc>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<DateTimeUtc>,
    pub reject_reason: Option<String>,
    pub reject_comment: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
});

entity!(application_event, "application_events", {
    pub application_id: i64,
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_user_id: Option<i64>,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
});

entity!(
    /// A parent's right to see a child's diary.
    guardianship, "guardianships", {
    pub guardian_user_id: i64,
    pub student_id: i64,
    pub relation: String,
    pub application_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
});
