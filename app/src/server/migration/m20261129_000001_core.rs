//! The core model of the diary: schools and periods, people and accounts,
//! access applications, classes and sections, lessons and marks, attendance,
//! homework, remarks, messages, announcements and the audit log.

use sea_orm::{ConnectionTrait, DatabaseBackend};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000001_core"
    }
}

use super::helpers::*;
use OnDelete::*;

fn tables() -> Vec<TableCreateStatement> {
    vec![
        // Schools and their calendar.
        table(
            "schools",
            vec![
                string("name"),
                string("short_name"),
                string("city"),
                // Rounding policy, in hundredths (465 = 4.65).
                integer("five_from_centi").default(465).take(),
                integer("four_from_centi").default(365).take(),
                integer("three_from_centi").default(265).take(),
                ts("created_at"),
            ],
            &[],
        ),
        table(
            "academic_years",
            vec![
                id_ref("school_id"),
                string("name"),
                date("starts_on"),
                date("ends_on"),
            ],
            &[("school_id", "schools", Cascade)],
        ),
        table(
            "periods",
            vec![
                id_ref("academic_year_id"),
                string("name"),
                // quarter | trimester | half | year
                string("kind"),
                integer("seq"),
                date("starts_on"),
                date("ends_on"),
                flag("locked"),
                ts_null("locked_at"),
            ],
            &[("academic_year_id", "academic_years", Cascade)],
        ),
        // People as the school knows them (the roster), and accounts.
        table(
            "persons",
            vec![
                id_ref_null("school_id"),
                string("last_name"),
                string("first_name"),
                string_null("middle_name"),
                date_null("birth_date"),
                // Normalised «фамилия|имя|отчество» for roster look-ups.
                string("name_key"),
                ts("created_at"),
            ],
            &[("school_id", "schools", Restrict)],
        ),
        table(
            "users",
            vec![
                string_uniq("email"),
                string_null("password_hash"),
                id_ref_null("person_id"),
                ts_null("email_verified_at"),
                string("locale").default("ru").take(),
                flag("disabled"),
                ts("created_at"),
            ],
            &[("person_id", "persons", SetNull)],
        ),
        table(
            "user_roles",
            vec![id_ref("user_id"), string("role"), id_ref_null("school_id")],
            &[
                ("user_id", "users", Cascade),
                ("school_id", "schools", Cascade),
            ],
        ),
        table(
            "sessions",
            vec![
                string_uniq("token_hash"),
                id_ref("user_id"),
                ts("created_at"),
                ts("expires_at"),
                ts("last_seen_at"),
                string_null("user_agent"),
            ],
            &[("user_id", "users", Cascade)],
        ),
        // Classes, subjects and who teaches what.
        table(
            "classes",
            vec![
                id_ref("school_id"),
                id_ref("academic_year_id"),
                string("name"),
                integer("grade"),
                id_ref_null("homeroom_teacher_id"),
            ],
            &[
                ("school_id", "schools", Cascade),
                ("academic_year_id", "academic_years", Cascade),
                ("homeroom_teacher_id", "persons", SetNull),
            ],
        ),
        table(
            "enrolments",
            vec![
                id_ref("class_id"),
                id_ref("student_id"),
                date("starts_on"),
                date_null("ends_on"),
            ],
            &[
                ("class_id", "classes", Cascade),
                ("student_id", "persons", Cascade),
            ],
        ),
        table(
            "subjects",
            vec![id_ref("school_id"), string("name"), string("short_name")],
            &[("school_id", "schools", Cascade)],
        ),
        table(
            "course_sections",
            vec![
                id_ref("class_id"),
                id_ref("subject_id"),
                id_ref("teacher_id"),
                string_null("group_name"),
            ],
            &[
                ("class_id", "classes", Cascade),
                ("subject_id", "subjects", Restrict),
                ("teacher_id", "persons", Restrict),
            ],
        ),
        table(
            "bell_times",
            vec![
                id_ref("school_id"),
                integer("number"),
                time("starts_at"),
                time("ends_at"),
            ],
            &[("school_id", "schools", Cascade)],
        ),
        // Grading set-up.
        table(
            "work_types",
            vec![
                id_ref("school_id"),
                string("name"),
                string("short_name"),
                // Weight in hundredths: 100 = 1.0.
                integer("weight_centi"),
                flag("archived"),
            ],
            &[("school_id", "schools", Cascade)],
        ),
        table(
            "grade_scales",
            vec![string_uniq("code"), string("name")],
            &[],
        ),
        table(
            "grade_values",
            vec![
                id_ref("scale_id"),
                string("code"),
                integer_null("points"),
                integer("ord"),
                boolean("counts_in_average").default(true).take(),
            ],
            &[("scale_id", "grade_scales", Cascade)],
        ),
        // Lessons, marks and attendance.
        table(
            "lessons",
            vec![
                id_ref("section_id"),
                date("date"),
                integer("number"),
                string_null("room"),
                text_null("topic"),
                id_ref_null("substitute_teacher_id"),
                id_ref_null("work_type_id"),
                integer("version").default(1).take(),
                ts("updated_at"),
            ],
            &[
                ("section_id", "course_sections", Cascade),
                ("substitute_teacher_id", "persons", SetNull),
                ("work_type_id", "work_types", SetNull),
            ],
        ),
        table(
            "marks",
            vec![
                id_ref("lesson_id"),
                id_ref("student_id"),
                // 0 or 1: a cell may hold two marks («3/5»).
                small_integer("slot").default(0).take(),
                string("value"),
                integer_null("points"),
                id_ref("work_type_id"),
                integer("weight_centi"),
                text_null("comment"),
                flag("excluded"),
                // A provisional mark («точка») to be corrected by this date.
                date_null("due_on"),
                id_ref("created_by"),
                ts("created_at"),
                id_ref_null("updated_by"),
                ts("updated_at"),
                integer("version").default(1).take(),
            ],
            &[
                ("lesson_id", "lessons", Cascade),
                ("student_id", "persons", Cascade),
                ("work_type_id", "work_types", Restrict),
                ("created_by", "users", Restrict),
                ("updated_by", "users", SetNull),
            ],
        ),
        table(
            "period_marks",
            vec![
                id_ref("section_id"),
                id_ref("period_id"),
                id_ref("student_id"),
                string("value"),
                integer_null("points"),
                // The computed weighted average at the time, in hundredths.
                integer_null("average_centi"),
                id_ref("set_by"),
                ts("set_at"),
                integer("version").default(1).take(),
            ],
            &[
                ("section_id", "course_sections", Cascade),
                ("period_id", "periods", Cascade),
                ("student_id", "persons", Cascade),
                ("set_by", "users", Restrict),
            ],
        ),
        table(
            "attendance_codes",
            vec![
                string_uniq("code"),
                string("name"),
                // absent | ill | excused | late
                string("category"),
            ],
            &[],
        ),
        table(
            "attendance_records",
            vec![
                id_ref("lesson_id"),
                id_ref("student_id"),
                id_ref("code_id"),
                integer_null("minutes_late"),
                text_null("comment"),
                id_ref("created_by"),
                ts("updated_at"),
                integer("version").default(1).take(),
            ],
            &[
                ("lesson_id", "lessons", Cascade),
                ("student_id", "persons", Cascade),
                ("code_id", "attendance_codes", Restrict),
                ("created_by", "users", Restrict),
            ],
        ),
        // Homework, remarks, files.
        table(
            "homework",
            vec![
                id_ref("section_id"),
                id_ref("lesson_id"),
                id_ref_null("due_lesson_id"),
                date("due_on"),
                text("text"),
                id_ref("created_by"),
                ts("created_at"),
                ts("updated_at"),
            ],
            &[
                ("section_id", "course_sections", Cascade),
                ("lesson_id", "lessons", Cascade),
                ("due_lesson_id", "lessons", SetNull),
                ("created_by", "users", Restrict),
            ],
        ),
        table(
            "attachments",
            vec![
                // homework | message | announcement
                string("owner_kind"),
                id_ref("owner_id"),
                string("file_name"),
                string("content_type"),
                big_integer("size_bytes"),
                string("storage_key"),
                id_ref("created_by"),
                ts("created_at"),
            ],
            &[("created_by", "users", Restrict)],
        ),
        table(
            "remarks",
            vec![
                id_ref("student_id"),
                id_ref_null("lesson_id"),
                id_ref("author_user_id"),
                // remark | praise
                string("kind"),
                text("text"),
                ts("created_at"),
            ],
            &[
                ("student_id", "persons", Cascade),
                ("lesson_id", "lessons", SetNull),
                ("author_user_id", "users", Restrict),
            ],
        ),
        // Access: applications and the guardianships they create.
        table(
            "access_applications",
            vec![
                id_ref("user_id"),
                id_ref("school_id"),
                id_ref_null("class_id"),
                string("parent_last_name"),
                string("parent_first_name"),
                string_null("parent_middle_name"),
                string("child_last_name"),
                string("child_first_name"),
                string_null("child_middle_name"),
                date("child_birth_date"),
                string("relation"),
                // filed | awaiting_signature | approved | rejected | withdrawn
                string("status"),
                id_ref_null("roster_student_id"),
                id_ref_null("passport_checked_by"),
                ts_null("passport_checked_at"),
                id_ref_null("decided_by"),
                ts_null("decided_at"),
                string_null("reject_reason"),
                text_null("reject_comment"),
                ts("created_at"),
                ts("updated_at"),
            ],
            &[
                ("user_id", "users", Cascade),
                ("school_id", "schools", Restrict),
                ("class_id", "classes", SetNull),
                ("roster_student_id", "persons", SetNull),
                ("passport_checked_by", "users", SetNull),
                ("decided_by", "users", SetNull),
            ],
        ),
        table(
            "application_events",
            vec![
                id_ref("application_id"),
                string_null("from_status"),
                string("to_status"),
                id_ref_null("actor_user_id"),
                text_null("note"),
                ts("created_at"),
            ],
            &[
                ("application_id", "access_applications", Cascade),
                ("actor_user_id", "users", SetNull),
            ],
        ),
        table(
            "guardianships",
            vec![
                id_ref("guardian_user_id"),
                id_ref("student_id"),
                string("relation"),
                id_ref_null("application_id"),
                ts("created_at"),
                ts_null("revoked_at"),
            ],
            &[
                ("guardian_user_id", "users", Cascade),
                ("student_id", "persons", Cascade),
                ("application_id", "access_applications", SetNull),
            ],
        ),
        // Communication.
        table(
            "message_threads",
            vec![
                id_ref_null("student_id"),
                string("subject"),
                id_ref("created_by"),
                ts("created_at"),
                ts("last_message_at"),
            ],
            &[
                ("student_id", "persons", SetNull),
                ("created_by", "users", Restrict),
            ],
        ),
        table(
            "thread_participants",
            vec![
                id_ref("thread_id"),
                id_ref("user_id"),
                ts_null("last_read_at"),
            ],
            &[
                ("thread_id", "message_threads", Cascade),
                ("user_id", "users", Cascade),
            ],
        ),
        table(
            "messages",
            vec![
                id_ref("thread_id"),
                id_ref("author_user_id"),
                text("body"),
                ts("created_at"),
            ],
            &[
                ("thread_id", "message_threads", Cascade),
                ("author_user_id", "users", Restrict),
            ],
        ),
        table(
            "announcements",
            vec![
                id_ref("school_id"),
                id_ref_null("class_id"),
                id_ref("author_user_id"),
                string("title"),
                text("body"),
                ts("published_at"),
            ],
            &[
                ("school_id", "schools", Cascade),
                ("class_id", "classes", Cascade),
                ("author_user_id", "users", Restrict),
            ],
        ),
        // Append-only record of every change: who, when, old and new.
        table(
            "audit_log",
            vec![
                ts("at"),
                id_ref_null("actor_user_id"),
                id_ref_null("school_id"),
                string("action"),
                string("entity"),
                big_integer_null("entity_id"),
                text_null("old_value"),
                text_null("new_value"),
            ],
            &[],
        ),
    ]
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("persons", &["school_id", "name_key"], false),
        index("user_roles", &["user_id", "role", "school_id"], true),
        index("sessions", &["user_id"], false),
        index("academic_years", &["school_id"], false),
        index("periods", &["academic_year_id"], false),
        index("classes", &["school_id", "academic_year_id", "name"], true),
        index("enrolments", &["class_id", "student_id"], true),
        index("enrolments", &["student_id"], false),
        index("subjects", &["school_id", "name"], true),
        index("course_sections", &["class_id"], false),
        index("course_sections", &["teacher_id"], false),
        index("bell_times", &["school_id", "number"], true),
        index("grade_values", &["scale_id", "code"], true),
        index("lessons", &["section_id", "date", "number"], true),
        index("lessons", &["date"], false),
        index("marks", &["lesson_id", "student_id", "slot"], true),
        index("marks", &["student_id"], false),
        index(
            "period_marks",
            &["section_id", "period_id", "student_id"],
            true,
        ),
        index("attendance_records", &["lesson_id", "student_id"], true),
        index("attendance_records", &["student_id"], false),
        index("homework", &["section_id", "due_on"], false),
        index("attachments", &["owner_kind", "owner_id"], false),
        index("remarks", &["student_id"], false),
        index("access_applications", &["school_id", "status"], false),
        index("access_applications", &["user_id"], false),
        index("application_events", &["application_id"], false),
        index("guardianships", &["guardian_user_id", "student_id"], true),
        index("guardianships", &["student_id"], false),
        index("thread_participants", &["thread_id", "user_id"], true),
        index("thread_participants", &["user_id"], false),
        index("messages", &["thread_id"], false),
        index("announcements", &["school_id", "published_at"], false),
        index("audit_log", &["entity", "entity_id"], false),
        index("audit_log", &["actor_user_id"], false),
    ]
}

/// The audit log refuses UPDATE and DELETE in the database itself.
const SQLITE_APPEND_ONLY: [&str; 2] = [
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
];

const POSTGRES_APPEND_ONLY: [&str; 2] = [
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ \
     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in tables() {
            manager.create_table(t).await?;
        }
        for i in indexes() {
            manager.create_index(i).await?;
        }
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => &SQLITE_APPEND_ONLY,
            DatabaseBackend::Postgres => &POSTGRES_APPEND_ONLY,
            _ => &[],
        };
        for s in statements {
            db.execute_unprepared(s).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE")
                .await?;
        }
        for t in tables().into_iter().rev() {
            let name = t.get_table_name().cloned().expect("every table is named");
            manager
                .drop_table(Table::drop().table(name).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
