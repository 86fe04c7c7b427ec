//! A shortened day: the school's short bells, the days it keeps them, and
//! the diary showing those days' lessons at the short times.

use app::server::entities::{bell_time, short_day};
use app::server::seed::{ADMIN_EMAIL, STUDENT_EMAIL};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

use crate::both_databases;
use crate::helpers::{validation_fields, TestApp};

/// The student's lessons of one day of the week of `monday`:
/// (number, starts, ends).
fn day_times(week: &Value, date: &str) -> Vec<(i64, String, String)> {
    let day = week["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .unwrap_or_else(|| panic!("{date} in {week}"));
    let mut v: Vec<(i64, String, String)> = day["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["number"].as_i64().unwrap(),
                l["starts_at"].as_str().unwrap_or_default().to_string(),
                l["ends_at"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

async fn a_shortened_day_shows_its_lessons_at_the_short_times(app: &TestApp) {
    let admin = app.signed_in(ADMIN_EMAIL).await;
    let student = app.signed_in(STUDENT_EMAIL).await;
    let usual = bell_time::Entity::find()
        .order_by_asc(bell_time::Column::Number)
        .all(&app.db)
        .await
        .unwrap();
    let week = |c: reqwest::Client| async move {
        app.call_json::<Value>(&c, "diary_week", &[("week", "2026-11-23")])
            .await
            .1
    };
    let before = day_times(&week(student.clone()).await, "2026-11-24");
    assert!(
        !before.is_empty(),
        "the demo student has lessons on Tuesday"
    );
    assert_eq!(
        before[0].1,
        usual
            .iter()
            .find(|b| i64::from(b.number) == before[0].0)
            .unwrap()
            .starts_at
            .format("%H:%M")
            .to_string()
    );

    // A short day needs short bells; they keep the usual numbers.
    let days = json!({ "form": { "name": "Предпраздничный день", "starts_on": "2026-11-24", "ends_on": "" } });
    let (status, body) = app
        .call_with_json(&admin, "setup_add_short_days", &days)
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["starts_on"]);
    let short: Vec<Value> = usual
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let start = 8 * 60 + 30 + i as u32 * 40;
            json!({
                "number": b.number,
                "starts_at": format!("{:02}:{:02}", start / 60, start % 60),
                "ends_at": format!("{:02}:{:02}", (start + 30) / 60, (start + 30) % 60),
            })
        })
        .collect();
    let mut wrong = short.clone();
    wrong.push(json!({ "number": 12, "starts_at": "18:00", "ends_at": "18:30" }));
    let (status, body) = app
        .call_with_json(&admin, "setup_short_bells", &json!({ "bells": wrong }))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        validation_fields(&body),
        [format!("bells.{}.number", short.len()).as_str()]
    );
    let (status, body) = app
        .call_with_json(&admin, "setup_short_bells", &json!({ "bells": short }))
        .await;
    assert_eq!(status, 200, "{body}");
    // Tuesday and Wednesday; Sunday is no school day to shorten.
    let days = json!({ "form": { "name": "Предпраздничный день", "starts_on": "2026-11-24", "ends_on": "2026-11-25" } });
    let (status, added) = app
        .call_with_json(&admin, "setup_add_short_days", &days)
        .await;
    assert_eq!(status, 200, "{added}");
    assert_eq!(added, 2);
    let (_, again) = app
        .call_with_json(&admin, "setup_add_short_days", &days)
        .await;
    assert_eq!(again, 0, "a day is marked once");
    let marked = short_day::Entity::find()
        .filter(short_day::Column::Name.eq("Предпраздничный день"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(marked.len(), 2);

    let after = day_times(&week(student.clone()).await, "2026-11-24");
    for (number, starts, ends) in &after {
        let i = usual
            .iter()
            .position(|b| i64::from(b.number) == *number)
            .unwrap();
        assert_eq!(
            starts,
            short[i]["starts_at"].as_str().unwrap(),
            "lesson {number}"
        );
        assert_eq!(
            ends,
            short[i]["ends_at"].as_str().unwrap(),
            "lesson {number}"
        );
    }
    // Monday is not shortened.
    let student_again = student.clone();
    let monday = day_times(&week(student).await, "2026-11-23");
    if let Some((number, starts, _)) = monday.first() {
        let b = usual
            .iter()
            .find(|b| i64::from(b.number) == *number)
            .unwrap();
        assert_eq!(*starts, b.starts_at.format("%H:%M").to_string());
    }
    let (_, overview) = app.call_json::<Value>(&admin, "setup_overview", &[]).await;
    assert_eq!(overview["short_days"].as_array().unwrap().len(), 2);
    assert_eq!(
        overview["short_bells"].as_array().unwrap().len(),
        usual.len()
    );

    // Tuesday back to a usual day.
    let (status, body) = app
        .call_json::<Value>(&admin, "setup_remove_short_day", &[("date", "2026-11-24")])
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = app
        .call_json::<Value>(&admin, "setup_remove_short_day", &[("date", "2026-11-24")])
        .await;
    assert_eq!(status, 404);
    assert_eq!(day_times(&week(student_again).await, "2026-11-24"), before);
}

both_databases!(a_shortened_day_shows_its_lessons_at_the_short_times);
