//! The application workflow: the parent files, the school officer checks
//! against the roster and decides; mail goes to a real SMTP server.

mod refusals;
mod workflow;

use app::server::entities::person;
use app::server::seed::{DEMO_PASSWORD, OFFICER_EMAIL};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::{client, TestApp};

pub async fn roster_child(app: &TestApp, first: &str, last: &str) -> person::Model {
    person::Entity::find()
        .filter(person::Column::FirstName.eq(first))
        .filter(person::Column::LastName.eq(last))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

pub async fn class_of(app: &TestApp, name: &str) -> i64 {
    use app::server::entities::class;
    class::Entity::find()
        .filter(class::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

pub async fn file(
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

pub async fn officer(app: &TestApp) -> reqwest::Client {
    let c = client();
    assert_eq!(
        app.login(&c, OFFICER_EMAIL, DEMO_PASSWORD).await.status(),
        200
    );
    c
}
