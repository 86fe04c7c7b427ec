//! Wire types of accounts and sign-in: the signed-in user and their roles.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{PersonId, SchoolId, UserId};
use crate::domain::names::FullName;
use crate::domain::roles::Role;

/// A role the user holds, within a school.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub role: Role,
    pub school_id: Option<SchoolId>,
    pub school_name: Option<String>,
}

/// The signed-in user, as the interface needs them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: UserId,
    pub email: String,
    pub person_id: Option<PersonId>,
    pub name: Option<FullName>,
    pub roles: Vec<RoleGrant>,
    /// The account's access version this was read at (server side only).
    #[serde(skip)]
    pub access_version: i32,
}

impl SessionUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|g| g.role == role)
    }

    /// The school ids in which the user holds `role`.
    pub fn schools_as(&self, role: Role) -> Vec<SchoolId> {
        self.roles
            .iter()
            .filter(|g| g.role == role)
            .filter_map(|g| g.school_id)
            .collect()
    }

    pub fn display_name(&self) -> String {
        self.name
            .as_ref()
            .map(FullName::full)
            .unwrap_or_else(|| self.email.clone())
    }
}
