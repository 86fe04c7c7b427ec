//! The weekly timetable of a class (weekday × lesson number → section and
//! room) and the lessons of a period generated from it.
//!
//! Generating is idempotent: a lesson the timetable lays out is created
//! only if its section has none at that date and number, so running it
//! again creates nothing. A lesson the timetable no longer lays out is
//! removed only from today on and only if it holds nothing (no marks,
//! attendance, topic or homework); one that holds something is never
//! deleted or moved. Holidays get no lessons.
//!
//! Setting the week is here; generating the lessons is in `generate`.

mod generate;

pub use generate::generate;
pub(super) use generate::{holding_data, stored_lessons};

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use crate::domain::ids::ClassId;
use crate::domain::setup::{check_weekday, optional_text, SetupError};
use crate::i18n::{current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::model::setup::SlotForm;
use crate::server::db::insert_chunked;
use crate::server::entities::{bell_time, class, course_section, timetable_slot};
use crate::server::setup::classes::own_class;
use crate::server::setup::{audited, Change, Problems};
use crate::server::{AppState, ServiceError};

/// Replaces a class's week with `slots`. Refused per slot: a weekday other
/// than Monday to Saturday, a lesson number without a bell, a section of
/// another class, two sections at one time unless they are groups, and a
/// teacher who has another class at that time.
pub async fn set_week(
    st: &AppState,
    admin: &SessionUser,
    class_id: ClassId,
    slots: &[SlotForm],
) -> Result<(), ServiceError> {
    let (school, c) = own_class(st, admin, class_id).await?;
    let t = texts(current_lang());
    // The other classes' weeks are read in the write turn: two classes'
    // weeks saved at once cannot both take one teacher at one time.
    let (_turn, txn) = super::begin_write(st, school).await?;
    let sections: HashMap<i64, course_section::Model> = course_section::Entity::find()
        .filter(course_section::Column::ClassId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let bells: HashSet<i32> = bell_time::Entity::find()
        .filter(bell_time::Column::SchoolId.eq(school.0))
        .all(&txn)
        .await?
        .into_iter()
        .map(|b| b.number)
        .collect();
    // What the other classes of the year have at each time, by teacher.
    let others: Vec<i64> = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(c.academic_year_id))
        .filter(class::Column::Id.ne(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let other_slots = timetable_slot::Entity::find()
        .filter(timetable_slot::Column::ClassId.is_in(others.clone()))
        .all(&txn)
        .await?;
    let other_teachers: HashMap<i64, i64> = course_section::Entity::find()
        .filter(course_section::Column::ClassId.is_in(others))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| (s.id, s.teacher_id))
        .collect();
    let busy: HashSet<(i64, i16, i32)> = other_slots
        .iter()
        .filter_map(|s| Some((*other_teachers.get(&s.section_id)?, s.weekday, s.number)))
        .collect();

    let mut p = Problems::default();
    let mut taken: HashMap<(i16, i32), Vec<&course_section::Model>> = HashMap::new();
    let mut rows = Vec::new();
    for (i, s) in slots.iter().enumerate() {
        let weekday = p.check(&format!("slots.{i}.weekday"), check_weekday(s.weekday));
        if !bells.contains(&s.number) {
            p.add(format!("slots.{i}.number"), SetupError::NoSuchBell);
        }
        let room = p.check(&format!("slots.{i}.room"), optional_text(&s.room, 20));
        let Some(section) = sections.get(&s.section_id.0) else {
            p.add(format!("slots.{i}.section_id"), t.not_this_school);
            continue;
        };
        let at = taken.entry((s.weekday, s.number)).or_default();
        let clash = at
            .iter()
            .any(|o| o.id == section.id || o.group_name.is_none() || section.group_name.is_none())
            || busy.contains(&(section.teacher_id, s.weekday, s.number));
        if clash {
            p.add(format!("slots.{i}.section_id"), SetupError::DoubleBooked);
        }
        at.push(section);
        if let (Some(weekday), Some(room)) = (weekday, room) {
            rows.push((weekday, s.number, section.id, room));
        }
    }
    p.finish()?;

    let old = timetable_slot::Entity::find()
        .filter(timetable_slot::Column::ClassId.eq(c.id))
        .all(&txn)
        .await?;
    timetable_slot::Entity::delete_many()
        .filter(timetable_slot::Column::ClassId.eq(c.id))
        .exec(&txn)
        .await?;
    let show = |v: Vec<(i16, i32, i64, Option<String>)>| json!(v);
    let change = Change {
        action: "timetable_set",
        entity: "class",
        id: c.id,
        old: Some(show(
            old.into_iter()
                .map(|s| (s.weekday, s.number, s.section_id, s.room))
                .collect(),
        )),
        new: Some(show(rows.clone())),
    };
    insert_chunked(
        &txn,
        rows.into_iter()
            .map(
                |(weekday, number, section, room)| timetable_slot::ActiveModel {
                    class_id: Set(c.id),
                    section_id: Set(section),
                    weekday: Set(weekday),
                    number: Set(number),
                    room: Set(room),
                    ..Default::default()
                },
            )
            .collect(),
    )
    .await?;
    audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    Ok(())
}
