//! The diary views. Each is a fixed set of queries, whatever the number of
//! lessons: no query per lesson or per mark.
//!
//! - `week`: the week's lessons with marks, attendance and homework due;
//! - `marks`: marks by subject for a period (also the attendance page);
//! - `homework`: homework due soon and recently;
//! - `news`: remarks and announcements;
//! - `files`: who may download an attached file;
//! - `refs` and `lesson_rows`: the cached set-up and the student's own rows
//!   the views share.

mod files;
mod homework;
mod lesson_rows;
mod marks;
mod news;
mod refs;
mod week;

pub use files::attachment_for;
pub use homework::homework;
pub use marks::marks;
pub use news::news;
pub use week::week;
