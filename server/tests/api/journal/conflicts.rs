//! Two editors, one cell: the first save wins, a write based on an older
//! version is a conflict that returns what is stored and changes nothing.

use app::domain::journal::CellBase;
use app::model::journal::{EditOutcome, EditState};
use app::server::entities::mark;
use app::server::seed::{ADMIN_EMAIL, TEACHER_EMAIL};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{cell_edit, future_lesson, maths, saved_cell, student_and_type};
use crate::both_databases;
use crate::helpers::TestApp;

async fn a_write_based_on_an_old_version_is_a_conflict_and_changes_nothing(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = future_lesson(app, s.id).await;
    let first = app.signed_in(TEACHER_EMAIL).await;
    let second = app.signed_in(ADMIN_EMAIL).await;

    // Both saw an empty cell; the first to save wins.
    let (_, out) = app
        .journal_save(
            &first,
            s.id,
            &[cell_edit(
                lesson.id,
                student,
                &[("5", wt)],
                CellBase::default(),
            )],
        )
        .await;
    let winner = saved_cell(&out.unwrap()[0]);
    let (status, out) = app
        .journal_save(
            &second,
            s.id,
            &[cell_edit(
                lesson.id,
                student,
                &[("2", wt)],
                CellBase::default(),
            )],
        )
        .await;

    assert_eq!(status, 200);
    match &out.unwrap()[0] {
        EditOutcome::Conflict(EditState::Cell(current)) => assert_eq!(current, &winner),
        other => panic!("expected a conflict, got {other:?}"),
    }
    let stored = mark::Entity::find()
        .filter(mark::Column::LessonId.eq(lesson.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].value, "5");
    // An update based on a stale version is refused the same way.
    let stale = CellBase {
        marks: vec![(winner.marks[0].id.unwrap(), 0)],
        attendance: None,
    };
    let (_, out) = app
        .journal_save(
            &second,
            s.id,
            &[cell_edit(lesson.id, student, &[("2", wt)], stale)],
        )
        .await;
    assert!(matches!(out.unwrap()[0], EditOutcome::Conflict(_)));
}

both_databases!(a_write_based_on_an_old_version_is_a_conflict_and_changes_nothing,);
