//! The school admin's page of periods: close a quarter when its marks are
//! final (its grids become read-only), or reopen it.

use leptos::prelude::*;

use super::layout::Layout;
use super::page::{page_or_error, Loading};
use crate::api::periods::*;
use crate::i18n::{use_lang, Lang};

/// The page's strings, per language.
struct PeriodTexts {
    title: &'static str,
    hint: &'static str,
    period: &'static str,
    dates: &'static str,
    state: &'static str,
    open: &'static str,
    closed: &'static str,
    close: &'static str,
    reopen: &'static str,
    action: &'static str,
}

const RU: PeriodTexts = PeriodTexts {
    title: "Учебные периоды",
    hint: "Закройте период, когда его отметки окончательны: в закрытом периоде отметки, итоговые отметки, темы и задания менять нельзя, журналы открываются только для чтения. Открыть период снова можно здесь же; каждое действие записывается в журнал изменений.",
    period: "Период",
    dates: "Даты",
    state: "Состояние",
    open: "Открыт",
    closed: "Закрыт",
    close: "Закрыть период",
    reopen: "Открыть снова",
    action: "Действие",
};

const EN: PeriodTexts = PeriodTexts {
    title: "School periods",
    hint: "Close a period when its marks are final: in a closed period marks, period marks, topics and homework cannot be changed, and its gradebooks are read-only. A period can be reopened here; every action goes to the audit log.",
    period: "Period",
    dates: "Dates",
    state: "State",
    open: "Open",
    closed: "Closed",
    close: "Close the period",
    reopen: "Reopen",
    action: "Action",
};

fn pt() -> &'static PeriodTexts {
    match use_lang().get() {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
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
                                    <tr data-period=p.id data-locked=locked.to_string()>
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
