//! The parent's and student's diary pages.

use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_query_map};

use super::layout::Layout;
use super::page::{page_or_error, Loading};
use crate::api::diary::*;
use crate::domain::attendance::{Category, Tally};
use crate::domain::calendar::{day_label, short_date};
use crate::domain::grades::{Average, RoundingPolicy};
use crate::i18n::{use_lang, Lang, Texts};

fn t() -> &'static Texts {
    use_lang().get().texts()
}

pub(crate) fn query_i64(
    key: &'static str,
) -> impl Fn() -> Option<i64> + Copy + Send + Sync + 'static {
    let q = use_query_map();
    move || q.with(|q| q.get(key).and_then(|v| v.parse().ok()))
}

fn query_date(key: &'static str) -> impl Fn() -> Option<NaiveDate> + Copy + Send + Sync + 'static {
    let q = use_query_map();
    move || {
        q.with(|q| {
            q.get(key)
                .and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())
        })
    }
}

/// The child switcher and the page for the chosen child.
#[component]
fn DiaryFrame(scope: DiaryScope, children: Children) -> impl IntoView {
    let path = use_location().pathname;
    let many = scope.children.len() > 1;
    let selected = scope.student.id.0;
    view! {
        <Layout user=scope.user.clone()>
            <section class="diary-head">
                {many
                    .then(|| {
                        view! {
                            <nav class="switcher" aria-label=move || t().children_switch>
                                {scope
                                    .children
                                    .iter()
                                    .map(|c| {
                                        let id = c.id.0;
                                        let label = format!(
                                            "{} {}",
                                            c.name.first,
                                            c.class_name.clone().unwrap_or_default(),
                                        );
                                        view! {
                                            <A
                                                href=move || format!("{}?child={id}", path.get())
                                                attr:class="child-tab"
                                                attr:aria-current=if id == selected { "true" } else { "false" }
                                                attr:data-child=id
                                            >
                                                {label}
                                            </A>
                                        }
                                    })
                                    .collect_view()}
                            </nav>
                        }
                    })}
                <h1 class="student-name">
                    {scope.student.name.full()}
                    {scope.student.class_name.clone().map(|c| view! { <span class="chip">{c}</span> })}
                </h1>
            </section>
            {children()}
        </Layout>
    }
}

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

#[component]
fn MarkChip(mark: MarkView) -> impl IntoView {
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

fn attendance_class(c: Category) -> &'static str {
    match c {
        Category::Absent => "att att-absent",
        Category::Ill => "att att-ill",
        Category::Excused => "att att-excused",
        Category::Late => "att att-late",
    }
}

// ---------------------------------------------------------------- week

#[component]
pub fn WeekPage() -> impl IntoView {
    let child = query_i64("child");
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
    let child = week.scope.student.id.0;
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
        <li class="lesson" data-lesson=lesson.id>
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
                                let title = match a.minutes_late {
                                    Some(min) => format!("{} ({min} мин)", a.name),
                                    None => a.name.clone(),
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

#[component]
fn Attachments(items: Vec<AttachmentView>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul class="attachments">
                {items
                    .into_iter()
                    .map(|a| {
                        view! {
                            <li>
                                <a href=format!("/files/{}", a.id) download>
                                    {a.file_name}
                                </a>
                                <span class="muted small">" " {format!("{} КБ", (a.size_bytes + 1023) / 1024)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

// ---------------------------------------------------------------- marks

#[component]
pub fn MarksPage() -> impl IntoView {
    let child = query_i64("child");
    let period = query_i64("period");
    let data = Resource::new(move || (child(), period()), |(c, p)| diary_marks(c, p));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |m| view! { <MarksView view=m /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn PeriodPicker(
    periods: Vec<PeriodRef>,
    current: i64,
    child: i64,
    base: &'static str,
) -> impl IntoView {
    view! {
        <nav class="periods" aria-label=move || t().period_label>
            {periods
                .into_iter()
                .map(|p| {
                    let href = format!("{base}?child={child}&period={}", p.id);
                    view! {
                        <A href=href attr:aria-current=if p.id == current { "true" } else { "false" }>
                            {p.name.clone()}
                            {p.locked.then(|| view! { <span class="locked">" (" {move || t().locked} ")"</span> })}
                        </A>
                    }
                })
                .collect_view()}
        </nav>
    }
}

#[component]
fn MarksView(view: MarksView) -> impl IntoView {
    let child = view.scope.student.id.0;
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
        <details class="subject card" data-section=subject.section_id>
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

// ---------------------------------------------------------------- attendance

#[component]
pub fn AttendancePage() -> impl IntoView {
    let child = query_i64("child");
    let period = query_i64("period");
    let data = Resource::new(move || (child(), period()), |(c, p)| diary_marks(c, p));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |m| view! { <AttendanceView view=m /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn AttendanceView(view: MarksView) -> impl IntoView {
    let child = view.scope.student.id.0;
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

// ---------------------------------------------------------------- homework

#[component]
pub fn HomeworkPage() -> impl IntoView {
    let child = query_i64("child");
    let data = Resource::new(child, diary_homework);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |h| view! { <HomeworkView view=h /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn HomeworkList(items: Vec<HomeworkView>, class: &'static str) -> impl IntoView {
    let empty = items.is_empty();
    view! {
        {empty.then(|| view! { <p class="muted">{move || t().no_homework}</p> })}
        <ul class=format!("homework-list {class}")>
            {items
                .into_iter()
                .map(|h| {
                    view! {
                        <li class="card homework" data-homework=h.id>
                            <div class="homework-head">
                                <strong>{h.subject.clone()}</strong>
                                <span class="muted small">
                                    {move || t().due_on} " " {short_date(h.due_on)}
                                    {h.set_on.map(|d| view! { " · " {move || t().set_on} " " {short_date(d)} })}
                                </span>
                            </div>
                            <p>{h.text.clone()}</p>
                            <Attachments items=h.attachments.clone() />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn HomeworkView(view: HomeworkListView) -> impl IntoView {
    view! {
        <DiaryFrame scope=view.scope.clone()>
            <section>
                <h2>{move || t().upcoming}</h2>
                <HomeworkList items=view.upcoming class="upcoming" />
            </section>
            <section>
                <h2>{move || t().past_due}</h2>
                <HomeworkList items=view.past class="past" />
            </section>
        </DiaryFrame>
    }
}

// ---------------------------------------------------------------- news

#[component]
pub fn NewsPage() -> impl IntoView {
    let child = query_i64("child");
    let data = Resource::new(child, diary_news);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |n| view! { <NewsView view=n /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn NewsView(view: NewsView) -> impl IntoView {
    let no_announcements = view.announcements.is_empty();
    let no_remarks = view.remarks.is_empty();
    view! {
        <DiaryFrame scope=view.scope.clone()>
            <section>
                <h2>{move || t().announcements}</h2>
                {no_announcements.then(|| view! { <p class="muted">{move || t().nothing_here}</p> })}
                {view
                    .announcements
                    .into_iter()
                    .map(|a| {
                        view! {
                            <article class="card announcement">
                                <h3>{a.title}</h3>
                                <p>{a.body}</p>
                                <p class="muted small">
                                    {a.author} " · " {a.at.format("%d.%m.%Y").to_string()} " · "
                                    {match a.class_name {
                                        Some(c) => c.into_any(),
                                        None => view! { {move || t().whole_school} }.into_any(),
                                    }}
                                </p>
                            </article>
                        }
                    })
                    .collect_view()}
            </section>
            <section>
                <h2>{move || t().remarks}</h2>
                {no_remarks.then(|| view! { <p class="muted">{move || t().nothing_here}</p> })}
                {view
                    .remarks
                    .into_iter()
                    .map(|r| {
                        view! {
                            <article class="card remark" class:praise=r.praise>
                                <span class="chip">
                                    {move || if r.praise { t().praise } else { t().remark }}
                                </span>
                                <p>{r.text}</p>
                                <p class="muted small">{r.author} " · " {r.at.format("%d.%m.%Y").to_string()}</p>
                            </article>
                        }
                    })
                    .collect_view()}
            </section>
        </DiaryFrame>
    }
}
