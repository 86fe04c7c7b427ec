//! Changing a year that exists: its name and dates, its periods' dates and
//! its holidays. The year's lessons follow the new calendar: those that
//! fall on days without lessons are removed if they hold nothing, and the
//! change is refused if one holds something; new school days get their
//! lessons when the period's lessons are generated again. A closed period
//! keeps its dates; while the year has lessons, it keeps its kind and
//! number of periods.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;

use super::{insert_calendar, overlaps_another, read_year, CheckedYear, DAY_OFF, HOLIDAY};
use crate::domain::ids::YearId;
use crate::domain::setup::{teaching_day, Days, SetupError};
use crate::model::accounts::SessionUser;
use crate::model::setup::{YearEdited, YearForm};
use crate::server::entities::{
    academic_year, class, course_section, holiday, lesson, period, period_mark,
};
use crate::server::setup::timetable::{holding_data, stored_lessons};
use crate::server::setup::{
    audited, begin_write, profile::bump_school, same_school, Change, Problems,
};
use crate::server::{AppState, ServiceError};

/// Changes a year's name, dates, periods and holidays in one transaction
/// (its non-school days stay as they are).
pub async fn update_year(
    st: &AppState,
    admin: &SessionUser,
    year_id: YearId,
    form: &YearForm,
) -> Result<YearEdited, ServiceError> {
    let old = academic_year::Entity::find_by_id(year_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = same_school(admin, old.school_id)?;
    let mut p = Problems::default();
    let new = read_year(&mut p, form);
    p.finish()?;
    let Some(new) = new else {
        return Err(ServiceError::Internal("checked year missing".into()));
    };

    let (_turn, txn) = begin_write(st, school).await?;
    // Every journal of the school first: a teacher's save bumps its class's
    // version as its first statement, so a save and this change wait for
    // each other, and the lessons read below include every mark saved
    // before (a lesson removed takes its marks with it).
    bump_school(&txn, school.0).await?;
    let periods = period::Entity::find()
        .filter(period::Column::AcademicYearId.eq(old.id))
        .order_by_asc(period::Column::Seq)
        .all(&txn)
        .await?;
    let (whole, parts): (Vec<period::Model>, Vec<period::Model>) =
        periods.into_iter().partition(|p| p.kind == "year");
    let named = holiday::Entity::find()
        .filter(holiday::Column::AcademicYearId.eq(old.id))
        .all(&txn)
        .await?;
    let (days_off, old_holidays): (Vec<holiday::Model>, Vec<holiday::Model>) =
        named.iter().cloned().partition(|h| h.kind == DAY_OFF);
    let classes: Vec<i64> = class::Entity::find()
        .select_only()
        .column(class::Column::Id)
        .filter(class::Column::AcademicYearId.eq(old.id))
        .into_tuple()
        .all(&txn)
        .await?;
    let sections: Vec<i64> = course_section::Entity::find()
        .select_only()
        .column(course_section::Column::Id)
        .filter(course_section::Column::ClassId.is_in(classes.clone()))
        .into_tuple()
        .all(&txn)
        .await?;
    let wide = Days {
        from: old.starts_on.min(new.days.from),
        to: old.ends_on.max(new.days.to),
    };
    let lessons = stored_lessons(&txn, &sections, wide).await?;

    let mut problems: BTreeSet<(String, SetupError)> = BTreeSet::new();
    if overlaps_another(&txn, school.0, Some(old.id), new.days).await? {
        problems.insert(("starts_on".into(), SetupError::Overlaps));
    }
    if days_off
        .iter()
        .any(|h| !(new.days.contains(h.starts_on) && new.days.contains(h.ends_on)))
    {
        problems.insert(("starts_on".into(), SetupError::DaysOffOutside));
    }
    let same_shape =
        parts.len() == new.periods.len() && parts.iter().all(|p| p.kind == new.kind.as_str());
    // The form's periods in time order, each with its row in the form.
    let mut order: Vec<usize> = (0..new.periods.len()).collect();
    order.sort_by_key(|&i| new.periods[i].1.from);
    let mut removable = Vec::new();
    if same_shape {
        for (k, &row) in order.iter().enumerate() {
            let (was, is) = (&parts[k], new.periods[row].1);
            if was.locked && (was.starts_on, was.ends_on) != (is.from, is.to) {
                problems.insert((format!("periods.{row}.starts_on"), SetupError::PeriodClosed));
            }
        }
        if whole
            .iter()
            .any(|w| w.locked && (w.starts_on, w.ends_on) != (new.days.from, new.days.to))
        {
            problems.insert(("starts_on".into(), SetupError::PeriodClosed));
        }
        let old_parts: Vec<Days> = parts
            .iter()
            .map(|p| Days {
                from: p.starts_on,
                to: p.ends_on,
            })
            .collect();
        let new_parts: Vec<Days> = new.periods.iter().map(|(_, d)| *d).collect();
        let off = |h: &holiday::Model| Days {
            from: h.starts_on,
            to: h.ends_on,
        };
        let old_off: Vec<Days> = named.iter().map(off).collect();
        let new_off: Vec<Days> = days_off
            .iter()
            .map(off)
            .chain(new.holidays.iter().map(|(_, d)| *d))
            .collect();
        // The lessons on days that stop having lessons.
        let dropped: Vec<(NaiveDate, i64, bool)> = lessons
            .iter()
            .filter(|((_, day, _), _)| {
                teaching_day(*day, &old_parts, &old_off)
                    && !teaching_day(*day, &new_parts, &new_off)
            })
            .map(|((_, day, _), (id, holds))| (*day, *id, *holds))
            .collect();
        let ids: Vec<i64> = dropped.iter().map(|(_, id, _)| *id).collect();
        let held = holding_data(&txn, &ids).await?;
        for (day, id, holds) in dropped {
            let closed = parts
                .iter()
                .any(|p| p.locked && p.starts_on <= day && day <= p.ends_on);
            if holds || closed || held.contains(&id) {
                problems.insert((
                    held_field(&new, &order, &old_parts, day),
                    SetupError::LessonsHeld,
                ));
            } else {
                removable.push(id);
            }
        }
    } else {
        let period_ids: Vec<i64> = parts.iter().chain(&whole).map(|p| p.id).collect();
        let final_marks = period_mark::Entity::find()
            .filter(period_mark::Column::PeriodId.is_in(period_ids))
            .count(&txn)
            .await?;
        if !lessons.is_empty() || final_marks > 0 {
            problems.insert(("kind".into(), SetupError::KindFixed));
        }
    }
    let mut p = Problems::default();
    for (field, e) in problems {
        p.add(field, e);
    }
    p.finish()?;

    let before = json!({
        "name": old.name,
        "starts_on": old.starts_on,
        "ends_on": old.ends_on,
        "periods": parts.iter().map(|p| json!([p.name, p.starts_on, p.ends_on])).collect::<Vec<_>>(),
        "holidays": old_holidays.iter().map(|h| json!([h.name, h.starts_on, h.ends_on])).collect::<Vec<_>>(),
    });
    let mut am = old.clone().into_active_model();
    am.name = Set(new.name.clone());
    am.starts_on = Set(new.days.from);
    am.ends_on = Set(new.days.to);
    am.update(&txn).await?;
    if same_shape {
        let named = new.ordered();
        for (k, &row) in order.iter().enumerate() {
            let was = parts[k].clone();
            let name = if new.periods[row].0.is_empty() {
                was.name.clone()
            } else {
                named[k].0.clone()
            };
            let mut am = was.into_active_model();
            am.name = Set(name);
            am.starts_on = Set(named[k].1.from);
            am.ends_on = Set(named[k].1.to);
            am.update(&txn).await?;
        }
        for w in whole {
            let mut am = w.into_active_model();
            am.starts_on = Set(new.days.from);
            am.ends_on = Set(new.days.to);
            am.update(&txn).await?;
        }
    } else {
        period::Entity::delete_many()
            .filter(period::Column::AcademicYearId.eq(old.id))
            .exec(&txn)
            .await?;
    }
    holiday::Entity::delete_many()
        .filter(holiday::Column::AcademicYearId.eq(old.id))
        .filter(holiday::Column::Kind.eq(HOLIDAY))
        .exec(&txn)
        .await?;
    insert_calendar(&txn, school.0, old.id, &new, !same_shape).await?;
    for chunk in removable.chunks(500) {
        lesson::Entity::delete_many()
            .filter(lesson::Column::Id.is_in(chunk.to_vec()))
            .exec(&txn)
            .await?;
    }
    let mut after = new.audited();
    after["lessons_removed"] = json!(removable.len());
    let change = Change {
        action: "year_changed",
        entity: "academic_year",
        id: old.id,
        old: Some(before),
        new: Some(after),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    for c in &classes {
        st.caches.forget_class(*c);
    }
    Ok(YearEdited {
        removed: removable.len(),
    })
}

/// The field to name for a lesson that holds something on `day`, a day the
/// new calendar gives no lessons: the holiday that now covers it, the
/// year's end it falls beyond, or the period that held it.
fn held_field(new: &CheckedYear, order: &[usize], old_parts: &[Days], day: NaiveDate) -> String {
    if let Some(i) = new.holidays.iter().position(|(_, d)| d.contains(day)) {
        return format!("holidays.{i}.starts_on");
    }
    if day < new.days.from {
        return "starts_on".into();
    }
    if day > new.days.to {
        return "ends_on".into();
    }
    match old_parts.iter().position(|d| d.contains(day)) {
        Some(k) => {
            let row = order[k];
            let edge = if day < new.periods[row].1.from {
                "starts_on"
            } else {
                "ends_on"
            };
            format!("periods.{row}.{edge}")
        }
        None => "periods".into(),
    }
}
