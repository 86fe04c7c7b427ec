//! Generating again creates no duplicates and never deletes a lesson that
//! holds something.

use super::*;

/// The new school with its week, and the fourth quarter's lessons generated
/// once: the school, the quarter's id, what generating did.
pub(super) async fn fourth_quarter_generated(app: &TestApp) -> (School, String, Generated) {
    let s = set_up(app).await;
    assert_eq!(
        app.call_with_json(&s.admin, "setup_timetable", &week(&s))
            .await
            .0,
        200
    );
    let q4 = s.period("4 четверть").to_string();
    let (_, first) = app
        .call_json::<Generated>(&s.admin, "setup_generate", &[("period_id", &q4)])
        .await;
    (s, q4, first)
}

async fn generating_again_never_deletes_a_lesson_that_holds_something(app: &TestApp) {
    let (s, q4, first) = fourth_quarter_generated(app).await;
    // Spring holidays end on 29 March; the quarter runs to 26 May.
    assert_eq!(
        first.created,
        count_weekdays(d(2027, 3, 30), d(2027, 5, 26), &[1, 1, 3, 5])
    );
    let [_, russian] = s.sections;
    let fridays = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(russian))
        .filter(lesson::Column::Number.eq(3))
        .all(&app.db)
        .await
        .unwrap();
    let mut with_topic: lesson::ActiveModel = fridays[0].clone().into();
    with_topic.topic = Set(Some("Имя существительное".into()));
    with_topic.update(&app.db).await.unwrap();
    // Attendance taken with everyone present leaves no records, only the
    // lesson's own mark of it.
    let mut taken: lesson::ActiveModel = fridays[1].clone().into();
    taken.attendance_taken_at = Set(Some(chrono::Utc::now()));
    taken.update(&app.db).await.unwrap();

    // Friday's Russian moves off the timetable.
    let mut shorter = week(&s);
    shorter["slots"].as_array_mut().unwrap().pop();
    assert_eq!(
        app.call_with_json(&s.admin, "setup_timetable", &shorter)
            .await
            .0,
        200
    );
    let (_, second) = app
        .call_json::<Generated>(&s.admin, "setup_generate", &[("period_id", &q4)])
        .await;

    assert_eq!(second.created, 0);
    assert_eq!(
        second.kept, 2,
        "the lessons with a topic and with attendance stay"
    );
    assert_eq!(second.removed, fridays.len() - 2);
    let left = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(russian))
        .filter(lesson::Column::Number.eq(3))
        .all(&app.db)
        .await
        .unwrap();
    let mut left: Vec<i64> = left.iter().map(|l| l.id).collect();
    left.sort_unstable();
    let mut expected = vec![fridays[0].id, fridays[1].id];
    expected.sort_unstable();
    assert_eq!(left, expected);
    let students = person::Entity::find()
        .filter(person::Column::LastName.eq("Ёлкина"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(students, 1, "«ё» kept as written");
}

async fn a_non_school_day_loses_its_empty_lessons_when_generated_again(app: &TestApp) {
    let (s, q4, first) = fourth_quarter_generated(app).await;
    let year = s.overview["years"][0]["id"].clone();
    let day_off = |name: &str, from: &str, to: &str| json!({ "year_id": year, "form": { "name": name, "starts_on": from, "ends_on": to } });
    // Bad: no name; outside the year; ends before it starts.
    for (form, field) in [
        (day_off("", "2027-05-10", ""), "name"),
        (day_off("Праздник", "2027-06-10", ""), "starts_on"),
        (day_off("Праздник", "2027-05-10", "2027-05-01"), "ends_on"),
    ] {
        let (status, body) = app
            .call_with_json(&s.admin, "setup_add_day_off", &form)
            .await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(validation_fields(&body), [field]);
    }
    // Another school's administrator: 403.
    let demo = app.signed_in(app::server::seed::ADMIN_EMAIL).await;
    let (status, _) = app
        .call_with_json(
            &demo,
            "setup_add_day_off",
            &day_off("Праздник", "2027-05-10", ""),
        )
        .await;
    assert_eq!(status, 403);

    // Monday 10 May 2027, the day off for Victory Day: maths and Russian.
    let (status, body) = app
        .call_with_json(
            &s.admin,
            "setup_add_day_off",
            &day_off("День Победы", "10.05.2027", ""),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, overview) = app
        .call_json::<Value>(&s.admin, "setup_overview", &[])
        .await;
    let listed = overview["years"][0]["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "День Победы")
        .cloned()
        .expect("listed");
    assert_eq!(listed["day_off"], true);
    let (_, second) = app
        .call_json::<Generated>(&s.admin, "setup_generate", &[("period_id", &q4)])
        .await;
    assert_eq!((second.created, second.removed), (0, 2));
    assert_eq!(second.existing, first.created - 2);
    let on_that_day = lesson::Entity::find()
        .filter(lesson::Column::Date.eq(d(2027, 5, 10)))
        .filter(lesson::Column::SectionId.is_in(s.sections))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(on_that_day, 0);

    // A holiday between periods stays; the day off can be taken back, and
    // generating again gives the day its lessons.
    let holiday = overview["years"][0]["holidays"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["day_off"] == false)
        .unwrap()["id"]
        .to_string();
    let (status, _) = app
        .call_json::<Value>(
            &s.admin,
            "setup_remove_day_off",
            &[("holiday_id", &holiday)],
        )
        .await;
    assert_eq!(status, 409);
    let (status, _) = app
        .call_json::<Value>(
            &demo,
            "setup_remove_day_off",
            &[("holiday_id", &listed["id"].to_string())],
        )
        .await;
    assert_eq!(status, 403);
    let (status, body) = app
        .call_json::<Value>(
            &s.admin,
            "setup_remove_day_off",
            &[("holiday_id", &listed["id"].to_string())],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, third) = app
        .call_json::<Generated>(&s.admin, "setup_generate", &[("period_id", &q4)])
        .await;
    assert_eq!(third.created, 2);
}

both_databases!(
    generating_again_never_deletes_a_lesson_that_holds_something,
    a_non_school_day_loses_its_empty_lessons_when_generated_again,
);
