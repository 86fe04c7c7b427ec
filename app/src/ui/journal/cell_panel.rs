//! The detail panel of the active cell: each mark's work type, comment and
//! flag, the cell's note, and its history on request.

use leptos::prelude::*;

use super::state::{Grid, Status, Target};
use super::{day_month, jt};
use crate::api::journal::cell_history;
use crate::domain::ids::WorkTypeId;
use crate::domain::journal::CellMark;
use crate::error::AppError;
use crate::model::journal::HistoryEntry;

/// The active cell in detail: each mark's work type, comment and flag, the
/// save state, and the cell's history.
#[component]
pub(super) fn CellPanel(g: Grid) -> impl IntoView {
    let history = RwSignal::new(None::<Result<Vec<HistoryEntry>, AppError>>);
    // A new cell: forget the history shown for the last one.
    Effect::new(move |_| {
        g.panel_pos.track();
        history.set(None);
    });
    move || {
        let p = g.panel_pos.get();
        if p.col >= g.lessons_n || p.row >= g.rows {
            return None;
        }
        let sig = g.cell(p.row, p.col);
        let lesson = g.lesson(p.col).get_untracked().shown;
        let student = g.students.with_value(|s| s[p.row].clone());
        let writable = g.writable(p);
        let load_history = move |_| {
            let (lesson_id, student_id) = (lesson.id, student.id);
            leptos::task::spawn_local(async move {
                history.set(Some(cell_history(lesson_id, student_id).await));
            });
        };
        // Memos: typing into the cell changes its state, not these.
        let marks = Memo::new(move |_| sig.with(|s| s.shown.marks.clone()));
        let note = Memo::new(move |_| sig.with(|s| s.note.clone()));
        Some(view! {
            <section class="card cell-panel" aria-label=move || jt().history>
                <h2>
                    {student.name.full()} " · " {day_month(lesson.date)} " · " {lesson.number} " "
                    {move || jt().lesson_no}
                </h2>
                {move || {
                    note.get().map(|n| view! { <p class="alert" data-testid="cell-note">{n}</p> })
                }}
                <ul class="cell-marks">
                    {move || {
                        marks
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, m)| {
                                let set = move |f: Box<dyn Fn(&mut CellMark)>| {
                                    let changed = sig
                                        .try_update(|s| {
                                            if let Some(m) = s.shown.marks.get_mut(i) {
                                                f(m);
                                                s.status = Status::Pending;
                                                true
                                            } else {
                                                false
                                            }
                                        })
                                        .unwrap_or(false);
                                    if changed {
                                        g.enqueue(Target::Cell(p.row, p.col));
                                    }
                                };
                                let types = g.work_types.get_value();
                                let on_type = move |ev: leptos::ev::Event| {
                                    let id = WorkTypeId(event_target_value(&ev).parse().unwrap_or_default());
                                    let weight = g
                                        .work_types
                                        .with_value(|t| t.iter().find(|t| t.id == id).map(|t| t.weight_centi))
                                        .unwrap_or(100);
                                    set(Box::new(move |m| {
                                        m.work_type_id = id;
                                        m.weight_centi = weight;
                                    }));
                                };
                                let on_comment = move |ev: leptos::ev::Event| {
                                    let c = event_target_value(&ev);
                                    set(Box::new(move |m| {
                                        m.comment = (!c.trim().is_empty()).then(|| c.trim().to_string());
                                    }));
                                };
                                let on_excluded = move |ev: leptos::ev::Event| {
                                    let x = event_target_checked(&ev);
                                    set(Box::new(move |m| m.excluded = x));
                                };
                                view! {
                                    <li class="cell-mark">
                                        <strong class="mark">{m.value.clone()}</strong>
                                        <label>
                                            <span class="small">{move || jt().work_type}</span>
                                            <select on:change=on_type disabled=!writable>
                                                {types
                                                    .into_iter()
                                                    .map(|t| {
                                                        view! {
                                                            <option value=t.id.0 selected=t.id == m.work_type_id>
                                                                {t.name}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </label>
                                        <label>
                                            <span class="small">{move || jt().comment}</span>
                                            <input
                                                type="text"
                                                prop:value=m.comment.clone().unwrap_or_default()
                                                on:change=on_comment
                                                disabled=!writable
                                            />
                                        </label>
                                        <label class="check">
                                            <input
                                                type="checkbox"
                                                prop:checked=m.excluded
                                                on:change=on_excluded
                                                disabled=!writable
                                            />
                                            <span class="small">{move || jt().excluded}</span>
                                        </label>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button type="button" class="ghost" on:click=load_history data-testid="history">
                    {move || jt().history}
                </button>
                {move || {
                    history
                        .get()
                        .map(|h| match h {
                            Ok(list) if list.is_empty() => {
                                view! { <p class="muted">{move || jt().no_history}</p> }.into_any()
                            }
                            Ok(list) => {
                                view! {
                                    <ol class="history" data-testid="history-list">
                                        {list
                                            .into_iter()
                                            .map(|e| {
                                                view! {
                                                    <li>
                                                        <span class="muted small">{e.at} " · " {e.who}</span>
                                                        " "
                                                        <span>
                                                            {e.old_value.unwrap_or_else(|| "∅".into())} " → "
                                                            {e.new_value.unwrap_or_else(|| "∅".into())}
                                                        </span>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <p class="alert">{e.to_string()}</p> }.into_any(),
                        })
                }}
            </section>
        })
    }
}
