//! The journal's server functions, called as the journal page calls them.

use app::model::journal::{EditOutcome, JournalEdit};
use serde_json::{json, Value};

use super::TestApp;

impl TestApp {
    /// `journal_grid` with these arguments (`section`, `period`).
    pub async fn journal_grid(&self, c: &reqwest::Client, form: &[(&str, &str)]) -> (u16, Value) {
        self.call_json(c, "journal_grid", form).await
    }

    /// `journal_save` of a batch of edits, sent as JSON like the page does;
    /// the outcomes when the batch was accepted.
    pub async fn journal_save(
        &self,
        c: &reqwest::Client,
        section_id: i64,
        edits: &[JournalEdit],
    ) -> (u16, Option<Vec<EditOutcome>>) {
        let res = c
            .post(self.url("/api/journal_save"))
            .json(&json!({ "section_id": section_id, "edits": edits }))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let body = res.text().await.unwrap();
        (status, serde_json::from_str(&body).ok())
    }
}
