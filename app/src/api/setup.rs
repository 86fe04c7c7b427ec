//! The school set-up: what the school's administrator creates — the year
//! and its periods, the bells, subjects, classes and students, the staff,
//! the sections and the timetable — and the lessons generated from it.
//! Each function acts on the administrator's own school only.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::ids::{
    ClassId, HolidayId, LessonId, PeriodId, PersonId, SectionId, SubjectId, UserId, WorkTypeId,
    YearId,
};
use crate::error::AppError;
use crate::model::setup::*;

/// Everything the set-up screens show.
#[server(endpoint = "setup_overview")]
pub async fn load_setup() -> Result<SetupOverview, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::overview::overview(&st, user).await?)
}

/// Creates an academic year with its periods and holidays.
#[server(endpoint = "setup_create_year", input = Json)]
pub async fn create_year(form: YearForm) -> Result<YearId, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::calendar::create_year(&st, &user, &form).await?)
}

/// Changes a year's name, dates, periods and holidays; its lessons follow.
#[server(endpoint = "setup_update_year", input = Json)]
pub async fn update_year(year_id: YearId, form: YearForm) -> Result<YearEdited, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::calendar::update_year(&st, &user, year_id, &form).await?)
}

/// Adds non-school days to a year (one day when the end is empty).
#[server(endpoint = "setup_add_day_off", input = Json)]
pub async fn add_day_off(year_id: YearId, form: SpanForm) -> Result<HolidayId, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::calendar::add_day_off(&st, &user, year_id, &form).await?)
}

/// Takes back non-school days added to a year.
#[server(endpoint = "setup_remove_day_off")]
pub async fn remove_day_off(holiday_id: HolidayId) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::calendar::remove_day_off(&st, &user, holiday_id).await?)
}

/// A day no longer shortened.
#[server(endpoint = "setup_remove_short_day")]
pub async fn remove_short_day(date: String) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::short_days::remove_short_day(&st, &user, &date).await?)
}

/// Replaces the bells of a shortened day.
#[server(endpoint = "setup_short_bells", input = Json)]
pub async fn set_short_bells(bells: Vec<BellForm>) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::short_days::set_short_bells(&st, &user, &bells).await?)
}

/// Marks days as shortened (one day when the end is empty); how many new.
#[server(endpoint = "setup_add_short_days", input = Json)]
pub async fn add_short_days(form: SpanForm) -> Result<usize, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::short_days::add_short_days(&st, &user, &form).await?)
}

/// Replaces the bell schedule.
#[server(endpoint = "setup_bells", input = Json)]
pub async fn set_bells(bells: Vec<BellForm>) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::bells::set_bells(&st, &user, &bells).await?)
}

#[server(endpoint = "setup_add_subject")]
pub async fn add_subject(name: String, short_name: String) -> Result<SubjectId, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::subjects::add(&st, &user, &name, &short_name).await?)
}

/// Renames a subject.
#[server(endpoint = "setup_rename_subject")]
pub async fn rename_subject(
    subject_id: SubjectId,
    name: String,
    short_name: String,
) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::subjects::rename(&st, &user, subject_id, &name, &short_name).await?)
}

/// Deletes a subject no section teaches.
#[server(endpoint = "setup_delete_subject")]
pub async fn delete_subject(subject_id: SubjectId) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::subjects::delete(&st, &user, subject_id).await?)
}

#[server(endpoint = "setup_add_class")]
pub async fn add_class(
    year_id: YearId,
    name: String,
    grade: i32,
    homeroom_teacher_id: Option<PersonId>,
) -> Result<ClassId, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::classes::add(&st, &user, year_id, &name, grade, homeroom_teacher_id).await?)
}

/// Changes a class's name, grade or class teacher.
#[server(endpoint = "setup_change_class")]
pub async fn change_class(
    class_id: ClassId,
    name: String,
    grade: i32,
    homeroom_teacher_id: Option<PersonId>,
) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::classes::change(&st, &user, class_id, &name, grade, homeroom_teacher_id).await?)
}

/// Deletes a class that has never had a student.
#[server(endpoint = "setup_delete_class")]
pub async fn delete_class(class_id: ClassId) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::classes::delete(&st, &user, class_id).await?)
}

/// A class with its students and its week.
#[server(endpoint = "setup_class")]
pub async fn load_class(class_id: ClassId) -> Result<ClassDetail, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::classes::detail(&st, &user, class_id).await?)
}

/// Adds a student to a class by hand.
#[server(endpoint = "setup_add_student")]
pub async fn add_student(
    class_id: ClassId,
    last_name: String,
    first_name: String,
    middle_name: String,
    birth_date: String,
    starts_on: String,
) -> Result<PersonId, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    let name = [
        last_name.as_str(),
        first_name.as_str(),
        middle_name.as_str(),
    ];
    Ok(setup::students::add(&st, &user, class_id, name, &birth_date, &starts_on).await?)
}

/// Invites a teacher, officer or administrator; they are mailed a link to
/// set a password.
#[server(endpoint = "setup_invite")]
pub async fn invite_staff(
    email: String,
    last_name: String,
    first_name: String,
    middle_name: String,
    role: String,
) -> Result<PersonId, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    let name = [
        last_name.as_str(),
        first_name.as_str(),
        middle_name.as_str(),
    ];
    Ok(setup::staff::invite(&st, &user, &email, name, &role)
        .await?
        .person)
}

/// Deactivates (or reactivates) a member of staff.
#[server(endpoint = "setup_staff_disabled")]
pub async fn set_staff_disabled(user_id: UserId, disabled: bool) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::staff::set_disabled(&st, &user, user_id, disabled).await?)
}

/// Gives (`held`) or takes a staff role.
#[server(endpoint = "setup_staff_role")]
pub async fn set_staff_role(user_id: UserId, role: String, held: bool) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::staff::set_role(&st, &user, user_id, &role, held).await?)
}

/// Adds a section: class (or a group) × subject × teacher.
#[server(endpoint = "setup_add_section")]
pub async fn add_section(
    class_id: ClassId,
    subject_id: SubjectId,
    teacher_id: PersonId,
    group_name: String,
) -> Result<SectionId, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::sections::add(&st, &user, class_id, subject_id, teacher_id, &group_name).await?)
}

/// Replaces a class's weekly timetable.
#[server(endpoint = "setup_timetable", input = Json)]
pub async fn set_timetable(class_id: ClassId, slots: Vec<SlotForm>) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::timetable::set_week(&st, &user, class_id, &slots).await?)
}

/// Generates a period's lessons from the timetable (one class, or all).
#[server(endpoint = "setup_generate")]
pub async fn generate_lessons(
    period_id: PeriodId,
    class_id: Option<ClassId>,
) -> Result<Generated, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::timetable::generate(&st, &user, period_id, class_id).await?)
}

/// The school's profile, rounding policy and work types.
#[server(endpoint = "setup_profile")]
pub async fn load_profile() -> Result<SchoolProfile, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::profile::load(&st, user).await?)
}

/// Saves the school's names, address, time zone and rounding thresholds.
#[server(endpoint = "setup_save_profile", input = Json)]
pub async fn save_profile(form: ProfileForm) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::profile::save(&st, &user, &form).await?)
}

/// Adds a work type.
#[server(endpoint = "setup_add_work_type", input = Json)]
pub async fn add_work_type(form: WorkTypeForm) -> Result<WorkTypeId, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::work_types::add(&st, &user, &form).await?)
}

/// Renames a work type or changes its weight; `reweight` gives the marks of
/// open periods the new weight too.
#[server(endpoint = "setup_change_work_type", input = Json)]
pub async fn change_work_type(
    work_type_id: WorkTypeId,
    form: WorkTypeForm,
    reweight: bool,
) -> Result<WorkTypeChanged, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::work_types::change(&st, &user, work_type_id, &form, reweight).await?)
}

/// Archives a work type, or brings it back.
#[server(endpoint = "setup_work_type_archived")]
pub async fn set_work_type_archived(
    work_type_id: WorkTypeId,
    archived: bool,
) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::work_types::set_archived(&st, &user, work_type_id, archived).await?)
}

/// Moves a student to another class of the year from a date.
#[server(endpoint = "setup_move_student")]
pub async fn move_student(
    student_id: PersonId,
    class_id: ClassId,
    starts_on: String,
) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::students::move_to(&st, &user, student_id, class_id, &starts_on).await?)
}

/// Marks a student as having left the school; `ends_on` is their last day.
#[server(endpoint = "setup_student_left")]
pub async fn student_left(student_id: PersonId, ends_on: String) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::students::leave(&st, &user, student_id, &ends_on).await?)
}

/// A class's lessons of one day, with their teachers and substitutes.
#[server(endpoint = "setup_day_lessons")]
pub async fn day_lessons(class_id: ClassId, date: String) -> Result<Vec<DayLesson>, AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::substitutions::day(&st, &user, class_id, &date).await?)
}

/// Gives a lesson to a substitute teacher (none: back to its own teacher).
#[server(endpoint = "setup_substitute")]
pub async fn set_substitute(
    lesson_id: LessonId,
    teacher_id: Option<PersonId>,
) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::substitutions::set(&st, &user, lesson_id, teacher_id).await?)
}

/// Sets who is in a group of a class (a section with a group name).
#[server(endpoint = "setup_group_members", input = Json)]
pub async fn set_group_members(
    section_id: SectionId,
    students: Vec<PersonId>,
) -> Result<(), AppError> {
    use crate::server::{auth, setup, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(setup::groups::set_members(&st, &user, section_id, &students).await?)
}
