//! Substitutions: the administrator gives one lesson to another teacher,
//! who may then keep that lesson's journal and no other; nobody is given
//! two lessons at once, a closed period's lessons stay, another school's
//! administrator gets 403.

use app::model::journal::EditOutcome;
use app::server::entities::{course_section, lesson, period, user};
use app::server::seed::{ADMIN_EMAIL, OFFICER_EMAIL};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::both_databases;
use crate::helpers::{validation_fields, TestApp};

/// Does `teacher` (a person) have a lesson of their own at that hour?
async fn busy(app: &TestApp, teacher: i64, l: &lesson::Model) -> bool {
    let own: Vec<i64> = course_section::Entity::find()
        .filter(course_section::Column::TeacherId.eq(teacher))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    lesson::Entity::find()
        .filter(lesson::Column::SectionId.is_in(own))
        .filter(lesson::Column::Date.eq(l.date))
        .filter(lesson::Column::Number.eq(l.number))
        .one(&app.db)
        .await
        .unwrap()
        .is_some()
}

async fn a_lesson_is_given_to_a_substitute_for_that_lesson_only(app: &TestApp) {
    let admin = app.signed_in(ADMIN_EMAIL).await;
    let s = app.maths("5А").await;
    let pupil = app::server::entities::enrolment::Entity::find()
        .filter(app::server::entities::enrolment::Column::ClassId.eq(s.class_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .student_id;
    let q2 = period::Entity::find()
        .filter(period::Column::Name.eq("2 четверть"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let lessons = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(s.id))
        .filter(lesson::Column::Date.gte(q2.starts_on))
        .order_by_asc(lesson::Column::Date)
        .all(&app.db)
        .await
        .unwrap();
    // A demo teacher free at one of these lessons (and busy at another).
    let mut found = None;
    'teachers: for n in 2..=12 {
        let email = format!("teacher{n}@dnevnik.example");
        let Some(u) = user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .one(&app.db)
            .await
            .unwrap()
        else {
            continue;
        };
        let person = u.person_id.unwrap();
        for l in &lessons {
            if !busy(app, person, l).await {
                found = Some((email, person, l.clone()));
                break 'teachers;
            }
        }
    }
    let (email, substitute, free) = found.expect("a demo teacher free at a maths lesson");
    let other = lessons.iter().find(|l| l.id != free.id).unwrap();

    // The day's lessons, with their teacher.
    let (status, day) = app
        .call_json::<Value>(
            &admin,
            "setup_day_lessons",
            &[
                ("class_id", &s.class_id.to_string()),
                ("date", &free.date.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 200, "{day}");
    let row = day
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == free.id)
        .expect("the lesson is listed");
    assert_eq!(row["teacher"], s.teacher_id);
    assert!(row["substitute"].is_null());

    // Before: not theirs to write.
    let them = app.signed_in(&email).await;
    assert!(!matches!(
        app.put_mark(&them, s.id, free.id, pupil, "4").await,
        Ok(EditOutcome::Saved(_))
    ));

    let give = |lesson: i64, teacher: Option<i64>| {
        let admin = admin.clone();
        async move {
            let (l, t) = (lesson.to_string(), teacher.map(|t| t.to_string()));
            let mut form = vec![("lesson_id", l.as_str())];
            if let Some(t) = &t {
                form.push(("teacher_id", t.as_str()));
            }
            app.call_json::<Value>(&admin, "setup_substitute", &form)
                .await
        }
    };
    // Wrong: someone who is no teacher.
    let officer = app.user(OFFICER_EMAIL).await.person_id.unwrap();
    let (status, body) = give(free.id, Some(officer)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["teacher_id"]);
    let first_quarter_lesson = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(s.id))
        .filter(lesson::Column::Date.lt(NaiveDate::from_ymd_opt(2026, 10, 20).unwrap()))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (status, _) = give(first_quarter_lesson.id, Some(substitute)).await;
    assert_eq!(status, 409, "a closed quarter's lesson stays");

    let (status, body) = give(free.id, Some(substitute)).await;
    assert_eq!(status, 200, "{body}");
    let now = lesson::Entity::find_by_id(free.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.substitute_teacher_id, Some(substitute));
    let trail = app.audit_trail("lesson", free.id).await;
    assert_eq!(trail.last().unwrap().action, "lesson_substitute_set");

    // Not two lessons at once: another class's lesson at that hour.
    let same_hour = lesson::Entity::find()
        .filter(lesson::Column::Date.eq(free.date))
        .filter(lesson::Column::Number.eq(free.number))
        .filter(lesson::Column::Id.ne(free.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("another class has a lesson at that hour");
    let (status, body) = give(same_hour.id, Some(substitute)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["teacher_id"]);

    // Now theirs, that lesson only.
    assert!(matches!(
        app.put_mark(&them, s.id, free.id, pupil, "4").await,
        Ok(EditOutcome::Saved(_))
    ));
    assert!(!matches!(
        app.put_mark(&them, s.id, other.id, pupil, "4").await,
        Ok(EditOutcome::Saved(_))
    ));

    // Another school's administrator: 403.
    let (_, stranger) = app.new_school().await;
    let res = app
        .call(
            &stranger,
            "setup_substitute",
            &[("lesson_id", &free.id.to_string())],
        )
        .await;
    assert_eq!(res.status(), 403);

    // Given back to the section's teacher.
    let (status, _) = give(free.id, None).await;
    assert_eq!(status, 200);
    let back = lesson::Entity::find_by_id(free.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(back.substitute_teacher_id, None);
}

both_databases!(a_lesson_is_given_to_a_substitute_for_that_lesson_only);
