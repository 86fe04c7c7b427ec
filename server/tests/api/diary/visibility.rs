//! Who may see which student's diary: a parent their own children, a
//! student themselves, nobody else.

use app::server::seed::{PARENT_EMAIL, STUDENT_EMAIL, TEACHER_EMAIL};
use serde_json::Value;

use crate::both_databases;
use crate::helpers::{client, TestApp};

async fn another_familys_child_is_refused_with_403(app: &TestApp) {
    let c = app.signed_in(PARENT_EMAIL).await;
    let stranger = app.other_child().await.to_string();

    for endpoint in ["diary_week", "diary_marks", "diary_homework", "diary_news"] {
        let (status, body) = app
            .call_json::<Value>(&c, endpoint, &[("student", &stranger)])
            .await;
        assert_eq!(status, 403, "{endpoint}");
        assert_eq!(body, serde_json::json!("Forbidden"));
    }
}

async fn a_student_sees_only_themselves(app: &TestApp) {
    let c = app.signed_in(STUDENT_EMAIL).await;
    let brother = app.person("Кузнецов", "Иван").await.id.to_string();

    let (status, _) = app
        .call_json::<Value>(&c, "diary_week", &[("student", &brother)])
        .await;
    assert_eq!(status, 403);

    let (status, own) = app.call_json::<Value>(&c, "diary_week", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(own["scope"]["children"].as_array().unwrap().len(), 1);
}

async fn a_teacher_or_an_anonymous_visitor_has_no_diary(app: &TestApp) {
    let c = app.signed_in(TEACHER_EMAIL).await;
    let (status, _) = app.call_json::<Value>(&c, "diary_week", &[]).await;
    assert_eq!(status, 403);

    let (status, body) = app.call_json::<Value>(&client(), "diary_week", &[]).await;
    assert_eq!(status, 401);
    assert_eq!(body, serde_json::json!("Unauthorized"));
}

both_databases!(
    another_familys_child_is_refused_with_403,
    a_student_sees_only_themselves,
    a_teacher_or_an_anonymous_visitor_has_no_diary,
);
