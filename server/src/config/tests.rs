//! The configuration's layers, keys and errors.

use super::*;

#[test]
fn defaults_are_valid_and_use_sqlite() {
    let c = Config::from_toml("").unwrap();
    assert_eq!(c, Config::default());
    assert!(c.database.url.0.starts_with("sqlite:"));
}

#[test]
fn file_values_override_defaults() {
    let c =
        Config::from_toml("[server]\naddress = \"0.0.0.0:8080\"\n[demo]\nseed = true\n").unwrap();
    assert_eq!(c.server.address.port(), 8080);
    assert!(c.demo.seed);
    assert!(c.demo.print_logins);
}

#[test]
fn a_malformed_value_names_its_key() {
    let e = Config::from_toml("[server]\naddress = \"not an address\"\n").unwrap_err();
    assert!(e.to_string().contains("server.address"), "{e}");
    let e = Config::from_toml("[database]\nmax_connections = \"many\"\n").unwrap_err();
    assert!(e.to_string().contains("database.max_connections"), "{e}");
}

#[test]
fn an_unknown_key_is_named() {
    let e = Config::from_toml("[database]\nurll = \"sqlite://x.db\"\n").unwrap_err();
    assert!(e.to_string().contains("database.urll"), "{e}");
}

#[test]
fn a_key_required_by_another_is_named() {
    let e = Config::from_toml("[auth.oidc]\nenabled = true\nclient_id = \"x\"\n").unwrap_err();
    assert!(e.to_string().contains("auth.oidc.issuer_url"), "{e}");
    let e = Config::from_toml("[database]\nurl = \"mysql://x\"\n").unwrap_err();
    assert!(e.to_string().contains("database.url"), "{e}");
}

#[test]
fn secrets_are_hidden_from_debug_output() {
    let mut c = Config::default();
    c.mail.smtp_password = Secret("hunter2".into());
    c.database.url = Secret("postgres://u:pw@db/x".into());
    let shown = format!("{c:?}");
    assert!(!shown.contains("hunter2"));
    assert!(!shown.contains("pw@db"));
}

#[test]
fn the_demo_is_seeded_only_when_asked() {
    assert!(!Config::default().demo.seed);
}

#[test]
fn a_production_looking_configuration_refuses_the_demo_accounts() {
    for toml in [
        "[demo]\nseed = true\n[auth]\ncookie_secure = true\n",
        "[demo]\nseed = true\n[server]\npublic_url = \"HTTPS://dnevnik.school.example\"\n",
    ] {
        let e = Config::from_toml(toml).unwrap_err().to_string();
        assert!(e.contains("demo.seed"), "{e}");
        assert!(e.contains("server init"), "{e}");
    }
    // Without the demo, the same configuration is fine.
    let c = Config::from_toml("[auth]\ncookie_secure = true\n").unwrap();
    assert!(c.looks_like_production());
    // And the demo on plain http is fine.
    assert!(Config::from_toml("[demo]\nseed = true\n").is_ok());
}
