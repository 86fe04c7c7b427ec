//! Attendance categories and their tallies.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Н — absent without a reason given.
    Absent,
    /// Б — ill.
    Ill,
    /// УП — absent for an excused reason.
    Excused,
    /// ОП — late.
    Late,
}

impl Category {
    pub fn parse(s: &str) -> Option<Category> {
        Some(match s {
            "absent" => Category::Absent,
            "ill" => Category::Ill,
            "excused" => Category::Excused,
            "late" => Category::Late,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Absent => "absent",
            Category::Ill => "ill",
            Category::Excused => "excused",
            Category::Late => "late",
        }
    }

    /// Whether the student missed the lesson (a late arrival did not).
    pub fn is_absence(self) -> bool {
        self != Category::Late
    }
}

/// Counts per category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub absent: u32,
    pub ill: u32,
    pub excused: u32,
    pub late: u32,
}

impl Tally {
    pub fn add(&mut self, c: Category) {
        match c {
            Category::Absent => self.absent += 1,
            Category::Ill => self.ill += 1,
            Category::Excused => self.excused += 1,
            Category::Late => self.late += 1,
        }
    }

    /// Lessons missed, whatever the reason.
    pub fn missed(&self) -> u32 {
        self.absent + self.ill + self.excused
    }

    pub fn merge(&mut self, other: &Tally) {
        self.absent += other.absent;
        self.ill += other.ill;
        self.excused += other.excused;
        self.late += other.late;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_arrivals_are_not_absences() {
        let mut t = Tally::default();
        for c in ["absent", "ill", "ill", "excused", "late"] {
            t.add(Category::parse(c).unwrap());
        }
        assert_eq!(t.missed(), 4);
        assert_eq!(t.late, 1);
        assert!(!Category::Late.is_absence());
        let mut sum = Tally::default();
        sum.merge(&t);
        sum.merge(&t);
        assert_eq!(sum.ill, 4);
        assert_eq!(Category::parse("unknown"), None);
    }
}
