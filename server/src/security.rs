//! Security headers. The Content-Security-Policy carries a fresh nonce for
//! each page, which Leptos puts on its hydration script; nothing else inline
//! may run, and the wasm is allowed by 'wasm-unsafe-eval'.
//!
//! Pages and answers that may hold personal data (every page, every server
//! function, attachments, the journal's export) are marked
//! `Cache-Control: no-store`, so no browser or proxy keeps a copy; the
//! built assets (wasm, script, style, icons) stay cacheable. Served over
//! HTTPS (an https `public_url`), every answer says so with HSTS.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The nonce of the current request, for the Leptos renderer.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Whether an answer may hold personal data: anything but the built
/// assets and the public files beside them.
pub fn personal(path: &str) -> bool {
    ![
        "/pkg/",
        "/icons/",
        "/icon.svg",
        "/favicon",
        "/manifest.webmanifest",
        "/robots.txt",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

/// What the headers layer knows of the site.
#[derive(Clone, Copy, Debug)]
pub struct Site {
    /// Served over HTTPS: announce it with HSTS.
    pub https: bool,
}

pub async fn headers(State(site): State<Site>, mut req: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    let path = req.uri().path().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if personal(&path) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if site.https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if let Ok(v) = HeaderValue::from_str(&policy(&nonce)) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Gives Leptos the nonce that the header above announces.
pub fn provide_request_nonce() {
    use leptos::prelude::*;
    if let Some(nonce) = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_allows_own_wasm_and_forbids_framing() {
        let p = policy("abc");
        assert!(p.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!p.contains("unsafe-inline"));
    }

    #[test]
    fn pages_and_answers_are_not_stored_and_built_assets_are() {
        for path in [
            "/",
            "/diary/marks",
            "/api/diary_marks",
            "/files/12",
            "/journal/export.csv",
        ] {
            assert!(personal(path), "{path}");
        }
        for path in [
            "/pkg/dnevnik.wasm",
            "/pkg/dnevnik.css",
            "/icon.svg",
            "/favicon.ico",
        ] {
            assert!(!personal(path), "{path}");
        }
    }
}
