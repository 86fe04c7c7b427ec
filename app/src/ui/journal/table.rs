//! The grid itself: the ARIA grid table with its lesson headers, rows of
//! cells, averages, absences and final marks, and clicks on cells.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use super::paint::pos_of_id;
use super::paint::{cell_id, mark_selected, paint_cell, Painted};
use super::state::Grid;
use super::{day_month, jt, jt_untracked};
use crate::domain::journal::Pos;
use crate::model::journal::GridLesson;

/// What a lesson's header adds for a screen reader after its date and
/// number: the topic, and the homework with when it is due.
fn header_details(l: &GridLesson) -> String {
    let t = jt_untracked();
    let mut s = format!(" {}", t.lesson_no);
    if let Some(topic) = &l.topic {
        s.push_str(&format!(". {}: {topic}", t.topic));
    }
    if let Some(h) = &l.homework {
        s.push_str(&format!(
            ". {}: {} ({})",
            t.homework,
            h.text,
            day_month(h.due_on)
        ));
    }
    s
}

/// The grid itself: an ARIA grid with one focus point (the table) and the
/// active cell named by `aria-activedescendant`.
/// «с 16.11», «по 04.12»: a student who joined or left inside the period.
fn span_note(
    joined: Option<chrono::NaiveDate>,
    left: Option<chrono::NaiveDate>,
) -> Option<impl IntoView> {
    let text = move || {
        let t = jt();
        [
            joined.map(|d| format!("{} {}", t.joined_on, day_month(d))),
            left.map(|d| format!("{} {}", t.left_on, day_month(d))),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    };
    (joined.is_some() || left.is_some())
        .then(|| view! { <small class="student-span" data-testid="student-span">{text}</small> })
}

#[component]
pub(super) fn GridTable(g: Grid) -> impl IntoView {
    // The cursor: the old cell loses `aria-selected`, the new one gets it.
    let cursor = RenderEffect::new(move |prev: Option<Pos>| {
        let p = g.pos.get();
        if let Some(old) = prev.filter(|old| *old != p) {
            mark_selected(old, false);
        }
        mark_selected(p, true);
        p
    });
    on_cleanup(move || drop(cursor));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let p = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("td[id]").ok().flatten())
                .and_then(|cell| pos_of_id(&cell.id()));
            if let Some(p) = p {
                if let Some(text) = g.editing.get_untracked() {
                    g.set_editing(None);
                    g.commit(g.pos.get_untracked(), &text);
                }
                g.pos.set(p);
                // A click is one deliberate choice: its details show at once.
                g.panel_pos.set(p);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let start = g.pos.get_untracked();
    let header = (0..g.lessons_n)
        .map(|c| {
            let l = g.lesson(c);
            let open = move |_| g.lesson_editor.set(Some(c));
            // A lesson's id, date, number and whether it may be written stay
            // as loaded; its topic, homework and save state change.
            let (id, date, number, writable) =
                l.with_untracked(|l| (l.shown.id, l.shown.date, l.shown.number, l.shown.writable));
            view! {
                <th
                    role="columnheader"
                    scope="col"
                    class="lesson-head"
                    data-lesson-id=id.0
                    data-date=date.to_string()
                    data-status=move || l.with(|l| l.status.label())
                    aria-readonly=(!writable).then_some("true")
                >
                    <button
                        type="button"
                        class="lesson-button"
                        on:click=open
                        title=move || l.with(|l| l.shown.topic.clone().unwrap_or_default())
                    >
                        <span class="lesson-date">{day_month(date)}</span>
                        <span class="lesson-no">{number}</span>
                        <span class="sr-only">{move || l.with(|l| header_details(&l.shown))}</span>
                        <span class="lesson-flags" aria-hidden="true">
                            {move || {
                                l.with(|l| {
                                    let mut f = String::new();
                                    if l.shown.homework.is_some() {
                                        f.push('✎');
                                    }
                                    if l.shown.attendance_taken {
                                        f.push('✓');
                                    }
                                    f
                                })
                            }}
                        </span>
                    </button>
                </th>
            }
        })
        .collect_view();
    let body = (0..g.rows)
        .map(|r| {
            let (name, joined, left) = g
                .students
                .with_value(|s| (s[r].name.clone(), s[r].from, s[r].until));
            let summary = g.summaries.with_value(|s| s[r]);
            let cells = (0..g.lessons_n)
                .map(|c| {
                    let p = Pos { row: r, col: c };
                    let st = g.cell(r, c);
                    let writable = g.writable(p);
                    let outside = !g.in_class(r, g.lesson(c).with_untracked(|l| l.shown.date));
                    let Painted {
                        text,
                        class,
                        status,
                    } = st.with_untracked(Painted::of);
                    view! {
                        <td
                            role="gridcell"
                            id=cell_id(p)
                            class=class
                            data-out=outside.then_some("true")
                            aria-selected=if p == start { "true" } else { "false" }
                            aria-readonly=(!writable).then_some("true")
                            data-status=status
                            use:paint_cell=st
                        >
                            {text}
                        </td>
                    }
                })
                .collect_view();
            let fp = Pos {
                row: r,
                col: g.lessons_n,
            };
            let fin = g.final_of(r);
            let policy = g.policy;
            view! {
                <tr role="row" data-student-id=g.students.with_value(|s| s[r].id.0)>
                    <th role="rowheader" scope="row" class="student">
                        <span class="student-no">{r + 1}</span>
                        {name.short()}
                        {span_note(joined, left)}
                    </th>
                    {cells}
                    <td role="gridcell" class="avg" aria-readonly="true" data-testid="average">
                        {move || summary.with(|s| s.average.display())}
                    </td>
                    <td role="gridcell" class="abs" aria-readonly="true" data-testid="absences">
                        {move || summary.with(|s| s.tally.missed())}
                    </td>
                    <td
                        role="gridcell"
                        id=cell_id(fp)
                        class=move || format!("cell final{}", fin.with(|s| s.status.class()))
                        aria-selected=if fp == start { "true" } else { "false" }
                        aria-readonly=(!g.finals_writable).then_some("true")
                        data-status=move || fin.with(|s| s.status.label())
                        data-testid="final"
                    >
                        {move || {
                            if let Some(text) = fin.with(|s| s.editing.clone()) {
                                return view! { <span>{text}</span> }.into_any();
                            }
                            match fin.with(|s| s.shown.clone()) {
                                Some(v) => view! { <span>{v}</span> }.into_any(),
                                None => {
                                    let suggested = summary
                                        .with(|s| policy.with_value(|p| p.suggest(&s.average)));
                                    view! {
                                        <span class="suggested" title=move || jt().suggested>
                                            {suggested.map(|v| v.to_string()).unwrap_or_default()}
                                        </span>
                                    }
                                        .into_any()
                                }
                            }
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="grid-scroll">
            <table
                class="journal-grid"
                role="grid"
                tabindex="0"
                aria-label=move || jt().title
                aria-rowcount=g.rows + 1
                aria-activedescendant=move || cell_id(g.pos.get())
                on:keydown=move |ev| g.keydown(&ev)
                on:click=on_click
                data-ready="true"
            >
                // Fixed column widths: a changed mark never makes the
                // browser measure the whole table again.
                <colgroup>
                    <col class="col-student" />
                    {(0..g.lessons_n).map(|_| view! { <col class="col-lesson" /> }).collect_view()}
                    <col class="col-sum" />
                    <col class="col-sum" />
                    <col class="col-final" />
                </colgroup>
                <thead>
                    <tr role="row">
                        <th role="columnheader" scope="col" class="student">
                            {move || jt().student}
                        </th>
                        {header}
                        <th role="columnheader" scope="col">
                            {move || jt().average}
                        </th>
                        <th role="columnheader" scope="col">
                            {move || jt().absences}
                        </th>
                        <th role="columnheader" scope="col">
                            {move || jt().final_mark}
                        </th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
