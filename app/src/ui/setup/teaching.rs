//! What is taught: the subjects, the sections (class × subject × teacher)
//! and the lessons generated from the timetable.

use leptos::prelude::*;

use super::{saved, st, FormError, SetupField};
use crate::api::setup::{AddSection, AddSubject, DeleteSubject, GenerateLessons, RenameSubject};
use crate::domain::ids::SubjectId;
use crate::model::setup::{SetupOverview, SetupSubject};

#[component]
pub(super) fn SubjectsSection(
    o: SetupOverview,
    add: ServerAction<AddSubject>,
    delete: ServerAction<DeleteSubject>,
    rename: ServerAction<RenameSubject>,
) -> impl IntoView {
    let renaming = RwSignal::new(None::<SubjectId>);
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    let (name, short) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    view! {
        <section class="card setup-section" id="subjects">
            <h2>{move || st().subjects_section}</h2>
            <ul class="plain setup-list">
                {o.subjects
                    .iter()
                    .map(|s| {
                        let (unused, sid) = (s.sections == 0, s.id.0);
                        view! {
                            <li data-subject=s.name.clone()>
                                {s.name.clone()} " (" {s.short_name.clone()} ")"
                                {unused.then(|| view! {
                                    <ActionForm action=delete attr:class="inline">
                                        <input type="hidden" name="subject_id" value=sid />
                                        <button type="submit" class="ghost">{move || st().delete}</button>
                                    </ActionForm>
                                })}
                                <RenameSubjectForm s=s.clone() rename renaming />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <FormError error=delete_error />
            <ActionForm action=add attr:class="form" attr:data-form="subject">
                <div class="row">
                    <SetupField label=|t| t.subject_name name="name".into() value=name error posted=true />
                    <SetupField label=|t| t.short_name name="short_name".into() value=short error posted=true />
                </div>
                <FormError error />
                <button type="submit" class="primary">{move || st().add}</button>
            </ActionForm>
        </section>
    }
}

/// A subject's new name, in a fold of its row.
#[component]
fn RenameSubjectForm(
    s: SetupSubject,
    rename: ServerAction<RenameSubject>,
    renaming: RwSignal<Option<SubjectId>>,
) -> impl IntoView {
    let id = s.id;
    let error = Signal::derive(move || {
        (renaming.get() == Some(id))
            .then(|| rename.value().get().and_then(Result::err))
            .flatten()
    });
    let (name, short) = (
        RwSignal::new(s.name.clone()),
        RwSignal::new(s.short_name.clone()),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        renaming.set(Some(id));
        rename.dispatch(RenameSubject {
            subject_id: id,
            name: name.get_untracked(),
            short_name: short.get_untracked(),
        });
    };
    view! {
        <details class="inline-details">
            <summary>{move || st().rename}</summary>
            <form class="form" on:submit=submit data-form="rename-subject">
                <div class="row">
                    <SetupField label=|t| t.subject_name name="name".into() value=name error />
                    <SetupField label=|t| t.short_name name="short_name".into() value=short error />
                </div>
                <FormError error />
                <button type="submit" class="primary">{move || st().save}</button>
            </form>
        </details>
    }
}

#[component]
pub(super) fn SectionsSection(o: SetupOverview, action: ServerAction<AddSection>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let group = RwSignal::new(String::new());
    let message = move |field: &'static str| {
        move || {
            error
                .get()
                .and_then(|e| e.message_for(field))
                .map(|m| view! { <small class="field-error">{m}</small> })
        }
    };
    let class_name = {
        let classes = o.classes.clone();
        move |id| {
            classes
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        }
    };
    view! {
        <section class="card setup-section" id="sections">
            <h2>{move || st().sections_section}</h2>
            <ul class="plain setup-list">
                {o.sections
                    .iter()
                    .map(|s| view! { <li data-section=s.id.0>{class_name(s.class_id)} ": " {s.label.clone()}</li> })
                    .collect_view()}
            </ul>
            <ActionForm action=action attr:class="form" attr:data-form="section">
                <div class="row">
                    <label class="field">
                        <span>{move || st().class_name}</span>
                        <select name="class_id">
                            {o.classes.iter().map(|c| view! { <option value=c.id.0>{c.name.clone()}</option> }).collect_view()}
                        </select>
                        {message("class_id")}
                    </label>
                    <label class="field">
                        <span>{move || st().subject_name}</span>
                        <select name="subject_id">
                            {o.subjects.iter().map(|s| view! { <option value=s.id.0>{s.name.clone()}</option> }).collect_view()}
                        </select>
                        {message("subject_id")}
                    </label>
                    <label class="field">
                        <span>{move || st().teacher}</span>
                        <select name="teacher_id">
                            {o.staff
                                .iter()
                                .filter(|m| m.roles.iter().any(|r| r == "teacher"))
                                .map(|m| view! { <option value=m.person_id.0>{m.name.clone()}</option> })
                                .collect_view()}
                        </select>
                        {message("teacher_id")}
                    </label>
                    <SetupField label=|t| t.group name="group_name".into() value=group error posted=true />
                </div>
                <FormError error />
                {saved(Signal::derive(move || matches!(action.value().get(), Some(Ok(_)))))}
                <button type="submit" class="primary">{move || st().add}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub(super) fn LessonsSection(
    o: SetupOverview,
    action: ServerAction<GenerateLessons>,
) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let report = move || match action.value().get() {
        Some(Ok(g)) => Some(view! {
            <p class="notice" role="status" data-generated=g.created>
                {move || st().saved} ": +" {g.created} " · = " {g.existing} " · − " {g.removed} " · ! " {g.kept}
            </p>
        }),
        _ => None,
    };
    let class_id = RwSignal::new(String::new());
    view! {
        <section class="card setup-section" id="lessons">
            <h2>{move || st().lessons_section}</h2>
            <p class="muted small">{move || st().lessons_hint}</p>
            <ActionForm action=action attr:class="form" attr:data-form="generate">
                <div class="row">
                    <label class="field">
                        <span>{move || st().period}</span>
                        <select name="period_id">
                            {o.years
                                .iter()
                                .flat_map(|y| y.periods.iter().filter(|p| !p.locked).map(move |p| (y.name.clone(), p.clone())))
                                .map(|(y, p)| view! { <option value=p.id.0>{p.name.clone()} " " {y}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{move || st().class_name}</span>
                        <select
                            name=move || (!class_id.get().is_empty()).then_some("class_id")
                            on:change=move |ev| class_id.set(event_target_value(&ev))
                        >
                            <option value="">{move || st().all_classes}</option>
                            {o.classes.iter().map(|c| view! { <option value=c.id.0>{c.name.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                <FormError error />
                {report}
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || st().generate}
                </button>
            </ActionForm>
        </section>
    }
}
