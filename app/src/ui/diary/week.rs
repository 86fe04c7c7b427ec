//! The week page: each school day's lessons with marks, attendance and the
//! homework due.

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;

use super::homework::Attachments;
use super::marks::MarkChip;
use super::switcher::DiaryFrame;
use super::{query_date, query_id, t};
use crate::api::diary::diary_week;
use crate::domain::attendance::Category;
use crate::domain::calendar::day_label;
use crate::domain::ids::PersonId;
use crate::i18n::{use_lang, Lang};
use crate::model::diary::{LessonView, WeekView};
use crate::ui::page::{page_or_error, Loading};

fn attendance_class(c: Category) -> &'static str {
    match c {
        Category::Absent => "att att-absent",
        Category::Ill => "att att-ill",
        Category::Excused => "att att-excused",
        Category::Late => "att att-late",
    }
}

#[component]
pub fn WeekPage() -> impl IntoView {
    let child = query_id::<PersonId>("child");
    let week = query_date("week");
    let data = Resource::new(move || (child(), week()), |(c, w)| diary_week(c, w));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |w| view! { <WeekView week=w /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn WeekView(week: WeekView) -> impl IntoView {
    let lang = use_lang();
    let child = week.scope.student.id;
    let today = week.scope.today;
    let link = move |monday: NaiveDate| format!("/diary?child={child}&week={monday}");
    let prev = link(week.monday - Duration::days(7));
    let next = link(week.monday + Duration::days(7));
    let this_week = format!("/diary?child={child}");
    view! {
        <DiaryFrame scope=week.scope.clone()>
            <nav class="week-nav">
                <A href=prev attr:class="button-link" attr:rel="prev">
                    {move || t().week_prev}
                </A>
                <A href=this_week attr:class="button-link">
                    {move || t().week_today}
                </A>
                <A href=next attr:class="button-link" attr:rel="next">
                    {move || t().week_next}
                </A>
            </nav>
            <div class="week" data-monday=week.monday.to_string()>
                {week
                    .days
                    .into_iter()
                    .map(|day| {
                        let is_today = day.date == today;
                        let date = day.date;
                        view! {
                            <section
                                class="day card"
                                class:today=is_today
                                data-date=day.date.to_string()
                                aria-current=if is_today { "date" } else { "false" }
                            >
                                <h2>
                                    {move || day_label(date, lang.get() == Lang::En)}
                                    {is_today.then(|| view! { <span class="chip">{move || t().today_badge}</span> })}
                                </h2>
                                {day.lessons.is_empty().then(|| view! { <p class="muted">{move || t().no_lessons}</p> })}
                                <ol class="lessons">
                                    {day.lessons.into_iter().map(|l| view! { <LessonRow lesson=l /> }).collect_view()}
                                </ol>
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
        </DiaryFrame>
    }
}

#[component]
fn LessonRow(lesson: LessonView) -> impl IntoView {
    let time = match (&lesson.starts_at, &lesson.ends_at) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    };
    view! {
        <li class="lesson" data-lesson=lesson.id.0>
            <div class="lesson-when">
                <span class="lesson-no">{lesson.number}</span>
                <span class="muted small">{time}</span>
            </div>
            <div class="lesson-body">
                <div class="lesson-title">
                    <strong class="lesson-subject">{lesson.subject.clone()}</strong>
                    <span class="lesson-marks">
                        {lesson.marks.into_iter().map(|m| view! { <MarkChip mark=m /> }).collect_view()}
                        {lesson
                            .attendance
                            .map(|a| {
                                let (name, late) = (a.name.clone(), a.minutes_late);
                                let title = move || match late {
                                    Some(min) => {
                                        let min = u64::try_from(min).unwrap_or(0);
                                        format!("{name} ({})", t().minutes.count(min))
                                    }
                                    None => name.clone(),
                                };
                                view! {
                                    <span class=attendance_class(a.category) title=title>
                                        {a.code}
                                    </span>
                                }
                            })}
                    </span>
                </div>
                <div class="muted small">
                    {lesson.teacher.clone()}
                    {lesson.room.clone().map(|r| view! { " · " {move || t().room} " " {r} })}
                </div>
                {lesson.topic.clone().map(|topic| view! { <div class="lesson-topic">{topic}</div> })}
                {lesson
                    .homework_due
                    .into_iter()
                    .map(|h| {
                        view! {
                            <div class="lesson-homework">
                                <span class="chip chip-soft">{move || t().homework_label}</span>
                                " "
                                {h.text}
                                <Attachments items=h.attachments />
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </li>
    }
}
