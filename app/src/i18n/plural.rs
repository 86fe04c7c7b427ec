//! Plurals: which form of a noun goes with a count, per language, and a
//! count printed with its noun («1 оценка, 2 оценки, 5 оценок» / "1 mark,
//! 2 marks").

use super::Lang;

/// The plural categories the interface's languages use (CLDR names).
/// English has only `One` and `Many` ("other").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    /// 1, 21, 101 (English: 1 only).
    One,
    /// 2–4, 22–24, 102–104 (Russian only).
    Few,
    /// 0, 5–20, 25–30, 111–114 (English: everything but 1).
    Many,
}

/// The category of `n` in `lang`.
pub fn category(lang: Lang, n: u64) -> Plural {
    match lang {
        Lang::Ru => match (n % 10, n % 100) {
            (_, 11..=14) => Plural::Many,
            (1, _) => Plural::One,
            (2..=4, _) => Plural::Few,
            _ => Plural::Many,
        },
        Lang::En => {
            if n == 1 {
                Plural::One
            } else {
                Plural::Many
            }
        }
    }
}

/// A noun (or an adjective standing for one) in the forms a count needs,
/// in one language; a text table holds one per language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Noun {
    lang: Lang,
    one: &'static str,
    few: &'static str,
    many: &'static str,
}

impl Noun {
    /// A Russian noun: «оценка» (1), «оценки» (2), «оценок» (5).
    pub const fn ru(one: &'static str, few: &'static str, many: &'static str) -> Noun {
        Noun {
            lang: Lang::Ru,
            one,
            few,
            many,
        }
    }

    /// An English noun: "mark" (1), "marks" (anything else).
    pub const fn en(one: &'static str, other: &'static str) -> Noun {
        Noun {
            lang: Lang::En,
            one,
            few: other,
            many: other,
        }
    }

    /// The form that goes with `n`.
    pub fn form(&self, n: impl Into<u64>) -> &'static str {
        match category(self.lang, n.into()) {
            Plural::One => self.one,
            Plural::Few => self.few,
            Plural::Many => self.many,
        }
    }

    /// `n` with its noun: «21 оценка», "2 marks".
    pub fn count(&self, n: impl Into<u64>) -> String {
        let n = n.into();
        format!("{n} {}", self.form(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKS_RU: Noun = Noun::ru("оценка", "оценки", "оценок");
    const MARKS_EN: Noun = Noun::en("mark", "marks");

    #[test]
    fn russian_counts_take_the_right_form_at_every_edge() {
        let cases = [
            (0, "0 оценок"),
            (1, "1 оценка"),
            (2, "2 оценки"),
            (4, "4 оценки"),
            (5, "5 оценок"),
            (11, "11 оценок"),
            (12, "12 оценок"),
            (14, "14 оценок"),
            (21, "21 оценка"),
            (22, "22 оценки"),
            (25, "25 оценок"),
            (101, "101 оценка"),
            (111, "111 оценок"),
            (112, "112 оценок"),
        ];
        for (n, want) in cases {
            assert_eq!(MARKS_RU.count(n as u64), want, "n = {n}");
        }
    }

    #[test]
    fn english_has_one_and_other() {
        assert_eq!(MARKS_EN.count(0u32), "0 marks");
        assert_eq!(MARKS_EN.count(1u32), "1 mark");
        assert_eq!(MARKS_EN.count(2u32), "2 marks");
        assert_eq!(MARKS_EN.count(21u32), "21 marks");
        assert_eq!(MARKS_EN.count(111u32), "111 marks");
    }

    #[test]
    fn categories_follow_the_cldr_rules() {
        use Plural::*;
        let ru: Vec<Plural> = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 111, 112]
            .iter()
            .map(|&n| category(Lang::Ru, n))
            .collect();
        assert_eq!(
            ru,
            [Many, One, Few, Few, Many, Many, Many, Many, One, Few, Many, Many, Many]
        );
        assert_eq!(category(Lang::En, 1), One);
        assert_eq!(category(Lang::En, 0), Many);
        assert_eq!(category(Lang::En, 11), Many);
    }
}
