//! What the school has set up, read the same way by every service: its time
//! zone (so "today" and every time shown are the school's own), its rounding
//! policy, and its calendar (which academic year and period are on, by the
//! one rule in `domain::calendar`), and who each group of a class is.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::cache::SchoolRefs;
use super::entities::{
    academic_year, attendance_code, bell_time, course_section, group_member, period, school,
    short_bell, short_day, work_type,
};
use super::{AppState, ServiceError};
use crate::domain::calendar::{self, Span};
use crate::domain::grades::RoundingPolicy;
use crate::domain::ids::SchoolId;

/// The zone of schools whose zone is not set or not known.
pub const DEFAULT_ZONE: Tz = chrono_tz::Europe::Moscow;

/// A school's time zone from its IANA name («Asia/Vladivostok»).
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// The school's time zone; an unreadable stored name falls back to Moscow
/// time (and is logged), rather than failing every page of the school.
pub fn zone(school: &school::Model) -> Tz {
    parse_zone(&school.time_zone).unwrap_or_else(|| {
        tracing::warn!(school = school.id, zone = %school.time_zone, "unknown time zone, using Europe/Moscow");
        DEFAULT_ZONE
    })
}

/// Today's date where the school is.
pub fn today_in(tz: Tz) -> NaiveDate {
    Utc::now().with_timezone(&tz).date_naive()
}

/// A moment in the school's local time as people write it: «05.11.2026 14:30».
pub fn local_time(tz: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string()
}

/// The school's policy: from which average each period mark is suggested.
pub fn policy(school: &school::Model) -> RoundingPolicy {
    RoundingPolicy {
        five_from_centi: school.five_from_centi.max(0) as u32,
        four_from_centi: school.four_from_centi.max(0) as u32,
        three_from_centi: school.three_from_centi.max(0) as u32,
    }
}

/// The school's bells, attendance codes, work types and time zone, cached
/// (`Caches::schools`).
pub async fn school_refs(
    st: &AppState,
    school_id: Option<i64>,
) -> Result<Arc<SchoolRefs>, ServiceError> {
    let key = school_id.unwrap_or(0);
    if let Some(hit) = st.caches.schools.get(&key) {
        return Ok(hit);
    }
    let (short_bells, short_days) = match school_id {
        Some(id) => (
            short_bell::Entity::find()
                .filter(short_bell::Column::SchoolId.eq(id))
                .all(&st.db)
                .await?
                .into_iter()
                .map(|b| (b.number, (b.starts_at, b.ends_at)))
                .collect(),
            short_day::Entity::find()
                .filter(short_day::Column::SchoolId.eq(id))
                .all(&st.db)
                .await?
                .into_iter()
                .map(|d| d.date)
                .collect(),
        ),
        None => (HashMap::new(), HashSet::new()),
    };
    let (bells, work_types, school, years) = match school_id {
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
            school::Entity::find_by_id(id).one(&st.db).await?,
            academic_year::Entity::find()
                .filter(academic_year::Column::SchoolId.eq(id))
                .all(&st.db)
                .await?,
        ),
        None => (HashMap::new(), HashMap::new(), None, Vec::new()),
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
        zone: school.as_ref().map(zone).unwrap_or(DEFAULT_ZONE),
        policy: school.as_ref().map(policy).unwrap_or_default(),
        years,
        short_bells,
        short_days,
    });
    st.caches.schools.insert(key, refs.clone());
    Ok(refs)
}

/// Today where the school is (Moscow's today for no school).
pub async fn today(st: &AppState, school_id: Option<i64>) -> Result<NaiveDate, ServiceError> {
    Ok(today_in(school_refs(st, school_id).await?.zone))
}

/// The term that is on at `today` in the school's current year, if any.
pub async fn current_term_of(
    st: &AppState,
    school_id: SchoolId,
    today: NaiveDate,
) -> Result<Option<period::Model>, ServiceError> {
    let Some(year) = current_year(&st.db, school_id, today).await? else {
        return Ok(None);
    };
    let periods = periods_of_year(&st.db, year.id).await?;
    Ok(current_term(&periods, today).cloned())
}

impl Span for academic_year::Model {
    fn starts_on(&self) -> NaiveDate {
        self.starts_on
    }
    fn ends_on(&self) -> NaiveDate {
        self.ends_on
    }
}

impl Span for period::Model {
    fn starts_on(&self) -> NaiveDate {
        self.starts_on
    }
    fn ends_on(&self) -> NaiveDate {
        self.ends_on
    }
}

/// The school's academic year that is on at `today` (see
/// `domain::calendar::current_year`), if it has any.
pub async fn current_year(
    db: &impl ConnectionTrait,
    school_id: SchoolId,
    today: NaiveDate,
) -> Result<Option<academic_year::Model>, ServiceError> {
    let years = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school_id.0))
        .all(db)
        .await?;
    Ok(calendar::current_year(&years, today).cloned())
}

/// A year's periods in their order (quarters…, then the year itself).
pub async fn periods_of_year(
    db: &impl ConnectionTrait,
    year_id: i64,
) -> Result<Vec<period::Model>, ServiceError> {
    Ok(period::Entity::find()
        .filter(period::Column::AcademicYearId.eq(year_id))
        .order_by_asc(period::Column::Seq)
        .all(db)
        .await?)
}

/// The terms of a year's periods: all but the whole-year period.
pub fn terms(periods: &[period::Model]) -> Vec<&period::Model> {
    periods.iter().filter(|p| p.kind != "year").collect()
}

/// The term that is on at `today` among a year's periods (see
/// `domain::calendar::current_period`); a year with no terms offers its
/// first period.
pub fn current_term(periods: &[period::Model], today: NaiveDate) -> Option<&period::Model> {
    calendar::current_period(&terms(periods), today)
        .copied()
        .or_else(|| periods.first())
}

/// A period and the academic year it belongs to (404 when either is gone).
pub async fn period_with_year(
    db: &impl ConnectionTrait,
    id: crate::domain::ids::PeriodId,
) -> Result<(period::Model, academic_year::Model), ServiceError> {
    let p = period::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let year = academic_year::Entity::find_by_id(p.academic_year_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((p, year))
}

/// Who each group of a class is: the members of every section with a group
/// name (a group nobody has been put in yet has none). A section without a
/// group name teaches the whole class.
#[derive(Clone, Debug, Default)]
pub struct Groups(HashMap<i64, HashSet<i64>>);

impl Groups {
    /// The groups among `sections`, with their members.
    pub async fn of(
        db: &impl ConnectionTrait,
        sections: &[course_section::Model],
    ) -> Result<Groups, ServiceError> {
        let ids: Vec<i64> = sections
            .iter()
            .filter(|s| s.group_name.is_some())
            .map(|s| s.id)
            .collect();
        let mut groups: HashMap<i64, HashSet<i64>> =
            ids.iter().map(|id| (*id, HashSet::new())).collect();
        if !ids.is_empty() {
            for m in group_member::Entity::find()
                .filter(group_member::Column::SectionId.is_in(ids))
                .all(db)
                .await?
            {
                groups.entry(m.section_id).or_default().insert(m.student_id);
            }
        }
        Ok(Groups(groups))
    }

    /// Does the section teach this student (as one of the class)?
    pub fn teaches(&self, section_id: i64, student_id: i64) -> bool {
        self.0
            .get(&section_id)
            .is_none_or(|members| members.contains(&student_id))
    }

    /// The members of a group section (none for a whole-class one).
    pub fn members(&self, section_id: i64) -> Option<&HashSet<i64>> {
        self.0.get(&section_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_are_shown_in_the_school_zone() {
        let t = Utc.with_ymd_and_hms(2026, 11, 5, 11, 30, 0).unwrap();
        assert_eq!(local_time(DEFAULT_ZONE, t), "05.11.2026 14:30");
        let vl = parse_zone("Asia/Vladivostok").unwrap();
        assert_eq!(local_time(vl, t), "05.11.2026 21:30");
        let ekb = parse_zone(" Asia/Yekaterinburg ").unwrap();
        assert_eq!(local_time(ekb, t), "05.11.2026 16:30");
        let late = Utc.with_ymd_and_hms(2026, 11, 5, 20, 0, 0).unwrap();
        assert_eq!(local_time(vl, late), "06.11.2026 06:00");
    }

    #[test]
    fn unknown_zone_names_are_refused() {
        assert!(parse_zone("Europe/Moskva").is_none());
        assert!(parse_zone("").is_none());
        assert!(parse_zone("Europe/Kaliningrad").is_some());
    }

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
    fn the_term_on_is_the_one_of_today_or_the_last_started() {
        let periods = vec![
            p(1, "quarter", (9, 1), (10, 24), true),
            p(2, "quarter", (11, 5), (12, 28), false),
            p(5, "year", (9, 1), (12, 31), false),
        ];
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(current_term(&periods, day(11, 20)).unwrap().id, 2);
        // In the holidays between terms: the one that ended.
        assert_eq!(current_term(&periods, day(10, 30)).unwrap().id, 1);
        // Before the year: the first term.
        assert_eq!(current_term(&periods, day(8, 1)).unwrap().id, 1);
    }
}
