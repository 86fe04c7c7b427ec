//! The school's staff: an administrator adds a teacher, officer or
//! administrator by ФИО and e-mail; the new member is mailed a single-use
//! link to set a password (`accounts::accept_invitation`), with the login
//! rules of the access workflow (the e-mail is the login, never changed).
//! Someone who leaves is deactivated: their sessions end, their history and
//! sections stay. Roles can be given and taken.
//!
//! `invite` adds a member and mails the link; `changes` deactivates and
//! changes roles.

mod changes;
mod invite;

pub use changes::{set_disabled, set_role};
pub use invite::{create_member, invite};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::domain::ids::{PersonId, SchoolId, UserId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;
use crate::domain::validate;
use crate::model::setup::SetupStaff;
use crate::server::entities::{person, user, user_role};
use crate::server::setup::Problems;
use crate::server::ServiceError;

/// Days an invitation link lasts.
pub const INVITE_DAYS: i64 = 7;

/// The roles an administrator gives to staff.
pub const STAFF_ROLES: [Role; 3] = [Role::Teacher, Role::Officer, Role::Admin];

/// A new member of staff, checked.
#[derive(Clone, Debug)]
pub struct NewMember {
    pub email: String,
    pub name: FullName,
    pub role: Role,
}

impl NewMember {
    /// Checks the e-mail (`email`) and ФИО (`last_name`, `first_name`,
    /// `middle_name`); problems go to `p`.
    pub fn parse(p: &mut Problems, email: &str, name: [&str; 3], role: Role) -> Option<NewMember> {
        let email = validate::email(email).map_err(|e| p.add("email", e)).ok();
        let name = FullName::new(name[0], name[1], name[2])
            .map_err(|es| {
                for e in es {
                    p.add(format!("{}_name", e.part().as_str()), e.to_string());
                }
            })
            .ok();
        Some(NewMember {
            email: email?,
            name: name?,
            role,
        })
    }
}

/// The person and account created for a member.
#[derive(Clone, Copy, Debug)]
pub struct Member {
    pub person: PersonId,
    pub user: UserId,
}

/// The staff of a school: everyone holding a staff role there.
pub async fn list(
    db: &impl ConnectionTrait,
    school: SchoolId,
) -> Result<Vec<SetupStaff>, ServiceError> {
    let roles = user_role::Entity::find()
        .filter(user_role::Column::SchoolId.eq(school.0))
        .filter(user_role::Column::Role.is_in(STAFF_ROLES.map(Role::as_str)))
        .all(db)
        .await?;
    let mut user_ids: Vec<i64> = roles.iter().map(|r| r.user_id).collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(db)
        .await?;
    let person_ids: Vec<i64> = users.iter().filter_map(|u| u.person_id).collect();
    let people: std::collections::HashMap<i64, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(person_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out: Vec<SetupStaff> = users
        .into_iter()
        .filter_map(|u| {
            let p = people.get(&u.person_id?)?;
            let name = FullName {
                last: p.last_name.clone(),
                first: p.first_name.clone(),
                middle: p.middle_name.clone(),
            };
            let mut rs: Vec<String> = roles
                .iter()
                .filter(|r| r.user_id == u.id)
                .map(|r| r.role.clone())
                .collect();
            rs.sort();
            Some(SetupStaff {
                person_id: PersonId(p.id),
                user_id: UserId(u.id),
                name: name.full(),
                email: u.email,
                roles: rs,
                active: u.password_hash.is_some(),
                disabled: u.disabled,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
