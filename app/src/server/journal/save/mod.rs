//! Saving a batch of edits of one section in one transaction: the checks
//! that refuse it whole, the write turn, the raise of the class's data
//! version, each edit's outcome (saved, conflict or refused) and the audit
//! log written with it.

use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

mod cell;
mod lesson;
mod period_mark;

use self::cell::{save_cell, CellEdit};
use self::lesson::save_lesson;
use self::period_mark::save_period_mark;
use super::grid::{cell_key, codes};
use super::rights::{periods_of, rights, section_of, section_refs, section_row, Rights, Section};
use crate::domain::ids::{LessonId, PersonId, SectionId, WorkTypeId};
use crate::domain::journal::CellKey;
use crate::i18n::current_lang;
use crate::i18n::journal::{self, JournalTexts};
use crate::model::accounts::SessionUser;
use crate::model::journal::{EditOutcome, JournalEdit};
use crate::server::audit::{self, AuditEntry};
use crate::server::cache::bump_class_in_open;
use crate::server::entities::{self, attendance_record, enrolment, mark, work_type};
use crate::server::school::{school_refs, Groups};
use crate::server::{AppState, ServiceError};
use chrono::NaiveDate;

/// The most edits one save may carry.
pub const MAX_EDITS_PER_SAVE: usize = 500;

/// What one save needs to know besides the edits.
struct SaveContext<'a> {
    /// What refusals say, in the request's language.
    t: &'static JournalTexts,
    s: &'a Section,
    user: &'a SessionUser,
    lessons: HashMap<LessonId, entities::lesson::Model>,
    /// Each student's days in the class: (joined, last day).
    enrolled: HashMap<PersonId, Vec<(NaiveDate, Option<NaiveDate>)>>,
    work_types: &'a HashMap<WorkTypeId, work_type::Model>,
    code_ids: HashMap<String, i64>,
    codes: HashMap<i64, String>,
}

/// The stored marks and attendance of a cell.
type CellRows = (Vec<mark::Model>, Option<attendance_record::Model>);

/// Writes a batch of edits to one section, in one transaction.
pub async fn save(
    st: &AppState,
    user: &SessionUser,
    section_id: SectionId,
    edits: Vec<JournalEdit>,
) -> Result<Vec<EditOutcome>, ServiceError> {
    let t = journal::texts(current_lang());
    if edits.is_empty() || edits.len() > MAX_EDITS_PER_SAVE {
        return Err(ServiceError::field(
            "edits",
            t.edits_per_save(MAX_EDITS_PER_SAVE),
        ));
    }
    let started = std::time::Instant::now();
    // The class and subject come from the cache; what may change from one
    // keystroke to the next (the section's teacher, closed periods, lessons,
    // the class list, the school's work types) is read fresh, all at once.
    // Attendance codes are fixed by the state's rules and cached.
    let refs = section_refs(st, section_id).await?;
    let lesson_ids: HashSet<LessonId> = edits.iter().filter_map(JournalEdit::lesson_id).collect();
    let student_ids: HashSet<PersonId> = edits.iter().filter_map(JournalEdit::student_id).collect();
    let lessons_q = async {
        Ok::<_, ServiceError>(
            entities::lesson::Entity::find()
                .filter(entities::lesson::Column::Id.is_in(lesson_ids.iter().map(|id| id.0)))
                .all(&st.db)
                .await?,
        )
    };
    let enrolled_q = async {
        if student_ids.is_empty() {
            return Ok(Vec::new());
        }
        Ok::<_, ServiceError>(
            enrolment::Entity::find()
                .filter(enrolment::Column::ClassId.eq(refs.class.id))
                .filter(enrolment::Column::StudentId.is_in(student_ids.iter().map(|id| id.0)))
                .all(&st.db)
                .await?,
        )
    };
    let work_types_q = async {
        Ok::<_, ServiceError>(
            work_type::Entity::find()
                .filter(work_type::Column::SchoolId.eq(refs.class.school_id))
                .all(&st.db)
                .await?
                .into_iter()
                .map(|w| (WorkTypeId(w.id), w))
                .collect::<HashMap<_, _>>(),
        )
    };
    let (section, periods, lessons, enrolled, work_types) = tokio::try_join!(
        section_row(st, section_id),
        periods_of(st, refs.class.academic_year_id),
        lessons_q,
        enrolled_q,
        work_types_q
    )?;
    let s = section_of(st, &refs, section, periods)?;
    let rights = rights(st, user, &s).await?;

    // Every lesson named must be this section's, and the user's to write.
    let lessons: HashMap<LessonId, entities::lesson::Model> =
        lessons.into_iter().map(|l| (LessonId(l.id), l)).collect();
    for id in &lesson_ids {
        match lessons.get(id) {
            Some(l) if l.section_id == s.section.id && rights.lesson(*id) => {}
            Some(_) => return Err(ServiceError::Forbidden),
            None => return Err(ServiceError::NotFound),
        }
    }
    for e in &edits {
        if let JournalEdit::PeriodMark { period_id, .. } = e {
            if !matches!(rights, Rights::Full) {
                return Err(ServiceError::Forbidden);
            }
            if !s.periods.iter().any(|p| p.id == period_id.0) {
                return Err(ServiceError::NotFound);
            }
        }
    }
    // A group's section takes its members' marks only (no query for a
    // whole-class section).
    let groups = Groups::of(&st.db, std::slice::from_ref(&s.section)).await?;
    let mut spans: HashMap<PersonId, Vec<(NaiveDate, Option<NaiveDate>)>> = HashMap::new();
    for e in enrolled {
        if !groups.teaches(s.section.id, e.student_id) {
            continue;
        }
        spans
            .entry(PersonId(e.student_id))
            .or_default()
            .push((e.starts_on, e.ends_on));
    }
    let codes = codes(&*school_refs(st, Some(s.class.school_id)).await?);
    let ctx = SaveContext {
        t,
        s: &s,
        user,
        lessons,
        enrolled: spans,
        work_types: &work_types,
        code_ids: codes.iter().map(|(id, c)| (c.clone(), *id)).collect(),
        codes,
    };

    let open = s.open_periods_of(&ctx.lessons, &edits);

    let read = started.elapsed();
    let _turn = st.write_turn().await;
    let turn = started.elapsed();
    let txn = st.db.begin().await?;
    // First statement of the transaction is a write: it takes the write
    // lock (SQLite) or the class row's lock (PostgreSQL), so the reads below
    // see the latest rows and no other save of this class interleaves. It
    // also checks that no period the batch writes into was closed since the
    // periods were read: then nothing is written, and the batch, sent again,
    // is refused cell by cell.
    if !bump_class_in_open(&txn, s.class.id, &open).await? {
        return Err(ServiceError::Conflict(t.closed_while_saving.into()));
    }
    // The stored state of every cell in the batch, in two reads.
    let mut stored = current_cells(&txn, &edits).await?;
    let mut log: Vec<AuditEntry<'static>> = Vec::new();
    let mut outcomes = Vec::with_capacity(edits.len());
    for edit in edits {
        let outcome = match edit {
            JournalEdit::Cell {
                lesson_id,
                student_id,
                marks,
                attendance,
                base,
            } => {
                let cell = CellEdit {
                    key: CellKey {
                        lesson: lesson_id,
                        student: student_id,
                    },
                    marks,
                    attendance,
                    base,
                };
                save_cell(&txn, &ctx, &mut stored, &mut log, cell).await?
            }
            JournalEdit::PeriodMark {
                period_id,
                student_id,
                value,
                base_version,
            } => {
                save_period_mark(
                    &txn,
                    &ctx,
                    &mut log,
                    period_id,
                    student_id,
                    value,
                    base_version,
                )
                .await?
            }
            JournalEdit::Lesson {
                lesson_id,
                topic,
                work_type_id,
                homework,
                attendance_taken,
                base_version,
            } => {
                save_lesson(
                    &txn,
                    &ctx,
                    &mut log,
                    lesson_id,
                    topic,
                    work_type_id,
                    homework,
                    attendance_taken,
                    base_version,
                )
                .await?
            }
        };
        outcomes.push(outcome);
    }
    audit::record_all(&txn, log).await?;
    txn.commit().await?;
    // Where a save's time went: reading, waiting for its turn, writing.
    tracing::debug!(
        edits = outcomes.len(),
        read_us = read.as_micros() as u64,
        turn_us = (turn - read).as_micros() as u64,
        write_us = (started.elapsed() - turn).as_micros() as u64,
        "journal saved"
    );
    Ok(outcomes)
}

/// The stored marks and attendance of every cell a batch names, read in
/// two queries inside the save's transaction.
async fn current_cells(
    txn: &DatabaseTransaction,
    edits: &[JournalEdit],
) -> Result<HashMap<CellKey, CellRows>, ServiceError> {
    let keys: HashSet<CellKey> = edits.iter().filter_map(JournalEdit::cell_key).collect();
    let mut out: HashMap<CellKey, CellRows> =
        keys.iter().map(|k| (*k, (Vec::new(), None))).collect();
    if keys.is_empty() {
        return Ok(out);
    }
    let lessons: HashSet<i64> = keys.iter().map(|k| k.lesson.0).collect();
    let students: HashSet<i64> = keys.iter().map(|k| k.student.0).collect();
    let marks = mark::Entity::find()
        .filter(mark::Column::LessonId.is_in(lessons.iter().copied()))
        .filter(mark::Column::StudentId.is_in(students.iter().copied()))
        .order_by_asc(mark::Column::Slot)
        .all(txn)
        .await?;
    for m in marks {
        if let Some(cell) = out.get_mut(&cell_key(m.lesson_id, m.student_id)) {
            cell.0.push(m);
        }
    }
    let attendance = attendance_record::Entity::find()
        .filter(attendance_record::Column::LessonId.is_in(lessons.iter().copied()))
        .filter(attendance_record::Column::StudentId.is_in(students.iter().copied()))
        .all(txn)
        .await?;
    for a in attendance {
        if let Some(cell) = out.get_mut(&cell_key(a.lesson_id, a.student_id)) {
            cell.1 = Some(a);
        }
    }
    Ok(out)
}
