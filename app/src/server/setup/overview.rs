//! Everything the administrator's set-up screens show, read in one go.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{admin_school, classes, staff};
use crate::domain::ids::{ClassId, HolidayId, PeriodId, PersonId, SectionId, SubjectId, YearId};
use crate::model::accounts::SessionUser;
use crate::model::setup::{
    SetupBell, SetupHoliday, SetupOverview, SetupPeriod, SetupSection, SetupShortDay, SetupSubject,
    SetupYear,
};
use crate::server::entities::{
    academic_year, bell_time, class, course_section, enrolment, holiday, period, school,
    short_bell, short_day, subject,
};
use crate::server::{AppState, ServiceError};

pub async fn overview(st: &AppState, user: SessionUser) -> Result<SetupOverview, ServiceError> {
    let school_id = admin_school(&user)?;
    let db = &st.db;
    let s = school::Entity::find_by_id(school_id.0)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let years = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(s.id))
        .order_by_asc(academic_year::Column::StartsOn)
        .all(db)
        .await?;
    let year_ids: Vec<i64> = years.iter().map(|y| y.id).collect();
    let periods = period::Entity::find()
        .filter(period::Column::AcademicYearId.is_in(year_ids.clone()))
        .order_by_asc(period::Column::Seq)
        .all(db)
        .await?;
    let holidays = holiday::Entity::find()
        .filter(holiday::Column::AcademicYearId.is_in(year_ids))
        .order_by_asc(holiday::Column::StartsOn)
        .all(db)
        .await?;
    let bells = bell_time::Entity::find()
        .filter(bell_time::Column::SchoolId.eq(s.id))
        .order_by_asc(bell_time::Column::Number)
        .all(db)
        .await?;
    let short_bells = short_bell::Entity::find()
        .filter(short_bell::Column::SchoolId.eq(s.id))
        .order_by_asc(short_bell::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|b| SetupBell {
            number: b.number,
            starts_at: b.starts_at,
            ends_at: b.ends_at,
        })
        .collect();
    let short_days = short_day::Entity::find()
        .filter(short_day::Column::SchoolId.eq(s.id))
        .order_by_asc(short_day::Column::Date)
        .all(db)
        .await?
        .into_iter()
        .map(|d| SetupShortDay {
            date: d.date,
            name: d.name,
        })
        .collect();
    let subjects = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(s.id))
        .order_by_asc(subject::Column::Name)
        .all(db)
        .await?;
    let class_rows = class::Entity::find()
        .filter(class::Column::SchoolId.eq(s.id))
        .order_by_asc(class::Column::Grade)
        .order_by_asc(class::Column::Name)
        .all(db)
        .await?;
    let class_ids: Vec<i64> = class_rows.iter().map(|c| c.id).collect();
    let sections = course_section::Entity::find()
        .filter(course_section::Column::ClassId.is_in(class_ids.clone()))
        .all(db)
        .await?;
    let mut students: HashMap<i64, usize> = HashMap::new();
    for e in enrolment::Entity::find()
        .filter(enrolment::Column::ClassId.is_in(class_ids))
        .filter(enrolment::Column::EndsOn.is_null())
        .all(db)
        .await?
    {
        *students.entry(e.class_id).or_default() += 1;
    }
    let staff = staff::list(db, school_id).await?;
    let names: HashMap<PersonId, &str> = staff
        .iter()
        .map(|m| (m.person_id, m.name.as_str()))
        .collect();
    let subject_names: HashMap<i64, &str> =
        subjects.iter().map(|s| (s.id, s.name.as_str())).collect();
    let mut section_rows: Vec<SetupSection> = sections
        .iter()
        .map(|x| {
            let subject = subject_names.get(&x.subject_id).copied().unwrap_or("?");
            let teacher = names.get(&PersonId(x.teacher_id)).copied().unwrap_or("?");
            let label = match &x.group_name {
                Some(g) => format!("{subject} ({g}) — {teacher}"),
                None => format!("{subject} — {teacher}"),
            };
            SetupSection {
                id: SectionId(x.id),
                class_id: ClassId(x.class_id),
                subject_id: SubjectId(x.subject_id),
                teacher_id: PersonId(x.teacher_id),
                group_name: x.group_name.clone(),
                label,
            }
        })
        .collect();
    section_rows.sort_by(|a, b| (a.class_id, &a.label).cmp(&(b.class_id, &b.label)));
    Ok(SetupOverview {
        user,
        school_id,
        school_name: s.short_name.clone(),
        time_zone: s.time_zone.clone(),
        years: years
            .iter()
            .map(|y| SetupYear {
                id: YearId(y.id),
                name: y.name.clone(),
                starts_on: y.starts_on,
                ends_on: y.ends_on,
                periods: periods
                    .iter()
                    .filter(|p| p.academic_year_id == y.id)
                    .map(|p| SetupPeriod {
                        id: PeriodId(p.id),
                        name: p.name.clone(),
                        kind: p.kind.clone(),
                        starts_on: p.starts_on,
                        ends_on: p.ends_on,
                        locked: p.locked,
                    })
                    .collect(),
                holidays: holidays
                    .iter()
                    .filter(|h| h.academic_year_id == y.id)
                    .map(|h| SetupHoliday {
                        id: HolidayId(h.id),
                        name: h.name.clone(),
                        starts_on: h.starts_on,
                        ends_on: h.ends_on,
                        day_off: h.kind == super::calendar::DAY_OFF,
                    })
                    .collect(),
            })
            .collect(),
        bells: bells
            .iter()
            .map(|b| SetupBell {
                number: b.number,
                starts_at: b.starts_at,
                ends_at: b.ends_at,
            })
            .collect(),
        short_bells,
        short_days,
        subjects: subjects
            .iter()
            .map(|x| SetupSubject {
                id: SubjectId(x.id),
                name: x.name.clone(),
                short_name: x.short_name.clone(),
                sections: sections.iter().filter(|c| c.subject_id == x.id).count(),
            })
            .collect(),
        classes: class_rows
            .iter()
            .map(|c| classes::row(c, students.get(&c.id).copied().unwrap_or(0)))
            .collect(),
        staff,
        sections: section_rows,
    })
}
