use crate::both_databases;
use crate::helpers::TestApp;

async fn health_reports_the_database(app: &TestApp) {
    let res = app.client.get(app.url("/health")).send().await.unwrap();

    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
}

async fn health_reports_a_closed_database_as_unavailable(app: &TestApp) {
    app.db.clone().close().await.unwrap();

    let res = app.client.get(app.url("/health")).send().await.unwrap();

    assert_eq!(res.status(), 503);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["database"], "unavailable");
}

both_databases!(
    health_reports_the_database,
    health_reports_a_closed_database_as_unavailable
);
