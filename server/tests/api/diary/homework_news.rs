//! Homework and news: each child's own remarks, class and school
//! announcements, and homework split into upcoming and past.

use app::server::seed::PARENT_EMAIL;
use serde_json::Value;

use crate::both_databases;
use crate::helpers::TestApp;

/// The titles of the announcements in a `diary_news` answer.
fn titles(news: &Value) -> Vec<&str> {
    news["announcements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect()
}

async fn news_and_homework_are_the_childs_own(app: &TestApp) {
    let c = app.signed_in(PARENT_EMAIL).await;
    let maria = app.person("Кузнецова", "Мария").await.id.to_string();
    let ivan = app.person("Кузнецов", "Иван").await.id.to_string();

    let (_, news) = app
        .call_json::<Value>(&c, "diary_news", &[("student", &maria)])
        .await;
    let remarks = news["remarks"].as_array().unwrap();
    assert_eq!(remarks.len(), 2);
    assert!(remarks.iter().any(|r| r["praise"] == true));
    let titles_of_maria = titles(&news);
    assert!(
        titles_of_maria.contains(&"Экскурсия в Эрмитаж"),
        "the class's own announcement"
    );
    assert!(
        titles_of_maria.contains(&"Родительское собрание"),
        "the school's announcement"
    );

    let (_, news) = app
        .call_json::<Value>(&c, "diary_news", &[("student", &ivan)])
        .await;
    assert!(news["remarks"].as_array().unwrap().is_empty());
    assert_eq!(
        titles(&news),
        ["Родительское собрание"],
        "not 7А's excursion"
    );

    let (_, hw) = app
        .call_json::<Value>(&c, "diary_homework", &[("student", &ivan)])
        .await;
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
