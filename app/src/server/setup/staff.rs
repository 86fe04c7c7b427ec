//! The school's staff: an administrator adds a teacher, officer or
//! administrator by ФИО and e-mail; the new member is mailed a single-use
//! link to set a password (`accounts::accept_invitation`), with the login
//! rules of the access workflow (the e-mail is the login, never changed).
//! Someone who leaves is deactivated: their sessions end, their history and
//! sections stay. Roles can be given and taken.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::{admin_school, same_school, Change, Problems};
use crate::domain::ids::{PersonId, SchoolId, UserId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;
use crate::domain::validate;
use crate::i18n::{common, current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::model::setup::SetupStaff;
use crate::server::accounts::issue_token;
use crate::server::entities::{person, school, session, user, user_role};
use crate::server::{mail, AppState, ServiceError};

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

/// Creates the member's person (on the school's roster), account (no
/// password yet) and role, and mails the invitation, inside `txn`.
pub async fn create_member(
    txn: &impl ConnectionTrait,
    public_url: &str,
    school: SchoolId,
    school_name: &str,
    m: &NewMember,
    by: Option<&SessionUser>,
) -> Result<Member, ServiceError> {
    let lang = current_lang();
    if user::Entity::find()
        .filter(user::Column::Email.eq(m.email.as_str()))
        .one(txn)
        .await?
        .is_some()
    {
        return Err(ServiceError::field("email", texts(lang).email_taken));
    }
    let now = Utc::now();
    let p = person::ActiveModel {
        school_id: Set(Some(school.0)),
        last_name: Set(m.name.last.clone()),
        first_name: Set(m.name.first.clone()),
        middle_name: Set(m.name.middle.clone()),
        birth_date: Set(None),
        name_key: Set(m.name.key()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let u = user::ActiveModel {
        email: Set(m.email.clone()),
        password_hash: Set(None),
        person_id: Set(Some(p.id)),
        email_verified_at: Set(None),
        locale: Set(lang.code().into()),
        disabled: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    user_role::ActiveModel {
        user_id: Set(u.id),
        role: Set(m.role.as_str().into()),
        school_id: Set(Some(school.0)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    send_invitation(txn, public_url, UserId(u.id), m, school_name).await?;
    let change = Change {
        action: "staff_invited",
        entity: "user",
        id: u.id,
        old: None,
        new: Some(json!({ "email": m.email, "name": m.name.full(), "role": m.role.as_str() })),
    };
    super::audited(txn, by, school, change).await?;
    Ok(Member {
        person: PersonId(p.id),
        user: UserId(u.id),
    })
}

/// Someone invited to this school who never set a password (the link may
/// have expired) is invited again: a new link, the same account.
async fn reinvite(
    txn: &impl ConnectionTrait,
    public_url: &str,
    school: SchoolId,
    school_name: &str,
    m: &NewMember,
    admin: &SessionUser,
) -> Result<Option<Member>, ServiceError> {
    let Some(u) = user::Entity::find()
        .filter(user::Column::Email.eq(m.email.as_str()))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let here = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(u.id))
        .filter(user_role::Column::SchoolId.eq(school.0))
        .one(txn)
        .await?
        .is_some();
    let (Some(person), None, true) = (u.person_id, &u.password_hash, here) else {
        return Ok(None);
    };
    let lang = current_lang();
    crate::server::accounts::grant_school_role(txn, UserId(u.id), m.role, school).await?;
    send_invitation(txn, public_url, UserId(u.id), m, school_name).await?;
    let change = Change {
        action: "staff_reinvited",
        entity: "user",
        id: u.id,
        old: None,
        new: Some(json!({ "email": m.email, "role": m.role.as_str(), "lang": lang.code() })),
    };
    super::audited(txn, Some(admin), school, change).await?;
    Ok(Some(Member {
        person: PersonId(person),
        user: UserId(u.id),
    }))
}

/// Issues the invitation link and puts its mail in the outbox.
async fn send_invitation(
    txn: &impl ConnectionTrait,
    public_url: &str,
    user: UserId,
    m: &NewMember,
    school_name: &str,
) -> Result<(), ServiceError> {
    let lang = current_lang();
    let token = issue_token(txn, user, "invite", Duration::days(INVITE_DAYS)).await?;
    let link = format!("{}/invite?token={token}", public_url.trim_end_matches('/'));
    let t = texts(lang);
    mail::enqueue(
        txn,
        &m.email,
        t.invite_subject,
        &t.invite_body(
            &m.name.addressed(),
            school_name,
            common::texts(lang).role(m.role),
            INVITE_DAYS,
            &link,
        ),
    )
    .await?;
    Ok(())
}

/// An administrator invites a member of staff to their school.
pub async fn invite(
    st: &AppState,
    admin: &SessionUser,
    email: &str,
    name: [&str; 3],
    role: &str,
) -> Result<Member, ServiceError> {
    let school_id = admin_school(admin)?;
    let mut p = Problems::default();
    let role = match Role::parse(role.trim()).filter(|r| STAFF_ROLES.contains(r)) {
        Some(r) => Some(r),
        None => {
            p.add("role", texts(current_lang()).required);
            None
        }
    };
    let member = NewMember::parse(&mut p, email, name, role.unwrap_or(Role::Teacher));
    p.finish()?;
    let member = member.ok_or_else(|| ServiceError::Internal("checked member missing".into()))?;
    let s = school::Entity::find_by_id(school_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (_turn, txn) = super::begin_write(st, school_id).await?;
    if let Some(m) = reinvite(
        &txn,
        &st.auth.public_url,
        school_id,
        &s.short_name,
        &member,
        admin,
    )
    .await?
    {
        txn.commit().await?;
        return Ok(m);
    }
    let m = create_member(
        &txn,
        &st.auth.public_url,
        school_id,
        &s.short_name,
        &member,
        Some(admin),
    )
    .await?;
    txn.commit().await?;
    Ok(m)
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

/// The member's account, if it belongs to the administrator's school.
async fn member_of(
    st: &AppState,
    admin: &SessionUser,
    user_id: UserId,
) -> Result<(SchoolId, user::Model, Vec<user_role::Model>), ServiceError> {
    let school_id = admin_school(admin)?;
    let u = user::Entity::find_by_id(user_id.0)
        .one(&st.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let holds = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(u.id))
        .all(&st.db)
        .await?;
    // Staff of this school only: a parent's or another school's account is
    // not the administrator's to change.
    let staff_here = holds.iter().any(|r| {
        r.school_id == Some(school_id.0)
            && Role::parse(&r.role).is_some_and(|role| STAFF_ROLES.contains(&role))
    });
    if !staff_here {
        return Err(ServiceError::Forbidden);
    }
    Ok((school_id, u, holds))
}

/// Deactivates (or reactivates) a member who left: no sign-in, every
/// session ended at once; their marks, sections and history stay.
pub async fn set_disabled(
    st: &AppState,
    admin: &SessionUser,
    user_id: UserId,
    disabled: bool,
) -> Result<(), ServiceError> {
    let (school, u, holds) = member_of(st, admin, user_id).await?;
    // The account is the person's everywhere: one who also works at a
    // school this administrator does not run is not theirs to switch off.
    let elsewhere = holds
        .iter()
        .filter_map(|r| r.school_id)
        .any(|s| same_school(admin, s).is_err());
    if elsewhere {
        return Err(ServiceError::Forbidden);
    }
    if u.id == admin.id.0 && disabled {
        return Err(ServiceError::Conflict(
            texts(current_lang()).not_this_school.into(),
        ));
    }
    let (_turn, txn) = super::begin_write(st, school).await?;
    user::ActiveModel {
        id: Set(u.id),
        disabled: Set(disabled),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    if disabled {
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(u.id))
            .exec(&txn)
            .await?;
    }
    let change = Change {
        action: if disabled {
            "staff_deactivated"
        } else {
            "staff_reactivated"
        },
        entity: "user",
        id: u.id,
        old: Some(json!({ "disabled": u.disabled })),
        new: Some(json!({ "disabled": disabled })),
    };
    super::audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.sessions.invalidate_all();
    Ok(())
}

/// Gives or takes one staff role of the member at the school.
pub async fn set_role(
    st: &AppState,
    admin: &SessionUser,
    user_id: UserId,
    role: &str,
    held: bool,
) -> Result<(), ServiceError> {
    let Some(role) = Role::parse(role.trim()).filter(|r| STAFF_ROLES.contains(r)) else {
        return Err(ServiceError::field("role", texts(current_lang()).required));
    };
    let (school, u, _) = member_of(st, admin, user_id).await?;
    if u.id == admin.id.0 && role == Role::Admin && !held {
        // The last word on a school must not lock its administrator out.
        return Err(ServiceError::Conflict(
            texts(current_lang()).not_this_school.into(),
        ));
    }
    let (_turn, txn) = super::begin_write(st, school).await?;
    if held {
        crate::server::accounts::grant_school_role(&txn, UserId(u.id), role, school).await?;
    } else {
        user_role::Entity::delete_many()
            .filter(user_role::Column::UserId.eq(u.id))
            .filter(user_role::Column::Role.eq(role.as_str()))
            .filter(user_role::Column::SchoolId.eq(school.0))
            .exec(&txn)
            .await?;
    }
    let change = Change {
        action: if held { "role_given" } else { "role_taken" },
        entity: "user",
        id: u.id,
        old: None,
        new: Some(json!({ "role": role.as_str(), "held": held })),
    };
    super::audited(&txn, Some(admin), school, change).await?;
    txn.commit().await?;
    st.caches.sessions.invalidate_all();
    st.caches.menus.invalidate_all();
    Ok(())
}
