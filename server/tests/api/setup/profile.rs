//! The school's profile, the rounding of period marks and the work types:
//! checked field by field, audited, and a new weight given to the marks of
//! open periods only when the administrator asks, never to a closed
//! period's.

use std::collections::HashMap;

use app::server::entities::{class, lesson, mark, period, school, work_type};
use app::server::seed::{ADMIN_EMAIL, TEACHER_EMAIL};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};

use crate::both_databases;
use crate::helpers::{validation_fields, TestApp};

fn profile_form(five: &str, four: &str, three: &str, zone: &str) -> Value {
    json!({ "form": {
        "name": "Средняя общеобразовательная школа № 17",
        "short_name": "Школа № 17",
        "city": "Владивосток",
        "address": "ул. Светланская, 1",
        "time_zone": zone,
        "five_from": five,
        "four_from": four,
        "three_from": three,
    }})
}

/// An audit entry's old or new value.
fn value(v: &Option<String>) -> Value {
    serde_json::from_str(v.as_deref().expect("a value")).expect("JSON")
}

fn work_type_form(name: &str, weight: &str) -> Value {
    json!({ "name": name, "short_name": "", "weight": weight })
}

async fn the_administrator_sets_the_profile_and_the_rounding(app: &TestApp) {
    let (created, admin) = app.new_school().await;
    let (status, p) = app.call_json::<Value>(&admin, "setup_profile", &[]).await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["policy"]["five_from_centi"], 465);
    assert_eq!(p["work_types"].as_array().unwrap().len(), 6);
    let before = school::Entity::find_by_id(created.school.0)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();

    // Every wrong field is named; nothing is written.
    let mut bad = profile_form("5,5", "4,7", "x", "Mars/Olympus");
    bad["form"]["name"] = json!("  ");
    let (status, body) = app.call_with_json(&admin, "setup_save_profile", &bad).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        validation_fields(&body),
        ["name", "time_zone", "five_from", "three_from"]
    );
    let (status, body) = app
        .call_with_json(
            &admin,
            "setup_save_profile",
            &profile_form("4,5", "4,5", "2,5", "Asia/Vladivostok"),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["four_from"]);
    let unchanged = school::Entity::find_by_id(created.school.0)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged, before);

    let (status, body) = app
        .call_with_json(
            &admin,
            "setup_save_profile",
            &profile_form("4,60", "3.6", "2,6", "Asia/Vladivostok"),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let s = school::Entity::find_by_id(created.school.0)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (s.five_from_centi, s.four_from_centi, s.three_from_centi),
        (460, 360, 260)
    );
    assert_eq!(s.time_zone, "Asia/Vladivostok");
    assert_eq!(s.city, "Владивосток");
    assert_eq!(s.address.as_deref(), Some("ул. Светланская, 1"));
    let trail = app.audit_trail("school", s.id).await;
    let last = trail.last().expect("the change is audited");
    assert_eq!(last.action, "school_profile_changed");
    assert_eq!(value(&last.old_value)["five_from_centi"], 465);
    assert_eq!(value(&last.new_value)["five_from_centi"], 460);
    assert_eq!(value(&last.new_value)["time_zone"], "Asia/Vladivostok");

    // The demo school's name is another school's.
    let mut taken = profile_form("4,6", "3,6", "2,6", "Asia/Vladivostok");
    let demo = school::Entity::find()
        .filter(school::Column::Id.ne(s.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    taken["form"]["short_name"] = json!(demo.short_name);
    let (status, body) = app
        .call_with_json(&admin, "setup_save_profile", &taken)
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["short_name"]);

    // Only an administrator.
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let (status, _) = app.call_json::<Value>(&teacher, "setup_profile", &[]).await;
    assert_eq!(status, 403);
    let (status, _) = app
        .call_with_json(&teacher, "setup_save_profile", &taken)
        .await;
    assert_eq!(status, 403);
}

/// The marks of a work type, split by whether their lesson is in a closed
/// period of the demo school: (open, closed), each as (mark id, weight).
async fn marks_by_period(app: &TestApp, work_type_id: i64) -> (Vec<(i64, i32)>, Vec<(i64, i32)>) {
    let closed: Vec<period::Model> = period::Entity::find()
        .filter(period::Column::Locked.eq(true))
        .all(&app.db)
        .await
        .unwrap();
    let marks = mark::Entity::find()
        .filter(mark::Column::WorkTypeId.eq(work_type_id))
        .all(&app.db)
        .await
        .unwrap();
    let dates: HashMap<i64, chrono::NaiveDate> = lesson::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|l| (l.id, l.date))
        .collect();
    let (mut open, mut shut) = (Vec::new(), Vec::new());
    for m in marks {
        let d = dates[&m.lesson_id];
        if closed.iter().any(|p| p.starts_on <= d && d <= p.ends_on) {
            shut.push((m.id, m.weight_centi));
        } else {
            open.push((m.id, m.weight_centi));
        }
    }
    (open, shut)
}

fn listed<'a>(profile: &'a Value, name: &str) -> &'a Value {
    profile["work_types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == name)
        .unwrap_or_else(|| panic!("{name} listed in {profile}"))
}

async fn a_new_weight_reweights_the_marks_of_open_periods_only_when_asked(app: &TestApp) {
    let admin = app.signed_in(ADMIN_EMAIL).await;
    let test = work_type::Entity::find()
        .filter(work_type::Column::Name.eq("Контрольная работа"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (open, shut) = marks_by_period(app, test.id).await;
    assert!(
        !open.is_empty() && !shut.is_empty(),
        "the demo has tests in a closed quarter and in the open one"
    );
    assert!(open.iter().chain(&shut).all(|(_, w)| *w == 200));
    let (_, p) = app.call_json::<Value>(&admin, "setup_profile", &[]).await;
    let row = listed(&p, "Контрольная работа");
    assert_eq!(row["marks_open"], open.len() as u64);
    assert_eq!(row["marks_closed"], shut.len() as u64);
    assert_eq!(row["marks_other_weight"], 0);

    let path = |reweight: bool, weight: &str| {
        json!({
            "work_type_id": test.id,
            "form": work_type_form("Контрольная работа", weight),
            "reweight": reweight,
        })
    };
    // Bad input is named and writes nothing.
    for (form, field) in [
        (path(true, "11"), "weight"),
        (path(true, "два"), "weight"),
        (
            json!({ "work_type_id": test.id, "form": work_type_form("Диктант", "2"), "reweight": false }),
            "name",
        ),
    ] {
        let (status, body) = app
            .call_with_json(&admin, "setup_change_work_type", &form)
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(validation_fields(&body), [field]);
    }
    assert_eq!(
        marks_by_period(app, test.id).await,
        (open.clone(), shut.clone())
    );

    // A new weight alone: the marks given keep theirs.
    let version_before = class_versions(app).await;
    let (status, done) = app
        .call_with_json(&admin, "setup_change_work_type", &path(false, "2,5"))
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["reweighted"], 0);
    assert_eq!(
        marks_by_period(app, test.id).await,
        (open.clone(), shut.clone())
    );
    let (_, p) = app.call_json::<Value>(&admin, "setup_profile", &[]).await;
    let row = listed(&p, "Контрольная работа");
    assert_eq!(row["weight_centi"], 250);
    assert_eq!(row["marks_other_weight"], open.len() as u64);

    // Re-weighting: the open quarter's marks take it; the closed one's not.
    let (status, done) = app
        .call_with_json(&admin, "setup_change_work_type", &path(true, "2,5"))
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["reweighted"], open.len() as u64);
    let (open_now, shut_now) = marks_by_period(app, test.id).await;
    assert!(open_now.iter().all(|(_, w)| *w == 250), "{open_now:?}");
    assert_eq!(shut_now, shut, "a closed period's marks never change");
    let after = class_versions(app).await;
    assert!(
        version_before.iter().all(|(c, v)| after[c] > *v),
        "every journal of the school is shown afresh"
    );
    let trail = app.audit_trail("work_type", test.id).await;
    let last = trail.last().unwrap();
    assert_eq!(last.action, "work_type_changed");
    assert_eq!(value(&last.old_value)["weight_centi"], 250);
    assert_eq!(
        value(&last.new_value)["reweighted_marks"],
        open.len() as u64
    );

    // Another school's administrator may not touch it.
    let (_, other) = app.new_school().await;
    let (status, _) = app
        .call_with_json(&other, "setup_change_work_type", &path(true, "1"))
        .await;
    assert_eq!(status, 403);
    let res = app
        .call(
            &other,
            "setup_work_type_archived",
            &[("work_type_id", &test.id.to_string()), ("archived", "true")],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(marks_by_period(app, test.id).await, (open_now, shut_now));
}

async fn class_versions(app: &TestApp) -> HashMap<i64, i64> {
    class::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.data_version))
        .collect()
}

async fn an_archived_work_type_is_not_offered_for_new_marks(app: &TestApp) {
    let admin = app.signed_in(ADMIN_EMAIL).await;
    let (status, id) = app
        .call_with_json(
            &admin,
            "setup_add_work_type",
            &json!({ "form": work_type_form("Проект", "1,5") }),
        )
        .await;
    assert_eq!(status, 200, "{id}");
    let id = id.as_i64().unwrap();
    let added = work_type::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (added.weight_centi, added.short_name.as_str()),
        (150, "Прое")
    );
    let (status, body) = app
        .call_with_json(
            &admin,
            "setup_add_work_type",
            &json!({ "form": work_type_form("Проект", "1") }),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["name"]);

    let offered = |g: &Value| {
        g["work_types"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["id"] == id)
    };
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let section = app.class("5А").await;
    let sections = app::server::entities::course_section::Entity::find()
        .filter(app::server::entities::course_section::Column::ClassId.eq(section.id))
        .all(&app.db)
        .await
        .unwrap();
    let mine = app.user(TEACHER_EMAIL).await;
    let s = sections
        .iter()
        .find(|s| Some(s.teacher_id) == mine.person_id)
        .expect("the demo teacher teaches 5А");
    let (status, g) = app
        .journal_grid(&teacher, &[("section", &s.id.to_string())])
        .await;
    assert_eq!(status, 200);
    assert!(offered(&g));

    let res = app
        .call(
            &admin,
            "setup_work_type_archived",
            &[("work_type_id", &id.to_string()), ("archived", "true")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let (_, g) = app
        .journal_grid(&teacher, &[("section", &s.id.to_string())])
        .await;
    assert!(!offered(&g), "archived: not offered");
    let trail = app.audit_trail("work_type", id).await;
    assert_eq!(
        trail.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
        ["work_type_added", "work_type_archived"]
    );
}

both_databases!(
    the_administrator_sets_the_profile_and_the_rounding,
    a_new_weight_reweights_the_marks_of_open_periods_only_when_asked,
    an_archived_work_type_is_not_offered_for_new_marks,
);
