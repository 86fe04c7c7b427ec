//! The teacher's journal grid: what one cell holds, how what a teacher types
//! becomes a cell, how the grid is walked with the keyboard, and each row's
//! summary (weighted average and absences). Compiled for the browser and the
//! server alike, so both compute the same numbers.
//!
//! - `cell`: what a cell holds and how typing becomes a cell;
//! - `summary`: a row's weighted average and absences, and which cells a
//!   column fill may write;
//! - `cursor`: walking the grid with the keyboard.

mod cell;
mod cursor;
mod summary;

pub use self::cell::*;
pub use self::cursor::*;
pub use self::summary::*;

/// The longest comment on a mark.
pub const MAX_COMMENT_CHARS: usize = 500;
/// The longest lesson topic.
pub const MAX_TOPIC_CHARS: usize = 500;
/// The longest homework text.
pub const MAX_HOMEWORK_CHARS: usize = 4000;

/// A text that must fit a length: trimmed, `None` when empty.
pub fn tidy_text(s: &str, max_chars: usize) -> Result<Option<String>, usize> {
    let t = s.trim();
    if t.chars().count() > max_chars {
        return Err(max_chars);
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_limited() {
        assert_eq!(tidy_text("  Дроби ", 10), Ok(Some("Дроби".into())));
        assert_eq!(tidy_text("   ", 10), Ok(None));
        assert_eq!(tidy_text("ааааа", 4), Err(4));
    }
}
