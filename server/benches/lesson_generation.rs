//! Generating a year of lessons for a school of 40 classes from their weekly
//! timetables (issue 12: about 30,000 lessons in under 10 s on SQLite).
//!
//! Builds the school in a fresh SQLite database through the set-up services
//! (the first run, the year in quarters with holidays, bells, 8 subjects,
//! 40 teachers, 40 classes, 320 sections, 25 lessons a week per class with
//! no teacher in two places at once), then times generating the whole
//! year's lessons, and generating them again (nothing to create). Prints
//! the figures; record them in docs/benchmarks.md.
//!
//! `cargo bench -p server --bench lesson_generation`; `BENCH_DATABASE_URL`
//! runs it on another database (e.g. a fresh PostgreSQL one).

use std::time::Instant;

use app::domain::ids::{ClassId, PeriodId, PersonId, SectionId, SubjectId, YearId};
use app::domain::roles::Role;
use app::model::accounts::{RoleGrant, SessionUser};
use app::model::setup::{BellForm, SlotForm, SpanForm, YearForm};
use app::server::setup::{bells, calendar, classes, init, sections, staff, subjects, timetable};
use app::server::{db, AppState, AuthSettings};

const CLASSES: usize = 40;
const SUBJECTS: usize = 8;
const PER_DAY: i32 = 5;

fn span(a: &str, b: &str) -> SpanForm {
    SpanForm {
        name: String::new(),
        starts_on: a.into(),
        ends_on: b.into(),
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db", dir.path().display()));
    let conn = db::connect(&url, 8).await.expect("database");
    db::migrate(&conn).await.expect("migrations");
    let st = AppState::new(conn, AuthSettings::default());
    let mut req = init::NewSchool {
        short_name: "Школа № 1000".into(),
        city: "Санкт-Петербург".into(),
        time_zone: "Europe/Moscow".into(),
        admin_email: "director@school1000.example".into(),
        admin_last_name: "Орлов".into(),
        admin_first_name: "Сергей".into(),
        ..Default::default()
    };
    req.full_name = req.short_name.clone();
    let created = init::create_school(&st.db, "http://127.0.0.1", &req)
        .await
        .unwrap();
    let admin = SessionUser {
        access_version: 0,
        id: created.admin,
        email: req.admin_email.clone(),
        person_id: None,
        name: None,
        roles: vec![RoleGrant {
            role: Role::Admin,
            school_id: Some(created.school),
            school_name: None,
        }],
    };
    let started = Instant::now();
    let year = calendar::create_year(
        &st,
        &admin,
        &YearForm {
            name: "2026/2027".into(),
            starts_on: "2026-09-01".into(),
            ends_on: "2027-05-31".into(),
            kind: "quarter".into(),
            periods: vec![
                span("2026-09-01", "2026-10-24"),
                span("2026-11-05", "2026-12-28"),
                span("2027-01-12", "2027-03-20"),
                span("2027-03-30", "2027-05-31"),
            ],
            holidays: vec![
                span("2026-10-25", "2026-11-04"),
                span("2026-12-29", "2027-01-11"),
                span("2027-03-21", "2027-03-29"),
            ],
        },
    )
    .await
    .unwrap();
    let bell_forms: Vec<BellForm> = (1..=PER_DAY)
        .map(|n| BellForm {
            number: n,
            starts_at: format!("{}:00", 7 + n),
            ends_at: format!("{}:45", 7 + n),
        })
        .collect();
    bells::set_bells(&st, &admin, &bell_forms).await.unwrap();
    let mut subject_ids: Vec<SubjectId> = Vec::new();
    for s in 0..SUBJECTS {
        subject_ids.push(
            subjects::add(&st, &admin, &format!("Предмет {s}"), "")
                .await
                .unwrap(),
        );
    }
    // Five teachers per subject, each teaching one group of eight classes.
    let mut teachers: Vec<PersonId> = Vec::new();
    for t in 0..SUBJECTS * CLASSES.div_ceil(8) {
        let m = staff::invite(
            &st,
            &admin,
            &format!("teacher{t}@school1000.example"),
            ["Учитель", "Номер", ""],
            "teacher",
        )
        .await
        .unwrap();
        teachers.push(m.person);
    }
    let mut class_ids: Vec<ClassId> = Vec::new();
    for c in 0..CLASSES {
        let name = format!(
            "{}{}",
            5 + c / 8,
            ["А", "Б", "В", "Г", "Д", "Е", "Ж", "З"][c % 8]
        );
        class_ids.push(
            classes::add(&st, &admin, YearId(year.0), &name, 5 + (c / 8) as i32, None)
                .await
                .unwrap(),
        );
    }
    for (c, class) in class_ids.iter().enumerate() {
        let mut section_of: Vec<SectionId> = Vec::new();
        for (s, subject) in subject_ids.iter().enumerate() {
            let teacher = teachers[s * CLASSES.div_ceil(8) + c / 8];
            section_of.push(
                sections::add(&st, &admin, *class, *subject, teacher, "")
                    .await
                    .unwrap(),
            );
        }
        let slots: Vec<SlotForm> = (1..=5i16)
            .flat_map(|day| (1..=PER_DAY).map(move |n| (day, n)))
            .map(|(day, n)| SlotForm {
                weekday: day,
                number: n,
                section_id: section_of[(6 * day as usize + n as usize + c) % SUBJECTS],
                room: String::new(),
            })
            .collect();
        timetable::set_week(&st, &admin, *class, &slots)
            .await
            .unwrap();
    }
    println!("school set up in {:.1} s", started.elapsed().as_secs_f64());
    let overview = app::server::setup::overview::overview(&st, admin.clone())
        .await
        .unwrap();
    let whole_year = overview.years[0]
        .periods
        .iter()
        .find(|p| p.kind == "year")
        .map(|p| PeriodId(p.id.0))
        .unwrap();

    let t = Instant::now();
    let first = timetable::generate(&st, &admin, whole_year, None)
        .await
        .unwrap();
    let first_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let again = timetable::generate(&st, &admin, whole_year, None)
        .await
        .unwrap();
    let again_s = t.elapsed().as_secs_f64();
    println!(
        "generated {} lessons for {CLASSES} classes in {first_s:.2} s ({:.0} lessons/s)",
        first.created,
        first.created as f64 / first_s
    );
    println!(
        "generated again: {} created, {} existing, in {again_s:.2} s",
        again.created, again.existing
    );
    assert_eq!(again.created, 0);
}
