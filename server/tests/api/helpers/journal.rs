//! The journal's server functions, called as the journal page calls them.

use app::domain::journal::CellBase;
use app::model::journal::{EditOutcome, JournalEdit, MarkInput};
use app::server::entities::work_type;
use sea_orm::EntityTrait;
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

    /// Puts `value` (of the school's first work type) into an empty cell;
    /// how the server took it, or the status of a refused batch.
    pub async fn put_mark(
        &self,
        c: &reqwest::Client,
        section_id: i64,
        lesson_id: i64,
        student_id: i64,
        value: &str,
    ) -> Result<EditOutcome, u16> {
        let wt = work_type::Entity::find()
            .one(&self.db)
            .await
            .unwrap()
            .expect("a work type")
            .id;
        let edit = JournalEdit::Cell {
            lesson_id: lesson_id.into(),
            student_id: student_id.into(),
            marks: vec![MarkInput {
                value: value.into(),
                work_type_id: wt.into(),
                comment: None,
                excluded: false,
            }],
            attendance: None,
            base: CellBase::default(),
        };
        match self.journal_save(c, section_id, &[edit]).await {
            (200, Some(mut out)) => Ok(out.remove(0)),
            (status, _) => Err(status),
        }
    }
}
