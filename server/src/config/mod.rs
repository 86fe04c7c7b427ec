//! Typed, layered configuration: built-in defaults, then `Leptos.toml`, then
//! environment variables `DNEVNIK_<SECTION>__<KEY>` (for example
//! `DNEVNIK_DATABASE__URL`). Every key is documented in Leptos.toml.

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// A value that must never reach a log: its Debug form is hidden.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            f.write_str("\"\"")
        } else {
            f.write_str("\"***\"")
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub auth: AuthConfig,
    pub mail: MailConfig,
    pub demo: DemoConfig,
    pub storage: StorageConfig,
    pub log: LogConfig,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageConfig {
    /// Where attached files are kept.
    pub dir: PathBuf,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Address and port to listen on.
    pub address: SocketAddr,
    /// The public base URL, used in links sent by mail.
    pub public_url: String,
    /// Where the built site (wasm, css, public files) is.
    pub site_root: PathBuf,
    /// On SIGTERM or Ctrl-C: seconds the requests in flight get to finish
    /// before the server exits anyway.
    pub shutdown_grace_secs: u64,
    /// Served behind a reverse proxy: a client's address is the last one
    /// in `X-Forwarded-For` (the one the proxy saw). Off: the connection's.
    pub behind_proxy: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseConfig {
    /// `sqlite://file.db` or `postgres://user@host/db`.
    pub url: Secret,
    pub max_connections: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthConfig {
    /// Days a session lives without use.
    pub session_days: u32,
    /// Days a session lives at most, however often it is used.
    pub session_max_days: u32,
    /// Send the session cookie only over HTTPS.
    pub cookie_secure: bool,
    /// Password checks and hashes at once (each takes ~19 MiB); 0: one per
    /// core. Past them a sign-in waits briefly, then gets 503.
    pub password_checks: usize,
    pub oidc: OidcConfig,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcConfig {
    pub enabled: bool,
    pub display_name: String,
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub redirect_url: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    pub from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_username: String,
    pub smtp_password: Secret,
    /// `none`, `starttls` or `tls`.
    pub smtp_security: String,
    /// With no SMTP host, messages are written here.
    pub outbox_dir: PathBuf,
    /// How often the sender looks for new messages, in milliseconds.
    pub poll_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoConfig {
    /// Seed the demo school into an empty database. Off unless asked for
    /// (`scripts/run` asks); refused in a configuration that looks like
    /// production, since every demo account shares one published password.
    pub seed: bool,
    /// Print the demo logins at start.
    pub print_logins: bool,
    /// Students in each seeded class.
    pub students_per_class: usize,
    /// Classes to seed beyond the demo's four (36 make a school of a
    /// thousand students, for load tests).
    pub extra_classes: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfig {
    /// A tracing filter, e.g. `info` or `server=debug,info`.
    pub filter: String,
    /// `text` or `json`.
    pub format: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            server: ServerConfig {
                address: SocketAddr::from(([127, 0, 0, 1], 3000)),
                public_url: "http://127.0.0.1:3000".into(),
                site_root: PathBuf::from("target/site"),
                shutdown_grace_secs: 10,
                behind_proxy: false,
            },
            database: DatabaseConfig {
                url: Secret("sqlite://dnevnik.db".into()),
                max_connections: 8,
            },
            auth: AuthConfig {
                session_days: 30,
                session_max_days: 90,
                cookie_secure: false,
                password_checks: 0,
                oidc: OidcConfig {
                    display_name: "Госуслуги".into(),
                    ..OidcConfig::default()
                },
            },
            mail: MailConfig {
                from: "Дневник <no-reply@dnevnik.example>".into(),
                smtp_port: 587,
                smtp_security: "starttls".into(),
                outbox_dir: PathBuf::from("data/outbox"),
                poll_ms: 2000,
                ..MailConfig::default()
            },
            demo: DemoConfig {
                seed: false,
                print_logins: true,
                students_per_class: 25,
                extra_classes: 0,
            },
            storage: StorageConfig {
                dir: PathBuf::from("data/files"),
            },
            log: LogConfig {
                filter: "info".into(),
                format: "text".into(),
            },
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration file {0} not found")]
    Missing(PathBuf),
    #[error("configuration: {0}")]
    Invalid(String),
}

impl Config {
    /// Reads the configuration: `DNEVNIK_CONFIG` names the file, else
    /// `Leptos.toml` in the working directory if present.
    pub fn load() -> Result<Config, ConfigError> {
        let (path, required) = match std::env::var_os("DNEVNIK_CONFIG") {
            Some(p) => (PathBuf::from(p), true),
            None => (PathBuf::from("Leptos.toml"), false),
        };
        if required && !path.exists() {
            return Err(ConfigError::Missing(path));
        }
        let figment =
            Self::figment(&path).merge(Env::prefixed("DNEVNIK_").split("__").ignore(&["config"]));
        // cargo-leptos tells the server where it wrote the site.
        let figment = match std::env::var("LEPTOS_SITE_ROOT") {
            Ok(root) => figment.merge(("server.site_root", root)),
            Err(_) => figment,
        };
        Self::extract(figment)
    }

    /// Defaults, then the given file.
    pub fn figment(path: &Path) -> Figment {
        Figment::from(Serialized::defaults(Config::default())).merge(Toml::file(path))
    }

    /// Reads a configuration from TOML text over the defaults (for tests).
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        Self::extract(
            Figment::from(Serialized::defaults(Config::default())).merge(Toml::string(text)),
        )
    }

    fn extract(figment: Figment) -> Result<Config, ConfigError> {
        let config: Config = figment.extract().map_err(|e| {
            let msgs: Vec<String> = e.into_iter().map(|e| describe(&e)).collect();
            ConfigError::Invalid(msgs.join("; "))
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Served to real people: the session cookie is HTTPS-only, or the
    /// public address is an https one.
    pub fn looks_like_production(&self) -> bool {
        self.auth.cookie_secure
            || self
                .server
                .public_url
                .trim()
                .to_ascii_lowercase()
                .starts_with("https://")
    }

    /// Rules serde cannot express; each message names its key.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, why: &str| Err(ConfigError::Invalid(format!("key `{key}`: {why}")));
        let url = &self.database.url.0;
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
        {
            return bad("database.url", "must start with sqlite: or postgres://");
        }
        if self.database.max_connections == 0 {
            return bad("database.max_connections", "must be at least 1");
        }
        if self.demo.seed && self.looks_like_production() {
            return bad(
                "demo.seed",
                "демо-школа с общим паролем не создаётся в боевой конфигурации \
                 (auth.cookie_secure = true или https в server.public_url); \
                 создайте школу командой `server init` / \
                 the demo school, whose accounts share one published password, is not \
                 seeded in a production-looking configuration (auth.cookie_secure = true \
                 or an https server.public_url); create the school with `server init`",
            );
        }
        if !(1..=60).contains(&self.demo.students_per_class) {
            return bad("demo.students_per_class", "must be between 1 and 60");
        }
        if self.demo.extra_classes > 100 {
            return bad("demo.extra_classes", "must be at most 100");
        }
        if self.auth.session_days == 0 {
            return bad("auth.session_days", "must be at least 1");
        }
        if !["none", "starttls", "tls"].contains(&self.mail.smtp_security.as_str()) {
            return bad("mail.smtp_security", "must be one of none, starttls, tls");
        }
        if self.auth.oidc.enabled {
            for (key, value) in [
                ("auth.oidc.issuer_url", &self.auth.oidc.issuer_url),
                ("auth.oidc.client_id", &self.auth.oidc.client_id),
                ("auth.oidc.redirect_url", &self.auth.oidc.redirect_url),
            ] {
                if value.trim().is_empty() {
                    return bad(key, "is required when auth.oidc.enabled = true");
                }
            }
        }
        if !(50..=60_000).contains(&self.mail.poll_ms) {
            return bad("mail.poll_ms", "must be between 50 and 60000");
        }
        if !["text", "json"].contains(&self.log.format.as_str()) {
            return bad("log.format", "must be text or json");
        }
        Ok(())
    }

    pub fn auth_settings(&self) -> app::server::AuthSettings {
        app::server::AuthSettings {
            session_ttl: chrono::Duration::days(i64::from(self.auth.session_days)),
            session_max: chrono::Duration::days(i64::from(
                self.auth.session_max_days.max(self.auth.session_days),
            )),
            cookie_secure: self.auth.cookie_secure,
            public_url: self.server.public_url.clone(),
            behind_proxy: self.server.behind_proxy,
        }
    }

    /// The OpenID Connect provider, when sign-in through it is enabled.
    pub fn oidc_settings(&self) -> Option<app::server::oidc::OidcSettings> {
        let o = &self.auth.oidc;
        o.enabled.then(|| app::server::oidc::OidcSettings {
            display_name: o.display_name.clone(),
            issuer_url: o.issuer_url.clone(),
            client_id: o.client_id.clone(),
            client_secret: o.client_secret.0.clone(),
            redirect_url: o.redirect_url.clone(),
        })
    }

    /// Where the mail goes: the SMTP relay, or with none the outbox folder.
    pub fn mail_settings(&self) -> app::server::mail::MailSettings {
        use app::server::mail::{MailSettings, Security, Transport};
        let m = &self.mail;
        let transport = if m.smtp_host.trim().is_empty() {
            Transport::Folder(m.outbox_dir.clone())
        } else {
            Transport::Smtp {
                host: m.smtp_host.clone(),
                port: m.smtp_port,
                security: match m.smtp_security.as_str() {
                    "none" => Security::None,
                    "tls" => Security::Tls,
                    _ => Security::StartTls,
                },
                credentials: (!m.smtp_username.is_empty())
                    .then(|| (m.smtp_username.clone(), m.smtp_password.0.clone())),
            }
        };
        MailSettings {
            from: m.from.clone(),
            transport,
            poll: std::time::Duration::from_millis(m.poll_ms),
        }
    }
}

/// One figment error as a sentence that names the key and where it came from.
fn describe(e: &figment::Error) -> String {
    let key = if e.path.is_empty() {
        "(top level)".to_string()
    } else {
        e.path.join(".")
    };
    let source = e
        .metadata
        .as_ref()
        .map(|m| match &m.source {
            Some(src) => format!(" (from {} {src})", m.name),
            None => format!(" (from {})", m.name),
        })
        .unwrap_or_default();
    let kind = match &e.kind {
        figment::error::Kind::UnknownField(field, _) => {
            let full = if e.path.is_empty() {
                field.clone()
            } else {
                format!("{}.{field}", e.path.join("."))
            };
            return format!("unknown key `{full}`{source}");
        }
        figment::error::Kind::MissingField(field) => {
            let full = if e.path.is_empty() {
                field.to_string()
            } else {
                format!("{}.{field}", e.path.join("."))
            };
            return format!("missing key `{full}`{source}");
        }
        other => other.to_string(),
    };
    format!("key `{key}`: {kind}{source}")
}

#[cfg(test)]
mod tests;
