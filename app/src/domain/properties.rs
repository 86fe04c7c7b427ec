//! Property tests of what people type: the journal's cell parser, ФИО,
//! dates and e-mail addresses, over arbitrary text as well as text made of
//! the characters each one expects. A bounded number of cases per property
//! (`CASES`), so the whole run takes seconds: none may panic, and what is
//! accepted reads back the same.

use proptest::prelude::*;

use crate::domain::ids::WorkTypeId;
use crate::domain::journal::{parse_cell, CellData};
use crate::domain::names::FullName;
use crate::domain::setup::parse_date;
use crate::domain::validate;

const CASES: u32 = 2_000;

/// Text of the characters a cell is typed with, and a few others.
fn cell_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[1-5+\\-/ нНбБуУпПоОHYEGJ,.зачнеосвa\t]{0,24}").unwrap()
}

/// A cell typed token by token: marks, «н/а», pass and fail, attendance
/// codes (also on a Latin layout), pairs of marks with a slash.
fn cell_tokens() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "5",
        "4",
        "3",
        "2",
        "1",
        "5/4",
        "3/5",
        "н/а",
        "на",
        "зач",
        "незач",
        "осв",
        "Н",
        "H",
        "Y",
        "Б",
        ",",
        "УП",
        "EG",
        "ОП",
        "JG",
    ]);
    prop::collection::vec(token, 0..5).prop_map(|t| t.join(" "))
}

/// Text a name field gets: Cyrillic and Latin letters, hyphens, spaces,
/// apostrophes, digits now and then.
fn name_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[А-Яа-яЁёA-Za-z\\- 'ʼ0-9]{0,30}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn a_cell_parses_any_text_without_panicking(s in any::<String>()) {
        let _ = parse_cell(&s);
    }

    #[test]
    fn a_cell_typed_token_by_token_reads_back_as_the_same_cell(s in cell_tokens()) {
        if let Ok(input) = parse_cell(&s) {
            let shown = CellData::default().with_input(&input, (WorkTypeId(1), 100)).text();
            prop_assert_eq!(parse_cell(&shown), Ok(input), "{:?} shown as {:?}", s, shown);
        }
    }

    #[test]
    fn a_parsed_cell_reads_back_as_the_same_cell(s in cell_text()) {
        if let Ok(input) = parse_cell(&s) {
            let shown = CellData::default().with_input(&input, (WorkTypeId(1), 100)).text();
            prop_assert_eq!(parse_cell(&shown), Ok(input), "{:?} shown as {:?}", s, shown);
        }
    }

    #[test]
    fn a_name_is_checked_without_panicking_and_tidied_once_for_all(
        last in name_text(), first in name_text(), middle in name_text(), junk in any::<String>()
    ) {
        let _ = FullName::new(&junk, &junk, &junk);
        if let Ok(n) = FullName::new(&last, &first, &middle) {
            let again = FullName::new(&n.last, &n.first, n.middle.as_deref().unwrap_or(""));
            prop_assert_eq!(again.as_ref(), Ok(&n));
            prop_assert_eq!(again.unwrap().key(), n.key());
        }
    }

    #[test]
    fn a_date_parses_any_text_and_reads_back(s in any::<String>(), y in 1990i32..2100, m in 1u32..=12, d in 1u32..=31) {
        let _ = parse_date(&s);
        if let Some(day) = chrono::NaiveDate::from_ymd_opt(y, m, d) {
            prop_assert_eq!(parse_date(&day.format("%d.%m.%Y").to_string()), Ok(day));
            prop_assert_eq!(parse_date(&day.format("%Y-%m-%d").to_string()), Ok(day));
        }
    }

    #[test]
    fn an_e_mail_is_checked_without_panicking_and_stored_once_for_all(
        s in any::<String>(),
        local in "[A-Za-z0-9._%+\\-]{1,20}",
        domain in "[A-Za-z0-9\\-]{1,12}\\.[A-Za-z]{2,6}"
    ) {
        let _ = validate::email(&s);
        let typed = format!("  {local}@{domain} ");
        if let Ok(stored) = validate::email(&typed) {
            prop_assert_eq!(validate::email(&stored), Ok(stored.clone()));
            prop_assert_eq!(stored.clone(), stored.to_lowercase());
        }
    }
}
