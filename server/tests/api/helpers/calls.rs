//! Talking to the server as a browser does: signing in, calling server
//! functions and reading their answers.

use app::server::seed::DEMO_PASSWORD;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{client, TestApp};

impl TestApp {
    /// Calls a server function the way the browser does (form-encoded POST).
    pub async fn call(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function and decodes its JSON answer, whatever the
    /// status (error answers decode as a `Value`: `"Forbidden"`,
    /// `{"Validation": [...]}`).
    pub async fn call_json<T: DeserializeOwned>(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (u16, T) {
        let res = self.call(client, endpoint, form).await;
        let status = res.status().as_u16();
        let body = res.text().await.expect("answer read");
        match serde_json::from_str(&body) {
            Ok(answer) => (status, answer),
            Err(e) => panic!("{endpoint} answered {status} with {body:?}: {e}"),
        }
    }

    pub async fn login(
        &self,
        client: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.call(client, "login", &[("email", email), ("password", password)])
            .await
    }

    /// A new client signed in as a demo login (demo password); it keeps the
    /// session cookie.
    pub async fn signed_in(&self, email: &str) -> reqwest::Client {
        let c = client();
        let res = self.login(&c, email, DEMO_PASSWORD).await;
        assert_eq!(res.status(), 200, "{email} signs in");
        c
    }

    /// The client's signed-in user as `me` answers it (`null` when none).
    pub async fn me(&self, client: &reqwest::Client) -> Value {
        let (status, me) = self.call_json(client, "me", &[]).await;
        assert_eq!(status, 200);
        me
    }
}

/// The fields named by a 422 answer's validation errors, in order.
pub fn validation_fields(body: &Value) -> Vec<&str> {
    body["Validation"]
        .as_array()
        .expect("a validation error")
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect()
}
