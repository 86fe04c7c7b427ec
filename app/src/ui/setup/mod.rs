//! The school's administrator sets the school up: the year and holidays,
//! the bells, subjects, staff, classes, who teaches what, and the lessons
//! generated from the timetable (`/school`); a class's students and weekly
//! timetable on its own page (`/school/class/:id`); the school's profile,
//! rounding of period marks and work types on theirs (`/school/profile`).
//! Every form's errors are shown beside their fields; the page reads
//! everything again after each change.

/// Counts each success of these actions into `successes`, which the page's
/// data is read again on: one effect per action, so each is watched on its
/// own (a refused change keeps what was typed, with its messages).
macro_rules! refresh_on_success {
    ($successes:ident; $($action:expr),* $(,)?) => {$(
        Effect::new(move |_| {
            if matches!($action.value().get(), Some(Ok(_))) {
                $successes.update(|n| *n += 1);
            }
        });
    )*};
}

mod bells;
mod calendar;
mod class_page;
mod groups;
mod people;
mod profile;
mod students;
mod substitutions;
mod teaching;

pub use class_page::ClassSetupPage;
pub use profile::ProfilePage;

use leptos::prelude::*;

use super::layout::Layout;
use super::page::{page_or_error, Loading};
use crate::api::setup::*;
use crate::error::AppError;
use crate::i18n::setup::{page, SetupPageTexts};
use crate::i18n::use_lang;

/// The set-up pages' texts in the current language.
fn st() -> &'static SetupPageTexts {
    page(use_lang().get())
}

/// A date as Russians write it: 01.09.2026.
fn ru_date(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A labelled input whose error (`error`'s message for `name`) is shown
/// under it, labelled from the set-up pages' texts.
#[component]
fn SetupField(
    label: fn(&SetupPageTexts) -> &'static str,
    /// The field's name in the server's answer (and the form's, when posted).
    name: String,
    #[prop(default = "text")] kind: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<AppError>>,
    /// Posted under `name` (otherwise only read by the page).
    #[prop(default = false)]
    posted: bool,
) -> impl IntoView {
    let label = Signal::derive(move || label(st()).to_string());
    view! { <LabelledInput label name kind value error posted /> }
}

/// A labelled input whose error (`error`'s message for `name`) is shown
/// under it.
#[component]
fn LabelledInput(
    label: Signal<String>,
    name: String,
    #[prop(default = "text")] kind: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<AppError>>,
    #[prop(default = false)] posted: bool,
) -> impl IntoView {
    let field = name.clone();
    let message = Signal::derive(move || error.get().and_then(|e| e.message_for(&field)));
    view! {
        <label class="field">
            <span>{move || label.get()}</span>
            <input
                type=kind
                name=posted.then_some(name)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || message.get().is_some().to_string()
            />
            {move || message.get().map(|m| view! { <small class="field-error">{m}</small> })}
        </label>
    }
}

/// A message about a whole list of a form (`periods`, `bells`).
#[component]
fn ListError(error: Signal<Option<AppError>>, name: &'static str) -> impl IntoView {
    move || {
        error
            .get()
            .and_then(|e| e.message_for(name))
            .map(|m| view! { <p class="field-error" role="alert">{m}</p> })
    }
}

/// The error of a form that is not about one field.
#[component]
fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error
            .get()
            .filter(AppError::is_general)
            .map(|e| view! { <p class="alert" role="alert">{e.to_string()}</p> })
    }
}

/// «Сохранено» once the action's last call succeeded.
fn saved(done: Signal<bool>) -> impl IntoView {
    move || {
        done.get()
            .then(|| view! { <p class="notice" role="status">{move || st().saved}</p> })
    }
}

/// Every action of the page: they outlive the data they refresh.
#[derive(Clone, Copy)]
struct Actions {
    year: ServerAction<CreateYear>,
    edit_year: ServerAction<UpdateYear>,
    day_off: ServerAction<AddDayOff>,
    remove_day_off: ServerAction<RemoveDayOff>,
    bells: bells::BellActions,
    subject: ServerAction<AddSubject>,
    delete_subject: ServerAction<DeleteSubject>,
    rename_subject: ServerAction<RenameSubject>,
    invite: ServerAction<InviteStaff>,
    disable: ServerAction<SetStaffDisabled>,
    class: ServerAction<AddClass>,
    section: ServerAction<AddSection>,
    generate: ServerAction<GenerateLessons>,
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let a = Actions {
        year: ServerAction::new(),
        edit_year: ServerAction::new(),
        day_off: ServerAction::new(),
        remove_day_off: ServerAction::new(),
        bells: bells::BellActions {
            usual: ServerAction::new(),
            short: ServerAction::new(),
            short_days: ServerAction::new(),
            remove_short_day: ServerAction::new(),
        },
        subject: ServerAction::new(),
        delete_subject: ServerAction::new(),
        rename_subject: ServerAction::new(),
        invite: ServerAction::new(),
        disable: ServerAction::new(),
        class: ServerAction::new(),
        section: ServerAction::new(),
        generate: ServerAction::new(),
    };
    // The page reads everything again after each change that succeeded;
    // a refused one keeps what was typed, with the messages beside it.
    let successes = RwSignal::new(0u32);
    refresh_on_success!(
        successes;
        a.year,
        a.edit_year,
        a.day_off,
        a.remove_day_off,
        a.bells.usual,
        a.bells.short,
        a.bells.short_days,
        a.bells.remove_short_day,
        a.subject,
        a.delete_subject,
        a.rename_subject,
        a.invite,
        a.disable,
        a.class,
        a.section,
        a.generate
    );
    let data = Resource::new(move || successes.get(), |_| load_setup());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(
                    data.await,
                    move |o| {
                        view! {
                            <Layout user=o.user.clone()>
                                <h1>{move || st().title}</h1>
                                <p class="muted">{o.school_name.clone()} " · " {o.time_zone.clone()}</p>
                                <p class="muted small">{move || st().hint}</p>
                                <p>
                                    <a href="/school/profile">
                                        {move || crate::i18n::setup::profile_page(use_lang().get()).link}
                                    </a>
                                </p>
                                // Each section its own view type: the whole page as one
                                // type is deeper than the compiler follows.
                                {view! { <calendar::YearSection o=o.clone() action=a.year edit=a.edit_year day_off=a.day_off remove_day_off=a.remove_day_off /> }.into_any()}
                                {view! { <bells::BellsSection o=o.clone() a=a.bells /> }.into_any()}
                                {view! { <teaching::SubjectsSection o=o.clone() add=a.subject delete=a.delete_subject rename=a.rename_subject /> }.into_any()}
                                {view! { <people::StaffSection o=o.clone() invite=a.invite disable=a.disable /> }.into_any()}
                                {view! { <people::ClassesSection o=o.clone() action=a.class /> }.into_any()}
                                {view! { <teaching::SectionsSection o=o.clone() action=a.section /> }.into_any()}
                                {view! { <teaching::LessonsSection o=o.clone() action=a.generate /> }.into_any()}
                            </Layout>
                        }
                            .into_any()
                    },
                )
            })}
        </Suspense>
    }
}
