//! The school admin's page of periods: close a quarter when its marks are
//! final (its grids become read-only), or reopen it.

use leptos::prelude::*;

use super::layout::Layout;
use super::page::{page_or_error, Loading};
use crate::api::periods::{school_periods, LockPeriod};
use crate::i18n::periods::{texts, PeriodTexts};
use crate::i18n::use_lang;
use crate::model::periods::YearPeriods;

fn pt() -> &'static PeriodTexts {
    texts(use_lang().get())
}

#[component]
pub fn PeriodsPage() -> impl IntoView {
    let lock = ServerAction::<LockPeriod>::new();
    let data = Resource::new(move || lock.version().get(), |_| school_periods());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, |v| view! { <PeriodsView view=v lock /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn PeriodsView(view: YearPeriods, lock: ServerAction<LockPeriod>) -> impl IntoView {
    let error = move || match lock.value().get() {
        Some(Err(e)) => Some(view! { <p class="alert" role="alert">{e.to_string()}</p> }),
        _ => None,
    };
    view! {
        <Layout user=view.user.clone()>
            <h1>{move || pt().title}</h1>
            <p class="muted">{view.school_name.clone()} " · " {view.year_name.clone()}</p>
            <p class="muted small">{move || pt().hint}</p>
            {error}
            <div class="table-scroll">
                <table class="period-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || pt().period}</th>
                            <th scope="col">{move || pt().dates}</th>
                            <th scope="col">{move || pt().state}</th>
                            <th scope="col">
                                <span class="sr-only">{move || pt().action}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {view
                            .periods
                            .into_iter()
                            .map(|p| {
                                let locked = p.locked;
                                let since = p.locked_at.clone().unwrap_or_default();
                                view! {
                                    <tr data-period=p.id.0 data-locked=locked.to_string()>
                                        <th scope="row">{p.name.clone()}</th>
                                        <td>
                                            {p.starts_on.format("%d.%m.%Y").to_string()} "\u{a0}– "
                                            {p.ends_on.format("%d.%m.%Y").to_string()}
                                        </td>
                                        <td>
                                            {move || {
                                                if locked {
                                                    format!("{} {}", pt().closed, since).trim().to_string()
                                                } else {
                                                    pt().open.to_string()
                                                }
                                            }}
                                        </td>
                                        <td>
                                            <ActionForm action=lock attr:class="inline">
                                                <input type="hidden" name="period_id" value=p.id.to_string() />
                                                <input type="hidden" name="locked" value=(!locked).to_string() />
                                                <button type="submit" class=if locked { "ghost" } else { "" }>
                                                    {move || if locked { pt().reopen } else { pt().close }}
                                                </button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </Layout>
    }
}
