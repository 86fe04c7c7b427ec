//! Interface languages: Russian first, English second.
//!
//! The server renders in the language of the `lang` cookie and writes it
//! into `<html lang>`; the browser starts from that attribute, so both sides
//! agree during hydration. Switching sets the cookie and re-renders at once.
//!
//! One way to write interface strings: each capability has its own table
//! here, a struct of `&'static str` fields (or [`plural::Noun`]s for a count
//! with its noun) with one `static`/`const` per language, read as
//! `crate::i18n::<capability>::texts(lang)`:
//!
//! - `common` — the shared `Texts` of the sign-in, home, diary, messages and
//!   applications pages (also `lang.texts()`, and re-exported as `i18n::Texts`);
//! - `journal`, `periods` — those pages' own tables (the journal's also what
//!   a refused edit is told);
//! - `accounts`, `applications`, `messages` — what the server says about
//!   them (field messages, conflicts, names of statuses, mails);
//! - `errors` — what the server's errors say (`AppError` and the messages of
//!   the domain's validation errors, each worded there by `worded!`);
//! - `setup` — the school set-up's pages, refusals and invitation mail;
//! - `plural` — Russian and English plural forms («1 оценка, 5 оценок»).
//!
//! A page takes `let lang = use_lang();` and reads
//! `move || <capability>::texts(lang.get()).field`, so a switch re-renders it.
//! A service writes in the request's language,
//! `<capability>::texts(current_lang())` ([`current_lang`]); a mail in its
//! recipient's, `Lang::parse(&user.locale)`. A text with a value in it is a
//! method of its table («Тема длиннее 500 знаков»: `t.topic_too_long(500)`).

pub mod accounts;
pub mod applications;
pub mod common;
pub mod errors;
pub mod journal;
pub mod messages;
pub mod periods;
pub mod plural;
pub mod setup;

pub use common::{Texts, EN, RU};

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Lang {
        if s.trim().eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Ru
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
    }

    /// The shared table, `common::texts(self)`.
    pub fn texts(self) -> &'static Texts {
        common::texts(self)
    }
}

/// The current language signal, provided by the app root.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::Ru))
}

/// The language a page is rendered in, when it starts.
pub fn initial_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get_all(axum::http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(';'))
                    .find_map(|kv| kv.trim().strip_prefix("lang=").map(Lang::parse))
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .map(|l| Lang::parse(&l))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::Ru
    }
}

/// The language to write in where no signal is at hand (an error's text):
/// the one on screen when the app's language signal is in reach, else the
/// request's `lang` cookie on the server (a server function) or `<html lang>`
/// in the browser. Russian when there is neither.
pub fn current_lang() -> Lang {
    use_context::<RwSignal<Lang>>()
        .map(|l| l.get_untracked())
        .unwrap_or_else(initial_lang)
}

/// Remembers the choice for the server's next render.
pub fn remember_lang(lang: Lang) {
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        use wasm_bindgen::JsCast;
        if let Some(doc) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let _ = doc.set_cookie(&format!(
                "lang={}; path=/; max-age=31536000; samesite=lax",
                lang.code()
            ));
            if let Some(el) = doc.document_element() {
                let _ = el.set_attribute("lang", lang.code());
            }
        }
    }
    #[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
    let _ = lang;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_language_codes_fall_back_to_russian() {
        assert_eq!(Lang::parse("EN"), Lang::En);
        assert_eq!(Lang::parse("de"), Lang::Ru);
        assert_eq!(Lang::Ru.other(), Lang::En);
    }
}
