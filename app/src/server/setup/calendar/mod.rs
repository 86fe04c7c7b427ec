//! The school's calendar: an academic year with its periods (quarters,
//! trimesters or halves, and the whole year) and its holidays. The dates are
//! checked by `domain::setup`: each period inside the year, none
//! overlapping, and no school days between two periods unless they are
//! holidays; a year may not overlap another year of the school.
//!
//! `mod` reads a year's form and creates the year; `edit` changes a year
//! that exists (its lessons follow); `days_off` adds and takes back
//! non-school days.

mod days_off;
mod edit;

pub use days_off::{add_day_off, remove_day_off, DAY_OFF, HOLIDAY};
pub use edit::update_year;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::{json, Value};

use super::{admin_school, audited, Change, Problems};
use crate::domain::ids::YearId;
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

/// A year's form once every value in it has been read and the dates
/// checked against each other: the periods in the form's order (a name left
/// empty is still empty), the holidays with their names.
struct CheckedYear {
    name: String,
    days: Days,
    kind: PeriodKind,
    periods: Vec<(String, Days)>,
    holidays: Vec<(String, Days)>,
}

/// Reads a year's form (for a new year or a changed one): every problem
/// under its field, nothing read from the database.
fn read_year(p: &mut Problems, form: &YearForm) -> Option<CheckedYear> {
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
        .map(|(i, f)| span(p, "periods", i, f, String::new()))
        .collect();
    let holidays: Vec<Option<(String, Days)>> = form
        .holidays
        .iter()
        .enumerate()
        .map(|(i, f)| span(p, "holidays", i, f, "Каникулы".into()))
        .collect();
    let year = year?;
    if !(periods.iter().all(Option::is_some) && holidays.iter().all(Option::is_some)) {
        return None;
    }
    let periods: Vec<(String, Days)> = periods.into_iter().flatten().collect();
    let holidays: Vec<(String, Days)> = holidays.into_iter().flatten().collect();
    let ps: Vec<Days> = periods.iter().map(|(_, d)| *d).collect();
    let hs: Vec<Days> = holidays.iter().map(|(_, d)| *d).collect();
    for (i, e) in check_periods(&year, &ps, &hs) {
        let field = if e == SetupError::OutsideYear || e == SetupError::GapWithoutHolidays {
            format!("periods.{i}.starts_on")
        } else {
            format!("periods.{i}.ends_on")
        };
        p.add(field, e);
    }
    for (i, h) in hs.iter().enumerate() {
        if !(year.contains(h.from) && year.contains(h.to)) {
            p.add(format!("holidays.{i}.starts_on"), SetupError::OutsideYear);
        }
    }
    Some(CheckedYear {
        name: name?,
        days: year,
        kind: kind?,
        periods,
        holidays,
    })
}

/// Whether another year of the school (not `except`) shares a day with
/// `days`.
async fn overlaps_another(
    db: &impl ConnectionTrait,
    school: i64,
    except: Option<i64>,
    days: Days,
) -> Result<bool, ServiceError> {
    let others = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school))
        .all(db)
        .await?;
    Ok(others
        .iter()
        .filter(|y| Some(y.id) != except)
        .any(|y| y.starts_on <= days.to && days.from <= y.ends_on))
}

impl CheckedYear {
    /// The periods in time order, an unnamed one named by its place: «1
    /// четверть» is the first one, whatever order the form listed them in.
    fn ordered(&self) -> Vec<(String, Days)> {
        let mut ordered = self.periods.clone();
        ordered.sort_by_key(|(_, d)| d.from);
        for (i, (n, _)) in ordered.iter_mut().enumerate() {
            if n.is_empty() {
                *n = period_name(self.kind, i + 1);
            }
        }
        ordered
    }

    /// What the audit log keeps of the year.
    fn audited(&self) -> Value {
        json!({
            "name": self.name,
            "starts_on": self.days.from,
            "ends_on": self.days.to,
            "kind": self.kind.as_str(),
            "periods": self.ordered().iter().map(|(n, d)| json!([n, d.from, d.to])).collect::<Vec<_>>(),
            "holidays": self.holidays.iter().map(|(n, d)| json!([n, d.from, d.to])).collect::<Vec<_>>(),
        })
    }
}

/// Writes a year's periods (in time order, then the whole year) and its
/// holidays.
async fn insert_calendar(
    db: &impl ConnectionTrait,
    school: i64,
    year_id: i64,
    y: &CheckedYear,
    periods: bool,
) -> Result<(), ServiceError> {
    if periods {
        let ordered = y.ordered();
        let rows = ordered
            .iter()
            .enumerate()
            .map(|(i, (n, d))| (n.clone(), y.kind, i as i32 + 1, *d))
            .chain(std::iter::once((
                period_name(PeriodKind::Year, 0),
                PeriodKind::Year,
                ordered.len() as i32 + 1,
                y.days,
            )));
        period::Entity::insert_many(rows.map(|(n, k, seq, d)| period::ActiveModel {
            academic_year_id: Set(year_id),
            name: Set(n),
            kind: Set(k.as_str().into()),
            seq: Set(seq),
            starts_on: Set(d.from),
            ends_on: Set(d.to),
            locked: Set(false),
            locked_at: Set(None),
            ..Default::default()
        }))
        .exec_without_returning(db)
        .await?;
    }
    if !y.holidays.is_empty() {
        holiday::Entity::insert_many(y.holidays.iter().map(|(n, d)| holiday::ActiveModel {
            school_id: Set(school),
            academic_year_id: Set(year_id),
            name: Set(n.clone()),
            starts_on: Set(d.from),
            ends_on: Set(d.to),
            kind: Set(HOLIDAY.into()),
            ..Default::default()
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// Creates a year with its periods and holidays, in one transaction.
pub async fn create_year(
    st: &AppState,
    admin: &SessionUser,
    form: &YearForm,
) -> Result<YearId, ServiceError> {
    let school = admin_school(admin)?;
    let mut p = Problems::default();
    let year = read_year(&mut p, form);
    if let Some(y) = &year {
        if overlaps_another(&st.db, school.0, None, y.days).await? {
            p.add("starts_on", SetupError::Overlaps);
        }
    }
    p.finish()?;
    let Some(year) = year else {
        return Err(ServiceError::Internal("checked year missing".into()));
    };

    let (_turn, txn) = super::begin_write(st, school).await?;
    let y = academic_year::ActiveModel {
        school_id: Set(school.0),
        name: Set(year.name.clone()),
        starts_on: Set(year.days.from),
        ends_on: Set(year.days.to),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    insert_calendar(&txn, school.0, y.id, &year, true).await?;
    let mut new = year.audited();
    new["at"] = json!(Utc::now());
    let change = Change {
        action: "year_created",
        entity: "academic_year",
        id: y.id,
        old: None,
        new: Some(new),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(YearId(y.id))
}
