//! What the workflow refuses: bad input per field, a second open
//! application for a child, and another school's officer.

use app::server::entities::{school, user, user_role};
use app::server::seed::DEMO_PASSWORD;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::Value;

use super::file;
use crate::accounts::registered_parent;
use crate::both_databases_with_smtp;
use crate::helpers::{validation_fields, TestApp};
use crate::smtp::SmtpServer;

async fn bad_input_is_refused_per_field_and_nothing_is_written(app: &TestApp, smtp: &SmtpServer) {
    let parent = registered_parent(app, smtp).await;
    let class_5a = app.class("5А").await.id;

    let (status, body) = app
        .call_json::<Value>(
            &parent,
            "file_application",
            &[
                ("school", "999"),
                ("class", &class_5a.to_string()),
                ("parent_last", ""),
                ("parent_first", "Ольга"),
                ("parent_middle", ""),
                ("child_last", "Иванов"),
                ("child_first", "  "),
                ("child_middle", ""),
                ("child_birth_date", "2030-01-01"),
                ("relation", "aunt"),
            ],
        )
        .await;

    assert_eq!(status, 422);
    let fields = validation_fields(&body);
    for f in [
        "school",
        "class",
        "parent_last",
        "child_first",
        "child_birth_date",
        "relation",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let (_, mine) = app
        .call_json::<Value>(&parent, "my_applications", &[])
        .await;
    assert!(mine["applications"].as_array().unwrap().is_empty());

    // One open application per child.
    let ivan = app.person("Кузнецов", "Иван").await;
    let born = ivan.birth_date.unwrap().to_string();
    assert_eq!(
        file(
            app,
            &parent,
            class_5a,
            ["Кузнецов", "Иван", "Андреевич"],
            &born
        )
        .await
        .status(),
        200
    );
    let again = file(
        app,
        &parent,
        class_5a,
        ["КУЗНЕЦОВ", "Иван", "Андреевич"],
        &born,
    )
    .await;
    assert_eq!(again.status(), 422);
}

async fn another_schools_officer_gets_403(app: &TestApp, smtp: &SmtpServer) {
    let parent = registered_parent(app, smtp).await;
    let ivan = app.person("Кузнецов", "Иван").await;
    let id: i64 = file(
        app,
        &parent,
        app.class("5А").await.id,
        ["Кузнецов", "Иван", "Андреевич"],
        &ivan.birth_date.unwrap().to_string(),
    )
    .await
    .json()
    .await
    .unwrap();
    // A second school with its own officer.
    let now = Utc::now();
    let other = school::ActiveModel {
        name: Set("Школа № 2".into()),
        short_name: Set("Школа № 2".into()),
        city: Set("Санкт-Петербург".into()),
        five_from_centi: Set(465),
        four_from_centi: Set(365),
        three_from_centi: Set(265),
        created_at: Set(now),
        time_zone: Set("Asia/Yekaterinburg".into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let hash = app::server::auth::hash_password(DEMO_PASSWORD).unwrap();
    let u = user::ActiveModel {
        email: Set("officer2@school2.example".into()),
        password_hash: Set(Some(hash)),
        person_id: Set(None),
        email_verified_at: Set(Some(now)),
        locale: Set("ru".into()),
        disabled: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    user_role::ActiveModel {
        user_id: Set(u.id),
        role: Set("officer".into()),
        school_id: Set(Some(other.id)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let stranger = app.signed_in("officer2@school2.example").await;

    let id = id.to_string();
    for (endpoint, form) in [
        ("officer_application", vec![("id", id.as_str())]),
        ("await_signature", vec![("id", id.as_str())]),
        (
            "reject_application",
            vec![("id", id.as_str()), ("reason", "other"), ("comment", "x")],
        ),
    ] {
        assert_eq!(
            app.call(&stranger, endpoint, &form).await.status(),
            403,
            "{endpoint}"
        );
    }
    let (_, queue) = app
        .call_json::<Value>(&stranger, "officer_queue", &[])
        .await;
    assert!(
        queue["items"].as_array().unwrap().is_empty(),
        "not another school's applications"
    );
    // A parent is no officer at all.
    assert_eq!(app.call(&parent, "officer_queue", &[]).await.status(), 403);
}

both_databases_with_smtp!(
    bad_input_is_refused_per_field_and_nothing_is_written,
    another_schools_officer_gets_403,
);
