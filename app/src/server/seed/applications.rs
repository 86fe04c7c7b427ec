//! The demo applicant: a parent who has registered and filed two
//! applications, one matching the roster exactly, the other with a mistake
//! in the child's first name.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

use super::calendar::Calendar;
use super::roster::Roster;
use super::rows::{add_person, add_user};
use super::{Ctx, APPLICANT_EMAIL};
use crate::domain::roles::Role;
use crate::server::entities::{access_application, application_event, person, user_role};

pub(super) async fn seed(
    cx: &Ctx<'_, impl ConnectionTrait>,
    cal: &Calendar,
    roster: &Roster,
) -> Result<(), DbErr> {
    let (db, sid) = (cx.db, cx.school_id);
    let applicant_person = add_person(db, sid, ["Смирнов", "Олег", "Иванович"], None).await?;
    let applicant = add_user(db, APPLICANT_EMAIL, cx.pw, applicant_person, &[], sid).await?;
    user_role::ActiveModel {
        user_id: Set(applicant),
        role: Set(Role::Parent.as_str().into()),
        school_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (ci, typo) in [(1usize, false), (3usize, true)] {
        let Some(student) = roster.class_students.get(ci).and_then(|s| s.first()) else {
            continue;
        };
        let p = person::Entity::find_by_id(*student)
            .one(db)
            .await?
            .ok_or(DbErr::RecordNotFound("seeded student".into()))?;
        let a = application(cx, cal, applicant, roster.class_ids[ci], &p, typo)
            .insert(db)
            .await?;
        application_event::ActiveModel {
            application_id: Set(a.id),
            from_status: Set(None),
            to_status: Set("filed".into()),
            actor_user_id: Set(Some(applicant)),
            note: Set(None),
            created_at: Set(cx.now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A filed application for `child`, with the last letter of the first name
/// missing when `typo`.
fn application(
    cx: &Ctx<'_, impl ConnectionTrait>,
    cal: &Calendar,
    applicant: i64,
    class_id: i64,
    child: &person::Model,
    typo: bool,
) -> access_application::ActiveModel {
    let first = if typo {
        child
            .first_name
            .chars()
            .take(child.first_name.chars().count() - 1)
            .collect()
    } else {
        child.first_name.clone()
    };
    access_application::ActiveModel {
        user_id: Set(applicant),
        school_id: Set(cx.school_id),
        class_id: Set(Some(class_id)),
        parent_last_name: Set("Смирнов".into()),
        parent_first_name: Set("Олег".into()),
        parent_middle_name: Set(Some("Иванович".into())),
        child_last_name: Set(child.last_name.clone()),
        child_first_name: Set(first),
        child_middle_name: Set(child.middle_name.clone()),
        child_birth_date: Set(child.birth_date.unwrap_or(cal.start)),
        relation: Set("father".into()),
        status: Set("filed".into()),
        roster_student_id: Set(None),
        passport_checked_by: Set(None),
        passport_checked_at: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        reject_reason: Set(None),
        reject_comment: Set(None),
        created_at: Set(cx.now),
        updated_at: Set(cx.now),
        ..Default::default()
    }
}
