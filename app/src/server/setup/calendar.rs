//! The school's calendar: an academic year with its periods (quarters,
//! trimesters or halves, and the whole year) and its holidays. The dates are
//! checked by `domain::setup`: each period inside the year, none
//! overlapping, and no school days between two periods unless they are
//! holidays; a year may not overlap another year of the school.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::{admin_school, audited, same_school, Change, Problems};
use crate::domain::ids::{HolidayId, YearId};
use crate::domain::setup::{
    check_periods, check_year, parse_date, required_text, Days, PeriodKind, SetupError,
};
use crate::model::accounts::SessionUser;
use crate::model::setup::{SpanForm, YearForm};
use crate::server::entities::{academic_year, holiday, period};
use crate::server::{AppState, ServiceError};

/// «1 четверть», «2 триместр», «1 полугодие».
fn period_name(kind: PeriodKind, n: usize) -> String {
    match kind {
        PeriodKind::Quarter => format!("{n} четверть"),
        PeriodKind::Trimester => format!("{n} триместр"),
        PeriodKind::Half => format!("{n} полугодие"),
        PeriodKind::Year => "Год".into(),
    }
}

/// Reads one span of a form; problems are named `{prefix}.{i}.starts_on`.
fn span(
    p: &mut Problems,
    prefix: &str,
    i: usize,
    f: &SpanForm,
    default_name: String,
) -> Option<(String, Days)> {
    let name = if f.name.trim().is_empty() {
        Some(default_name)
    } else {
        p.check(&format!("{prefix}.{i}.name"), required_text(&f.name, 60))
    };
    let from = p.check(&format!("{prefix}.{i}.starts_on"), parse_date(&f.starts_on));
    let to = p.check(&format!("{prefix}.{i}.ends_on"), parse_date(&f.ends_on));
    let days = match (from, to) {
        (Some(a), Some(b)) => p.check(&format!("{prefix}.{i}.ends_on"), Days::new(a, b)),
        _ => None,
    };
    Some((name?, days?))
}

/// Named days as typed (a day off, shortened days): the name, the first day
/// and the last (empty: the first), each problem under its field.
pub(super) fn named_days(p: &mut Problems, form: &SpanForm) -> (Option<String>, Option<Days>) {
    let name = p.check("name", required_text(&form.name, 60));
    let from = p.check("starts_on", parse_date(&form.starts_on));
    let to = if form.ends_on.trim().is_empty() {
        from
    } else {
        p.check("ends_on", parse_date(&form.ends_on))
    };
    let days = match (from, to) {
        (Some(a), Some(b)) => p.check("ends_on", Days::new(a, b)),
        _ => None,
    };
    (name, days)
}

/// Creates a year with its periods and holidays, in one transaction.
pub async fn create_year(
    st: &AppState,
    admin: &SessionUser,
    form: &YearForm,
) -> Result<YearId, ServiceError> {
    let school = admin_school(admin)?;
    let mut p = Problems::default();
    let name = p.check("name", required_text(&form.name, 40));
    let from = p.check("starts_on", parse_date(&form.starts_on));
    let to = p.check("ends_on", parse_date(&form.ends_on));
    let year = match (from, to) {
        (Some(a), Some(b)) => p.check("ends_on", check_year(a, b)),
        _ => None,
    };
    let kind = p.check(
        "kind",
        PeriodKind::parse(&form.kind).and_then(|k| match k {
            PeriodKind::Year => Err(SetupError::UnknownKind),
            k => Ok(k),
        }),
    );
    if form.periods.is_empty() {
        p.add("periods", SetupError::Required);
    } else if kind.is_some_and(|k| k.per_year() != form.periods.len()) {
        p.add("periods", SetupError::PeriodCount);
    }
    let periods: Vec<Option<(String, Days)>> = form
        .periods
        .iter()
        .enumerate()
        .map(|(i, f)| span(&mut p, "periods", i, f, String::new()))
        .collect();
    let holidays: Vec<Option<(String, Days)>> = form
        .holidays
        .iter()
        .enumerate()
        .map(|(i, f)| span(&mut p, "holidays", i, f, "Каникулы".into()))
        .collect();
    if let Some(year) = year {
        if periods.iter().all(Option::is_some) && holidays.iter().all(Option::is_some) {
            let ps: Vec<Days> = periods.iter().flatten().map(|(_, d)| *d).collect();
            let hs: Vec<Days> = holidays.iter().flatten().map(|(_, d)| *d).collect();
            for (i, e) in check_periods(&year, &ps, &hs) {
                let field = if e == SetupError::OutsideYear || e == SetupError::GapWithoutHolidays {
                    format!("periods.{i}.starts_on")
                } else {
                    format!("periods.{i}.ends_on")
                };
                p.add(field, e);
            }
            for (i, h) in hs.iter().enumerate() {
                if h.from < year.from || h.to > year.to {
                    p.add(format!("holidays.{i}.starts_on"), SetupError::OutsideYear);
                }
            }
        }
        let others = academic_year::Entity::find()
            .filter(academic_year::Column::SchoolId.eq(school.0))
            .all(&st.db)
            .await?;
        if others
            .iter()
            .any(|y| y.starts_on <= year.to && year.from <= y.ends_on)
        {
            p.add("starts_on", SetupError::Overlaps);
        }
    }
    p.finish()?;
    let (Some(name), Some(year), Some(kind)) = (name, year, kind) else {
        return Err(ServiceError::Internal("checked year missing".into()));
    };
    let periods: Vec<(String, Days)> = periods.into_iter().flatten().collect();
    let holidays: Vec<(String, Days)> = holidays.into_iter().flatten().collect();

    let (_turn, txn) = super::begin_write(st, school).await?;
    let y = academic_year::ActiveModel {
        school_id: Set(school.0),
        name: Set(name.clone()),
        starts_on: Set(year.from),
        ends_on: Set(year.to),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut ordered = periods.clone();
    ordered.sort_by_key(|(_, d)| d.from);
    // Unnamed periods are named by their place in time: «1 четверть» is the
    // first one, whatever order the form listed them in.
    for (i, (n, _)) in ordered.iter_mut().enumerate() {
        if n.is_empty() {
            *n = period_name(kind, i + 1);
        }
    }
    let rows = ordered
        .iter()
        .enumerate()
        .map(|(i, (n, d))| (n.clone(), kind, i as i32 + 1, *d))
        .chain(std::iter::once((
            period_name(PeriodKind::Year, 0),
            PeriodKind::Year,
            ordered.len() as i32 + 1,
            year,
        )));
    period::Entity::insert_many(rows.map(|(n, k, seq, d)| period::ActiveModel {
        academic_year_id: Set(y.id),
        name: Set(n),
        kind: Set(k.as_str().into()),
        seq: Set(seq),
        starts_on: Set(d.from),
        ends_on: Set(d.to),
        locked: Set(false),
        locked_at: Set(None),
        ..Default::default()
    }))
    .exec_without_returning(&txn)
    .await?;
    if !holidays.is_empty() {
        holiday::Entity::insert_many(holidays.iter().map(|(n, d)| holiday::ActiveModel {
            school_id: Set(school.0),
            academic_year_id: Set(y.id),
            name: Set(n.clone()),
            starts_on: Set(d.from),
            ends_on: Set(d.to),
            kind: Set(HOLIDAY.into()),
            ..Default::default()
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    let change = Change {
        action: "year_created",
        entity: "academic_year",
        id: y.id,
        old: None,
        new: Some(json!({
            "name": name,
            "starts_on": year.from,
            "ends_on": year.to,
            "periods": ordered.iter().map(|(n, d)| json!([n, d.from, d.to])).collect::<Vec<_>>(),
            "holidays": holidays.iter().map(|(n, d)| json!([n, d.from, d.to])).collect::<Vec<_>>(),
            "at": Utc::now(),
        })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(YearId(y.id))
}

/// A holiday between periods.
pub const HOLIDAY: &str = "holiday";
/// A non-school day inside a period.
pub const DAY_OFF: &str = "day_off";

/// Adds non-school days to a year (a public holiday, a day the school is
/// closed): no lessons are generated on them; generating the period again
/// removes the lessons there that hold nothing.
pub async fn add_day_off(
    st: &AppState,
    admin: &SessionUser,
    year_id: YearId,
    form: &SpanForm,
) -> Result<HolidayId, ServiceError> {
    let year = academic_year::Entity::find_by_id(year_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = same_school(admin, year.school_id)?;
    let mut p = Problems::default();
    let (name, days) = named_days(&mut p, form);
    let days = days.filter(|d| {
        let inside = d.from >= year.starts_on && d.to <= year.ends_on;
        if !inside {
            p.add("starts_on", SetupError::OutsideYear);
        }
        inside
    });
    p.finish()?;
    let (Some(name), Some(days)) = (name, days) else {
        return Err(ServiceError::Internal("checked day off missing".into()));
    };
    let (_turn, txn) = super::begin_write(st, school).await?;
    let h = holiday::ActiveModel {
        school_id: Set(school.0),
        academic_year_id: Set(year.id),
        name: Set(name.clone()),
        starts_on: Set(days.from),
        ends_on: Set(days.to),
        kind: Set(DAY_OFF.into()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let change = Change {
        action: "day_off_added",
        entity: "holiday",
        id: h.id,
        old: None,
        new: Some(json!({ "name": name, "starts_on": days.from, "ends_on": days.to })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(HolidayId(h.id))
}

/// Takes back non-school days added to a year (a holiday between periods
/// stays: the year's periods were checked against it). Generating the
/// period again gives those days their lessons.
pub async fn remove_day_off(
    st: &AppState,
    admin: &SessionUser,
    id: HolidayId,
) -> Result<(), ServiceError> {
    let h = holiday::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = same_school(admin, h.school_id)?;
    if h.kind != DAY_OFF {
        return Err(ServiceError::Conflict(
            crate::i18n::setup::texts(crate::i18n::current_lang())
                .holiday_stays
                .into(),
        ));
    }
    let (_turn, txn) = super::begin_write(st, school).await?;
    holiday::Entity::delete_by_id(h.id).exec(&txn).await?;
    let change = Change {
        action: "day_off_removed",
        entity: "holiday",
        id: h.id,
        old: Some(json!({ "name": h.name, "starts_on": h.starts_on, "ends_on": h.ends_on })),
        new: None,
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(())
}
