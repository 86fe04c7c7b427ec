//! Who may read and write a section's journal: the section's teacher, a
//! substitute at the lessons they took, and the school's admin; and the
//! section itself, loaded with its class, subject and periods.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::domain::ids::{LessonId, SectionId};
use crate::domain::roles::Role;
use crate::i18n::{current_lang, journal};
use crate::model::accounts::SessionUser;
use crate::model::journal::{JournalEdit, SectionOption};
use crate::server::cache::SectionRefs;
use crate::server::entities::{class, course_section, lesson, period, subject};
use crate::server::{AppState, ServiceError};

/// A section with its class, subject, school and the periods of its year.
pub(super) struct Section {
    pub(super) section: course_section::Model,
    pub(super) class: class::Model,
    pub(super) subject: subject::Model,
    pub(super) periods: Vec<period::Model>,
}

impl Section {
    pub(super) fn option(&self) -> SectionOption {
        SectionOption {
            id: SectionId(self.section.id),
            class_name: self.class.name.clone(),
            subject_name: self.subject.name.clone(),
        }
    }

    /// The open periods a batch writes into: those holding the days of its
    /// lessons, and those its period marks are for.
    pub(super) fn open_periods_of(
        &self,
        lessons: &HashMap<LessonId, lesson::Model>,
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
                JournalEdit::PeriodMark { period_id, .. } => p.id == period_id.0,
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
    pub(super) fn locked_period(&self, day: NaiveDate) -> Option<&period::Model> {
        self.periods
            .iter()
            .find(|p| p.locked && p.starts_on <= day && day <= p.ends_on)
    }
}

/// What a user may do in a section.
pub(super) enum Rights {
    /// The section's teacher or the school's admin: every lesson, and
    /// period marks.
    Full,
    /// A substitute: the lessons they took.
    Substitute(HashSet<LessonId>),
}

impl Rights {
    pub(super) fn lesson(&self, lesson_id: LessonId) -> bool {
        match self {
            Rights::Full => true,
            Rights::Substitute(ids) => ids.contains(&lesson_id),
        }
    }
}

/// The section, its class and subject: cached, as they change only when the
/// timetable is set up. (The section's own row is read fresh every time:
/// see [`section_row`].)
pub(super) async fn section_refs(
    st: &AppState,
    section_id: SectionId,
) -> Result<Arc<SectionRefs>, ServiceError> {
    if let Some(hit) = st.caches.sections.get(&section_id.0) {
        return Ok(hit);
    }
    let section = course_section::Entity::find_by_id(section_id.0)
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
    st.caches.sections.insert(section_id.0, refs.clone());
    Ok(refs)
}

/// The periods of a year, read fresh every time: whether one is closed
/// must take effect at once.
pub(super) async fn periods_of(
    st: &AppState,
    year_id: i64,
) -> Result<Vec<period::Model>, ServiceError> {
    Ok(period::Entity::find()
        .filter(period::Column::AcademicYearId.eq(year_id))
        .order_by_asc(period::Column::Seq)
        .all(&st.db)
        .await?)
}

/// The section's own row, read fresh: who teaches it decides who may read
/// and write.
pub(super) async fn section_row(
    st: &AppState,
    section_id: SectionId,
) -> Result<course_section::Model, ServiceError> {
    course_section::Entity::find_by_id(section_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// The section from its fresh row and the cached class and subject.
pub(super) fn section_of(
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
            journal::texts(current_lang()).grid_changed,
        ));
    }
    Ok(Section {
        section,
        class: refs.class.clone(),
        subject: refs.subject.clone(),
        periods,
    })
}

pub(super) async fn load_section(
    st: &AppState,
    section_id: SectionId,
) -> Result<Section, ServiceError> {
    let refs = section_refs(st, section_id).await?;
    let (section, periods) = tokio::try_join!(
        section_row(st, section_id),
        periods_of(st, refs.class.academic_year_id)
    )?;
    section_of(st, &refs, section, periods)
}

/// The user's rights in the section; 403 when they have none.
pub(super) async fn rights(
    st: &AppState,
    user: &SessionUser,
    s: &Section,
) -> Result<Rights, ServiceError> {
    let admin = user
        .schools_as(Role::Admin)
        .iter()
        .any(|id| id.0 == s.class.school_id);
    let person = user.person_id.map(|p| p.0);
    if admin || (user.has_role(Role::Teacher) && person == Some(s.section.teacher_id)) {
        return Ok(Rights::Full);
    }
    if let (true, Some(pid)) = (user.has_role(Role::Teacher), person) {
        let ids: HashSet<LessonId> = lesson::Entity::find()
            .filter(lesson::Column::SectionId.eq(s.section.id))
            .filter(lesson::Column::SubstituteTeacherId.eq(pid))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|l| LessonId(l.id))
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
/// as an admin every section of the school. Cached a short while
/// (`Caches::menus`): it is the menu, not the rights.
pub(super) async fn sections_of(
    st: &AppState,
    user: &SessionUser,
) -> Result<Arc<Vec<SectionOption>>, ServiceError> {
    if let Some(hit) = st.caches.menus.get(&user.id) {
        return Ok(hit);
    }
    let menu = Arc::new(read_sections_of(st, user).await?);
    st.caches.menus.insert(user.id, menu.clone());
    Ok(menu)
}

async fn read_sections_of(
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
                    id: SectionId(s.id),
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
