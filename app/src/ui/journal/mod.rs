//! The teacher's journal: a reactive grid of students × lessons.
//!
//! Every cell has its own signal, so typing or moving repaints one or two
//! cells; each row's average is a memo over its cells, computed by the same
//! `domain::journal` code the server uses. Edits show at once and go to the
//! server in the background, in batches, each carrying the version it was
//! based on; a failed batch is retried with growing pauses and never
//! dropped, and leaving the page with unsaved edits asks first.
//!
//! - `state`: the grid's state and the `Grid` handle; `load` builds it;
//! - `sync`: the save queue (a plain state machine), driven by `sender`;
//! - `reconcile`: the edit sent for a target, and taking the answer;
//! - `keyboard`: keys and typing; `paint`: drawing cells into the DOM;
//! - `table`, `toolbar`, `lesson_editor`, `cell_panel`: the views.

mod cell_panel;
mod keyboard;
mod lesson_editor;
mod load;
mod paint;
mod reconcile;
mod sender;
mod state;
mod sync;
mod table;
mod toolbar;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::time::Duration;

use self::cell_panel::CellPanel;
use self::lesson_editor::LessonEditor;
use self::state::Grid;
use self::table::GridTable;
use self::toolbar::{SaveState, Toolbar};
use super::diary::query_i64;
use super::layout::Layout;
use super::page::{page_or_error, Loading};
use crate::api::journal::load_journal;
use crate::domain::ids::{PeriodId, SectionId};
use crate::i18n::journal::{texts, JournalTexts};
use crate::i18n::use_lang;
use crate::model::journal::JournalGrid;

/// The journal's texts in the current language (tracked).
fn jt() -> &'static JournalTexts {
    texts(use_lang().get())
}

/// The journal's texts in the current language, for handlers.
fn jt_untracked() -> &'static JournalTexts {
    texts(use_lang().get_untracked())
}

/// A lesson's date as its header shows it: «05.09».
fn day_month(d: chrono::NaiveDate) -> String {
    d.format("%d.%m").to_string()
}

/// Records a performance mark (for the benchmark); nothing on the server.
fn perf_mark(_name: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(_name);
    }
}

/// `/journal?section=…&period=…`
#[component]
pub fn JournalPage() -> impl IntoView {
    let section = query_i64("section");
    let period = query_i64("period");
    let data = Resource::new(
        move || (section(), period()),
        |(s, p)| async move {
            let r = load_journal(s.map(SectionId::from), p.map(PeriodId::from)).await;
            perf_mark("journal-data");
            r
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || {
                data.get()
                    .map(|r| {
                        page_or_error(
                            r,
                            |g| {
                                view! {
                                    <Layout user=g.user.clone()>
                                        <JournalView grid=g />
                                    </Layout>
                                }
                                    .into_any()
                            },
                        )
                    })
            }}
        </Suspense>
    }
}

#[component]
fn JournalView(grid: JournalGrid) -> impl IntoView {
    // The header's parts; the grid takes the rest.
    let (section, period) = (grid.section.clone(), grid.period.clone());
    let teacher_name = grid.teacher_name.clone();
    let (sections, periods) = (grid.sections.clone(), grid.periods.clone());
    let g = Grid::new(grid);
    let lessons_n = g.lessons_n;
    // The detail panel follows the cursor once it rests, so moving with
    // the keys repaints two cells and nothing else.
    Effect::new(move |_| {
        let p = g.pos.get();
        set_timeout(
            move || {
                if g.alive() && g.pos.get_untracked() == p && g.panel_pos.get_untracked() != p {
                    g.panel_pos.set(p);
                }
            },
            Duration::from_millis(120),
        );
    });

    // Leaving with unsaved edits asks first.
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if g.unsaved.get_untracked() > 0 {
                ev.prevent_default();
                ev.set_return_value(jt_untracked().leave_warning);
            }
        });
        on_cleanup(move || handle.remove());
    }
    // Leaving for another page of the app: nothing queued is dropped.
    on_cleanup(move || g.hand_over());
    // Marks the moment the grid is on screen and answering (benchmark).
    Effect::new(move |_| {
        perf_mark("journal-ready");
    });

    let navigate = use_navigate();
    let period_id = period.id;
    let section_id = section.id;
    let on_section = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            navigate(&format!("/journal?section={v}"), Default::default());
        }
    };
    let on_period = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        navigate(
            &format!("/journal?section={section_id}&period={v}"),
            Default::default(),
        );
    };
    let locked = period.locked;
    let export_href = format!("/journal/export.csv?section={section_id}&period={period_id}");

    view! {
        <section class="journal" data-section=section_id.0 data-period=period_id.0>
            <header class="journal-head">
                <h1>
                    {move || jt().title} " · " {section.class_name.clone()} " · "
                    {section.subject_name.clone()}
                </h1>
                <p class="muted small">{teacher_name}</p>
                <div class="journal-pickers">
                    <label>
                        <span class="small muted">{move || jt().section}</span>
                        <select on:change=on_section>
                            {sections
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <option value=s.id.0 selected=s.id == section_id>
                                            {format!("{} · {}", s.class_name, s.subject_name)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <label>
                        <span class="small muted">{move || jt().period}</span>
                        <select on:change=on_period name="period">
                            {periods
                                .into_iter()
                                .map(|p| {
                                    let label = if p.locked {
                                        format!("{} 🔒", p.name)
                                    } else {
                                        p.name.clone()
                                    };
                                    view! {
                                        <option value=p.id.0 selected=p.id == period_id>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <a class="button-link" href=export_href rel="external" download="">
                        {move || jt().export}
                    </a>
                </div>
                {locked
                    .then(|| {
                        view! {
                            <p class="alert locked-banner" role="status">
                                {move || jt().locked}
                            </p>
                        }
                    })}
                <SaveState g />
            </header>
            {if lessons_n == 0 {
                view! { <p class="muted">{move || jt().no_lessons}</p> }.into_any()
            } else {
                view! {
                    <Toolbar g locked />
                    <LessonEditor g />
                    <GridTable g />
                    <CellPanel g />
                    <p class="muted small keyboard-help">{move || jt().keyboard_help}</p>
                }
                    .into_any()
            }}
        </section>
    }
}
