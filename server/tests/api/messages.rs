use app::server::entities::{person, user};
use app::server::seed::{DEMO_PASSWORD, OFFICER_EMAIL, PARENT_EMAIL, TEACHER_EMAIL};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::both_databases;
use crate::helpers::{client, TestApp};

async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let c = client();
    assert_eq!(app.login(&c, email, DEMO_PASSWORD).await.status(), 200);
    c
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn inbox(app: &TestApp, c: &reqwest::Client) -> Value {
    let res = app.call(c, "inbox", &[]).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn ivan(app: &TestApp) -> i64 {
    person::Entity::find()
        .filter(person::Column::FirstName.eq("Иван"))
        .filter(person::Column::LastName.eq("Кузнецов"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn a_parent_writes_to_a_childs_teacher_who_answers(app: &TestApp) {
    let parent = signed_in(app, PARENT_EMAIL).await;
    let teacher = signed_in(app, TEACHER_EMAIL).await;
    let teacher_id = user_id(app, TEACHER_EMAIL).await;
    let ivan = ivan(app).await;
    let before = inbox(app, &teacher).await["unread_total"].as_u64().unwrap();
    // The parent may write to the mathematics teacher about Иван.
    let recipients = inbox(app, &parent).await["recipients"].clone();
    assert!(recipients
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["teacher_user_id"] == teacher_id
            && r["student_id"] == ivan
            && r["subjects"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "Математика")));

    let res = app
        .call(
            &parent,
            "start_thread",
            &[
                ("student", &ivan.to_string()),
                ("teacher", &teacher_id.to_string()),
                ("subject", "Домашнее задание"),
                (
                    "body",
                    "Здравствуйте! Иван не понял задачу № 5. Можно разобрать её на уроке?",
                ),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let thread: i64 = res.json().await.unwrap();

    let teacher_inbox = inbox(app, &teacher).await;
    assert_eq!(teacher_inbox["unread_total"].as_u64().unwrap(), before + 1);
    let summary = teacher_inbox["threads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == thread)
        .unwrap()
        .clone();
    assert_eq!(summary["unread"], 1);
    assert_eq!(summary["with"], "Кузнецов А. П.");
    let opened: Value = app
        .call(
            &teacher,
            "message_thread",
            &[("thread", &thread.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(opened["messages"][0]["mine"], false);
    assert_eq!(
        inbox(app, &teacher).await["unread_total"].as_u64().unwrap(),
        before
    );

    let res = app
        .call(
            &teacher,
            "reply_message",
            &[
                ("thread", &thread.to_string()),
                ("body", "Да, разберём в среду."),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);

    let parent_inbox = inbox(app, &parent).await;
    let summary = parent_inbox["threads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == thread)
        .unwrap()
        .clone();
    assert_eq!(summary["unread"], 1);
    let opened: Value = app
        .call(
            &parent,
            "message_thread",
            &[("thread", &thread.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    let bodies: Vec<&str> = opened["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[1], "Да, разберём в среду.");
    assert_eq!(opened["messages"][1]["author"], "Смирнова Е. В.");
}

async fn a_parent_cannot_write_to_anyone_but_their_childs_teachers(app: &TestApp) {
    let parent = signed_in(app, PARENT_EMAIL).await;
    let ivan = ivan(app).await.to_string();
    let officer = user_id(app, OFFICER_EMAIL).await.to_string();
    let teacher = user_id(app, TEACHER_EMAIL).await.to_string();
    let stranger_child = person::Entity::find()
        .filter(person::Column::BirthDate.is_not_null())
        .filter(person::Column::LastName.ne("Кузнецов"))
        .filter(person::Column::LastName.ne("Кузнецова"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();

    for (student, to) in [(&ivan, &officer), (&stranger_child, &teacher)] {
        let res = app
            .call(
                &parent,
                "start_thread",
                &[
                    ("student", student),
                    ("teacher", to),
                    ("subject", "Вопрос"),
                    ("body", "Текст"),
                ],
            )
            .await;
        assert_eq!(res.status(), 403);
    }
    let threads = inbox(app, &parent).await["threads"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(threads, 1, "only the seeded conversation");
}

async fn only_participants_read_or_answer_a_thread(app: &TestApp) {
    let parent = signed_in(app, PARENT_EMAIL).await;
    let thread = inbox(app, &parent).await["threads"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let outsider = signed_in(app, "teacher2@dnevnik.example").await;

    let read = app
        .call(&outsider, "message_thread", &[("thread", &thread)])
        .await;
    let answer = app
        .call(
            &outsider,
            "reply_message",
            &[("thread", &thread), ("body", "Чужой ответ")],
        )
        .await;

    assert_eq!(read.status(), 403);
    assert_eq!(answer.status(), 403);
    let opened: Value = app
        .call(&parent, "message_thread", &[("thread", &thread)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(opened["messages"].as_array().unwrap().len(), 2);
}

async fn empty_messages_are_refused_per_field(app: &TestApp) {
    let parent = signed_in(app, PARENT_EMAIL).await;
    let ivan = ivan(app).await.to_string();
    let teacher = user_id(app, TEACHER_EMAIL).await.to_string();

    let res = app
        .call(
            &parent,
            "start_thread",
            &[
                ("student", &ivan),
                ("teacher", &teacher),
                ("subject", " "),
                ("body", ""),
            ],
        )
        .await;

    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let fields: Vec<&str> = body["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["subject", "body"]);
    assert_eq!(
        inbox(app, &parent).await["threads"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

both_databases!(
    a_parent_writes_to_a_childs_teacher_who_answers,
    a_parent_cannot_write_to_anyone_but_their_childs_teachers,
    only_participants_read_or_answer_a_thread,
    empty_messages_are_refused_per_field,
);
