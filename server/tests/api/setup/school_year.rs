//! The academic year, its periods and holidays, and the bells: checked
//! field by field, written whole or not at all, and only in the
//! administrator's own school.

use app::server::entities::{academic_year, bell_time, period};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

use crate::both_databases;
use crate::helpers::{validation_fields, TestApp};

/// The year 2026/2027 in four quarters with the St. Petersburg holidays.
pub fn year_form() -> Value {
    json!({ "form": {
        "name": "2026/2027",
        "starts_on": "2026-09-01",
        "ends_on": "31.05.2027",
        "kind": "quarter",
        "periods": [
            { "name": "", "starts_on": "2026-09-01", "ends_on": "2026-10-24" },
            { "name": "", "starts_on": "2026-11-05", "ends_on": "2026-12-28" },
            { "name": "", "starts_on": "2027-01-12", "ends_on": "2027-03-20" },
            { "name": "", "starts_on": "2027-03-30", "ends_on": "2027-05-26" }
        ],
        "holidays": [
            { "name": "Осенние каникулы", "starts_on": "2026-10-25", "ends_on": "2026-11-04" },
            { "name": "Зимние каникулы", "starts_on": "2026-12-29", "ends_on": "2027-01-11" },
            { "name": "Весенние каникулы", "starts_on": "2027-03-21", "ends_on": "2027-03-29" }
        ]
    }})
}

/// Six lessons of 45 minutes from 8:30.
pub fn bells_form() -> Value {
    json!({ "bells": [
        { "number": 1, "starts_at": "8:30", "ends_at": "9:15" },
        { "number": 2, "starts_at": "9:25", "ends_at": "10:10" },
        { "number": 3, "starts_at": "10:25", "ends_at": "11:10" },
        { "number": 4, "starts_at": "11:25", "ends_at": "12:10" },
        { "number": 5, "starts_at": "12:25", "ends_at": "13:10" },
        { "number": 6, "starts_at": "13:20", "ends_at": "14:05" }
    ]})
}

async fn years_of(app: &TestApp, school: i64) -> Vec<academic_year::Model> {
    academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school))
        .all(&app.db)
        .await
        .unwrap()
}

async fn the_administrator_lays_out_the_year_in_quarters(app: &TestApp) {
    let (school, admin) = app.new_school().await;

    let (status, year_id) = app
        .call_with_json(&admin, "setup_create_year", &year_form())
        .await;

    assert_eq!(status, 200, "{year_id}");
    let periods = period::Entity::find()
        .filter(period::Column::AcademicYearId.eq(year_id.as_i64().unwrap()))
        .order_by_asc(period::Column::Seq)
        .all(&app.db)
        .await
        .unwrap();
    let names: Vec<&str> = periods.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "1 четверть",
            "2 четверть",
            "3 четверть",
            "4 четверть",
            "Год"
        ]
    );
    assert_eq!(periods[4].kind, "year");
    let (status, overview) = app.call_json::<Value>(&admin, "setup_overview", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(
        overview["years"][0]["holidays"].as_array().unwrap().len(),
        3
    );
    assert_eq!(overview["school_name"], "Школа № 17");
    let trail = app
        .audit_trail("academic_year", year_id.as_i64().unwrap())
        .await;
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "year_created");

    // A second year overlapping the first is refused.
    let (status, body) = app
        .call_with_json(&admin, "setup_create_year", &year_form())
        .await;
    assert_eq!(status, 422);
    assert_eq!(validation_fields(&body), ["starts_on"]);
    assert_eq!(years_of(app, school.school.0).await.len(), 1);

    // Bells: set whole, and read back in order.
    let (status, _) = app
        .call_with_json(&admin, "setup_bells", &bells_form())
        .await;
    assert_eq!(status, 200);
    let bells = bell_time::Entity::find()
        .filter(bell_time::Column::SchoolId.eq(school.school.0))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(bells, 6);
}

async fn wrong_dates_and_times_are_named_and_write_nothing(app: &TestApp) {
    let (school, admin) = app.new_school().await;
    let mut form = year_form();
    let f = &mut form["form"];
    f["name"] = json!(" ");
    f["periods"][1]["starts_on"] = json!("2026-10-20"); // overlaps the first quarter
    f["periods"][3]["ends_on"] = json!("2027-06-26"); // after the year
    f["holidays"][2]["ends_on"] = json!("31.02.2027"); // no such day

    let (status, body) = app.call_with_json(&admin, "setup_create_year", &form).await;

    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["name", "holidays.2.ends_on"]);
    // With the holiday fixed, the periods' own problems are named.
    form["form"]["name"] = json!("2026/2027");
    form["form"]["holidays"][2]["ends_on"] = json!("2027-03-29");
    let (status, body) = app.call_with_json(&admin, "setup_create_year", &form).await;
    assert_eq!(status, 422);
    assert_eq!(
        validation_fields(&body),
        ["periods.1.ends_on", "periods.3.starts_on"]
    );
    // A gap of school days between quarters that is not a holiday.
    let mut gap = year_form();
    gap["form"]["holidays"] = json!([]);
    let (_, body) = app.call_with_json(&admin, "setup_create_year", &gap).await;
    assert_eq!(
        validation_fields(&body),
        [
            "periods.1.starts_on",
            "periods.2.starts_on",
            "periods.3.starts_on"
        ]
    );
    let message = body["Validation"][0]["message"].as_str().unwrap();
    assert!(message.contains("каникулы"), "{message}");
    assert!(years_of(app, school.school.0).await.is_empty());

    let mut bells = bells_form();
    bells["bells"][1]["starts_at"] = json!("9:00"); // before the first ends
    bells["bells"][3]["ends_at"] = json!("25:00");
    let (status, body) = app.call_with_json(&admin, "setup_bells", &bells).await;
    assert_eq!(status, 422);
    assert_eq!(validation_fields(&body), ["bells.3.ends_at"]);
    bells["bells"][3]["ends_at"] = json!("12:10");
    let (_, body) = app.call_with_json(&admin, "setup_bells", &bells).await;
    assert_eq!(validation_fields(&body), ["bells.1.starts_at"]);
    let count = bell_time::Entity::find()
        .filter(bell_time::Column::SchoolId.eq(school.school.0))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

async fn only_administrators_set_up_and_only_their_own_school(app: &TestApp) {
    let (_, admin) = app.new_school().await;
    let (_, year) = app
        .call_with_json(&admin, "setup_create_year", &year_form())
        .await;
    let year = year.as_i64().unwrap().to_string();

    // The demo school's administrator cannot add a class to this school's
    // year; its teacher and parents cannot set anything up at all.
    let other_admin = app.signed_in("admin@dnevnik.example").await;
    let (status, body) = app
        .call_json::<Value>(
            &other_admin,
            "setup_add_class",
            &[("year_id", &year), ("name", "5А"), ("grade", "5")],
        )
        .await;
    assert_eq!(status, 403, "{body}");
    let demo_class = app.class("5А").await.id.to_string();
    let (status, _) = app
        .call_json::<Value>(&admin, "setup_class", &[("class_id", &demo_class)])
        .await;
    assert_eq!(status, 403, "another school's class");
    // Neither administrator may switch off the other school's staff.
    let director = app.user("director@school17.example").await.id.to_string();
    let (status, _) = app
        .call_json::<Value>(
            &other_admin,
            "setup_staff_disabled",
            &[("user_id", &director), ("disabled", "true")],
        )
        .await;
    assert_eq!(status, 403);
    let demo_teacher = app.user("teacher@dnevnik.example").await.id.to_string();
    let (status, _) = app
        .call_json::<Value>(
            &admin,
            "setup_staff_disabled",
            &[("user_id", &demo_teacher), ("disabled", "true")],
        )
        .await;
    assert_eq!(status, 403);
    assert!(!app.user("teacher@dnevnik.example").await.disabled);
    // A year of quarters needs four of them.
    let mut three = year_form();
    three["form"]["starts_on"] = json!("2027-09-01");
    three["form"]["ends_on"] = json!("2028-05-31");
    three["form"]["periods"] =
        json!([{ "name": "", "starts_on": "2027-09-01", "ends_on": "2028-05-31" }]);
    three["form"]["holidays"] = json!([]);
    let (status, body) = app
        .call_with_json(&admin, "setup_create_year", &three)
        .await;
    assert_eq!(status, 422);
    assert_eq!(validation_fields(&body), ["periods"]);

    for email in ["teacher@dnevnik.example", "parent@dnevnik.example"] {
        let c = app.signed_in(email).await;
        let (status, _) = app.call_json::<Value>(&c, "setup_overview", &[]).await;
        assert_eq!(status, 403, "{email}");
        let (status, _) = app.call_with_json(&c, "setup_bells", &bells_form()).await;
        assert_eq!(status, 403, "{email}");
    }
}

both_databases!(
    the_administrator_lays_out_the_year_in_quarters,
    wrong_dates_and_times_are_named_and_write_nothing,
    only_administrators_set_up_and_only_their_own_school,
);
