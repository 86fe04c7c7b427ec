//! The parent's and student's diary pages: the week, marks, attendance,
//! homework and news, each in its own file; the frame with the child and
//! period switchers in `switcher`.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::{use_lang, Texts};

mod attendance;
mod homework;
mod marks;
mod news;
mod switcher;
mod week;

pub use attendance::AttendancePage;
pub use homework::HomeworkPage;
pub use marks::MarksPage;
pub use news::NewsPage;
pub use week::WeekPage;

fn t() -> &'static Texts {
    use_lang().get().texts()
}

/// A number from the query string (the journal reads its own with it too).
pub(crate) fn query_i64(
    key: &'static str,
) -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let q = use_query_map();
    move || q.with(|q| q.get(key).and_then(|v| v.parse().ok()))
}

/// A typed id from the query string (`?child=…`, `?period=…`).
fn query_id<T: From<i64> + 'static>(
    key: &'static str,
) -> impl Fn() -> Option<T> + Copy + Send + Sync + 'static {
    let q = query_i64(key);
    move || q().map(T::from)
}

/// A date (`2026-11-16`) from the query string.
fn query_date(key: &'static str) -> impl Fn() -> Option<NaiveDate> + Copy + Send + Sync + 'static {
    let q = use_query_map();
    move || {
        q.with(|q| {
            q.get(key)
                .and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())
        })
    }
}
