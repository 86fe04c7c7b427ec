use app::api::SessionUser;
use app::server::entities::{enrolment, lesson, mark, person, user};
use app::server::seed::{DEMO_PASSWORD, PARENT_EMAIL, STUDENT_EMAIL, TEACHER_EMAIL};
use app::server::{diary, AppState};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::both_databases;
use crate::helpers::{client, seed_day, TestApp};

async fn person_id(app: &TestApp, last: &str, first: &str) -> i64 {
    person::Entity::find()
        .filter(person::Column::LastName.eq(last))
        .filter(person::Column::FirstName.eq(first))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A student of the school who is not one of the demo family's children.
async fn other_child(app: &TestApp) -> i64 {
    let family = [
        person_id(app, "Кузнецова", "Мария").await,
        person_id(app, "Кузнецов", "Иван").await,
    ];
    enrolment::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.student_id)
        .find(|s| !family.contains(s))
        .unwrap()
}

async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let c = client();
    let res = app.login(&c, email, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200);
    c
}

async fn week_of(app: &TestApp, c: &reqwest::Client, form: &[(&str, &str)]) -> (u16, Value) {
    let res = app.call(c, "diary_week", form).await;
    (res.status().as_u16(), res.json().await.unwrap())
}

async fn parent_reads_each_childs_week(app: &TestApp) {
    let c = signed_in(app, PARENT_EMAIL).await;
    let week = seed_day().to_string();

    let (status, first) = week_of(app, &c, &[("week", &week)]).await;

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

    let maria = person_id(app, "Кузнецова", "Мария").await.to_string();
    let (status, second) = week_of(app, &c, &[("student", &maria), ("week", &week)]).await;
    assert_eq!(status, 200);
    assert_eq!(second["scope"]["student"]["class_name"], "7А");
    assert_ne!(first["days"], second["days"]);
}

async fn the_week_shows_exactly_the_students_marks_attendance_and_homework(app: &TestApp) {
    let c = signed_in(app, STUDENT_EMAIL).await;
    let maria = person_id(app, "Кузнецова", "Мария").await;
    let week = seed_day().to_string();

    let (_, view) = week_of(app, &c, &[("week", &week)]).await;

    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
    let saturday = monday + chrono::Duration::days(5);
    let lessons: Vec<i64> = lesson::Entity::find()
        .filter(lesson::Column::Date.between(monday, saturday))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect();
    let mut expected: Vec<i64> = mark::Entity::find()
        .filter(mark::Column::StudentId.eq(maria))
        .filter(mark::Column::LessonId.is_in(lessons))
        .all(&app.db)
        .await
        .unwrap()
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

async fn another_familys_child_is_refused_with_403(app: &TestApp) {
    let c = signed_in(app, PARENT_EMAIL).await;
    let stranger = other_child(app).await.to_string();

    for endpoint in ["diary_week", "diary_marks", "diary_homework", "diary_news"] {
        let res = app.call(&c, endpoint, &[("student", &stranger)]).await;
        assert_eq!(res.status(), 403, "{endpoint}");
        assert_eq!(
            res.json::<Value>().await.unwrap(),
            serde_json::json!("Forbidden")
        );
    }
}

async fn a_student_sees_only_themselves(app: &TestApp) {
    let c = signed_in(app, STUDENT_EMAIL).await;
    let brother = person_id(app, "Кузнецов", "Иван").await.to_string();

    let (status, _) = week_of(app, &c, &[("student", &brother)]).await;
    assert_eq!(status, 403);

    let (status, own) = week_of(app, &c, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(own["scope"]["children"].as_array().unwrap().len(), 1);
}

async fn a_teacher_or_an_anonymous_visitor_has_no_diary(app: &TestApp) {
    let c = signed_in(app, TEACHER_EMAIL).await;
    let (status, _) = week_of(app, &c, &[]).await;
    assert_eq!(status, 403);

    let (status, body) = week_of(app, &client(), &[]).await;
    assert_eq!(status, 401);
    assert_eq!(body, serde_json::json!("Unauthorized"));
}

async fn marks_by_subject_carry_the_right_weighted_average(app: &TestApp) {
    let c = signed_in(app, PARENT_EMAIL).await;
    let maria = person_id(app, "Кузнецова", "Мария").await;

    let res = app
        .call(&c, "diary_marks", &[("student", &maria.to_string())])
        .await;
    assert_eq!(res.status(), 200);
    let view: app::api::diary::MarksView = res.json().await.unwrap();

    assert_eq!(view.period.name, "2 четверть");
    assert_eq!(view.subjects.len(), 8);
    let maths = view
        .subjects
        .iter()
        .find(|s| s.subject == "Математика")
        .unwrap();
    // Recompute from the database, independently of the service.
    let lessons: Vec<i64> = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(maths.section_id))
        .filter(lesson::Column::Date.between(view.period.starts_on, view.period.ends_on))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| l.id)
        .collect();
    let rows = mark::Entity::find()
        .filter(mark::Column::StudentId.eq(maria))
        .filter(mark::Column::LessonId.is_in(lessons))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(maths.marks.len(), rows.len());
    let (num, den) = rows
        .iter()
        .filter(|m| !m.excluded)
        .fold((0i64, 0i64), |(n, d), m| {
            (
                n + i64::from(m.points.unwrap()) * i64::from(m.weight_centi),
                d + i64::from(m.weight_centi),
            )
        });
    let shown = app::api::diary::average_of(&maths.marks);
    assert_eq!(shown.weighted_sum as i64, num);
    assert_eq!(shown.total_weight as i64, den);

    // The closed first quarter has its period marks.
    let q1 = view.periods.iter().find(|p| p.locked).unwrap();
    let res = app
        .call(
            &c,
            "diary_marks",
            &[
                ("student", &maria.to_string()),
                ("period", &q1.id.to_string()),
            ],
        )
        .await;
    let q1_view: app::api::diary::MarksView = res.json().await.unwrap();
    assert!(q1_view.subjects.iter().all(|s| s.period_mark.is_some()));

    // A period of another school year is refused with a message.
    let res = app
        .call(
            &c,
            "diary_marks",
            &[("student", &maria.to_string()), ("period", "999999")],
        )
        .await;
    assert_eq!(res.status(), 422);
}

async fn news_and_homework_are_the_childs_own(app: &TestApp) {
    let c = signed_in(app, PARENT_EMAIL).await;
    let maria = person_id(app, "Кузнецова", "Мария").await.to_string();
    let ivan = person_id(app, "Кузнецов", "Иван").await.to_string();

    let news: Value = app
        .call(&c, "diary_news", &[("student", &maria)])
        .await
        .json()
        .await
        .unwrap();
    let remarks = news["remarks"].as_array().unwrap();
    assert_eq!(remarks.len(), 2);
    assert!(remarks.iter().any(|r| r["praise"] == true));
    let titles: Vec<&str> = news["announcements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Экскурсия в Эрмитаж"),
        "the class's own announcement"
    );
    assert!(
        titles.contains(&"Родительское собрание"),
        "the school's announcement"
    );

    let news: Value = app
        .call(&c, "diary_news", &[("student", &ivan)])
        .await
        .json()
        .await
        .unwrap();
    assert!(news["remarks"].as_array().unwrap().is_empty());
    let titles: Vec<&str> = news["announcements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Родительское собрание"], "not 7А's excursion");

    let hw: Value = app
        .call(&c, "diary_homework", &[("student", &ivan)])
        .await
        .json()
        .await
        .unwrap();
    let today = hw["scope"]["today"].as_str().unwrap().to_string();
    assert!(hw["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["due_on"].as_str().unwrap() >= today.as_str()));
    assert!(hw["past"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["due_on"].as_str().unwrap() < today.as_str()));
}

async fn a_week_is_a_fixed_number_of_queries(app: &TestApp) {
    // The parent's account, as the services see it.
    let c = signed_in(app, PARENT_EMAIL).await;
    let me: SessionUser = app.call(&c, "me", &[]).await.json().await.unwrap();
    assert!(user::Entity::find_by_id(me.id.0)
        .one(&app.db)
        .await
        .unwrap()
        .is_some());
    let counter = Arc::new(AtomicUsize::new(0));
    let mut db = app.db.clone();
    let seen = counter.clone();
    db.set_metric_callback(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    });
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
    assert!(full <= 16, "{full} queries for a week with cold caches");

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
    let c = signed_in(app, PARENT_EMAIL).await;
    let ivan = person_id(app, "Кузнецов", "Иван").await;
    let week = seed_day().to_string();
    let (_, before) = week_of(app, &c, &[("week", &week)]).await;
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

    let (_, after) = week_of(app, &c, &[("week", &week)]).await;
    assert_eq!(after["days"][0]["lessons"][0]["topic"], "Новая тема");
}

async fn homework_files_go_only_to_those_who_may_see_them(app: &TestApp) {
    use app::server::entities::{attachment, homework};
    use sea_orm::ActiveModelTrait;
    // A worksheet attached to homework due this week in Иван's class (5А).
    let c = signed_in(app, PARENT_EMAIL).await;
    let ivan = person_id(app, "Кузнецов", "Иван").await;
    let (_, week) = week_of(
        app,
        &c,
        &[
            ("student", &ivan.to_string()),
            ("week", &seed_day().to_string()),
        ],
    )
    .await;
    let homework_id = week["days"][0]["lessons"][0]["homework_due"][0]["id"]
        .as_i64()
        .unwrap();
    let hw = homework::Entity::find_by_id(homework_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    std::fs::create_dir_all(app.files_dir().join("hw")).unwrap();
    std::fs::write(app.files_dir().join("hw/sheet.txt"), "Задачи 1–5").unwrap();
    let teacher_user = user::Entity::find()
        .filter(user::Column::Email.eq(TEACHER_EMAIL))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let file = attachment::ActiveModel {
        owner_kind: sea_orm::Set("homework".into()),
        owner_id: sea_orm::Set(hw.id),
        file_name: sea_orm::Set("Лист задач.txt".into()),
        content_type: sea_orm::Set("text/plain; charset=utf-8".into()),
        size_bytes: sea_orm::Set(19),
        storage_key: sea_orm::Set("hw/sheet.txt".into()),
        created_by: sea_orm::Set(teacher_user.id),
        created_at: sea_orm::Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let url = app.url(&format!("/files/{}", file.id));

    // The parent sees it listed with the homework (the week is re-read only
    // when the class's journal version changes) and downloads it.
    app::server::cache::bump_class(&app.db, hw_class(app, hw.section_id).await)
        .await
        .unwrap();
    let (_, week) = week_of(
        app,
        &c,
        &[
            ("student", &ivan.to_string()),
            ("week", &seed_day().to_string()),
        ],
    )
    .await;
    let listed = &week["days"][0]["lessons"][0]["homework_due"][0]["attachments"][0];
    assert_eq!(listed["file_name"], "Лист задач.txt");
    let res = c.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("UTF-8''"));
    assert_eq!(res.text().await.unwrap(), "Задачи 1–5");

    // The student of another class, and an anonymous visitor, do not.
    let maria = signed_in(app, STUDENT_EMAIL).await;
    assert_eq!(maria.get(&url).send().await.unwrap().status(), 403);
    assert_eq!(client().get(&url).send().await.unwrap().status(), 401);
    let teacher = signed_in(app, TEACHER_EMAIL).await;
    let expected = if hw.section_id == listed_section(app, hw.section_id).await {
        200
    } else {
        403
    };
    assert_eq!(teacher.get(&url).send().await.unwrap().status(), expected);
}

async fn hw_class(app: &TestApp, section: i64) -> i64 {
    app::server::entities::course_section::Entity::find_by_id(section)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .class_id
}

/// The section if the demo teacher (mathematics) teaches it, else 0.
async fn listed_section(app: &TestApp, section: i64) -> i64 {
    let s = app::server::entities::course_section::Entity::find_by_id(section)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let maths_teacher = person_id(app, "Смирнова", "Елена").await;
    if s.teacher_id == maths_teacher {
        section
    } else {
        0
    }
}

both_databases!(
    homework_files_go_only_to_those_who_may_see_them,
    parent_reads_each_childs_week,
    the_week_shows_exactly_the_students_marks_attendance_and_homework,
    another_familys_child_is_refused_with_403,
    a_student_sees_only_themselves,
    a_teacher_or_an_anonymous_visitor_has_no_diary,
    marks_by_subject_carry_the_right_weighted_average,
    news_and_homework_are_the_childs_own,
    a_week_is_a_fixed_number_of_queries,
    a_journal_change_shows_in_a_cached_week,
);
