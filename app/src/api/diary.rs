//! The parent's and student's diary: the week, marks, attendance, homework,
//! remarks and announcements. Each view is one server function, one round
//! trip; the server checks that the asker may see the student.

use crate::domain::ids::{PeriodId, PersonId};
use crate::error::AppError;
use crate::model::diary::*;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The week of `week` (any day in it; default this week) for `student`
/// (default: the first child, or the student themselves).
#[server(endpoint = "diary_week")]
pub async fn diary_week(
    student: Option<PersonId>,
    week: Option<NaiveDate>,
) -> Result<WeekView, AppError> {
    use crate::server::{auth, diary, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(diary::week(&st, &user, student, week).await?)
}

/// Marks by subject for a period (default: the current one), with attendance.
#[server(endpoint = "diary_marks")]
pub async fn diary_marks(
    student: Option<PersonId>,
    period: Option<PeriodId>,
) -> Result<MarksView, AppError> {
    use crate::server::{auth, diary, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(diary::marks(&st, &user, student, period).await?)
}

/// Homework due soon and recently.
#[server(endpoint = "diary_homework")]
pub async fn diary_homework(student: Option<PersonId>) -> Result<HomeworkListView, AppError> {
    use crate::server::{auth, diary, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(diary::homework(&st, &user, student).await?)
}

/// Remarks and praise from teachers, and announcements of the school and class.
#[server(endpoint = "diary_news")]
pub async fn diary_news(student: Option<PersonId>) -> Result<NewsView, AppError> {
    use crate::server::{auth, diary, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(diary::news(&st, &user, student).await?)
}
