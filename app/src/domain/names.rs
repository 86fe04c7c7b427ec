//! Names of people: ФИО (фамилия, имя, отчество), their validation, display
//! and the matching used to compare an application with the school roster.

use serde::{Deserialize, Serialize};

/// A person's full name. The patronymic may be absent.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FullName {
    pub last: String,
    pub first: String,
    pub middle: Option<String>,
}

/// The roster key of a name given in parts; see [`FullName::key`].
pub fn name_key(last: &str, first: &str, middle: Option<&str>) -> String {
    format!(
        "{}|{}|{}",
        normalize_part(last),
        normalize_part(first),
        middle.map(normalize_part).unwrap_or_default()
    )
}

/// Which part of a name a problem concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NamePart {
    Last,
    First,
    Middle,
}

impl NamePart {
    /// The part as the forms' field names spell it (`last_name`,
    /// `child_first`).
    pub fn as_str(self) -> &'static str {
        match self {
            NamePart::Last => "last",
            NamePart::First => "first",
            NamePart::Middle => "middle",
        }
    }
}

/// What is wrong with one part of a typed name; what it says («фамилия:
/// не заполнено»), in the user's language, is in `i18n::errors`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameError {
    Empty(NamePart),
    TooLong(NamePart),
    BadCharacters(NamePart),
}

impl NameError {
    /// The part of the name it is about.
    pub fn part(&self) -> NamePart {
        match self {
            NameError::Empty(p) | NameError::TooLong(p) | NameError::BadCharacters(p) => *p,
        }
    }
}

const MAX_PART: usize = 60;

/// Tidies one part of a name as typed: trims, collapses inner spaces,
/// unifies hyphens and drops spaces around them. Case is kept.
pub fn tidy_part(s: &str) -> String {
    let unified: String = s
        .chars()
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let collapsed = unified.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.replace(" -", "-").replace("- ", "-")
}

/// The form in which two names are compared: tidied, lower case, ё as е.
pub fn normalize_part(s: &str) -> String {
    tidy_part(s)
        .to_lowercase()
        .chars()
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

fn check_part(part: NamePart, raw: &str) -> Result<String, NameError> {
    let s = tidy_part(raw);
    if s.is_empty() {
        return Err(NameError::Empty(part));
    }
    if s.chars().count() > MAX_PART {
        return Err(NameError::TooLong(part));
    }
    let ok = s
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == '’');
    if !ok || !s.chars().next().is_some_and(char::is_alphabetic) {
        return Err(NameError::BadCharacters(part));
    }
    Ok(s)
}

impl FullName {
    /// Validates and tidies a name as typed. An empty patronymic means none.
    pub fn new(last: &str, first: &str, middle: &str) -> Result<FullName, Vec<NameError>> {
        let mut errors = Vec::new();
        let last = check_part(NamePart::Last, last)
            .map_err(|e| errors.push(e))
            .ok();
        let first = check_part(NamePart::First, first)
            .map_err(|e| errors.push(e))
            .ok();
        let middle = if tidy_part(middle).is_empty() {
            None
        } else {
            check_part(NamePart::Middle, middle)
                .map_err(|e| errors.push(e))
                .ok()
        };
        match (last, first, errors.is_empty()) {
            (Some(last), Some(first), true) => Ok(FullName {
                last,
                first,
                middle,
            }),
            _ => Err(errors),
        }
    }

    /// «Иванова Анна Сергеевна».
    pub fn full(&self) -> String {
        match &self.middle {
            Some(m) => format!("{} {} {}", self.last, self.first, m),
            None => format!("{} {}", self.last, self.first),
        }
    }

    /// How a letter addresses the person: «Анна Сергеевна» (or «Анна»).
    pub fn addressed(&self) -> String {
        match &self.middle {
            Some(m) => format!("{} {}", self.first, m),
            None => self.first.clone(),
        }
    }

    /// «Иванова А. С.».
    pub fn short(&self) -> String {
        let initial = |s: &str| {
            s.chars()
                .next()
                .map(|c| format!("{c}."))
                .unwrap_or_default()
        };
        match &self.middle {
            Some(m) => format!("{} {} {}", self.last, initial(&self.first), initial(m)),
            None => format!("{} {}", self.last, initial(&self.first)),
        }
    }

    /// The key a person is found by in the roster: «фамилия|имя|отчество»,
    /// normalised (case, spaces, hyphens, ё/е).
    pub fn key(&self) -> String {
        name_key(&self.last, &self.first, self.middle.as_deref())
    }

    /// The key rows are sorted by: surname, then name, then patronymic,
    /// ignoring case and ё/е.
    pub fn sort_key(&self) -> (String, String, String) {
        (
            normalize_part(&self.last),
            normalize_part(&self.first),
            self.middle
                .as_deref()
                .map(normalize_part)
                .unwrap_or_default(),
        )
    }

    /// Compares two names part by part, after normalisation.
    pub fn compare(&self, other: &FullName) -> NameComparison {
        let eq = |a: &str, b: &str| normalize_part(a) == normalize_part(b);
        NameComparison {
            last: eq(&self.last, &other.last),
            first: eq(&self.first, &other.first),
            middle: eq(
                self.middle.as_deref().unwrap_or(""),
                other.middle.as_deref().unwrap_or(""),
            ),
        }
    }
}

/// Which parts of two names agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameComparison {
    pub last: bool,
    pub first: bool,
    pub middle: bool,
}

impl NameComparison {
    pub fn all(&self) -> bool {
        self.last && self.first && self.middle
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_letter_addresses_by_name_and_patronymic() {
        let n = FullName::new("Иванова", "Анна", "Сергеевна").unwrap();
        assert_eq!(n.addressed(), "Анна Сергеевна");
        let n = FullName::new("Smith", "John", "").unwrap();
        assert_eq!(n.addressed(), "John");
    }

    use super::*;

    fn name(l: &str, f: &str, m: &str) -> FullName {
        FullName::new(l, f, m).expect("valid name")
    }

    #[test]
    fn tidying_collapses_spaces_and_unifies_hyphens() {
        assert_eq!(tidy_part("  Римский  –  Корсакова "), "Римский-Корсакова");
        assert_eq!(tidy_part("Анна\tМария"), "Анна Мария");
    }

    #[test]
    fn matching_ignores_case_spaces_hyphen_kind_and_yo() {
        let roster = name("Фёдорова", "Алёна", "Петровна");
        let typed = name(" федорова ", "АЛЕНА", "петровна");
        assert!(typed.compare(&roster).all());
        let a = name("Салтыков-Щедрин", "Михаил", "");
        let b = name("салтыков — щедрин", "михаил", "");
        assert!(a.compare(&b).all());
    }

    #[test]
    fn roster_keys_normalise_case_spaces_and_yo() {
        assert_eq!(
            name("Фёдорова", " алёна", "Ивановна").key(),
            "федорова|алена|ивановна"
        );
        assert_eq!(name("Smith", "John", "").key(), "smith|john|");
        assert_eq!(
            name_key("Салтыков – Щедрин", "Михаил", None),
            "салтыков-щедрин|михаил|"
        );
    }

    #[test]
    fn comparison_reports_each_differing_part() {
        let roster = name("Иванова", "Анна", "Сергеевна");
        let typed = name("Иванова", "Ана", "Сергеевна");
        let c = typed.compare(&roster);
        assert!(c.last && !c.first && c.middle);
        assert!(!c.all());
        let no_middle = name("Иванова", "Анна", "");
        assert!(!no_middle.compare(&roster).middle);
    }

    #[test]
    fn empty_parts_and_bad_characters_are_refused_with_the_part_named() {
        let errs = FullName::new("  ", "Анна", "").unwrap_err();
        assert_eq!(errs, vec![NameError::Empty(NamePart::Last)]);
        assert_eq!(errs[0].to_string(), "фамилия: не заполнено");
        let errs = FullName::new("Иванова", "", "C3PO").unwrap_err();
        assert_eq!(
            errs,
            vec![
                NameError::Empty(NamePart::First),
                NameError::BadCharacters(NamePart::Middle)
            ]
        );
        let long = "а".repeat(61);
        assert_eq!(
            FullName::new(&long, "Анна", "").unwrap_err(),
            vec![NameError::TooLong(NamePart::Last)]
        );
    }

    #[test]
    fn names_display_in_full_and_with_initials() {
        let n = name("Иванова", "Анна", "Сергеевна");
        assert_eq!(n.full(), "Иванова Анна Сергеевна");
        assert_eq!(n.short(), "Иванова А. С.");
        let n = name("Smith", "John", "");
        assert_eq!(n.middle, None);
        assert_eq!(n.short(), "Smith J.");
    }

    #[test]
    fn sorting_is_by_surname_then_name_ignoring_yo() {
        let mut v = [
            name("Ёлкин", "Борис", ""),
            name("Елизаров", "Антон", ""),
            name("Абрамов", "Яков", ""),
        ];
        v.sort_by_key(|n| n.sort_key());
        let order: Vec<_> = v.iter().map(|n| n.last.as_str()).collect();
        assert_eq!(order, ["Абрамов", "Елизаров", "Ёлкин"]);
    }
}
