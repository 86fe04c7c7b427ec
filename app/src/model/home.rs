//! Wire types of the home page: what each role sees first.

use serde::{Deserialize, Serialize};

use crate::domain::ids::{PersonId, SectionId};
use crate::domain::names::FullName;
use crate::model::accounts::SessionUser;

/// A class and subject a teacher teaches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionCard {
    pub section_id: SectionId,
    pub class_name: String,
    pub subject_name: String,
    pub students: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherHome {
    pub sections: Vec<SectionCard>,
    pub lessons_today: u32,
}

/// A child in a parent's diary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildCard {
    pub student_id: PersonId,
    pub name: FullName,
    pub class_name: Option<String>,
    pub school_name: String,
    /// Weighted average over all subjects this term, «4,52».
    pub average: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerHome {
    pub school_name: String,
    pub open_applications: u32,
    pub roster_students: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminHome {
    pub school_name: String,
    pub classes: u32,
    pub teachers: u32,
    pub students: u32,
    pub current_period: Option<String>,
}

/// Everything the home page shows, for each role the user holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub user: SessionUser,
    pub teacher: Option<TeacherHome>,
    pub children: Option<Vec<ChildCard>>,
    pub student: Option<ChildCard>,
    pub officer: Option<OfficerHome>,
    pub admin: Option<AdminHome>,
}
