//! Adding a member of staff: the person, the account and the role, and the
//! invitation mail with its single-use link.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::{Member, NewMember, INVITE_DAYS, STAFF_ROLES};
use crate::domain::ids::{PersonId, SchoolId, UserId};
use crate::domain::roles::Role;
use crate::i18n::{common, current_lang, setup::texts};
use crate::model::accounts::SessionUser;
use crate::server::accounts::issue_token;
use crate::server::entities::{person, school, user, user_role};
use crate::server::setup::{admin_school, Change, Problems};
use crate::server::{mail, AppState, ServiceError};

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
    crate::server::setup::audited(txn, by, school, change).await?;
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
    crate::server::setup::audited(txn, Some(admin), school, change).await?;
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
    let (_turn, txn) = crate::server::setup::begin_write(st, school_id).await?;
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
