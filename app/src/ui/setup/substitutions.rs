//! Substitutions on a class's screen: the lessons of a chosen day, each
//! with its teacher, and who stands in for them.

use leptos::prelude::*;

use super::{st, FormError};
use crate::api::setup::{day_lessons, SetSubstitute};
use crate::domain::ids::{ClassId, LessonId, PersonId};
use crate::model::setup::{DayLesson, SetupStaff};

#[component]
pub(super) fn Substitutions(class_id: ClassId, staff: Vec<SetupStaff>) -> impl IntoView {
    let date = RwSignal::new(String::new());
    let action = ServerAction::<SetSubstitute>::new();
    let done = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            done.update(|n| *n += 1);
        }
    });
    let lessons = Resource::new(
        move || (date.get(), done.get()),
        move |(d, _)| async move {
            if d.is_empty() {
                Ok(Vec::new())
            } else {
                day_lessons(class_id, d).await
            }
        },
    );
    let teachers: Vec<SetupStaff> = staff
        .into_iter()
        .filter(|m| !m.disabled && m.roles.iter().any(|r| r == "teacher"))
        .collect();
    let last = RwSignal::new(None::<LessonId>);
    view! {
        <section class="card setup-section" id="substitutions">
            <h2>{move || st().substitutions}</h2>
            <p class="muted small">{move || st().substitutions_hint}</p>
            <label class="field">
                <span>{move || st().day}</span>
                <input
                    type="date"
                    name="date"
                    prop:value=move || date.get()
                    on:change=move |ev| date.set(event_target_value(&ev))
                />
            </label>
            <Suspense>
                {move || Suspend::new({
                    let teachers = teachers.clone();
                    async move {
                        match lessons.await {
                            Err(e) => view! { <p class="alert" role="alert">{e.to_string()}</p> }.into_any(),
                            Ok(ls) if ls.is_empty() && !date.get_untracked().is_empty() => {
                                view! { <p class="muted">{move || st().no_lessons_that_day}</p> }.into_any()
                            }
                            Ok(ls) => view! {
                                <ul class="plain setup-list">
                                    {ls
                                        .into_iter()
                                        .map(|l| view! { <LessonRow l teachers=teachers.clone() action last /> })
                                        .collect_view()}
                                </ul>
                            }
                            .into_any(),
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn LessonRow(
    l: DayLesson,
    teachers: Vec<SetupStaff>,
    action: ServerAction<SetSubstitute>,
    last: RwSignal<Option<LessonId>>,
) -> impl IntoView {
    let id = l.id;
    let error = Signal::derive(move || {
        (last.get() == Some(id))
            .then(|| action.value().get().and_then(Result::err))
            .flatten()
    });
    let message = move || {
        error
            .get()
            .and_then(|e| e.message_for("teacher_id"))
            .map(|m| view! { <small class="field-error">{m}</small> })
    };
    let chosen = RwSignal::new(l.substitute.map(|p| p.0.to_string()).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        last.set(Some(id));
        action.dispatch(SetSubstitute {
            lesson_id: id,
            teacher_id: chosen.get_untracked().parse::<i64>().ok().map(PersonId),
        });
    };
    let own = l.teacher;
    view! {
        <li data-lesson=l.number>
            <form class="form" on:submit=submit>
                <div class="row">
                    <span class="row-label">{l.number} ". " {l.subject.clone()} " — " {l.teacher_name.clone()}</span>
                    <label class="field">
                        <span>{move || st().substitute}</span>
                        <select
                            name="teacher_id"
                            disabled=l.closed
                            on:change=move |ev| chosen.set(event_target_value(&ev))
                        >
                            <option value="" selected=l.substitute.is_none()>{move || st().no_substitute}</option>
                            {teachers
                                .iter()
                                .filter(|m| m.person_id != own)
                                .map(|m| view! {
                                    <option value=m.person_id.0 selected=l.substitute == Some(m.person_id)>
                                        {m.name.clone()}
                                    </option>
                                })
                                .collect_view()}
                        </select>
                        {message}
                    </label>
                    {(!l.closed).then(|| view! { <button type="submit" class="primary">{move || st().save}</button> })}
                </div>
                <FormError error />
            </form>
        </li>
    }
}
