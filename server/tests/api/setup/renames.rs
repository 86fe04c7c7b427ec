//! A subject renamed, a class changed: a name the school has is refused by
//! field, the change is audited, and the journal shows the new names at
//! once.

use app::server::entities::{class, subject};
use app::server::seed::{ADMIN_EMAIL, TEACHER_EMAIL};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::both_databases;
use crate::helpers::{validation_fields, TestApp};

async fn a_subject_and_a_class_are_renamed_and_the_journal_follows(app: &TestApp) {
    let admin = app.signed_in(ADMIN_EMAIL).await;
    let teacher = app.signed_in(TEACHER_EMAIL).await;
    let s = app.maths("5А").await;
    let section = s.id.to_string();
    // Read once, so the journal's caches hold the old names.
    let (status, g) = app.journal_grid(&teacher, &[("section", &section)]).await;
    assert_eq!(status, 200);
    assert_eq!(
        g["section"]["subject_name"], "Математика",
        "{}",
        g["section"]
    );
    let subject_id = s.subject_id.to_string();
    let rename = |name: &'static str| {
        let (admin, id) = (admin.clone(), subject_id.clone());
        async move {
            app.call_json::<Value>(
                &admin,
                "setup_rename_subject",
                &[("subject_id", &id), ("name", name), ("short_name", "")],
            )
            .await
        }
    };
    let (status, body) = rename("русский язык").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["name"]);
    let (status, body) = rename("").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["name"]);
    let (status, body) = rename("Алгебра").await;
    assert_eq!(status, 200, "{body}");
    let renamed = subject::Entity::find_by_id(s.subject_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.short_name.as_str()),
        ("Алгебра", "Алге")
    );
    let trail = app.audit_trail("subject", s.subject_id).await;
    assert_eq!(trail.last().unwrap().action, "subject_renamed");

    let class_id = s.class_id.to_string();
    let change = |name: &'static str, grade: &'static str| {
        let (admin, id) = (admin.clone(), class_id.clone());
        async move {
            app.call_json::<Value>(
                &admin,
                "setup_change_class",
                &[("class_id", &id), ("name", name), ("grade", grade)],
            )
            .await
        }
    };
    let (status, body) = change("5б", "5").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["name"]);
    let (status, body) = change("5В", "12").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(validation_fields(&body), ["grade"]);
    let (status, body) = change("5В", "5").await;
    assert_eq!(status, 200, "{body}");
    let c = class::Entity::find_by_id(s.class_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((c.name.as_str(), c.grade), ("5В", 5));
    assert_eq!(
        app.audit_trail("class", c.id).await.last().unwrap().action,
        "class_changed"
    );

    let (_, g) = app.journal_grid(&teacher, &[("section", &section)]).await;
    assert_eq!(g["section"]["subject_name"], "Алгебра");
    assert_eq!(g["section"]["class_name"], "5В");

    // Another school's administrator: 403, nothing changes.
    let (_, other) = app.new_school().await;
    let (status, _) = app
        .call_json::<Value>(
            &other,
            "setup_rename_subject",
            &[
                ("subject_id", &subject_id),
                ("name", "Геометрия"),
                ("short_name", ""),
            ],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = app
        .call_json::<Value>(
            &other,
            "setup_change_class",
            &[("class_id", &class_id), ("name", "5Г"), ("grade", "5")],
        )
        .await;
    assert_eq!(status, 403);
    let still = subject::Entity::find()
        .filter(subject::Column::Name.eq("Алгебра"))
        .one(&app.db)
        .await
        .unwrap();
    assert!(still.is_some());
}

both_databases!(a_subject_and_a_class_are_renamed_and_the_journal_follows);
