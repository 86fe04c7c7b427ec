//! The teacher's journal: reading a section's grid for a period and writing
//! batches of edits to it.
//!
//! Who may write: the section's teacher, a substitute at the lessons they
//! took, and the school's admin. Every write is refused in a closed period,
//! carries the version it was based on (a mismatch is a conflict and writes
//! nothing), goes to the audit log with the old and new value, and raises
//! the class's data version in the same transaction.

use chrono::{Duration, FixedOffset, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::access::full_name;
use super::audit::{self, AuditEntry};
use super::cache::{bump_class_in_open, SchoolRefs, SectionRefs};
use super::diary::school_refs;
use super::entities::{
    attendance_record, audit_log, class, course_section, enrolment, homework, lesson, mark, period,
    period_mark, person, school, subject, user, work_type,
};
use super::{AppState, ServiceError};
use crate::api::journal::*;
use crate::api::SessionUser;
use crate::domain::grades::{MarkValue, RoundingPolicy};
use crate::domain::journal::{
    code_category, summarize, tidy_text, CellAttendance, CellBase, CellData, CellMark,
    MAX_COMMENT_CHARS, MAX_HOMEWORK_CHARS, MAX_MARKS_PER_CELL, MAX_TOPIC_CHARS,
};
use crate::domain::roles::Role;

/// The most edits one save may carry.
pub const MAX_EDITS_PER_SAVE: usize = 500;

/// A section with its class, subject, school and the periods of its year.
struct Section {
    section: course_section::Model,
    class: class::Model,
    subject: subject::Model,
    periods: Vec<period::Model>,
}

impl Section {
    fn option(&self) -> SectionOption {
        SectionOption {
            id: self.section.id,
            class_name: self.class.name.clone(),
            subject_name: self.subject.name.clone(),
        }
    }

    /// The open periods a batch writes into: those holding the days of its
    /// lessons, and those its period marks are for.
    fn open_periods_of(
        &self,
        lessons: &HashMap<i64, lesson::Model>,
        edits: &[JournalEdit],
    ) -> Vec<i64> {
        let mut ids = std::collections::BTreeSet::new();
        for e in edits {
            let holds = |p: &period::Model| match e {
                JournalEdit::Cell { lesson_id, .. } | JournalEdit::Lesson { lesson_id, .. } => {
                    lessons
                        .get(lesson_id)
                        .is_some_and(|l| p.starts_on <= l.date && l.date <= p.ends_on)
                }
                JournalEdit::PeriodMark { period_id, .. } => p.id == *period_id,
            };
            ids.extend(
                self.periods
                    .iter()
                    .filter(|p| !p.locked && holds(p))
                    .map(|p| p.id),
            );
        }
        ids.into_iter().collect()
    }

    /// The closed period a day falls in, if any.
    fn locked_period(&self, day: NaiveDate) -> Option<&period::Model> {
        self.periods
            .iter()
            .find(|p| p.locked && p.starts_on <= day && day <= p.ends_on)
    }
}

/// What a user may do in a section.
enum Rights {
    /// The section's teacher or the school's admin: every lesson, and
    /// period marks.
    Full,
    /// A substitute: the lessons they took.
    Substitute(HashSet<i64>),
}

impl Rights {
    fn lesson(&self, lesson_id: i64) -> bool {
        match self {
            Rights::Full => true,
            Rights::Substitute(ids) => ids.contains(&lesson_id),
        }
    }
}

/// The section, its class and subject: cached, as they change only when the
/// timetable is set up. (The section's own row is read fresh every time:
/// see [`section_row`].)
async fn section_refs(st: &AppState, section_id: i64) -> Result<Arc<SectionRefs>, ServiceError> {
    if let Some(hit) = st.caches.sections.get(&section_id) {
        return Ok(hit);
    }
    let section = course_section::Entity::find_by_id(section_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let class = class::Entity::find_by_id(section.class_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let subject = subject::Entity::find_by_id(section.subject_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let refs = Arc::new(SectionRefs {
        section,
        class,
        subject,
    });
    st.caches.sections.insert(section_id, refs.clone());
    Ok(refs)
}

/// The periods of a year, read fresh every time: whether one is closed
/// must take effect at once.
async fn periods_of(st: &AppState, year_id: i64) -> Result<Vec<period::Model>, ServiceError> {
    Ok(period::Entity::find()
        .filter(period::Column::AcademicYearId.eq(year_id))
        .order_by_asc(period::Column::Seq)
        .all(&st.db)
        .await?)
}

/// The section's own row, read fresh: who teaches it decides who may read
/// and write.
async fn section_row(
    st: &AppState,
    section_id: i64,
) -> Result<course_section::Model, ServiceError> {
    course_section::Entity::find_by_id(section_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The section from its fresh row and the cached class and subject.
fn section_of(
    st: &AppState,
    refs: &SectionRefs,
    section: course_section::Model,
    periods: Vec<period::Model>,
) -> Result<Section, ServiceError> {
    if section.class_id != refs.class.id || section.subject_id != refs.subject.id {
        // Moved to another class or subject since it was cached.
        st.caches.sections.invalidate(&section.id);
        return Err(ServiceError::field(
            "section_id",
            "Журнал изменился: обновите страницу",
        ));
    }
    Ok(Section {
        section,
        class: refs.class.clone(),
        subject: refs.subject.clone(),
        periods,
    })
}

async fn load_section(st: &AppState, section_id: i64) -> Result<Section, ServiceError> {
    let refs = section_refs(st, section_id).await?;
    let (section, periods) = tokio::try_join!(
        section_row(st, section_id),
        periods_of(st, refs.class.academic_year_id)
    )?;
    section_of(st, &refs, section, periods)
}

/// The user's rights in the section; 403 when they have none.
async fn rights(st: &AppState, user: &SessionUser, s: &Section) -> Result<Rights, ServiceError> {
    let admin = user
        .schools_as(Role::Admin)
        .iter()
        .any(|id| id.0 == s.class.school_id);
    let person = user.person_id.map(|p| p.0);
    if admin || (user.has_role(Role::Teacher) && person == Some(s.section.teacher_id)) {
        return Ok(Rights::Full);
    }
    if let (true, Some(pid)) = (user.has_role(Role::Teacher), person) {
        let ids: HashSet<i64> = lesson::Entity::find()
            .filter(lesson::Column::SectionId.eq(s.section.id))
            .filter(lesson::Column::SubstituteTeacherId.eq(pid))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|l| l.id)
            .collect();
        if !ids.is_empty() {
            return Ok(Rights::Substitute(ids));
        }
    }
    tracing::warn!(
        user = user.id.0,
        section = s.section.id,
        "journal access refused"
    );
    Err(ServiceError::Forbidden)
}

/// The sections a user can open: their own, those they substituted in, and
/// as an admin every section of the school.
async fn sections_of(
    st: &AppState,
    user: &SessionUser,
) -> Result<Vec<SectionOption>, ServiceError> {
    use sea_orm::sea_query::ExprTrait;
    let admin_schools: Vec<i64> = user.schools_as(Role::Admin).iter().map(|s| s.0).collect();
    let mut sections = Vec::new();
    if !admin_schools.is_empty() {
        let classes: Vec<i64> = class::Entity::find()
            .filter(class::Column::SchoolId.is_in(admin_schools))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        sections.extend(
            course_section::Entity::find()
                .filter(course_section::Column::ClassId.is_in(classes))
                .all(&st.db)
                .await?,
        );
    }
    if let (true, Some(pid)) = (user.has_role(Role::Teacher), user.person_id) {
        let substituted: Vec<i64> = lesson::Entity::find()
            .filter(lesson::Column::SubstituteTeacherId.eq(pid.0))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|l| l.section_id)
            .collect();
        sections.extend(
            course_section::Entity::find()
                .filter(
                    course_section::Column::TeacherId
                        .eq(pid.0)
                        .or(course_section::Column::Id.is_in(substituted)),
                )
                .all(&st.db)
                .await?,
        );
    }
    let classes: HashMap<i64, class::Model> = class::Entity::find()
        .filter(class::Column::Id.is_in(sections.iter().map(|s| s.class_id)))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let subjects: HashMap<i64, subject::Model> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(sections.iter().map(|s| s.subject_id)))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut options: Vec<(i32, SectionOption)> = sections
        .iter()
        .filter_map(|s| {
            let c = classes.get(&s.class_id)?;
            Some((
                c.grade,
                SectionOption {
                    id: s.id,
                    class_name: c.name.clone(),
                    subject_name: subjects.get(&s.subject_id)?.name.clone(),
                },
            ))
        })
        .collect();
    options.sort_by(|a, b| {
        (a.0, &a.1.class_name, &a.1.subject_name).cmp(&(b.0, &b.1.class_name, &b.1.subject_name))
    });
    options.dedup_by_key(|o| o.1.id);
    Ok(options.into_iter().map(|o| o.1).collect())
}

/// The period shown when none is asked for: the term containing today, or
/// else the last one that has started.
fn default_period(periods: &[period::Model], today: NaiveDate) -> Option<&period::Model> {
    let terms: Vec<&period::Model> = periods.iter().filter(|p| p.kind != "year").collect();
    terms
        .iter()
        .find(|p| p.starts_on <= today && today <= p.ends_on)
        .or_else(|| terms.iter().rev().find(|p| p.starts_on <= today))
        .or_else(|| terms.first())
        .copied()
        .or_else(|| periods.first())
}

fn period_option(p: &period::Model) -> PeriodOption {
    PeriodOption {
        id: p.id,
        name: p.name.clone(),
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        locked: p.locked,
    }
}

/// Attendance code id → code, from the school's cached set-up.
fn codes(refs: &SchoolRefs) -> HashMap<i64, String> {
    refs.codes
        .iter()
        .map(|(id, c)| (*id, c.code.clone()))
        .collect()
}

fn cell_mark(m: &mark::Model) -> CellMark {
    CellMark {
        id: Some(m.id),
        version: m.version,
        value: m.value.clone(),
        work_type_id: m.work_type_id,
        weight_centi: m.weight_centi.max(0) as u32,
        comment: m.comment.clone(),
        excluded: m.excluded,
    }
}

fn cell_attendance(a: &attendance_record::Model, codes: &HashMap<i64, String>) -> CellAttendance {
    CellAttendance {
        id: Some(a.id),
        version: a.version,
        code: codes.get(&a.code_id).cloned().unwrap_or_default(),
    }
}

fn grid_lesson(
    l: &lesson::Model,
    hw: Option<&homework::Model>,
    s: &Section,
    rights: &Rights,
) -> GridLesson {
    GridLesson {
        id: l.id,
        date: l.date,
        number: l.number,
        topic: l.topic.clone(),
        work_type_id: l.work_type_id,
        homework: hw.map(|h| GridHomework {
            text: h.text.clone(),
            due_lesson_id: h.due_lesson_id,
            due_on: h.due_on,
        }),
        attendance_taken: l.attendance_taken_at.is_some(),
        version: l.version,
        writable: rights.lesson(l.id) && s.locked_period(l.date).is_none(),
    }
}

fn policy_of(school: &school::Model) -> RoundingPolicy {
    RoundingPolicy {
        five_from_centi: school.five_from_centi.max(0) as u32,
        four_from_centi: school.four_from_centi.max(0) as u32,
        three_from_centi: school.three_from_centi.max(0) as u32,
    }
}

/// The grid of a section for a period.
pub async fn grid(
    st: &AppState,
    user: SessionUser,
    section_id: Option<i64>,
    period_id: Option<i64>,
) -> Result<JournalGrid, ServiceError> {
    let sections = sections_of(st, &user).await?;
    let section_id = match section_id {
        Some(id) => id,
        None => sections
            .first()
            .map(|s| s.id)
            .ok_or(ServiceError::NotFound)?,
    };
    let s = load_section(st, section_id).await?;
    let rights = rights(st, &user, &s).await?;
    let today = Utc::now().date_naive();
    let period = match period_id {
        Some(id) => s.periods.iter().find(|p| p.id == id),
        None => default_period(&s.periods, today),
    }
    .ok_or(ServiceError::NotFound)?
    .clone();

    let students = students_of(st, s.class.id, period.starts_on, period.ends_on).await?;
    let student_ids: HashSet<i64> = students.iter().map(|p| p.id).collect();
    let lessons = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(s.section.id))
        .filter(lesson::Column::Date.between(period.starts_on, period.ends_on))
        .order_by_asc(lesson::Column::Date)
        .order_by_asc(lesson::Column::Number)
        .all(&st.db)
        .await?;
    let lesson_ids: Vec<i64> = lessons.iter().map(|l| l.id).collect();
    let marks = mark::Entity::find()
        .filter(mark::Column::LessonId.is_in(lesson_ids.clone()))
        .order_by_asc(mark::Column::Slot)
        .all(&st.db)
        .await?;
    let attendance = attendance_record::Entity::find()
        .filter(attendance_record::Column::LessonId.is_in(lesson_ids.clone()))
        .all(&st.db)
        .await?;
    let homework: HashMap<i64, homework::Model> = homework::Entity::find()
        .filter(homework::Column::LessonId.is_in(lesson_ids))
        .order_by_asc(homework::Column::Id)
        .all(&st.db)
        .await?
        .into_iter()
        .map(|h| (h.lesson_id, h))
        .collect();
    let codes = codes(&*school_refs(st, Some(s.class.school_id)).await?);
    let mut cells: HashMap<(i64, i64), CellData> = HashMap::new();
    for m in marks.iter().filter(|m| student_ids.contains(&m.student_id)) {
        cells
            .entry((m.lesson_id, m.student_id))
            .or_default()
            .marks
            .push(cell_mark(m));
    }
    for a in attendance
        .iter()
        .filter(|a| student_ids.contains(&a.student_id))
    {
        cells
            .entry((a.lesson_id, a.student_id))
            .or_default()
            .attendance = Some(cell_attendance(a, &codes));
    }
    let school = school::Entity::find_by_id(s.class.school_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let work_types = super::entities::work_type::Entity::find()
        .filter(super::entities::work_type::Column::SchoolId.eq(school.id))
        .order_by_asc(super::entities::work_type::Column::Id)
        .all(&st.db)
        .await?
        .into_iter()
        .map(|w| WorkTypeOption {
            id: w.id,
            name: w.name,
            short_name: w.short_name,
            weight_centi: w.weight_centi.max(0) as u32,
        })
        .collect();
    let period_marks = period_mark::Entity::find()
        .filter(period_mark::Column::SectionId.eq(s.section.id))
        .filter(period_mark::Column::PeriodId.eq(period.id))
        .all(&st.db)
        .await?
        .into_iter()
        .filter(|p| student_ids.contains(&p.student_id))
        .map(|p| GridPeriodMark {
            student_id: p.student_id,
            mark: period_mark_data(&p),
        })
        .collect();
    let teacher_name = person::Entity::find_by_id(s.section.teacher_id)
        .one(&st.db)
        .await?
        .map(|p| full_name(&p).short())
        .unwrap_or_default();
    let grid_lessons = lessons
        .iter()
        .map(|l| grid_lesson(l, homework.get(&l.id), &s, &rights))
        .collect();
    let mut cells: Vec<GridCell> = cells
        .into_iter()
        .map(|((lesson_id, student_id), data)| GridCell {
            lesson_id,
            student_id,
            data,
        })
        .collect();
    cells.sort_by_key(|c| (c.lesson_id, c.student_id));
    Ok(JournalGrid {
        user,
        section: s.option(),
        teacher_name,
        sections,
        periods: s.periods.iter().map(period_option).collect(),
        can_set_period_marks: matches!(rights, Rights::Full) && !period.locked,
        period: period_option(&period),
        students: students
            .iter()
            .map(|p| GridStudent {
                id: p.id,
                name: full_name(p),
            })
            .collect(),
        lessons: grid_lessons,
        cells,
        period_marks,
        work_types,
        policy: policy_of(&school),
    })
}

/// The class's students enrolled at some time in `from..=to`, by surname.
async fn students_of(
    st: &AppState,
    class_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<person::Model>, ServiceError> {
    use sea_orm::sea_query::ExprTrait;
    let ids: Vec<i64> = enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.eq(class_id))
        .filter(enrolment::Column::StartsOn.lte(to))
        .filter(
            enrolment::Column::EndsOn
                .is_null()
                .or(enrolment::Column::EndsOn.gte(from)),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .map(|e| e.student_id)
        .collect();
    let mut people = person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(&st.db)
        .await?;
    people.sort_by_key(|p| (full_name(p).sort_key(), p.id));
    Ok(people)
}

fn period_mark_data(p: &period_mark::Model) -> PeriodMarkData {
    PeriodMarkData {
        value: p.value.clone(),
        average_centi: p.average_centi.map(|c| c.max(0) as u32),
        version: p.version,
    }
}

/// What one save needs to know besides the edits.
struct SaveContext<'a> {
    s: &'a Section,
    user: &'a SessionUser,
    lessons: HashMap<i64, lesson::Model>,
    enrolled: HashSet<i64>,
    work_types: &'a HashMap<i64, work_type::Model>,
    code_ids: HashMap<String, i64>,
    codes: HashMap<i64, String>,
}

/// The stored marks and attendance of a cell.
type CellRows = (Vec<mark::Model>, Option<attendance_record::Model>);

/// A moment in the school's local time — Moscow time, as in St. Petersburg —
/// as people write it: «05.11.2026 14:30».
pub(super) fn school_time(t: chrono::DateTime<Utc>) -> String {
    let msk = FixedOffset::east_opt(3 * 3600).expect("offset");
    t.with_timezone(&msk).format("%d.%m.%Y %H:%M").to_string()
}

fn locked_message(p: &period::Model) -> String {
    format!("Период «{}» закрыт: отметки в нём менять нельзя", p.name)
}

/// Writes a batch of edits to one section, in one transaction.
pub async fn save(
    st: &AppState,
    user: &SessionUser,
    section_id: i64,
    edits: Vec<JournalEdit>,
) -> Result<Vec<EditOutcome>, ServiceError> {
    if edits.is_empty() || edits.len() > MAX_EDITS_PER_SAVE {
        return Err(ServiceError::field(
            "edits",
            format!("За раз можно сохранить от 1 до {MAX_EDITS_PER_SAVE} изменений"),
        ));
    }
    let started = std::time::Instant::now();
    // The class and subject come from the cache; what may change from one
    // keystroke to the next (the section's teacher, closed periods, lessons,
    // the class list, the school's work types) is read fresh, all at once.
    // Attendance codes are fixed by the state's rules and cached.
    let refs = section_refs(st, section_id).await?;
    let lesson_ids: HashSet<i64> = edits
        .iter()
        .filter_map(|e| match e {
            JournalEdit::Cell { lesson_id, .. } | JournalEdit::Lesson { lesson_id, .. } => {
                Some(*lesson_id)
            }
            JournalEdit::PeriodMark { .. } => None,
        })
        .collect();
    let student_ids: HashSet<i64> = edits
        .iter()
        .filter_map(|e| match e {
            JournalEdit::Cell { student_id, .. } | JournalEdit::PeriodMark { student_id, .. } => {
                Some(*student_id)
            }
            JournalEdit::Lesson { .. } => None,
        })
        .collect();
    let lessons_q = async {
        Ok::<_, ServiceError>(
            lesson::Entity::find()
                .filter(lesson::Column::Id.is_in(lesson_ids.iter().copied()))
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
                .filter(enrolment::Column::StudentId.is_in(student_ids.iter().copied()))
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
                .map(|w| (w.id, w))
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
    let lessons: HashMap<i64, lesson::Model> = lessons.into_iter().map(|l| (l.id, l)).collect();
    for id in &lesson_ids {
        match lessons.get(id) {
            Some(l) if l.section_id == s.section.id && rights.lesson(l.id) => {}
            Some(_) => return Err(ServiceError::Forbidden),
            None => return Err(ServiceError::NotFound),
        }
    }
    for e in &edits {
        if let JournalEdit::PeriodMark { period_id, .. } = e {
            if !matches!(rights, Rights::Full) {
                return Err(ServiceError::Forbidden);
            }
            if !s.periods.iter().any(|p| p.id == *period_id) {
                return Err(ServiceError::NotFound);
            }
        }
    }
    let enrolled: HashSet<i64> = enrolled.into_iter().map(|e| e.student_id).collect();
    let codes = codes(&*school_refs(st, Some(s.class.school_id)).await?);
    let ctx = SaveContext {
        s: &s,
        user,
        lessons,
        enrolled,
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
        return Err(ServiceError::Conflict(
            "Период закрыли, пока шло сохранение".into(),
        ));
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
                    lesson_id,
                    student_id,
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
) -> Result<HashMap<(i64, i64), CellRows>, ServiceError> {
    let pairs: HashSet<(i64, i64)> = edits
        .iter()
        .filter_map(|e| match e {
            JournalEdit::Cell {
                lesson_id,
                student_id,
                ..
            } => Some((*lesson_id, *student_id)),
            _ => None,
        })
        .collect();
    let mut out: HashMap<(i64, i64), CellRows> =
        pairs.iter().map(|p| (*p, (Vec::new(), None))).collect();
    if pairs.is_empty() {
        return Ok(out);
    }
    let lessons: HashSet<i64> = pairs.iter().map(|p| p.0).collect();
    let students: HashSet<i64> = pairs.iter().map(|p| p.1).collect();
    let marks = mark::Entity::find()
        .filter(mark::Column::LessonId.is_in(lessons.iter().copied()))
        .filter(mark::Column::StudentId.is_in(students.iter().copied()))
        .order_by_asc(mark::Column::Slot)
        .all(txn)
        .await?;
    for m in marks {
        if let Some(cell) = out.get_mut(&(m.lesson_id, m.student_id)) {
            cell.0.push(m);
        }
    }
    let attendance = attendance_record::Entity::find()
        .filter(attendance_record::Column::LessonId.is_in(lessons.iter().copied()))
        .filter(attendance_record::Column::StudentId.is_in(students.iter().copied()))
        .all(txn)
        .await?;
    for a in attendance {
        if let Some(cell) = out.get_mut(&(a.lesson_id, a.student_id)) {
            cell.1 = Some(a);
        }
    }
    Ok(out)
}

fn cell_of(
    marks: &[mark::Model],
    att: Option<&attendance_record::Model>,
    codes: &HashMap<i64, String>,
) -> CellData {
    CellData {
        marks: marks.iter().map(cell_mark).collect(),
        attendance: att.map(|a| cell_attendance(a, codes)),
    }
}

fn mark_json(student_id: i64, m: &mark::Model) -> serde_json::Value {
    json!({
        "student_id": student_id,
        "slot": m.slot,
        "value": m.value,
        "work_type_id": m.work_type_id,
        "weight_centi": m.weight_centi,
        "comment": m.comment,
        "excluded": m.excluded,
    })
}

fn attendance_json(student_id: i64, code: &str) -> serde_json::Value {
    json!({ "student_id": student_id, "code": code })
}

/// A mark as sent, checked: its value, points, work type and comment.
struct CheckedMark {
    value: String,
    points: Option<i32>,
    work_type_id: i64,
    weight_centi: i32,
    comment: Option<String>,
    excluded: bool,
}

fn check_marks(ctx: &SaveContext<'_>, marks: Vec<MarkInput>) -> Result<Vec<CheckedMark>, String> {
    if marks.len() > MAX_MARKS_PER_CELL {
        return Err("В клетке не больше двух отметок".into());
    }
    marks
        .into_iter()
        .map(|m| {
            let v = MarkValue::parse(&m.value)
                .ok_or_else(|| format!("«{}» — не отметка", m.value.trim()))?;
            let wt = ctx
                .work_types
                .get(&m.work_type_id)
                .ok_or_else(|| "Такого вида работы в школе нет".to_string())?;
            let comment = m
                .comment
                .as_deref()
                .map(|c| tidy_text(c, MAX_COMMENT_CHARS))
                .transpose()
                .map_err(|n| format!("Комментарий длиннее {n} знаков"))?
                .flatten();
            Ok(CheckedMark {
                value: v.code(),
                points: v.points().map(i32::from),
                work_type_id: wt.id,
                weight_centi: wt.weight_centi,
                comment,
                excluded: m.excluded,
            })
        })
        .collect()
}

/// One cell's edit, as sent.
struct CellEdit {
    lesson_id: i64,
    student_id: i64,
    marks: Vec<MarkInput>,
    attendance: Option<String>,
    base: CellBase,
}

async fn save_cell(
    txn: &DatabaseTransaction,
    ctx: &SaveContext<'_>,
    stored: &mut HashMap<(i64, i64), CellRows>,
    log: &mut Vec<AuditEntry<'static>>,
    edit: CellEdit,
) -> Result<EditOutcome, ServiceError> {
    let CellEdit {
        lesson_id,
        student_id,
        marks,
        attendance,
        base,
    } = edit;
    let lesson = &ctx.lessons[&lesson_id];
    if let Some(p) = ctx.s.locked_period(lesson.date) {
        return Ok(EditOutcome::Refused(locked_message(p)));
    }
    if !ctx.enrolled.contains(&student_id) {
        return Ok(EditOutcome::Refused("Этого ученика нет в классе".into()));
    }
    let marks = match check_marks(ctx, marks) {
        Ok(m) => m,
        Err(msg) => return Ok(EditOutcome::Refused(msg)),
    };
    let code_id = match attendance.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => match (code_category(code), ctx.code_ids.get(code)) {
            (Some(_), Some(id)) => Some(*id),
            _ => {
                return Ok(EditOutcome::Refused(format!(
                    "«{code}» — не отметка посещаемости"
                )))
            }
        },
    };

    let (current, att) = stored.remove(&(lesson_id, student_id)).unwrap_or_default();
    let before = cell_of(&current, att.as_ref(), &ctx.codes);
    if before.base() != base {
        stored.insert((lesson_id, student_id), (current, att));
        return Ok(EditOutcome::Conflict(EditState::Cell(before)));
    }

    let now = Utc::now();
    let uid = ctx.user.id.0;
    let school_id = Some(ctx.s.class.school_id);
    let audit = |action: &'static str,
                 old: Option<serde_json::Value>,
                 new: Option<serde_json::Value>| AuditEntry {
        actor_user_id: Some(uid),
        school_id,
        action,
        entity: "journal_cell",
        entity_id: Some(lesson_id),
        old_value: old,
        new_value: new,
    };
    let mut after_marks = Vec::new();
    for slot in 0..MAX_MARKS_PER_CELL.max(current.len()) {
        match (marks.get(slot), current.get(slot)) {
            (Some(want), Some(had)) => {
                let unchanged = had.value == want.value
                    && had.work_type_id == want.work_type_id
                    && had.comment == want.comment
                    && had.excluded == want.excluded
                    && had.slot as usize == slot;
                if unchanged {
                    after_marks.push(had.clone());
                    continue;
                }
                let mut am: mark::ActiveModel = had.clone().into();
                am.slot = Set(slot as i16);
                am.value = Set(want.value.clone());
                am.points = Set(want.points);
                if had.work_type_id != want.work_type_id {
                    am.work_type_id = Set(want.work_type_id);
                    am.weight_centi = Set(want.weight_centi);
                }
                am.comment = Set(want.comment.clone());
                am.excluded = Set(want.excluded);
                am.updated_by = Set(Some(uid));
                am.updated_at = Set(now);
                am.version = Set(had.version + 1);
                let updated = am.update(txn).await?;
                log.push(audit(
                    "mark.update",
                    Some(mark_json(student_id, had)),
                    Some(mark_json(student_id, &updated)),
                ));
                after_marks.push(updated);
            }
            (Some(want), None) => {
                let inserted = mark::ActiveModel {
                    lesson_id: Set(lesson_id),
                    student_id: Set(student_id),
                    slot: Set(slot as i16),
                    value: Set(want.value.clone()),
                    points: Set(want.points),
                    work_type_id: Set(want.work_type_id),
                    weight_centi: Set(want.weight_centi),
                    comment: Set(want.comment.clone()),
                    excluded: Set(want.excluded),
                    due_on: Set(None),
                    created_by: Set(uid),
                    created_at: Set(now),
                    updated_by: Set(None),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                log.push(audit(
                    "mark.create",
                    None,
                    Some(mark_json(student_id, &inserted)),
                ));
                after_marks.push(inserted);
            }
            (None, Some(had)) => {
                had.clone().delete(txn).await?;
                log.push(audit("mark.delete", Some(mark_json(student_id, had)), None));
            }
            (None, None) => {}
        }
    }

    let old_code = att
        .as_ref()
        .and_then(|a| ctx.codes.get(&a.code_id))
        .cloned();
    let after_att = match (code_id, att) {
        (Some(code_id), Some(had)) if had.code_id == code_id => Some(had),
        (Some(code_id), Some(had)) => {
            let mut am: attendance_record::ActiveModel = had.clone().into();
            am.code_id = Set(code_id);
            am.minutes_late = Set(None);
            am.updated_at = Set(now);
            am.version = Set(had.version + 1);
            let updated = am.update(txn).await?;
            log.push(audit(
                "attendance.update",
                old_code.as_deref().map(|c| attendance_json(student_id, c)),
                Some(attendance_json(student_id, &ctx.codes[&code_id])),
            ));
            Some(updated)
        }
        (Some(code_id), None) => {
            let inserted = attendance_record::ActiveModel {
                lesson_id: Set(lesson_id),
                student_id: Set(student_id),
                code_id: Set(code_id),
                minutes_late: Set(None),
                comment: Set(None),
                created_by: Set(uid),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            log.push(audit(
                "attendance.create",
                None,
                Some(attendance_json(student_id, &ctx.codes[&code_id])),
            ));
            Some(inserted)
        }
        (None, Some(had)) => {
            had.delete(txn).await?;
            log.push(audit(
                "attendance.delete",
                old_code.as_deref().map(|c| attendance_json(student_id, c)),
                None,
            ));
            None
        }
        (None, None) => None,
    };
    let after = cell_of(&after_marks, after_att.as_ref(), &ctx.codes);
    stored.insert((lesson_id, student_id), (after_marks, after_att));
    Ok(EditOutcome::Saved(EditState::Cell(after)))
}

/// The student's weighted average in the section over a period, from the
/// stored marks, by the same rule the grid uses.
async fn stored_average(
    txn: &DatabaseTransaction,
    ctx: &SaveContext<'_>,
    p: &period::Model,
    student_id: i64,
) -> Result<Option<u32>, ServiceError> {
    let lesson_ids: Vec<i64> = lesson::Entity::find()
        .filter(lesson::Column::SectionId.eq(ctx.s.section.id))
        .filter(lesson::Column::Date.between(p.starts_on, p.ends_on))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    let marks = mark::Entity::find()
        .filter(mark::Column::LessonId.is_in(lesson_ids))
        .filter(mark::Column::StudentId.eq(student_id))
        .all(txn)
        .await?;
    let cells: Vec<CellData> = marks
        .iter()
        .map(|m| CellData {
            marks: vec![cell_mark(m)],
            attendance: None,
        })
        .collect();
    Ok(summarize(cells.iter()).average.centi())
}

async fn save_period_mark(
    txn: &DatabaseTransaction,
    ctx: &SaveContext<'_>,
    log: &mut Vec<AuditEntry<'static>>,
    period_id: i64,
    student_id: i64,
    value: Option<String>,
    base_version: Option<i32>,
) -> Result<EditOutcome, ServiceError> {
    let p = ctx
        .s
        .periods
        .iter()
        .find(|p| p.id == period_id)
        .ok_or(ServiceError::NotFound)?;
    if p.locked {
        return Ok(EditOutcome::Refused(locked_message(p)));
    }
    if !ctx.enrolled.contains(&student_id) {
        return Ok(EditOutcome::Refused("Этого ученика нет в классе".into()));
    }
    let value = match value.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => match MarkValue::parse(v) {
            Some(m) => Some(m),
            None => return Ok(EditOutcome::Refused(format!("«{v}» — не отметка"))),
        },
    };
    let current = period_mark::Entity::find()
        .filter(period_mark::Column::SectionId.eq(ctx.s.section.id))
        .filter(period_mark::Column::PeriodId.eq(period_id))
        .filter(period_mark::Column::StudentId.eq(student_id))
        .one(txn)
        .await?;
    if current.as_ref().map(|c| c.version) != base_version {
        return Ok(EditOutcome::Conflict(EditState::PeriodMark(
            current.as_ref().map(period_mark_data),
        )));
    }
    let now = Utc::now();
    let uid = ctx.user.id.0;
    let json_of = |m: &period_mark::Model| json!({ "student_id": m.student_id, "period_id": m.period_id, "value": m.value, "average_centi": m.average_centi });
    let (after, action, old) = match (value, current) {
        (Some(v), Some(had)) => {
            let average = stored_average(txn, ctx, p, student_id).await?;
            let mut am: period_mark::ActiveModel = had.clone().into();
            am.value = Set(v.code());
            am.points = Set(v.points().map(i32::from));
            am.average_centi = Set(average.map(|c| c as i32));
            am.set_by = Set(uid);
            am.set_at = Set(now);
            am.version = Set(had.version + 1);
            (Some(am.update(txn).await?), "period_mark.update", Some(had))
        }
        (Some(v), None) => {
            let average = stored_average(txn, ctx, p, student_id).await?;
            let inserted = period_mark::ActiveModel {
                section_id: Set(ctx.s.section.id),
                period_id: Set(period_id),
                student_id: Set(student_id),
                value: Set(v.code()),
                points: Set(v.points().map(i32::from)),
                average_centi: Set(average.map(|c| c as i32)),
                set_by: Set(uid),
                set_at: Set(now),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            (Some(inserted), "period_mark.create", None)
        }
        (None, Some(had)) => {
            had.clone().delete(txn).await?;
            (None, "period_mark.delete", Some(had))
        }
        (None, None) => return Ok(EditOutcome::Saved(EditState::PeriodMark(None))),
    };
    log.push(AuditEntry {
        actor_user_id: Some(uid),
        school_id: Some(ctx.s.class.school_id),
        action,
        entity: "period_mark",
        entity_id: after.as_ref().or(old.as_ref()).map(|m| m.id),
        old_value: old.as_ref().map(json_of),
        new_value: after.as_ref().map(json_of),
    });
    Ok(EditOutcome::Saved(EditState::PeriodMark(
        after.as_ref().map(period_mark_data),
    )))
}

#[allow(clippy::too_many_arguments)]
async fn save_lesson(
    txn: &DatabaseTransaction,
    ctx: &SaveContext<'_>,
    log: &mut Vec<AuditEntry<'static>>,
    lesson_id: i64,
    topic: Option<String>,
    work_type_id: Option<i64>,
    homework_in: Option<HomeworkInput>,
    attendance_taken: bool,
    base_version: i32,
) -> Result<EditOutcome, ServiceError> {
    use sea_orm::sea_query::ExprTrait;
    let l = &ctx.lessons[&lesson_id];
    if let Some(p) = ctx.s.locked_period(l.date) {
        return Ok(EditOutcome::Refused(locked_message(p)));
    }
    let topic = match tidy_text(topic.as_deref().unwrap_or(""), MAX_TOPIC_CHARS) {
        Ok(t) => t,
        Err(n) => return Ok(EditOutcome::Refused(format!("Тема длиннее {n} знаков"))),
    };
    if let Some(id) = work_type_id {
        if !ctx.work_types.contains_key(&id) {
            return Ok(EditOutcome::Refused(
                "Такого вида работы в школе нет".into(),
            ));
        }
    }
    let hw_text = match homework_in
        .as_ref()
        .map(|h| tidy_text(&h.text, MAX_HOMEWORK_CHARS))
        .transpose()
    {
        Ok(t) => t.flatten(),
        Err(n) => return Ok(EditOutcome::Refused(format!("Задание длиннее {n} знаков"))),
    };
    let current = lesson::Entity::find_by_id(lesson_id)
        .one(txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let hw = homework::Entity::find()
        .filter(homework::Column::LessonId.eq(lesson_id))
        .order_by_asc(homework::Column::Id)
        .one(txn)
        .await?;
    if current.version != base_version {
        return Ok(EditOutcome::Conflict(EditState::Lesson(grid_lesson(
            &current,
            hw.as_ref(),
            ctx.s,
            &Rights::Full,
        ))));
    }
    // The lesson the homework is due at: the one chosen (a later lesson of
    // this section), or else the section's next lesson.
    let due = match homework_in.as_ref().and_then(|h| h.due_lesson_id) {
        Some(id) => {
            let due = lesson::Entity::find_by_id(id).one(txn).await?;
            match due {
                Some(d)
                    if d.section_id == current.section_id
                        && (d.date, d.number) > (current.date, current.number) =>
                {
                    Some(d)
                }
                _ => {
                    return Ok(EditOutcome::Refused(
                        "Задание можно задать только к одному из следующих уроков".into(),
                    ))
                }
            }
        }
        None => {
            lesson::Entity::find()
                .filter(lesson::Column::SectionId.eq(current.section_id))
                .filter(
                    lesson::Column::Date
                        .gt(current.date)
                        .or(lesson::Column::Date
                            .eq(current.date)
                            .and(lesson::Column::Number.gt(current.number))),
                )
                .order_by_asc(lesson::Column::Date)
                .order_by_asc(lesson::Column::Number)
                .one(txn)
                .await?
        }
    };
    let now = Utc::now();
    let uid = ctx.user.id.0;
    let old_json = json!({
        "topic": current.topic,
        "work_type_id": current.work_type_id,
        "attendance_taken": current.attendance_taken_at.is_some(),
        "homework": hw.as_ref().map(|h| h.text.clone()),
        "homework_due_on": hw.as_ref().map(|h| h.due_on),
    });
    let new_hw = match (hw_text, hw) {
        (Some(text), Some(had)) => {
            let mut am: homework::ActiveModel = had.into();
            am.text = Set(text);
            am.due_lesson_id = Set(due.as_ref().map(|d| d.id));
            am.due_on = Set(due
                .as_ref()
                .map_or(current.date + Duration::days(1), |d| d.date));
            am.updated_at = Set(now);
            Some(am.update(txn).await?)
        }
        (Some(text), None) => Some(
            homework::ActiveModel {
                section_id: Set(current.section_id),
                lesson_id: Set(lesson_id),
                due_lesson_id: Set(due.as_ref().map(|d| d.id)),
                due_on: Set(due
                    .as_ref()
                    .map_or(current.date + Duration::days(1), |d| d.date)),
                text: Set(text),
                created_by: Set(uid),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?,
        ),
        (None, Some(had)) => {
            had.delete(txn).await?;
            None
        }
        (None, None) => None,
    };
    let mut am: lesson::ActiveModel = current.clone().into();
    am.topic = Set(topic);
    am.work_type_id = Set(work_type_id);
    match (attendance_taken, current.attendance_taken_at) {
        (true, None) => {
            am.attendance_taken_at = Set(Some(now));
            am.attendance_taken_by = Set(Some(uid));
        }
        (false, Some(_)) => {
            am.attendance_taken_at = Set(None);
            am.attendance_taken_by = Set(None);
        }
        _ => {}
    }
    am.version = Set(current.version + 1);
    am.updated_at = Set(now);
    let updated = am.update(txn).await?;
    log.push(AuditEntry {
        actor_user_id: Some(uid),
        school_id: Some(ctx.s.class.school_id),
        action: "lesson.update",
        entity: "lesson",
        entity_id: Some(lesson_id),
        old_value: Some(old_json),
        new_value: Some(json!({
            "topic": updated.topic,
            "work_type_id": updated.work_type_id,
            "attendance_taken": updated.attendance_taken_at.is_some(),
            "homework": new_hw.as_ref().map(|h| h.text.clone()),
            "homework_due_on": new_hw.as_ref().map(|h| h.due_on),
        })),
    });
    Ok(EditOutcome::Saved(EditState::Lesson(grid_lesson(
        &updated,
        new_hw.as_ref(),
        ctx.s,
        &Rights::Full,
    ))))
}

/// The history of one cell, newest first, for those who may open the grid.
pub async fn history(
    st: &AppState,
    user: &SessionUser,
    lesson_id: i64,
    student_id: i64,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    let l = lesson::Entity::find_by_id(lesson_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let s = load_section(st, l.section_id).await?;
    rights(st, user, &s).await?;
    let entries: Vec<audit_log::Model> = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("journal_cell"))
        .filter(audit_log::Column::EntityId.eq(lesson_id))
        .order_by_desc(audit_log::Column::Id)
        .all(&st.db)
        .await?
        .into_iter()
        .filter(|e| {
            [&e.old_value, &e.new_value].iter().any(|v| {
                v.as_deref()
                    .and_then(|v| serde_json::from_str::<serde_json::Value>(v).ok())
                    .and_then(|v| v.get("student_id").and_then(|s| s.as_i64()))
                    == Some(student_id)
            })
        })
        .collect();
    let actor_ids: HashSet<i64> = entries.iter().filter_map(|e| e.actor_user_id).collect();
    let users: HashMap<i64, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let people: HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(users.values().filter_map(|u| u.person_id)))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let work_types: HashMap<i64, String> = super::entities::work_type::Entity::find()
        .filter(super::entities::work_type::Column::SchoolId.eq(s.class.school_id))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|w| (w.id, w.name))
        .collect();
    Ok(entries
        .into_iter()
        .map(|e| {
            let who = e
                .actor_user_id
                .and_then(|id| users.get(&id))
                .map(|u| {
                    u.person_id
                        .and_then(|p| people.get(&p))
                        .map(|p| full_name(p).short())
                        .unwrap_or_else(|| u.email.clone())
                })
                .unwrap_or_default();
            HistoryEntry {
                at: school_time(e.at),
                who,
                action: e.action.clone(),
                old_value: e.old_value.as_deref().map(|v| describe(v, &work_types)),
                new_value: e.new_value.as_deref().map(|v| describe(v, &work_types)),
            }
        })
        .collect())
}

/// «5 · Контрольная работа · «у доски» · не в среднем» from a logged value.
fn describe(raw: &str, work_types: &HashMap<i64, String>) -> String {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) else {
        return String::new();
    };
    if let Some(code) = v.get("code").and_then(|c| c.as_str()) {
        return code.to_string();
    }
    let mut parts = vec![v
        .get("value")
        .and_then(|x| x.as_str())
        .unwrap_or_default()
        .to_string()];
    if let Some(wt) = v
        .get("work_type_id")
        .and_then(|x| x.as_i64())
        .and_then(|id| work_types.get(&id))
    {
        parts.push(wt.clone());
    }
    if let Some(c) = v.get("comment").and_then(|x| x.as_str()) {
        parts.push(format!("«{c}»"));
    }
    if v.get("excluded").and_then(|x| x.as_bool()) == Some(true) {
        parts.push("не в среднем".into());
    }
    parts.join(" · ")
}

/// The grid as a CSV file Excel opens as is: UTF-8 with a byte-order mark,
/// semicolons, CRLF line ends. Returns the file name and the bytes.
pub async fn export_csv(
    st: &AppState,
    user: SessionUser,
    section_id: i64,
    period_id: Option<i64>,
) -> Result<(String, Vec<u8>), ServiceError> {
    let g = grid(st, user, Some(section_id), period_id).await?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header = vec!["№".to_string(), "Ученик".to_string()];
    header.extend(
        g.lessons
            .iter()
            .map(|l| format!("{} ({} ур.)", l.date.format("%d.%m.%Y"), l.number)),
    );
    header.extend(
        [
            "Средний балл",
            "Пропуски",
            "Опоздания",
            "Предложено",
            "Итоговая",
        ]
        .map(String::from),
    );
    let cells: HashMap<(i64, i64), &CellData> = g
        .cells
        .iter()
        .map(|c| ((c.lesson_id, c.student_id), &c.data))
        .collect();
    let finals: HashMap<i64, &PeriodMarkData> = g
        .period_marks
        .iter()
        .map(|p| (p.student_id, &p.mark))
        .collect();
    let internal = |e: csv::Error| ServiceError::Internal(e.to_string());
    w.write_record(&header).map_err(internal)?;
    for (i, student) in g.students.iter().enumerate() {
        let row: Vec<&CellData> = g
            .lessons
            .iter()
            .filter_map(|l| cells.get(&(l.id, student.id)).copied())
            .collect();
        let summary = summarize(row.iter().copied());
        let mut record = vec![(i + 1).to_string(), student.name.full()];
        record.extend(g.lessons.iter().map(|l| {
            cells
                .get(&(l.id, student.id))
                .map(|c| c.text())
                .unwrap_or_default()
        }));
        record.push(summary.average.display().replace('—', ""));
        record.push(summary.tally.missed().to_string());
        record.push(summary.tally.late.to_string());
        record.push(
            g.policy
                .suggest(&summary.average)
                .map(|m| m.to_string())
                .unwrap_or_default(),
        );
        record.push(
            finals
                .get(&student.id)
                .map(|m| m.value.clone())
                .unwrap_or_default(),
        );
        w.write_record(&record).map_err(internal)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(body);
    let name = format!(
        "Журнал {} {} {}.csv",
        g.section.class_name, g.section.subject_name, g.period.name
    );
    Ok((name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: i64, kind: &str, from: (u32, u32), to: (u32, u32), locked: bool) -> period::Model {
        period::Model {
            id,
            academic_year_id: 1,
            name: format!("p{id}"),
            kind: kind.into(),
            seq: id as i32,
            starts_on: NaiveDate::from_ymd_opt(2026, from.0, from.1).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(2026, to.0, to.1).unwrap(),
            locked,
            locked_at: None,
        }
    }

    #[test]
    fn the_default_period_is_the_term_of_today_or_the_last_started() {
        let periods = vec![
            p(1, "quarter", (9, 1), (10, 24), true),
            p(2, "quarter", (11, 5), (12, 28), false),
            p(5, "year", (9, 1), (12, 31), false),
        ];
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(default_period(&periods, day(11, 20)).unwrap().id, 2);
        // In the holidays between terms: the one that ended.
        assert_eq!(default_period(&periods, day(10, 30)).unwrap().id, 1);
        // Before the year: the first term.
        assert_eq!(default_period(&periods, day(8, 1)).unwrap().id, 1);
    }

    #[test]
    fn logged_values_read_as_a_teacher_would_say_them() {
        let wt = HashMap::from([(3, "Контрольная работа".to_string())]);
        let raw =
            r#"{"student_id":1,"value":"5","work_type_id":3,"comment":"у доски","excluded":true}"#;
        assert_eq!(
            describe(raw, &wt),
            "5 · Контрольная работа · «у доски» · не в среднем"
        );
        assert_eq!(describe(r#"{"student_id":1,"code":"Н"}"#, &wt), "Н");
    }
}
