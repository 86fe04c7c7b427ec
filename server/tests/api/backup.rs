//! `server backup` while the server runs, and `server restore` into a fresh
//! database: every mark, application and audit row comes back.

use app::server::entities::{access_application, audit_log, mark};
use app::server::seed::{DEMO_PASSWORD, PARENT_EMAIL};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, EntityTrait, PaginatorTrait};

use crate::helpers::{admin_url, base_config, client, with_database, Backend, TestApp};

async fn counts(db: &DatabaseConnection) -> [u64; 3] {
    [
        mark::Entity::find().count(db).await.unwrap(),
        access_application::Entity::find().count(db).await.unwrap(),
        audit_log::Entity::find().count(db).await.unwrap(),
    ]
}

async fn a_backup_taken_while_serving_restores_every_row(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dnevnik.backup");
    let before = counts(&app.db).await;
    let config = base_config(app.db_url.clone());

    // Parents keep signing in (each a session and an audit row) while the
    // copy is taken.
    let signing_in = async {
        for _ in 0..6 {
            let res = app.login(&client(), PARENT_EMAIL, DEMO_PASSWORD).await;
            assert_eq!(res.status(), 200);
        }
    };
    let (copied, ()) = tokio::join!(server::backup::backup(&config, &file), signing_in);
    copied.unwrap();
    let after = counts(&app.db).await;
    // A second backup to the same file is refused, not overwritten.
    assert!(server::backup::backup(&config, &file).await.is_err());

    // Restored into a fresh database.
    let (url, pg) = match backend {
        Backend::Sqlite => (
            format!("sqlite://{}/restored.db", dir.path().display()),
            None,
        ),
        Backend::Postgres => {
            let name = format!("dnevnik_test_restored_{}", std::process::id());
            let admin = Database::connect(admin_url()).await.unwrap();
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            (with_database(&admin_url(), &name), Some((admin, name)))
        }
    };
    server::backup::restore(&base_config(url.clone()), &file, false)
        .await
        .unwrap();
    let restored = Database::connect(&url).await.unwrap();
    let got = counts(&restored).await;
    assert_eq!(got[0], before[0], "every mark");
    assert_eq!(got[1], before[1], "every application");
    assert!(
        (before[2]..=after[2]).contains(&got[2]),
        "the audit rows of one moment: {before:?} ≤ {got:?} ≤ {after:?}"
    );
    let first_mark = mark::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(
        mark::Entity::find_by_id(first_mark.id)
            .one(&restored)
            .await
            .unwrap(),
        Some(first_mark)
    );
    restored.close().await.ok();
    if let Some((admin, name)) = pg {
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await
            .ok();
    }
    app.cleanup().await;
}

async fn a_restore_never_overwrites_a_database_unasked(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dnevnik.backup");
    let config = base_config(app.db_url.clone());
    server::backup::backup(&config, &file).await.unwrap();
    if let Backend::Sqlite = backend {
        // The configured file exists: restoring over it needs --replace.
        assert!(server::backup::restore(&config, &file, false)
            .await
            .is_err());
    }
    let missing = dir.path().join("none.backup");
    assert!(server::backup::restore(&config, &missing, true)
        .await
        .is_err());
    app.cleanup().await;
}

crate::both_backends!(
    a_backup_taken_while_serving_restores_every_row,
    a_restore_never_overwrites_a_database_unasked,
);
