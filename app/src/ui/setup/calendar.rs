//! The year with its periods, holidays and non-school days.

use leptos::prelude::*;

use super::{ru_date, saved, st, FormError, ListError, SetupField};
use crate::api::setup::{AddDayOff, CreateYear, RemoveDayOff};
use crate::domain::ids::YearId;
use crate::domain::setup::PeriodKind;
use crate::model::setup::{SetupOverview, SpanForm, YearForm};

/// Rows of holidays the form offers (empty ones are left out).
const HOLIDAY_ROWS: usize = 4;

#[derive(Clone, Copy)]
struct SpanInputs {
    name: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl SpanInputs {
    fn new() -> SpanInputs {
        SpanInputs {
            name: RwSignal::new(String::new()),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
        }
    }

    fn form(&self) -> SpanForm {
        SpanForm {
            name: self.name.get_untracked(),
            starts_on: self.from.get_untracked(),
            ends_on: self.to.get_untracked(),
        }
    }

    fn is_empty(&self) -> bool {
        self.from.get_untracked().is_empty() && self.to.get_untracked().is_empty()
    }
}

/// Non-school days added to a year: a name, the first day and (for more
/// than one) the last.
#[component]
fn DayOffForm(year: YearId, action: ServerAction<AddDayOff>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let span = SpanInputs::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(AddDayOff {
            year_id: year,
            form: span.form(),
        });
    };
    view! {
        <details class="inline-details">
            <summary>{move || st().add_day_off}</summary>
            <form class="form" on:submit=submit data-form="day-off">
                <div class="row">
                    <SetupField label=|t| t.holiday_name name="name".into() value=span.name error />
                    <SetupField label=|t| t.starts_on name="starts_on".into() kind="date" value=span.from error />
                    <SetupField label=|t| t.ends_on name="ends_on".into() kind="date" value=span.to error />
                </div>
                <p class="muted small">{move || st().day_off_hint}</p>
                <FormError error />
                <button type="submit" class="primary">{move || st().add}</button>
            </form>
        </details>
    }
}

#[component]
pub(super) fn YearSection(
    o: SetupOverview,
    action: ServerAction<CreateYear>,
    day_off: ServerAction<AddDayOff>,
    remove_day_off: ServerAction<RemoveDayOff>,
) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let name = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let kind = RwSignal::new("quarter".to_string());
    let periods: Vec<SpanInputs> = (0..4).map(|_| SpanInputs::new()).collect();
    let holidays: Vec<SpanInputs> = (0..HOLIDAY_ROWS).map(|_| SpanInputs::new()).collect();
    let count = move || {
        PeriodKind::parse(&kind.get())
            .map(PeriodKind::per_year)
            .unwrap_or(4)
    };
    let (ps, hs) = (periods.clone(), holidays.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = count();
        action.dispatch(CreateYear {
            form: YearForm {
                name: name.get_untracked(),
                starts_on: from.get_untracked(),
                ends_on: to.get_untracked(),
                kind: kind.get_untracked(),
                periods: ps.iter().take(n).map(SpanInputs::form).collect(),
                holidays: hs
                    .iter()
                    .filter(|h| !h.is_empty())
                    .map(SpanInputs::form)
                    .collect(),
            },
        });
    };
    let years = o.years.clone();
    view! {
        <section class="card setup-section" id="year">
            <h2>{move || st().year_section}</h2>
            {years
                .into_iter()
                .map(|y| {
                    view! {
                        <div class="setup-year" data-year=y.id.0>
                            <h3>{y.name.clone()} " (" {ru_date(y.starts_on)} " – " {ru_date(y.ends_on)} ")"</h3>
                            <ul class="plain">
                                {y.periods.iter().map(|p| view! {
                                    <li data-period=p.id.0>{p.name.clone()} ": " {ru_date(p.starts_on)} " – " {ru_date(p.ends_on)}</li>
                                }).collect_view()}
                                {y.holidays.iter().map(|h| {
                                    let kind = if h.day_off { st().day_off } else { st().holiday };
                                    let id = h.id.0;
                                    view! {
                                        <li class="muted" data-day-off=h.day_off.then_some("true")>
                                            {h.name.clone()} " (" {kind} "): " {ru_date(h.starts_on)} " – " {ru_date(h.ends_on)}
                                            {h.day_off.then(|| view! {
                                                <ActionForm action=remove_day_off attr:class="inline">
                                                    <input type="hidden" name="holiday_id" value=id />
                                                    <button type="submit" class="ghost">{move || st().remove}</button>
                                                </ActionForm>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <DayOffForm year=y.id action=day_off />
                        </div>
                    }
                })
                .collect_view()}
            <form class="form" on:submit=submit data-form="year">
                <div class="row">
                    <SetupField label=|t| t.year_name name="name".into() value=name error />
                    <SetupField label=|t| t.starts_on name="starts_on".into() kind="date" value=from error />
                    <SetupField label=|t| t.ends_on name="ends_on".into() kind="date" value=to error />
                    <label class="field">
                        <span>{move || st().kind}</span>
                        <select name="kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                            <option value="quarter">{move || st().quarters}</option>
                            <option value="trimester">{move || st().trimesters}</option>
                            <option value="half">{move || st().halves}</option>
                        </select>
                    </label>
                </div>
                <fieldset>
                    <legend>{move || st().periods}</legend>
                    {periods
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let p = *p;
                            view! {
                                <div class="row" data-period-row=i hidden=move || (i >= count()).then_some("")>
                                    <span class="row-label">{i + 1}</span>
                                    <SetupField label=|t| t.starts_on name=format!("periods.{i}.starts_on") kind="date" value=p.from error />
                                    <SetupField label=|t| t.ends_on name=format!("periods.{i}.ends_on") kind="date" value=p.to error />
                                </div>
                            }
                        })
                        .collect_view()}
                    <ListError error name="periods" />
                </fieldset>
                <fieldset>
                    <legend>{move || st().holidays}</legend>
                    {holidays
                        .iter()
                        .enumerate()
                        .map(|(i, h)| {
                            let h = *h;
                            view! {
                                <div class="row" data-holiday-row=i>
                                    <SetupField label=|t| t.holiday_name name=format!("holidays.{i}.name") value=h.name error />
                                    <SetupField label=|t| t.starts_on name=format!("holidays.{i}.starts_on") kind="date" value=h.from error />
                                    <SetupField label=|t| t.ends_on name=format!("holidays.{i}.ends_on") kind="date" value=h.to error />
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <FormError error />
                {saved(Signal::derive(move || matches!(action.value().get(), Some(Ok(_)))))}
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || st().create_year}
                </button>
            </form>
        </section>
    }
}
