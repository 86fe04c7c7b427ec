//! The teacher's journal: reading the grid, writing batches of edits, the
//! rules the server enforces (rights, closed periods, versions, validation),
//! the audit trail, cell history and the CSV export.

use app::api::journal::*;
use app::domain::journal::{summarize, CellBase, CellData, CellMark};
use app::server::cache::bump_class_in_open;
use app::server::entities::{
    audit_log, class, course_section, enrolment, homework, lesson, mark, period, period_mark,
    person, subject, user,
};
use app::server::seed::{ADMIN_EMAIL, DEMO_PASSWORD, PARENT_EMAIL, TEACHER_EMAIL};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{json, Value};

use crate::both_databases;
use crate::helpers::{client, seed_day, TestApp};

/// The second subject's teacher (Russian), who does not teach maths.
const OTHER_TEACHER: &str = "teacher2@dnevnik.example";

async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let c = client();
    let res = app.login(&c, email, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200, "{email} signs in");
    c
}

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
    let class = class::Entity::find()
        .filter(class::Column::Name.eq(class_name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let subject = subject::Entity::find()
        .filter(subject::Column::Name.eq("Математика"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(class.id))
        .filter(course_section::Column::SubjectId.eq(subject.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
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

async fn grid(app: &TestApp, c: &reqwest::Client, form: &[(&str, &str)]) -> (u16, Value) {
    let res = app.call(c, "journal_grid", form).await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn save(
    app: &TestApp,
    c: &reqwest::Client,
    section_id: i64,
    edits: &[JournalEdit],
) -> (u16, Option<Vec<EditOutcome>>) {
    let res = c
        .post(app.url("/api/journal_save"))
        .json(&json!({ "section_id": section_id, "edits": edits }))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body = res.text().await.unwrap();
    (status, serde_json::from_str(&body).ok())
}

fn cell_edit(
    lesson_id: i64,
    student_id: i64,
    marks: &[(&str, i64)],
    base: CellBase,
) -> JournalEdit {
    JournalEdit::Cell {
        lesson_id,
        student_id,
        marks: marks
            .iter()
            .map(|(v, wt)| MarkInput {
                value: v.to_string(),
                work_type_id: *wt,
                comment: None,
                excluded: false,
            })
            .collect(),
        attendance: None,
        base,
    }
}

fn saved_cell(o: &EditOutcome) -> CellData {
    match o {
        EditOutcome::Saved(EditState::Cell(c)) => c.clone(),
        other => panic!("expected a saved cell, got {other:?}"),
    }
}

/// A student of the section's class, and a work type id.
async fn student_and_type(app: &TestApp, s: &course_section::Model) -> (i64, i64, i64) {
    let teacher = signed_in(app, TEACHER_EMAIL).await;
    let (status, g) = grid(app, &teacher, &[("section", &s.id.to_string())]).await;
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

async fn the_teacher_reads_the_grid_of_a_section_for_the_current_term(app: &TestApp) {
    let s = maths(app, "5А").await;
    let teacher = signed_in(app, TEACHER_EMAIL).await;

    let (status, g) = grid(app, &teacher, &[("section", &s.id.to_string())]).await;

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
    let (status, default) = grid(app, &teacher, &[]).await;
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
        let c = signed_in(app, email).await;
        let (status, _) = grid(app, &c, &[("section", &sid)]).await;
        assert_eq!(status, 403, "{email} reads");
        let (status, _) = save(app, &c, s.id, std::slice::from_ref(&edit)).await;
        assert_eq!(status, 403, "{email} writes");
    }
    let anonymous = client();
    let (status, _) = save(app, &anonymous, s.id, std::slice::from_ref(&edit)).await;
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
    let other = user::Entity::find()
        .filter(user::Column::Email.eq(OTHER_TEACHER))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut am: lesson::ActiveModel = lesson.clone().into();
    am.substitute_teacher_id = Set(other.person_id);
    am.update(&app.db).await.unwrap();
    let substitute = signed_in(app, OTHER_TEACHER).await;
    let (status, out) = save(app, &substitute, s.id, std::slice::from_ref(&edit)).await;
    assert_eq!(status, 200);
    assert_eq!(saved_cell(&out.unwrap()[0]).text(), "4");
    // …and open the grid, writable at that lesson only, without period marks.
    let (status, g) = grid(app, &substitute, &[("section", &sid)]).await;
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
    let (status, _) = save(app, &substitute, s.id, std::slice::from_ref(&edit2)).await;
    assert_eq!(status, 403);

    // The admin may.
    let admin = signed_in(app, ADMIN_EMAIL).await;
    let (status, out) = save(app, &admin, s.id, &[edit2]).await;
    assert_eq!(status, 200);
    assert_eq!(saved_cell(&out.unwrap()[0]).text(), "4");
}

async fn marks_are_written_updated_and_cleared_with_versions_audit_and_history(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = future_lesson(app, s.id).await;
    let teacher = signed_in(app, TEACHER_EMAIL).await;
    let version_before = class_version(app, s.class_id).await;

    // Create.
    let (status, out) = save(
        app,
        &teacher,
        s.id,
        &[cell_edit(
            lesson.id,
            student,
            &[("5", wt)],
            CellBase::default(),
        )],
    )
    .await;
    assert_eq!(status, 200);
    let first = saved_cell(&out.unwrap()[0]);
    assert_eq!(first.text(), "5");
    assert_eq!(first.marks[0].version, 1);
    assert!(class_version(app, s.class_id).await > version_before);

    // Update to two marks, based on what was stored.
    let (_, out) = save(
        app,
        &teacher,
        s.id,
        &[cell_edit(
            lesson.id,
            student,
            &[("3", wt), ("5", wt)],
            first.base(),
        )],
    )
    .await;
    let second = saved_cell(&out.unwrap()[0]);
    assert_eq!(second.text(), "3/5");
    assert_eq!(second.marks[0].version, 2);
    assert_eq!(second.marks[0].id, first.marks[0].id);
    assert_eq!(second.marks[1].version, 1);
    let stored = mark::Entity::find()
        .filter(mark::Column::LessonId.eq(lesson.id))
        .filter(mark::Column::StudentId.eq(student))
        .order_by_asc(mark::Column::Slot)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        stored
            .iter()
            .map(|m| (m.slot, m.value.as_str(), m.points))
            .collect::<Vec<_>>(),
        [(0, "3", Some(3)), (1, "5", Some(5))]
    );

    // Attendance and clearing.
    let absent = JournalEdit::Cell {
        lesson_id: lesson.id,
        student_id: student,
        marks: vec![],
        attendance: Some("Н".into()),
        base: second.base(),
    };
    let (_, out) = save(app, &teacher, s.id, &[absent]).await;
    let third = saved_cell(&out.unwrap()[0]);
    assert_eq!(third.text(), "Н");
    let (_, out) = save(
        app,
        &teacher,
        s.id,
        &[cell_edit(lesson.id, student, &[], third.base())],
    )
    .await;
    assert!(saved_cell(&out.unwrap()[0]).is_empty());
    assert!(mark::Entity::find()
        .filter(mark::Column::LessonId.eq(lesson.id))
        .all(&app.db)
        .await
        .unwrap()
        .is_empty());

    // Every change is in the audit log, with old and new values.
    let log = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("journal_cell"))
        .filter(audit_log::Column::EntityId.eq(lesson.id))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "mark.create",
            "mark.update",
            "mark.create",
            "mark.delete",
            "mark.delete",
            "attendance.create",
            "attendance.delete"
        ]
    );
    let update = &log[1];
    assert!(update
        .old_value
        .as_deref()
        .unwrap()
        .contains("\"value\":\"5\""));
    assert!(update
        .new_value
        .as_deref()
        .unwrap()
        .contains("\"value\":\"3\""));
    let teacher_id = user::Entity::find()
        .filter(user::Column::Email.eq(TEACHER_EMAIL))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert!(log.iter().all(|e| e.actor_user_id == Some(teacher_id)));

    // The cell's history, newest first, names who did it.
    let res = app
        .call(
            &teacher,
            "journal_history",
            &[
                ("lesson_id", &lesson.id.to_string()),
                ("student_id", &student.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let history: Vec<HistoryEntry> = res.json().await.unwrap();
    assert_eq!(history.len(), 7);
    assert_eq!(history[0].action, "attendance.delete");
    assert_eq!(history[6].action, "mark.create");
    assert_eq!(
        history[6].new_value.as_deref().map(|v| v.starts_with('5')),
        Some(true)
    );
    assert!(history[0].who.starts_with("Смирнова"));
    // Someone without rights cannot read it.
    let parent = signed_in(app, PARENT_EMAIL).await;
    let res = app
        .call(
            &parent,
            "journal_history",
            &[
                ("lesson_id", &lesson.id.to_string()),
                ("student_id", &student.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
}

async fn a_write_based_on_an_old_version_is_a_conflict_and_changes_nothing(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = future_lesson(app, s.id).await;
    let first = signed_in(app, TEACHER_EMAIL).await;
    let second = signed_in(app, ADMIN_EMAIL).await;

    // Both saw an empty cell; the first to save wins.
    let (_, out) = save(
        app,
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
    let (status, out) = save(
        app,
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
    let (_, out) = save(
        app,
        &second,
        s.id,
        &[cell_edit(lesson.id, student, &[("2", wt)], stale)],
    )
    .await;
    assert!(matches!(out.unwrap()[0], EditOutcome::Conflict(_)));
}

async fn a_closed_period_refuses_every_change(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = closed_lesson(app, s.id).await;
    let teacher = signed_in(app, TEACHER_EMAIL).await;
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
                id: Some(m.id),
                version: m.version,
                value: m.value.clone(),
                work_type_id: m.work_type_id,
                weight_centi: m.weight_centi as u32,
                comment: None,
                excluded: false,
            })
            .collect(),
        attendance: None,
    };
    let q1 = quarter(app, 1).await;
    assert!(q1.locked);

    let (status, out) = save(
        app,
        &teacher,
        s.id,
        &[
            cell_edit(lesson.id, student, &[("2", wt)], current.base()),
            JournalEdit::PeriodMark {
                period_id: q1.id,
                student_id: student,
                value: Some("2".into()),
                base_version: None,
            },
            JournalEdit::Lesson {
                lesson_id: lesson.id,
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
    let (_, g) = grid(
        app,
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
    let admin = signed_in(app, ADMIN_EMAIL).await;
    let teacher = signed_in(app, TEACHER_EMAIL).await;
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
            let res = app
                .call(&c, "period_lock", &[("period_id", &id), ("locked", locked)])
                .await;
            (
                res.status().as_u16(),
                res.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };

    // Act and assert: the admin sees the year's periods; others may not.
    let res = app.call(&admin, "school_periods", &[]).await;
    assert_eq!(res.status().as_u16(), 200, "{:?}", res.text().await);
    let list: Value = res.json().await.unwrap();
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
    let (_, out) = save(app, &teacher, s.id, &five).await;
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
    let (_, out) = save(app, &teacher, s.id, &five).await;
    assert!(matches!(out.unwrap()[0], EditOutcome::Saved(_)));
    let actions: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("period"))
        .filter(audit_log::Column::EntityId.eq(q2.id))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["lock", "unlock"]);
}

async fn bad_input_gets_a_clear_message_and_changes_nothing(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, wt) = student_and_type(app, &s).await;
    let lesson = future_lesson(app, s.id).await;
    let teacher = signed_in(app, TEACHER_EMAIL).await;
    let long = "я".repeat(501);
    let edits = [
        cell_edit(lesson.id, student, &[("7", wt)], CellBase::default()),
        cell_edit(lesson.id, student, &[("5", 999_999)], CellBase::default()),
        cell_edit(
            lesson.id,
            student,
            &[("5", wt), ("4", wt), ("3", wt)],
            CellBase::default(),
        ),
        JournalEdit::Cell {
            lesson_id: lesson.id,
            student_id: student,
            marks: vec![MarkInput {
                value: "5".into(),
                work_type_id: wt,
                comment: Some(long),
                excluded: false,
            }],
            attendance: None,
            base: CellBase::default(),
        },
        JournalEdit::Cell {
            lesson_id: lesson.id,
            student_id: student,
            marks: vec![],
            attendance: Some("X".into()),
            base: CellBase::default(),
        },
    ];

    let (status, out) = save(app, &teacher, s.id, &edits).await;

    assert_eq!(status, 200);
    let messages: Vec<String> = out
        .unwrap()
        .into_iter()
        .map(|o| match o {
            EditOutcome::Refused(m) => m,
            other => panic!("expected a refusal, got {other:?}"),
        })
        .collect();
    assert_eq!(messages[0], "«7» — не отметка");
    assert_eq!(messages[1], "Такого вида работы в школе нет");
    assert_eq!(messages[2], "В клетке не больше двух отметок");
    assert_eq!(messages[3], "Комментарий длиннее 500 знаков");
    assert_eq!(messages[4], "«X» — не отметка посещаемости");
    assert!(mark::Entity::find()
        .filter(mark::Column::LessonId.eq(lesson.id))
        .all(&app.db)
        .await
        .unwrap()
        .is_empty());
    // A student of another class is refused too.
    let stranger = person::Entity::find()
        .filter(person::Column::LastName.eq("Кузнецова"))
        .filter(person::Column::FirstName.eq("Мария"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (_, out) = save(
        app,
        &teacher,
        s.id,
        &[cell_edit(
            lesson.id,
            stranger.id,
            &[("5", wt)],
            CellBase::default(),
        )],
    )
    .await;
    assert!(
        matches!(&out.unwrap()[0], EditOutcome::Refused(m) if m == "Этого ученика нет в классе")
    );
    // An empty batch, or too big a one, is a 422; a lesson of another section a 403.
    let (status, _) = save(app, &teacher, s.id, &[]).await;
    assert_eq!(status, 422);
    let too_many = vec![edits[0].clone(); 501];
    let (status, _) = save(app, &teacher, s.id, &too_many).await;
    assert_eq!(status, 422);
    let other_section = maths(app, "7А").await;
    let (status, _) = save(app, &teacher, other_section.id, &edits[..1]).await;
    assert_eq!(status, 403);
}

async fn a_period_mark_is_stored_with_the_computed_average(app: &TestApp) {
    let s = maths(app, "5А").await;
    let (student, _, _) = student_and_type(app, &s).await;
    let teacher = signed_in(app, TEACHER_EMAIL).await;
    let q2 = quarter(app, 2).await;
    let edit = |value: &str, base_version| JournalEdit::PeriodMark {
        period_id: q2.id,
        student_id: student,
        value: Some(value.into()),
        base_version,
    };

    let (status, out) = save(app, &teacher, s.id, &[edit("4", None)]).await;

    assert_eq!(status, 200);
    let saved = match &out.unwrap()[0] {
        EditOutcome::Saved(EditState::PeriodMark(Some(m))) => m.clone(),
        other => panic!("expected a saved period mark, got {other:?}"),
    };
    assert_eq!(saved.value, "4");
    // The average stored beside it is the shared rule over the stored marks.
    let lesson_ids: Vec<i64> = lessons_of(app, s.id)
        .await
        .into_iter()
        .filter(|l| l.date >= q2.starts_on && l.date <= q2.ends_on)
        .map(|l| l.id)
        .collect();
    let cells: Vec<CellData> = mark::Entity::find()
        .filter(mark::Column::LessonId.is_in(lesson_ids))
        .filter(mark::Column::StudentId.eq(student))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| CellData {
            marks: vec![CellMark {
                id: Some(m.id),
                version: m.version,
                value: m.value,
                work_type_id: m.work_type_id,
                weight_centi: m.weight_centi as u32,
                comment: None,
                excluded: m.excluded,
            }],
            attendance: None,
        })
        .collect();
    assert_eq!(saved.average_centi, summarize(cells.iter()).average.centi());
    let row = period_mark::Entity::find()
        .filter(period_mark::Column::PeriodId.eq(q2.id))
        .filter(period_mark::Column::StudentId.eq(student))
        .filter(period_mark::Column::SectionId.eq(s.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.points, Some(4));
    // A second "first" write is a conflict; a write on the stored version passes.
    let (_, out) = save(app, &teacher, s.id, &[edit("5", None)]).await;
    assert!(matches!(
        out.unwrap()[0],
        EditOutcome::Conflict(EditState::PeriodMark(Some(_)))
    ));
    let (_, out) = save(app, &teacher, s.id, &[edit("5", Some(saved.version))]).await;
    assert!(
        matches!(&out.unwrap()[0], EditOutcome::Saved(EditState::PeriodMark(Some(m))) if m.value == "5" && m.version == 2)
    );
    // Not a mark: refused.
    let (_, out) = save(app, &teacher, s.id, &[edit("отл", Some(2))]).await;
    assert!(matches!(out.unwrap()[0], EditOutcome::Refused(_)));
}

async fn the_lesson_header_keeps_topic_and_homework_due_at_a_later_lesson(app: &TestApp) {
    let s = maths(app, "5А").await;
    let teacher = signed_in(app, TEACHER_EMAIL).await;
    let lessons: Vec<lesson::Model> = lessons_of(app, s.id)
        .await
        .into_iter()
        .filter(|l| l.date > seed_day())
        .collect();
    let (lesson, due_at) = (&lessons[0], &lessons[2]);
    let edit = |base_version, due: Option<i64>| JournalEdit::Lesson {
        lesson_id: lesson.id,
        topic: Some("  Сложение дробей ".into()),
        work_type_id: None,
        homework: Some(HomeworkInput {
            text: "№ 512, 514".into(),
            due_lesson_id: due,
        }),
        attendance_taken: true,
        base_version,
    };

    let (status, out) = save(
        app,
        &teacher,
        s.id,
        &[edit(lesson.version, Some(due_at.id))],
    )
    .await;

    assert_eq!(status, 200);
    let saved = match &out.unwrap()[0] {
        EditOutcome::Saved(EditState::Lesson(l)) => l.clone(),
        other => panic!("expected a saved lesson, got {other:?}"),
    };
    assert_eq!(saved.topic.as_deref(), Some("Сложение дробей"));
    assert_eq!(saved.version, lesson.version + 1);
    assert!(saved.attendance_taken);
    let hw = homework::Entity::find()
        .filter(homework::Column::LessonId.eq(lesson.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hw.text, "№ 512, 514");
    assert_eq!(hw.due_lesson_id, Some(due_at.id));
    assert_eq!(hw.due_on, due_at.date);
    // Stale version: conflict, and the stored header comes back.
    let (_, out) = save(app, &teacher, s.id, &[edit(lesson.version, None)]).await;
    assert!(
        matches!(&out.unwrap()[0], EditOutcome::Conflict(EditState::Lesson(l)) if l.version == saved.version)
    );
    // Due at an earlier lesson: refused.
    let (_, out) = save(
        app,
        &teacher,
        s.id,
        &[edit(saved.version, Some(lessons_of(app, s.id).await[0].id))],
    )
    .await;
    assert!(matches!(out.unwrap()[0], EditOutcome::Refused(_)));
    assert_eq!(
        audit_log::Entity::find()
            .filter(audit_log::Column::Entity.eq("lesson"))
            .filter(audit_log::Column::EntityId.eq(lesson.id))
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn the_grid_exports_as_a_csv_that_excel_opens(app: &TestApp) {
    let s = maths(app, "5А").await;
    let teacher = signed_in(app, TEACHER_EMAIL).await;
    let (_, g) = grid(app, &teacher, &[("section", &s.id.to_string())]).await;
    let period_id = g["period"]["id"].as_i64().unwrap();

    let res = teacher
        .get(app.url(&format!(
            "/journal/export.csv?section={}&period={period_id}",
            s.id
        )))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename*=UTF-8''"));
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines.len(),
        1 + g["students"].as_array().unwrap().len(),
        "a header and one line per student"
    );
    let header: Vec<&str> = lines[0].split(';').collect();
    assert_eq!(header[1], "Ученик");
    assert_eq!(header.len(), 2 + g["lessons"].as_array().unwrap().len() + 5);
    assert_eq!(header[header.len() - 5], "Средний балл");
    // Each row's average is the shared rule over the grid's cells.
    let first_student = g["students"][0]["id"].as_i64().unwrap();
    let cells: Vec<CellData> = g["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["student_id"].as_i64() == Some(first_student))
        .map(|c| serde_json::from_value(c["data"].clone()).unwrap())
        .collect();
    let row: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(
        row[row.len() - 5],
        summarize(cells.iter()).average.display().replace('—', "")
    );
    // Others may not export it.
    let parent = signed_in(app, PARENT_EMAIL).await;
    let res = parent
        .get(app.url(&format!("/journal/export.csv?section={}", s.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

both_databases!(
    the_teacher_reads_the_grid_of_a_section_for_the_current_term,
    only_the_teacher_a_substitute_and_the_admin_may_open_or_write,
    marks_are_written_updated_and_cleared_with_versions_audit_and_history,
    a_write_based_on_an_old_version_is_a_conflict_and_changes_nothing,
    a_closed_period_refuses_every_change,
    a_period_closed_while_a_save_waits_for_its_turn_stops_the_write,
    the_school_admin_closes_and_reopens_a_period,
    bad_input_gets_a_clear_message_and_changes_nothing,
    a_period_mark_is_stored_with_the_computed_average,
    the_lesson_header_keeps_topic_and_homework_due_at_a_later_lesson,
    the_grid_exports_as_a_csv_that_excel_opens,
);
