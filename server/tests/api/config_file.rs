//! The Leptos.toml shipped in the repository is valid and documents every key.

use server::config::Config;
use std::path::Path;

fn shipped() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../Leptos.toml")
}

#[test]
fn the_shipped_leptos_toml_is_valid() {
    let config: Config = Config::figment(&shipped())
        .extract()
        .expect("Leptos.toml parses");
    config.validate().expect("Leptos.toml is valid");
    assert_eq!(config.server.address.port(), 3000);
    assert!(config.database.url.0.starts_with("sqlite://"));
}

#[test]
fn every_key_is_written_out_in_the_shipped_file() {
    let written: toml::Table = std::fs::read_to_string(shipped()).unwrap().parse().unwrap();
    let defaults = serde_json::to_value(Config::default()).unwrap();
    for (section, keys) in defaults.as_object().unwrap() {
        for (key, value) in keys.as_object().unwrap() {
            let table = written[section].as_table().unwrap();
            assert!(
                table.contains_key(key),
                "key `{section}.{key}` is not written out in Leptos.toml"
            );
            if let Some(nested) = value.as_object() {
                for sub in nested.keys() {
                    assert!(
                        table[key].as_table().unwrap().contains_key(sub),
                        "key `{section}.{key}.{sub}` is not written out in Leptos.toml"
                    );
                }
            }
        }
    }
}
