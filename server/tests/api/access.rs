//! Registration, confirmation and the application workflow, with mail
//! delivered to a real SMTP server.

use app::server::entities::{person, school, user, user_role};
use app::server::seed::{DEMO_PASSWORD, OFFICER_EMAIL};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::Value;

use crate::helpers::{client, TestApp};
use crate::smtp::SmtpServer;
use crate::{both_databases, both_databases_with_smtp};

const EMAIL: &str = "olga.petrova@example.ru";
const PASSWORD: &str = "ПарольРодителя1";

async fn register(app: &TestApp, c: &reqwest::Client, email: &str) -> reqwest::Response {
    app.call(
        c,
        "register",
        &[
            ("email", email),
            ("password", PASSWORD),
            ("last_name", "Петрова"),
            ("first_name", "Ольга"),
            ("middle_name", "Игоревна"),
        ],
    )
    .await
}

/// Registers and confirms through the mailed link; returns a signed-in client.
async fn registered_parent(app: &TestApp, smtp: &SmtpServer) -> reqwest::Client {
    let c = client();
    let before = smtp.received().len();
    assert_eq!(register(app, &c, EMAIL).await.status(), 200);
    let mail = smtp.wait_for(before + 1).await.pop().unwrap();
    let token = mail
        .body
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        app.call(&c, "confirm_email", &[("token", &token)])
            .await
            .status(),
        200
    );
    assert_eq!(app.login(&c, EMAIL, PASSWORD).await.status(), 200);
    c
}

async fn roster_child(app: &TestApp, first: &str, last: &str) -> person::Model {
    person::Entity::find()
        .filter(person::Column::FirstName.eq(first))
        .filter(person::Column::LastName.eq(last))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn class_of(app: &TestApp, name: &str) -> i64 {
    use app::server::entities::class;
    class::Entity::find()
        .filter(class::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn file(
    app: &TestApp,
    c: &reqwest::Client,
    class: i64,
    child: [&str; 3],
    born: &str,
) -> reqwest::Response {
    app.call(
        c,
        "file_application",
        &[
            ("school", "1"),
            ("class", &class.to_string()),
            ("parent_last", "Петрова"),
            ("parent_first", "Ольга"),
            ("parent_middle", "Игоревна"),
            ("child_last", child[0]),
            ("child_first", child[1]),
            ("child_middle", child[2]),
            ("child_birth_date", born),
            ("relation", "mother"),
        ],
    )
    .await
}

async fn officer(app: &TestApp) -> reqwest::Client {
    let c = client();
    assert_eq!(
        app.login(&c, OFFICER_EMAIL, DEMO_PASSWORD).await.status(),
        200
    );
    c
}

async fn registration_mails_a_link_that_confirms_the_address(app: &TestApp, smtp: &SmtpServer) {
    let c = client();

    let res = register(app, &c, EMAIL).await;

    assert_eq!(res.status(), 200);
    let user_id: i64 = res.json().await.unwrap();
    let mail = smtp.wait_for(1).await.remove(0);
    assert_eq!(mail.envelope_to, EMAIL);
    assert!(mail.to.contains(EMAIL));
    assert_eq!(mail.subject, "Дневник: подтвердите адрес электронной почты");
    assert!(mail.body.contains("Здравствуйте, Ольга!"));
    assert!(mail
        .body
        .contains(&format!("идентификатор пользователя: {user_id}")));
    // Not confirmed yet: no sign-in.
    let res = app.login(&c, EMAIL, PASSWORD).await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        serde_json::json!("EmailNotConfirmed")
    );

    let token = mail
        .body
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    assert_eq!(
        app.call(&c, "confirm_email", &[("token", token)])
            .await
            .status(),
        200
    );
    // A link works once.
    assert_eq!(
        app.call(&c, "confirm_email", &[("token", token)])
            .await
            .status(),
        422
    );
    assert_eq!(app.login(&c, EMAIL, PASSWORD).await.status(), 200);
    let me: Value = app.call(&c, "me", &[]).await.json().await.unwrap();
    assert_eq!(me["id"], user_id);
    assert_eq!(me["email"], EMAIL);
}

async fn the_whole_workflow_approves_one_child_and_rejects_another(
    app: &TestApp,
    smtp: &SmtpServer,
) {
    let parent = registered_parent(app, smtp).await;
    let officer = officer(app).await;
    let ivan = roster_child(app, "Иван", "Кузнецов").await;
    let born = ivan.birth_date.unwrap().to_string();
    let class_5a = class_of(app, "5А").await;

    // Two applications, one per child: Иван is on the roster (typed with ё/е
    // and case differences), «Пётр» is not.
    let res = file(
        app,
        &parent,
        class_5a,
        ["кузнецов", "Иван", "андреевич"],
        &born,
    )
    .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let first: i64 = app
        .call(&parent, "my_applications", &[])
        .await
        .json::<Value>()
        .await
        .unwrap()["applications"][0]["id"]
        .as_i64()
        .unwrap();
    let res = file(
        app,
        &parent,
        class_5a,
        ["Петров", "Пётр", "Олегович"],
        "2015-03-03",
    )
    .await;
    let second: i64 = res.json().await.unwrap();

    // The queue shows both, with the roster match of each.
    let queue: Value = app
        .call(&officer, "officer_queue", &[])
        .await
        .json()
        .await
        .unwrap();
    let items = queue["items"].as_array().unwrap();
    // Ours, beside the two the demo applicant filed.
    assert_eq!(items.len(), 4);
    let matched = |id: i64| items.iter().find(|i| i["id"] == id).unwrap()["roster_match"].clone();
    assert_eq!(matched(first), true);
    assert_eq!(matched(second), false);

    // Side by side: the roster record of the first; none for the second.
    let detail: Value = app
        .call(
            &officer,
            "officer_application",
            &[("id", &first.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["roster"]["person_id"], ivan.id);
    let detail: Value = app
        .call(
            &officer,
            "officer_application",
            &[("id", &second.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(detail["roster"].is_null());

    // Approval needs the in-person step and the three checks.
    let approve = |id: i64, checks: bool| {
        let mut form = vec![("id", id.to_string())];
        if checks {
            for k in ["passport_seen", "parent_name_matches", "child_name_matches"] {
                form.push((k, "true".into()));
            }
        }
        form
    };
    let form = approve(first, true);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.call(&officer, "approve_application", &form).await;
    assert_eq!(res.status(), 409, "not before the parent came in person");
    assert_eq!(
        app.call(&officer, "await_signature", &[("id", &first.to_string())])
            .await
            .status(),
        200
    );
    let unchecked = approve(first, false);
    let unchecked: Vec<(&str, &str)> = unchecked.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.call(&officer, "approve_application", &unchecked).await;
    assert_eq!(res.status(), 422);
    let res = app.call(&officer, "approve_application", &form).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);

    // The second cannot be approved: no roster match. It is rejected.
    app.call(&officer, "await_signature", &[("id", &second.to_string())])
        .await;
    let form2 = approve(second, true);
    let form2: Vec<(&str, &str)> = form2.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call(&officer, "approve_application", &form2)
            .await
            .status(),
        409
    );
    let res = app
        .call(
            &officer,
            "reject_application",
            &[
                ("id", &second.to_string()),
                ("reason", "not_in_roster"),
                ("comment", "Ученик в 5А не числится"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);

    // Both mails arrived: access granted, and the reason.
    let mails = smtp.wait_for(3).await;
    let granted = mails
        .iter()
        .find(|m| m.subject == "Дневник: доступ к дневнику предоставлен")
        .unwrap();
    assert_eq!(granted.envelope_to, EMAIL);
    assert!(granted.body.contains("Иван Андреевич"));
    let rejected = mails
        .iter()
        .find(|m| m.subject == "Дневник: заявление отклонено")
        .unwrap();
    assert_eq!(rejected.envelope_to, EMAIL);
    assert!(rejected
        .body
        .contains("ребёнок не найден в контингенте школы"));
    assert!(rejected.body.contains("Ученик в 5А не числится"));

    // The parent sees Иван in the diary at once, and the reason for the other.
    let week: Value = app
        .call(&parent, "diary_week", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(week["scope"]["student"]["id"], ivan.id);
    assert_eq!(week["scope"]["children"].as_array().unwrap().len(), 1);
    let mine: Value = app
        .call(&parent, "my_applications", &[])
        .await
        .json()
        .await
        .unwrap();
    let second_view = mine["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == second)
        .unwrap()
        .clone();
    assert_eq!(second_view["status"], "Rejected");
    assert_eq!(second_view["reject_reason"], "NotInRoster");
    let history: Vec<&str> = second_view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["Filed", "AwaitingSignature", "Rejected"]);
}

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

    // Registration: malformed e-mail, short password, empty name; taken address.
    let res = app
        .call(
            &client(),
            "register",
            &[
                ("email", "not-an-email"),
                ("password", "123"),
                ("last_name", ""),
                ("first_name", "А"),
                ("middle_name", ""),
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
    assert_eq!(fields, ["email", "password", "last_name"]);
    assert_eq!(register(app, &client(), EMAIL).await.status(), 422);
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

async fn a_forgotten_password_is_reset_by_a_mailed_link(app: &TestApp, smtp: &SmtpServer) {
    let old_session = registered_parent(app, smtp).await;
    let c = client();

    // Unknown addresses get the same answer and no mail.
    assert_eq!(
        app.call(
            &c,
            "request_password_reset",
            &[("email", "nobody@example.ru")]
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        app.call(&c, "request_password_reset", &[("email", EMAIL)])
            .await
            .status(),
        200
    );
    let mails = smtp.wait_for(2).await;
    assert_eq!(mails.len(), 2, "the confirmation, then one reset link");
    let mail = mails
        .into_iter()
        .find(|m| m.subject == "Дневник: восстановление пароля")
        .unwrap();
    assert_eq!(mail.envelope_to, EMAIL);
    let token = mail
        .body
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();

    let res = app
        .call(
            &c,
            "reset_password",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .call(
            &c,
            "reset_password",
            &[("token", &token), ("password", "НовыйПароль2026")],
        )
        .await;
    assert_eq!(res.status(), 200);
    // Used once; the old password and the old sessions are gone.
    let res = app
        .call(
            &c,
            "reset_password",
            &[("token", &token), ("password", "ЕщёОдин2026")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(app.login(&client(), EMAIL, PASSWORD).await.status(), 401);
    assert_eq!(
        app.call(&old_session, "me", &[])
            .await
            .json::<Value>()
            .await
            .unwrap(),
        Value::Null
    );
    assert_eq!(
        app.login(&client(), EMAIL, "НовыйПароль2026")
            .await
            .status(),
        200
    );
}

both_databases_with_smtp!(
    a_forgotten_password_is_reset_by_a_mailed_link,
    registration_mails_a_link_that_confirms_the_address,
    the_whole_workflow_approves_one_child_and_rejects_another,
    bad_input_is_refused_per_field_and_nothing_is_written,
    another_schools_officer_gets_403,
);

async fn the_login_e_mail_can_never_be_changed(app: &TestApp) {
    let res = app
        .db
        .execute_unprepared("UPDATE users SET email = 'someone.else@example.ru' WHERE email = 'parent@dnevnik.example'")
        .await;

    let err = res.expect_err("the database refuses");
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    assert!(user::Entity::find()
        .filter(user::Column::Email.eq("parent@dnevnik.example"))
        .one(&app.db)
        .await
        .unwrap()
        .is_some());
}

async fn mail_waits_in_the_outbox_folder_without_smtp(app: &TestApp) {
    let c = client();
    assert_eq!(register(app, &c, EMAIL).await.status(), 200);

    // The sender polls every 100 ms in tests.
    let outbox = app.outbox_dir();
    let started = std::time::Instant::now();
    let file = loop {
        if let Some(f) = std::fs::read_dir(&outbox)
            .ok()
            .and_then(|mut d| d.next())
            .and_then(|e| e.ok())
        {
            break f.path();
        }
        assert!(
            started.elapsed().as_secs() < 20,
            "no message in {}",
            outbox.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let raw = std::fs::read(file).unwrap();
    let mail = mailparse::parse_mail(&raw).unwrap();
    assert!(mail.get_body().unwrap().contains("/confirm?token="));
    let row = app::server::entities::mail_outbox::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.sent_at.is_some(), "marked sent, never sent twice");
}

both_databases!(
    the_login_e_mail_can_never_be_changed,
    mail_waits_in_the_outbox_folder_without_smtp
);
