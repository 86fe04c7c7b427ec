//! What every diary page shares above its content: the page frame with the
//! child switcher and the student's name, and the period switcher of the
//! marks and attendance pages.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::t;
use crate::domain::ids::{PeriodId, PersonId};
use crate::model::diary::{DiaryScope, PeriodRef};
use crate::ui::layout::Layout;

/// The child switcher and the page for the chosen child.
#[component]
pub(super) fn DiaryFrame(scope: DiaryScope, children: Children) -> impl IntoView {
    let path = use_location().pathname;
    let many = scope.children.len() > 1;
    let selected = scope.student.id.0;
    view! {
        <Layout user=scope.user.clone()>
            <section class="diary-head">
                {many
                    .then(|| {
                        view! {
                            <nav class="switcher" aria-label=move || t().children_switch>
                                {scope
                                    .children
                                    .iter()
                                    .map(|c| {
                                        let id = c.id.0;
                                        let label = format!(
                                            "{} {}",
                                            c.name.first,
                                            c.class_name.clone().unwrap_or_default(),
                                        );
                                        view! {
                                            <A
                                                href=move || format!("{}?child={id}", path.get())
                                                attr:class="child-tab"
                                                attr:aria-current=if id == selected { "true" } else { "false" }
                                                attr:data-child=id
                                            >
                                                {label}
                                            </A>
                                        }
                                    })
                                    .collect_view()}
                            </nav>
                        }
                    })}
                <h1 class="student-name">
                    {scope.student.name.full()}
                    {scope.student.class_name.clone().map(|c| view! { <span class="chip">{c}</span> })}
                </h1>
            </section>
            {children()}
        </Layout>
    }
}

/// The periods of the year, each a link to this page for that period.
#[component]
pub(super) fn PeriodPicker(
    periods: Vec<PeriodRef>,
    current: PeriodId,
    child: PersonId,
    base: &'static str,
) -> impl IntoView {
    view! {
        <nav class="periods" aria-label=move || t().period_label>
            {periods
                .into_iter()
                .map(|p| {
                    let href = format!("{base}?child={child}&period={}", p.id);
                    view! {
                        <A href=href attr:aria-current=if p.id == current { "true" } else { "false" }>
                            {p.name.clone()}
                            {p.locked.then(|| view! { <span class="locked">" (" {move || t().locked} ")"</span> })}
                        </A>
                    }
                })
                .collect_view()}
        </nav>
    }
}
