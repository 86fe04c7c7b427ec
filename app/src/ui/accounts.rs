//! The account pages: registration, e-mail confirmation, a forgotten
//! password and its reset; with the labelled field their forms share with the
//! application form.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::layout::LangSwitch;
use super::page::Loading;
use crate::api::accounts::*;
use crate::error::AppError;
use crate::i18n::{use_lang, Texts};

/// The texts of the current language.
pub(super) fn t() -> &'static Texts {
    use_lang().get().texts()
}

#[component]
pub(super) fn Field(
    label: fn(&Texts) -> &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let message = move || error.get().and_then(|e| e.message_for(name));
    view! {
        <label class="field">
            <span>{move || label(t())}</span>
            <input
                type=kind
                name=name
                value=value
                autocomplete=autocomplete
                aria-invalid=move || message().is_some().to_string()
            />
            {move || message().map(|m| view! { <small class="field-error">{m}</small> })}
        </label>
    }
}

/// The frame of every account page: the language switch, a card with the
/// page's title and what it shows, and the link back to signing in.
#[component]
fn AuthCard(
    #[prop(into)] title: ViewFn,
    /// The link under the card, to the sign-in page.
    #[prop(default = |t| t.sign_in)]
    link: fn(&Texts) -> &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <main class="auth">
            <div class="auth-top">
                <LangSwitch />
            </div>
            <section class="card auth-card">
                <h1>{move || title.run()}</h1>
                {children()}
                <p class="hint">
                    <A href="/login">{move || link(t())}</A>
                </p>
            </section>
        </main>
    }
}

/// A page's form until it has been sent successfully, then what it did.
#[component]
fn FormThenNotice(
    done: Signal<bool>,
    /// What is shown once the form has done its work.
    #[prop(into)]
    notice: ViewFn,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Show when=move || done.get() fallback=move || children()>
            <p class="notice" role="status">
                {
                    let notice = notice.clone();
                    move || notice.run()
                }
            </p>
        </Show>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let pending = action.pending();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = Signal::derive(move || matches!(action.value().get(), Some(Ok(_))));
    let email = RwSignal::new(String::new());
    let general = move || error.get().filter(AppError::is_general);
    view! {
        <AuthCard title=move || t().register_title link=|t| t.have_account>
            <FormThenNotice
                done
                notice=move || view! { {move || t().registered} " " <b>{move || email.get()}</b> }
            >
                <p class="muted">{move || t().register_hint}</p>
                <ActionForm action=action attr:class="form">
                    <label class="field">
                        <span>{move || t().email}</span>
                        <input
                            type="email"
                            name="email"
                            autocomplete="email"
                            on:input=move |ev| email.set(event_target_value(&ev))
                        />
                        {move || {
                            error
                                .get()
                                .and_then(|e| e.message_for("email"))
                                .map(|m| view! { <small class="field-error">{m}</small> })
                        }}
                    </label>
                    <Field label=|t| t.password name="password" kind="password" autocomplete="new-password" error />
                    <Field label=|t| t.last_name name="last_name" autocomplete="family-name" error />
                    <Field label=|t| t.first_name name="first_name" autocomplete="given-name" error />
                    <Field label=|t| t.middle_name name="middle_name" autocomplete="additional-name" error />
                    {move || general().map(|e| view! { <p class="alert" role="alert">{e.to_string()}</p> })}
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || t().create_account}
                    </button>
                </ActionForm>
            </FormThenNotice>
        </AuthCard>
    }
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let q = use_query_map();
    let token = move || q.with(|q| q.get("token").unwrap_or_default());
    let result = Resource::new(token, confirm_email);
    view! {
        <AuthCard title=move || t().confirm_title>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match result.await {
                        Ok(()) => view! { <p class="notice" role="status">{move || t().confirmed}</p> }.into_any(),
                        Err(e) => view! { <p class="alert" role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </AuthCard>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = Signal::derive(move || matches!(action.value().get(), Some(Ok(()))));
    view! {
        <AuthCard title=move || t().forgot_title>
            <FormThenNotice done notice=move || t().link_sent>
                <p class="muted">{move || t().forgot_hint}</p>
                <ActionForm action=action attr:class="form">
                    <Field label=|t| t.email name="email" kind="email" autocomplete="email" error />
                    <button type="submit" class="primary">{move || t().send_link}</button>
                </ActionForm>
            </FormThenNotice>
        </AuthCard>
    }
}

/// What a form that sets a password from a mailed link holds: the link's
/// token, the new password and the button.
#[component]
fn NewPasswordFields(error: Signal<Option<AppError>>) -> impl IntoView {
    let q = use_query_map();
    let token = move || q.with(|q| q.get("token").unwrap_or_default());
    view! {
        <input type="hidden" name="token" prop:value=token />
        <Field label=|t| t.new_password name="password" kind="password" autocomplete="new-password" error />
        {move || {
            error
                .get()
                .and_then(|e| e.message_for("token"))
                .map(|m| view! { <p class="alert" role="alert">{m}</p> })
        }}
        <button type="submit" class="primary">{move || t().save_password}</button>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = Signal::derive(move || matches!(action.value().get(), Some(Ok(()))));
    view! {
        <AuthCard title=move || t().forgot_title>
            <FormThenNotice done notice=move || t().password_saved>
                <ActionForm action=action attr:class="form">
                    <NewPasswordFields error />
                </ActionForm>
            </FormThenNotice>
        </AuthCard>
    }
}

/// The invited member of staff sets a first password from the mailed link.
#[component]
pub fn InvitePage() -> impl IntoView {
    use crate::i18n::setup::page;
    let pt = move || page(use_lang().get());
    let action = ServerAction::<AcceptInvitation>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = Signal::derive(move || matches!(action.value().get(), Some(Ok(()))));
    view! {
        <AuthCard title=move || pt().invite_title>
            <FormThenNotice done notice=move || pt().invite_done>
                <p class="muted">{move || pt().invite_hint}</p>
                <ActionForm action=action attr:class="form">
                    <NewPasswordFields error />
                </ActionForm>
            </FormThenNotice>
        </AuthCard>
    }
}
