//! SIGTERM under load, to the real binary: it stops accepting, lets the
//! requests in flight finish, stops its workers and exits 0 — and every save
//! it acknowledged is in the database afterwards.
//!
//! Run once, on SQLite: the shutdown path is the server's, not the database's.

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::domain::ids::{LessonId, PersonId, SectionId, WorkTypeId};
use app::domain::journal::CellBase;
use app::model::journal::{EditOutcome, JournalEdit, JournalGrid, MarkInput};
use app::server::entities::mark;
use app::server::seed::{DEMO_PASSWORD, TEACHER_EMAIL};
use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};
use serde_json::json;

use crate::helpers::client;

const COMMENT: &str = "shutdown-test";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_server(dir: &std::path::Path, port: u16) -> Child {
    let config = dir.join("dnevnik.toml");
    std::fs::write(&config, "").unwrap();
    let log = std::fs::File::create(dir.join("server.log")).unwrap();
    Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DNEVNIK_CONFIG", &config)
        .env("DNEVNIK_SERVER__ADDRESS", format!("127.0.0.1:{port}"))
        .env("DNEVNIK_SERVER__SITE_ROOT", dir.join("site"))
        .env("DNEVNIK_SERVER__SHUTDOWN_GRACE_SECS", "10")
        .env(
            "DNEVNIK_DATABASE__URL",
            format!("sqlite://{}", dir.join("diary.db").display()),
        )
        .env("DNEVNIK_DEMO__SEED", "true")
        .env("DNEVNIK_DEMO__PRINT_LOGINS", "false")
        .env("DNEVNIK_MAIL__OUTBOX_DIR", dir.join("outbox"))
        .env("DNEVNIK_STORAGE__DIR", dir.join("files"))
        .env("TOKIO_WORKER_THREADS", "4")
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("the server binary starts")
}

/// Every empty cell of the grid the teacher may write into.
fn empty_cells(g: &JournalGrid) -> Vec<(LessonId, PersonId)> {
    let taken: HashSet<(LessonId, PersonId)> = g
        .cells
        .iter()
        .map(|c| (c.lesson_id, c.student_id))
        .collect();
    g.lessons
        .iter()
        .filter(|l| l.writable)
        .flat_map(|l| g.students.iter().map(move |s| (l.id, s.id)))
        .filter(|k| !taken.contains(k))
        .collect()
}

fn edit(lesson_id: LessonId, student_id: PersonId, work_type_id: WorkTypeId) -> JournalEdit {
    JournalEdit::Cell {
        lesson_id,
        student_id,
        marks: vec![MarkInput {
            value: "4".into(),
            work_type_id,
            comment: Some(COMMENT.into()),
            excluded: false,
        }],
        attendance: None,
        base: CellBase::default(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_under_load_exits_cleanly_and_loses_no_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start_server(dir.path(), port);

    let up = Instant::now();
    while reqwest::get(format!("{base}/health")).await.is_err() {
        assert!(
            server.try_wait().unwrap().is_none(),
            "the server exited at start"
        );
        assert!(
            up.elapsed() < Duration::from_secs(120),
            "no /health in 2 min"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let c = client();
    let res = c
        .post(format!("{base}/api/login"))
        .form(&[("email", TEACHER_EMAIL), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());
    let grid: JournalGrid = c
        .post(format!("{base}/api/journal_grid"))
        .form(&Vec::<(&str, &str)>::new())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .expect("the grid");
    let section: SectionId = grid.section.id;
    let work_type = grid.work_types[0].id;
    let cells = empty_cells(&grid);
    assert!(cells.len() >= 100, "only {} empty cells", cells.len());

    // Eight teachers' tabs saving one cell after another, until the server
    // is gone; what it answered `Saved` is acknowledged.
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let mut tabs = Vec::new();
    for chunk in cells.chunks(cells.len().div_ceil(8)) {
        let (c, base, acked, chunk) = (
            c.clone(),
            base.clone(),
            acknowledged.clone(),
            chunk.to_vec(),
        );
        tabs.push(tokio::spawn(async move {
            for (lesson, student) in chunk {
                let sent = c
                    .post(format!("{base}/api/journal_save"))
                    .json(&json!({ "section_id": section, "edits": [edit(lesson, student, work_type)] }))
                    .send()
                    .await;
                let Ok(res) = sent else { return };
                if res.status() != 200 {
                    return;
                }
                let Ok(outcomes) = res.json::<Vec<EditOutcome>>().await else {
                    return;
                };
                if matches!(outcomes.as_slice(), [EditOutcome::Saved(_)]) {
                    acked.lock().unwrap().push((lesson, student));
                }
            }
        }));
    }
    // SIGTERM once the load is well under way.
    let loading = Instant::now();
    while acknowledged.lock().unwrap().len() < 20 {
        assert!(
            loading.elapsed() < Duration::from_secs(30),
            "saves do not land"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let before = acknowledged.lock().unwrap().len();
    let status = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let signalled = Instant::now();
    let exit = loop {
        if let Some(exit) = server.try_wait().unwrap() {
            break exit;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(20),
            "still running 20 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    for t in tabs {
        t.await.unwrap();
    }
    let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap();
    assert!(exit.success(), "exit {exit:?}\n{log}");
    assert!(
        log.contains("stopped"),
        "no orderly stop in the log:\n{log}"
    );
    assert!(!log.contains("panicked"), "{log}");

    let acked = acknowledged.lock().unwrap().clone();
    assert!(before > 0, "no save was acknowledged before SIGTERM");
    assert!(acked.len() < cells.len(), "the load ended before SIGTERM");
    let db = Database::connect(format!(
        "sqlite://{}",
        dir.path().join("diary.db").display()
    ))
    .await
    .unwrap();
    let stored: HashSet<(i64, i64)> = mark::Entity::find()
        .filter(mark::Column::Comment.eq(COMMENT))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.lesson_id, m.student_id))
        .collect();
    for (lesson, student) in &acked {
        assert!(
            stored.contains(&(lesson.0, student.0)),
            "acknowledged save of lesson {lesson}, student {student} is lost"
        );
    }
}
