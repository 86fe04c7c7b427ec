//! The inbox, a thread, and writing to a child's teacher.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::layout::Layout;
use super::page::{page_or_error, Loading};
use crate::api::messages::*;
use crate::domain::ids::ThreadId;
use crate::domain::messages::{BODY_MAX, SUBJECT_MAX};
use crate::i18n::{use_lang, Texts};
use crate::model::messages::*;

fn t() -> &'static Texts {
    use_lang().get().texts()
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let start = ServerAction::<StartThread>::new();
    let data = Resource::new(move || start.version().get(), |_| inbox());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |v| view! { <InboxView view=v start /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn InboxView(view: InboxView, start: ServerAction<StartThread>) -> impl IntoView {
    let empty = view.threads.is_empty();
    let can_write = !view.recipients.is_empty();
    view! {
        <Layout user=view.user.clone()>
            <h1>
                {move || t().inbox}
                {(view.unread_total > 0)
                    .then(|| {
                        view! {
                            " "
                            <span class="chip unread-total">
                                {move || t().unread.count(view.unread_total)}
                            </span>
                        }
                    })}
            </h1>
            {empty.then(|| view! { <p class="muted">{move || t().no_threads}</p> })}
            <ul class="threads">
                {view
                    .threads
                    .into_iter()
                    .map(|th| {
                        view! {
                            <li class="card thread" class:has-unread={th.unread > 0} data-thread=th.id.0>
                                <A href=format!("/messages/{}", th.id)>
                                    <strong class="thread-subject">{th.subject.clone()}</strong>
                                </A>
                                {(th.unread > 0).then(|| view! { <span class="badge">{th.unread}</span> })}
                                <div class="muted small">
                                    {th.with.clone()}
                                    {th.student_name.clone().map(|s| view! { " · " {s} })} " · "
                                    {th.last_message_at.format("%d.%m.%Y %H:%M").to_string()}
                                </div>
                                <p class="preview">{th.preview.clone()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {can_write.then(|| view! { <NewMessage recipients=view.recipients.clone() start /> })}
        </Layout>
    }
}

#[component]
fn NewMessage(recipients: Vec<Recipient>, start: ServerAction<StartThread>) -> impl IntoView {
    let error = move || start.value().get().and_then(Result::err);
    let pending = start.pending();
    let choice = RwSignal::new(0usize);
    let chosen = {
        let r = recipients.clone();
        move || r.get(choice.get()).cloned()
    };
    let student = {
        let chosen = chosen.clone();
        move || {
            chosen()
                .map(|r| r.student_id.to_string())
                .unwrap_or_default()
        }
    };
    let teacher = move || {
        chosen()
            .map(|r| r.teacher_user_id.to_string())
            .unwrap_or_default()
    };
    view! {
        <section class="card new-message">
            <h2>{move || t().new_message}</h2>
            <ActionForm action=start attr:class="form">
                <label class="field">
                    <span>{move || t().to_whom}</span>
                    <select
                        name="recipient"
                        on:change=move |ev| {
                            choice.set(event_target_value(&ev).parse().unwrap_or(0));
                        }
                    >
                        {recipients
                            .iter()
                            .enumerate()
                            .map(|(i, r)| {
                                view! {
                                    <option value=i.to_string()>
                                        {format!(
                                            "{} — {} ({})",
                                            r.teacher_name,
                                            r.subjects.join(", "),
                                            r.student_name,
                                        )}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <input type="hidden" name="student" prop:value=student />
                <input type="hidden" name="teacher" prop:value=teacher />
                <label class="field">
                    <span>{move || t().msg_subject}</span>
                    <input type="text" name="subject" maxlength=SUBJECT_MAX required />
                    {move || {
                        error()
                            .and_then(|e| e.message_for("subject"))
                            .map(|m| view! { <small class="field-error">{m}</small> })
                    }}
                </label>
                <label class="field">
                    <span>{move || t().msg_body}</span>
                    <textarea name="body" rows="5" maxlength=BODY_MAX required></textarea>
                    {move || {
                        error().and_then(|e| e.message_for("body")).map(|m| view! { <small class="field-error">{m}</small> })
                    }}
                </label>
                {move || {
                    error()
                        .filter(|e| e.message_for("subject").is_none() && e.message_for("body").is_none())
                        .map(|e| view! { <p class="alert" role="alert">{e.to_string()}</p> })
                }}
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || if pending.get() { t().sending } else { t().send }}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        ThreadId(params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0)))
    };
    let reply = ServerAction::<ReplyMessage>::new();
    let data = Resource::new(
        move || (id(), reply.version().get()),
        |(id, _)| message_thread(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |v| view! { <ThreadView view=v reply /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn ThreadView(view: ThreadView, reply: ServerAction<ReplyMessage>) -> impl IntoView {
    let error = move || reply.value().get().and_then(Result::err);
    let pending = reply.pending();
    let form = NodeRef::<leptos::html::Form>::new();
    // Clear the box once an answer went through.
    Effect::new(move |_| {
        if let Some(Ok(())) = reply.value().get() {
            if let Some(f) = form.get() {
                f.reset();
            }
        }
    });
    view! {
        <Layout user=view.user.clone()>
            <A href="/messages" attr:class="back">
                {move || t().back_to_inbox}
            </A>
            <h1 class="thread-title">{view.subject.clone()}</h1>
            <p class="muted small">
                {view.participants.join(", ")} {view.student_name.clone().map(|s| view! { " · " {s} })}
            </p>
            <ol class="messages">
                {view
                    .messages
                    .into_iter()
                    .map(|m| {
                        view! {
                            <li class="message" class:mine=m.mine data-message=m.id.0>
                                <div class="message-meta muted small">
                                    {m.author.clone()} " · " {m.at.format("%d.%m.%Y %H:%M").to_string()}
                                </div>
                                <p class="message-body">{m.body.clone()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <ActionForm action=reply node_ref=form attr:class="form reply">
                <input type="hidden" name="thread" value=view.id.to_string() />
                <label class="field">
                    <span>{move || t().reply}</span>
                    <textarea name="body" rows="4" maxlength=BODY_MAX required></textarea>
                    {move || {
                        error().and_then(|e| e.message_for("body")).map(|m| view! { <small class="field-error">{m}</small> })
                    }}
                </label>
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || if pending.get() { t().sending } else { t().send }}
                </button>
            </ActionForm>
        </Layout>
    }
}
