//! Homework and news: each child's own remarks, class and school
//! announcements, and homework split into upcoming and past.

use app::server::seed::PARENT_EMAIL;
use serde_json::Value;

use super::{person_id, signed_in};
use crate::both_databases;
use crate::helpers::TestApp;

async fn news_and_homework_are_the_childs_own(app: &TestApp) {
    let c = signed_in(app, PARENT_EMAIL).await;
    let maria = person_id(app, "Кузнецова", "Мария").await.to_string();
    let ivan = person_id(app, "Кузнецов", "Иван").await.to_string();

    let news: Value = app
        .call(&c, "diary_news", &[("student", &maria)])
        .await
        .json()
        .await
        .unwrap();
    let remarks = news["remarks"].as_array().unwrap();
    assert_eq!(remarks.len(), 2);
    assert!(remarks.iter().any(|r| r["praise"] == true));
    let titles: Vec<&str> = news["announcements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Экскурсия в Эрмитаж"),
        "the class's own announcement"
    );
    assert!(
        titles.contains(&"Родительское собрание"),
        "the school's announcement"
    );

    let news: Value = app
        .call(&c, "diary_news", &[("student", &ivan)])
        .await
        .json()
        .await
        .unwrap();
    assert!(news["remarks"].as_array().unwrap().is_empty());
    let titles: Vec<&str> = news["announcements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Родительское собрание"], "not 7А's excursion");

    let hw: Value = app
        .call(&c, "diary_homework", &[("student", &ivan)])
        .await
        .json()
        .await
        .unwrap();
    let today = hw["scope"]["today"].as_str().unwrap().to_string();
    assert!(hw["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["due_on"].as_str().unwrap() >= today.as_str()));
    assert!(hw["past"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["due_on"].as_str().unwrap() < today.as_str()));
}

both_databases!(news_and_homework_are_the_childs_own);
