use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{Logout, SessionUser};
use crate::domain::roles::Role;
use crate::i18n::{remember_lang, use_lang, Texts};

pub fn role_label(t: &Texts, role: Role) -> &'static str {
    match role {
        Role::Admin => t.role_admin,
        Role::Officer => t.role_officer,
        Role::Teacher => t.role_teacher,
        Role::Parent => t.role_parent,
        Role::Student => t.role_student,
    }
}

/// Switches the interface language at once and remembers the choice.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    view! {
        <button
            type="button"
            class="ghost lang-switch"
            lang=move || lang.get().other().code()
            on:click=move |_| {
                let next = lang.get().other();
                lang.set(next);
                remember_lang(next);
            }
        >
            {move || lang.get().texts().switch_lang}
        </button>
    }
}

/// The frame of every signed-in page: the top bar and the content.
#[component]
pub fn Layout(user: SessionUser, children: Children) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let logout = ServerAction::<Logout>::new();
    let name = user.display_name();
    let role = user.roles.first().map(|g| g.role);
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"Д"</span>
                <span>{move || t().app_name}</span>
            </A>
            <div class="topbar-right">
                <LangSwitch />
                <span class="who">
                    <span class="who-name">{name}</span>
                    {role.map(|r| view! { <span class="chip">{move || role_label(t(), r)}</span> })}
                </span>
                <ActionForm action=logout attr:class="inline">
                    <button type="submit" class="ghost">{move || t().sign_out}</button>
                </ActionForm>
            </div>
        </header>
        <main class="content">{children()}</main>
    }
}
