//! Parent accounts: registration, e-mail confirmation, a forgotten
//! password, with mail delivered to a real SMTP server or the outbox folder.

use app::server::seed::PARENT_EMAIL;
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::Value;

use crate::helpers::{client, token_from_mail, validation_fields, TestApp};
use crate::smtp::SmtpServer;
use crate::{both_databases, both_databases_with_smtp};

pub const EMAIL: &str = "olga.petrova@example.ru";
const PASSWORD: &str = "ПарольРодителя1";

pub async fn register(app: &TestApp, c: &reqwest::Client, email: &str) -> reqwest::Response {
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

/// `confirm_email` with a mailed token: its status.
async fn confirm_email(app: &TestApp, c: &reqwest::Client, token: &str) -> u16 {
    app.call(c, "confirm_email", &[("token", token)])
        .await
        .status()
        .as_u16()
}

/// `reset_password` with a mailed token and a new password: its status.
async fn reset_password(app: &TestApp, c: &reqwest::Client, token: &str, password: &str) -> u16 {
    app.call(
        c,
        "reset_password",
        &[("token", token), ("password", password)],
    )
    .await
    .status()
    .as_u16()
}

/// Registers and confirms through the mailed link; returns a signed-in client.
pub async fn registered_parent(app: &TestApp, smtp: &SmtpServer) -> reqwest::Client {
    let c = client();
    let before = smtp.received().len();
    assert_eq!(register(app, &c, EMAIL).await.status(), 200);
    let mail = smtp.wait_for(before + 1).await.pop().unwrap();
    assert_eq!(
        confirm_email(app, &c, token_from_mail(&mail.body)).await,
        200
    );
    assert_eq!(app.login(&c, EMAIL, PASSWORD).await.status(), 200);
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

    let token = token_from_mail(&mail.body);
    assert_eq!(confirm_email(app, &c, token).await, 200);
    // A link works once.
    assert_eq!(confirm_email(app, &c, token).await, 422);
    assert_eq!(app.login(&c, EMAIL, PASSWORD).await.status(), 200);
    let me = app.me(&c).await;
    assert_eq!(me["id"], user_id);
    assert_eq!(me["email"], EMAIL);
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
    let token = token_from_mail(&mail.body);

    assert_eq!(reset_password(app, &c, token, "short").await, 422);
    assert_eq!(reset_password(app, &c, token, "НовыйПароль2026").await, 200);
    // Used once; the old password and the old sessions are gone.
    assert_eq!(reset_password(app, &c, token, "ЕщёОдин2026").await, 422);
    assert_eq!(app.login(&client(), EMAIL, PASSWORD).await.status(), 401);
    assert_eq!(app.me(&old_session).await, Value::Null);
    assert_eq!(
        app.login(&client(), EMAIL, "НовыйПароль2026")
            .await
            .status(),
        200
    );
}

async fn registration_refuses_bad_input_per_field(app: &TestApp) {
    assert_eq!(register(app, &client(), EMAIL).await.status(), 200);

    // Malformed e-mail, short password, empty name; taken address.
    let (status, body) = app
        .call_json::<Value>(
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
    assert_eq!(status, 422);
    assert_eq!(validation_fields(&body), ["email", "password", "last_name"]);
    assert_eq!(register(app, &client(), EMAIL).await.status(), 422);
}

both_databases_with_smtp!(
    a_forgotten_password_is_reset_by_a_mailed_link,
    registration_mails_a_link_that_confirms_the_address,
);

async fn the_login_e_mail_can_never_be_changed(app: &TestApp) {
    let res = app
        .db
        .execute_unprepared(&format!(
            "UPDATE users SET email = 'someone.else@example.ru' WHERE email = '{PARENT_EMAIL}'"
        ))
        .await;

    let err = res.expect_err("the database refuses");
    assert!(err.to_string().contains("cannot be changed"), "{err}");
    // Still there under its own address (`user` panics when there is none).
    assert_eq!(app.user(PARENT_EMAIL).await.email, PARENT_EMAIL);
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
    registration_refuses_bad_input_per_field,
    the_login_e_mail_can_never_be_changed,
    mail_waits_in_the_outbox_folder_without_smtp
);
