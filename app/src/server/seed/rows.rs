//! Insert helpers the steps share: a person, a user with roles, and many
//! rows at once.

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use crate::domain::names::name_key;
use crate::domain::roles::Role;
use crate::server::entities::{person, user, user_role};

pub(super) async fn add_person(
    db: &impl ConnectionTrait,
    school_id: i64,
    [last, first, middle]: [&str; 3],
    birth_date: Option<NaiveDate>,
) -> Result<i64, DbErr> {
    let p = person::ActiveModel {
        school_id: Set(Some(school_id)),
        last_name: Set(last.into()),
        first_name: Set(first.into()),
        middle_name: Set(Some(middle.into())),
        birth_date: Set(birth_date),
        name_key: Set(name_key(last, first, Some(middle))),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(p.id)
}

pub(super) async fn add_user(
    db: &impl ConnectionTrait,
    email: &str,
    password_hash: &str,
    person_id: i64,
    roles: &[Role],
    school_id: i64,
) -> Result<i64, DbErr> {
    let now = Utc::now();
    let u = user::ActiveModel {
        email: Set(email.into()),
        password_hash: Set(Some(password_hash.into())),
        person_id: Set(Some(person_id)),
        email_verified_at: Set(Some(now)),
        locale: Set("ru".into()),
        disabled: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for r in roles {
        user_role::ActiveModel {
            user_id: Set(u.id),
            role: Set(r.as_str().into()),
            school_id: Set(Some(school_id)),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(u.id)
}
