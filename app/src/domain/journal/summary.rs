//! A row's live summary (weighted average and absences) and the rule of
//! which cells a column fill may write.

use serde::{Deserialize, Serialize};

use super::CellData;
use crate::domain::attendance::Tally;
use crate::domain::grades::{Average, WeightedMark};

impl CellData {
    /// Whether filling a column with a mark may write here: never over an
    /// existing mark, never over an absence (excused or not).
    pub fn takes_bulk_mark(&self) -> bool {
        self.marks.is_empty() && !self.is_absence()
    }
}

/// A row's live summary: the weighted average of the marks that count, and
/// the attendance tally.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowSummary {
    pub average: Average,
    pub tally: Tally,
}

impl RowSummary {
    /// Adds one cell: its marks that count, and its attendance code.
    pub fn add(&mut self, cell: &CellData) {
        for m in cell.marks.iter().filter(|m| !m.excluded) {
            if let Some(value) = m.points() {
                self.average.add(WeightedMark {
                    value,
                    weight_centi: m.weight_centi,
                });
            }
        }
        if let Some(c) = cell.category() {
            self.tally.add(c);
        }
    }
}

/// Summarises a student's cells over a period.
pub fn summarize<'a>(cells: impl IntoIterator<Item = &'a CellData>) -> RowSummary {
    let mut s = RowSummary::default();
    for cell in cells {
        s.add(cell);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::journal::cell::tests::{cell, mark};

    #[test]
    fn the_summary_weighs_marks_skips_excluded_and_counts_absences() {
        let mut excluded = mark("2", 100);
        excluded.excluded = true;
        let cells = [
            cell(&[mark("5", 100)], None),
            cell(&[mark("3", 200), excluded], None),
            cell(&[], Some("Н")),
            cell(&[], Some("Б")),
            cell(&[mark("4", 100)], Some("ОП")),
            cell(&[mark("зач", 100)], None),
        ];
        let s = summarize(cells.iter());
        // (5 + 3·2 + 4) / 4 = 3.75
        assert_eq!(s.average.centi(), Some(375));
        assert_eq!(s.tally.missed(), 2);
        assert_eq!(s.tally.late, 1);
    }

    #[test]
    fn filling_a_column_never_overwrites_marks_or_absences() {
        assert!(CellData::default().takes_bulk_mark());
        assert!(cell(&[], Some("ОП")).takes_bulk_mark());
        assert!(!cell(&[mark("4", 100)], None).takes_bulk_mark());
        assert!(!cell(&[], Some("УП")).takes_bulk_mark());
        assert!(!cell(&[], Some("Н")).takes_bulk_mark());
    }
}
