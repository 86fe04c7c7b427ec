//! What every data page does with its one server call: show the data,
//! send an anonymous visitor to sign in, or say why it cannot be shown.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::i18n::use_lang;

/// Renders `result` with `view`, or the page for its error.
pub fn page_or_error<T>(result: Result<T, AppError>, view: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(data) => view(data),
        Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
        Err(AppError::Forbidden) => {
            let lang = use_lang();
            view! {
                <main class="centered">
                    <section class="card" role="alert">
                        <h1>{move || lang.get().texts().forbidden}</h1>
                        <a href="/">{move || lang.get().texts().to_home}</a>
                    </section>
                </main>
            }
            .into_any()
        }
        Err(e) => view! {
            <main class="centered">
                <p class="alert" role="alert">{e.to_string()}</p>
            </main>
        }
        .into_any(),
    }
}

/// The "loading" line shown while a page's data is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading">{move || lang.get().texts().loading}</p> }
}
