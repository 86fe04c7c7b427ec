//! A class's students on its screen: each with the days they joined and
//! left; a current one can be moved to another class of the year from a
//! date, or marked as having left; a new one is added by hand.

use leptos::prelude::*;

use super::{ru_date, saved, st, FormError, SetupField};
use crate::api::setup::{AddStudent, MoveStudent, StudentLeft};
use crate::domain::ids::PersonId;
use crate::model::setup::{ClassDetail, SetupClass, SetupStudent};

/// The student actions of the class screen.
#[derive(Clone, Copy)]
pub(super) struct StudentActions {
    pub add: ServerAction<AddStudent>,
    pub moved: ServerAction<MoveStudent>,
    pub left: ServerAction<StudentLeft>,
}

#[component]
pub(super) fn Students(
    d: ClassDetail,
    classes: Vec<SetupClass>,
    actions: StudentActions,
) -> impl IntoView {
    let add = actions.add;
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let fields: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [last, first, middle, born, from] = fields;
    // The other classes of the year, where a student can move.
    let others: Vec<SetupClass> = classes
        .into_iter()
        .filter(|c| c.year_id == d.class.year_id && c.id != d.class.id)
        .collect();
    // The student whose move or leaving was sent last shows its answer.
    let acting = RwSignal::new(None::<PersonId>);
    view! {
        <section class="card setup-section" id="students">
            <ol class="setup-list">
                {d.students
                    .iter()
                    .map(|s| view! { <StudentRow s=s.clone() others=others.clone() actions acting /> })
                    .collect_view()}
            </ol>
            <h2>{move || st().add_student}</h2>
            <ActionForm action=add attr:class="form" attr:data-form="student">
                <input type="hidden" name="class_id" value=d.class.id.0 />
                <div class="row">
                    <SetupField label=|t| t.last_name name="last_name".into() value=last error posted=true />
                    <SetupField label=|t| t.first_name name="first_name".into() value=first error posted=true />
                    <SetupField label=|t| t.middle_name name="middle_name".into() value=middle error posted=true />
                </div>
                <div class="row">
                    <SetupField label=|t| t.birth_date name="birth_date".into() kind="date" value=born error posted=true />
                    <SetupField label=|t| t.enrolled_from name="starts_on".into() kind="date" value=from error posted=true />
                </div>
                <FormError error />
                {saved(Signal::derive(move || matches!(add.value().get(), Some(Ok(_)))))}
                <button type="submit" class="primary">{move || st().add}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn StudentRow(
    s: SetupStudent,
    others: Vec<SetupClass>,
    actions: StudentActions,
    acting: RwSignal<Option<PersonId>>,
) -> impl IntoView {
    let id = s.id;
    let mine = move || acting.get() == Some(id);
    let move_error = Signal::derive(move || {
        mine()
            .then(|| actions.moved.value().get().and_then(Result::err))
            .flatten()
    });
    let leave_error = Signal::derive(move || {
        mine()
            .then(|| actions.left.value().get().and_then(Result::err))
            .flatten()
    });
    let (to, from, last_day) = (
        RwSignal::new(
            others
                .first()
                .map(|c| c.id.0.to_string())
                .unwrap_or_default(),
        ),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let class_message = move || {
        move_error
            .get()
            .and_then(|e| e.message_for("class_id"))
            .map(|m| view! { <small class="field-error">{m}</small> })
    };
    let send_move = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(class) = to.get_untracked().parse::<i64>() else {
            return;
        };
        acting.set(Some(id));
        actions.moved.dispatch(MoveStudent {
            student_id: id,
            class_id: crate::domain::ids::ClassId(class),
            starts_on: from.get_untracked(),
        });
    };
    let send_leave = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        acting.set(Some(id));
        actions.left.dispatch(StudentLeft {
            student_id: id,
            ends_on: last_day.get_untracked(),
        });
    };
    let current = s.ends_on.is_none();
    let can_move = !others.is_empty();
    view! {
        <li data-student=s.name.clone()>
            {s.name.clone()}
            {s.birth_date.map(|b| format!(" · {}", ru_date(b)))}
            " · " {move || st().enrolled_from} " " {ru_date(s.starts_on)}
            {s.ends_on.map(|e| match s.moved_to.clone() {
                Some(to) => view! { " · " {move || (st().moved_to)(&to, &ru_date(e))} }.into_any(),
                None => view! { " · " {move || st().left_on} " " {ru_date(e)} }.into_any(),
            })}
            {current.then(|| view! {
                <details class="student-actions">
                    <summary>{move || st().move_or_leave}</summary>
                    {can_move.then(|| view! {
                        <form class="form" on:submit=send_move data-form="move">
                            <div class="row">
                                <label class="field">
                                    <span>{move || st().move_to}</span>
                                    <select name="class_id" on:change=move |ev| to.set(event_target_value(&ev))>
                                        {others.iter().map(|c| view! { <option value=c.id.0>{c.name.clone()}</option> }).collect_view()}
                                    </select>
                                    {class_message}
                                </label>
                                <SetupField label=|t| t.move_from name="starts_on".into() kind="date" value=from error=move_error />
                            </div>
                            <FormError error=move_error />
                            <button type="submit" class="primary">{move || st().move_student}</button>
                        </form>
                    }
                    .into_any())}
                    <form class="form" on:submit=send_leave data-form="leave">
                        <div class="row">
                            <SetupField label=|t| t.last_day name="ends_on".into() kind="date" value=last_day error=leave_error />
                        </div>
                        <FormError error=leave_error />
                        <button type="submit" class="ghost">{move || st().mark_left}</button>
                    </form>
                </details>
            }
            .into_any())}
        </li>
    }
}
