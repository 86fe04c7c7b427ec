//! The diary views. Each is a fixed set of queries, whatever the number of
//! lessons: no query per lesson or per mark.

use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::cache::{ClassRefs, SchoolRefs};

use super::access::{full_name, student_scope, user_names, StudentContext};
use super::entities::{
    academic_year, announcement, attachment, attendance_code, attendance_record, bell_time, class,
    course_section, homework, lesson, mark, period, period_mark, person, remark, school, subject,
    work_type,
};
use super::{AppState, ServiceError};
use crate::api::diary::*;
use crate::api::SessionUser;
use crate::domain::attendance::{Category, Tally};
use crate::domain::calendar::monday_of;
use crate::domain::grades::RoundingPolicy;

type Sections = ClassRefs;

/// The class's sections with subjects and teachers, cached.
async fn sections_of(
    st: &AppState,
    class: Option<&class::Model>,
) -> Result<Arc<ClassRefs>, ServiceError> {
    let Some(class) = class else {
        return Ok(Arc::new(ClassRefs::default()));
    };
    if let Some(hit) = st.caches.classes.get(&class.id) {
        return Ok(hit);
    }
    let mut sections = course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(class.id))
        .all(&st.db)
        .await?;
    sections.sort_by_key(|s| (s.subject_id, s.id));
    let subjects = subject::Entity::find()
        .filter(
            subject::Column::Id.is_in(sections.iter().map(|s| s.subject_id).collect::<Vec<_>>()),
        )
        .all(&st.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let teachers = person::Entity::find()
        .filter(person::Column::Id.is_in(sections.iter().map(|s| s.teacher_id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|p| (p.id, full_name(&p).short()))
        .collect();
    let refs = Arc::new(ClassRefs {
        sections,
        subjects,
        teachers,
    });
    st.caches.classes.insert(class.id, refs.clone());
    Ok(refs)
}

/// The school's bells, attendance codes and work types, cached.
pub(crate) async fn school_refs(
    st: &AppState,
    school_id: Option<i64>,
) -> Result<Arc<SchoolRefs>, ServiceError> {
    let key = school_id.unwrap_or(0);
    if let Some(hit) = st.caches.schools.get(&key) {
        return Ok(hit);
    }
    let (bells, work_types) = match school_id {
        Some(id) => (
            bell_time::Entity::find()
                .filter(bell_time::Column::SchoolId.eq(id))
                .all(&st.db)
                .await?
                .into_iter()
                .map(|b| (b.number, b))
                .collect(),
            work_type::Entity::find()
                .filter(work_type::Column::SchoolId.eq(id))
                .all(&st.db)
                .await?
                .into_iter()
                .map(|w| (w.id, w))
                .collect(),
        ),
        None => (HashMap::new(), HashMap::new()),
    };
    let codes = attendance_code::Entity::find()
        .all(&st.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let refs = Arc::new(SchoolRefs {
        bells,
        codes,
        work_types,
    });
    st.caches.schools.insert(key, refs.clone());
    Ok(refs)
}

async fn attendance_of(
    st: &AppState,
    student_id: i64,
    lessons: &HashMap<i64, lesson::Model>,
) -> Result<Vec<attendance_record::Model>, ServiceError> {
    if lessons.is_empty() {
        return Ok(Vec::new());
    }
    Ok(attendance_record::Entity::find()
        .filter(attendance_record::Column::StudentId.eq(student_id))
        .filter(
            attendance_record::Column::LessonId.is_in(lessons.keys().copied().collect::<Vec<_>>()),
        )
        .all(&st.db)
        .await?)
}

fn attendance_view(
    code: &attendance_code::Model,
    rec: &attendance_record::Model,
) -> Option<AttendanceView> {
    Some(AttendanceView {
        code: code.code.clone(),
        name: code.name.clone(),
        category: Category::parse(&code.category)?,
        minutes_late: rec.minutes_late,
    })
}

async fn marks_of(
    st: &AppState,
    refs: &SchoolRefs,
    student_id: i64,
    lessons: &HashMap<i64, lesson::Model>,
) -> Result<Vec<(mark::Model, MarkView)>, ServiceError> {
    if lessons.is_empty() {
        return Ok(Vec::new());
    }
    let marks = mark::Entity::find()
        .filter(mark::Column::StudentId.eq(student_id))
        .filter(mark::Column::LessonId.is_in(lessons.keys().copied().collect::<Vec<_>>()))
        .order_by_asc(mark::Column::Id)
        .all(&st.db)
        .await?;
    // Work types added since the school's set-up was cached.
    let missing: Vec<i64> = marks
        .iter()
        .map(|m| m.work_type_id)
        .filter(|id| !refs.work_types.contains_key(id))
        .collect();
    let extra: HashMap<i64, String> = if missing.is_empty() {
        HashMap::new()
    } else {
        work_type::Entity::find()
            .filter(work_type::Column::Id.is_in(missing))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|w| (w.id, w.name))
            .collect()
    };
    let type_name = |id: i64| {
        refs.work_types
            .get(&id)
            .map(|w| &w.name)
            .or_else(|| extra.get(&id))
            .cloned()
            .unwrap_or_default()
    };
    Ok(marks
        .into_iter()
        .map(|m| {
            let view = MarkView {
                id: m.id,
                date: lessons
                    .get(&m.lesson_id)
                    .map(|l| l.date)
                    .unwrap_or_default(),
                value: m.value.clone(),
                points: m.points.and_then(|p| u8::try_from(p).ok()),
                work_type: type_name(m.work_type_id),
                weight_centi: m.weight_centi.max(0) as u32,
                comment: m.comment.clone(),
                excluded: m.excluded,
            };
            (m, view)
        })
        .collect())
}

/// Homework with its subject, the date it was set, and its attachments.
async fn homework_views(
    st: &AppState,
    sections: &Sections,
    items: Vec<homework::Model>,
    with_set_on: bool,
) -> Result<Vec<(homework::Model, HomeworkView)>, ServiceError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let set_on: HashMap<i64, NaiveDate> = if with_set_on {
        lesson::Entity::find()
            .filter(lesson::Column::Id.is_in(items.iter().map(|h| h.lesson_id).collect::<Vec<_>>()))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|l| (l.id, l.date))
            .collect()
    } else {
        HashMap::new()
    };
    let mut files: HashMap<i64, Vec<AttachmentView>> = HashMap::new();
    for a in attachment::Entity::find()
        .filter(attachment::Column::OwnerKind.eq("homework"))
        .filter(attachment::Column::OwnerId.is_in(items.iter().map(|h| h.id).collect::<Vec<_>>()))
        .all(&st.db)
        .await?
    {
        files.entry(a.owner_id).or_default().push(AttachmentView {
            id: a.id,
            file_name: a.file_name,
            size_bytes: a.size_bytes,
        });
    }
    Ok(items
        .into_iter()
        .map(|h| {
            let view = HomeworkView {
                id: h.id,
                subject: sections.subject(h.section_id),
                text: h.text.clone(),
                set_on: set_on.get(&h.lesson_id).copied(),
                due_on: h.due_on,
                attachments: files.remove(&h.id).unwrap_or_default(),
            };
            (h, view)
        })
        .collect())
}

pub async fn week(
    st: &AppState,
    user: &SessionUser,
    student: Option<i64>,
    week: Option<NaiveDate>,
) -> Result<WeekView, ServiceError> {
    let StudentContext {
        scope,
        class,
        school_id,
    } = student_scope(st, user, student).await?;
    let monday = monday_of(week.unwrap_or(scope.today));
    let sid = scope.student.id.0;
    // The week as cached for the class's current journal version, if it is.
    let version = match &class {
        Some(c) => class::Entity::find_by_id(c.id)
            .select_only()
            .column(class::Column::DataVersion)
            .into_tuple::<i64>()
            .one(&st.db)
            .await?
            .unwrap_or_default(),
        None => 0,
    };
    if let Some(hit) = st.caches.weeks.get(&(sid, monday)) {
        if hit.0 == version {
            return Ok(WeekView {
                scope,
                monday,
                days: hit.1.clone(),
            });
        }
    }
    let days = week_days(st, sid, class.as_ref(), school_id, monday).await?;
    st.caches
        .weeks
        .insert((sid, monday), Arc::new((version, days.clone())));
    Ok(WeekView {
        scope,
        monday,
        days,
    })
}

/// Reads a student's week: a fixed set of queries, whatever the lessons.
async fn week_days(
    st: &AppState,
    sid: i64,
    class: Option<&class::Model>,
    school_id: Option<i64>,
    monday: NaiveDate,
) -> Result<Vec<DayView>, ServiceError> {
    let saturday = monday + Duration::days(5);
    let sections = sections_of(st, class).await?;

    let lessons: HashMap<i64, lesson::Model> = lesson::Entity::find()
        .filter(lesson::Column::SectionId.is_in(sections.ids()))
        .filter(lesson::Column::Date.between(monday, saturday))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let substitute_ids: Vec<i64> = lessons
        .values()
        .filter_map(|l| l.substitute_teacher_id)
        .collect();
    let substitutes: HashMap<i64, String> = if substitute_ids.is_empty() {
        HashMap::new()
    } else {
        person::Entity::find()
            .filter(person::Column::Id.is_in(substitute_ids))
            .all(&st.db)
            .await?
            .into_iter()
            .map(|p| (p.id, full_name(&p).short()))
            .collect()
    };
    let refs = school_refs(st, school_id).await?;
    let mut marks_by_lesson: HashMap<i64, Vec<MarkView>> = HashMap::new();
    for (m, view) in marks_of(st, &refs, sid, &lessons).await? {
        marks_by_lesson.entry(m.lesson_id).or_default().push(view);
    }
    let attendance: HashMap<i64, AttendanceView> = attendance_of(st, sid, &lessons)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some((
                r.lesson_id,
                attendance_view(refs.codes.get(&r.code_id)?, &r)?,
            ))
        })
        .collect();
    let due = homework::Entity::find()
        .filter(homework::Column::SectionId.is_in(sections.ids()))
        .filter(homework::Column::DueOn.between(monday, saturday))
        .all(&st.db)
        .await?;
    let mut homework_by_lesson: HashMap<i64, Vec<HomeworkView>> = HashMap::new();
    for (h, view) in homework_views(st, &sections, due, false).await? {
        // Due at a given lesson, or else at the section's first lesson that day.
        let target = h
            .due_lesson_id
            .filter(|id| lessons.contains_key(id))
            .or_else(|| {
                lessons
                    .values()
                    .filter(|l| l.section_id == h.section_id && l.date == h.due_on)
                    .min_by_key(|l| l.number)
                    .map(|l| l.id)
            });
        if let Some(lid) = target {
            homework_by_lesson.entry(lid).or_default().push(view);
        }
    }
    let bells = &refs.bells;

    let mut days: BTreeMap<NaiveDate, Vec<LessonView>> =
        crate::domain::calendar::school_days(monday)
            .into_iter()
            .map(|d| (d, Vec::new()))
            .collect();
    for l in lessons.values() {
        let bell = bells.get(&l.number);
        let teacher = l
            .substitute_teacher_id
            .and_then(|id| substitutes.get(&id).cloned())
            .unwrap_or_else(|| sections.teacher(l.section_id));
        days.entry(l.date).or_default().push(LessonView {
            id: l.id,
            number: l.number,
            starts_at: bell.map(|b| b.starts_at.format("%H:%M").to_string()),
            ends_at: bell.map(|b| b.ends_at.format("%H:%M").to_string()),
            subject: sections.subject(l.section_id),
            teacher,
            room: l.room.clone(),
            topic: l.topic.clone(),
            homework_due: homework_by_lesson.remove(&l.id).unwrap_or_default(),
            marks: marks_by_lesson.remove(&l.id).unwrap_or_default(),
            attendance: attendance.get(&l.id).cloned(),
        });
    }
    Ok(days
        .into_iter()
        .map(|(date, mut lessons)| {
            lessons.sort_by_key(|l| (l.number, l.id));
            DayView { date, lessons }
        })
        .collect())
}

/// The periods of the school's academic year that contains `day` (or the
/// latest one), without the whole-year period.
async fn periods_of(
    st: &AppState,
    school_id: i64,
    day: NaiveDate,
) -> Result<Vec<period::Model>, ServiceError> {
    let years = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school_id))
        .order_by_desc(academic_year::Column::StartsOn)
        .all(&st.db)
        .await?;
    let Some(year) = years
        .iter()
        .find(|y| y.starts_on <= day && day <= y.ends_on)
        .or_else(|| years.first())
    else {
        return Ok(Vec::new());
    };
    Ok(period::Entity::find()
        .filter(period::Column::AcademicYearId.eq(year.id))
        .filter(period::Column::Kind.ne("year"))
        .order_by_asc(period::Column::Seq)
        .all(&st.db)
        .await?)
}

fn period_ref(p: &period::Model) -> PeriodRef {
    PeriodRef {
        id: p.id,
        name: p.name.clone(),
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        locked: p.locked,
    }
}

pub async fn marks(
    st: &AppState,
    user: &SessionUser,
    student: Option<i64>,
    period: Option<i64>,
) -> Result<MarksView, ServiceError> {
    let StudentContext {
        scope,
        class,
        school_id,
    } = student_scope(st, user, student).await?;
    let school_id = school_id.ok_or(ServiceError::NotFound)?;
    let school = school::Entity::find_by_id(school_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let policy = RoundingPolicy {
        five_from_centi: school.five_from_centi.max(0) as u32,
        four_from_centi: school.four_from_centi.max(0) as u32,
        three_from_centi: school.three_from_centi.max(0) as u32,
    };
    let periods = periods_of(st, school_id, scope.today).await?;
    let chosen = match period {
        Some(id) => periods
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| ServiceError::field("period", "нет такого учебного периода"))?,
        None => periods
            .iter()
            .rfind(|p| p.starts_on <= scope.today)
            .or_else(|| periods.first())
            .ok_or(ServiceError::NotFound)?,
    };
    let sid = scope.student.id.0;
    let sections = sections_of(st, class.as_ref()).await?;
    let lessons: HashMap<i64, lesson::Model> = lesson::Entity::find()
        .filter(lesson::Column::SectionId.is_in(sections.ids()))
        .filter(lesson::Column::Date.between(chosen.starts_on, chosen.ends_on))
        .all(&st.db)
        .await?
        .into_iter()
        .map(|l| (l.id, l))
        .collect();
    let refs = school_refs(st, Some(school_id)).await?;
    let mut by_section: HashMap<i64, Vec<MarkView>> = HashMap::new();
    for (m, view) in marks_of(st, &refs, sid, &lessons).await? {
        if let Some(l) = lessons.get(&m.lesson_id) {
            by_section.entry(l.section_id).or_default().push(view);
        }
    }
    let period_marks: HashMap<i64, String> = period_mark::Entity::find()
        .filter(period_mark::Column::StudentId.eq(sid))
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
    let subjects = sections
        .sections
        .iter()
        .map(|s| {
            let mut marks = by_section.remove(&s.id).unwrap_or_default();
            marks.sort_by_key(|m| (m.date, m.id));
            SubjectMarks {
                section_id: s.id,
                subject: sections.subject(s.id),
                teacher: sections.teacher(s.id),
                marks,
                period_mark: period_marks.get(&s.id).cloned(),
                attendance: tallies.get(&s.id).copied().unwrap_or_default(),
            }
        })
        .collect();
    Ok(MarksView {
        scope,
        periods: periods.iter().map(period_ref).collect(),
        period: period_ref(chosen),
        policy,
        subjects,
    })
}

pub async fn homework(
    st: &AppState,
    user: &SessionUser,
    student: Option<i64>,
) -> Result<HomeworkListView, ServiceError> {
    let StudentContext { scope, class, .. } = student_scope(st, user, student).await?;
    let sections = sections_of(st, class.as_ref()).await?;
    let today = scope.today;
    let items = homework::Entity::find()
        .filter(homework::Column::SectionId.is_in(sections.ids()))
        .filter(
            homework::Column::DueOn.between(today - Duration::days(14), today + Duration::days(14)),
        )
        .all(&st.db)
        .await?;
    let (mut upcoming, mut past): (Vec<HomeworkView>, Vec<HomeworkView>) =
        homework_views(st, &sections, items, true)
            .await?
            .into_iter()
            .map(|(_, v)| v)
            .partition(|h| h.due_on >= today);
    upcoming.sort_by(|a, b| (a.due_on, &a.subject).cmp(&(b.due_on, &b.subject)));
    past.sort_by(|a, b| (b.due_on, &a.subject).cmp(&(a.due_on, &b.subject)));
    Ok(HomeworkListView {
        scope,
        upcoming,
        past,
    })
}

pub async fn news(
    st: &AppState,
    user: &SessionUser,
    student: Option<i64>,
) -> Result<NewsView, ServiceError> {
    let StudentContext {
        scope,
        class,
        school_id,
    } = student_scope(st, user, student).await?;
    let remarks = remark::Entity::find()
        .filter(remark::Column::StudentId.eq(scope.student.id.0))
        .order_by_desc(remark::Column::CreatedAt)
        .all(&st.db)
        .await?;
    let announcements = match school_id {
        Some(school) => {
            let mut q =
                announcement::Entity::find().filter(announcement::Column::SchoolId.eq(school));
            q = match &class {
                Some(c) => q.filter(
                    sea_orm::Condition::any()
                        .add(announcement::Column::ClassId.is_null())
                        .add(announcement::Column::ClassId.eq(c.id)),
                ),
                None => q.filter(announcement::Column::ClassId.is_null()),
            };
            q.order_by_desc(announcement::Column::PublishedAt)
                .all(&st.db)
                .await?
        }
        None => Vec::new(),
    };
    let authors = user_names(
        st,
        remarks
            .iter()
            .map(|r| r.author_user_id)
            .chain(announcements.iter().map(|a| a.author_user_id))
            .collect(),
    )
    .await?;
    let class_name = class.as_ref().map(|c| c.name.clone());
    Ok(NewsView {
        remarks: remarks
            .into_iter()
            .map(|r| RemarkView {
                id: r.id,
                praise: r.kind == "praise",
                text: r.text,
                author: authors.get(&r.author_user_id).cloned().unwrap_or_default(),
                at: r.created_at.naive_utc(),
            })
            .collect(),
        announcements: announcements
            .into_iter()
            .map(|a| AnnouncementView {
                id: a.id,
                title: a.title,
                body: a.body,
                author: authors.get(&a.author_user_id).cloned().unwrap_or_default(),
                class_name: a.class_id.and(class_name.clone()),
                at: a.published_at.naive_utc(),
            })
            .collect(),
        scope,
    })
}

/// An attached file the user may download, and where it is on disk.
/// Homework files: the students of the section's class (and their parents),
/// the section's teacher, and the school's administrators.
pub async fn attachment_for(
    st: &AppState,
    user: &SessionUser,
    id: i64,
) -> Result<(attachment::Model, std::path::PathBuf), ServiceError> {
    let a = attachment::Entity::find_by_id(id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if a.owner_kind != "homework" {
        return Err(ServiceError::NotFound);
    }
    let hw = homework::Entity::find_by_id(a.owner_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let section = course_section::Entity::find_by_id(hw.section_id)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let readable = super::access::readable(st, user).await?;
    let in_class = readable
        .iter()
        .any(|r| r.class.as_ref().is_some_and(|c| c.id == section.class_id));
    let teaches = user.person_id.is_some_and(|p| p.0 == section.teacher_id);
    let admin = match user.schools_as(crate::domain::roles::Role::Admin).first() {
        Some(school) => class::Entity::find_by_id(section.class_id)
            .one(&st.db)
            .await?
            .is_some_and(|c| c.school_id == school.0),
        None => false,
    };
    if !(in_class || teaches || admin) {
        return Err(ServiceError::Forbidden);
    }
    // The key is ours, but never let it leave the folder.
    let key = std::path::Path::new(&a.storage_key);
    if key.is_absolute()
        || key
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(ServiceError::Internal(format!(
            "bad storage key for attachment {id}"
        )));
    }
    let path = st.files_dir.join(key);
    Ok((a, path))
}
