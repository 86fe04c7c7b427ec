//! Signing in and out, sessions and their cookie, each role's home; the
//! guard against guessing passwords in `guard`.

mod guard;
mod processes;

use app::server::entities::{audit_log, session};
use app::server::seed::{DEMO_PASSWORD, PARENT_EMAIL, TEACHER_EMAIL};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::both_databases;
use crate::helpers::{client, validation_fields, TestApp};

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("dnevnik_session="))
        .map(str::to_string)
}

async fn demo_teacher_signs_in_with_a_secure_session_cookie(app: &TestApp) {
    let c = client();

    let res = app.login(&c, TEACHER_EMAIL, DEMO_PASSWORD).await;

    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let cookie = session_cookie(&res).expect("session cookie set");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    let user = app.me(&c).await;
    assert_eq!(user["email"], TEACHER_EMAIL);
    assert_eq!(user["name"]["last"], "Смирнова");
    assert_eq!(user["roles"][0]["role"], "Teacher");
    // The database keeps a hash, never the token itself.
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("dnevnik_session=");
    let stored = session::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token_hash, token);
    assert_eq!(stored[0].token_hash, app::server::auth::token_hash(token));
}

async fn e_mail_is_matched_without_regard_to_case_and_spaces(app: &TestApp) {
    let c = client();

    let res = app
        .login(&c, "  Teacher@DNEVNIK.example ", DEMO_PASSWORD)
        .await;

    assert_eq!(res.status(), 200);
    assert_eq!(app.me(&c).await["email"], TEACHER_EMAIL);
}

async fn wrong_password_and_unknown_account_are_refused_alike(app: &TestApp) {
    for (email, password) in [
        (TEACHER_EMAIL, "not-the-password"),
        ("nobody@dnevnik.example", DEMO_PASSWORD),
    ] {
        let c = client();

        let res = app.login(&c, email, password).await;

        assert_eq!(res.status(), 401);
        assert!(session_cookie(&res).is_none());
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body, serde_json::json!("BadCredentials"));
        assert_eq!(app.me(&c).await, serde_json::Value::Null);
    }
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
}

async fn malformed_input_gets_a_message_per_field(app: &TestApp) {
    let c = client();

    let res = app.login(&c, "teacher-at-school", DEMO_PASSWORD).await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(validation_fields(&body)[0], "email");
    assert_eq!(
        body["Validation"][0]["message"],
        "в адресе электронной почты нет знака @"
    );

    let res = app.login(&c, TEACHER_EMAIL, "").await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(validation_fields(&body)[0], "password");

    let res = app.call(&c, "login", &[("email", TEACHER_EMAIL)]).await;
    assert_eq!(res.status(), 422, "a missing argument is a client error");

    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
}

async fn signing_out_ends_the_session_for_good(app: &TestApp) {
    let c = client();
    let res = app.login(&c, PARENT_EMAIL, DEMO_PASSWORD).await;
    let cookie = session_cookie(&res).unwrap();
    let token = cookie.split(';').next().unwrap().to_string();

    let res = app.call(&c, "logout", &[]).await;

    assert_eq!(res.status(), 200);
    let cleared = session_cookie(&res).expect("cookie cleared");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(app.me(&c).await, serde_json::Value::Null);
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
    // The old token no longer opens anything.
    let replay = reqwest::Client::new()
        .post(app.url("/api/me"))
        .header("cookie", token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        replay.json::<serde_json::Value>().await.unwrap(),
        serde_json::Value::Null
    );
    let actions: Vec<String> = audit_log::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["sign_in", "sign_out"]);
}

async fn an_expired_session_is_not_accepted(app: &TestApp) {
    let c = app.signed_in(TEACHER_EMAIL).await;
    let s = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    session::Entity::update(session::ActiveModel {
        id: Set(s.id),
        expires_at: Set(Utc::now() - chrono::Duration::minutes(1)),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();

    assert_eq!(app.me(&c).await, serde_json::Value::Null);
    assert_eq!(
        session::Entity::find()
            .filter(session::Column::Id.eq(s.id))
            .count(&app.db)
            .await
            .unwrap(),
        0,
        "the expired session is removed"
    );
}

async fn a_session_in_use_still_ends_at_its_absolute_lifetime(app: &TestApp) {
    let c = app.signed_in(TEACHER_EMAIL).await;
    let s = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    // Used every day, so never idle: but opened 91 days ago.
    session::Entity::update(session::ActiveModel {
        id: Set(s.id),
        created_at: Set(Utc::now() - chrono::Duration::days(91)),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();

    assert_eq!(app.me(&c).await, serde_json::Value::Null);
    assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0);
}

async fn personal_answers_are_never_stored_by_a_browser(app: &TestApp) {
    let c = app.signed_in(TEACHER_EMAIL).await;
    for res in [
        c.get(app.url("/journal")).send().await.unwrap(),
        c.post(app.url("/api/me")).send().await.unwrap(),
        c.get(app.url("/login")).send().await.unwrap(),
    ] {
        assert_eq!(
            res.headers()
                .get("cache-control")
                .map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{}",
            res.url()
        );
        assert!(res.headers().get("strict-transport-security").is_none());
    }
}

async fn over_https_the_cookie_is_host_only_and_hsts_is_sent(backend: crate::helpers::Backend) {
    let app = TestApp::spawn_with(backend, |c| {
        c.auth.cookie_secure = true;
        c.server.public_url = "https://dnevnik.example".into();
    })
    .await;
    let c = client();
    let res = app.login(&c, TEACHER_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200);
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("__Host-dnevnik_session="))
        .unwrap_or_else(|| panic!("{cookies:?}"));
    assert!(
        session.contains("Secure") && session.contains("Path=/"),
        "{session}"
    );
    assert!(!session.contains("Domain"), "{session}");
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("__Host-dnevnik_device=")),
        "{cookies:?}"
    );
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    app.cleanup().await;
}

crate::both_backends!(over_https_the_cookie_is_host_only_and_hsts_is_sent);

async fn a_forged_cookie_opens_nothing(app: &TestApp) {
    let c = reqwest::Client::new();

    let res = c
        .post(app.url("/api/home"))
        .header("cookie", format!("dnevnik_session={}", "0".repeat(64)))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 401);
    assert_eq!(
        res.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!("Unauthorized")
    );
}

async fn each_role_gets_its_own_home(app: &TestApp) {
    use app::server::seed::{ADMIN_EMAIL, OFFICER_EMAIL, STUDENT_EMAIL};

    let c = app.signed_in(PARENT_EMAIL).await;
    let (_, home) = app.call_json::<serde_json::Value>(&c, "home", &[]).await;
    let children = home["children"].as_array().expect("a parent sees children");
    let names: Vec<&str> = children
        .iter()
        .map(|c| c["name"]["first"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Иван", "Мария"]);
    assert_eq!(children[0]["class_name"], "5А");
    assert_eq!(children[1]["class_name"], "7А");
    assert!(home["teacher"].is_null() && home["admin"].is_null());

    let c = app.signed_in(TEACHER_EMAIL).await;
    let (_, home) = app.call_json::<serde_json::Value>(&c, "home", &[]).await;
    let sections = home["teacher"]["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 4);
    assert!(sections.iter().all(|s| s["subject_name"] == "Математика"));
    // 5А has three students plus the demo family's son.
    assert_eq!(sections[0]["class_name"], "5А");
    assert_eq!(sections[0]["students"], 4);
    assert!(home["children"].is_null());

    let c = app.signed_in(STUDENT_EMAIL).await;
    let (_, home) = app.call_json::<serde_json::Value>(&c, "home", &[]).await;
    assert_eq!(home["student"]["name"]["last"], "Кузнецова");
    assert!(home["children"].is_null());

    let c = app.signed_in(OFFICER_EMAIL).await;
    let (_, home) = app.call_json::<serde_json::Value>(&c, "home", &[]).await;
    assert_eq!(home["officer"]["roster_students"], 14);
    assert_eq!(
        home["officer"]["open_applications"], 2,
        "the demo applicant's two"
    );

    let c = app.signed_in(ADMIN_EMAIL).await;
    let (_, home) = app.call_json::<serde_json::Value>(&c, "home", &[]).await;
    assert_eq!(home["admin"]["classes"], 4);
    assert_eq!(home["admin"]["teachers"], 8);
    assert_eq!(home["admin"]["current_period"], "2 четверть");
}

both_databases!(
    demo_teacher_signs_in_with_a_secure_session_cookie,
    e_mail_is_matched_without_regard_to_case_and_spaces,
    wrong_password_and_unknown_account_are_refused_alike,
    malformed_input_gets_a_message_per_field,
    signing_out_ends_the_session_for_good,
    an_expired_session_is_not_accepted,
    a_session_in_use_still_ends_at_its_absolute_lifetime,
    personal_answers_are_never_stored_by_a_browser,
    a_forged_cookie_opens_nothing,
    each_role_gets_its_own_home,
);
