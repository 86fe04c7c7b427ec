//! Homework files: downloaded by those who may see the homework only.

use app::server::entities::user;
use app::server::seed::{PARENT_EMAIL, STUDENT_EMAIL, TEACHER_EMAIL};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{person_id, signed_in, week_of};
use crate::both_databases;
use crate::helpers::{client, seed_day, TestApp};

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

both_databases!(homework_files_go_only_to_those_who_may_see_them);
