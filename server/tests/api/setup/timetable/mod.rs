//! From an empty school to a teacher's journal: subjects, a class with
//! three students added by hand, a teacher invited by mail, sections, the
//! week's timetable and the first quarter's lessons generated from it —
//! again without duplicates, and never deleting a lesson that holds
//! something.
//!
//! Refused input is in `refusals`, generating again in `regeneration`, a
//! year changed after its lessons were generated in `year_changes`.

mod refusals;
mod regeneration;
mod year_changes;

use app::model::setup::Generated;
use app::server::entities::{enrolment, lesson, person};
use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{json, Value};

use super::school_year::{bells_form, year_form};
use crate::both_databases;
use crate::helpers::{validation_fields, TestApp};
use crate::journal::save_new_mark;

const TEACHER: &str = "belova@school17.example";

/// A set-up school: (admin client, class id, [math, russian] section ids,
/// period ids by name).
struct School {
    admin: reqwest::Client,
    class_id: i64,
    sections: [i64; 2],
    overview: Value,
}

impl School {
    fn period(&self, name: &str) -> i64 {
        self.overview["years"][0]["periods"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    }
}

fn id(v: &Value) -> String {
    v.as_i64()
        .unwrap_or_else(|| panic!("an id, got {v}"))
        .to_string()
}

async fn set_up(app: &TestApp) -> School {
    let (_, admin) = app.new_school().await;
    let (status, year) = app
        .call_with_json(&admin, "setup_create_year", &year_form())
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        app.call_with_json(&admin, "setup_bells", &bells_form())
            .await
            .0,
        200
    );
    let mut subjects = Vec::new();
    for name in ["Математика", "Русский язык"] {
        let (status, s) = app
            .call_json::<Value>(
                &admin,
                "setup_add_subject",
                &[("name", name), ("short_name", "")],
            )
            .await;
        assert_eq!(status, 200, "{s}");
        subjects.push(id(&s));
    }
    let (status, class) = app
        .call_json::<Value>(
            &admin,
            "setup_add_class",
            &[("year_id", &id(&year)), ("name", "5А"), ("grade", "5")],
        )
        .await;
    assert_eq!(status, 200, "{class}");
    let class_id = id(&class);
    for (last, first, middle, born) in [
        ("Кузнецова", "Мария", "Андреевна", "2015-03-14"),
        ("Орлов", "Илья", "", "2014-11-02"),
        ("Ёлкина", "Алёна", "Игоревна", "2015-07-30"),
    ] {
        let (status, body) = app
            .call_json::<Value>(
                &admin,
                "setup_add_student",
                &[
                    ("class_id", &class_id),
                    ("last_name", last),
                    ("first_name", first),
                    ("middle_name", middle),
                    ("birth_date", born),
                    ("starts_on", "2026-09-01"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = app
        .call_json::<Value>(
            &admin,
            "setup_invite",
            &[
                ("email", TEACHER),
                ("last_name", "Белова"),
                ("first_name", "Татьяна"),
                ("middle_name", "Игоревна"),
                ("role", "teacher"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let teacher_id = id(&body);
    let mut sections = [0i64; 2];
    for (i, subject) in subjects.iter().enumerate() {
        let (status, s) = app
            .call_json::<Value>(
                &admin,
                "setup_add_section",
                &[
                    ("class_id", &class_id),
                    ("subject_id", subject),
                    ("teacher_id", &teacher_id),
                    ("group_name", ""),
                ],
            )
            .await;
        assert_eq!(status, 200, "{s}");
        sections[i] = s.as_i64().unwrap();
    }
    let (_, overview) = app.call_json::<Value>(&admin, "setup_overview", &[]).await;
    School {
        admin,
        class_id: class_id.parse().unwrap(),
        sections,
        overview,
    }
}

/// Math on Monday 1st and Wednesday 1st, Russian on Monday 2nd and Friday 3rd.
fn week(s: &School) -> Value {
    let [math, russian] = s.sections;
    json!({ "class_id": s.class_id, "slots": [
        { "weekday": 1, "number": 1, "section_id": math, "room": "201" },
        { "weekday": 1, "number": 2, "section_id": russian, "room": "" },
        { "weekday": 3, "number": 1, "section_id": math, "room": "201" },
        { "weekday": 5, "number": 3, "section_id": russian, "room": "305" }
    ]})
}

/// Days from `from` to `to` falling on these weekdays (1 = Monday), counted
/// by walking the calendar.
fn count_weekdays(from: NaiveDate, to: NaiveDate, weekdays: &[u32]) -> usize {
    let mut n = 0;
    let mut d = from;
    while d <= to {
        n += weekdays
            .iter()
            .filter(|w| **w == d.weekday().number_from_monday())
            .count();
        d += Duration::days(1);
    }
    n
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn a_new_school_reaches_the_teachers_journal(app: &TestApp) {
    let s = set_up(app).await;
    let (status, body) = app
        .call_with_json(&s.admin, "setup_timetable", &week(&s))
        .await;
    assert_eq!(status, 200, "{body}");
    let q1 = s.period("1 четверть").to_string();
    let class = s.class_id.to_string();

    let (status, report) = app
        .call_json::<Generated>(
            &s.admin,
            "setup_generate",
            &[("period_id", &q1), ("class_id", &class)],
        )
        .await;

    assert_eq!(status, 200);
    // Monday twice, Wednesday and Friday once, from 1 September to 24 October.
    let expected = count_weekdays(d(2026, 9, 1), d(2026, 10, 24), &[1, 1, 3, 5]);
    assert_eq!(
        report,
        Generated {
            created: expected,
            ..Generated::default()
        }
    );
    let (_, again) = app
        .call_json::<Generated>(
            &s.admin,
            "setup_generate",
            &[("period_id", &q1), ("class_id", &class)],
        )
        .await;
    assert_eq!(
        again,
        Generated {
            existing: expected,
            ..Generated::default()
        },
        "idempotent"
    );

    // The teacher sets a password through the mailed link and keeps the
    // class's journal: the lessons on their dates, the three students.
    let teacher = app.accept_invitation(TEACHER).await;
    let [math, _] = s.sections;
    let (status, grid) = app
        .journal_grid(&teacher, &[("section", &math.to_string()), ("period", &q1)])
        .await;
    assert_eq!(status, 200, "{grid}");
    let lessons = grid["lessons"].as_array().unwrap();
    assert_eq!(
        lessons.len(),
        count_weekdays(d(2026, 9, 1), d(2026, 10, 24), &[1, 3])
    );
    assert_eq!(
        lessons[0]["date"], "2026-09-02",
        "Wednesday 2 September, lesson 1"
    );
    assert_eq!(lessons[0]["number"], 1);
    assert_eq!(lessons[1]["date"], "2026-09-07");
    let students: Vec<&str> = grid["students"]
        .as_array()
        .unwrap()
        .iter()
        .map(|st| st["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(students.len(), 3, "{students:?}");
    let student = grid["students"][0]["id"].as_i64().unwrap();
    let work_type = grid["work_types"][0]["id"].as_i64().unwrap();
    let lesson_id = lessons[0]["id"].as_i64().unwrap();
    let saved = save_new_mark(app, &teacher, math, lesson_id, student, ("5", work_type)).await;
    assert_eq!(saved.marks[0].value, "5");
}

both_databases!(a_new_school_reaches_the_teachers_journal);
