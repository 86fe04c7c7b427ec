//! Bad set-up input is refused by field and writes nothing.

use super::*;

async fn bad_set_up_input_is_named_and_writes_nothing(app: &TestApp) {
    let s = set_up(app).await;
    let class = s.class_id.to_string();
    let before = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(s.class_id))
        .count(&app.db)
        .await
        .unwrap();
    let (status, body) = app
        .call_json::<Value>(
            &s.admin,
            "setup_add_student",
            &[
                ("class_id", &class),
                ("last_name", ""),
                ("first_name", "Иван"),
                ("middle_name", ""),
                ("birth_date", "вчера"),
                ("starts_on", "2030-01-01"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        validation_fields(&body),
        ["last_name", "birth_date", "starts_on"]
    );
    let after = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(s.class_id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(after, before);

    let (status, body) = app
        .call_json::<Value>(
            &s.admin,
            "setup_add_class",
            &[("year_id", "0"), ("name", ""), ("grade", "12")],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    // A name the school has, whatever its case: named, not a failed insert.
    let year = s.overview["years"][0]["id"].to_string();
    let (status, body) = app
        .call_json::<Value>(
            &s.admin,
            "setup_add_class",
            &[("year_id", &year), ("name", "5а"), ("grade", "5")],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["name"]);
    let (status, body) = app
        .call_json::<Value>(
            &s.admin,
            "setup_add_subject",
            &[("name", " математика "), ("short_name", "")],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["name"]);
    let (status, body) = app
        .call_json::<Value>(
            &s.admin,
            "setup_invite",
            &[
                ("email", "нет"),
                ("last_name", "Белова"),
                ("first_name", "Т"),
                ("middle_name", ""),
                ("role", "parent"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(validation_fields(&body), ["role", "email"]);

    let [math, russian] = s.sections;
    let bad_week = json!({ "class_id": s.class_id, "slots": [
        { "weekday": 7, "number": 1, "section_id": math, "room": "" },
        { "weekday": 2, "number": 9, "section_id": math, "room": "" },
        { "weekday": 2, "number": 1, "section_id": math, "room": "" },
        { "weekday": 2, "number": 1, "section_id": russian, "room": "" }
    ]});
    let (status, body) = app
        .call_with_json(&s.admin, "setup_timetable", &bad_week)
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        validation_fields(&body),
        ["slots.0.weekday", "slots.1.number", "slots.3.section_id"]
    );
    let (_, detail) = app
        .call_json::<Value>(&s.admin, "setup_class", &[("class_id", &class)])
        .await;
    assert_eq!(detail["slots"], json!([]), "nothing written");
    assert_eq!(detail["students"].as_array().unwrap().len(), 3);

    // A second mathematics section needs groups on both.
    let math_subject = s.overview["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == "Математика")
        .unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let teacher = s.overview["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == TEACHER)
        .unwrap()["person_id"]
        .as_i64()
        .unwrap()
        .to_string();
    let (status, body) = app
        .call_json::<Value>(
            &s.admin,
            "setup_add_section",
            &[
                ("class_id", &class),
                ("subject_id", &math_subject),
                ("teacher_id", &teacher),
                ("group_name", "1 группа"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(validation_fields(&body), ["group_name"]);
    // A bell the week uses cannot go.
    assert_eq!(
        app.call_with_json(&s.admin, "setup_timetable", &week(&s))
            .await
            .0,
        200
    );
    let mut fewer = bells_form();
    fewer["bells"].as_array_mut().unwrap().truncate(2);
    let (status, body) = app.call_with_json(&s.admin, "setup_bells", &fewer).await;
    assert_eq!(status, 422);
    assert_eq!(validation_fields(&body), ["bells"]);

    // A subject in use and a class with students stay.
    let subject = s.overview["subjects"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let (status, _) = app
        .call_json::<Value>(
            &s.admin,
            "setup_delete_subject",
            &[("subject_id", &subject)],
        )
        .await;
    assert_eq!(status, 409);
    let (status, _) = app
        .call_json::<Value>(&s.admin, "setup_delete_class", &[("class_id", &class)])
        .await;
    assert_eq!(status, 409);
}

both_databases!(bad_set_up_input_is_named_and_writes_nothing);
