//! Who may see which student's diary: a parent their own children, a
//! student themselves, nobody else.

use app::server::seed::{PARENT_EMAIL, STUDENT_EMAIL, TEACHER_EMAIL};
use serde_json::Value;

use super::{other_child, person_id, signed_in, week_of};
use crate::both_databases;
use crate::helpers::{client, TestApp};

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

both_databases!(
    another_familys_child_is_refused_with_403,
    a_student_sees_only_themselves,
    a_teacher_or_an_anonymous_visitor_has_no_diary,
);
