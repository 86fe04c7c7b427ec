//! The teacher's journal: reading a section's grid for a period and writing
//! batches of edits to it.
//!
//! Who may write: the section's teacher, a substitute at the lessons they
//! took, and the school's admin. Every write is refused in a closed period,
//! carries the version it was based on (a mismatch is a conflict and writes
//! nothing), goes to the audit log with the old and new value, and raises
//! the class's data version in the same transaction.
//!
//! - `rights`: who may read and write a section (and the section itself);
//! - `grid`: reading the grid;
//! - `history`: a cell's history;
//! - `csv`: the CSV export;
//! - `save`: writing a batch of edits.

mod csv;
mod grid;
mod history;
mod rights;
mod save;

pub use self::csv::export_csv;
pub use self::grid::grid;
pub use self::history::history;
pub use self::save::{save, MAX_EDITS_PER_SAVE};
