//! A class split into groups for a subject: each group's section has its
//! own students, who alone are in its journal and whose diaries alone show
//! its lessons.

use app::model::journal::EditOutcome;
use app::server::entities::{course_section, enrolment, group_member, lesson};
use app::server::seed::{ADMIN_EMAIL, STUDENT_EMAIL, TEACHER_EMAIL};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::{json, Value};

use crate::both_databases;
use crate::helpers::{validation_fields, TestApp};

/// A lesson of a section on Monday 23 November, seventh lesson.
async fn lesson_of(app: &TestApp, section: i64) -> i64 {
    lesson::ActiveModel {
        section_id: Set(section),
        date: Set(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
        number: Set(7),
        version: Set(1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

async fn each_group_has_its_own_students(app: &TestApp) {
    let admin = app.signed_in(ADMIN_EMAIL).await;
    // The demo student's class.
    let me = app.user(STUDENT_EMAIL).await.person_id.unwrap();
    let class_id = enrolment::Entity::find()
        .filter(enrolment::Column::StudentId.eq(me))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .class_id;
    let class = app::server::entities::class::Entity::find_by_id(class_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let teacher = app.user(TEACHER_EMAIL).await.person_id.unwrap();
    let (status, subject) = app
        .call_json::<Value>(
            &admin,
            "setup_add_subject",
            &[("name", "Информатика"), ("short_name", "")],
        )
        .await;
    assert_eq!(status, 200, "{subject}");
    let mut groups = Vec::new();
    for g in ["1 группа", "2 группа"] {
        let (status, id) = app
            .call_json::<Value>(
                &admin,
                "setup_add_section",
                &[
                    ("class_id", &class.id.to_string()),
                    ("subject_id", &subject.to_string()),
                    ("teacher_id", &teacher.to_string()),
                    ("group_name", g),
                ],
            )
            .await;
        assert_eq!(status, 200, "{id}");
        groups.push(id.as_i64().unwrap());
    }
    let mut students: Vec<i64> = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(class.id))
        .order_by_asc(enrolment::Column::StudentId)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.student_id)
        .collect();
    // The demo student goes to the second group.
    students.retain(|s| *s != me);
    let (first, mut second) = (students[..2].to_vec(), students[2..].to_vec());
    second.push(me);
    let set = |section: i64, members: Vec<i64>| {
        let admin = admin.clone();
        async move {
            app.call_with_json(
                &admin,
                "setup_group_members",
                &json!({ "section_id": section, "students": members }),
            )
            .await
        }
    };

    // Wrong: a student of another class; one in the other group already;
    // a whole-class section.
    let stranger = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.ne(class.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .student_id;
    let (status, body) = set(groups[0], vec![first[0], stranger]).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["students"]);
    let (status, body) = set(groups[0], first.clone()).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = set(groups[1], vec![first[0]]).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["students"]);
    let maths = course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(class.id))
        .filter(course_section::Column::GroupName.is_null())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (status, body) = set(maths.id, first.clone()).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["section_id"]);
    let (status, body) = set(groups[1], second.clone()).await;
    assert_eq!(status, 200, "{body}");
    let members = group_member::Entity::find()
        .filter(group_member::Column::SectionId.eq(groups[0]))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(members.len(), 2);
    let (_, detail) = app
        .call_json::<Value>(
            &admin,
            "setup_class",
            &[("class_id", &class.id.to_string())],
        )
        .await;
    assert_eq!(detail["groups"].as_array().unwrap().len(), 2, "{detail}");
    assert_eq!(detail["groups"][0]["label"], "Информатика (1 группа)");

    // The first group's journal: its two students, and their marks only.
    let (l1, l2) = (
        lesson_of(app, groups[0]).await,
        lesson_of(app, groups[1]).await,
    );
    let t = app.signed_in(TEACHER_EMAIL).await;
    let (status, g) = app
        .journal_grid(&t, &[("section", &groups[0].to_string())])
        .await;
    assert_eq!(status, 200, "{g}");
    let ids: Vec<i64> = g["students"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    let mut want = first.clone();
    want.sort_unstable();
    let mut got = ids.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    assert!(matches!(
        app.put_mark(&t, groups[0], l1, second[0], "5").await,
        Ok(EditOutcome::Refused(_))
    ));
    assert!(matches!(
        app.put_mark(&t, groups[0], l1, first[0], "5").await,
        Ok(EditOutcome::Saved(_))
    ));

    // The demo student's diary shows their group's lesson, not the other.
    let student = app.signed_in(STUDENT_EMAIL).await;
    let (status, week) = app
        .call_json::<Value>(&student, "diary_week", &[("week", "2026-11-23")])
        .await;
    assert_eq!(status, 200, "{week}");
    let monday: Vec<&Value> = week["days"][0]["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["subject"] == "Информатика")
        .collect();
    assert_eq!(monday.len(), 1, "{monday:?}");
    assert_eq!(monday[0]["id"], l2);

    // Nobody leaves a group holding marks in it.
    let (status, body) = set(groups[0], vec![first[1]]).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["students"]);

    // Another school's administrator: 403.
    let (_, other) = app.new_school().await;
    let (status, _) = app
        .call_with_json(
            &other,
            "setup_group_members",
            &json!({ "section_id": groups[0], "students": [] }),
        )
        .await;
    assert_eq!(status, 403);
    let trail = app.audit_trail("course_section", groups[0]).await;
    assert_eq!(trail.last().unwrap().action, "group_members_set");
}

both_databases!(each_group_has_its_own_students);
