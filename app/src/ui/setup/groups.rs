//! The groups of a class on its screen: for each section taught to a group
//! (English in two), who is in it.

use std::collections::HashSet;

use leptos::prelude::*;

use super::{saved, st, FormError};
use crate::api::setup::SetGroupMembers;
use crate::domain::ids::{PersonId, SectionId};
use crate::model::setup::{ClassDetail, SetupGroup, SetupStudent};

#[component]
pub(super) fn Groups(d: ClassDetail, action: ServerAction<SetGroupMembers>) -> impl IntoView {
    let last = RwSignal::new(None::<SectionId>);
    let students: Vec<SetupStudent> = d.students.clone();
    (!d.groups.is_empty()).then(|| {
        view! {
            <section class="card setup-section" id="groups">
                <h2>{move || st().groups}</h2>
                <p class="muted small">{move || st().groups_hint}</p>
                {d.groups
                    .into_iter()
                    .map(|g| view! { <GroupForm g students=students.clone() action last /> })
                    .collect_view()}
            </section>
        }
    })
}

#[component]
fn GroupForm(
    g: SetupGroup,
    students: Vec<SetupStudent>,
    action: ServerAction<SetGroupMembers>,
    last: RwSignal<Option<SectionId>>,
) -> impl IntoView {
    let id = g.section_id;
    let chosen = RwSignal::new(g.members.iter().copied().collect::<HashSet<PersonId>>());
    let mine = move || last.get() == Some(id);
    let error = Signal::derive(move || {
        mine()
            .then(|| action.value().get().and_then(Result::err))
            .flatten()
    });
    let message = move || {
        error
            .get()
            .and_then(|e| e.message_for("students"))
            .map(|m| view! { <p class="field-error" role="alert">{m}</p> })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        last.set(Some(id));
        let mut students: Vec<PersonId> = chosen.get_untracked().into_iter().collect();
        students.sort();
        action.dispatch(SetGroupMembers {
            section_id: id,
            students,
        });
    };
    // Those who are in the class now, and former members who left.
    let shown: Vec<SetupStudent> = students
        .into_iter()
        .filter(|s| s.ends_on.is_none() || g.members.contains(&s.id))
        .collect();
    view! {
        <form class="form" on:submit=submit data-group=g.label.clone()>
            <fieldset>
                <legend>{g.label.clone()}</legend>
                {shown
                    .into_iter()
                    .map(|s| {
                        let pid = s.id;
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || chosen.with(|c| c.contains(&pid))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| {
                                            if on {
                                                c.insert(pid);
                                            } else {
                                                c.remove(&pid);
                                            }
                                        });
                                    }
                                />
                                " " {s.name.clone()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {message}
            <FormError error />
            {saved(Signal::derive(move || mine() && matches!(action.value().get(), Some(Ok(())))))}
            <button type="submit" class="primary">{move || st().save}</button>
        </form>
    }
}
