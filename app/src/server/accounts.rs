//! Registration of parents, confirmation of the e-mail address.
//! The e-mail is the login: it is stored once and never changed (the
//! database refuses any UPDATE of it).

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};

use super::audit::{self, AuditEntry};
use super::auth::{hash_password_off_thread, new_token, token_hash};
use super::entities::{email_token, person, user, user_role};
use super::{mail, AppState, ServiceError};
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;
use crate::domain::validate;
use crate::error::FieldError;
use crate::i18n::{accounts, current_lang, Lang};

pub const CONFIRM_HOURS: i64 = 48;

/// Creates a parent account (person, user, parent role) inside `db`'s
/// transaction; `verified` marks the e-mail confirmed already. The account's
/// language (that of its mails) is the request's.
pub async fn create_parent(
    db: &impl ConnectionTrait,
    email: &str,
    password_hash: Option<String>,
    name: Option<&FullName>,
    verified: bool,
) -> Result<UserId, ServiceError> {
    let now = Utc::now();
    let person_id = match name {
        Some(n) => Some(
            person::ActiveModel {
                school_id: Set(None),
                last_name: Set(n.last.clone()),
                first_name: Set(n.first.clone()),
                middle_name: Set(n.middle.clone()),
                birth_date: Set(None),
                name_key: Set(n.key()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
            .id,
        ),
        None => None,
    };
    let u = user::ActiveModel {
        email: Set(email.to_string()),
        password_hash: Set(password_hash),
        person_id: Set(person_id),
        email_verified_at: Set(verified.then_some(now)),
        locale: Set(current_lang().code().into()),
        disabled: Set(false),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    user_role::ActiveModel {
        user_id: Set(u.id),
        role: Set(Role::Parent.as_str().into()),
        school_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(u.id.into())
}

/// Gives the user `role` in the school, unless they hold it there already.
pub async fn grant_school_role(
    db: &impl ConnectionTrait,
    user: UserId,
    role: Role,
    school: SchoolId,
) -> Result<(), ServiceError> {
    let has_role = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user.0))
        .filter(user_role::Column::Role.eq(role.as_str()))
        .filter(user_role::Column::SchoolId.eq(school.0))
        .one(db)
        .await?
        .is_some();
    if !has_role {
        user_role::ActiveModel {
            user_id: Set(user.0),
            role: Set(role.as_str().into()),
            school_id: Set(Some(school.0)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        super::visibility::bump_access(db, vec![user.0]).await?;
    }
    Ok(())
}

/// Issues a single-use token for a mailed link; returns the token (the
/// table keeps only its hash).
pub(crate) async fn issue_token(
    db: &impl ConnectionTrait,
    user_id: UserId,
    purpose: &str,
    valid_for: Duration,
) -> Result<String, ServiceError> {
    let now = Utc::now();
    let token = new_token();
    email_token::ActiveModel {
        user_id: Set(user_id.0),
        purpose: Set(purpose.into()),
        token_hash: Set(token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(now + valid_for),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Registers a parent: validates everything, creates the account (not yet
/// confirmed) and mails the confirmation link, in one transaction.
pub async fn register(
    st: &AppState,
    email: &str,
    password: &str,
    last: &str,
    first: &str,
    middle: &str,
) -> Result<UserId, ServiceError> {
    let lang = current_lang();
    let mut errors = Vec::new();
    let email = validate::email(email)
        .map_err(|m| {
            errors.push(FieldError {
                field: "email".into(),
                message: m.into(),
            })
        })
        .ok();
    if let Err(m) = validate::password(password) {
        errors.push(FieldError {
            field: "password".into(),
            message: m.into(),
        });
    }
    let name = FullName::new(last, first, middle)
        .map_err(|es| {
            for e in es {
                errors.push(FieldError {
                    field: format!("{}_name", e.part().as_str()),
                    message: e.to_string(),
                });
            }
        })
        .ok();
    let (Some(email), Some(name), true) = (email, name, errors.is_empty()) else {
        return Err(ServiceError::Validation(errors));
    };
    if user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&st.db)
        .await?
        .is_some()
    {
        return Err(ServiceError::field(
            "email",
            accounts::texts(lang).email_taken,
        ));
    }
    let hash = hash_password_off_thread(st, password).await?;

    let txn = st.db.begin().await?;
    let user_id = create_parent(&txn, &email, Some(hash), Some(&name), false).await?;
    let token = issue_token(&txn, user_id, "confirm", Duration::hours(CONFIRM_HOURS)).await?;
    let link = format!(
        "{}/confirm?token={token}",
        st.auth.public_url.trim_end_matches('/')
    );
    let mail_text = accounts::texts(lang);
    mail::enqueue(
        &txn,
        &email,
        mail_text.confirm_subject,
        &mail_text.confirm_body(&name.first, &email, CONFIRM_HOURS, &link, user_id),
    )
    .await?;
    audit::record(
        &txn,
        AuditEntry {
            actor_user_id: Some(user_id.0),
            school_id: None,
            action: "register",
            entity: "user",
            entity_id: Some(user_id.0),
            old_value: None,
            new_value: Some(serde_json::json!({ "email": email })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(user_id)
}

/// The unused, unexpired mailed token of this purpose.
async fn valid_token(
    st: &AppState,
    token: &str,
    purpose: &str,
) -> Result<email_token::Model, ServiceError> {
    let bad = || ServiceError::field("token", accounts::texts(current_lang()).link_invalid);
    let t = email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(token_hash(token.trim())))
        .filter(email_token::Column::Purpose.eq(purpose))
        .one(&st.db)
        .await?
        .ok_or_else(bad)?;
    if t.used_at.is_some() || t.expires_at <= Utc::now() {
        return Err(bad());
    }
    Ok(t)
}

/// Marks a mailed token used, and logs what its user did with it
/// (`action`), inside the change's transaction.
async fn spend_token(
    txn: &impl ConnectionTrait,
    t: &email_token::Model,
    now: chrono::DateTime<Utc>,
    action: &str,
) -> Result<(), ServiceError> {
    // Conditional, so two uses of one link racing each other cannot both
    // pass: the second finds it used.
    let spent = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::Id.eq(t.id))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(txn)
        .await?;
    if spent.rows_affected != 1 {
        return Err(ServiceError::field(
            "token",
            accounts::texts(current_lang()).link_invalid,
        ));
    }
    audit::record(
        txn,
        AuditEntry {
            actor_user_id: Some(t.user_id),
            school_id: None,
            action,
            entity: "user",
            entity_id: Some(t.user_id),
            old_value: None,
            new_value: None,
        },
    )
    .await?;
    Ok(())
}

/// Confirms the address the token was sent to. A token works once.
pub async fn confirm(st: &AppState, token: &str) -> Result<(), ServiceError> {
    let now = Utc::now();
    let t = valid_token(st, token, "confirm").await?;
    let txn = st.db.begin().await?;
    spend_token(&txn, &t, now, "confirm_email").await?;
    user::ActiveModel {
        id: Set(t.user_id),
        email_verified_at: Set(Some(now)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

pub const RESET_MINUTES: i64 = 60;

/// Mails a password-reset link if the address belongs to a confirmed
/// account. Answers the same either way, so it reveals no accounts.
pub async fn request_reset(st: &AppState, email: &str) -> Result<(), ServiceError> {
    let email = validate::email(email).map_err(|m| ServiceError::field("email", m))?;
    let Some(u) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&st.db)
        .await?
    else {
        return Ok(());
    };
    if u.disabled || u.email_verified_at.is_none() {
        return Ok(());
    }
    let txn = st.db.begin().await?;
    let token = issue_token(&txn, u.id.into(), "reset", Duration::minutes(RESET_MINUTES)).await?;
    let link = format!(
        "{}/reset?token={token}",
        st.auth.public_url.trim_end_matches('/')
    );
    let mail_text = accounts::texts(Lang::parse(&u.locale));
    mail::enqueue(
        &txn,
        &u.email,
        mail_text.reset_subject,
        &mail_text.reset_body(RESET_MINUTES, &link),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A new password from a mailed link of `purpose`: checks the password and
/// the link, spends the link (`action` in the audit log) and sets the
/// password inside the returned transaction, for the caller to add to and
/// commit. Returns the account.
async fn password_from_link(
    st: &AppState,
    token: &str,
    password: &str,
    purpose: &str,
    action: &str,
) -> Result<(sea_orm::DatabaseTransaction, user::Model), ServiceError> {
    validate::password(password).map_err(|m| ServiceError::field("password", m))?;
    let now = Utc::now();
    let t = valid_token(st, token, purpose).await?;
    let hash = hash_password_off_thread(st, password).await?;
    let txn = st.db.begin().await?;
    spend_token(&txn, &t, now, action).await?;
    let u = user::Entity::find_by_id(t.user_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut m: user::ActiveModel = u.clone().into();
    m.password_hash = Set(Some(hash));
    // The link proves the address.
    m.email_verified_at = Set(u.email_verified_at.or(Some(now)));
    let u = m.update(&txn).await?;
    // Whoever holds the mailbox is the owner: strangers' guesses no longer
    // hold the account off.
    super::auth::forget_account(&txn, &u.email).await?;
    Ok((txn, u))
}

/// Sets a new password from a reset link, and signs the account out
/// everywhere.
pub async fn reset_password(
    st: &AppState,
    token: &str,
    password: &str,
) -> Result<(), ServiceError> {
    let (txn, u) = password_from_link(st, token, password, "reset", "reset_password").await?;
    super::entities::session::Entity::delete_many()
        .filter(super::entities::session::Column::UserId.eq(u.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    // The sessions are gone: every process refuses them at once.
    Ok(())
}

/// Sets the first password of an invited member of staff from the mailed
/// link; the link proves the address, so it is confirmed too.
pub async fn accept_invitation(
    st: &AppState,
    token: &str,
    password: &str,
) -> Result<(), ServiceError> {
    let (txn, _) = password_from_link(st, token, password, "invite", "accept_invitation").await?;
    txn.commit().await?;
    Ok(())
}
