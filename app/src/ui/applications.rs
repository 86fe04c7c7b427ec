//! The parent's applications: the ones filed, with their history, and the
//! form for a new one; with the status chip and history both sides show.

use leptos::prelude::*;

use super::accounts::{t, Field};
use super::layout::Layout;
use super::page::{page_or_error, Loading};
use crate::api::applications::*;
use crate::domain::applications::{Relation, Status};
use crate::domain::ids::SchoolId;
use crate::domain::names::FullName;
use crate::error::AppError;
use crate::i18n::applications::{self, ApplicationTexts};
use crate::i18n::use_lang;
use crate::model::applications::*;

/// The applications' words in the current language.
pub(super) fn at() -> &'static ApplicationTexts {
    applications::texts(use_lang().get())
}

pub(super) fn status_label(s: Status) -> &'static str {
    at().status(s)
}

/// An application's status as a coloured chip.
#[component]
pub(super) fn StatusChip(status: Status) -> impl IntoView {
    view! { <span class=format!("chip status-{}", status.as_str())>{move || status_label(status)}</span> }
}

/// The transitions of an application, oldest first, folded away.
#[component]
pub(super) fn History(events: Vec<EventView>) -> impl IntoView {
    view! {
        <details>
            <summary>{move || t().history}</summary>
            <ol class="history">
                {events
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
    }
}

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
        <li class="card application" data-application=app.id.0 data-status=app.status.as_str()>
            <div class="application-head">
                <strong>{app.child.full()}</strong>
                <StatusChip status />
            </div>
            <p class="muted small">
                {app.school_name.clone()} " · " {app.class_name.clone().unwrap_or_default()} " · № " {app.id.0}
            </p>
            {app
                .reject_reason
                .map(|r| {
                    view! {
                        <p class="alert reject-reason">
                            {move || t().reason} ": " {move || at().reason(r)}
                            {app.reject_comment.clone().map(|c| view! { ". " {c} })}
                        </p>
                    }
                })}
            <History events=app.history />
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
    parent: Option<FullName>,
    file: ServerAction<FileApplication>,
) -> impl IntoView {
    let error = Signal::derive(move || file.value().get().and_then(Result::err));
    let pending = file.pending();
    let school = RwSignal::new(schools.first().map(|s| s.id).unwrap_or(SchoolId(0)));
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
    let p = parent.unwrap_or(FullName {
        last: String::new(),
        first: String::new(),
        middle: None,
    });
    let general = move || error.get().filter(AppError::is_general);
    let msg = move |f: &'static str| move || error.get().and_then(|e| e.message_for(f));
    view! {
        <section class="card new-application">
            <h2>{move || t().new_application}</h2>
            <p class="muted">{move || t().application_hint}</p>
            <ActionForm action=file attr:class="form">
                <label class="field">
                    <span>{move || t().school}</span>
                    <select name="school" on:change=move |ev| school.set(SchoolId(event_target_value(&ev).parse().unwrap_or(0)))>
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
                                .map(|r| view! { <option value=r.as_str()>{move || at().relation(r)}</option> })
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
