//! One child approved and another rejected, from filing to the diary.

use app::server::seed::OFFICER_EMAIL;
use serde_json::Value;

use super::file;
use crate::accounts::{registered_parent, EMAIL};
use crate::both_databases_with_smtp;
use crate::helpers::TestApp;
use crate::smtp::SmtpServer;

async fn the_whole_workflow_approves_one_child_and_rejects_another(
    app: &TestApp,
    smtp: &SmtpServer,
) {
    let parent = registered_parent(app, smtp).await;
    let officer = app.signed_in(OFFICER_EMAIL).await;
    let ivan = app.person("Кузнецов", "Иван").await;
    let born = ivan.birth_date.unwrap().to_string();
    let class_5a = app.class("5А").await.id;

    // Two applications, one per child: Иван is on the roster (typed with ё/е
    // and case differences), «Пётр» is not.
    let res = file(
        app,
        &parent,
        class_5a,
        ["кузнецов", "Иван", "андреевич"],
        &born,
    )
    .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let (_, mine) = app
        .call_json::<Value>(&parent, "my_applications", &[])
        .await;
    let first = mine["applications"][0]["id"].as_i64().unwrap();
    let res = file(
        app,
        &parent,
        class_5a,
        ["Петров", "Пётр", "Олегович"],
        "2015-03-03",
    )
    .await;
    let second: i64 = res.json().await.unwrap();

    // The queue shows both, with the roster match of each.
    let (_, queue) = app.call_json::<Value>(&officer, "officer_queue", &[]).await;
    let items = queue["items"].as_array().unwrap();
    // Ours, beside the two the demo applicant filed.
    assert_eq!(items.len(), 4);
    let matched = |id: i64| items.iter().find(|i| i["id"] == id).unwrap()["roster_match"].clone();
    assert_eq!(matched(first), true);
    assert_eq!(matched(second), false);

    // Side by side: the roster record of the first; none for the second.
    let (first_id, second_id) = (first.to_string(), second.to_string());
    let (_, detail) = app
        .call_json::<Value>(&officer, "officer_application", &[("id", &first_id)])
        .await;
    assert_eq!(detail["roster"]["person_id"], ivan.id);
    let (_, detail) = app
        .call_json::<Value>(&officer, "officer_application", &[("id", &second_id)])
        .await;
    assert!(detail["roster"].is_null());

    // Approval needs the in-person step and the three checks.
    let res = app
        .call(&officer, "approve_application", &approval(&first_id, true))
        .await;
    assert_eq!(res.status(), 409, "not before the parent came in person");
    assert_eq!(
        app.call(&officer, "await_signature", &[("id", &first_id)])
            .await
            .status(),
        200
    );
    let res = app
        .call(&officer, "approve_application", &approval(&first_id, false))
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .call(&officer, "approve_application", &approval(&first_id, true))
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);

    // The second cannot be approved: no roster match. It is rejected.
    app.call(&officer, "await_signature", &[("id", &second_id)])
        .await;
    assert_eq!(
        app.call(&officer, "approve_application", &approval(&second_id, true))
            .await
            .status(),
        409
    );
    let res = app
        .call(
            &officer,
            "reject_application",
            &[
                ("id", &second_id),
                ("reason", "not_in_roster"),
                ("comment", "Ученик в 5А не числится"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);

    // Both mails arrived: access granted, and the reason.
    let mails = smtp.wait_for(3).await;
    let granted = mails
        .iter()
        .find(|m| m.subject == "Дневник: доступ к дневнику предоставлен")
        .unwrap();
    assert_eq!(granted.envelope_to, EMAIL);
    assert!(granted.body.contains("Иван Андреевич"));
    let rejected = mails
        .iter()
        .find(|m| m.subject == "Дневник: заявление отклонено")
        .unwrap();
    assert_eq!(rejected.envelope_to, EMAIL);
    assert!(rejected
        .body
        .contains("ребёнок не найден в контингенте школы"));
    assert!(rejected.body.contains("Ученик в 5А не числится"));

    // The parent sees Иван in the diary at once, and the reason for the other.
    let (_, week) = app.call_json::<Value>(&parent, "diary_week", &[]).await;
    assert_eq!(week["scope"]["student"]["id"], ivan.id);
    assert_eq!(week["scope"]["children"].as_array().unwrap().len(), 1);
    let (_, mine) = app
        .call_json::<Value>(&parent, "my_applications", &[])
        .await;
    let second_view = mine["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == second)
        .unwrap()
        .clone();
    assert_eq!(second_view["status"], "Rejected");
    assert_eq!(second_view["reject_reason"], "NotInRoster");
    let history: Vec<&str> = second_view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["Filed", "AwaitingSignature", "Rejected"]);
}

/// The form of `approve_application`: the id, with the three checks of the
/// in-person visit ticked or not.
fn approval(id: &str, checks: bool) -> Vec<(&str, &str)> {
    let mut form = vec![("id", id)];
    if checks {
        for k in ["passport_seen", "parent_name_matches", "child_name_matches"] {
            form.push((k, "true"));
        }
    }
    form
}

both_databases_with_smtp!(the_whole_workflow_approves_one_child_and_rejects_another);
