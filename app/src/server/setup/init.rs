//! The first start of a real school: `server init` creates the school (its
//! name, city, time zone, the default rounding policy and work types) and
//! its first administrator, who is mailed a single-use link to set a
//! password. Nothing else is seeded: the administrator sets up the rest.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};
use serde_json::json;

use super::staff::{create_member, NewMember};
use super::{Problems, DEFAULT_WORK_TYPES};
use crate::domain::grades::RoundingPolicy;
use crate::domain::ids::{SchoolId, UserId};
use crate::domain::roles::Role;
use crate::domain::setup::{required_text, SetupError};
use crate::i18n::{current_lang, setup::texts};
use crate::server::audit::{self, AuditEntry};
use crate::server::entities::{school, work_type};
use crate::server::school::parse_zone;
use crate::server::ServiceError;

/// What `server init` is given.
#[derive(Clone, Debug, Default)]
pub struct NewSchool {
    /// The short name people use: «Школа № 17».
    pub short_name: String,
    /// The full official name; the short one when not given.
    pub full_name: String,
    pub city: String,
    /// IANA name: Europe/Moscow.
    pub time_zone: String,
    pub admin_email: String,
    pub admin_last_name: String,
    pub admin_first_name: String,
    pub admin_middle_name: String,
}

/// The school and the administrator's account it created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Created {
    pub school: SchoolId,
    pub admin: UserId,
}

/// Creates the school and its first administrator in one transaction, and
/// puts the invitation mail in the outbox. Refuses a school name that is
/// taken and an address that has an account already.
pub async fn create_school(
    db: &DatabaseConnection,
    public_url: &str,
    req: &NewSchool,
) -> Result<Created, ServiceError> {
    let mut p = Problems::default();
    let short = p.check("school", required_text(&req.short_name, 120));
    let full = if req.full_name.trim().is_empty() {
        short.clone()
    } else {
        p.check("full_name", required_text(&req.full_name, 300))
    };
    let city = p.check("city", required_text(&req.city, 120));
    if parse_zone(&req.time_zone).is_none() {
        p.add("timezone", SetupError::UnknownTimeZone);
    }
    let member = NewMember::parse(
        &mut p,
        &req.admin_email,
        [
            &req.admin_last_name,
            &req.admin_first_name,
            &req.admin_middle_name,
        ],
        Role::Admin,
    );
    p.finish()?;
    let (Some(short), Some(full), Some(city), Some(member)) = (short, full, city, member) else {
        return Err(ServiceError::Internal("checked fields missing".into()));
    };
    if school::Entity::find()
        .filter(school::Column::ShortName.eq(short.as_str()))
        .one(db)
        .await?
        .is_some()
    {
        return Err(ServiceError::field(
            "school",
            texts(current_lang()).school_exists,
        ));
    }
    let policy = RoundingPolicy::default();
    let txn = db.begin().await?;
    let s = school::ActiveModel {
        name: Set(full),
        short_name: Set(short.clone()),
        city: Set(city),
        five_from_centi: Set(policy.five_from_centi as i32),
        four_from_centi: Set(policy.four_from_centi as i32),
        three_from_centi: Set(policy.three_from_centi as i32),
        created_at: Set(Utc::now()),
        time_zone: Set(req.time_zone.trim().to_string()),
        address: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    work_type::Entity::insert_many(DEFAULT_WORK_TYPES.iter().map(|(name, short, w)| {
        work_type::ActiveModel {
            school_id: Set(s.id),
            name: Set((*name).into()),
            short_name: Set((*short).into()),
            weight_centi: Set(*w),
            archived: Set(false),
            ..Default::default()
        }
    }))
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry {
            actor_user_id: None,
            school_id: Some(s.id),
            action: "school_created",
            entity: "school",
            entity_id: Some(s.id),
            old_value: None,
            new_value: Some(json!({ "name": short, "time_zone": s.time_zone })),
        },
    )
    .await?;
    let admin = create_member(&txn, public_url, SchoolId(s.id), &short, &member, None).await?;
    txn.commit().await?;
    Ok(Created {
        school: SchoolId(s.id),
        admin: admin.user,
    })
}
