//! The school, its calendar and its bells: the school row, academic years,
//! periods, holidays and non-school days, the weekly timetable, the bells
//! and shortened days.

entity!(
    /// A school, its rounding policy and its time zone.
    school, "schools", {
    pub name: String,
    pub short_name: String,
    pub city: String,
    pub five_from_centi: i32,
    pub four_from_centi: i32,
    pub three_from_centi: i32,
    pub created_at: DateTimeUtc,
    /// IANA name, e.g. Europe/Moscow, Asia/Vladivostok.
    pub time_zone: String,
    pub address: Option<String>,
});

entity!(academic_year, "academic_years", {
    pub school_id: i64,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
});

entity!(period, "periods", {
    pub academic_year_id: i64,
    pub name: String,
    pub kind: String,
    pub seq: i32,
    pub starts_on: Date,
    pub ends_on: Date,
    pub locked: bool,
    pub locked_at: Option<DateTimeUtc>,
});

entity!(
    /// Days without lessons inside an academic year (holidays, non-school
    /// days); both ends included.
    holiday, "holidays", {
    pub school_id: i64,
    pub academic_year_id: i64,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// `holiday` (каникулы, between periods) or `day_off` (a non-school
    /// day inside a period).
    pub kind: String,
});

entity!(
    /// One lesson of a class's weekly timetable: weekday (1 = Monday) ×
    /// lesson number → section and room. Lessons are generated from it.
    timetable_slot, "timetable_slots", {
    pub class_id: i64,
    pub section_id: i64,
    pub weekday: i16,
    pub number: i32,
    pub room: Option<String>,
});

entity!(bell_time, "bell_times", {
    pub school_id: i64,
    pub number: i32,
    pub starts_at: Time,
    pub ends_at: Time,
});

entity!(
    /// The times of a shortened day's lessons (same numbers, other times).
    short_bell, "short_bells", {
    pub school_id: i64,
    pub number: i32,
    pub starts_at: Time,
    pub ends_at: Time,
});

entity!(
    /// A day the school keeps the short bells.
    short_day, "short_days", {
    pub school_id: i64,
    pub date: Date,
    pub name: String,
});
