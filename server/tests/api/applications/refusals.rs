//! What the workflow refuses: bad input per field, a second open
//! application for a child, and another school's officer.

use app::server::entities::{school, user, user_role};
use app::server::seed::DEMO_PASSWORD;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::Value;

use super::{class_of, file, roster_child};
use crate::accounts::registered_parent;
use crate::both_databases_with_smtp;
use crate::helpers::{client, TestApp};
use crate::smtp::SmtpServer;

async fn bad_input_is_refused_per_field_and_nothing_is_written(app: &TestApp, smtp: &SmtpServer) {
    let parent = registered_parent(app, smtp).await;
    let class_5a = class_of(app, "5А").await;

    let res = app
        .call(
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

    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let fields: Vec<&str> = body["Validation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
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
    let mine: Value = app
        .call(&parent, "my_applications", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(mine["applications"].as_array().unwrap().is_empty());

    // One open application per child.
    let ivan = roster_child(app, "Иван", "Кузнецов").await;
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
    let ivan = roster_child(app, "Иван", "Кузнецов").await;
    let id: i64 = file(
        app,
        &parent,
        class_of(app, "5А").await,
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
    let stranger = client();
    assert_eq!(
        app.login(&stranger, "officer2@school2.example", DEMO_PASSWORD)
            .await
            .status(),
        200
    );

    for (endpoint, form) in [
        ("officer_application", vec![("id", id.to_string())]),
        ("await_signature", vec![("id", id.to_string())]),
        (
            "reject_application",
            vec![
                ("id", id.to_string()),
                ("reason", "other".into()),
                ("comment", "x".into()),
            ],
        ),
    ] {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            app.call(&stranger, endpoint, &form).await.status(),
            403,
            "{endpoint}"
        );
    }
    let queue: Value = app
        .call(&stranger, "officer_queue", &[])
        .await
        .json()
        .await
        .unwrap();
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
