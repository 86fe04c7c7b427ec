//! The demo school: seeded on first start when `[demo] seed = true`.
//!
//! Deterministic (a fixed random seed), with realistic Russian ФИО, one
//! academic year laid out in quarters, a timetable without double-booked
//! teachers, and lessons with marks and attendance up to the given day.
//!
//! [`seed`] runs the steps in order, in one transaction: the school and its
//! calendar, the grading set-up, the staff, the subjects, the roster, the
//! sections and lessons, the marks, then announcements, the applicant's
//! applications and a conversation. Each step returns the ids the later
//! ones need. They draw from one random source in that order, so changing
//! the order (or a step's draws) changes the whole demo school.

mod applications;
mod calendar;
mod grading;
mod marks;
mod messages;
mod names;
mod roster;
mod rows;
mod staff;
mod timetable;

use chrono::{DateTime, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::SeedableRng;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, TransactionTrait};

use super::auth::hash_password;
use super::entities::school;
use super::ServiceError;
use crate::domain::grades::RoundingPolicy;
use crate::domain::roles::Role;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo2026";

/// A demo account, printed at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: Role,
    pub email: &'static str,
    pub name: String,
}

pub const TEACHER_EMAIL: &str = "teacher@dnevnik.example";
pub const PARENT_EMAIL: &str = "parent@dnevnik.example";
pub const STUDENT_EMAIL: &str = "student@dnevnik.example";
pub const OFFICER_EMAIL: &str = "officer@dnevnik.example";
pub const ADMIN_EMAIL: &str = "admin@dnevnik.example";
/// A parent whose two applications wait for the officer.
pub const APPLICANT_EMAIL: &str = "applicant@dnevnik.example";

/// How much to seed.
#[derive(Clone, Debug)]
pub struct SeedOptions {
    /// Lessons are laid out up to a week after this day; marks and
    /// attendance only up to it.
    pub today: NaiveDate,
    pub students_per_class: usize,
    /// Classes beyond the demo's four (for load tests: 36 more classes of 25
    /// make a school of a thousand students).
    pub extra_classes: usize,
}

impl Default for SeedOptions {
    fn default() -> Self {
        SeedOptions {
            today: Utc::now().date_naive(),
            students_per_class: 25,
            extra_classes: 0,
        }
    }
}

/// Seeds the demo school unless the database already has a school.
/// Returns the demo logins when it seeded.
pub async fn seed_if_empty(
    db: &DatabaseConnection,
    opts: &SeedOptions,
) -> Result<Option<Vec<DemoLogin>>, ServiceError> {
    if school::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let password_hash = {
        let pw = DEMO_PASSWORD.to_string();
        tokio::task::spawn_blocking(move || hash_password(&pw))
            .await
            .map_err(|e| ServiceError::Internal(format!("hash task: {e}")))??
    };
    let txn = db.begin().await?;
    let logins = seed(&txn, opts, &password_hash).await?;
    txn.commit().await?;
    Ok(Some(logins))
}

/// The demo logins of a seeded database, for printing at every start.
pub fn demo_logins() -> Vec<DemoLogin> {
    vec![
        DemoLogin {
            role: Role::Teacher,
            email: TEACHER_EMAIL,
            name: "Смирнова Елена Викторовна".into(),
        },
        DemoLogin {
            role: Role::Parent,
            email: PARENT_EMAIL,
            name: "Кузнецов Андрей Петрович".into(),
        },
        DemoLogin {
            role: Role::Parent,
            email: APPLICANT_EMAIL,
            name: "Смирнов Олег Иванович (заявления ждут проверки)".into(),
        },
        DemoLogin {
            role: Role::Student,
            email: STUDENT_EMAIL,
            name: "Кузнецова Мария Андреевна".into(),
        },
        DemoLogin {
            role: Role::Officer,
            email: OFFICER_EMAIL,
            name: "Волкова Ольга Николаевна".into(),
        },
        DemoLogin {
            role: Role::Admin,
            email: ADMIN_EMAIL,
            name: "Орлов Сергей Дмитриевич".into(),
        },
    ]
}

/// What every step shares: where to write, what was asked for, the one
/// random source, and the school the rows belong to.
struct Ctx<'a, C> {
    db: &'a C,
    opts: &'a SeedOptions,
    /// The password hash of every demo account.
    pw: &'a str,
    /// Drawn from in step order; see the module comment.
    rng: StdRng,
    /// The one timestamp of every row.
    now: DateTime<Utc>,
    policy: RoundingPolicy,
    school_id: i64,
}

async fn seed(
    db: &impl ConnectionTrait,
    opts: &SeedOptions,
    pw: &str,
) -> Result<Vec<DemoLogin>, ServiceError> {
    let rng = StdRng::seed_from_u64(20260901);
    let now = Utc::now();
    let policy = RoundingPolicy::default();
    let school_id = calendar::school(db, &policy, now).await?;
    let mut cx = Ctx {
        db,
        opts,
        pw,
        rng,
        now,
        policy,
        school_id,
    };

    let cal = calendar::year(&cx).await?;
    calendar::bells(&cx).await?;
    let grading = grading::seed(&cx).await?;
    let classes = roster::class_list(opts.extra_classes);
    let staff = staff::seed(&mut cx, classes.len()).await?;
    let subject_ids = timetable::subjects(&cx).await?;
    let roster = roster::seed(&mut cx, &cal, &classes, &staff).await?;
    let sections = timetable::sections(&cx, &roster.class_ids, &subject_ids, &staff).await?;
    let lessons = timetable::lessons(&cx, &cal, &sections, &grading).await?;
    marks::seed(
        &mut cx, &cal, &grading, &roster, &staff, &sections, &lessons,
    )
    .await?;
    messages::announcements(&cx, &classes, &roster, &staff).await?;
    applications::seed(&cx, &cal, &roster).await?;
    messages::conversation(&cx, &roster, &staff).await?;

    Ok(demo_logins())
}
