//! A lesson's header, edited in place: topic, default work type, homework
//! and the lesson it is due at, attendance taken.

use leptos::prelude::*;

use super::state::{Grid, Status, Target};
use super::{day_month, jt, jt_untracked};
use crate::domain::ids::{LessonId, WorkTypeId};
use crate::model::journal::GridHomework;

/// The header of a lesson, edited in place: topic, default work type,
/// homework and the lesson it is due at, attendance taken.
#[component]
pub(super) fn LessonEditor(g: Grid) -> impl IntoView {
    move || {
        let c = g.lesson_editor.get()?;
        let sig = g.lesson(c);
        let l = sig.get_untracked().shown;
        let writable = l.writable;
        let topic = RwSignal::new(l.topic.clone().unwrap_or_default());
        let hw = RwSignal::new(
            l.homework
                .as_ref()
                .map(|h| h.text.clone())
                .unwrap_or_default(),
        );
        let due = RwSignal::new(
            l.homework
                .as_ref()
                .and_then(|h| h.due_lesson_id)
                .map(|id| id.to_string())
                .unwrap_or_default(),
        );
        let wt = RwSignal::new(l.work_type_id.map(|id| id.to_string()).unwrap_or_default());
        let taken = RwSignal::new(l.attendance_taken);
        let later: Vec<(LessonId, String)> = (c + 1..g.lessons_n)
            .map(|i| {
                g.lesson(i).with_untracked(|x| {
                    (
                        x.shown.id,
                        format!(
                            "{} · {} {}",
                            day_month(x.shown.date),
                            x.shown.number,
                            jt_untracked().lesson_no
                        ),
                    )
                })
            })
            .collect();
        let save = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let topic = topic.get_untracked();
            let text = hw.get_untracked();
            let due_id = due.get_untracked().parse::<i64>().ok().map(LessonId::from);
            sig.update(|s| {
                s.shown.topic = (!topic.trim().is_empty()).then(|| topic.trim().to_string());
                s.shown.work_type_id = wt.get_untracked().parse::<i64>().ok().map(WorkTypeId::from);
                s.shown.homework = (!text.trim().is_empty()).then(|| GridHomework {
                    text: text.trim().to_string(),
                    due_lesson_id: due_id,
                    due_on: s
                        .shown
                        .homework
                        .as_ref()
                        .map(|h| h.due_on)
                        .unwrap_or(s.shown.date),
                });
                s.shown.attendance_taken = taken.get_untracked();
                s.status = Status::Pending;
            });
            g.enqueue(Target::Lesson(c));
            g.lesson_editor.set(None);
        };
        let title = format!(
            "{} · {} {}",
            day_month(l.date),
            l.number,
            jt_untracked().lesson_no
        );
        let label = title.clone();
        Some(view! {
            <form class="card lesson-editor" on:submit=save aria-label=label>
                <h2>{title}</h2>
                {move || sig.with(|s| s.note.clone()).map(|n| view! { <p class="alert">{n}</p> })}
                <label>
                    <span>{move || jt().topic}</span>
                    <input
                        type="text"
                        name="topic"
                        prop:value=move || topic.get()
                        on:input=move |ev| topic.set(event_target_value(&ev))
                        disabled=!writable
                    />
                </label>
                <label>
                    <span>{move || jt().work_type}</span>
                    <select name="work_type" on:change=move |ev| wt.set(event_target_value(&ev)) disabled=!writable>
                        {g
                            .work_types
                            .get_value()
                            .into_iter()
                            .map(|t| {
                                let selected = wt.get_untracked() == t.id.to_string();
                                view! {
                                    <option value=t.id.0 selected=selected>
                                        {format!("{} (×{},{})", t.name, t.weight_centi / 100, t.weight_centi % 100 / 10)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || jt().homework}</span>
                    <textarea
                        name="homework"
                        rows="3"
                        prop:value=move || hw.get()
                        on:input=move |ev| hw.set(event_target_value(&ev))
                        disabled=!writable
                    ></textarea>
                </label>
                <label>
                    <span>{move || jt().due_at}</span>
                    <select name="due" on:change=move |ev| due.set(event_target_value(&ev)) disabled=!writable>
                        <option value="">{move || jt().next_lesson}</option>
                        {later
                            .into_iter()
                            .map(|(id, label)| {
                                let selected = due.get_untracked() == id.to_string();
                                view! { <option value=id.0 selected=selected>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        name="attendance_taken"
                        prop:checked=move || taken.get()
                        on:change=move |ev| taken.set(event_target_checked(&ev))
                        disabled=!writable
                    />
                    <span>{move || jt().attendance_taken}</span>
                </label>
                <div class="actions">
                    {writable.then(|| view! { <button type="submit" class="primary">{move || jt().save}</button> })}
                    <button type="button" class="ghost" on:click=move |_| g.lesson_editor.set(None)>
                        {move || jt().cancel}
                    </button>
                </div>
            </form>
        })
    }
}
