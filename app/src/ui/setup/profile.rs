//! The school's profile (`/school/profile`): names, address and time zone;
//! the thresholds of period marks with a live preview of which average
//! gives which mark (the same rule the journal suggests with); the work
//! types and their weights, with the choice to re-weight the marks of open
//! periods.

use leptos::prelude::*;
use leptos_router::components::A;

use super::{st, FormError, LabelledInput};
use crate::api::setup::{
    load_profile, AddWorkType, ChangeWorkType, SaveProfile, SetWorkTypeArchived,
};
use crate::domain::ids::WorkTypeId;
use crate::domain::setup::{
    bands, format_hundredths, mark_for, parse_hundredths, parse_policy, parse_weight, RUSSIAN_ZONES,
};
use crate::i18n::setup::{profile_page, ProfilePageTexts};
use crate::i18n::use_lang;
use crate::model::setup::{ProfileForm, SchoolProfile, SetupWorkType, WorkTypeForm};
use crate::ui::layout::Layout;
use crate::ui::page::{page_or_error, Loading};

fn pt() -> &'static ProfilePageTexts {
    profile_page(use_lang().get())
}

/// A field labelled from this page's texts.
fn text(label: fn(&ProfilePageTexts) -> &'static str) -> Signal<String> {
    Signal::derive(move || label(pt()).to_string())
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let add = ServerAction::<AddWorkType>::new();
    let change = ServerAction::<ChangeWorkType>::new();
    let archive = ServerAction::<SetWorkTypeArchived>::new();
    let successes = RwSignal::new(0u32);
    refresh_on_success!(successes; add, change, archive);
    let data = Resource::new(move || successes.get(), |_| load_profile());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |p| {
                    view! {
                        <Layout user=p.user.clone()>
                            <p><A href="/school">{move || st().back}</A></p>
                            <h1>{move || pt().title}</h1>
                            <Profile p=p.clone() save />
                            <WorkTypes p add change archive />
                        </Layout>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

/// The profile and the thresholds: one form, saved whole.
#[component]
fn Profile(p: SchoolProfile, save: ServerAction<SaveProfile>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let name = RwSignal::new(p.name.clone());
    let short = RwSignal::new(p.short_name.clone());
    let city = RwSignal::new(p.city.clone());
    let address = RwSignal::new(p.address.clone().unwrap_or_default());
    let zone = RwSignal::new(p.time_zone.clone());
    let five = RwSignal::new(format_hundredths(p.policy.five_from_centi));
    let four = RwSignal::new(format_hundredths(p.policy.four_from_centi));
    let three = RwSignal::new(format_hundredths(p.policy.three_from_centi));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveProfile {
            form: ProfileForm {
                name: name.get_untracked(),
                short_name: short.get_untracked(),
                city: city.get_untracked(),
                address: address.get_untracked(),
                time_zone: zone.get_untracked(),
                five_from: five.get_untracked(),
                four_from: four.get_untracked(),
                three_from: three.get_untracked(),
            },
        });
    };
    let zone_message = move || {
        error
            .get()
            .and_then(|e| e.message_for("time_zone"))
            .map(|m| view! { <small class="field-error">{m}</small> })
    };
    // The current zone is offered even if it is not one of Russia's.
    let mut zones: Vec<String> = RUSSIAN_ZONES.iter().map(|z| z.to_string()).collect();
    if !zones.contains(&p.time_zone) {
        zones.push(p.time_zone.clone());
    }
    let saved = move || {
        matches!(save.value().get(), Some(Ok(())))
            .then(|| view! { <p class="notice" role="status">{move || st().saved}</p> })
    };
    view! {
        <form class="form" on:submit=submit data-form="profile">
            <section class="card setup-section" id="profile">
                <h2>{move || pt().profile_section}</h2>
                <div class="row">
                    <LabelledInput label=text(|t| t.short_name) name="short_name".into() value=short error />
                    <LabelledInput label=text(|t| t.name) name="name".into() value=name error />
                </div>
                <div class="row">
                    <LabelledInput label=text(|t| t.city) name="city".into() value=city error />
                    <LabelledInput label=text(|t| t.address) name="address".into() value=address error />
                    <label class="field">
                        <span>{move || pt().time_zone}</span>
                        <select name="time_zone" on:change=move |ev| zone.set(event_target_value(&ev))>
                            {zones
                                .into_iter()
                                .map(|z| {
                                    let selected = z == p.time_zone;
                                    let id = z.clone();
                                    let label = move || {
                                        (pt().zone_label)(&id)
                                            .map(|l| format!("{l} · {id}"))
                                            .unwrap_or_else(|| format!("{id} ({})", pt().other_zone))
                                    };
                                    view! { <option value=z selected=selected>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                        {zone_message}
                    </label>
                </div>
                <p class="muted">{move || pt().scale} ": " {move || pt().scale_value}</p>
            </section>
            <section class="card setup-section" id="rounding">
                <h2>{move || pt().rounding_section}</h2>
                <p class="muted small">{move || pt().rounding_hint}</p>
                <div class="row">
                    <LabelledInput label=Signal::derive(|| (pt().from_for)(5)) name="five_from".into() value=five error />
                    <LabelledInput label=Signal::derive(|| (pt().from_for)(4)) name="four_from".into() value=four error />
                    <LabelledInput label=Signal::derive(|| (pt().from_for)(3)) name="three_from".into() value=three error />
                </div>
                <Preview five four three />
                <FormError error />
                {saved}
                <button type="submit" class="primary">{move || st().save}</button>
            </section>
        </form>
    }
}

/// Which average gives which mark under the thresholds as typed, and the
/// mark one average gives.
#[component]
fn Preview(
    five: RwSignal<String>,
    four: RwSignal<String>,
    three: RwSignal<String>,
) -> impl IntoView {
    let policy = Memo::new(move |_| parse_policy(&five.get(), &four.get(), &three.get()).ok());
    let sample = RwSignal::new("4,5".to_string());
    let verdict = move || {
        let p = policy.get()?;
        let avg = parse_hundredths(&sample.get()).ok()?;
        Some((pt().gives)(mark_for(&p, avg.min(500))))
    };
    view! {
        <div class="rounding-preview" data-preview="rounding">
            <h3>{move || pt().preview}</h3>
            {move || match policy.get() {
                None => view! { <p class="muted">{move || pt().preview_invalid}</p> }.into_any(),
                Some(p) => view! {
                    <table class="period-table">
                        <thead><tr><th>{move || pt().mark}</th><th>{move || pt().averages}</th></tr></thead>
                        <tbody>
                            {bands(&p)
                                .into_iter()
                                .map(|b| {
                                    let from = b.from_centi.map(format_hundredths);
                                    let below = b.below_centi.map(format_hundredths);
                                    view! {
                                        <tr data-band=b.mark>
                                            <td><b>{b.mark}</b></td>
                                            <td>{move || (pt().band)(from.as_deref(), below.as_deref())}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }}
            <label class="field inline-field">
                <span>{move || pt().try_average}</span>
                <input
                    name="sample"
                    inputmode="decimal"
                    prop:value=move || sample.get()
                    on:input=move |ev| sample.set(event_target_value(&ev))
                />
                <output data-sample="verdict">{verdict}</output>
            </label>
        </div>
    }
}

/// The work types: each editable in its own row, and a row to add one.
#[component]
fn WorkTypes(
    p: SchoolProfile,
    add: ServerAction<AddWorkType>,
    change: ServerAction<ChangeWorkType>,
    archive: ServerAction<SetWorkTypeArchived>,
) -> impl IntoView {
    // The row whose change was sent last shows its answer.
    let last = RwSignal::new(None::<WorkTypeId>);
    let add_error = Signal::derive(move || add.value().get().and_then(Result::err));
    let (name, short, weight) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("1".to_string()),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(AddWorkType {
            form: WorkTypeForm {
                name: name.get_untracked(),
                short_name: short.get_untracked(),
                weight: weight.get_untracked(),
            },
        });
    };
    let reweighted = move || match change.value().get() {
        Some(Ok(done)) => Some(
            view! { <p class="notice" role="status">{move || (pt().reweighted)(done.reweighted)}</p> },
        ),
        _ => None,
    };
    view! {
        <section class="card setup-section" id="work-types">
            <h2>{move || pt().work_types_section}</h2>
            <p class="muted small">{move || pt().work_types_hint}</p>
            {reweighted}
            <ul class="plain setup-list work-types">
                {p.work_types
                    .into_iter()
                    .map(|w| view! { <WorkTypeRow w change archive last /> })
                    .collect_view()}
            </ul>
            <form class="form" on:submit=submit data-form="work-type">
                <div class="row">
                    <LabelledInput label=text(|t| t.work_name) name="name".into() value=name error=add_error />
                    <LabelledInput label=text(|t| t.work_short) name="short_name".into() value=short error=add_error />
                    <LabelledInput label=text(|t| t.weight) name="weight".into() value=weight error=add_error />
                </div>
                <FormError error=add_error />
                <button type="submit" class="primary">{move || pt().add_work_type}</button>
            </form>
        </section>
    }
}

#[component]
fn WorkTypeRow(
    w: SetupWorkType,
    change: ServerAction<ChangeWorkType>,
    archive: ServerAction<SetWorkTypeArchived>,
    last: RwSignal<Option<WorkTypeId>>,
) -> impl IntoView {
    let id = w.id;
    let mine = move || last.get() == Some(id);
    let error = Signal::derive(move || {
        if mine() {
            change.value().get().and_then(Result::err)
        } else {
            None
        }
    });
    let archive_error = Signal::derive(move || {
        if mine() {
            archive.value().get().and_then(Result::err)
        } else {
            None
        }
    });
    let name = RwSignal::new(w.name.clone());
    let short = RwSignal::new(w.short_name.clone());
    let weight = RwSignal::new(format_hundredths(w.weight_centi));
    let reweight = RwSignal::new(false);
    let current = w.weight_centi;
    // Offered when there are marks of open periods whose weight would
    // differ from the one typed.
    let (open, other) = (w.marks_open, w.marks_other_weight);
    let offer = move || {
        let typed = parse_weight(&weight.get()).ok();
        (typed.is_some_and(|t| t != current) && open > 0) || (typed == Some(current) && other > 0)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        last.set(Some(id));
        change.dispatch(ChangeWorkType {
            work_type_id: id,
            form: WorkTypeForm {
                name: name.get_untracked(),
                short_name: short.get_untracked(),
                weight: weight.get_untracked(),
            },
            reweight: offer() && reweight.get_untracked(),
        });
    };
    let archived = w.archived;
    let toggle = move |_| {
        last.set(Some(id));
        archive.dispatch(SetWorkTypeArchived {
            work_type_id: id,
            archived: !archived,
        });
    };
    view! {
        <li data-work-type=w.name.clone() class:muted=archived>
            <form class="form" on:submit=submit>
                <div class="row">
                    <LabelledInput label=text(|t| t.work_name) name="name".into() value=name error />
                    <LabelledInput label=text(|t| t.work_short) name="short_name".into() value=short error />
                    <LabelledInput label=text(|t| t.weight) name="weight".into() value=weight error />
                </div>
                <p class="muted small">
                    {move || (pt().marks_count)(w.marks_open, w.marks_closed)}
                    {archived.then(|| view! { " · " {move || pt().archived} })}
                </p>
                {move || offer().then(|| view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            name="reweight"
                            prop:checked=move || reweight.get()
                            on:change=move |ev| reweight.set(event_target_checked(&ev))
                        />
                        " " {move || (pt().reweight)(open)}
                        <small class="muted">" — " {move || pt().reweight_hint}</small>
                    </label>
                })}
                <FormError error />
                <FormError error=archive_error />
                <div class="row">
                    <button type="submit" class="primary">{move || st().save}</button>
                    <button type="button" class="ghost" on:click=toggle>
                        {move || if archived { pt().restore } else { pt().archive }}
                    </button>
                </div>
            </form>
        </li>
    }
}
