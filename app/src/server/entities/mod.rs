//! sea-orm entities, one module per table. The schema itself is defined by
//! the migrations (`server::migration`); these mirror it for queries.
//! Relations are written as explicit joins where they are used.

/// Declares one entity module with the usual sea-orm boilerplate.
macro_rules! entity {
    ($(#[$doc:meta])* $module:ident, $table:tt, { $($fields:tt)* }) => {
        $(#[$doc])*
        pub mod $module {
            use sea_orm::entity::prelude::*;

            #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
            #[sea_orm(table_name = $table)]
            pub struct Model {
                #[sea_orm(primary_key)]
                pub id: i64,
                $($fields)*
            }

            #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
            pub enum Relation {}

            impl ActiveModelBehavior for ActiveModel {}
        }
    };
}

entity!(
    /// A school, its rounding policy and its time zone.
    school, "schools", {
    pub name: String,
    pub short_name: String,
    pub city: String,
    pub five_from_centi: i32,
    pub four_from_centi: i32,
    pub three_from_centi: i32,
    pub created_at: DateTimeUtc,
    /// IANA name, e.g. Europe/Moscow, Asia/Vladivostok.
    pub time_zone: String,
    pub address: Option<String>,
});

entity!(academic_year, "academic_years", {
    pub school_id: i64,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
});

entity!(period, "periods", {
    pub academic_year_id: i64,
    pub name: String,
    pub kind: String,
    pub seq: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub locked: bool,
    pub locked_at: Option<DateTimeUtc>,
});

entity!(
    /// Days without lessons inside an academic year (holidays, non-school
    /// days); both ends included.
    holiday, "holidays", {
    pub school_id: i64,
    pub academic_year_id: i64,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// `holiday` (каникулы, between periods) or `day_off` (a non-school
    /// day inside a period).
    pub kind: String,
});

entity!(
    /// One lesson of a class's weekly timetable: weekday (1 = Monday) ×
    /// lesson number → section and room. Lessons are generated from it.
    timetable_slot, "timetable_slots", {
    pub class_id: i64,
    pub section_id: i64,
    pub weekday: i16,
    pub number: i32,
    pub room: Option<String>,
});

entity!(
    /// A person on a school's roster: student, teacher or parent.
    person, "persons", {
    pub school_id: Option<i64>,
    pub last_name: String,
    pub first_name: String,
    pub middle_name: Option<String>,
    pub birth_date: Option<Date>,
    pub name_key: String,
    pub created_at: DateTimeUtc,
});

entity!(
    /// A sign-in account. The e-mail is the login and never changes.
    user, "users", {
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: Option<String>,
    pub person_id: Option<i64>,
    pub email_verified_at: Option<DateTimeUtc>,
    pub locale: String,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
});

entity!(user_role, "user_roles", {
    pub user_id: i64,
    pub role: String,
    pub school_id: Option<i64>,
});

entity!(
    /// A server-side session; the cookie holds the token, the table its hash.
    session, "sessions", {
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    pub user_agent: Option<String>,
});

entity!(class, "classes", {
    pub school_id: i64,
    pub academic_year_id: i64,
    pub name: String,
    pub grade: i32,
    pub homeroom_teacher_id: Option<i64>,
    /// Raised with every change to the class's journal.
    pub data_version: i64,
});

entity!(enrolment, "enrolments", {
    pub class_id: i64,
    pub student_id: i64,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
});

entity!(subject, "subjects", {
    pub school_id: i64,
    pub name: String,
    pub short_name: String,
});

entity!(
    /// One subject taught to one class (or group) by one teacher.
    course_section, "course_sections", {
    pub class_id: i64,
    pub subject_id: i64,
    pub teacher_id: i64,
    pub group_name: Option<String>,
});

entity!(
    /// A student of a group: a section with a group name teaches its
    /// members only.
    group_member, "group_members", {
    pub section_id: i64,
    pub student_id: i64,
});

entity!(bell_time, "bell_times", {
    pub school_id: i64,
    pub number: i32,
    pub starts_at: Time,
    pub ends_at: Time,
});

entity!(
    /// The times of a shortened day's lessons (same numbers, other times).
    short_bell, "short_bells", {
    pub school_id: i64,
    pub number: i32,
    pub starts_at: Time,
    pub ends_at: Time,
});

entity!(
    /// A day the school keeps the short bells.
    short_day, "short_days", {
    pub school_id: i64,
    pub date: Date,
    pub name: String,
});

entity!(work_type, "work_types", {
    pub school_id: i64,
    pub name: String,
    pub short_name: String,
    pub weight_centi: i32,
    pub archived: bool,
});

entity!(grade_scale, "grade_scales", {
    pub code: String,
    pub name: String,
});

entity!(grade_value, "grade_values", {
    pub scale_id: i64,
    pub code: String,
    pub points: Option<i32>,
    pub ord: i32,
    pub counts_in_average: bool,
});

entity!(lesson, "lessons", {
    pub section_id: i64,
    pub date: Date,
    pub number: i32,
    pub room: Option<String>,
    pub topic: Option<String>,
    pub substitute_teacher_id: Option<i64>,
    pub work_type_id: Option<i64>,
    pub version: i32,
    pub updated_at: DateTimeUtc,
    pub attendance_taken_at: Option<DateTimeUtc>,
    pub attendance_taken_by: Option<i64>,
});

entity!(mark, "marks", {
    pub lesson_id: i64,
    pub student_id: i64,
    pub slot: i16,
    pub value: String,
    pub points: Option<i32>,
    pub work_type_id: i64,
    pub weight_centi: i32,
    pub comment: Option<String>,
    pub excluded: bool,
    pub due_on: Option<Date>,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_by: Option<i64>,
    pub updated_at: DateTimeUtc,
    pub version: i32,
});

entity!(period_mark, "period_marks", {
    pub section_id: i64,
    pub period_id: i64,
    pub student_id: i64,
    pub value: String,
    pub points: Option<i32>,
    pub average_centi: Option<i32>,
    pub set_by: i64,
    pub set_at: DateTimeUtc,
    pub version: i32,
});

entity!(attendance_code, "attendance_codes", {
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub category: String,
});

entity!(attendance_record, "attendance_records", {
    pub lesson_id: i64,
    pub student_id: i64,
    pub code_id: i64,
    pub minutes_late: Option<i32>,
    pub comment: Option<String>,
    pub created_by: i64,
    pub updated_at: DateTimeUtc,
    pub version: i32,
});

entity!(homework, "homework", {
    pub section_id: i64,
    pub lesson_id: i64,
    pub due_lesson_id: Option<i64>,
    pub due_on: Date,
    pub text: String,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
});

entity!(attachment, "attachments", {
    pub owner_kind: String,
    pub owner_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
});

entity!(remark, "remarks", {
    pub student_id: i64,
    pub lesson_id: Option<i64>,
    pub author_user_id: i64,
    pub kind: String,
    pub text: String,
    pub created_at: DateTimeUtc,
});

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

entity!(
    /// A single-use token sent by mail; the table keeps only its hash.
    email_token, "email_tokens", {
    pub user_id: i64,
    pub purpose: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
});

entity!(
    /// A user's account at an outside OpenID Connect provider.
    user_identity, "user_identities", {
    pub user_id: i64,
    pub issuer: String,
    pub subject: String,
    pub created_at: DateTimeUtc,
});
