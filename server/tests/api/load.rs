//! Every page under concurrent load on a runtime of four worker threads, as
//! production servers run with more cores: no panic on any of the server's
//! threads and no dropped connection. Server rendering once panicked here
//! (a reactive value read outside the request's arena, see `ui/app.rs`);
//! on a two-thread runtime it hid.
//!
//! While the pages are served, other servers start in the same process, as
//! they do beside each other in this test binary (or several apps in one
//! process): starting once stalled, forever, any page whose data began to
//! load at that moment (the route listing switched every resource off
//! process-wide, see `startup::route_list`).
//!
//! Run once, on SQLite: what it proves is about rendering, not storage.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use app::server::seed::{
    ADMIN_EMAIL, APPLICANT_EMAIL, DEMO_PASSWORD, OFFICER_EMAIL, PARENT_EMAIL, STUDENT_EMAIL,
    TEACHER_EMAIL,
};

use crate::helpers::{base_config, client, Backend, TestApp};

/// The worker threads of this test's runtime, by name: panics anywhere else
/// (another test failing) are not this test's business.
const WORKER: &str = "load-test-worker";

static PANICS: AtomicUsize = AtomicUsize::new(0);
static HOOK: Once = Once::new();

fn count_panics_on_workers() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some(WORKER) {
                PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

/// Starts (and drops) other servers on fresh databases, one after another,
/// until `until`; answers how many started.
async fn start_others(until: Instant) -> u32 {
    let mut started = 0;
    while Instant::now() < until {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = base_config(format!("sqlite://{}/other.db", dir.path().display()));
        config.server.site_root = dir.path().join("site");
        config.mail.outbox_dir = dir.path().join("outbox");
        config.storage.dir = dir.path().join("files");
        server::startup::Application::build(&config)
            .await
            .expect("another server starts");
        started += 1;
    }
    started
}

/// Who visits which pages.
fn visits() -> Vec<(Option<&'static str>, Vec<&'static str>)> {
    vec![
        (None, vec!["/login", "/register", "/forgot"]),
        (
            Some(PARENT_EMAIL),
            vec![
                "/",
                "/diary",
                "/diary/marks",
                "/diary/attendance",
                "/diary/homework",
                "/diary/news",
                "/messages",
                "/applications",
            ],
        ),
        (
            Some(STUDENT_EMAIL),
            vec!["/", "/diary", "/diary/marks", "/diary/news"],
        ),
        (Some(TEACHER_EMAIL), vec!["/", "/journal", "/messages"]),
        (Some(OFFICER_EMAIL), vec!["/", "/officer"]),
        (Some(ADMIN_EMAIL), vec!["/", "/periods", "/journal"]),
        (Some(APPLICANT_EMAIL), vec!["/", "/applications"]),
    ]
}

#[test]
fn every_page_renders_under_load_on_four_worker_threads() {
    count_panics_on_workers();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .thread_name(WORKER)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let app = Arc::new(TestApp::spawn(Backend::Sqlite).await);
        let others = tokio::spawn(start_others(Instant::now() + Duration::from_secs(4)));
        let mut tasks = Vec::new();
        // Four browsers per visitor, each going round its pages: 28 at once.
        for (login, pages) in visits() {
            for _ in 0..4 {
                let app = app.clone();
                let pages = pages.clone();
                tasks.push(tokio::spawn(async move {
                    let c = client();
                    if let Some(email) = login {
                        let res = app.login(&c, email, DEMO_PASSWORD).await;
                        assert!(res.status().is_success() || res.status().is_redirection());
                    }
                    let until = Instant::now() + Duration::from_secs(4);
                    let mut served = 0u32;
                    while Instant::now() < until && served < 400 {
                        for page in &pages {
                            let res = c
                                .get(app.url(page))
                                .header("accept", "text/html")
                                .send()
                                .await
                                .unwrap_or_else(|e| panic!("{page} as {login:?}: {e}"));
                            let status = res.status();
                            let body = res
                                .text()
                                .await
                                .unwrap_or_else(|e| panic!("{page} as {login:?}: body cut: {e}"));
                            assert_eq!(status, 200, "{page} as {login:?}");
                            assert!(body.contains("</body>"), "{page} as {login:?}: cut short");
                            served += 1;
                        }
                    }
                    served
                }));
            }
        }
        let mut served = 0;
        for t in tasks {
            served += t.await.expect("a visitor's task failed");
        }
        assert!(served > 100, "only {served} pages served");
        let others = others.await.expect("starting other servers failed");
        assert!(others > 0, "no other server started meanwhile");
        assert_eq!(
            PANICS.load(Ordering::SeqCst),
            0,
            "the server panicked while rendering"
        );
        if let Ok(app) = Arc::try_unwrap(app) {
            app.cleanup().await;
        }
    });
}
