//! The frame of every signed-in page: the top bar (brand, language switch,
//! who is signed in, sign-out) and the tabs of the sections the roles open.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::auth::Logout;
use crate::domain::roles::Role;
use crate::i18n::{remember_lang, use_lang, Texts};
use crate::model::accounts::SessionUser;

/// A role's name in the interface (`Texts::role`).
pub fn role_label(t: &Texts, role: Role) -> &'static str {
    t.role(role)
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
    let user_for_nav = user.clone();
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
        <Nav user=user_for_nav />
        <main class="content">{children()}</main>
    }
}

/// The sections of the diary the user's roles open.
#[component]
fn Nav(user: SessionUser) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let reads_diary = user.has_role(Role::Parent) || user.has_role(Role::Student);
    let location = leptos_router::hooks::use_location();
    let current = move |href: &'static str| {
        let path = location.pathname.get();
        // "/" and "/diary" are pages of their own, not prefixes of the others.
        let on = if href == "/" || href == "/diary" {
            path == href
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        };
        if on {
            "page"
        } else {
            "false"
        }
    };
    let link = move |href: &'static str, label: fn(&Texts) -> &'static str| {
        view! {
            <A href=href attr:aria-current=move || current(href)>
                {move || label(t())}
            </A>
        }
    };
    view! {
        <nav class="tabs" aria-label=move || t().app_name>
            {link("/", |t| t.nav_home)}
            {reads_diary
                .then(|| {
                    view! {
                        {link("/diary", |t| t.nav_week)}
                        {link("/diary/marks", |t| t.nav_marks)}
                        {link("/diary/attendance", |t| t.nav_attendance)}
                        {link("/diary/homework", |t| t.nav_homework)}
                        {link("/diary/news", |t| t.nav_news)}
                    }
                })}
            {(user.has_role(Role::Teacher) || user.has_role(Role::Admin))
                .then(|| link("/journal", |t| t.nav_journal))}
            {user.has_role(Role::Admin).then(|| link("/school", |t| t.nav_school))}
            {user.has_role(Role::Admin).then(|| link("/periods", |t| t.nav_periods))}
            {link("/messages", |t| t.nav_messages)}
            {user.has_role(Role::Parent).then(|| link("/applications", |t| t.nav_applications))}
            {user.has_role(Role::Officer).then(|| link("/officer", |t| t.nav_applications))}
        </nav>
    }
}
