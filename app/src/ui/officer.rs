//! The school officer's pages: the queue of applications, and one
//! application beside the roster with the in-person check and the decision.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::accounts::t;
use super::applications::{at, status_label, History, StatusChip};
use super::layout::Layout;
use super::page::{page_or_error, Loading};
use crate::api::applications::*;
use crate::domain::applications::{RejectReason, Status};
use crate::domain::ids::{ApplicationId, ClassId};
use crate::error::AppError;
use crate::i18n::Texts;
use crate::model::applications::*;

#[component]
pub fn OfficerQueuePage() -> impl IntoView {
    let q = use_query_map();
    let status = move || q.with(|q| q.get("status"));
    let class = move || {
        q.with(|q| {
            q.get("class")
                .and_then(|c| c.parse::<i64>().ok())
                .map(ClassId)
        })
    };
    let data = Resource::new(move || (status(), class()), |(s, c)| officer_queue(s, c));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |v| view! { <QueueView view=v /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn QueueView(view: OfficerQueueView) -> impl IntoView {
    let q = use_query_map();
    let current_status = q.with_untracked(|q| q.get("status").unwrap_or_else(|| "open".into()));
    let current_class = q.with_untracked(|q| q.get("class").unwrap_or_default());
    let empty = view.items.is_empty();
    view! {
        <Layout user=view.user.clone()>
            <h1>{move || t().queue_title} " · " {view.school_name.clone()}</h1>
            <form method="get" action="/officer" class="filters">
                <label>
                    <span>{move || t().status}</span>
                    <select name="status">
                        <option value="open" selected=current_status == "open">{move || t().open_only}</option>
                        {Status::ALL
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <option value=s.as_str() selected=current_status == s.as_str()>
                                        {move || status_label(s)}
                                    </option>
                                }
                            })
                            .collect_view()}
                        <option value="all" selected=current_status == "all">{move || t().all_statuses}</option>
                    </select>
                </label>
                <label>
                    <span>{move || t().class}</span>
                    <select name="class">
                        <option value="">{move || t().all_classes}</option>
                        {view
                            .classes
                            .iter()
                            .map(|c| {
                                view! {
                                    <option value=c.id.to_string() selected=current_class == c.id.to_string()>
                                        {c.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button type="submit">{move || t().filter}</button>
            </form>
            {empty.then(|| view! { <p class="muted">{move || t().no_applications}</p> })}
            <ul class="queue">
                {view
                    .items
                    .into_iter()
                    .map(|i| {
                        let s = i.status;
                        view! {
                            <li class="card queue-item" data-application=i.id.0 data-status=i.status.as_str()>
                                <A href=format!("/officer/{}", i.id)>
                                    <strong>{i.child.full()}</strong>
                                </A>
                                <StatusChip status=s />
                                <span class="chip" class:chip-warn=!i.roster_match>
                                    {move || if i.roster_match { t().roster_ok } else { t().roster_missing }}
                                </span>
                                <div class="muted small">
                                    {i.class_name.clone().unwrap_or_default()} " · "
                                    {i.child_birth_date.format("%d.%m.%Y").to_string()} " · " {i.parent.full()} " · № "
                                    {i.id.0}
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </Layout>
    }
}

#[component]
pub fn OfficerApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        ApplicationId(params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0)))
    };
    let invite = ServerAction::<AwaitSignature>::new();
    let approve = ServerAction::<ApproveApplication>::new();
    let reject = ServerAction::<RejectApplication>::new();
    let data = Resource::new(
        move || {
            (
                id(),
                invite.version().get(),
                approve.version().get(),
                reject.version().get(),
            )
        },
        |(id, ..)| officer_application(id),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(
                    data.await,
                    |v| view! { <OfficerApplicationView view=v invite approve reject /> }.into_any(),
                )
            })}
        </Suspense>
    }
}

#[component]
fn OfficerApplicationView(
    view: OfficerApplicationView,
    invite: ServerAction<AwaitSignature>,
    approve: ServerAction<ApproveApplication>,
    reject: ServerAction<RejectApplication>,
) -> impl IntoView {
    let app = view.application.clone();
    let id = app.id.to_string();
    let status = app.status;
    let relation = app.relation;
    let cmp = view.roster.as_ref().map(|r| RosterComparison::of(&app, r));
    let row = |label: fn(&Texts) -> &'static str,
               ours: String,
               theirs: Option<String>,
               ok: Option<bool>| {
        view! {
            <tr class:mismatch=ok == Some(false)>
                <th scope="row">{move || label(t())}</th>
                <td>{ours}</td>
                <td>{theirs.unwrap_or_else(|| "—".into())}</td>
            </tr>
        }
    };
    let r = view.roster.clone();
    let approve_error = Signal::derive(move || approve.value().get().and_then(Result::err));
    let reject_error = Signal::derive(move || reject.value().get().and_then(Result::err));
    let invite_error = move || invite.value().get().and_then(Result::err);
    view! {
        <Layout user=view.user.clone()>
            <A href="/officer" attr:class="back">
                "← "
                {move || t().queue_title}
            </A>
            <h1>
                {move || t().application} " № " {app.id.0} " "
                <StatusChip status />
            </h1>
            <p class="muted">
                {app.parent.full()} " (" {move || at().relation(relation)} ") · " {app.parent_email.clone()} " · "
                {app.school_name.clone()}
            </p>
            <div class="table-scroll">
                <table class="compare">
                    <thead>
                        <tr>
                            <th scope="col">{move || t().field}</th>
                            <th scope="col">{move || t().application}</th>
                            <th scope="col">{move || t().roster}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {row(|t| t.last_name, app.child.last.clone(), r.as_ref().map(|r| r.name.last.clone()), cmp.map(|c| c.last))}
                        {row(|t| t.first_name, app.child.first.clone(), r.as_ref().map(|r| r.name.first.clone()), cmp.map(|c| c.first))}
                        {row(
                            |t| t.middle_name,
                            app.child.middle.clone().unwrap_or_default(),
                            r.as_ref().map(|r| r.name.middle.clone().unwrap_or_default()),
                            cmp.map(|c| c.middle),
                        )}
                        {row(
                            |t| t.birth_date,
                            app.child_birth_date.format("%d.%m.%Y").to_string(),
                            r.as_ref().and_then(|r| r.birth_date).map(|d| d.format("%d.%m.%Y").to_string()),
                            cmp.map(|c| c.birth_date),
                        )}
                        {row(|t| t.class, app.class_name.clone().unwrap_or_default(), r.as_ref().and_then(|r| r.class_name.clone()), cmp.map(|c| c.class))}
                    </tbody>
                </table>
            </div>
            {view.roster.is_none().then(|| view! { <p class="alert no-match" role="status">{move || t().no_roster_match}</p> })}
            {(!view.candidates.is_empty())
                .then(|| {
                    view! {
                        <h2>{move || t().candidates}</h2>
                        <ul class="candidates">
                            {view
                                .candidates
                                .iter()
                                .map(|c| {
                                    let cc = RosterComparison::of(&app, c);
                                    view! {
                                        <li>
                                            <span class:mismatch=!cc.last>{c.name.last.clone()}</span> " "
                                            <span class:mismatch=!cc.first>{c.name.first.clone()}</span> " "
                                            <span class:mismatch=!cc.middle>{c.name.middle.clone().unwrap_or_default()}</span>
                                            " · "
                                            <span class:mismatch=!cc.birth_date>
                                                {c.birth_date.map(|d| d.format("%d.%m.%Y").to_string()).unwrap_or_default()}
                                            </span> " · " {c.class_name.clone().unwrap_or_default()}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {app.passport_checked.clone().map(|c| view! { <p class="muted">{move || t().checked_by} ": " {c}</p> })}
            {(status == Status::Filed)
                .then(|| {
                    let id = id.clone();
                    view! {
                        <ActionForm action=invite attr:class="inline">
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="primary">{move || t().invite}</button>
                        </ActionForm>
                        {move || invite_error().map(|e| view! { <p class="alert" role="alert">{e.to_string()}</p> })}
                    }
                })}
            {(status == Status::AwaitingSignature)
                .then(|| {
                    let id = id.clone();
                    let msg = move |f: &'static str| move || approve_error.get().and_then(|e| e.message_for(f));
                    view! {
                        <section class="card check">
                            <h2>{move || t().check_title}</h2>
                            <ActionForm action=approve attr:class="form">
                                <input type="hidden" name="id" value=id />
                                <label class="check-row">
                                    <input type="checkbox" name="passport_seen" value="true" />
                                    {move || t().passport_seen}
                                </label>
                                {move || msg("passport_seen")().map(|m| view! { <small class="field-error">{m}</small> })}
                                <label class="check-row">
                                    <input type="checkbox" name="parent_name_matches" value="true" />
                                    {move || t().parent_matches}
                                </label>
                                {move || msg("parent_name_matches")().map(|m| view! { <small class="field-error">{m}</small> })}
                                <label class="check-row">
                                    <input type="checkbox" name="child_name_matches" value="true" />
                                    {move || t().child_matches}
                                </label>
                                {move || msg("child_name_matches")().map(|m| view! { <small class="field-error">{m}</small> })}
                                {move || {
                                    approve_error
                                        .get()
                                        .filter(AppError::is_general)
                                        .map(|e| view! { <p class="alert" role="alert">{e.to_string()}</p> })
                                }}
                                <button type="submit" class="primary">{move || t().approve}</button>
                            </ActionForm>
                        </section>
                    }
                })}
            {status
                .is_open()
                .then(|| {
                    let id = id.clone();
                    view! {
                        <section class="card reject">
                            <h2>{move || t().reject}</h2>
                            <ActionForm action=reject attr:class="form">
                                <input type="hidden" name="id" value=id />
                                <label class="field">
                                    <span>{move || t().reason}</span>
                                    <select name="reason">
                                        {RejectReason::ALL
                                            .into_iter()
                                            .map(|r| view! { <option value=r.as_str()>{move || at().reason(r)}</option> })
                                            .collect_view()}
                                    </select>
                                </label>
                                <label class="field">
                                    <span>{move || t().comment}</span>
                                    <textarea name="comment" rows="3" maxlength="1000"></textarea>
                                    {move || {
                                        reject_error
                                            .get()
                                            .and_then(|e| e.message_for("comment"))
                                            .map(|m| view! { <small class="field-error">{m}</small> })
                                    }}
                                </label>
                                <button type="submit">{move || t().reject}</button>
                            </ActionForm>
                        </section>
                    }
                })}
            <History events=app.history.clone() />
        </Layout>
    }
}
