//! The staff (invited by mail, deactivated when they leave) and the
//! classes.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{saved, st, FormError, SetupField};
use crate::api::setup::{AddClass, InviteStaff, SetStaffDisabled};
use crate::domain::roles::Role;
use crate::i18n::use_lang;
use crate::model::setup::SetupOverview;

#[component]
pub(super) fn StaffSection(
    o: SetupOverview,
    invite: ServerAction<InviteStaff>,
    disable: ServerAction<SetStaffDisabled>,
) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let (email, last, first, middle) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let role_name = move |r: &str| {
        Role::parse(r)
            .map(|r| lang.get().texts().role(r))
            .unwrap_or("")
    };
    let me = o.user.id;
    view! {
        <section class="card setup-section" id="staff">
            <h2>{move || st().staff_section}</h2>
            <ul class="plain setup-list">
                {o.staff
                    .iter()
                    .map(|m| {
                        let roles = m.roles.clone();
                        let (user_id, disabled, active) = (m.user_id, m.disabled, m.active);
                        view! {
                            <li data-staff=m.email.clone()>
                                <b>{m.name.clone()}</b> " · " {m.email.clone()} " · "
                                {move || roles.iter().map(|r| role_name(r)).collect::<Vec<_>>().join(", ")}
                                {(!active).then(|| view! { " · " <span class="chip chip-soft">{move || st().invited}</span> })}
                                {disabled.then(|| view! { " · " <span class="chip chip-soft">{move || st().deactivated}</span> })}
                                {(user_id != me).then(|| view! {
                                    <ActionForm action=disable attr:class="inline">
                                        <input type="hidden" name="user_id" value=user_id.0 />
                                        <input type="hidden" name="disabled" value=(!disabled).to_string() />
                                        <button type="submit" class="ghost">
                                            {move || if disabled { st().reactivate } else { st().deactivate }}
                                        </button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ActionForm action=invite attr:class="form" attr:data-form="invite">
                <div class="row">
                    <SetupField label=|t| t.last_name name="last_name".into() value=last error posted=true />
                    <SetupField label=|t| t.first_name name="first_name".into() value=first error posted=true />
                    <SetupField label=|t| t.middle_name name="middle_name".into() value=middle error posted=true />
                </div>
                <div class="row">
                    <SetupField label=|t| t.email name="email".into() kind="email" value=email error posted=true />
                    <label class="field">
                        <span>{move || st().role}</span>
                        <select name="role">
                            {[Role::Teacher, Role::Officer, Role::Admin]
                                .into_iter()
                                .map(|r| view! { <option value=r.as_str()>{move || lang.get().texts().role(r)}</option> })
                                .collect_view()}
                        </select>
                    </label>
                </div>
                <FormError error />
                {saved(Signal::derive(move || matches!(invite.value().get(), Some(Ok(_)))))}
                <button type="submit" class="primary">{move || st().invite}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub(super) fn ClassesSection(o: SetupOverview, action: ServerAction<AddClass>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let (name, grade) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let homeroom = RwSignal::new(String::new());
    let teachers: Vec<_> = o
        .staff
        .iter()
        .filter(|m| m.roles.iter().any(|r| r == "teacher"))
        .cloned()
        .collect();
    let name_of = {
        let staff = o.staff.clone();
        move |id: Option<crate::domain::ids::PersonId>| {
            id.and_then(|id| {
                staff
                    .iter()
                    .find(|m| m.person_id == id)
                    .map(|m| m.name.clone())
            })
        }
    };
    let last_year = o.years.last().map(|y| y.id.0);
    view! {
        <section class="card setup-section" id="classes">
            <h2>{move || st().classes_section}</h2>
            <table class="setup-table">
                <thead>
                    <tr>
                        <th scope="col">{move || st().class_name}</th>
                        <th scope="col">{move || st().homeroom}</th>
                        <th scope="col">{move || st().students}</th>
                        <th scope="col"><span class="sr-only">{move || st().open_class}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {o.classes
                        .iter()
                        .map(|c| {
                            view! {
                                <tr data-class=c.name.clone()>
                                    <th scope="row">{c.name.clone()}</th>
                                    <td>{name_of(c.homeroom_teacher).unwrap_or_default()}</td>
                                    <td>{c.students}</td>
                                    <td><A href=format!("/school/class/{}", c.id.0)>{move || st().open_class}</A></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {last_year.map(|year| view! {
                <ActionForm action=action attr:class="form" attr:data-form="class">
                    <input type="hidden" name="year_id" value=year />
                    <div class="row">
                        <SetupField label=|t| t.class_name name="name".into() value=name error posted=true />
                        <SetupField label=|t| t.grade name="grade".into() kind="number" value=grade error posted=true />
                        <label class="field">
                            <span>{move || st().homeroom}</span>
                            <select
                                name=move || (!homeroom.get().is_empty()).then_some("homeroom_teacher_id")
                                on:change=move |ev| homeroom.set(event_target_value(&ev))
                            >
                                <option value="">{move || st().nobody}</option>
                                {teachers.iter().map(|m| view! {
                                    <option value=m.person_id.0>{m.name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </label>
                    </div>
                    <FormError error />
                    {saved(Signal::derive(move || matches!(action.value().get(), Some(Ok(_)))))}
                    <button type="submit" class="primary">{move || st().add}</button>
                </ActionForm>
            })}
        </section>
    }
}
