//! In-memory caches of data that is read on every request and changes
//! rarely. Each entry lives a short while (see the TTLs) and is dropped at
//! once when this process changes what it holds; with several server
//! processes on one PostgreSQL database, another process's change shows
//! after at most the TTL.

use chrono::{DateTime, NaiveDate, Utc};
use moka::sync::Cache;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::entities::{
    academic_year, attendance_code, bell_time, class, course_section, homework, lesson, period,
    subject, work_type,
};
use super::school::Groups;
use crate::domain::grades::RoundingPolicy;
use crate::domain::ids::{PersonId, SchoolId, UserId};
use crate::model::accounts::SessionUser;
use crate::model::diary::{DayView, StudentRef, SubjectMarks};
use crate::model::journal::{GridCell, GridPeriodMark, GridStudent, SectionOption};

/// A student a user may read, with the class they are in.
#[derive(Clone, Debug)]
pub struct ReadableStudent {
    pub student: StudentRef,
    pub class: Option<class::Model>,
    pub school_id: Option<SchoolId>,
}

/// A class's sections with their subjects, teachers' short names and
/// groups.
#[derive(Debug, Default)]
pub struct ClassRefs {
    pub sections: Vec<course_section::Model>,
    pub subjects: HashMap<i64, subject::Model>,
    pub teachers: HashMap<i64, String>,
    pub groups: Groups,
}

impl ClassRefs {
    /// The sections that teach this student: the whole-class ones and their
    /// own groups'.
    pub fn ids_for(&self, student: PersonId) -> Vec<i64> {
        self.sections
            .iter()
            .filter(|s| self.groups.teaches(s.id, student.0))
            .map(|s| s.id)
            .collect()
    }

    fn section(&self, id: i64) -> Option<&course_section::Model> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn subject(&self, section_id: i64) -> String {
        self.section(section_id)
            .and_then(|s| self.subjects.get(&s.subject_id))
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    pub fn teacher(&self, section_id: i64) -> String {
        self.section(section_id)
            .and_then(|s| self.teachers.get(&s.teacher_id))
            .cloned()
            .unwrap_or_default()
    }
}

/// A school's bell times, attendance codes, work types, time zone, rounding
/// policy and academic years.
#[derive(Debug)]
pub struct SchoolRefs {
    pub bells: HashMap<i32, bell_time::Model>,
    pub codes: HashMap<i64, attendance_code::Model>,
    pub work_types: HashMap<i64, work_type::Model>,
    /// Where the school is: "today" and every time shown follow it.
    pub zone: chrono_tz::Tz,
    /// How period marks are rounded from averages.
    pub policy: RoundingPolicy,
    /// The school's academic years (their periods are read fresh: whether
    /// one is closed takes effect at once).
    pub years: Vec<academic_year::Model>,
    /// The short bells, and the days the school keeps them.
    pub short_bells: HashMap<i32, (chrono::NaiveTime, chrono::NaiveTime)>,
    pub short_days: std::collections::HashSet<NaiveDate>,
}

impl SchoolRefs {
    /// When lesson `number` of `day` starts and ends: the short bells on a
    /// shortened day (where they have the number), else the usual ones.
    pub fn bell_on(
        &self,
        day: NaiveDate,
        number: i32,
    ) -> Option<(chrono::NaiveTime, chrono::NaiveTime)> {
        let short = self
            .short_days
            .contains(&day)
            .then(|| self.short_bells.get(&number).copied())
            .flatten();
        short.or_else(|| self.bells.get(&number).map(|b| (b.starts_at, b.ends_at)))
    }
}

/// A course section with its class and subject (the journal's every save
/// needs them; the class's `data_version` in here is not kept current).
#[derive(Debug)]
pub struct SectionRefs {
    pub section: course_section::Model,
    pub class: class::Model,
    pub subject: subject::Model,
}

/// A week's days, as built for a class's journal version.
pub type CachedWeek = (i64, Vec<DayView>);

/// A student's marks by subject over one period, as built for a class's
/// journal version.
pub type CachedMarks = (i64, Vec<SubjectMarks>);

/// What a section's grid over one period holds whoever reads it (what a
/// reader may write is worked out per request, from fresh rights and
/// periods).
#[derive(Debug)]
pub struct GridContents {
    /// The section's teacher's short name.
    pub teacher_name: String,
    pub students: Vec<GridStudent>,
    /// The lessons in order, each with its homework.
    pub lessons: Vec<(lesson::Model, Option<homework::Model>)>,
    pub cells: Vec<GridCell>,
    pub period_marks: Vec<GridPeriodMark>,
}

/// A grid's contents as built for a class's journal version.
pub type CachedGrid = (i64, GridContents);

#[derive(Clone)]
pub struct Caches {
    /// Session token hash → the user and when the session expires.
    pub sessions: Cache<String, (SessionUser, DateTime<Utc>)>,
    /// User id → the students they may read.
    pub readable: Cache<(UserId, i32), Arc<Vec<ReadableStudent>>>,
    pub classes: Cache<i64, Arc<ClassRefs>>,
    /// Section id → the section, its class and subject.
    pub sections: Cache<i64, Arc<SectionRefs>>,
    pub schools: Cache<i64, Arc<SchoolRefs>>,
    /// (student, class, Monday) → the class's data version and the week's
    /// days. The class is in the key as each class counts its own versions:
    /// a student moved to another class must not meet their old class's
    /// week under an equal number.
    pub weeks: Cache<(PersonId, i64, NaiveDate), Arc<CachedWeek>>,
    /// (student, class, period) → the class's data version and the marks.
    pub marks: Cache<(PersonId, i64, i64), Arc<CachedMarks>>,
    /// (section, its teacher, period) → the grid as built for a journal
    /// version (another teacher on the section: another grid, with their
    /// name).
    pub grids: Cache<(i64, i64, i64), Arc<CachedGrid>>,
    /// User id → the sections they may open in the journal (the menu only:
    /// rights are checked fresh on every read and write).
    pub menus: Cache<UserId, Arc<Vec<SectionOption>>>,
}

/// How long a signed-out session may still be honoured by another process.
pub const SESSION_TTL: Duration = Duration::from_secs(15);
/// How long a change of guardianships made by another process takes to show.
pub const READABLE_TTL: Duration = Duration::from_secs(30);
/// Timetable set-up: sections, teachers, bells, codes, work types.
pub const SETUP_TTL: Duration = Duration::from_secs(300);

impl Default for Caches {
    fn default() -> Self {
        Caches {
            sessions: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(SESSION_TTL)
                .build(),
            readable: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(READABLE_TTL)
                .build(),
            classes: Cache::builder()
                .max_capacity(10_000)
                .time_to_live(SETUP_TTL)
                .build(),
            sections: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(SETUP_TTL)
                .build(),
            schools: Cache::builder()
                .max_capacity(1_000)
                .time_to_live(SETUP_TTL)
                .build(),
            weeks: Cache::builder()
                // Weighed by lessons: a few tens of MiB of weeks at most.
                .weigher(|_, v: &Arc<CachedWeek>| {
                    v.1.iter().map(|d| d.lessons.len() as u32).sum::<u32>() + 1
                })
                .max_capacity(200_000)
                .time_to_live(Duration::from_secs(600))
                .build(),
            marks: Cache::builder()
                // Weighed by marks: as bounded as the weeks.
                .weigher(|_, v: &Arc<CachedMarks>| {
                    v.1.iter().map(|s| s.marks.len() as u32 + 1).sum::<u32>() + 1
                })
                .max_capacity(200_000)
                .time_to_live(Duration::from_secs(600))
                .build(),
            grids: Cache::builder()
                // Weighed by cells and lessons: a grid of 25 students and
                // 40 lessons weighs about a thousand.
                .weigher(|_, v: &Arc<CachedGrid>| {
                    (v.1.cells.len() + v.1.lessons.len() + v.1.students.len() + 1) as u32
                })
                .max_capacity(500_000)
                .time_to_live(Duration::from_secs(600))
                .build(),
            menus: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(READABLE_TTL)
                .build(),
        }
    }
}

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caches")
            .field("sessions", &self.sessions.entry_count())
            .field("readable", &self.readable.entry_count())
            .field("classes", &self.classes.entry_count())
            .field("sections", &self.sections.entry_count())
            .field("schools", &self.schools.entry_count())
            .field("weeks", &self.weeks.entry_count())
            .field("marks", &self.marks.entry_count())
            .field("grids", &self.grids.entry_count())
            .field("menus", &self.menus.entry_count())
            .finish()
    }
}

impl Caches {
    /// After a class's sections or teachers changed (the built views hold
    /// teachers' names and the menus hold sections).
    pub fn forget_class(&self, class_id: i64) {
        self.classes.invalidate(&class_id);
        self.sections.invalidate_all();
        self.menus.invalidate_all();
        self.forget_views();
    }

    /// After a school's bells, codes, work types or rounding changed.
    pub fn forget_school(&self, school_id: i64) {
        self.schools.invalidate(&school_id);
        self.forget_views();
    }

    /// The views built for a journal version: weeks, marks and grids.
    fn forget_views(&self) {
        self.weeks.invalidate_all();
        self.marks.invalidate_all();
        self.grids.invalidate_all();
    }
}

/// The class's journal version, which the built weeks, marks and grids are
/// kept for. Read it before what a view is built from: a change committed in
/// between then makes the view look older than it is, never newer.
pub async fn class_version(db: &impl ConnectionTrait, class_id: i64) -> Result<i64, DbErr> {
    use sea_orm::QuerySelect;
    Ok(class::Entity::find_by_id(class_id)
        .select_only()
        .column(class::Column::DataVersion)
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or_default())
}

/// The view cached under `key` if it was built for `version`; else the one
/// `build` reads, cached for that version. (`version` must have been read
/// before `build` reads anything: see [`class_version`].)
pub async fn for_version<K, V, E>(
    cache: &Cache<K, Arc<(i64, V)>>,
    key: K,
    version: i64,
    build: impl std::future::Future<Output = Result<V, E>>,
) -> Result<Arc<(i64, V)>, E>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Send + Sync + 'static,
{
    if let Some(hit) = cache.get(&key) {
        if hit.0 == version {
            return Ok(hit);
        }
    }
    let built = Arc::new((version, build.await?));
    cache.insert(key, built.clone());
    Ok(built)
}

/// Marks a class's journal as changed: call it in the transaction of every
/// change to its lessons, marks, attendance, homework, period marks or
/// students (enrolments and names), as the views cached per version show
/// them.
pub async fn bump_class(db: &impl ConnectionTrait, class_id: i64) -> Result<(), DbErr> {
    bump_class_in_open(db, class_id, &[]).await?;
    Ok(())
}

/// [`bump_class`] for a write into the given periods, as the transaction's
/// first statement: it bumps only while none of them is closed, and answers
/// whether it did. (A save checks the periods before it waits for its turn
/// to write; this catches a period closed in between without another read.)
pub async fn bump_class_in_open(
    db: &impl ConnectionTrait,
    class_id: i64,
    periods: &[i64],
) -> Result<bool, DbErr> {
    let mut update = class::Entity::update_many()
        .col_expr(
            class::Column::DataVersion,
            Expr::col(class::Column::DataVersion).add(1),
        )
        .filter(class::Column::Id.eq(class_id));
    if !periods.is_empty() {
        let closed = Query::select()
            .expr(Expr::val(1))
            .from(period::Entity)
            .and_where(period::Column::Id.is_in(periods.iter().copied()))
            .and_where(period::Column::Locked.eq(true))
            .to_owned();
        update = update.filter(Expr::exists(closed).not());
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}
