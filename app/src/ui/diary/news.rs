//! The news page: the school's and class's announcements, and teachers'
//! remarks and praise.

use leptos::prelude::*;

use super::switcher::DiaryFrame;
use super::{query_id, t};
use crate::api::diary::diary_news;
use crate::domain::ids::PersonId;
use crate::model::diary::NewsView;
use crate::ui::page::{page_or_error, Loading};

#[component]
pub fn NewsPage() -> impl IntoView {
    let child = query_id::<PersonId>("child");
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
