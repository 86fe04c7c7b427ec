//! The teacher's journal: one course section (subject × class) over one
//! period, read as a grid and written in batches of edits.

use crate::domain::ids::{LessonId, PeriodId, PersonId, SectionId};
use crate::error::AppError;
use crate::model::journal::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The grid of a section for a period. Without a section: the teacher's
/// first; without a period: the one containing today.
#[server(endpoint = "journal_grid")]
pub async fn load_journal(
    section: Option<SectionId>,
    period: Option<PeriodId>,
) -> Result<JournalGrid, AppError> {
    use crate::server::{auth, journal, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(journal::grid(&st, user, section, period).await?)
}

/// Writes a batch of edits of one section; each gets its own outcome.
#[server(endpoint = "journal_save", input = Json)]
pub async fn save_journal(
    section_id: SectionId,
    edits: Vec<JournalEdit>,
) -> Result<Vec<EditOutcome>, AppError> {
    use crate::server::{auth, journal, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(journal::save(&st, &user, section_id, edits).await?)
}

/// The history of one cell, newest first.
#[server(endpoint = "journal_history")]
pub async fn cell_history(
    lesson_id: LessonId,
    student_id: PersonId,
) -> Result<Vec<HistoryEntry>, AppError> {
    use crate::server::{auth, journal, state};
    let st = state()?;
    let user = auth::require_user(&st).await?;
    Ok(journal::history(&st, &user, lesson_id, student_id).await?)
}
