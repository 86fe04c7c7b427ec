//! The school set-up, as a new school's administrator does it: a school
//! created by the first-run step, its administrator signed in through the
//! invitation link, and the set-up server functions.

use app::server::entities::mail_outbox;
use app::server::setup::init::{create_school, Created, NewSchool};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use super::{client, token_from_mail, TestApp};

/// The password every invited test account sets.
pub const NEW_PASSWORD: &str = "НовыйПароль2026";

/// The first-run request of a new school, «Школа № 17» in Yekaterinburg
/// (two hours ahead of Moscow).
pub fn new_school(admin_email: &str) -> NewSchool {
    NewSchool {
        short_name: "Школа № 17".into(),
        full_name: String::new(),
        city: "Екатеринбург".into(),
        time_zone: "Asia/Yekaterinburg".into(),
        admin_email: admin_email.into(),
        admin_last_name: "Иванова".into(),
        admin_first_name: "Анна".into(),
        admin_middle_name: "Сергеевна".into(),
    }
}

impl TestApp {
    /// Posts JSON to a server function (the set-up's forms with lists);
    /// the status and the answer.
    pub async fn call_with_json(
        &self,
        c: &reqwest::Client,
        endpoint: &str,
        body: &Value,
    ) -> (u16, Value) {
        let res = c
            .post(self.url(&format!("/api/{endpoint}")))
            .json(body)
            .send()
            .await
            .expect("request sent");
        let status = res.status().as_u16();
        let text = res.text().await.expect("answer read");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// The newest mail in the outbox addressed to `to`.
    pub async fn last_mail_to(&self, to: &str) -> mail_outbox::Model {
        mail_outbox::Entity::find()
            .filter(mail_outbox::Column::ToAddress.eq(to))
            .order_by_desc(mail_outbox::Column::Id)
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no mail to {to}"))
    }

    /// Accepts the invitation mailed to `email` and signs in with the new
    /// password; the signed-in client.
    pub async fn accept_invitation(&self, email: &str) -> reqwest::Client {
        let mail = self.last_mail_to(email).await;
        let c = client();
        let res = self
            .call(
                &c,
                "accept_invitation",
                &[
                    ("token", token_from_mail(&mail.body)),
                    ("password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(res.status(), 200, "the invitation of {email} is accepted");
        assert_eq!(self.login(&c, email, NEW_PASSWORD).await.status(), 200);
        c
    }

    /// A new school made by the first-run step, and its administrator
    /// signed in through the invitation.
    pub async fn new_school(&self) -> (Created, reqwest::Client) {
        let email = "director@school17.example";
        let created = create_school(&self.db, &self.address, &new_school(email))
            .await
            .expect("the school is created");
        let admin = self.accept_invitation(email).await;
        (created, admin)
    }
}
