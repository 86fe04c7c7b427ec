//! Marks by subject for one period, with the period marks, the school's
//! rounding policy and each subject's attendance tally (the attendance page
//! shows the same view).

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

use super::lesson_rows::{attendance_of, marks_of};
use super::refs::sections_of;
use crate::domain::attendance::{Category, Tally};
use crate::domain::calendar::{self, current_period};
use crate::domain::ids::{PeriodId, PersonId, SectionId};
use crate::i18n::current_lang;
use crate::model::accounts::SessionUser;
use crate::model::diary::{MarkView, MarksView, PeriodRef, SubjectMarks};
use crate::server::cache::{class_version, for_version, SchoolRefs};
use crate::server::entities::{class, lesson, period, period_mark};
use crate::server::school::{self as setup, school_refs};
use crate::server::visibility::{student_scope, StudentContext};
use crate::server::{AppState, ServiceError};

/// The terms of the school's academic year that is on at `day` (from the
/// cached years; the periods fresh), without the whole-year period.
async fn terms_of(
    st: &AppState,
    refs: &SchoolRefs,
    day: NaiveDate,
) -> Result<Vec<period::Model>, ServiceError> {
    let Some(year) = calendar::current_year(&refs.years, day) else {
        return Ok(Vec::new());
    };
    let periods = setup::periods_of_year(&st.db, year.id).await?;
    Ok(setup::terms(&periods).into_iter().cloned().collect())
}

fn period_ref(p: &period::Model) -> PeriodRef {
    PeriodRef {
        id: PeriodId(p.id),
        name: p.name.clone(),
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        locked: p.locked,
    }
}

pub async fn marks(
    st: &AppState,
    user: &SessionUser,
    student: Option<PersonId>,
    period: Option<PeriodId>,
) -> Result<MarksView, ServiceError> {
    let StudentContext {
        scope,
        class,
        school_id,
    } = student_scope(st, user, student).await?;
    let school_id = school_id.ok_or(ServiceError::NotFound)?;
    let refs = school_refs(st, Some(school_id.0)).await?;
    let periods = terms_of(st, &refs, scope.today).await?;
    let chosen = match period {
        Some(id) => periods
            .iter()
            .find(|p| p.id == id.0)
            .ok_or_else(|| ServiceError::field("period", current_lang().texts().no_such_period))?,
        None => current_period(&periods, scope.today).ok_or(ServiceError::NotFound)?,
    };
    let sid = scope.student.id;
    // The marks as built for the class's current journal version, if they are.
    let version = match &class {
        Some(c) => class_version(&st.db, c.id).await?,
        None => 0,
    };
    let key = (sid, class.as_ref().map_or(0, |c| c.id), chosen.id);
    let built = for_version(&st.caches.marks, key, version, async {
        subject_marks(st, &refs, sid, class.as_ref(), chosen).await
    })
    .await?;
    Ok(MarksView {
        scope,
        periods: periods.iter().map(period_ref).collect(),
        period: period_ref(chosen),
        policy: refs.policy.clone(),
        subjects: built.1.clone(),
    })
}

/// Reads a student's marks, period marks and attendance tallies by subject
/// over one period: a fixed set of queries, whatever the lessons.
async fn subject_marks(
    st: &AppState,
    refs: &SchoolRefs,
    sid: PersonId,
    class: Option<&class::Model>,
    chosen: &period::Model,
) -> Result<Vec<SubjectMarks>, ServiceError> {
    let sections = sections_of(st, class).await?;
    let lessons: HashMap<i64, lesson::Model> = lesson::Entity::find()
        .filter(lesson::Column::SectionId.is_in(sections.ids_for(sid)))
        .filter(lesson::Column::Date.between(chosen.starts_on, chosen.ends_on))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let mut by_section: HashMap<i64, Vec<MarkView>> = HashMap::new();
    for (m, view) in marks_of(st, refs, sid, &lessons).await? {
        if let Some(l) = lessons.get(&m.lesson_id) {
            by_section.entry(l.section_id).or_default().push(view);
        }
    }
    let period_marks: HashMap<i64, String> = period_mark::Entity::find()
        .filter(period_mark::Column::StudentId.eq(sid.0))
        .filter(period_mark::Column::PeriodId.eq(chosen.id))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.section_id, p.value))
        .collect();
    let mut tallies: HashMap<i64, Tally> = HashMap::new();
    for r in attendance_of(st, sid, &lessons).await? {
        let category = refs
            .codes
            .get(&r.code_id)
            .and_then(|c| Category::parse(&c.category));
        if let (Some(l), Some(c)) = (lessons.get(&r.lesson_id), category) {
            tallies.entry(l.section_id).or_default().add(c);
        }
    }
    Ok(sections
        .sections
        .iter()
        .map(|s| {
            let mut marks = by_section.remove(&s.id).unwrap_or_default();
            marks.sort_by_key(|m| (m.date, m.id));
            SubjectMarks {
                section_id: SectionId(s.id),
                subject: sections.subject(s.id),
                teacher: sections.teacher(s.id),
                marks,
                period_mark: period_marks.get(&s.id).cloned(),
                attendance: tallies.get(&s.id).copied().unwrap_or_default(),
            }
        })
        .collect())
}
