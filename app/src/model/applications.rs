//! Wire types of applications: what its server functions carry, used by
//! the services (`server::applications`) and the pages alike.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::applications::{RejectReason, Relation, Status};
use crate::domain::ids::{ApplicationId, ClassId, PersonId, SchoolId};
use crate::domain::names::FullName;
use crate::model::accounts::SessionUser;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassOption {
    pub id: ClassId,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolOption {
    pub id: SchoolId,
    pub name: String,
    pub classes: Vec<ClassOption>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub status: Status,
    pub actor: Option<String>,
    pub note: Option<String>,
    pub at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: ApplicationId,
    pub status: Status,
    pub school_id: SchoolId,
    pub school_name: String,
    pub class_id: Option<ClassId>,
    pub class_name: Option<String>,
    pub parent: FullName,
    pub parent_email: String,
    pub child: FullName,
    pub child_birth_date: NaiveDate,
    pub relation: Relation,
    pub reject_reason: Option<RejectReason>,
    pub reject_comment: Option<String>,
    pub passport_checked: Option<String>,
    pub created_at: NaiveDateTime,
    pub history: Vec<EventView>,
}

/// The parent's page: their applications and what the form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplicationsView {
    pub user: SessionUser,
    pub parent_name: Option<FullName>,
    pub schools: Vec<SchoolOption>,
    pub applications: Vec<ApplicationView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: ApplicationId,
    pub status: Status,
    pub child: FullName,
    pub child_birth_date: NaiveDate,
    pub class_name: Option<String>,
    pub parent: FullName,
    pub created_at: NaiveDateTime,
    /// Whether the child matches a roster record exactly.
    pub roster_match: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerQueueView {
    pub user: SessionUser,
    pub school_name: String,
    pub classes: Vec<ClassOption>,
    pub items: Vec<QueueItem>,
}

/// A student on the school's roster (ПараГраф data).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterRecord {
    pub person_id: PersonId,
    pub name: FullName,
    pub birth_date: Option<NaiveDate>,
    pub class_id: Option<ClassId>,
    pub class_name: Option<String>,
}

/// Field by field: does the application agree with the roster record?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterComparison {
    pub last: bool,
    pub first: bool,
    pub middle: bool,
    pub birth_date: bool,
    pub class: bool,
}

impl RosterComparison {
    pub fn of(app: &ApplicationView, r: &RosterRecord) -> RosterComparison {
        let names = app.child.compare(&r.name);
        RosterComparison {
            last: names.last,
            first: names.first,
            middle: names.middle,
            birth_date: r.birth_date == Some(app.child_birth_date),
            class: r.class_id.is_some() && r.class_id == app.class_id,
        }
    }

    /// The child is this roster student: name and birth date agree (a wrong
    /// class in the application does not stop the match).
    pub fn is_match(&self) -> bool {
        self.last && self.first && self.middle && self.birth_date
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerApplicationView {
    pub user: SessionUser,
    pub application: ApplicationView,
    /// The roster record the child matches, if any.
    pub roster: Option<RosterRecord>,
    /// Near matches (same name, or same surname and birth date), to help
    /// the officer see what differs.
    pub candidates: Vec<RosterRecord>,
}
