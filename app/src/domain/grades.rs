//! Marks, weighted averages and the school's rounding policy.
//!
//! Everything is exact integer arithmetic: weights are kept in hundredths
//! (`weight_centi`, 100 = weight 1.0) and thresholds too, so "4.65 rounds to
//! 5" is decided without floating-point surprises.

use serde::{Deserialize, Serialize};

/// One mark as it enters an average: a value on the five-point scale and
/// the weight of its work type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightedMark {
    /// 1..=5.
    pub value: u8,
    /// Weight in hundredths: 100 = 1.0, 150 = 1.5.
    pub weight_centi: u32,
}

/// A weighted average kept as an exact fraction Σ(mark × weight) / Σ(weight).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Average {
    pub weighted_sum: u64,
    pub total_weight: u64,
    pub count: u32,
}

impl Average {
    /// The average of the marks that count: marks of weight zero are left out.
    pub fn of<'a>(marks: impl IntoIterator<Item = &'a WeightedMark>) -> Average {
        let mut avg = Average::default();
        for m in marks {
            avg.add(*m);
        }
        avg
    }

    pub fn add(&mut self, m: WeightedMark) {
        if m.weight_centi == 0 || !(1..=5).contains(&m.value) {
            return;
        }
        self.weighted_sum += u64::from(m.value) * u64::from(m.weight_centi);
        self.total_weight += u64::from(m.weight_centi);
        self.count += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.total_weight == 0
    }

    /// The value as a float, for display and charts only.
    pub fn value(&self) -> Option<f64> {
        (!self.is_empty()).then(|| self.weighted_sum as f64 / self.total_weight as f64)
    }

    /// The average in hundredths, rounded half-up (4.666… → 467).
    pub fn centi(&self) -> Option<u32> {
        (!self.is_empty()).then(|| {
            let num = self.weighted_sum * 100;
            ((num * 2 + self.total_weight) / (self.total_weight * 2)) as u32
        })
    }

    /// Is the exact average at least `threshold_centi` / 100?
    pub fn at_least(&self, threshold_centi: u32) -> bool {
        !self.is_empty()
            && self.weighted_sum * 100 >= u64::from(threshold_centi) * self.total_weight
    }

    /// «4,67» — two decimals with the Russian decimal comma; «—» when empty.
    pub fn display(&self) -> String {
        match self.centi() {
            Some(c) => format_hundredths(c),
            None => "—".to_string(),
        }
    }
}

/// Hundredths as Russians write them: 465 → «4,65».
pub fn format_hundredths(centi: u32) -> String {
    format!("{},{:02}", centi / 100, centi % 100)
}

/// The school's policy: from which average each period mark is suggested.
/// Never plain half-up: every school sets its own thresholds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundingPolicy {
    /// Threshold for 5, in hundredths (465 = 4.65).
    pub five_from_centi: u32,
    /// Threshold for 4.
    pub four_from_centi: u32,
    /// Threshold for 3; below it the suggestion is 2.
    pub three_from_centi: u32,
}

impl Default for RoundingPolicy {
    fn default() -> Self {
        RoundingPolicy {
            five_from_centi: 465,
            four_from_centi: 365,
            three_from_centi: 265,
        }
    }
}

/// Why a school's thresholds do not hold; what it says is in
/// `i18n::errors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyError {
    /// A threshold outside 2,00–5,00.
    OutOfRange,
    NotIncreasing,
}

impl RoundingPolicy {
    pub fn validate(&self) -> Result<(), PolicyError> {
        let all = [
            self.five_from_centi,
            self.four_from_centi,
            self.three_from_centi,
        ];
        if all.iter().any(|t| !(200..=500).contains(t)) {
            return Err(PolicyError::OutOfRange);
        }
        if !(self.five_from_centi > self.four_from_centi
            && self.four_from_centi > self.three_from_centi)
        {
            return Err(PolicyError::NotIncreasing);
        }
        Ok(())
    }

    /// The period mark this policy suggests for an average, if there are marks.
    pub fn suggest(&self, avg: &Average) -> Option<u8> {
        if avg.is_empty() {
            return None;
        }
        Some(if avg.at_least(self.five_from_centi) {
            5
        } else if avg.at_least(self.four_from_centi) {
            4
        } else if avg.at_least(self.three_from_centi) {
            3
        } else {
            2
        })
    }

    /// The threshold for a given period mark, if there is one.
    pub fn threshold_for(&self, mark: u8) -> Option<u32> {
        match mark {
            5 => Some(self.five_from_centi),
            4 => Some(self.four_from_centi),
            3 => Some(self.three_from_centi),
            _ => None,
        }
    }

    /// "What do I need": how many more marks of `value` at weight
    /// `weight_centi` lift the suggestion to the next mark up. `None` when
    /// already at 5, or when marks of that value can never get there.
    pub fn marks_needed(&self, avg: &Average, value: u8, weight_centi: u32) -> Option<(u8, u32)> {
        let current = self.suggest(avg).unwrap_or(2);
        let target = current + 1;
        let threshold = u64::from(self.threshold_for(target)?);
        if weight_centi == 0 || u64::from(value) * 100 < threshold {
            return None;
        }
        // Smallest n with (S + n·v·w)·100 ≥ T·(W + n·w).
        let s = avg.weighted_sum as i128 * 100;
        let w = avg.total_weight as i128;
        let t = threshold as i128;
        let per_mark = (i128::from(value) * 100 - t) * i128::from(weight_centi);
        let deficit = t * w - s;
        if deficit <= 0 {
            return Some((target, 0));
        }
        if per_mark <= 0 {
            return None;
        }
        let n = (deficit + per_mark - 1) / per_mark;
        Some((target, n as u32))
    }
}

/// A value a teacher can put in a cell of the journal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkValue {
    /// 1..=5 on the five-point scale.
    Points(u8),
    /// «н/а» — not assessed.
    NotAssessed,
    /// «зач» — pass.
    Pass,
    /// «незач» — fail.
    Fail,
    /// «осв» — released from the subject.
    Released,
}

impl MarkValue {
    /// Parses what a teacher types, case-insensitively; `None` for anything else.
    pub fn parse(s: &str) -> Option<MarkValue> {
        let t = s.trim().to_lowercase();
        Some(match t.as_str() {
            "1" | "2" | "3" | "4" | "5" => MarkValue::Points(t.parse().ok()?),
            "н/а" | "на" => MarkValue::NotAssessed,
            "зач" | "зачёт" | "зачет" => MarkValue::Pass,
            "незач" | "незачёт" | "незачет" => MarkValue::Fail,
            "осв" => MarkValue::Released,
            _ => return None,
        })
    }

    /// How it is stored and shown.
    pub fn code(&self) -> String {
        match self {
            MarkValue::Points(p) => p.to_string(),
            MarkValue::NotAssessed => "н/а".into(),
            MarkValue::Pass => "зач".into(),
            MarkValue::Fail => "незач".into(),
            MarkValue::Released => "осв".into(),
        }
    }

    /// The number that enters an average, if any.
    pub fn points(&self) -> Option<u8> {
        match self {
            MarkValue::Points(p) => Some(*p),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(value: u8, weight: u32) -> WeightedMark {
        WeightedMark {
            value,
            weight_centi: weight * 100,
        }
    }

    #[test]
    fn weighted_average_is_sum_of_mark_times_weight_over_sum_of_weights() {
        // (5·1 + 3·2 + 4·1) / 4 = 15 / 4 = 3.75
        let avg = Average::of(&[m(5, 1), m(3, 2), m(4, 1)]);
        assert_eq!(avg.weighted_sum, 1500);
        assert_eq!(avg.total_weight, 400);
        assert_eq!(avg.centi(), Some(375));
        assert_eq!(avg.display(), "3,75");
        assert_eq!(avg.count, 3);
    }

    #[test]
    fn empty_average_has_no_value_and_shows_a_dash() {
        let avg = Average::of(&[]);
        assert!(avg.is_empty());
        assert_eq!(avg.value(), None);
        assert_eq!(avg.display(), "—");
        assert_eq!(RoundingPolicy::default().suggest(&avg), None);
    }

    #[test]
    fn zero_weight_and_out_of_scale_marks_do_not_count() {
        let avg = Average::of(&[m(5, 0), m(7, 1), m(2, 1)]);
        assert_eq!(avg.count, 1);
        assert_eq!(avg.centi(), Some(200));
    }

    #[test]
    fn display_rounds_half_up_to_hundredths() {
        // 14 / 3 = 4.6666…
        let avg = Average::of(&[m(5, 1), m(5, 1), m(4, 1)]);
        assert_eq!(avg.display(), "4,67");
    }

    #[test]
    fn policy_uses_school_thresholds_not_half_up() {
        let policy = RoundingPolicy::default();
        // 4.6 is below 4.65: half-up would give 5, the policy gives 4.
        let avg = Average::of(&[m(5, 3), m(4, 2)]); // 23/5 = 4.6
        assert_eq!(policy.suggest(&avg), Some(4));
        // Exactly 4.65 reaches 5: (5·13 + 4·7) / 20 = 93/20 = 4.65.
        let avg = Average {
            weighted_sum: 9300,
            total_weight: 2000,
            count: 20,
        };
        assert_eq!(policy.suggest(&avg), Some(5));
        let avg = Average::of(&[m(2, 1), m(3, 1)]); // 2.5
        assert_eq!(policy.suggest(&avg), Some(2));
    }

    #[test]
    fn a_stricter_school_policy_changes_the_suggestion() {
        let strict = RoundingPolicy {
            five_from_centi: 480,
            four_from_centi: 380,
            three_from_centi: 280,
        };
        let avg = Average::of(&[m(5, 3), m(4, 1)]); // 4.75
        assert_eq!(strict.suggest(&avg), Some(4));
        assert_eq!(RoundingPolicy::default().suggest(&avg), Some(5));
    }

    #[test]
    fn policy_validation_rejects_unordered_or_out_of_range_thresholds() {
        assert_eq!(RoundingPolicy::default().validate(), Ok(()));
        let bad = RoundingPolicy {
            five_from_centi: 350,
            four_from_centi: 365,
            three_from_centi: 265,
        };
        assert_eq!(bad.validate(), Err(PolicyError::NotIncreasing));
        let bad = RoundingPolicy {
            five_from_centi: 550,
            ..RoundingPolicy::default()
        };
        assert_eq!(bad.validate(), Err(PolicyError::OutOfRange));
    }

    #[test]
    fn marks_needed_counts_the_fives_to_the_next_threshold() {
        let policy = RoundingPolicy::default();
        // 4,4,4 → avg 4 (suggests 4). Fives of weight 1 needed to reach 4.65:
        // (12 + 5n) / (3 + n) ≥ 4.65 → n ≥ 5.57 → 6.
        let avg = Average::of(&[m(4, 1), m(4, 1), m(4, 1)]);
        assert_eq!(policy.marks_needed(&avg, 5, 100), Some((5, 6)));
        // A weight-2 five counts double: n ≥ 2.79 → 3.
        assert_eq!(policy.marks_needed(&avg, 5, 200), Some((5, 3)));
        // Fours can never lift an average to 4.65.
        assert_eq!(policy.marks_needed(&avg, 4, 100), None);
        // Already a 5: nothing further.
        let top = Average::of(&[m(5, 1)]);
        assert_eq!(policy.marks_needed(&top, 5, 100), None);
    }

    #[test]
    fn mark_values_parse_as_teachers_type_them() {
        assert_eq!(MarkValue::parse(" 5 "), Some(MarkValue::Points(5)));
        assert_eq!(MarkValue::parse("Н/А"), Some(MarkValue::NotAssessed));
        assert_eq!(MarkValue::parse("зачёт"), Some(MarkValue::Pass));
        assert_eq!(MarkValue::parse("6"), None);
        assert_eq!(MarkValue::parse(""), None);
        assert_eq!(MarkValue::Points(3).code(), "3");
        assert_eq!(MarkValue::Pass.points(), None);
    }
}
