//! The school's profile and marking rules as the administrator types them:
//! numbers in hundredths («4,65», «1,5»), the rounding thresholds of period
//! marks and the preview of which average gives which mark, the weights of
//! work types, and the time zones a Russian school is offered.

use super::SetupError;
pub use crate::domain::grades::format_hundredths;
use crate::domain::grades::{Average, PolicyError, RoundingPolicy};

/// The time zones of Russia, west to east (any IANA name is accepted; these
/// are offered).
pub const RUSSIAN_ZONES: [&str; 11] = [
    "Europe/Kaliningrad",
    "Europe/Moscow",
    "Europe/Samara",
    "Asia/Yekaterinburg",
    "Asia/Omsk",
    "Asia/Novosibirsk",
    "Asia/Irkutsk",
    "Asia/Yakutsk",
    "Asia/Vladivostok",
    "Asia/Magadan",
    "Asia/Kamchatka",
];

/// The heaviest weight a work type may have.
pub const MAX_WEIGHT_CENTI: u32 = 1000;

/// A number with at most two decimals, in hundredths: «4,65» and «4.65» are
/// 465, «5» is 500, «1,5» is 150.
pub fn parse_hundredths(raw: &str) -> Result<u32, SetupError> {
    let s = raw.trim().replace(',', ".");
    if s.is_empty() {
        return Err(SetupError::Required);
    }
    if s.ends_with('.') {
        return Err(SetupError::NotANumber);
    }
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || frac.len() > 2 || !digits(whole) || !digits(frac) {
        return Err(SetupError::NotANumber);
    }
    let whole: u32 = whole.parse().map_err(|_| SetupError::NotANumber)?;
    let frac: u32 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u32>().map_err(|_| SetupError::NotANumber)? * 10,
        _ => frac.parse().map_err(|_| SetupError::NotANumber)?,
    };
    Ok(whole * 100 + frac)
}

/// A work type's weight: 0 (does not count) to 10.
pub fn parse_weight(raw: &str) -> Result<u32, SetupError> {
    let w = parse_hundredths(raw)?;
    if w > MAX_WEIGHT_CENTI {
        Err(SetupError::BadWeight)
    } else {
        Ok(w)
    }
}

/// The three thresholds as typed (for 5, 4 and 3), checked: each from 2,00
/// to 5,00, each above the next. The problems are given per field:
/// `five_from`, `four_from`, `three_from`.
pub fn parse_policy(
    five: &str,
    four: &str,
    three: &str,
) -> Result<RoundingPolicy, Vec<(&'static str, SetupError)>> {
    let mut problems = Vec::new();
    let mut one = |field: &'static str, raw: &str| {
        parse_hundredths(raw)
            .and_then(|c| {
                if (200..=500).contains(&c) {
                    Ok(c)
                } else {
                    Err(SetupError::BadThreshold)
                }
            })
            .map_err(|e| problems.push((field, e)))
            .ok()
    };
    let (five, four, three) = (
        one("five_from", five),
        one("four_from", four),
        one("three_from", three),
    );
    let (Some(five), Some(four), Some(three)) = (five, four, three) else {
        return Err(problems);
    };
    let policy = RoundingPolicy {
        five_from_centi: five,
        four_from_centi: four,
        three_from_centi: three,
    };
    match policy.validate() {
        Ok(()) => Ok(policy),
        Err(PolicyError::OutOfRange) => Err(vec![("five_from", SetupError::BadThreshold)]),
        // The lower threshold of the pair that is out of order is named.
        Err(PolicyError::NotIncreasing) => {
            let field = if four >= five {
                "four_from"
            } else {
                "three_from"
            };
            Err(vec![(field, SetupError::ThresholdsNotIncreasing)])
        }
    }
}

/// One mark of the preview: the averages that give it, from `from_centi`
/// (inclusive; none for 2) up to `below_centi` (exclusive; none for 5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    pub mark: u8,
    pub from_centi: Option<u32>,
    pub below_centi: Option<u32>,
}

/// Which averages give which period mark under `policy`, from 5 down to 2.
pub fn bands(policy: &RoundingPolicy) -> [Band; 4] {
    let (five, four, three) = (
        policy.five_from_centi,
        policy.four_from_centi,
        policy.three_from_centi,
    );
    [
        Band {
            mark: 5,
            from_centi: Some(five),
            below_centi: None,
        },
        Band {
            mark: 4,
            from_centi: Some(four),
            below_centi: Some(five),
        },
        Band {
            mark: 3,
            from_centi: Some(three),
            below_centi: Some(four),
        },
        Band {
            mark: 2,
            from_centi: None,
            below_centi: Some(three),
        },
    ]
}

/// The period mark `policy` suggests for an average typed in hundredths
/// (the preview's "try an average").
pub fn mark_for(policy: &RoundingPolicy, average_centi: u32) -> u8 {
    let avg = Average {
        weighted_sum: u64::from(average_centi),
        total_weight: 100,
        count: 1,
    };
    policy.suggest(&avg).unwrap_or(2)
}
