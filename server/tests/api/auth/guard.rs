//! Guessing passwords: every guess counted, even many at once; strangers
//! held off an account without locking its owner out; one address held
//! off whatever accounts it names; past the pool of password checks a
//! quick 503, while other pages keep answering.

use app::server::seed::{DEMO_PASSWORD, TEACHER_EMAIL};
use futures::future::join_all;

use crate::helpers::{Backend, TestApp, STALLED};

/// A browser of its own at this client address (the test server trusts
/// `X-Forwarded-For`, as behind a proxy).
fn browser_at(address: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", address.parse().unwrap());
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .timeout(STALLED)
        .build()
        .unwrap()
}

async fn behind_proxy(backend: Backend, checks: usize) -> TestApp {
    TestApp::spawn_with(backend, |c| {
        c.server.behind_proxy = true;
        c.auth.password_checks = checks;
    })
    .await
}

/// Sorted statuses of sign-ins sent all at once, one per address, each
/// with the e-mail `email` gives for its place.
async fn at_once(
    app: &TestApp,
    addresses: &[String],
    email: impl Fn(usize) -> String,
    password: &str,
) -> Vec<u16> {
    let browsers: Vec<_> = addresses.iter().map(|a| browser_at(a)).collect();
    let emails: Vec<String> = (0..addresses.len()).map(email).collect();
    let answers = join_all(
        browsers
            .iter()
            .zip(&emails)
            .map(|(b, e)| app.login(b, e, password)),
    )
    .await;
    let mut statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    statuses.sort_unstable();
    statuses
}

async fn guesses_at_once_are_each_counted_and_the_owner_keeps_signing_in(backend: Backend) {
    let app = behind_proxy(backend, 0).await;
    // The teacher signs in from her own browser once: it is known.
    let own = browser_at("198.51.100.7");
    assert_eq!(
        app.login(&own, TEACHER_EMAIL, DEMO_PASSWORD).await.status(),
        200
    );

    // Forty wrong guesses at once from forty addresses: five are checked.
    let addresses: Vec<String> = (1..=40).map(|i| format!("203.0.113.{i}")).collect();
    let statuses = at_once(&app, &addresses, |_| TEACHER_EMAIL.into(), "угадай-2026").await;
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let held = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, held), (5, 35), "{statuses:?}");

    // Even the right password is held off in a browser the account does
    // not know ...
    let stranger = browser_at("203.0.113.99");
    let res = app.login(&stranger, TEACHER_EMAIL, DEMO_PASSWORD).await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    // ... but not in the teacher's own.
    assert_eq!(
        app.login(&own, TEACHER_EMAIL, DEMO_PASSWORD).await.status(),
        200
    );
    app.cleanup().await;
}

async fn one_address_is_held_off_whatever_accounts_it_names(backend: Backend) {
    let app = behind_proxy(backend, 0).await;
    let from = browser_at("192.0.2.50");
    let mut statuses = Vec::new();
    for i in 0..32 {
        let res = app
            .login(&from, &format!("nobody{i}@dnevnik.example"), "угадай-2026")
            .await;
        statuses.push(res.status().as_u16());
    }
    assert!(statuses[..30].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(&statuses[30..], [429, 429]);
    // Another address is not held off.
    let other = browser_at("192.0.2.51");
    assert_eq!(
        app.login(&other, TEACHER_EMAIL, DEMO_PASSWORD)
            .await
            .status(),
        200
    );
    app.cleanup().await;
}

async fn past_the_pool_a_flood_gets_503_and_other_pages_keep_answering(backend: Backend) {
    let app = behind_proxy(backend, 1).await;
    let addresses: Vec<String> = (1..=60).map(|i| format!("198.18.0.{i}")).collect();
    let health = async {
        // While the flood is on, the health page answers each time.
        let c = crate::helpers::client();
        let mut ok = 0;
        for _ in 0..5 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            let res = c.get(app.url("/health")).send().await.unwrap();
            ok += usize::from(res.status() == 200);
        }
        ok
    };
    let (statuses, ok) = tokio::join!(
        at_once(
            &app,
            &addresses,
            |i| format!("nobody{i}@dnevnik.example"),
            "угадай-2026"
        ),
        health
    );
    assert_eq!(ok, 5);
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 503),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&503),
        "one check at a time, sixteen waiting: sixty cannot all be taken: {statuses:?}"
    );
    app.cleanup().await;
}

crate::both_backends!(
    guesses_at_once_are_each_counted_and_the_owner_keeps_signing_in,
    one_address_is_held_off_whatever_accounts_it_names,
    past_the_pool_a_flood_gets_503_and_other_pages_keep_answering,
);
