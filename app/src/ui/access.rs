//! Registration, e-mail confirmation, the parent's applications and the
//! school officer's queue.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::layout::{LangSwitch, Layout};
use super::page::{page_or_error, Loading};
use crate::api::applications::*;
use crate::domain::applications::{RejectReason, Relation, Status};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang, Texts};

fn t() -> &'static Texts {
    use_lang().get().texts()
}

fn status_label(s: Status) -> &'static str {
    if use_lang().get() == Lang::En {
        s.label_en()
    } else {
        s.label_ru()
    }
}

/// A labelled text input whose error comes from the action's result.
#[component]
fn Field(
    label: fn(&Texts) -> &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.message_for(name));
    view! {
        <label class="field">
            <span>{move || label(t())}</span>
            <input
                type=kind
                name=name
                value=value
                autocomplete=autocomplete
                aria-invalid=move || message().is_some().to_string()
            />
            {move || message().map(|m| view! { <small class="field-error">{m}</small> })}
        </label>
    }
}

// ---------------------------------------------------------------- register

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let pending = action.pending();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = move || matches!(action.value().get(), Some(Ok(_)));
    let email = RwSignal::new(String::new());
    let general = move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Validation(_)))
    };
    view! {
        <main class="auth">
            <div class="auth-top">
                <LangSwitch />
            </div>
            <section class="card auth-card">
                <h1>{move || t().register_title}</h1>
                <Show
                    when=done
                    fallback=move || {
                        view! {
                            <p class="muted">{move || t().register_hint}</p>
                            <ActionForm action=action attr:class="form">
                                <label class="field">
                                    <span>{move || t().email}</span>
                                    <input
                                        type="email"
                                        name="email"
                                        autocomplete="email"
                                        on:input=move |ev| email.set(event_target_value(&ev))
                                    />
                                    {move || {
                                        error
                                            .get()
                                            .and_then(|e| e.message_for("email"))
                                            .map(|m| view! { <small class="field-error">{m}</small> })
                                    }}
                                </label>
                                <Field label=|t| t.password name="password" kind="password" autocomplete="new-password" error />
                                <Field label=|t| t.last_name name="last_name" autocomplete="family-name" error />
                                <Field label=|t| t.first_name name="first_name" autocomplete="given-name" error />
                                <Field label=|t| t.middle_name name="middle_name" autocomplete="additional-name" error />
                                {move || general().map(|e| view! { <p class="alert" role="alert">{e.to_string()}</p> })}
                                <button type="submit" class="primary" disabled=move || pending.get()>
                                    {move || t().create_account}
                                </button>
                            </ActionForm>
                        }
                    }
                >
                    <p class="notice" role="status">
                        {move || t().registered} " " <b>{move || email.get()}</b>
                    </p>
                </Show>
                <p class="hint">
                    <A href="/login">{move || t().have_account}</A>
                </p>
            </section>
        </main>
    }
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let q = use_query_map();
    let token = move || q.with(|q| q.get("token").unwrap_or_default());
    let result = Resource::new(token, confirm_email);
    view! {
        <main class="auth">
            <section class="card auth-card">
                <h1>{move || t().confirm_title}</h1>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match result.await {
                            Ok(()) => view! { <p class="notice" role="status">{move || t().confirmed}</p> }.into_any(),
                            Err(e) => view! { <p class="alert" role="alert">{e.to_string()}</p> }.into_any(),
                        }
                    })}
                </Suspense>
                <p>
                    <A href="/login">{move || t().sign_in}</A>
                </p>
            </section>
        </main>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <main class="auth">
            <section class="card auth-card">
                <h1>{move || t().forgot_title}</h1>
                <Show
                    when=done
                    fallback=move || {
                        view! {
                            <p class="muted">{move || t().forgot_hint}</p>
                            <ActionForm action=action attr:class="form">
                                <Field label=|t| t.email name="email" kind="email" autocomplete="email" error />
                                <button type="submit" class="primary">{move || t().send_link}</button>
                            </ActionForm>
                        }
                    }
                >
                    <p class="notice" role="status">{move || t().link_sent}</p>
                </Show>
                <p class="hint">
                    <A href="/login">{move || t().sign_in}</A>
                </p>
            </section>
        </main>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let q = use_query_map();
    let token = move || q.with(|q| q.get("token").unwrap_or_default());
    let action = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <main class="auth">
            <section class="card auth-card">
                <h1>{move || t().forgot_title}</h1>
                <Show
                    when=done
                    fallback=move || {
                        view! {
                            <ActionForm action=action attr:class="form">
                                <input type="hidden" name="token" prop:value=token />
                                <Field
                                    label=|t| t.new_password
                                    name="password"
                                    kind="password"
                                    autocomplete="new-password"
                                    error
                                />
                                {move || {
                                    error
                                        .get()
                                        .and_then(|e| e.message_for("token"))
                                        .map(|m| view! { <p class="alert" role="alert">{m}</p> })
                                }}
                                <button type="submit" class="primary">{move || t().save_password}</button>
                            </ActionForm>
                        }
                    }
                >
                    <p class="notice" role="status">{move || t().password_saved}</p>
                </Show>
                <p class="hint">
                    <A href="/login">{move || t().sign_in}</A>
                </p>
            </section>
        </main>
    }
}

// ---------------------------------------------------------------- parent

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let file = ServerAction::<FileApplication>::new();
    let withdraw = ServerAction::<WithdrawApplication>::new();
    let data = Resource::new(
        move || (file.version().get(), withdraw.version().get()),
        |_| my_applications(),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |v| view! { <ApplicationsView view=v file withdraw /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn ApplicationsView(
    view: MyApplicationsView,
    file: ServerAction<FileApplication>,
    withdraw: ServerAction<WithdrawApplication>,
) -> impl IntoView {
    let empty = view.applications.is_empty();
    view! {
        <Layout user=view.user.clone()>
            <h1>{move || t().my_applications}</h1>
            {empty.then(|| view! { <p class="muted">{move || t().no_applications}</p> })}
            <ul class="applications">
                {view
                    .applications
                    .into_iter()
                    .map(|a| view! { <ApplicationCard app=a withdraw /> })
                    .collect_view()}
            </ul>
            <NewApplication schools=view.schools parent=view.parent_name file />
        </Layout>
    }
}

#[component]
fn ApplicationCard(
    app: ApplicationView,
    withdraw: ServerAction<WithdrawApplication>,
) -> impl IntoView {
    let open = app.status.is_open();
    let id = app.id;
    let status = app.status;
    view! {
        <li class="card application" data-application=app.id data-status=app.status.as_str()>
            <div class="application-head">
                <strong>{app.child.full()}</strong>
                <span class=format!("chip status-{}", app.status.as_str())>{move || status_label(status)}</span>
            </div>
            <p class="muted small">
                {app.school_name.clone()} " · " {app.class_name.clone().unwrap_or_default()} " · № " {app.id}
            </p>
            {app
                .reject_reason
                .map(|r| {
                    view! {
                        <p class="alert reject-reason">
                            {move || t().reason} ": " {r.label_ru()}
                            {app.reject_comment.clone().map(|c| view! { ". " {c} })}
                        </p>
                    }
                })}
            <details>
                <summary>{move || t().history}</summary>
                <ol class="history">
                    {app
                        .history
                        .into_iter()
                        .map(|e| {
                            let s = e.status;
                            view! {
                                <li>
                                    {e.at.format("%d.%m.%Y %H:%M").to_string()} " — " {move || status_label(s)}
                                    {e.actor.map(|a| view! { " · " {a} })} {e.note.map(|n| view! { " · " {n} })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </details>
            {open
                .then(|| {
                    view! {
                        <ActionForm action=withdraw attr:class="inline">
                            <input type="hidden" name="id" value=id.to_string() />
                            <button type="submit" class="ghost">{move || t().withdraw}</button>
                        </ActionForm>
                    }
                })}
        </li>
    }
}

#[component]
fn NewApplication(
    schools: Vec<SchoolOption>,
    parent: Option<crate::domain::names::FullName>,
    file: ServerAction<FileApplication>,
) -> impl IntoView {
    let error = Signal::derive(move || file.value().get().and_then(Result::err));
    let pending = file.pending();
    let school = RwSignal::new(schools.first().map(|s| s.id).unwrap_or(0));
    let classes = {
        let schools = schools.clone();
        move || {
            schools
                .iter()
                .find(|s| s.id == school.get())
                .map(|s| s.classes.clone())
                .unwrap_or_default()
        }
    };
    let p = parent.unwrap_or(crate::domain::names::FullName {
        last: String::new(),
        first: String::new(),
        middle: None,
    });
    let general = move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Validation(_)))
    };
    let msg = move |f: &'static str| move || error.get().and_then(|e| e.message_for(f));
    view! {
        <section class="card new-application">
            <h2>{move || t().new_application}</h2>
            <p class="muted">{move || t().application_hint}</p>
            <ActionForm action=file attr:class="form">
                <label class="field">
                    <span>{move || t().school}</span>
                    <select name="school" on:change=move |ev| school.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {schools
                            .iter()
                            .map(|s| view! { <option value=s.id.to_string()>{s.name.clone()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || t().class}</span>
                    <select name="class">
                        {move || {
                            classes()
                                .into_iter()
                                .map(|c| view! { <option value=c.id.to_string()>{c.name}</option> })
                                .collect_view()
                        }}
                    </select>
                    {move || msg("class")().map(|m| view! { <small class="field-error">{m}</small> })}
                </label>
                <fieldset>
                    <legend>{move || t().parent_section}</legend>
                    <Field label=|t| t.last_name name="parent_last" value=p.last.clone() error />
                    <Field label=|t| t.first_name name="parent_first" value=p.first.clone() error />
                    <Field label=|t| t.middle_name name="parent_middle" value=p.middle.clone().unwrap_or_default() error />
                    <label class="field">
                        <span>{move || t().relation}</span>
                        <select name="relation">
                            {Relation::ALL
                                .into_iter()
                                .map(|r| view! { <option value=r.as_str()>{r.label_ru()}</option> })
                                .collect_view()}
                        </select>
                    </label>
                </fieldset>
                <fieldset>
                    <legend>{move || t().child_section}</legend>
                    <Field label=|t| t.last_name name="child_last" error />
                    <Field label=|t| t.first_name name="child_first" error />
                    <Field label=|t| t.middle_name name="child_middle" error />
                    <Field label=|t| t.birth_date name="child_birth_date" kind="date" error />
                </fieldset>
                {move || general().map(|e| view! { <p class="alert" role="alert">{e.to_string()}</p> })}
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || t().file}
                </button>
            </ActionForm>
        </section>
    }
}

// ---------------------------------------------------------------- officer

#[component]
pub fn OfficerQueuePage() -> impl IntoView {
    let q = use_query_map();
    let status = move || q.with(|q| q.get("status"));
    let class = move || q.with(|q| q.get("class").and_then(|c| c.parse::<i64>().ok()));
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
                            <li class="card queue-item" data-application=i.id data-status=i.status.as_str()>
                                <A href=format!("/officer/{}", i.id)>
                                    <strong>{i.child.full()}</strong>
                                </A>
                                <span class=format!("chip status-{}", i.status.as_str())>{move || status_label(s)}</span>
                                <span class="chip" class:chip-warn=!i.roster_match>
                                    {move || if i.roster_match { t().roster_ok } else { t().roster_missing }}
                                </span>
                                <div class="muted small">
                                    {i.class_name.clone().unwrap_or_default()} " · "
                                    {i.child_birth_date.format("%d.%m.%Y").to_string()} " · " {i.parent.full()} " · № "
                                    {i.id}
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
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
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
                {move || t().application} " № " {app.id} " "
                <span class=format!("chip status-{}", status.as_str())>{move || status_label(status)}</span>
            </h1>
            <p class="muted">
                {app.parent.full()} " (" {app.relation.label_ru()} ") · " {app.parent_email.clone()} " · "
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
                                        .filter(|e| !matches!(e, AppError::Validation(_)))
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
                                            .map(|r| view! { <option value=r.as_str()>{r.label_ru()}</option> })
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
            <details>
                <summary>{move || t().history}</summary>
                <ol class="history">
                    {app
                        .history
                        .iter()
                        .map(|e| {
                            let s = e.status;
                            view! {
                                <li>
                                    {e.at.format("%d.%m.%Y %H:%M").to_string()} " — " {move || status_label(s)}
                                    {e.actor.clone().map(|a| view! { " · " {a} })}
                                    {e.note.clone().map(|n| view! { " · " {n} })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </details>
        </Layout>
    }
}
