//! Above the grid: the save state pill with the last message, and the
//! toolbar of mark and code buttons and bulk fills (for mouse and touch).

use leptos::prelude::*;

use super::state::{Grid, Status, Target};
use super::{jt, jt_untracked};
use crate::domain::journal::{Move, Pos, ATTENDANCE_CODES};

/// "All saved" / "Saving…" / "Could not save", and the last message.
#[component]
pub(super) fn SaveState(g: Grid) -> impl IntoView {
    view! {
        <div class="save-state" role="status" aria-live="polite">
            <span
                class="save-pill"
                data-unsaved=move || g.unsaved.get()
                data-retrying=move || g.retrying.get().to_string()
            >
                {move || {
                    if g.retrying.get() {
                        jt().failed
                    } else if g.unsaved.get() > 0 {
                        jt().saving
                    } else {
                        jt().saved
                    }
                }}
            </span>
            <span class="journal-message">{move || g.message.get().unwrap_or_default()}</span>
        </div>
    }
}

/// Buttons for the mouse and for touch screens: marks, codes, bulk fill.
#[component]
pub(super) fn Toolbar(g: Grid, locked: bool) -> impl IntoView {
    let put = move |text: &'static str| {
        move |_| {
            let p = g.pos.get_untracked();
            g.set_editing(None);
            g.commit(p, text);
            g.go(Move::Down);
        }
    };
    let fill_value = RwSignal::new("5".to_string());
    let fill = move |_| {
        let p = g.pos.get_untracked();
        if p.col >= g.lessons_n {
            return;
        }
        if !g.lesson(p.col).with_untracked(|l| l.shown.writable) {
            g.message.set(Some(jt_untracked().read_only_lesson.into()));
            return;
        }
        let v = fill_value.get_untracked();
        if v == "present" {
            g.lesson(p.col).update(|l| {
                l.shown.attendance_taken = true;
                l.status = Status::Pending;
            });
            g.enqueue(Target::Lesson(p.col));
            return;
        }
        for r in 0..g.rows {
            let sig = g.cell(r, p.col);
            if g.writable(Pos { row: r, col: p.col })
                && sig.with_untracked(|s| s.shown.takes_bulk_mark())
            {
                let keep =
                    sig.with_untracked(|s| s.shown.attendance.as_ref().map(|a| a.code.clone()));
                let text = match keep {
                    Some(code) => format!("{code} {v}"),
                    None => v.clone(),
                };
                g.commit(Pos { row: r, col: p.col }, &text);
            }
        }
    };
    let set_suggested = move |_| {
        for r in 0..g.rows {
            let empty = g.final_of(r).with_untracked(|s| s.shown.is_none());
            if empty {
                if let Some(v) = g.suggestion(r) {
                    g.set_final(r, Some(v.to_string()));
                }
            }
        }
    };
    (!locked)
        .then(|| {
            view! {
                <div class="journal-toolbar" role="toolbar" aria-label=move || jt().title>
                    <div class="palette">
                        {["5", "4", "3", "2", "1"]
                            .into_iter()
                            .map(|v| {
                                view! {
                                    <button type="button" class="key" on:click=put(v)>
                                        {v}
                                    </button>
                                }
                            })
                            .collect_view()}
                        {ATTENDANCE_CODES
                            .iter()
                            .map(|(code, _)| {
                                view! {
                                    <button type="button" class="key key-code" on:click=put(code)>
                                        {*code}
                                    </button>
                                }
                            })
                            .collect_view()}
                        <button type="button" class="key" on:click=put("") title=move || jt().clear>
                            "✕"
                        </button>
                    </div>
                    <div class="bulk">
                        <label>
                            <span class="small">{move || jt().fill_column}</span>
                            <select
                                data-testid="fill-value"
                                on:change=move |ev| fill_value.set(event_target_value(&ev))
                            >
                                {["5", "4", "3", "2", "н/а", "зач"]
                                    .into_iter()
                                    .map(|v| view! { <option value=v>{v}</option> })
                                    .collect_view()}
                                <option value="present">{move || jt().present}</option>
                            </select>
                        </label>
                        <button type="button" on:click=fill data-testid="fill">
                            {move || jt().fill}
                        </button>
                        {g
                            .finals_writable
                            .then(|| {
                                view! {
                                    <button type="button" on:click=set_suggested data-testid="set-suggested">
                                        {move || jt().set_suggested}
                                    </button>
                                }
                            })}
                    </div>
                </div>
            }
        })
}
