//! The attendance page: missed lessons by subject for a period, and in all.

use leptos::prelude::*;

use super::marks::marks_page;
use super::switcher::{DiaryFrame, PeriodPicker};
use super::t;
use crate::domain::attendance::Tally;
use crate::model::diary::MarksView;

#[component]
pub fn AttendancePage() -> impl IntoView {
    marks_page(|m| view! { <AttendanceView view=m /> }.into_any())
}

#[component]
fn AttendanceView(view: MarksView) -> impl IntoView {
    let child = view.scope.student.id;
    let mut total = Tally::default();
    for s in &view.subjects {
        total.merge(&s.attendance);
    }
    let row = |name: String, t: Tally, class: &'static str| {
        view! {
            <tr class=class>
                <th scope="row">{name}</th>
                <td>{t.absent}</td>
                <td>{t.ill}</td>
                <td>{t.excused}</td>
                <td>{t.late}</td>
                <td>
                    <b>{t.missed()}</b>
                </td>
            </tr>
        }
    };
    view! {
        <DiaryFrame scope=view.scope.clone()>
            <PeriodPicker periods=view.periods.clone() current=view.period.id child base="/diary/attendance" />
            <div class="table-scroll">
                <table class="attendance-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().subject_col}</th>
                            <th scope="col">{move || t().att_absent}</th>
                            <th scope="col">{move || t().att_ill}</th>
                            <th scope="col">{move || t().att_excused}</th>
                            <th scope="col">{move || t().att_late}</th>
                            <th scope="col">{move || t().att_missed}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {view.subjects.into_iter().map(|s| row(s.subject, s.attendance, "")).collect_view()}
                    </tbody>
                    <tfoot>{row(t().att_total.to_string(), total, "total")}</tfoot>
                </table>
            </div>
        </DiaryFrame>
    }
}
