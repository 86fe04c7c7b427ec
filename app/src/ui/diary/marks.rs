//! The marks page: marks by subject for a period, each subject's average,
//! the suggested period mark, what is needed for the next one, and a trend;
//! and the mark chip the week shows too.

use leptos::prelude::*;

use super::switcher::{DiaryFrame, PeriodPicker};
use super::{query_id, t};
use crate::api::diary::diary_marks;
use crate::domain::calendar::short_date;
use crate::domain::grades::{Average, RoundingPolicy};
use crate::domain::ids::{PeriodId, PersonId};
use crate::model::diary::{average_of, MarkView, MarksView, SubjectMarks};
use crate::ui::page::{page_or_error, Loading};

fn mark_title(m: &MarkView) -> String {
    let mut s = format!(
        "{} · {} {}",
        m.work_type,
        t().of_weight,
        weight_label(m.weight_centi)
    );
    if let Some(c) = &m.comment {
        s.push_str(" · ");
        s.push_str(c);
    }
    if m.excluded {
        s.push_str(" · ");
        s.push_str(t().excluded);
    }
    s
}

fn weight_label(centi: u32) -> String {
    format!("{},{}", centi / 100, (centi % 100) / 10)
}

fn mark_class(m: &MarkView) -> &'static str {
    match m.points {
        Some(5) => "mark mark-5",
        Some(4) => "mark mark-4",
        Some(3) => "mark mark-3",
        Some(_) => "mark mark-2",
        None => "mark",
    }
}

/// One mark, coloured by its value, with its work type, weight and comment as its title.
#[component]
pub(super) fn MarkChip(mark: MarkView) -> impl IntoView {
    let title = mark_title(&mark);
    view! {
        <span
            class=mark_class(&mark)
            class:excluded=mark.excluded
            title=title.clone()
            aria-label=format!("{} — {}", mark.value, title)
            data-weight=mark.weight_centi
            data-points=mark.points
        >
            {mark.value.clone()}
        </span>
    }
}

/// A page on the marks of `?child=…` in `?period=…`, drawn by `view`: the
/// marks page, and the attendance page from the same data.
pub(super) fn marks_page(view: fn(MarksView) -> AnyView) -> impl IntoView {
    let child = query_id::<PersonId>("child");
    let period = query_id::<PeriodId>("period");
    let data = Resource::new(move || (child(), period()), |(c, p)| diary_marks(c, p));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move { page_or_error(data.await, view) })}
        </Suspense>
    }
}

#[component]
pub fn MarksPage() -> impl IntoView {
    marks_page(|m| view! { <MarksView view=m /> }.into_any())
}

#[component]
fn MarksView(view: MarksView) -> impl IntoView {
    let child = view.scope.student.id;
    let policy = view.policy.clone();
    view! {
        <DiaryFrame scope=view.scope.clone()>
            <PeriodPicker periods=view.periods.clone() current=view.period.id child base="/diary/marks" />
            <div class="subjects">
                {view
                    .subjects
                    .into_iter()
                    .map(|s| view! { <SubjectCard subject=s policy=policy.clone() /> })
                    .collect_view()}
            </div>
        </DiaryFrame>
    }
}

#[component]
fn SubjectCard(subject: SubjectMarks, policy: RoundingPolicy) -> impl IntoView {
    let avg = average_of(&subject.marks);
    let suggested = policy.suggest(&avg);
    let heaviest = subject
        .marks
        .iter()
        .map(|m| m.weight_centi)
        .max()
        .unwrap_or(100)
        .max(100);
    let empty = subject.marks.is_empty();
    let marks_for_chart = subject.marks.clone();
    let marks_for_table = subject.marks.clone();
    view! {
        <details class="subject card" data-section=subject.section_id.0>
            <summary>
                <span class="subject-name">{subject.subject.clone()}</span>
                <span class="subject-marks">
                    {subject.marks.into_iter().map(|m| view! { <MarkChip mark=m /> }).collect_view()}
                </span>
                <span class="subject-average" title=move || t().average_col>
                    {avg.display()}
                </span>
                <span class="subject-final" title=move || t().period_mark_col>
                    {subject.period_mark.clone().unwrap_or_default()}
                </span>
            </summary>
            <div class="subject-detail">
                <p class="muted small">{subject.teacher.clone()}</p>
                {empty.then(|| view! { <p class="muted">{move || t().no_marks}</p> })}
                {(!empty)
                    .then(|| {
                        view! {
                            <p>
                                {move || t().average_col} ": " <b class="average-value">{avg.display()}</b>
                                {suggested
                                    .map(|s| {
                                        view! {
                                            " · "
                                            {move || t().suggested}
                                            ": "
                                            <b class="suggested">{s}</b>
                                        }
                                    })}
                            </p>
                            <Needed avg policy=policy.clone() heaviest />
                            <TrendChart marks=marks_for_chart />
                            <div class="table-scroll">
                            <table class="marks-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{move || t().date_col}</th>
                                        <th scope="col">{move || t().marks_col}</th>
                                        <th scope="col">{move || t().work_type_col}</th>
                                        <th scope="col">{move || t().of_weight}</th>
                                        <th scope="col">{move || t().comment_col}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {marks_for_table
                                        .into_iter()
                                        .map(|m| {
                                            view! {
                                                <tr>
                                                    <td>{short_date(m.date)}</td>
                                                    <td>
                                                        <MarkChip mark=m.clone() />
                                                    </td>
                                                    <td>{m.work_type.clone()}</td>
                                                    <td>{weight_label(m.weight_centi)}</td>
                                                    <td>
                                                        {m.comment.clone().unwrap_or_default()}
                                                        {m.excluded.then(|| view! { <i>{move || t().excluded}</i> })}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }
                    })}
            </div>
        </details>
    }
}

/// "What do I need": fives to the next threshold, at weight 1 and at the
/// heaviest weight seen.
#[component]
fn Needed(avg: Average, policy: RoundingPolicy, heaviest: u32) -> impl IntoView {
    let line = move |weight: u32| match policy.marks_needed(&avg, 5, weight) {
        Some((target, n)) => format!(
            "{} «{target}»: {} {n} × «5» ({} {})",
            t().need_for,
            t().need_more,
            t().of_weight,
            weight_label(weight)
        ),
        None if policy.suggest(&avg) == Some(5) => t().need_none.to_string(),
        None => t().need_never.to_string(),
    };
    let mut weights = vec![100];
    if heaviest > 100 {
        weights.push(heaviest);
    }
    view! {
        <ul class="needed">
            {weights
                .into_iter()
                .map(|w| {
                    let line = line.clone();
                    view! { <li>{move || line(w)}</li> }
                })
                .collect_view()}
        </ul>
    }
}

/// The running average after each mark, as a small SVG line.
#[component]
fn TrendChart(marks: Vec<MarkView>) -> impl IntoView {
    const W: f64 = 320.0;
    const H: f64 = 90.0;
    let mut avg = Average::default();
    let points: Vec<f64> = marks
        .iter()
        .filter_map(|m| {
            avg.add(m.weighted()?);
            avg.value()
        })
        .collect();
    let n = points.len();
    let x = move |i: usize| {
        if n <= 1 {
            W / 2.0
        } else {
            8.0 + (W - 16.0) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| 8.0 + (H - 16.0) * (5.0 - v) / 3.0;
    let line = points
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect::<Vec<_>>()
        .join(" ");
    (n > 0).then(|| {
        view! {
            <figure class="trend">
                <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=move || t().trend>
                    {[5.0, 4.0, 3.0, 2.0]
                        .into_iter()
                        .map(|g| {
                            view! {
                                <line class="grid" x1="0" x2=W y1=y(g) y2=y(g) />
                                <text class="grid-label" x="2" y=y(g) - 2.0>
                                    {g as u8}
                                </text>
                            }
                        })
                        .collect_view()}
                    <polyline class="trend-line" points=line.clone() fill="none" />
                    {points
                        .iter()
                        .enumerate()
                        .map(|(i, v)| view! { <circle class="trend-dot" cx=x(i) cy=y(*v) r="3" /> })
                        .collect_view()}
                </svg>
                <figcaption class="muted small">{move || t().trend}</figcaption>
            </figure>
        }
    })
}
