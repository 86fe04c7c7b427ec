//! School set-up: the first run, the year and its periods, the bells,
//! subjects, classes and students, staff invitations, sections, the
//! timetable and the lessons generated from it.

mod first_run;
mod groups;
mod profile;
mod renames;
mod school_year;
mod short_days;
mod students;
mod substitutions;
mod timetable;
