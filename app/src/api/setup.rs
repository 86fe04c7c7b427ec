//! The school set-up: what the school's administrator creates — the year
//! and its periods, the bells, subjects, classes and students, the staff,
//! the sections and the timetable — and the lessons generated from it.
//! Each function acts on the administrator's own school only.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::ids::{ClassId, PeriodId, PersonId, SectionId, SubjectId, UserId, YearId};
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
    Ok(setup::classes::add_student(&st, &user, class_id, name, &birth_date, &starts_on).await?)
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
