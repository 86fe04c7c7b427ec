//! Reading the grid: what the teacher sees for the current term, and who may
//! open or write a section's journal (teacher, substitute, admin; nobody else).

use app::domain::journal::CellBase;
use app::server::entities::{enrolment, lesson, mark};
use app::server::seed::{ADMIN_EMAIL, PARENT_EMAIL, TEACHER_EMAIL};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{
    cell_edit, future_lesson, lessons_of, maths, saved_cell, student_and_type, OTHER_TEACHER,
};
use crate::both_databases;
use crate::helpers::{client, TestApp};

async fn the_teacher_reads_the_grid_of_a_section_for_the_current_term(app: &TestApp) {
    let s = maths(app, "5А").await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;

    let (status, g) = app
        .journal_grid(&teacher, &[("section", &s.id.to_string())])
        .await;

    assert_eq!(status, 200, "{g}");
    assert_eq!(g["section"]["class_name"], "5А");
    assert_eq!(g["section"]["subject_name"], "Математика");
    assert_eq!(g["period"]["name"], "2 четверть");
    assert_eq!(g["period"]["locked"], false);
    assert_eq!(g["can_set_period_marks"], true);
    // Students by surname, then first name.
    let names: Vec<(String, String)> = g["students"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"]["last"].as_str().unwrap().to_string(),
                s["name"]["first"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let enrolled = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(s.class_id))
        .all(&app.db)
        .await
        .unwrap()
        .len();
    assert_eq!(names.len(), enrolled);
    assert!(names.contains(&("Кузнецов".to_string(), "Иван".to_string())));
    // Lessons of the term only, by date, every one writable.
    let lessons = g["lessons"].as_array().unwrap();
    assert!(!lessons.is_empty());
    let dates: Vec<&str> = lessons
        .iter()
        .map(|l| l["date"].as_str().unwrap())
        .collect();
    assert!(dates
        .iter()
        .all(|d| *d >= "2026-11-05" && *d <= "2026-12-28"));
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert!(lessons.iter().all(|l| l["writable"] == true));
    // Cells hold the seeded marks of this section only.
    let in_db = mark::Entity::find()
        .filter(
            mark::Column::LessonId.is_in(
                lessons
                    .iter()
                    .map(|l| l["id"].as_i64().unwrap())
                    .collect::<Vec<_>>(),
            ),
        )
        .all(&app.db)
        .await
        .unwrap()
        .len();
    let in_grid: usize = g["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["data"]["marks"].as_array().unwrap().len())
        .sum();
    assert_eq!(in_grid, in_db);
    // The teacher's switcher lists their sections; the default is one of them.
    assert_eq!(g["sections"].as_array().unwrap().len(), 4);
    let (status, default) = app.journal_grid(&teacher, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(default["sections"], g["sections"]);
}

async fn only_the_teacher_a_substitute_and_the_admin_may_open_or_write(app: &TestApp) {
    let s = maths(app, "5А").await;
    let sid = s.id.to_string();
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = future_lesson(app, s.id).await;
    let edit = cell_edit(lesson.id, student, &[("4", wt)], CellBase::default());

    // A parent and another teacher: 403 for reading and writing; nothing written.
    for email in [PARENT_EMAIL, OTHER_TEACHER] {
        let c = app.signed_in(email).await;
        let (status, _) = app.journal_grid(&c, &[("section", &sid)]).await;
        assert_eq!(status, 403, "{email} reads");
        let (status, _) = app
            .journal_save(&c, s.id, std::slice::from_ref(&edit))
            .await;
        assert_eq!(status, 403, "{email} writes");
    }
    let anonymous = client();
    let (status, _) = app
        .journal_save(&anonymous, s.id, std::slice::from_ref(&edit))
        .await;
    assert_eq!(status, 401);
    assert_eq!(
        mark::Entity::find()
            .filter(mark::Column::LessonId.eq(lesson.id))
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        0
    );

    // The other teacher substitutes at this lesson: they may write there…
    let other = app.user(OTHER_TEACHER).await;
    let mut am: lesson::ActiveModel = lesson.clone().into();
    am.substitute_teacher_id = Set(other.person_id);
    am.update(&app.db).await.unwrap();
    let substitute = app.signed_in(OTHER_TEACHER).await;
    let (status, out) = app
        .journal_save(&substitute, s.id, std::slice::from_ref(&edit))
        .await;
    assert_eq!(status, 200);
    assert_eq!(saved_cell(&out.unwrap()[0]).text(), "4");
    // …and open the grid, writable at that lesson only, without period marks.
    let (status, g) = app.journal_grid(&substitute, &[("section", &sid)]).await;
    assert_eq!(status, 200);
    assert_eq!(g["can_set_period_marks"], false);
    for l in g["lessons"].as_array().unwrap() {
        assert_eq!(l["writable"], l["id"].as_i64() == Some(lesson.id));
    }
    // …but not at another lesson of the section.
    let other_lesson = lessons_of(app, s.id)
        .await
        .into_iter()
        .find(|l| l.date > lesson.date)
        .unwrap();
    let edit2 = cell_edit(other_lesson.id, student, &[("4", wt)], CellBase::default());
    let (status, _) = app
        .journal_save(&substitute, s.id, std::slice::from_ref(&edit2))
        .await;
    assert_eq!(status, 403);

    // The admin may.
    let admin = app.signed_in(ADMIN_EMAIL).await;
    let (status, out) = app.journal_save(&admin, s.id, &[edit2]).await;
    assert_eq!(status, 200);
    assert_eq!(saved_cell(&out.unwrap()[0]).text(), "4");
}

both_databases!(
    the_teacher_reads_the_grid_of_a_section_for_the_current_term,
    only_the_teacher_a_substitute_and_the_admin_may_open_or_write,
);
