//! Classes and what they are taught: classes, enrolments, subjects, course
//! sections and the members of groups.

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
