//! The set-up rules' unit tests.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn days(a: NaiveDate, b: NaiveDate) -> Days {
    Days::new(a, b).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn dates_are_read_as_russians_write_them_and_as_date_inputs_send_them() {
    assert_eq!(parse_date("31.08.2026"), Ok(d(2026, 8, 31)));
    assert_eq!(parse_date(" 2026-08-31 "), Ok(d(2026, 8, 31)));
    assert_eq!(parse_date("31.02.2026"), Err(SetupError::NotADate));
    assert_eq!(parse_date(""), Err(SetupError::Required));
    assert_eq!(parse_time("8:30"), Ok(t(8, 30)));
    assert_eq!(parse_time("25:00"), Err(SetupError::NotATime));
}

#[test]
fn names_are_the_same_whatever_the_case_spaces_and_yo() {
    assert!(same_text("5А", " 5а "));
    assert!(same_text("Ёлочка  класс", "елочка класс"));
    assert!(!same_text("5А", "5Б"));
}

#[test]
fn texts_are_trimmed_and_bounded() {
    assert_eq!(required_text("  5  А ", 10), Ok("5 А".into()));
    assert_eq!(required_text("   ", 10), Err(SetupError::Required));
    assert_eq!(required_text("абвгд", 4), Err(SetupError::TooLong(4)));
    assert_eq!(optional_text(" ", 4), Ok(None));
}

#[test]
fn a_year_ends_after_it_starts_and_lasts_at_most_thirteen_months() {
    assert!(check_year(d(2026, 9, 1), d(2027, 5, 31)).is_ok());
    assert_eq!(
        check_year(d(2026, 9, 1), d(2026, 8, 31)),
        Err(SetupError::EndsBeforeStart)
    );
    assert_eq!(
        check_year(d(2026, 9, 1), d(2027, 12, 31)),
        Err(SetupError::YearTooLong)
    );
}

fn quarters() -> Vec<Days> {
    vec![
        days(d(2026, 9, 1), d(2026, 10, 24)),
        days(d(2026, 11, 5), d(2026, 12, 28)),
        days(d(2027, 1, 12), d(2027, 3, 20)),
        days(d(2027, 3, 30), d(2027, 5, 26)),
    ]
}

fn holidays() -> Vec<Days> {
    vec![
        days(d(2026, 10, 25), d(2026, 11, 4)),
        days(d(2026, 12, 29), d(2027, 1, 11)),
        days(d(2027, 3, 21), d(2027, 3, 29)),
    ]
}

#[test]
fn quarters_separated_by_holidays_are_accepted() {
    let year = days(d(2026, 9, 1), d(2027, 5, 31));
    assert_eq!(check_periods(&year, &quarters(), &holidays()), vec![]);
}

#[test]
fn a_gap_of_school_days_without_holidays_is_named_on_the_later_period() {
    let year = days(d(2026, 9, 1), d(2027, 5, 31));
    let mut h = holidays();
    h.remove(0);
    assert_eq!(
        check_periods(&year, &quarters(), &h),
        vec![(1, SetupError::GapWithoutHolidays)]
    );
    // A weekend between two periods is no gap.
    let two = [
        days(d(2026, 9, 1), d(2026, 9, 4)),
        days(d(2026, 9, 7), d(2026, 9, 30)),
    ];
    assert_eq!(check_periods(&year, &two, &[]), vec![]);
}

#[test]
fn overlapping_periods_and_periods_outside_the_year_are_refused() {
    let year = days(d(2026, 9, 1), d(2027, 5, 31));
    let mut q = quarters();
    q[1] = days(d(2026, 10, 20), d(2026, 12, 28));
    q[3] = days(d(2027, 3, 30), d(2027, 6, 26));
    assert_eq!(
        check_periods(&year, &q, &holidays()),
        vec![(1, SetupError::Overlaps), (3, SetupError::OutsideYear)]
    );
}

#[test]
fn bells_follow_each_other_without_overlapping() {
    let ok = [
        Bell {
            number: 1,
            starts_at: t(8, 30),
            ends_at: t(9, 15),
        },
        Bell {
            number: 2,
            starts_at: t(9, 25),
            ends_at: t(10, 10),
        },
    ];
    assert_eq!(check_bells(&ok), vec![]);
    let bad = [
        Bell {
            number: 1,
            starts_at: t(8, 30),
            ends_at: t(9, 15),
        },
        Bell {
            number: 2,
            starts_at: t(9, 0),
            ends_at: t(9, 45),
        },
        Bell {
            number: 2,
            starts_at: t(10, 0),
            ends_at: t(10, 45),
        },
        Bell {
            number: 3,
            starts_at: t(11, 0),
            ends_at: t(10, 45),
        },
    ];
    assert_eq!(
        check_bells(&bad),
        vec![
            (1, SetupError::BellsOverlap),
            (2, SetupError::BadLessonNumber),
            (3, SetupError::EndsBeforeStart)
        ]
    );
}

#[test]
fn the_timetable_lays_out_lessons_on_school_days_only() {
    // 2026-11-02 is a Monday; 4 November is a public holiday.
    let period = days(d(2026, 11, 2), d(2026, 11, 8));
    let week = vec![
        WeeklyLesson {
            weekday: 3,
            number: 2,
            section: 7,
            room: Some("201".into()),
        },
        WeeklyLesson {
            weekday: 1,
            number: 1,
            section: 7,
            room: None,
        },
        WeeklyLesson {
            weekday: 1,
            number: 1,
            section: 8,
            room: None,
        },
        WeeklyLesson {
            weekday: 7,
            number: 1,
            section: 9,
            room: None,
        },
    ];
    let holiday = [days(d(2026, 11, 4), d(2026, 11, 4))];
    let planned = plan_lessons(&period, &holiday, &week);
    let got: Vec<(NaiveDate, i32, i64)> = planned
        .iter()
        .map(|p| (p.date, p.number, p.section))
        .collect();
    assert_eq!(
        got,
        vec![(d(2026, 11, 2), 1, 7), (d(2026, 11, 2), 1, 8)],
        "Wednesday the 4th is a holiday and Sundays have no lessons"
    );
    let without_holiday = plan_lessons(&period, &[], &week);
    assert_eq!(without_holiday.len(), 3);
    assert_eq!(without_holiday[2].room.as_deref(), Some("201"));
}

#[test]
fn period_kinds_round_trip_through_their_stored_names() {
    for k in PeriodKind::ALL {
        assert_eq!(PeriodKind::parse(k.as_str()), Ok(k));
    }
    assert_eq!(PeriodKind::parse("semester"), Err(SetupError::UnknownKind));
}

#[test]
fn numbers_are_read_in_hundredths_with_a_comma_or_a_point() {
    assert_eq!(parse_hundredths("4,65"), Ok(465));
    assert_eq!(parse_hundredths(" 4.6 "), Ok(460));
    assert_eq!(parse_hundredths("5"), Ok(500));
    assert_eq!(parse_hundredths("1,5"), Ok(150));
    assert_eq!(parse_hundredths(""), Err(SetupError::Required));
    for bad in ["4,655", "-1", "4,", ",5", "a", "4,6,5", "1e2"] {
        assert_eq!(parse_hundredths(bad), Err(SetupError::NotANumber), "{bad}");
    }
    assert_eq!(format_hundredths(465), "4,65");
    assert_eq!(format_hundredths(50), "0,50");
    assert_eq!(parse_weight("10"), Ok(1000));
    assert_eq!(parse_weight("0"), Ok(0));
    assert_eq!(parse_weight("10,01"), Err(SetupError::BadWeight));
}

#[test]
fn thresholds_are_named_by_the_field_that_is_wrong() {
    let p = parse_policy("4,60", "3,5", "2,5").unwrap();
    assert_eq!(
        (p.five_from_centi, p.four_from_centi, p.three_from_centi),
        (460, 350, 250)
    );
    assert_eq!(
        parse_policy("5,01", "x", "2,5").unwrap_err(),
        [
            ("five_from", SetupError::BadThreshold),
            ("four_from", SetupError::NotANumber)
        ]
    );
    assert_eq!(
        parse_policy("4,5", "4,5", "2,5").unwrap_err(),
        [("four_from", SetupError::ThresholdsNotIncreasing)]
    );
    assert_eq!(
        parse_policy("4,5", "3,5", "3,6").unwrap_err(),
        [("three_from", SetupError::ThresholdsNotIncreasing)]
    );
}

#[test]
fn the_preview_bands_meet_and_agree_with_the_suggestion() {
    let p = parse_policy("4,60", "3,60", "2,60").unwrap();
    let b = bands(&p);
    assert_eq!(b.map(|x| x.mark), [5, 4, 3, 2]);
    assert_eq!(b[0].from_centi, Some(460));
    assert_eq!(b[1].below_centi, b[0].from_centi);
    assert_eq!(b[3].below_centi, Some(260));
    assert_eq!(mark_for(&p, 460), 5);
    assert_eq!(mark_for(&p, 459), 4);
    assert_eq!(mark_for(&p, 360), 4);
    assert_eq!(mark_for(&p, 259), 2);
    assert_eq!(mark_for(&p, 100), 2);
}

#[test]
fn a_move_ends_the_old_class_the_day_before_and_a_leaver_has_a_last_day() {
    let year = (d(2026, 9, 1), d(2027, 5, 31));
    assert_eq!(
        last_day_before_move(d(2026, 9, 1), d(2026, 11, 16), year),
        Ok(Some(d(2026, 11, 15)))
    );
    assert_eq!(
        last_day_before_move(d(2026, 11, 16), d(2026, 11, 16), year),
        Ok(None),
        "put in the wrong class on the day they joined: no days there"
    );
    assert_eq!(
        last_day_before_move(d(2026, 11, 16), d(2026, 11, 10), year),
        Err(SetupError::BeforeJoined)
    );
    assert_eq!(
        last_day_before_move(d(2026, 9, 1), d(2027, 6, 1), year),
        Err(SetupError::OutsideYear)
    );
    assert_eq!(
        check_last_day(d(2026, 9, 1), d(2026, 9, 1), year),
        Ok(d(2026, 9, 1))
    );
    assert_eq!(
        check_last_day(d(2026, 10, 1), d(2026, 9, 30), year),
        Err(SetupError::BeforeJoined)
    );
}
