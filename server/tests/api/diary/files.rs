//! Homework files: downloaded by those who may see the homework only.

use app::server::entities::{attachment, course_section, homework};
use app::server::seed::{PARENT_EMAIL, STUDENT_EMAIL, TEACHER_EMAIL};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::Value;

use crate::both_databases;
use crate::helpers::{client, seed_day, TestApp};

async fn homework_files_go_only_to_those_who_may_see_them(app: &TestApp) {
    // A worksheet attached to homework due this week in Иван's class (5А).
    let c = app.signed_in(PARENT_EMAIL).await;
    let ivan = app.person("Кузнецов", "Иван").await.id.to_string();
    let day = seed_day().to_string();
    let this_week = [("student", ivan.as_str()), ("week", day.as_str())];
    let (_, week) = app.call_json::<Value>(&c, "diary_week", &this_week).await;
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
    let file = attachment::ActiveModel {
        owner_kind: Set("homework".into()),
        owner_id: Set(hw.id),
        file_name: Set("Лист задач.txt".into()),
        content_type: Set("text/plain; charset=utf-8".into()),
        size_bytes: Set(19),
        storage_key: Set("hw/sheet.txt".into()),
        created_by: Set(app.user(TEACHER_EMAIL).await.id),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let url = app.url(&format!("/files/{}", file.id));
    let section = course_section::Entity::find_by_id(hw.section_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();

    // The parent sees it listed with the homework (the week is re-read only
    // when the class's journal version changes) and downloads it.
    app::server::cache::bump_class(&app.db, section.class_id)
        .await
        .unwrap();
    let (_, week) = app.call_json::<Value>(&c, "diary_week", &this_week).await;
    let listed = &week["days"][0]["lessons"][0]["homework_due"][0]["attachments"][0];
    assert_eq!(listed["file_name"], "Лист задач.txt");
    let res = c.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("UTF-8''"));
    assert_eq!(res.text().await.unwrap(), "Задачи 1–5");

    // The student of another class, and an anonymous visitor, do not; the
    // demo teacher (mathematics) only if it is her lesson's homework.
    let maria = app.signed_in(STUDENT_EMAIL).await;
    assert_eq!(maria.get(&url).send().await.unwrap().status(), 403);
    assert_eq!(client().get(&url).send().await.unwrap().status(), 401);
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let expected = if section.teacher_id == app.person("Смирнова", "Елена").await.id {
        200
    } else {
        403
    };
    assert_eq!(teacher.get(&url).send().await.unwrap().status(), expected);
}

both_databases!(homework_files_go_only_to_those_who_may_see_them);
