//! Roles a user account can hold, each within one school.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// School administrator: classes, subjects, timetable, periods, policy.
    Admin,
    /// School officer (ответственный от ОУ): checks applications in person.
    Officer,
    /// Teacher: keeps the journal of their own sections.
    Teacher,
    /// Parent or other legal representative.
    Parent,
    /// Student: reads their own diary.
    Student,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Officer,
        Role::Teacher,
        Role::Parent,
        Role::Student,
    ];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
            Role::Teacher => "teacher",
            Role::Parent => "parent",
            Role::Student => "student",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Which home page is shown first when a user holds several roles.
    pub fn priority(self) -> u8 {
        match self {
            Role::Admin => 0,
            Role::Officer => 1,
            Role::Teacher => 2,
            Role::Parent => 3,
            Role::Student => 4,
        }
    }
}

/// Whether an account holds no role but a parent's (a new parent's account
/// holds none): not a member of staff's, not a student's.
pub fn parent_only(roles: impl IntoIterator<Item = Role>) -> bool {
    roles.into_iter().all(|r| r == Role::Parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_stored_name() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn a_parents_account_holds_no_other_role() {
        assert!(parent_only([]));
        assert!(parent_only([Role::Parent, Role::Parent]));
        for other in [Role::Student, Role::Teacher, Role::Officer, Role::Admin] {
            assert!(!parent_only([other]), "{other:?}");
            assert!(
                !parent_only([Role::Parent, other]),
                "{other:?} and a parent"
            );
        }
    }
}
