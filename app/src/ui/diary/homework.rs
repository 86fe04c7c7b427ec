//! The homework page: what is due soon and what was due recently; and the
//! list of a homework's attached files, which the week shows too.

use leptos::prelude::*;

use super::switcher::DiaryFrame;
use super::{query_id, t};
use crate::api::diary::diary_homework;
use crate::domain::calendar::short_date;
use crate::domain::ids::PersonId;
use crate::model::diary::{AttachmentView, HomeworkListView, HomeworkView};
use crate::ui::page::{page_or_error, Loading};

/// Links to download a homework's files, with their sizes.
#[component]
pub(super) fn Attachments(items: Vec<AttachmentView>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <ul class="attachments">
                {items
                    .into_iter()
                    .map(|a| {
                        let kb = (a.size_bytes + 1023) / 1024;
                        view! {
                            <li>
                                <a href=format!("/files/{}", a.id) download>
                                    {a.file_name}
                                </a>
                                <span class="muted small">" " {move || format!("{kb} {}", t().kilobytes)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn HomeworkPage() -> impl IntoView {
    let child = query_id::<PersonId>("child");
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
                        <li class="card homework" data-homework=h.id.0>
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
