//! The home page: who is signed in, and a panel for each role they hold.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::layout::{role_label, Layout};
use crate::api::home::home;
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::home::{AdminHome, ChildCard, HomeData, OfficerHome, TeacherHome};

#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| home());
    let lang = use_lang();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{move || lang.get().texts().loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        let user = d.user.clone();
                        view! {
                            <Layout user>
                                <HomeView data=d />
                            </Layout>
                        }
                            .into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <p class="alert" role="alert">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HomeView(data: HomeData) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let user = data.user.clone();
    let roles: Vec<Role> = user.roles.iter().map(|g| g.role).collect();
    let school = user.roles.iter().find_map(|g| g.school_name.clone());
    view! {
        <section class="greeting">
            <h1>{user.display_name()}</h1>
            <p class="muted">
                {roles.iter().map(|r| {
                    let r = *r;
                    view! { <span class="chip">{move || role_label(t(), r)}</span> " " }
                }).collect_view()}
                {school.map(|s| view! { <span>{s}</span> })}
            </p>
            <p class="muted small">
                {move || t().user_id} ": " <span class="user-id">{user.id.0}</span> " · " {user.email.clone()}
            </p>
        </section>
        {data.teacher.map(|th| view! { <TeacherPanel data=th /> })}
        {data.children.map(|c| view! { <ParentPanel children=c /> })}
        {data.student.map(|c| view! { <StudentPanel me=c /> })}
        {data.officer.map(|o| view! { <OfficerPanel data=o /> })}
        {data.admin.map(|a| view! { <AdminPanel data=a /> })}
    }
}

/// What a role will be able to do, as a checklist.
#[component]
fn Features(items: Vec<&'static str>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    view! {
        <h3>{move || t().what_you_can_do}</h3>
        <ul class="features">
            {items
                .into_iter()
                .map(|f| view! { <li>{f} " " <span class="chip chip-soft">{move || t().soon}</span></li> })
                .collect_view()}
        </ul>
    }
}

#[component]
fn TeacherPanel(data: TeacherHome) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    view! {
        <section class="panel" data-role="teacher">
            <h2>{move || t().my_classes}</h2>
            <p class="stat">
                <span class="stat-value">{data.lessons_today}</span>
                <span class="stat-label">{move || t().lessons_today}</span>
            </p>
            <ul class="cards">
                {data
                    .sections
                    .into_iter()
                    .map(|s| {
                        view! {
                            <li class="card section-card" data-section=s.section_id.0>
                                <a href=format!("/journal?section={}", s.section_id)>
                                    <strong>{s.class_name}</strong>
                                </a>
                                <span>{s.subject_name}</span>
                                <span class="muted small">{move || t().students.count(s.students)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {move || view! { <Features items=t().teacher_features.to_vec() /> }}
        </section>
    }
}

#[component]
fn ChildCardView(child: ChildCard) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    view! {
        <li class="card child-card" data-student=child.student_id.0>
            <strong>{child.name.full()}</strong>
            <span>
                {move || t().class} ": " {child.class_name.clone().unwrap_or_else(|| "—".into())} " · "
                {child.school_name.clone()}
            </span>
            <span class="muted small">{move || t().average} ": " <b>{child.average.clone()}</b></span>
        </li>
    }
}

#[component]
fn ParentPanel(children: Vec<ChildCard>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    let empty = children.is_empty();
    view! {
        <section class="panel" data-role="parent">
            <h2>{move || t().my_children}</h2>
            {empty.then(|| view! { <p class="muted">{move || t().no_children}</p> })}
            <ul class="cards">
                {children.into_iter().map(|c| view! { <ChildCardView child=c /> }).collect_view()}
            </ul>
            {move || view! { <Features items=t().parent_features.to_vec() /> }}
        </section>
    }
}

#[component]
fn StudentPanel(me: ChildCard) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    view! {
        <section class="panel" data-role="student">
            <ul class="cards">
                <ChildCardView child=me />
            </ul>
            {move || view! { <Features items=t().student_features.to_vec() /> }}
        </section>
    }
}

#[component]
fn OfficerPanel(data: OfficerHome) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    view! {
        <section class="panel" data-role="officer">
            <h2>{data.school_name}</h2>
            <div class="stats">
                <p class="stat">
                    <span class="stat-value">{data.open_applications}</span>
                    <span class="stat-label">{move || t().open_applications}</span>
                </p>
                <p class="stat">
                    <span class="stat-value">{data.roster_students}</span>
                    <span class="stat-label">{move || t().roster_students}</span>
                </p>
            </div>
            {move || view! { <Features items=t().officer_features.to_vec() /> }}
        </section>
    }
}

#[component]
fn AdminPanel(data: AdminHome) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().texts();
    view! {
        <section class="panel" data-role="admin">
            <h2>{data.school_name}</h2>
            <div class="stats">
                <p class="stat">
                    <span class="stat-value">{data.classes}</span>
                    <span class="stat-label">{move || t().classes}</span>
                </p>
                <p class="stat">
                    <span class="stat-value">{data.teachers}</span>
                    <span class="stat-label">{move || t().teachers}</span>
                </p>
                <p class="stat">
                    <span class="stat-value">{data.students}</span>
                    <span class="stat-label">{move || t().roster_students}</span>
                </p>
            </div>
            {data.current_period.map(|p| view! { <p>{move || t().current_period} ": " <b>{p.clone()}</b></p> })}
            <AdminLinks />
        </section>
    }
}

/// A label of the set-up pages' table.
type SetupLabel = fn(&crate::i18n::setup::SetupPageTexts) -> &'static str;

/// The administrator's screens, each a link.
#[component]
fn AdminLinks() -> impl IntoView {
    use crate::i18n::setup::{page, profile_page};
    let lang = use_lang();
    let pt = move || page(lang.get());
    let profile = move || profile_page(lang.get()).link;
    let links: [(&str, SetupLabel); 8] = [
        ("/school#year", |t| t.year_section),
        ("/school#bells", |t| t.bells_section),
        ("/school#subjects", |t| t.subjects_section),
        ("/school#staff", |t| t.staff_section),
        ("/school#classes", |t| t.classes_section),
        ("/school#sections", |t| t.sections_section),
        ("/school#lessons", |t| t.lessons_section),
        ("/periods", |t| t.periods_link),
    ];
    view! {
        <ul class="admin-links">
            {links
                .into_iter()
                .map(|(href, label)| view! { <li><a href=href>{move || label(pt())}</a></li> })
                .collect_view()}
            <li><a href="/school/profile">{profile}</a></li>
        </ul>
    }
}
