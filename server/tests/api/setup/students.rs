//! A class's students by hand: moved to another class from a date, marked
//! as having left; the journal shows each from the day they joined until
//! their last day, and takes their marks only on those days.

use app::model::journal::EditOutcome;
use app::server::entities::{enrolment, lesson, mark, period};
use app::server::seed::{ADMIN_EMAIL, TEACHER_EMAIL};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::both_databases;
use crate::helpers::{validation_fields, TestApp};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// The first student of a class, by id.
async fn first_student(app: &TestApp, class_id: i64) -> i64 {
    enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(class_id))
        .order_by_asc(enrolment::Column::StudentId)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .student_id
}

/// A student's enrolments, oldest first.
async fn enrolments_of(app: &TestApp, student: i64) -> Vec<enrolment::Model> {
    enrolment::Entity::find()
        .filter(enrolment::Column::StudentId.eq(student))
        .order_by_asc(enrolment::Column::StartsOn)
        .all(&app.db)
        .await
        .unwrap()
}

/// The day after the student's last mark in the class.
async fn after_last_mark(app: &TestApp, student: i64, section: i64) -> NaiveDate {
    let lessons: Vec<i64> = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(section))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect();
    let marks = mark::Entity::find()
        .filter(mark::Column::StudentId.eq(student))
        .filter(mark::Column::LessonId.is_in(lessons))
        .all(&app.db)
        .await
        .unwrap();
    let mut last = day(9, 1);
    for m in marks {
        let l = lesson::Entity::find_by_id(m.lesson_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        last = last.max(l.date);
    }
    last.succ_opt().unwrap()
}

/// A lesson of the section on or after `from` and before `to`.
async fn lesson_between(app: &TestApp, section: i64, from: NaiveDate, to: NaiveDate) -> i64 {
    lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(section))
        .filter(lesson::Column::Date.gte(from))
        .filter(lesson::Column::Date.lt(to))
        .order_by_asc(lesson::Column::Date)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("a lesson of {section} in {from}..{to}"))
        .id
}

/// The student's row of a grid: (from, until).
fn row_of(g: &Value, student: i64) -> (Value, Value) {
    let s = g["students"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == student)
        .unwrap_or_else(|| panic!("{student} in the grid"));
    (s["from"].clone(), s["until"].clone())
}

async fn second_quarter(app: &TestApp) -> String {
    period::Entity::find()
        .filter(period::Column::Name.eq("2 четверть"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

async fn a_student_moves_to_another_class_from_a_date(app: &TestApp) {
    let admin = app.signed_in(ADMIN_EMAIL).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let (to_class, from_class) = (app.class("5А").await, app.class("5Б").await);
    let (new_maths, old_maths) = (app.maths("5А").await, app.maths("5Б").await);
    let student = first_student(app, from_class.id).await;
    let free_from = after_last_mark(app, student, old_maths.id).await;
    assert!(
        free_from <= day(11, 23),
        "the demo's marks end by the seed day"
    );
    let move_on = |date: &'static str, class: i64| (student.to_string(), class.to_string(), date);
    let call = |(student, class, date): (String, String, &'static str)| {
        let admin = admin.clone();
        async move {
            app.call_json::<Value>(
                &admin,
                "setup_move_student",
                &[
                    ("student_id", &student),
                    ("class_id", &class),
                    ("starts_on", date),
                ],
            )
            .await
        }
    };
    let before = enrolments_of(app, student).await;

    // Wrong: a bad date, the same class, a day before marks they have.
    for (form, field) in [
        (move_on("31.11.2026", to_class.id), "starts_on"),
        (move_on("2026-11-23", from_class.id), "class_id"),
        (move_on("2027-06-15", to_class.id), "starts_on"),
        (move_on("2026-09-15", to_class.id), "starts_on"),
    ] {
        let (status, body) = call(form).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(validation_fields(&body), [field], "{body}");
    }
    assert_eq!(enrolments_of(app, student).await, before, "nothing written");

    let (status, body) = call(move_on("2026-11-23", to_class.id)).await;
    assert_eq!(status, 200, "{body}");
    let now = enrolments_of(app, student).await;
    assert_eq!(now.len(), 2);
    assert_eq!(
        (now[0].class_id, now[0].ends_on),
        (from_class.id, Some(day(11, 22)))
    );
    assert_eq!(
        (now[1].class_id, now[1].starts_on, now[1].ends_on),
        (to_class.id, day(11, 23), None)
    );
    let trail = app.audit_trail("person", student).await;
    assert_eq!(trail.last().unwrap().action, "student_moved");
    // The old class lists them until the day before, and where they went.
    let (_, old_class) = app
        .call_json::<Value>(
            &admin,
            "setup_class",
            &[("class_id", &from_class.id.to_string())],
        )
        .await;
    let listed = old_class["students"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == student)
        .cloned()
        .expect("still listed in the old class");
    assert_eq!(
        (listed["ends_on"].clone(), listed["moved_to"].clone()),
        (Value::from("2026-11-22"), Value::from("5А"))
    );

    // The new class's journal shows them from that day, and takes their
    // marks from that day only.
    let q2 = second_quarter(app).await;
    let (status, g) = app
        .journal_grid(
            &teacher,
            &[("section", &new_maths.id.to_string()), ("period", &q2)],
        )
        .await;
    assert_eq!(status, 200, "{g}");
    assert_eq!(
        row_of(&g, student),
        (Value::from("2026-11-23"), Value::Null)
    );
    let before_move = lesson_between(app, new_maths.id, day(11, 5), day(11, 23)).await;
    let after_move = lesson_between(app, new_maths.id, day(11, 23), day(12, 4)).await;
    assert!(matches!(
        app.put_mark(&teacher, new_maths.id, before_move, student, "5")
            .await,
        Ok(EditOutcome::Refused(_))
    ));
    assert!(matches!(
        app.put_mark(&teacher, new_maths.id, after_move, student, "5")
            .await,
        Ok(EditOutcome::Saved(_))
    ));

    // Back to the class they were in: refused by name.
    let (status, body) = call(move_on("2026-11-30", from_class.id)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["class_id"]);

    // Another school's administrator: 403, and nothing changes.
    let (_, other) = app.new_school().await;
    let res = app
        .call(
            &other,
            "setup_move_student",
            &[
                ("student_id", &student.to_string()),
                ("class_id", &from_class.id.to_string()),
                ("starts_on", "2026-11-30"),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
    let res = app
        .call(
            &other,
            "setup_student_left",
            &[
                ("student_id", &student.to_string()),
                ("ends_on", "2026-11-30"),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(enrolments_of(app, student).await.len(), 2);
}

async fn a_student_who_left_is_shown_until_their_last_day(app: &TestApp) {
    let admin = app.signed_in(ADMIN_EMAIL).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let class = app.class("5А").await;
    let s = app.maths("5А").await;
    let student = first_student(app, class.id).await;
    let first_free = after_last_mark(app, student, s.id).await;
    let class_detail = || async {
        app.call_json::<Value>(
            &admin,
            "setup_class",
            &[("class_id", &class.id.to_string())],
        )
        .await
        .1
    };
    let before = class_detail().await["class"]["students"].as_u64().unwrap();
    let leave_on = |date: String| {
        let (admin, id) = (admin.clone(), student.to_string());
        async move {
            app.call_json::<Value>(
                &admin,
                "setup_student_left",
                &[("student_id", &id), ("ends_on", &date)],
            )
            .await
        }
    };
    // A last day before marks they have is refused; so is no date.
    let too_early = first_free.pred_opt().unwrap().pred_opt().unwrap();
    for date in [too_early.to_string(), String::new()] {
        let (status, body) = leave_on(date.clone()).await;
        assert_eq!(status, 422, "{date}: {body}");
        assert_eq!(validation_fields(&body), ["ends_on"]);
    }
    assert!(enrolments_of(app, student).await[0].ends_on.is_none());

    let last = day(11, 24).max(first_free);
    let (status, body) = leave_on(last.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(enrolments_of(app, student).await[0].ends_on, Some(last));
    let q2 = second_quarter(app).await;
    let (_, g) = app
        .journal_grid(&teacher, &[("section", &s.id.to_string()), ("period", &q2)])
        .await;
    assert_eq!(
        row_of(&g, student),
        (Value::Null, Value::from(last.to_string()))
    );
    let after = lesson_between(app, s.id, last.succ_opt().unwrap(), day(12, 4)).await;
    assert!(matches!(
        app.put_mark(&teacher, s.id, after, student, "5").await,
        Ok(EditOutcome::Refused(_))
    ));
    // Gone: not to be moved or marked as left again.
    let (status, _) = leave_on("2026-11-30".into()).await;
    assert_eq!(status, 404);
    let detail = class_detail().await;
    assert_eq!(
        detail["class"]["students"],
        before - 1,
        "less the one who left"
    );
    let listed = detail["students"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == student)
        .expect("who left stays listed");
    assert_eq!(listed["ends_on"], last.to_string());
    assert_eq!(listed["moved_to"], Value::Null, "left, not moved");
}

both_databases!(
    a_student_moves_to_another_class_from_a_date,
    a_student_who_left_is_shown_until_their_last_day,
);
