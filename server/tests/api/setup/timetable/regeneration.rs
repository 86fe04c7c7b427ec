//! Generating again creates no duplicates and never deletes a lesson that
//! holds something.

use super::*;

async fn generating_again_never_deletes_a_lesson_that_holds_something(app: &TestApp) {
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

both_databases!(generating_again_never_deletes_a_lesson_that_holds_something);
