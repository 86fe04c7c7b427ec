//! One class: its students (`students`) and its weekly timetable, edited
//! as a grid of weekdays × lesson numbers.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::groups::Groups;
use super::students::{StudentActions, Students};
use super::substitutions::Substitutions;
use super::{saved, st, FormError, SetupField};
use crate::api::setup::{load_class, load_setup, ChangeClass, SetGroupMembers, SetTimetable};
use crate::domain::ids::{ClassId, PersonId, SectionId};
use crate::model::setup::{ClassDetail, SetupOverview, SlotForm};
use crate::ui::layout::Layout;
use crate::ui::page::{page_or_error, Loading};

#[component]
pub fn ClassSetupPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()))
            .unwrap_or(0)
    };
    let actions = StudentActions {
        add: ServerAction::new(),
        moved: ServerAction::new(),
        left: ServerAction::new(),
    };
    let week = ServerAction::<SetTimetable>::new();
    let members = ServerAction::<SetGroupMembers>::new();
    let change = ServerAction::<ChangeClass>::new();
    // Read again after a change that succeeded; a refused one keeps what
    // was typed.
    let successes = RwSignal::new(0u32);
    refresh_on_success!(
        successes;
        actions.add,
        actions.moved,
        actions.left,
        change,
        members,
        week
    );
    let data = Resource::new(
        move || (id(), successes.get()),
        |(id, _)| async move {
            let detail = load_class(ClassId(id)).await?;
            let overview = load_setup().await?;
            Ok::<_, crate::error::AppError>((detail, overview))
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |(d, o)| {
                    view! {
                        <Layout user=o.user.clone()>
                            <p><A href="/school">{move || st().back}</A></p>
                            <h1>{move || st().class_title} " " {d.class.name.clone()}</h1>
                            <ClassSettings d=d.clone() o=o.clone() change />
                            <Students d=d.clone() classes=o.classes.clone() actions />
                            <Groups d=d.clone() action=members />
                            <Substitutions class_id=d.class.id staff=o.staff.clone() />
                            <Week d o week />
                        </Layout>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

/// The class's name, grade and class teacher.
#[component]
fn ClassSettings(
    d: ClassDetail,
    o: SetupOverview,
    change: ServerAction<ChangeClass>,
) -> impl IntoView {
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let name = RwSignal::new(d.class.name.clone());
    let grade = RwSignal::new(d.class.grade.to_string());
    let homeroom = RwSignal::new(
        d.class
            .homeroom_teacher
            .map(|p| p.0.to_string())
            .unwrap_or_default(),
    );
    let class_id = d.class.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        change.dispatch(ChangeClass {
            class_id,
            name: name.get_untracked(),
            grade: grade.get_untracked().trim().parse().unwrap_or(0),
            homeroom_teacher_id: homeroom.get_untracked().parse().ok().map(PersonId),
        });
    };
    let current = d.class.homeroom_teacher;
    let teachers: Vec<_> = o
        .staff
        .into_iter()
        .filter(|m| m.roles.iter().any(|r| r == "teacher"))
        .collect();
    view! {
        <details class="card setup-section" id="class-settings">
            <summary>{move || st().class_settings}</summary>
            <form class="form" on:submit=submit data-form="class-settings">
                <div class="row">
                    <SetupField label=|t| t.class_name name="name".into() value=name error />
                    <SetupField label=|t| t.grade name="grade".into() kind="number" value=grade error />
                    <label class="field">
                        <span>{move || st().homeroom}</span>
                        <select name="homeroom_teacher_id" on:change=move |ev| homeroom.set(event_target_value(&ev))>
                            <option value="" selected=current.is_none()>{move || st().nobody}</option>
                            {teachers.iter().map(|m| view! {
                                <option value=m.person_id.0 selected=current == Some(m.person_id)>{m.name.clone()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <FormError error />
                {saved(Signal::derive(move || matches!(change.value().get(), Some(Ok(())))))}
                <button type="submit" class="primary">{move || st().save}</button>
            </form>
        </details>
    }
}

/// One cell of the week: the chosen section (empty: no lesson) and room.
#[derive(Clone, Copy)]
struct Cell {
    section: RwSignal<String>,
    room: RwSignal<String>,
}

#[component]
fn Week(d: ClassDetail, o: SetupOverview, week: ServerAction<SetTimetable>) -> impl IntoView {
    let error = Signal::derive(move || week.value().get().and_then(Result::err));
    let class_id = d.class.id;
    let sections: Vec<_> = o
        .sections
        .iter()
        .filter(|s| s.class_id == class_id)
        .cloned()
        .collect();
    let numbers: Vec<i32> = o.bells.iter().map(|b| b.number).collect();
    // A class split into groups has two lessons at one time: a cell then
    // holds a second section.
    let layers = if sections.iter().any(|s| s.group_name.is_some()) {
        2
    } else {
        1
    };
    let mut cells: HashMap<(i16, i32, usize), Cell> = HashMap::new();
    for wd in 1..=6i16 {
        for n in &numbers {
            let mut here: Vec<_> = d
                .slots
                .iter()
                .filter(|s| s.weekday == wd && s.number == *n)
                .collect();
            here.sort_by_key(|s| s.section_id);
            for k in 0..layers {
                let slot = here.get(k);
                cells.insert(
                    (wd, *n, k),
                    Cell {
                        section: RwSignal::new(
                            slot.map(|s| s.section_id.0.to_string()).unwrap_or_default(),
                        ),
                        room: RwSignal::new(slot.and_then(|s| s.room.clone()).unwrap_or_default()),
                    },
                );
            }
        }
    }
    // The order the slots are sent in, so the server's `slots.{i}` errors
    // find their cell.
    let order: Vec<(i16, i32, usize)> = (1..=6i16)
        .flat_map(|wd| {
            numbers
                .iter()
                .flat_map(move |n| (0..layers).map(move |k| (wd, *n, k)))
        })
        .collect();
    let sent = RwSignal::new(Vec::<(i16, i32, usize)>::new());
    let (all, keys) = (cells.clone(), order.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut slots = Vec::new();
        let mut placed = Vec::new();
        for key in &keys {
            let c = all[key];
            if let Ok(section) = c.section.get_untracked().parse::<i64>() {
                slots.push(SlotForm {
                    weekday: key.0,
                    number: key.1,
                    section_id: SectionId(section),
                    room: c.room.get_untracked(),
                });
                placed.push(*key);
            }
        }
        sent.set(placed);
        week.dispatch(SetTimetable { class_id, slots });
    };
    let cell_error = move |key: (i16, i32, usize)| {
        move || {
            let i = sent.get().iter().position(|k| *k == key)?;
            let e = error.get()?;
            ["section_id", "number", "weekday", "room"]
                .iter()
                .find_map(|f| e.message_for(&format!("slots.{i}.{f}")))
                .map(|m| view! { <small class="field-error">{m}</small> })
        }
    };
    if sections.is_empty() || numbers.is_empty() {
        let why = if numbers.is_empty() {
            st().no_bells
        } else {
            st().no_sections
        };
        return view! { <section class="card setup-section" id="week"><h2>{move || st().timetable}</h2><p class="muted">{why}</p></section> }.into_any();
    }
    view! {
        <section class="card setup-section" id="week">
            <h2>{move || st().timetable}</h2>
            <p class="muted small">{move || st().timetable_hint}</p>
            <form on:submit=submit data-form="week">
                <div class="table-scroll">
                    <table class="setup-week">
                        <thead>
                            <tr>
                                <th scope="col">{move || st().lesson_no}</th>
                                {(0..6).map(|i| view! { <th scope="col">{move || st().weekdays[i]}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {numbers
                                .iter()
                                .map(|n| {
                                    let n = *n;
                                    view! {
                                        <tr>
                                            <th scope="row">{n}</th>
                                            {(1..=6i16)
                                                .map(|wd| {
                                                    let layer = |k: usize| {
                                                        let c = cells[&(wd, n, k)];
                                                        view! {
                                                            <div class="slot-layer">
                                                                <select
                                                                    aria-label=move || format!("{} {n}", st().weekdays[(wd - 1) as usize])
                                                                    prop:value=move || c.section.get()
                                                                    on:change=move |ev| c.section.set(event_target_value(&ev))
                                                                >
                                                                    <option value="">{move || st().free}</option>
                                                                    {sections.iter().map(|s| view! {
                                                                        <option value=s.id.0.to_string()>{s.label.clone()}</option>
                                                                    }).collect_view()}
                                                                </select>
                                                                <input
                                                                    class="room"
                                                                    placeholder=move || st().room
                                                                    aria-label=move || st().room
                                                                    prop:value=move || c.room.get()
                                                                    on:input=move |ev| c.room.set(event_target_value(&ev))
                                                                />
                                                                {cell_error((wd, n, k))}
                                                            </div>
                                                        }
                                                    };
                                                    view! {
                                                        <td data-slot=format!("{wd}-{n}")>
                                                            {(0..layers).map(layer).collect_view()}
                                                        </td>
                                                    }
                                                })
                                                .collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <FormError error />
                {saved(Signal::derive(move || matches!(week.value().get(), Some(Ok(_)))))}
                <button type="submit" class="primary" disabled=move || week.pending().get()>
                    {move || st().save_timetable}
                </button>
            </form>
        </section>
    }
    .into_any()
}
