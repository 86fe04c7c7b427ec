//! The teacher's journal: reading the grid, writing batches of edits, the
//! rules the server enforces (rights, closed periods, versions, validation),
//! the audit trail, cell history and the CSV export. This file holds what
//! the journal's tests share: the test school's sections, lessons and
//! periods, and edits as the page sends them.

mod cached;
mod closed_periods;
mod conflicts;
mod export;
mod grid;
mod save;

use app::domain::journal::{CellBase, CellData};
use app::model::journal::*;
use app::server::entities::{class, course_section, lesson, period};
use app::server::seed::TEACHER_EMAIL;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::helpers::{seed_day, TestApp};

/// The second subject's teacher (Russian), who does not teach maths.
const OTHER_TEACHER: &str = "teacher2@dnevnik.example";

/// The test school's quarter with this number.
async fn quarter(app: &TestApp, n: u8) -> period::Model {
    period::Entity::find()
        .filter(period::Column::Name.eq(format!("{n} четверть")))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// The maths section of a class (taught by the demo teacher).
async fn maths(app: &TestApp, class_name: &str) -> course_section::Model {
    app.maths(class_name).await
}

async fn lessons_of(app: &TestApp, section_id: i64) -> Vec<lesson::Model> {
    lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(section_id))
        .order_by_asc(lesson::Column::Date)
        .order_by_asc(lesson::Column::Number)
        .all(&app.db)
        .await
        .unwrap()
}

/// The section's first lesson after the seed day: nobody has marks there.
async fn future_lesson(app: &TestApp, section_id: i64) -> lesson::Model {
    lessons_of(app, section_id)
        .await
        .into_iter()
        .find(|l| l.date > seed_day())
        .expect("a lesson after the seed day")
}

/// A lesson in the first quarter, which the seed closed.
async fn closed_lesson(app: &TestApp, section_id: i64) -> lesson::Model {
    lessons_of(app, section_id)
        .await
        .into_iter()
        .next()
        .expect("a lesson in September")
}

/// A cell edit as the page sends it: these marks (value, work type id), no
/// attendance, based on what the editor saw.
fn cell_edit(
    lesson_id: i64,
    student_id: i64,
    marks: &[(&str, i64)],
    base: CellBase,
) -> JournalEdit {
    JournalEdit::Cell {
        lesson_id: lesson_id.into(),
        student_id: student_id.into(),
        marks: marks
            .iter()
            .map(|(v, wt)| MarkInput {
                value: v.to_string(),
                work_type_id: (*wt).into(),
                comment: None,
                excluded: false,
            })
            .collect(),
        attendance: None,
        base,
    }
}

/// The stored cell of an outcome that must be `Saved`.
fn saved_cell(o: &EditOutcome) -> CellData {
    match o {
        EditOutcome::Saved(EditState::Cell(c)) => c.clone(),
        other => panic!("expected a saved cell, got {other:?}"),
    }
}

/// Saves one mark into an empty cell as the teacher; the cell as saved.
pub(crate) async fn save_new_mark(
    app: &TestApp,
    teacher: &reqwest::Client,
    section_id: i64,
    lesson_id: i64,
    student: i64,
    (value, work_type): (&str, i64),
) -> CellData {
    let edit = cell_edit(
        lesson_id,
        student,
        &[(value, work_type)],
        CellBase::default(),
    );
    let (status, out) = app.journal_save(teacher, section_id, &[edit]).await;
    assert_eq!(status, 200);
    saved_cell(&out.unwrap()[0])
}

/// A student of the section's class, and a work type id.
async fn student_and_type(app: &TestApp, s: &course_section::Model) -> (i64, i64, i64) {
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let (status, g) = app
        .journal_grid(&teacher, &[("section", &s.id.to_string())])
        .await;
    assert_eq!(status, 200, "{g}");
    let students = g["students"].as_array().unwrap();
    (
        students[0]["id"].as_i64().unwrap(),
        students[1]["id"].as_i64().unwrap(),
        g["work_types"][0]["id"].as_i64().unwrap(),
    )
}

async fn class_version(app: &TestApp, class_id: i64) -> i64 {
    class::Entity::find_by_id(class_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .data_version
}
