//! Messages between parents and their children's teachers: who may write to
//! whom, unread counts, and who may read or answer a thread.

use app::server::seed::{OFFICER_EMAIL, PARENT_EMAIL, TEACHER_EMAIL};
use serde_json::Value;

use crate::both_databases;
use crate::helpers::{validation_fields, TestApp};

/// The client's inbox: its threads, unread count and possible recipients.
async fn inbox(app: &TestApp, c: &reqwest::Client) -> Value {
    let (status, inbox) = app.call_json(c, "inbox", &[]).await;
    assert_eq!(status, 200);
    inbox
}

/// One thread's summary in an inbox.
fn summary_of(inbox: &Value, thread: i64) -> &Value {
    inbox["threads"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == thread)
        .unwrap_or_else(|| panic!("thread {thread} in {inbox}"))
}

async fn a_parent_writes_to_a_childs_teacher_who_answers(app: &TestApp) {
    let parent = app.signed_in(PARENT_EMAIL).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let teacher_id = app.user(TEACHER_EMAIL).await.id;
    let ivan = app.person("Кузнецов", "Иван").await.id;
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

    let (status, thread) = app
        .call_json::<i64>(
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
    assert_eq!(status, 200);

    let teacher_inbox = inbox(app, &teacher).await;
    assert_eq!(teacher_inbox["unread_total"].as_u64().unwrap(), before + 1);
    let summary = summary_of(&teacher_inbox, thread);
    assert_eq!(summary["unread"], 1);
    assert_eq!(summary["with"], "Кузнецов А. П.");
    let (_, opened) = app
        .call_json::<Value>(
            &teacher,
            "message_thread",
            &[("thread", &thread.to_string())],
        )
        .await;
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
    let summary = summary_of(&parent_inbox, thread);
    assert_eq!(summary["unread"], 1);
    let (_, opened) = app
        .call_json::<Value>(
            &parent,
            "message_thread",
            &[("thread", &thread.to_string())],
        )
        .await;
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
    let parent = app.signed_in(PARENT_EMAIL).await;
    let ivan = app.person("Кузнецов", "Иван").await.id.to_string();
    let officer = app.user(OFFICER_EMAIL).await.id.to_string();
    let teacher = app.user(TEACHER_EMAIL).await.id.to_string();
    let stranger_child = app.other_child().await.to_string();

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
    let parent = app.signed_in(PARENT_EMAIL).await;
    let thread = inbox(app, &parent).await["threads"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let outsider = app.signed_in("teacher2@dnevnik.example").await;

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
    let (_, opened) = app
        .call_json::<Value>(&parent, "message_thread", &[("thread", &thread)])
        .await;
    assert_eq!(opened["messages"].as_array().unwrap().len(), 2);
}

async fn empty_messages_are_refused_per_field(app: &TestApp) {
    let parent = app.signed_in(PARENT_EMAIL).await;
    let ivan = app.person("Кузнецов", "Иван").await.id.to_string();
    let teacher = app.user(TEACHER_EMAIL).await.id.to_string();

    let (status, body) = app
        .call_json::<Value>(
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

    assert_eq!(status, 422);
    assert_eq!(validation_fields(&body), ["subject", "body"]);
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
