//! The school's work types and their weights. A mark keeps the weight its
//! work type had when it was given; changing a weight can re-weight, in the
//! same audited step, the marks of periods still open (a closed period's
//! marks never change). A type no longer used is archived, not deleted: its
//! marks stay, it is no longer offered for new ones.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde_json::json;

use super::profile::bump_school;
use super::{admin_school, audited, same_school, Change, Problems};
use crate::domain::ids::{SchoolId, WorkTypeId};
use crate::domain::setup::{parse_weight, required_text, same_text, SetupError};
use crate::model::accounts::SessionUser;
use crate::model::setup::{SetupWorkType, WorkTypeChanged, WorkTypeForm};
use crate::server::entities::{academic_year, lesson, mark, period, work_type};
use crate::server::{AppState, ServiceError};

/// A work type as checked: (name, short name, weight in hundredths).
type Checked = (String, String, i32);

fn check(form: &WorkTypeForm) -> Result<Checked, ServiceError> {
    let mut p = Problems::default();
    let name = p.check("name", required_text(&form.name, 80));
    let short = if form.short_name.trim().is_empty() {
        name.as_deref().map(|n| n.chars().take(4).collect())
    } else {
        p.check("short_name", required_text(&form.short_name, 12))
    };
    let weight = p.check("weight", parse_weight(&form.weight));
    p.finish()?;
    match (name, short, weight) {
        (Some(n), Some(s), Some(w)) => Ok((n, s, w as i32)),
        _ => Err(ServiceError::Internal("checked work type missing".into())),
    }
}

/// Refuses a name another work type of the school has (whatever the case).
async fn name_free(
    db: &impl ConnectionTrait,
    school: SchoolId,
    name: &str,
    except: Option<i64>,
) -> Result<(), ServiceError> {
    let taken = work_type::Entity::find()
        .filter(work_type::Column::SchoolId.eq(school.0))
        .all(db)
        .await?
        .iter()
        .any(|w| Some(w.id) != except && same_text(&w.name, name));
    if taken {
        Err(ServiceError::field("name", SetupError::Taken))
    } else {
        Ok(())
    }
}

/// Is the mark's lesson inside a closed period of the school? (Correlated
/// with the `marks` row of the statement it is put in.)
fn in_closed_period(school: SchoolId) -> SimpleExpr {
    let date = || Expr::col((lesson::Entity, lesson::Column::Date));
    let within = date()
        .gte(Expr::col((period::Entity, period::Column::StartsOn)))
        .and(date().lte(Expr::col((period::Entity, period::Column::EndsOn))));
    let q = Query::select()
        .expr(Expr::val(1))
        .from(lesson::Entity)
        .inner_join(period::Entity, within)
        .inner_join(
            academic_year::Entity,
            Expr::col((academic_year::Entity, academic_year::Column::Id))
                .equals((period::Entity, period::Column::AcademicYearId)),
        )
        .and_where(
            Expr::col((lesson::Entity, lesson::Column::Id))
                .equals((mark::Entity, mark::Column::LessonId)),
        )
        .and_where(Expr::col((academic_year::Entity, academic_year::Column::SchoolId)).eq(school.0))
        .and_where(Expr::col((period::Entity, period::Column::Locked)).eq(true))
        .to_owned();
    Expr::exists(q)
}

/// How many marks of each (work type, weight): all, or those in closed
/// periods.
async fn counts(
    db: &impl ConnectionTrait,
    school: SchoolId,
    ids: &[i64],
    closed: bool,
) -> Result<HashMap<(i64, i32), u64>, ServiceError> {
    let mut q = mark::Entity::find()
        .select_only()
        .column(mark::Column::WorkTypeId)
        .column(mark::Column::WeightCenti)
        .column_as(Expr::col(mark::Column::Id).count(), "n")
        .filter(mark::Column::WorkTypeId.is_in(ids.iter().copied()))
        .group_by(mark::Column::WorkTypeId)
        .group_by(mark::Column::WeightCenti);
    if closed {
        q = q.filter(in_closed_period(school));
    }
    Ok(q.into_tuple::<(i64, i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(t, w, n)| ((t, w), u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// The school's work types, with how many marks each has in open and in
/// closed periods.
pub async fn list(
    db: &impl ConnectionTrait,
    school: SchoolId,
) -> Result<Vec<SetupWorkType>, ServiceError> {
    let types = work_type::Entity::find()
        .filter(work_type::Column::SchoolId.eq(school.0))
        .order_by_asc(work_type::Column::Archived)
        .order_by_asc(work_type::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = types.iter().map(|t| t.id).collect();
    let all = counts(db, school, &ids, false).await?;
    let closed = counts(db, school, &ids, true).await?;
    Ok(types
        .into_iter()
        .map(|t| {
            let (mut open, mut other, mut shut) = (0, 0, 0);
            for ((id, weight), n) in &all {
                if *id != t.id {
                    continue;
                }
                let c = closed.get(&(*id, *weight)).copied().unwrap_or(0);
                open += n - c;
                shut += c;
                if *weight != t.weight_centi {
                    other += n - c;
                }
            }
            SetupWorkType {
                id: WorkTypeId(t.id),
                name: t.name,
                short_name: t.short_name,
                weight_centi: u32::try_from(t.weight_centi).unwrap_or(0),
                archived: t.archived,
                marks_open: open,
                marks_other_weight: other,
                marks_closed: shut,
            }
        })
        .collect())
}

/// Adds a work type.
pub async fn add(
    st: &AppState,
    admin: &SessionUser,
    form: &WorkTypeForm,
) -> Result<WorkTypeId, ServiceError> {
    let school = admin_school(admin)?;
    let (name, short, weight) = check(form)?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    name_free(&txn, school, &name, None).await?;
    let w = work_type::ActiveModel {
        school_id: Set(school.0),
        name: Set(name.clone()),
        short_name: Set(short.clone()),
        weight_centi: Set(weight),
        archived: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let change = Change {
        action: "work_type_added",
        entity: "work_type",
        id: w.id,
        old: None,
        new: Some(json!({ "name": name, "short_name": short, "weight_centi": weight })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(WorkTypeId(w.id))
}

/// Renames a work type or changes its weight; with `reweight`, the marks of
/// this type in periods still open take the new weight in the same step.
pub async fn change(
    st: &AppState,
    admin: &SessionUser,
    id: WorkTypeId,
    form: &WorkTypeForm,
    reweight: bool,
) -> Result<WorkTypeChanged, ServiceError> {
    let found = work_type::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = same_school(admin, found.school_id)?;
    let (name, short, weight) = check(form)?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    let old = work_type::Entity::find_by_id(id.0)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    name_free(&txn, school, &name, Some(old.id)).await?;
    let before = json!({
        "name": old.name, "short_name": old.short_name, "weight_centi": old.weight_centi,
    });
    let mut am = old.into_active_model();
    am.name = Set(name.clone());
    am.short_name = Set(short.clone());
    am.weight_centi = Set(weight);
    am.update(&txn).await?;
    let reweighted = if reweight {
        mark::Entity::update_many()
            .col_expr(mark::Column::WeightCenti, Expr::val(weight))
            .filter(mark::Column::WorkTypeId.eq(id.0))
            .filter(mark::Column::WeightCenti.ne(weight))
            .filter(in_closed_period(school).not())
            .exec(&txn)
            .await?
            .rows_affected
    } else {
        0
    };
    // The weight is shown beside each mark and enters every average.
    bump_school(&txn, school.0).await?;
    let change = Change {
        action: "work_type_changed",
        entity: "work_type",
        id: id.0,
        old: Some(before),
        new: Some(json!({
            "name": name, "short_name": short, "weight_centi": weight,
            "reweighted_marks": reweighted,
        })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(WorkTypeChanged { reweighted })
}

/// Archives a work type (no longer offered for new marks) or brings it back.
pub async fn set_archived(
    st: &AppState,
    admin: &SessionUser,
    id: WorkTypeId,
    archived: bool,
) -> Result<(), ServiceError> {
    let found = work_type::Entity::find_by_id(id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = same_school(admin, found.school_id)?;
    let (_turn, txn) = super::begin_write(st, school).await?;
    work_type::Entity::update_many()
        .col_expr(work_type::Column::Archived, Expr::val(archived))
        .filter(work_type::Column::Id.eq(id.0))
        .exec(&txn)
        .await?;
    let change = Change {
        action: if archived {
            "work_type_archived"
        } else {
            "work_type_restored"
        },
        entity: "work_type",
        id: id.0,
        old: Some(json!({ "archived": found.archived })),
        new: Some(json!({ "archived": archived })),
    };
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.forget_school(school.0);
    Ok(())
}
