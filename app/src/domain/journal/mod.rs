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

/// A cell of an exported spreadsheet that a spreadsheet program will show
/// as text, never run as a formula: a text that begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading apostrophe, as OWASP
/// recommends for CSV files. (A student's name or a typed comment reaches
/// the file as written.)
pub fn spreadsheet_text(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

#[cfg(test)]
mod export_tests {
    use super::spreadsheet_text;

    #[test]
    fn a_formula_stays_text_and_plain_text_is_left_alone() {
        for (typed, shown) in [
            (
                "=HYPERLINK(\"http://x\",\"5\")",
                "'=HYPERLINK(\"http://x\",\"5\")",
            ),
            ("+7 999", "'+7 999"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("Иванов Иван", "Иванов Иван"),
            ("5", "5"),
            ("4,50", "4,50"),
            ("н", "н"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_text(typed), shown, "{typed:?}");
        }
    }
}
