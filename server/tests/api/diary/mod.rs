//! The diary's server functions, by view: the week, marks, homework and
//! news, who may see which student, and attached files.

mod files;
mod homework_news;
mod marks;
mod visibility;
mod week;

use app::server::entities::{lesson, mark};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};

use crate::helpers::TestApp;

/// The student's marks at the lessons the query finds, read straight from
/// the database (independently of the diary's services).
async fn marks_at(
    app: &TestApp,
    student: i64,
    lessons: Select<lesson::Entity>,
) -> Vec<mark::Model> {
    let lessons: Vec<i64> = lessons
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect();
    mark::Entity::find()
        .filter(mark::Column::StudentId.eq(student))
        .filter(mark::Column::LessonId.is_in(lessons))
        .all(&app.db)
        .await
        .unwrap()
}
