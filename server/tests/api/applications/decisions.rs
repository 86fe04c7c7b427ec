//! Who may file and who may decide, and decisions that race: only a
//! parent's account files; nobody decides their own application or one for
//! a child they are a guardian of; of two decisions at once, one wins.

use app::server::entities::{
    access_application, application_event, enrolment, guardianship, person, user_role,
};
use app::server::seed::{
    ADMIN_EMAIL, APPLICANT_EMAIL, OFFICER_EMAIL, PARENT_EMAIL, STUDENT_EMAIL, TEACHER_EMAIL,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::file;
use crate::both_databases;
use crate::helpers::TestApp;

/// The form of `approve_application` with the three checks ticked.
fn approval(id: &str) -> Vec<(&str, &str)> {
    vec![
        ("id", id),
        ("passport_seen", "true"),
        ("parent_name_matches", "true"),
        ("child_name_matches", "true"),
    ]
}

fn rejection(id: &str) -> Vec<(&str, &str)> {
    vec![("id", id), ("reason", "not_in_roster"), ("comment", "")]
}

/// Gives an account the officer's role in the demo school; the client
/// returned is signed in afresh, so its session holds the role.
async fn make_officer(app: &TestApp, email: &str) -> reqwest::Client {
    let u = app.user(email).await;
    let school = app.class("5А").await.school_id;
    user_role::ActiveModel {
        user_id: Set(u.id),
        role: Set("officer".into()),
        school_id: Set(Some(school)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    app.signed_in(email).await
}

/// Files, as the demo applicant, for a child of the roster (by surname
/// and first name) in their class; the application's id.
async fn filed_for(app: &TestApp, c: &reqwest::Client, last: &str, first: &str) -> String {
    let child = app.person(last, first).await;
    let class = enrolment::Entity::find()
        .filter(enrolment::Column::StudentId.eq(child.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("on the roster")
        .class_id;
    let res = file(
        app,
        c,
        class,
        [
            &child.last_name,
            &child.first_name,
            child.middle_name.as_deref().unwrap_or_default(),
        ],
        &child.birth_date.unwrap().to_string(),
    )
    .await;
    let status = res.status();
    let body = res.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    body
}

async fn only_a_parents_account_files_an_application(app: &TestApp) {
    let class = app.class("5А").await.id;
    let before = access_application::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    for email in [STUDENT_EMAIL, TEACHER_EMAIL, OFFICER_EMAIL, ADMIN_EMAIL] {
        let c = app.signed_in(email).await;
        let res = file(
            app,
            &c,
            class,
            ["Кузнецов", "Иван", "Андреевич"],
            "2015-01-01",
        )
        .await;
        assert_eq!(res.status(), 403, "{email}");
    }
    assert_eq!(
        access_application::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        before,
        "nothing filed"
    );
    // A parent's account (the demo parent holds the parent role) may.
    let parent = app.signed_in(PARENT_EMAIL).await;
    let ivan = app.person("Кузнецов", "Иван").await;
    let res = file(
        app,
        &parent,
        class,
        ["Кузнецов", "Иван", "Андреевич"],
        &ivan.birth_date.unwrap().to_string(),
    )
    .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
}

async fn nobody_decides_their_own_application_or_one_for_their_child(app: &TestApp) {
    let applicant = app.signed_in(APPLICANT_EMAIL).await;
    let own = filed_for(app, &applicant, "Кузнецов", "Иван").await;
    // The applicant becomes the school's officer: their own application is
    // someone else's to decide.
    let applicant = make_officer(app, APPLICANT_EMAIL).await;
    for (endpoint, form) in [
        ("approve_application", approval(&own)),
        ("reject_application", rejection(&own)),
        ("await_signature", vec![("id", own.as_str())]),
    ] {
        assert_eq!(
            app.call(&applicant, endpoint, &form).await.status(),
            403,
            "{endpoint}"
        );
    }
    // The demo parent, Иван's guardian, as officer: not about Иван either.
    let guardian = make_officer(app, PARENT_EMAIL).await;
    for (endpoint, form) in [
        ("approve_application", approval(&own)),
        ("reject_application", rejection(&own)),
    ] {
        assert_eq!(
            app.call(&guardian, endpoint, &form).await.status(),
            403,
            "{endpoint}"
        );
    }
    let still = access_application::Entity::find_by_id(own.parse::<i64>().unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(still.status, "filed", "nothing decided");
    // The school's own officer decides it.
    let officer = app.signed_in(OFFICER_EMAIL).await;
    let res = app
        .call(&officer, "await_signature", &[("id", own.as_str())])
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let res = app
        .call(&officer, "approve_application", &approval(&own))
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
}

async fn of_two_decisions_at_once_one_wins(app: &TestApp) {
    let applicant = app.signed_in(APPLICANT_EMAIL).await;
    let (first, second) = (
        app.signed_in(OFFICER_EMAIL).await,
        app.signed_in(OFFICER_EMAIL).await,
    );
    let family = [
        app.person("Кузнецова", "Мария").await.id,
        app.person("Кузнецов", "Иван").await.id,
    ];
    let mut children: Vec<i64> = enrolment::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.student_id)
        .filter(|s| !family.contains(s))
        .collect();
    children.sort_unstable();
    children.dedup();
    // Not the children the demo applicant has applications for already.
    let filed: Vec<(String, String)> = access_application::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.child_last_name, a.child_first_name))
        .collect();
    let mut free = Vec::new();
    for c in children {
        let p = person::Entity::find_by_id(c)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        if !filed.contains(&(p.last_name, p.first_name)) {
            free.push(c);
        }
    }
    let mut children = free;
    children.truncate(6);
    assert_eq!(children.len(), 6);
    for (round, child) in children.into_iter().enumerate() {
        let p = person::Entity::find_by_id(child)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let id = filed_for(app, &applicant, &p.last_name, &p.first_name).await;
        // Checked against the roster: the parent is expected in person.
        let res = app
            .call(&first, "await_signature", &[("id", id.as_str())])
            .await;
        assert_eq!(res.status(), 200, "{:?}", res.text().await);
        // Approval against rejection, or (every third round) against the
        // parent's withdrawal.
        let approve = approval(&id);
        let (other, endpoint, form) = if round % 3 == 2 {
            (
                &applicant,
                "withdraw_application",
                vec![("id", id.as_str())],
            )
        } else {
            (&second, "reject_application", rejection(&id))
        };
        let (a, b) = tokio::join!(
            app.call(&first, "approve_application", &approve),
            app.call(other, endpoint, &form),
        );
        let mut statuses = [a.status().as_u16(), b.status().as_u16()];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "round {round}: one decision wins");
        let a_id: i64 = id.parse().unwrap();
        let decided = access_application::Entity::find_by_id(a_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let active = guardianship::Entity::find()
            .filter(guardianship::Column::StudentId.eq(child))
            .filter(guardianship::Column::GuardianUserId.eq(decided.user_id))
            .filter(guardianship::Column::RevokedAt.is_null())
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(
            active == 1,
            decided.status == "approved",
            "round {round}: a guardianship exactly when approved ({})",
            decided.status
        );
        let moves = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.eq(a_id))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(moves, 3, "round {round}: filed, checked, then one decision");
    }
}

both_databases!(
    only_a_parents_account_files_an_application,
    nobody_decides_their_own_application_or_one_for_their_child,
    of_two_decisions_at_once_one_wins,
);
