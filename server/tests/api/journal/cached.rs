//! The views built once per journal version (the teacher's grid, the
//! parent's marks): a saved mark shows in both at once, and a view read
//! again costs a fixed few queries, whatever its size.

use app::model::accounts::SessionUser;
use app::model::diary::MarksView;
use app::model::journal::JournalGrid;
use app::server::seed::{PARENT_EMAIL, TEACHER_EMAIL};
use app::server::{journal, AppState};
use std::sync::atomic::Ordering;

use super::{future_lesson, maths, save_new_mark};
use crate::both_databases;
use crate::helpers::TestApp;

async fn a_saved_mark_shows_at_once_in_the_grid_and_the_parents_marks(app: &TestApp) {
    let s = maths(app, "5А").await;
    let ivan = app.person("Кузнецов", "Иван").await.id;
    let lesson = future_lesson(app, s.id).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let parent = app.signed_in(PARENT_EMAIL).await;
    let section = s.id.to_string();
    let student = ivan.to_string();
    let grid = || async {
        let (status, g) = app
            .call_json::<JournalGrid>(&teacher, "journal_grid", &[("section", &section)])
            .await;
        assert_eq!(status, 200);
        g
    };
    let maths_marks = || async {
        let (status, v) = app
            .call_json::<MarksView>(&parent, "diary_marks", &[("student", &student)])
            .await;
        assert_eq!(status, 200);
        let subject = v.subjects.into_iter().find(|x| x.section_id.0 == s.id);
        subject.expect("maths in the diary").marks
    };
    // Each view read twice: built, then as cached.
    grid().await;
    let g = grid().await;
    maths_marks().await;
    let before = maths_marks().await;
    let cell_of = |g: &JournalGrid| {
        g.cells
            .iter()
            .find(|c| c.lesson_id.0 == lesson.id && c.student_id.0 == ivan)
            .map(|c| c.data.clone())
    };
    assert!(cell_of(&g).is_none(), "the lesson is still to come");
    assert!(before
        .iter()
        .all(|m| m.date != lesson.date || m.value != "4"));

    let wt = g.work_types[0].id.0;
    let saved = save_new_mark(app, &teacher, s.id, lesson.id, ivan, ("4", wt)).await;
    assert_eq!(saved.text(), "4");

    let after = grid().await;
    assert_eq!(cell_of(&after).expect("the saved cell").text(), "4");
    let marks = maths_marks().await;
    assert_eq!(marks.len(), before.len() + 1);
    assert!(marks
        .iter()
        .any(|m| m.date == lesson.date && m.value == "4"));
}

async fn a_grid_read_again_costs_a_fixed_few_queries(app: &TestApp) {
    let s = maths(app, "5А").await;
    let c = app.signed_in(TEACHER_EMAIL).await;
    let (_, me) = app.call_json::<SessionUser>(&c, "me", &[]).await;
    let (db, counter) = app.counted_db();
    let st = AppState::new(db, Default::default());
    let read = || async {
        counter.store(0, Ordering::SeqCst);
        let g = journal::grid(&st, me.clone(), Some(s.id.into()), None)
            .await
            .unwrap();
        (counter.load(Ordering::SeqCst), g)
    };
    let (cold, first) = read().await;
    let (warm, again) = read().await;
    assert_eq!(again.cells.len(), first.cells.len());
    assert!(!first.cells.is_empty() && !first.students.is_empty());
    assert!(cold > warm, "{cold} queries built it, {warm} read it again");
    // The section's row and its year's periods (rights and closed periods,
    // fresh), and the class's journal version.
    assert_eq!(warm, 3, "{warm} queries for a grid read again");
}

both_databases!(
    a_saved_mark_shows_at_once_in_the_grid_and_the_parents_marks,
    a_grid_read_again_costs_a_fixed_few_queries,
);
