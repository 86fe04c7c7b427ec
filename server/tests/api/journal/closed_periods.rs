//! Closed periods: a closed term refuses every change and its grid is
//! read-only, a period closed while a save waits stops the write, and the
//! school admin closes and reopens a period.

use app::domain::journal::{CellBase, CellData, CellMark};
use app::model::journal::{EditOutcome, JournalEdit};
use app::server::cache::bump_class_in_open;
use app::server::entities::{lesson, mark, period};
use app::server::seed::{ADMIN_EMAIL, TEACHER_EMAIL};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;

use super::{
    cell_edit, class_version, closed_lesson, future_lesson, maths, quarter, student_and_type,
};
use crate::both_databases;
use crate::helpers::TestApp;

async fn a_closed_period_refuses_every_change(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = closed_lesson(app, s.id).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let before = mark::Entity::find()
        .filter(mark::Column::LessonId.eq(lesson.id))
        .all(&app.db)
        .await
        .unwrap();
    let current = CellData {
        marks: before
            .iter()
            .filter(|m| m.student_id == student)
            .map(|m| CellMark {
                id: Some(m.id.into()),
                version: m.version,
                value: m.value.clone(),
                work_type_id: m.work_type_id.into(),
                weight_centi: m.weight_centi as u32,
                comment: None,
                excluded: false,
            })
            .collect(),
        attendance: None,
    };
    let q1 = quarter(app, 1).await;
    assert!(q1.locked);

    let (status, out) = app
        .journal_save(
            &teacher,
            s.id,
            &[
                cell_edit(lesson.id, student, &[("2", wt)], current.base()),
                JournalEdit::PeriodMark {
                    period_id: q1.id.into(),
                    student_id: student.into(),
                    value: Some("2".into()),
                    base_version: None,
                },
                JournalEdit::Lesson {
                    lesson_id: lesson.id.into(),
                    topic: Some("Другая тема".into()),
                    work_type_id: None,
                    homework: None,
                    attendance_taken: false,
                    base_version: lesson.version,
                },
            ],
        )
        .await;

    assert_eq!(status, 200);
    for o in out.unwrap() {
        match o {
            EditOutcome::Refused(msg) => assert!(msg.contains("«1 четверть» закрыт"), "{msg}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    let after = mark::Entity::find()
        .filter(mark::Column::LessonId.eq(lesson.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(before, after);
    let l = lesson::Entity::find_by_id(lesson.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(l.topic, lesson.topic);
    // The grid of that period is read-only.
    let (_, g) = app
        .journal_grid(
            &teacher,
            &[
                ("section", &s.id.to_string()),
                ("period", &q1.id.to_string()),
            ],
        )
        .await;
    assert_eq!(g["period"]["locked"], true);
    assert_eq!(g["can_set_period_marks"], false);
    assert!(g["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["writable"] == false));
}

/// A save reads the periods before it waits for its turn to write; the
/// first write of its transaction checks again that none was closed since.
async fn a_period_closed_while_a_save_waits_for_its_turn_stops_the_write(app: &TestApp) {
    // Arrange
    let s = maths(app, "5А").await;
    let q2 = quarter(app, 2).await;
    assert!(!q2.locked);
    let before = class_version(app, s.class_id).await;

    // Act and assert: while the term is open, the class's version moves.
    assert!(bump_class_in_open(&app.db, s.class_id, &[q2.id])
        .await
        .unwrap());
    assert_eq!(class_version(app, s.class_id).await, before + 1);

    // Once it is closed, the write finds nothing to update.
    period::ActiveModel {
        id: Set(q2.id),
        locked: Set(true),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    assert!(!bump_class_in_open(&app.db, s.class_id, &[q2.id])
        .await
        .unwrap());
    assert_eq!(class_version(app, s.class_id).await, before + 1);
    // A write into no period at all still goes through.
    assert!(bump_class_in_open(&app.db, s.class_id, &[]).await.unwrap());
    assert_eq!(class_version(app, s.class_id).await, before + 2);
}

async fn the_school_admin_closes_and_reopens_a_period(app: &TestApp) {
    // Arrange
    let s = maths(app, "5А").await;
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = future_lesson(app, s.id).await;
    let q2 = quarter(app, 2).await;
    assert!(!q2.locked && q2.starts_on <= lesson.date && lesson.date <= q2.ends_on);
    let admin = app.signed_in(ADMIN_EMAIL).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let five = [cell_edit(
        lesson.id,
        student,
        &[("5", wt)],
        CellBase::default(),
    )];
    let id = q2.id.to_string();
    let lock = |c: &reqwest::Client, locked: &'static str| {
        let (c, id) = (c.clone(), id.clone());
        async move {
            app.call_json::<Value>(&c, "period_lock", &[("period_id", &id), ("locked", locked)])
                .await
        }
    };

    // Act and assert: the admin sees the year's periods; others may not.
    let (status, list) = app.call_json::<Value>(&admin, "school_periods", &[]).await;
    assert_eq!(status, 200, "{list}");
    let names: Vec<&str> = list["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"1 четверть") && names.contains(&"2 четверть"),
        "{names:?}"
    );
    assert_eq!(
        app.call(&teacher, "school_periods", &[])
            .await
            .status()
            .as_u16(),
        403
    );
    assert_eq!(lock(&teacher, "true").await.0, 403);
    assert!(!quarter(app, 2).await.locked);

    // Closing it refuses the teacher's marks there, with the period's name.
    let (status, row) = lock(&admin, "true").await;
    assert_eq!(status, 200);
    assert_eq!(row["locked"], true);
    let closed = quarter(app, 2).await;
    assert!(closed.locked && closed.locked_at.is_some());
    let (_, out) = app.journal_save(&teacher, s.id, &five).await;
    match &out.unwrap()[0] {
        EditOutcome::Refused(msg) => assert!(msg.contains("«2 четверть» закрыт"), "{msg}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Closing it again changes nothing and is not logged twice.
    assert_eq!(lock(&admin, "true").await.0, 200);

    // Reopened, the same mark is saved.
    let (status, row) = lock(&admin, "false").await;
    assert_eq!(status, 200);
    assert_eq!(row["locked"], false);
    assert!(quarter(app, 2).await.locked_at.is_none());
    let (_, out) = app.journal_save(&teacher, s.id, &five).await;
    assert!(matches!(out.unwrap()[0], EditOutcome::Saved(_)));
    let actions: Vec<String> = app
        .audit_trail("period", q2.id)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["lock", "unlock"]);
}

both_databases!(
    a_closed_period_refuses_every_change,
    a_period_closed_while_a_save_waits_for_its_turn_stops_the_write,
    the_school_admin_closes_and_reopens_a_period,
);
