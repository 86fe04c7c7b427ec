//! Access applications (заявления): their statuses, the transitions between
//! them, the reasons for rejection and the rules for the child's birth date.
//! Their names, in either language, are in `i18n::applications`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Filed by the parent.
    Filed,
    /// Checked against the roster; waiting for the parent to come in person.
    AwaitingSignature,
    Approved,
    Rejected,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Filed,
        Status::AwaitingSignature,
        Status::Approved,
        Status::Rejected,
        Status::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Filed => "filed",
            Status::AwaitingSignature => "awaiting_signature",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Still to be decided.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Filed | Status::AwaitingSignature)
    }

    /// The transitions the workflow allows.
    pub fn can_become(self, next: Status) -> bool {
        use Status::*;
        matches!(
            (self, next),
            (Filed, AwaitingSignature)
                | (Filed, Rejected)
                | (Filed, Withdrawn)
                | (AwaitingSignature, Approved)
                | (AwaitingSignature, Rejected)
                | (AwaitingSignature, Withdrawn)
        )
    }
}

/// Why an officer rejects an application (from the brief), or another reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RejectReason {
    ParentNameMismatch,
    ChildNameMismatch,
    NotInRoster,
    Other,
}

impl RejectReason {
    pub const ALL: [RejectReason; 4] = [
        RejectReason::ParentNameMismatch,
        RejectReason::ChildNameMismatch,
        RejectReason::NotInRoster,
        RejectReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::ParentNameMismatch => "parent_name_mismatch",
            RejectReason::ChildNameMismatch => "child_name_mismatch",
            RejectReason::NotInRoster => "not_in_roster",
            RejectReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<RejectReason> {
        RejectReason::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Who the applicant is to the child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    Mother,
    Father,
    Guardian,
    Other,
}

impl Relation {
    pub const ALL: [Relation; 4] = [
        Relation::Mother,
        Relation::Father,
        Relation::Guardian,
        Relation::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Mother => "mother",
            Relation::Father => "father",
            Relation::Guardian => "guardian",
            Relation::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What is wrong with a child's birth date as typed; what it says is in
/// `i18n::errors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BirthDateError {
    Missing,
    OutOfRange,
}

/// A schoolchild's birth date: parsed from `YYYY-MM-DD`, aged 5 to 19 today.
pub fn birth_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, BirthDateError> {
    let d =
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| BirthDateError::Missing)?;
    let age =
        today.year() - d.year() - i32::from((today.month(), today.day()) < (d.month(), d.day()));
    if d > today || !(5..=19).contains(&age) {
        return Err(BirthDateError::OutOfRange);
    }
    Ok(d)
}

/// Who may file an application: an account that holds no role but a
/// parent's (a new account holds none). A student's account may not, nor
/// a member of staff's: staff whose own children are at school file from a
/// parent's account of their own, under their personal e-mail.
pub fn may_file(roles: impl IntoIterator<Item = crate::domain::roles::Role>) -> bool {
    crate::domain::roles::parent_only(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_allows_only_its_transitions() {
        use Status::*;
        assert!(Filed.can_become(AwaitingSignature));
        assert!(AwaitingSignature.can_become(Approved));
        assert!(
            !Filed.can_become(Approved),
            "approval needs the in-person step"
        );
        assert!(!Approved.can_become(Withdrawn));
        assert!(!Rejected.can_become(AwaitingSignature));
        assert!(Filed.is_open() && AwaitingSignature.is_open() && !Rejected.is_open());
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::parse(r.as_str()), Some(r));
        }
        for r in Relation::ALL {
            assert_eq!(Relation::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn birth_dates_must_be_those_of_a_schoolchild() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(
            birth_date("2014-04-12", today),
            Ok(NaiveDate::from_ymd_opt(2014, 4, 12).unwrap())
        );
        assert_eq!(
            birth_date("12.04.2014", today),
            Err(BirthDateError::Missing)
        );
        assert_eq!(
            birth_date("2024-01-01", today),
            Err(BirthDateError::OutOfRange),
            "two years old"
        );
        assert!(birth_date("1990-01-01", today).is_err());
        assert!(birth_date("2027-01-01", today).is_err());
        // Turns five tomorrow: still four.
        assert!(birth_date("2021-11-30", today).is_err());
        assert!(birth_date("2021-11-29", today).is_ok());
    }
}
