//! The bells: the usual day's lesson times, a shortened day's (the same
//! numbers at other times), and the days the school keeps the short ones.

use leptos::prelude::*;

use super::{ru_date, saved, st, FormError, ListError, SetupField};
use crate::api::setup::{AddShortDays, RemoveShortDay, SetBells, SetShortBells};
use crate::error::AppError;
use crate::i18n::setup::SetupPageTexts;
use crate::model::setup::{BellForm, SetupBell, SetupOverview, SpanForm};

/// Rows of bells a form offers.
const BELL_ROWS: usize = 8;

/// The bell actions of the set-up page.
#[derive(Clone, Copy)]
pub(super) struct BellActions {
    pub usual: ServerAction<SetBells>,
    pub short: ServerAction<SetShortBells>,
    pub short_days: ServerAction<AddShortDays>,
    pub remove_short_day: ServerAction<RemoveShortDay>,
}

#[component]
pub(super) fn BellsSection(o: SetupOverview, a: BellActions) -> impl IntoView {
    let usual_error = Signal::derive(move || a.usual.value().get().and_then(Result::err));
    let short_error = Signal::derive(move || a.short.value().get().and_then(Result::err));
    let send_usual = Callback::new(move |bells| {
        a.usual.dispatch(SetBells { bells });
    });
    let send_short = Callback::new(move |bells| {
        a.short.dispatch(SetShortBells { bells });
    });
    view! {
        <section class="card setup-section" id="bells">
            <h2>{move || st().bells_section}</h2>
            <BellRows
                initial=o.bells.clone()
                error=usual_error
                done=Signal::derive(move || matches!(a.usual.value().get(), Some(Ok(_))))
                pending=a.usual.pending().into()
                send=send_usual
                form="bells"
                button=|t| t.save_bells
            />
            <h3>{move || st().short_bells}</h3>
            <p class="muted small">{move || st().short_bells_hint}</p>
            <BellRows
                initial=o.short_bells.clone()
                error=short_error
                done=Signal::derive(move || matches!(a.short.value().get(), Some(Ok(_))))
                pending=a.short.pending().into()
                send=send_short
                form="short-bells"
                button=|t| t.save_short_bells
            />
            <ShortDays o a=a.short_days remove=a.remove_short_day />
        </section>
    }
}

/// One bell schedule as rows of lesson number × start and end.
#[component]
fn BellRows(
    initial: Vec<SetupBell>,
    error: Signal<Option<AppError>>,
    done: Signal<bool>,
    pending: Signal<bool>,
    send: Callback<Vec<BellForm>>,
    form: &'static str,
    button: fn(&SetupPageTexts) -> &'static str,
) -> impl IntoView {
    let rows: Vec<(RwSignal<String>, RwSignal<String>)> = (0..BELL_ROWS)
        .map(|i| {
            let b = initial.iter().find(|b| b.number == i as i32 + 1);
            let time = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
            (
                RwSignal::new(b.map(|b| time(b.starts_at)).unwrap_or_default()),
                RwSignal::new(b.map(|b| time(b.ends_at)).unwrap_or_default()),
            )
        })
        .collect();
    let all = rows.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Rows up to the last one filled in: the server names a bell's
        // errors by its place in the list, which is then its row.
        let filled = |(a, b): &(RwSignal<String>, RwSignal<String>)| {
            !a.get_untracked().is_empty() || !b.get_untracked().is_empty()
        };
        let last = all.iter().rposition(filled).map_or(0, |i| i + 1);
        let bells = all
            .iter()
            .take(last)
            .enumerate()
            .map(|(i, (a, b))| BellForm {
                number: i as i32 + 1,
                starts_at: a.get_untracked(),
                ends_at: b.get_untracked(),
            })
            .collect();
        send.run(bells);
    };
    view! {
        <form class="form" on:submit=submit data-form=form>
            {rows
                .iter()
                .enumerate()
                .map(|(i, (a, b))| {
                    let (a, b) = (*a, *b);
                    view! {
                        <div class="row" data-bell=i + 1>
                            <span class="row-label">{move || st().lesson_no} " " {i + 1}</span>
                            <SetupField label=|t| t.starts_on name=format!("bells.{i}.starts_at") kind="time" value=a error />
                            <SetupField label=|t| t.ends_on name=format!("bells.{i}.ends_at") kind="time" value=b error />
                            {move || {
                                error
                                    .get()
                                    .and_then(|e| e.message_for(&format!("bells.{i}.number")))
                                    .map(|m| view! { <small class="field-error">{m}</small> })
                            }}
                        </div>
                    }
                })
                .collect_view()}
            <ListError error name="bells" />
            <FormError error />
            {saved(done)}
            <button type="submit" class="primary" disabled=move || pending.get()>
                {move || button(st())}
            </button>
        </form>
    }
}

/// The shortened days, and a form to add some.
#[component]
fn ShortDays(
    o: SetupOverview,
    a: ServerAction<AddShortDays>,
    remove: ServerAction<RemoveShortDay>,
) -> impl IntoView {
    let error = Signal::derive(move || a.value().get().and_then(Result::err));
    let (name, from, to) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        a.dispatch(AddShortDays {
            form: SpanForm {
                name: name.get_untracked(),
                starts_on: from.get_untracked(),
                ends_on: to.get_untracked(),
            },
        });
    };
    view! {
        <ul class="plain setup-list">
            {o.short_days
                .into_iter()
                .map(|d| view! {
                    <li data-short-day=d.date.to_string()>
                        {ru_date(d.date)} " · " {d.name}
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="date" value=d.date.to_string() />
                            <button type="submit" class="ghost">{move || st().remove}</button>
                        </ActionForm>
                    </li>
                })
                .collect_view()}
        </ul>
        <form class="form" on:submit=submit data-form="short-days">
            <div class="row">
                <SetupField label=|t| t.holiday_name name="name".into() value=name error />
                <SetupField label=|t| t.starts_on name="starts_on".into() kind="date" value=from error />
                <SetupField label=|t| t.ends_on name="ends_on".into() kind="date" value=to error />
            </div>
            <FormError error />
            <button type="submit" class="primary">{move || st().add_short_days}</button>
        </form>
    }
}
