//! The diary's server functions, by view: the week, marks, homework and
//! news, who may see which student, and attached files. The helpers here
//! are shared by them.

use app::server::entities::{enrolment, person};
use app::server::seed::DEMO_PASSWORD;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::helpers::{client, TestApp};

mod files;
mod homework_news;
mod marks;
mod visibility;
mod week;

/// A person of the demo school by name.
async fn person_id(app: &TestApp, last: &str, first: &str) -> i64 {
    person::Entity::find()
        .filter(person::Column::LastName.eq(last))
        .filter(person::Column::FirstName.eq(first))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A student of the school who is not one of the demo family's children.
async fn other_child(app: &TestApp) -> i64 {
    let family = [
        person_id(app, "Кузнецова", "Мария").await,
        person_id(app, "Кузнецов", "Иван").await,
    ];
    enrolment::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.student_id)
        .find(|s| !family.contains(s))
        .unwrap()
}

/// A client signed in with the demo password.
async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let c = client();
    let res = app.login(&c, email, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 200);
    c
}

/// `diary_week` with the given form: its status and JSON.
async fn week_of(app: &TestApp, c: &reqwest::Client, form: &[(&str, &str)]) -> (u16, Value) {
    let res = app.call(c, "diary_week", form).await;
    (res.status().as_u16(), res.json().await.unwrap())
}
