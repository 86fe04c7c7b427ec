//! The journal: work types and grade scales, lessons, marks, period marks,
//! attendance, homework, attachments and remarks.

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
