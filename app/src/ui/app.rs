//! The HTML document around the app and the router: every page's route.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

use super::accounts::{ConfirmPage, ForgotPage, InvitePage, RegisterPage, ResetPage};
use super::applications::ApplicationsPage;
use super::diary::{AttendancePage, HomeworkPage, MarksPage, NewsPage, WeekPage};
use super::home::HomePage;
use super::journal::JournalPage;
use super::login::LoginPage;
use super::messages::{InboxPage, ThreadPage};
use super::officer::{OfficerApplicationPage, OfficerQueuePage};
use super::periods::PeriodsPage;
use super::setup::{ClassSetupPage, ProfilePage, SetupPage};
use crate::i18n::{initial_lang, use_lang};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = initial_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // On the server leptos_meta reads <Title text> after an await, outside
    // the request's reactive arena (leptos_integration_utils 0.8's
    // `ExtendResponse::from_app` → `inject_meta_context`): an arena-backed
    // signal read there finds another request's arena, or a dropped one,
    // and panics ("already been disposed") under several worker threads.
    // An `ArcRwSignal` lives outside the arena; the pages get a `RwSignal`
    // over the same signal, so a language switch still updates the title.
    let lang_arc = ArcRwSignal::new(initial_lang());
    let lang = RwSignal::from(lang_arc.clone());
    provide_context(lang);
    // Marks the page once the wasm has taken over (tests wait for it).
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href="/pkg/dnevnik.css" />
        <Link rel="manifest" href="/manifest.webmanifest" />
        <Link rel="icon" href="/icon.svg" />
        <Meta name="theme-color" content="#1d4ed8" />
        <Meta name="description" content=move || lang.get().texts().tagline />
        <Title text=move || lang_arc.get().texts().app_name />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/register") view=RegisterPage />
                <Route path=path!("/forgot") view=ForgotPage />
                <Route path=path!("/reset") view=ResetPage />
                <Route path=path!("/invite") view=InvitePage />
                <Route path=path!("/confirm") view=ConfirmPage ssr=SsrMode::Async />
                <Route path=path!("/applications") view=ApplicationsPage ssr=SsrMode::Async />
                <Route path=path!("/officer") view=OfficerQueuePage ssr=SsrMode::Async />
                <Route path=path!("/officer/:id") view=OfficerApplicationPage ssr=SsrMode::Async />
                <Route path=path!("/diary") view=WeekPage ssr=SsrMode::Async />
                <Route path=path!("/diary/marks") view=MarksPage ssr=SsrMode::Async />
                <Route path=path!("/diary/attendance") view=AttendancePage ssr=SsrMode::Async />
                <Route path=path!("/diary/homework") view=HomeworkPage ssr=SsrMode::Async />
                <Route path=path!("/diary/news") view=NewsPage ssr=SsrMode::Async />
                <Route path=path!("/journal") view=JournalPage ssr=SsrMode::Async />
                <Route path=path!("/periods") view=PeriodsPage ssr=SsrMode::Async />
                <Route path=path!("/school") view=SetupPage ssr=SsrMode::Async />
                <Route path=path!("/school/class/:id") view=ClassSetupPage ssr=SsrMode::Async />
                <Route path=path!("/school/profile") view=ProfilePage ssr=SsrMode::Async />
                <Route path=path!("/messages") view=InboxPage ssr=SsrMode::Async />
                <Route path=path!("/messages/:id") view=ThreadPage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let t = move || use_lang().get().texts();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <main class="centered">
            <section class="card">
                <h1>{move || t().not_found}</h1>
                <A href="/">{move || t().to_home}</A>
            </section>
        </main>
    }
}
