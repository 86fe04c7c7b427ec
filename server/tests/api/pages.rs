use app::server::seed::TEACHER_EMAIL;

use crate::both_databases;
use crate::helpers::TestApp;

async fn the_sign_in_page_is_rendered_with_security_headers(app: &TestApp) {
    let res = app.client.get(app.url("/login")).send().await.unwrap();

    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
    let html = res.text().await.unwrap();
    assert!(
        html.contains("<html lang=\"ru\""),
        "rendered in Russian by default"
    );
    assert!(html.contains("Электронная почта"));
    // The hydration script carries exactly the nonce the policy allows.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "script nonce matches the CSP"
    );
}

async fn the_home_page_sends_anonymous_visitors_to_sign_in(app: &TestApp) {
    let res = app
        .client
        .get(app.url("/"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], "/login");
}

async fn the_home_page_is_rendered_on_the_server_for_a_signed_in_teacher(app: &TestApp) {
    let c = app.signed_in(TEACHER_EMAIL).await;

    let res = c.get(app.url("/")).send().await.unwrap();

    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Смирнова Елена Викторовна"));
    assert!(html.contains("Мои классы"));
    assert!(html.contains("Математика"));
}

async fn pages_are_compressed(app: &TestApp) {
    for encoding in ["br", "gzip"] {
        let res = reqwest::Client::new()
            .get(app.url("/login"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["content-encoding"], encoding);
    }
}

async fn the_language_cookie_renders_english(app: &TestApp) {
    let res = reqwest::Client::new()
        .get(app.url("/login"))
        .header("cookie", "lang=en")
        .send()
        .await
        .unwrap();

    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Sign in"));
}

async fn an_unknown_page_is_a_404(app: &TestApp) {
    let res = app
        .client
        .get(app.url("/no-such-page"))
        .send()
        .await
        .unwrap();

    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Страница не найдена"));
}

/// Every `#[server(endpoint = …)]` of the app is routed: a server function
/// the linker dropped from `inventory` and nobody listed in
/// `register_server_fns` would answer with the HTML "not found" page.
async fn every_server_function_answers_at_its_endpoint(app: &TestApp) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src/api");
    let mut endpoints = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in text.split("endpoint = \"").skip(1) {
            endpoints.push(part.split('"').next().unwrap().to_string());
        }
    }
    assert!(endpoints.len() > 50, "{endpoints:?}");
    for name in &endpoints {
        let res = app
            .client
            .post(app.url(&format!("/api/{name}")))
            .form(&[("_", "")])
            .send()
            .await
            .unwrap();
        let html = res
            .headers()
            .get("content-type")
            .is_some_and(|t| t.to_str().unwrap_or_default().starts_with("text/html"));
        assert!(
            !(res.status() == 404 && html),
            "{name} is not routed: add it to app::api::register_server_fns"
        );
    }
}

both_databases!(
    the_sign_in_page_is_rendered_with_security_headers,
    the_home_page_sends_anonymous_visitors_to_sign_in,
    the_home_page_is_rendered_on_the_server_for_a_signed_in_teacher,
    pages_are_compressed,
    the_language_cookie_renders_english,
    an_unknown_page_is_a_404,
    every_server_function_answers_at_its_endpoint,
);
