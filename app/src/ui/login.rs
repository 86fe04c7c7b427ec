//! The sign-in page: e-mail and password, or the outside provider when one
//! is configured.

use leptos::prelude::*;

use super::layout::LangSwitch;
use crate::api::auth::{sign_in_options, Login};
use crate::i18n::use_lang;

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let action = ServerAction::<Login>::new();
    let pending = action.pending();
    let show_password = RwSignal::new(false);
    let provider = Resource::new(|| (), |_| sign_in_options());
    let q = leptos_router::hooks::use_query_map();
    let oidc_failed = move || q.with(|q| q.get("error").as_deref() == Some("oidc"));
    let error = move || action.value().get().and_then(Result::err);
    let field_error = move |field: &'static str| move || error().and_then(|e| e.message_for(field));
    let general_error = move || {
        error().filter(|e| e.message_for("email").is_none() && e.message_for("password").is_none())
    };

    view! {
        <main class="auth">
            <div class="auth-top">
                <LangSwitch />
            </div>
            <section class="card auth-card">
                <div class="brand brand-large">
                    <span class="brand-mark" aria-hidden="true">"Д"</span>
                    <span>{move || t().app_name}</span>
                </div>
                <p class="muted">{move || t().tagline}</p>
                <ActionForm action=action attr:class="form" attr:novalidate=true>
                    <label class="field">
                        <span>{move || t().email}</span>
                        <input
                            type="email"
                            name="email"
                            autocomplete="username"
                            inputmode="email"
                            required
                            aria-invalid=move || field_error("email")().is_some().to_string()
                        />
                        {move || field_error("email")().map(|m| view! { <small class="field-error">{m}</small> })}
                    </label>
                    <label class="field">
                        <span>{move || t().password}</span>
                        <div class="password-row">
                            <input
                                type=move || if show_password.get() { "text" } else { "password" }
                                name="password"
                                autocomplete="current-password"
                                required
                            />
                            <button
                                type="button"
                                class="ghost toggle-password"
                                aria-pressed=move || show_password.get().to_string()
                                on:click=move |_| show_password.update(|s| *s = !*s)
                            >
                                {move || if show_password.get() { t().hide_password } else { t().show_password }}
                            </button>
                        </div>
                        {move || field_error("password")().map(|m| view! { <small class="field-error">{m}</small> })}
                    </label>
                    {move || general_error().map(|e| view! { <p class="alert" role="alert">{e.to_string()}</p> })}
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || if pending.get() { t().signing_in } else { t().sign_in }}
                    </button>
                </ActionForm>
                <p class="hint">{move || t().sign_in_hint}</p>
                <p class="hint">
                    <leptos_router::components::A href="/register">{move || t().no_account}</leptos_router::components::A>
                </p>
                <p class="hint">
                    <leptos_router::components::A href="/forgot">{move || t().forgot}</leptos_router::components::A>
                </p>
                <Suspense>
                    {move || Suspend::new(async move {
                        match provider.await {
                            Ok(Some(name)) => {
                                view! {
                                    <a class="button-link oidc" href="/auth/oidc/start" rel="external">
                                        {move || t().sign_in_with} " " {name.clone()}
                                    </a>
                                }
                                    .into_any()
                            }
                            _ => view! { <p class="hint">{move || t().gosuslugi_soon}</p> }.into_any(),
                        }
                    })}
                </Suspense>
                {move || oidc_failed().then(|| view! { <p class="alert" role="alert">{move || t().oidc_failed}</p> })}
            </section>
        </main>
    }
}
