//! The year with its periods, holidays and non-school days.

use leptos::prelude::*;

use super::{ru_date, saved, st, FormError, ListError, SetupField};
use crate::api::setup::{AddDayOff, CreateYear, RemoveDayOff, UpdateYear};
use crate::domain::ids::YearId;
use crate::domain::setup::PeriodKind;
use crate::error::AppError;
use crate::i18n::setup::SetupPageTexts;
use crate::model::setup::{SetupOverview, SetupYear, SpanForm, YearForm};

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

/// The inputs of a year's form: empty for a new year, or a year's own
/// values to change it.
#[derive(Clone)]
struct YearInputs {
    name: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    kind: RwSignal<String>,
    periods: Vec<SpanInputs>,
    holidays: Vec<SpanInputs>,
}

/// How many periods a kind has in a year (four rows for an unknown one).
fn periods_of(kind: &str) -> usize {
    PeriodKind::parse(kind)
        .map(PeriodKind::per_year)
        .unwrap_or(4)
}

/// A date as a date input holds it.
fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl YearInputs {
    fn empty() -> YearInputs {
        YearInputs {
            name: RwSignal::new(String::new()),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            kind: RwSignal::new("quarter".to_string()),
            periods: (0..4).map(|_| SpanInputs::new()).collect(),
            holidays: (0..HOLIDAY_ROWS).map(|_| SpanInputs::new()).collect(),
        }
    }

    /// A year as it is: its periods (not the whole year) and holidays (not
    /// its non-school days, which have their own form), with room for one
    /// more holiday.
    fn of(y: &SetupYear) -> YearInputs {
        let parts: Vec<_> = y.periods.iter().filter(|p| p.kind != "year").collect();
        let holidays: Vec<_> = y.holidays.iter().filter(|h| !h.day_off).collect();
        let span = |name: &str, from, to| {
            let s = SpanInputs::new();
            s.name.set(name.to_string());
            s.from.set(iso(from));
            s.to.set(iso(to));
            s
        };
        let rows = HOLIDAY_ROWS.max(holidays.len() + 1);
        YearInputs {
            name: RwSignal::new(y.name.clone()),
            from: RwSignal::new(iso(y.starts_on)),
            to: RwSignal::new(iso(y.ends_on)),
            kind: RwSignal::new(parts.first().map_or("quarter".into(), |p| p.kind.clone())),
            periods: (0..4)
                .map(|i| match parts.get(i) {
                    Some(p) => span(&p.name, p.starts_on, p.ends_on),
                    None => SpanInputs::new(),
                })
                .collect(),
            holidays: (0..rows)
                .map(|i| match holidays.get(i) {
                    Some(h) => span(&h.name, h.starts_on, h.ends_on),
                    None => SpanInputs::new(),
                })
                .collect(),
        }
    }

    fn form(&self) -> YearForm {
        YearForm {
            name: self.name.get_untracked(),
            starts_on: self.from.get_untracked(),
            ends_on: self.to.get_untracked(),
            kind: self.kind.get_untracked(),
            periods: self
                .periods
                .iter()
                .take(periods_of(&self.kind.get_untracked()))
                .map(SpanInputs::form)
                .collect(),
            holidays: self
                .holidays
                .iter()
                .filter(|h| !h.is_empty())
                .map(SpanInputs::form)
                .collect(),
        }
    }
}

/// A year's fields: name, dates, kind, the periods' dates and the
/// holidays, each with its error.
#[component]
fn YearFields(inputs: YearInputs, error: Signal<Option<AppError>>) -> impl IntoView {
    let YearInputs {
        name,
        from,
        to,
        kind,
        ..
    } = inputs.clone();
    let count = move || periods_of(&kind.get());
    let option = move |value: &'static str, label: fn(&SetupPageTexts) -> &'static str| {
        view! { <option value=value selected=move || kind.get() == value>{move || label(st())}</option> }
    };
    view! {
        <div class="row">
            <SetupField label=|t| t.year_name name="name".into() value=name error />
            <SetupField label=|t| t.starts_on name="starts_on".into() kind="date" value=from error />
            <SetupField label=|t| t.ends_on name="ends_on".into() kind="date" value=to error />
            <label class="field">
                <span>{move || st().kind}</span>
                <select name="kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                    {option("quarter", |t| t.quarters)}
                    {option("trimester", |t| t.trimesters)}
                    {option("half", |t| t.halves)}
                </select>
                {move || error.get().and_then(|e| e.message_for("kind")).map(|m| view! { <small class="field-error">{m}</small> })}
            </label>
        </div>
        <fieldset>
            <legend>{move || st().periods}</legend>
            {inputs
                .periods
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
            {inputs
                .holidays
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
    }
    .into_any()
}

/// Changing a year that exists: the same fields, filled in.
#[component]
fn YearEditor(year: SetupYear, action: ServerAction<UpdateYear>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let inputs = YearInputs::of(&year);
    let id = year.id;
    let read = inputs.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(UpdateYear {
            year_id: id,
            form: read.form(),
        });
    };
    view! {
        <details class="inline-details" data-edit-year=id.0>
            <summary>{move || st().edit_year}</summary>
            <form class="form" on:submit=submit data-form="year-edit">
                <p class="muted small">{move || st().edit_year_hint}</p>
                <YearFields inputs error />
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || st().save_year}
                </button>
            </form>
        </details>
    }
    .into_any()
}

#[component]
pub(super) fn YearSection(
    o: SetupOverview,
    action: ServerAction<CreateYear>,
    edit: ServerAction<UpdateYear>,
    day_off: ServerAction<AddDayOff>,
    remove_day_off: ServerAction<RemoveDayOff>,
) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let inputs = YearInputs::empty();
    let read = inputs.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(CreateYear { form: read.form() });
    };
    let years = o.years.clone();
    let changed = move || {
        edit.value().get().and_then(Result::ok).map(|r| {
            view! { <p class="notice" role="status">{move || (st().year_changed)(r.removed)}</p> }
        })
    };
    view! {
        <section class="card setup-section" id="year">
            <h2>{move || st().year_section}</h2>
            {changed}
            {years
                .into_iter()
                .map(|y| {
                    let editable = y.clone();
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
                            <YearEditor year=editable action=edit />
                            <DayOffForm year=y.id action=day_off />
                        </div>
                    }
                })
                .collect_view()}
            <form class="form" on:submit=submit data-form="year">
                <YearFields inputs error />
                {saved(Signal::derive(move || matches!(action.value().get(), Some(Ok(_)))))}
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || st().create_year}
                </button>
            </form>
        </section>
    }
    .into_any()
}
