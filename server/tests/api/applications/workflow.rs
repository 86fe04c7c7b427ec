//! One child approved and another rejected, from filing to the diary.

use serde_json::Value;

use super::{class_of, file, officer, roster_child};
use crate::accounts::{registered_parent, EMAIL};
use crate::both_databases_with_smtp;
use crate::helpers::TestApp;
use crate::smtp::SmtpServer;

async fn the_whole_workflow_approves_one_child_and_rejects_another(
    app: &TestApp,
    smtp: &SmtpServer,
) {
    let parent = registered_parent(app, smtp).await;
    let officer = officer(app).await;
    let ivan = roster_child(app, "Иван", "Кузнецов").await;
    let born = ivan.birth_date.unwrap().to_string();
    let class_5a = class_of(app, "5А").await;

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
    let first: i64 = app
        .call(&parent, "my_applications", &[])
        .await
        .json::<Value>()
        .await
        .unwrap()["applications"][0]["id"]
        .as_i64()
        .unwrap();
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
    let queue: Value = app
        .call(&officer, "officer_queue", &[])
        .await
        .json()
        .await
        .unwrap();
    let items = queue["items"].as_array().unwrap();
    // Ours, beside the two the demo applicant filed.
    assert_eq!(items.len(), 4);
    let matched = |id: i64| items.iter().find(|i| i["id"] == id).unwrap()["roster_match"].clone();
    assert_eq!(matched(first), true);
    assert_eq!(matched(second), false);

    // Side by side: the roster record of the first; none for the second.
    let detail: Value = app
        .call(
            &officer,
            "officer_application",
            &[("id", &first.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["roster"]["person_id"], ivan.id);
    let detail: Value = app
        .call(
            &officer,
            "officer_application",
            &[("id", &second.to_string())],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(detail["roster"].is_null());

    // Approval needs the in-person step and the three checks.
    let approve = |id: i64, checks: bool| {
        let mut form = vec![("id", id.to_string())];
        if checks {
            for k in ["passport_seen", "parent_name_matches", "child_name_matches"] {
                form.push((k, "true".into()));
            }
        }
        form
    };
    let form = approve(first, true);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.call(&officer, "approve_application", &form).await;
    assert_eq!(res.status(), 409, "not before the parent came in person");
    assert_eq!(
        app.call(&officer, "await_signature", &[("id", &first.to_string())])
            .await
            .status(),
        200
    );
    let unchecked = approve(first, false);
    let unchecked: Vec<(&str, &str)> = unchecked.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.call(&officer, "approve_application", &unchecked).await;
    assert_eq!(res.status(), 422);
    let res = app.call(&officer, "approve_application", &form).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);

    // The second cannot be approved: no roster match. It is rejected.
    app.call(&officer, "await_signature", &[("id", &second.to_string())])
        .await;
    let form2 = approve(second, true);
    let form2: Vec<(&str, &str)> = form2.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.call(&officer, "approve_application", &form2)
            .await
            .status(),
        409
    );
    let res = app
        .call(
            &officer,
            "reject_application",
            &[
                ("id", &second.to_string()),
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
    let week: Value = app
        .call(&parent, "diary_week", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(week["scope"]["student"]["id"], ivan.id);
    assert_eq!(week["scope"]["children"].as_array().unwrap().len(), 1);
    let mine: Value = app
        .call(&parent, "my_applications", &[])
        .await
        .json()
        .await
        .unwrap();
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

both_databases_with_smtp!(the_whole_workflow_approves_one_child_and_rejects_another);
