//! The first start of a real school: the school and its administrator are
//! created, the set-password mail reaches a real SMTP server, the link sets
//! a password once; bad input is refused field by field and writes nothing.

use app::server::entities::{school, user, work_type};
use app::server::setup::init::create_school;
use app::server::ServiceError;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::helpers::{client, setup_school, token_from_mail, TestApp, NEW_PASSWORD};
use crate::smtp::SmtpServer;
use crate::{both_databases, both_databases_with_smtp};

async fn the_first_run_creates_the_school_and_mails_its_administrator(
    app: &TestApp,
    smtp: &SmtpServer,
) {
    let email = "director@school17.example";

    let created = create_school(&app.db, &app.address, &setup_school(email))
        .await
        .unwrap();

    let mail = smtp.wait_for(1).await.remove(0);
    assert_eq!(mail.envelope_to, email);
    assert_eq!(mail.subject, "Дневник: приглашение");
    assert!(
        mail.body.contains("Здравствуйте, Анна Сергеевна!"),
        "{}",
        mail.body
    );
    assert!(mail.body.contains("«Школа № 17»"));
    let s = school::Entity::find_by_id(created.school.0)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.time_zone, "Asia/Yekaterinburg");
    let types = work_type::Entity::find()
        .filter(work_type::Column::SchoolId.eq(s.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(types, 6, "a new school gets the default work types");
    // No password yet: no sign-in.
    let c = client();
    assert_ne!(app.login(&c, email, NEW_PASSWORD).await.status(), 200);

    let token = token_from_mail(&mail.body);
    let res = app
        .call(
            &c,
            "accept_invitation",
            &[("token", token), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.login(&c, email, NEW_PASSWORD).await.status(), 200);
    let me = app.me(&c).await;
    assert!(me["roles"].to_string().contains("Admin"), "{me}");
    // The link works once.
    let again = app
        .call(
            &client(),
            "accept_invitation",
            &[("token", token), ("password", "ДругойПароль1")],
        )
        .await;
    assert_eq!(again.status(), 422);
    assert_eq!(
        app.login(&client(), email, "ДругойПароль1").await.status(),
        401
    );
}

async fn bad_first_run_input_is_named_and_writes_nothing(app: &TestApp) {
    let schools = school::Entity::find().count(&app.db).await.unwrap();
    let users = user::Entity::find().count(&app.db).await.unwrap();
    let mut req = setup_school("не адрес");
    req.time_zone = "Europe/Atlantis".into();
    req.short_name = "  ".into();
    req.admin_first_name = String::new();

    let err = create_school(&app.db, &app.address, &req)
        .await
        .unwrap_err();

    let ServiceError::Validation(fields) = err else {
        panic!("a validation error, got {err:?}");
    };
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, ["school", "timezone", "email", "first_name"]);
    assert_eq!(
        school::Entity::find().count(&app.db).await.unwrap(),
        schools
    );
    assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), users);

    // The demo school's name and an address already in use are refused too.
    let mut taken = setup_school("admin@dnevnik.example");
    let err = create_school(&app.db, &app.address, &taken)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ServiceError::Validation(f) if f[0].field == "email"),
        "{err:?}"
    );
    taken.admin_email = "new@school17.example".into();
    taken.short_name = "Школа № 239".into();
    let err = create_school(&app.db, &app.address, &taken)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, ServiceError::Validation(f) if f[0].field == "school"),
        "{err:?}"
    );
    assert_eq!(
        school::Entity::find().count(&app.db).await.unwrap(),
        schools
    );
}

both_databases_with_smtp!(the_first_run_creates_the_school_and_mails_its_administrator);
both_databases!(bad_first_run_input_is_named_and_writes_nothing);
