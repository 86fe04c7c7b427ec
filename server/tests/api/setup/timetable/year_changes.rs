//! A year changed after its lessons were generated: the lessons follow the
//! new dates, a lesson that holds something keeps the dates from changing,
//! a closed period keeps its dates, and the kind of periods stays while
//! there are lessons.

use app::model::setup::YearEdited;
use app::server::entities::period;
use sea_orm::QueryOrder;

use super::regeneration::fourth_quarter_generated;
use super::*;

/// The year's form with the fourth quarter ending on `q4_ends` and these
/// holidays added to the three of `year_form`.
fn changed(year: &Value, q4_ends: &str, more_holidays: &[(&str, &str, &str)]) -> Value {
    let mut form = year_form();
    form["year_id"] = year.clone();
    form["form"]["periods"][3]["ends_on"] = json!(q4_ends);
    for (name, from, to) in more_holidays {
        form["form"]["holidays"]
            .as_array_mut()
            .unwrap()
            .push(json!({ "name": name, "starts_on": from, "ends_on": to }));
    }
    form
}

async fn lessons_between(app: &TestApp, s: &School, from: NaiveDate, to: NaiveDate) -> u64 {
    lesson::Entity::find()
        .filter(lesson::Column::SectionId.is_in(s.sections))
        .filter(lesson::Column::Date.between(from, to))
        .count(&app.db)
        .await
        .unwrap()
}

async fn periods_of(app: &TestApp, year: i64) -> Vec<period::Model> {
    period::Entity::find()
        .filter(period::Column::AcademicYearId.eq(year))
        .order_by_asc(period::Column::Seq)
        .all(&app.db)
        .await
        .unwrap()
}

async fn a_changed_year_takes_its_lessons_with_it(app: &TestApp) {
    let (s, q4, _) = fourth_quarter_generated(app).await;
    let year = s.overview["years"][0]["id"].clone();
    let year_id = year.as_i64().unwrap();
    let before = lessons_between(app, &s, d(2027, 3, 30), d(2027, 5, 31)).await;
    // Monday 24 May has a lesson with a topic.
    let monday = lesson::Entity::find()
        .filter(lesson::Column::SectionId.is_in(s.sections))
        .filter(lesson::Column::Date.eq(d(2027, 5, 24)))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a lesson on Monday 24 May");
    let mut topic: lesson::ActiveModel = monday.clone().into();
    topic.topic = Set(Some("Повторение".into()));
    topic.update(&app.db).await.unwrap();

    // The quarter cut to 21 May would leave that lesson outside it.
    let (status, body) = app
        .call_with_json(
            &s.admin,
            "setup_update_year",
            &changed(&year, "2027-05-21", &[]),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["periods.3.ends_on"]);
    assert_eq!(
        lessons_between(app, &s, d(2027, 3, 30), d(2027, 5, 31)).await,
        before,
        "nothing written"
    );
    assert_eq!(periods_of(app, year_id).await[3].ends_on, d(2027, 5, 26));

    // Without the topic: Monday's two lessons and Wednesday's one go.
    let mut plain: lesson::ActiveModel = monday.into();
    plain.topic = Set(None);
    plain.update(&app.db).await.unwrap();
    let (status, edited) = app
        .call_with_json(
            &s.admin,
            "setup_update_year",
            &changed(&year, "2027-05-21", &[]),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    let edited: YearEdited = serde_json::from_value(edited).unwrap();
    assert_eq!(edited.removed, 3);
    assert_eq!(
        lessons_between(app, &s, d(2027, 5, 22), d(2027, 5, 31)).await,
        0
    );
    assert_eq!(periods_of(app, year_id).await[3].ends_on, d(2027, 5, 21));
    let trail = app.audit_trail("academic_year", year_id).await;
    let last = trail.last().unwrap();
    assert_eq!(last.action, "year_changed");
    let json = |v: &Option<String>| serde_json::from_str::<Value>(v.as_deref().unwrap()).unwrap();
    assert_eq!(json(&last.old_value)["periods"][3][2], "2027-05-26");
    assert_eq!(json(&last.new_value)["lessons_removed"], 3);

    // Longer again, with May holidays on 3–4 May: those days lose their
    // lessons (Monday's two), and generating again fills 24–28 May.
    let (status, edited) = app
        .call_with_json(
            &s.admin,
            "setup_update_year",
            &changed(
                &year,
                "2027-05-28",
                &[("Майские", "2027-05-03", "2027-05-04")],
            ),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    let edited: YearEdited = serde_json::from_value(edited).unwrap();
    assert_eq!(edited.removed, 2);
    let (_, again) = app
        .call_json::<Generated>(&s.admin, "setup_generate", &[("period_id", &q4)])
        .await;
    assert_eq!((again.created, again.removed), (4, 0), "24, 26 and 28 May");
    assert_eq!(
        lessons_between(app, &s, d(2027, 5, 3), d(2027, 5, 4)).await,
        0
    );

    // A closed quarter keeps its dates.
    let q1 = s.period("1 четверть");
    let mut locked: period::ActiveModel = period::Entity::find_by_id(q1)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    locked.locked = Set(true);
    locked.update(&app.db).await.unwrap();
    let mut form = changed(
        &year,
        "2027-05-28",
        &[("Майские", "2027-05-03", "2027-05-04")],
    );
    form["form"]["periods"][0]["ends_on"] = json!("2026-10-23");
    form["form"]["holidays"][0]["starts_on"] = json!("2026-10-24");
    let (status, body) = app
        .call_with_json(&s.admin, "setup_update_year", &form)
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["periods.0.starts_on"]);

    // With lessons, quarters stay quarters.
    let mut trimesters = changed(&year, "2027-05-28", &[]);
    trimesters["form"]["kind"] = json!("trimester");
    trimesters["form"]["periods"] = json!([
        { "name": "", "starts_on": "2026-09-01", "ends_on": "2026-11-28" },
        { "name": "", "starts_on": "2026-11-30", "ends_on": "2027-02-27" },
        { "name": "", "starts_on": "2027-03-01", "ends_on": "2027-05-28" }
    ]);
    trimesters["form"]["holidays"] = json!([]);
    let (status, body) = app
        .call_with_json(&s.admin, "setup_update_year", &trimesters)
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["kind"]);

    // Bad input is named; another school's administrator gets 403.
    let mut nameless = changed(&year, "2027-05-28", &[]);
    nameless["form"]["name"] = json!(" ");
    let (status, body) = app
        .call_with_json(&s.admin, "setup_update_year", &nameless)
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["name"]);
    let demo = app.signed_in(app::server::seed::ADMIN_EMAIL).await;
    let (status, _) = app
        .call_with_json(
            &demo,
            "setup_update_year",
            &changed(&year, "2027-05-28", &[]),
        )
        .await;
    assert_eq!(status, 403);
}

async fn a_year_without_lessons_changes_its_kind(app: &TestApp) {
    let (_, admin) = app.new_school().await;
    let (status, year) = app
        .call_with_json(&admin, "setup_create_year", &year_form())
        .await;
    assert_eq!(status, 200);
    let mut form = year_form();
    form["year_id"] = year.clone();
    form["form"]["name"] = json!("2026–2027");
    form["form"]["kind"] = json!("half");
    form["form"]["periods"] = json!([
        { "name": "", "starts_on": "2026-09-01", "ends_on": "2026-12-28" },
        { "name": "", "starts_on": "2027-01-12", "ends_on": "2027-05-26" }
    ]);
    form["form"]["holidays"] = json!([
        { "name": "Зимние каникулы", "starts_on": "2026-12-29", "ends_on": "2027-01-11" }
    ]);

    let (status, body) = app.call_with_json(&admin, "setup_update_year", &form).await;

    assert_eq!(status, 200, "{body}");
    let names: Vec<String> = periods_of(app, year.as_i64().unwrap())
        .await
        .into_iter()
        .map(|p| format!("{} {}–{}", p.name, p.starts_on, p.ends_on))
        .collect();
    assert_eq!(
        names,
        [
            "1 полугодие 2026-09-01–2026-12-28",
            "2 полугодие 2027-01-12–2027-05-26",
            "Год 2026-09-01–2027-05-31"
        ]
    );
    let (_, overview) = app.call_json::<Value>(&admin, "setup_overview", &[]).await;
    assert_eq!(overview["years"][0]["name"], "2026–2027");
    assert_eq!(
        overview["years"][0]["holidays"].as_array().unwrap().len(),
        1
    );
}

both_databases!(
    a_changed_year_takes_its_lessons_with_it,
    a_year_without_lessons_changes_its_kind,
);
