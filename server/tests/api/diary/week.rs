//! The week: each child's, exactly the student's own rows, a fixed number
//! of queries, and a journal change showing through the cache.

use app::model::accounts::SessionUser;
use app::server::entities::{enrolment, lesson, user};
use app::server::seed::{PARENT_EMAIL, STUDENT_EMAIL};
use app::server::{diary, AppState};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use std::sync::atomic::Ordering;

use super::marks_at;
use crate::both_databases;
use crate::helpers::{seed_day, TestApp};

async fn parent_reads_each_childs_week(app: &TestApp) {
    let c = app.signed_in(PARENT_EMAIL).await;
    let week = seed_day().to_string();

    let (status, first) = app
        .call_json::<Value>(&c, "diary_week", &[("week", &week)])
        .await;

    assert_eq!(status, 200, "{first}");
    // Children by name: Иван (5А) first, then Мария (7А).
    let children: Vec<&str> = first["scope"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"]["first"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["Иван", "Мария"]);
    assert_eq!(first["scope"]["student"]["name"]["first"], "Иван");
    assert_eq!(first["monday"], "2026-11-16");
    let days = first["days"].as_array().unwrap();
    assert_eq!(days.len(), 6);
    let monday = &days[0]["lessons"];
    assert_eq!(monday.as_array().unwrap().len(), 6);
    assert_eq!(monday[0]["number"], 1);
    assert_eq!(monday[0]["starts_at"], "08:30");
    assert!(monday[0]["teacher"].as_str().unwrap().contains('.'));
    assert!(
        days[5]["lessons"].as_array().unwrap().is_empty(),
        "no lessons on Saturday"
    );

    let maria = app.person("Кузнецова", "Мария").await.id.to_string();
    let (status, second) = app
        .call_json::<Value>(&c, "diary_week", &[("student", &maria), ("week", &week)])
        .await;
    assert_eq!(status, 200);
    assert_eq!(second["scope"]["student"]["class_name"], "7А");
    assert_ne!(first["days"], second["days"]);
}

async fn the_week_shows_exactly_the_students_marks_attendance_and_homework(app: &TestApp) {
    let c = app.signed_in(STUDENT_EMAIL).await;
    let maria = app.person("Кузнецова", "Мария").await.id;
    let week = seed_day().to_string();

    let (_, view) = app
        .call_json::<Value>(&c, "diary_week", &[("week", &week)])
        .await;

    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    let saturday = monday + chrono::Duration::days(5);
    let mut expected: Vec<i64> = marks_at(
        app,
        maria,
        lesson::Entity::find().filter(lesson::Column::Date.between(monday, saturday)),
    )
    .await
    .into_iter()
    .map(|m| m.id)
    .collect();
    expected.sort();
    let mut shown: Vec<i64> = view["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["lessons"].as_array().unwrap().iter())
        .flat_map(|l| l["marks"].as_array().unwrap().iter())
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    shown.sort();
    assert_eq!(shown, expected);
    let homework: usize = view["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["lessons"].as_array().unwrap().iter())
        .map(|l| l["homework_due"].as_array().unwrap().len())
        .sum();
    assert!(
        homework >= 25,
        "homework is due at nearly every lesson: {homework}"
    );
}

async fn a_week_is_a_fixed_number_of_queries(app: &TestApp) {
    // The parent's account, as the services see it.
    let c = app.signed_in(PARENT_EMAIL).await;
    let (_, me) = app.call_json::<SessionUser>(&c, "me", &[]).await;
    assert!(user::Entity::find_by_id(me.id.0)
        .one(&app.db)
        .await
        .unwrap()
        .is_some());
    let (db, counter) = app.counted_db();
    let count = |st: AppState, week: chrono::NaiveDate| {
        let me = me.clone();
        let counter = counter.clone();
        async move {
            counter.store(0, Ordering::SeqCst);
            let view = diary::week(&st, &me, None, Some(week)).await.unwrap();
            let lessons: usize = view.days.iter().map(|d| d.lessons.len()).sum();
            (counter.load(Ordering::SeqCst), lessons)
        }
    };
    let fresh = || AppState::new(db.clone(), Default::default());

    // A full week, and the first week of the quarter (Thursday and Friday).
    let (full, full_lessons) = count(fresh(), seed_day()).await;
    let (short, short_lessons) = count(
        fresh(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 5).unwrap(),
    )
    .await;

    assert_eq!(full_lessons, 30);
    assert_eq!(short_lessons, 12);
    assert_eq!(full, short, "queries must not grow with lessons");
    // 18 since the school's own row (its time zone, for "today") and its
    // academic years joined the cached school set-up; 20 since its short
    // bells and shortened days did (cached with it: a warm week reads none).
    assert!(full <= 20, "{full} queries for a week with cold caches");

    // With the set-up cached, a new week reads only the student's own rows;
    // a week seen before costs one query (the class's journal version).
    let warm = fresh();
    count(warm.clone(), seed_day()).await;
    let earlier = seed_day() - chrono::Duration::days(7);
    let (again, _) = count(warm.clone(), earlier).await;
    assert!(
        again <= 6,
        "{again} queries for a new week with warm caches"
    );
    let (cached, lessons) = count(warm, earlier).await;
    assert_eq!(cached, 1, "a cached week checks only the version");
    assert_eq!(lessons, 30);
}

async fn a_journal_change_shows_in_a_cached_week(app: &TestApp) {
    let c = app.signed_in(PARENT_EMAIL).await;
    let ivan = app.person("Кузнецов", "Иван").await.id;
    let week = seed_day().to_string();
    let (_, before) = app
        .call_json::<Value>(&c, "diary_week", &[("week", &week)])
        .await;
    let lesson_id = before["days"][0]["lessons"][0]["id"].as_i64().unwrap();
    let class_id = enrolment::Entity::find()
        .filter(enrolment::Column::StudentId.eq(ivan))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .class_id;

    // A teacher's change: a comment on Monday's first lesson, with the
    // class's version raised in the same transaction.
    let txn = sea_orm::TransactionTrait::begin(&app.db).await.unwrap();
    lesson::Entity::update_many()
        .col_expr(
            lesson::Column::Topic,
            sea_orm::sea_query::Expr::value("Новая тема"),
        )
        .filter(lesson::Column::Id.eq(lesson_id))
        .exec(&txn)
        .await
        .unwrap();
    app::server::cache::bump_class(&txn, class_id)
        .await
        .unwrap();
    txn.commit().await.unwrap();

    let (_, after) = app
        .call_json::<Value>(&c, "diary_week", &[("week", &week)])
        .await;
    assert_eq!(after["days"][0]["lessons"][0]["topic"], "Новая тема");
}

both_databases!(
    parent_reads_each_childs_week,
    the_week_shows_exactly_the_students_marks_attendance_and_homework,
    a_week_is_a_fixed_number_of_queries,
    a_journal_change_shows_in_a_cached_week,
);
