//! Two server processes over one database: what one of them changes about
//! an account — a sign-out, a new child to read — holds on the other at the
//! account's next request, not after a cache expires.

use app::server::seed::{APPLICANT_EMAIL, OFFICER_EMAIL, TEACHER_EMAIL};
use serde_json::Value;

use crate::applications::file;
use crate::helpers::TestApp;

/// The session cookie a client got from the first process, to present to
/// the second one by hand.
async fn session_of(app: &TestApp, email: &str) -> (reqwest::Client, String) {
    let c = crate::helpers::client();
    let res = app.login(&c, email, app::server::seed::DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("dnevnik_session="))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_string();
    (c, cookie)
}

/// A server function called on the other process with this cookie.
async fn there(other: &str, cookie: &str, endpoint: &str) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(format!("{other}/api/{endpoint}"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn a_sign_out_on_one_process_holds_on_the_other_at_once(app: &TestApp) {
    let other = app.second_process().await;
    let (c, cookie) = session_of(app, TEACHER_EMAIL).await;
    let (status, me) = there(&other, &cookie, "me").await;
    assert_eq!(
        (status, me["email"].clone()),
        (200, Value::from(TEACHER_EMAIL))
    );

    app.call(&c, "logout", &[]).await;

    let (status, me) = there(&other, &cookie, "me").await;
    assert_eq!((status, me), (200, Value::Null), "signed out there too");
    assert_eq!(there(&other, &cookie, "home").await.0, 401);
}

async fn a_child_granted_on_one_process_is_readable_on_the_other_at_once(app: &TestApp) {
    let other = app.second_process().await;
    let (applicant, cookie) = session_of(app, APPLICANT_EMAIL).await;
    let ivan = app.person("Кузнецов", "Иван").await;
    let res = file(
        app,
        &applicant,
        app.class("5А").await.id,
        ["Кузнецов", "Иван", "Андреевич"],
        &ivan.birth_date.unwrap().to_string(),
    )
    .await;
    let id = res.text().await.unwrap();
    // The other process has read the applicant's account: no child yet.
    let (status, home) = there(&other, &cookie, "home").await;
    assert_eq!(status, 200);
    let children = |home: &Value| home["children"].as_array().map_or(0, Vec::len);
    assert_eq!(children(&home), 0);

    let officer = app.signed_in(OFFICER_EMAIL).await;
    assert_eq!(
        app.call(&officer, "await_signature", &[("id", &id)])
            .await
            .status(),
        200
    );
    let res = app
        .call(
            &officer,
            "approve_application",
            &[
                ("id", id.as_str()),
                ("passport_seen", "true"),
                ("parent_name_matches", "true"),
                ("child_name_matches", "true"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);

    let (status, home) = there(&other, &cookie, "home").await;
    assert_eq!(status, 200);
    assert_eq!(children(&home), 1, "the child is there at once: {home}");
}

crate::both_databases!(
    a_sign_out_on_one_process_holds_on_the_other_at_once,
    a_child_granted_on_one_process_is_readable_on_the_other_at_once,
);
