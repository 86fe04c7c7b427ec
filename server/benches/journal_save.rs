//! Round trip of a saved mark with many teachers saving at once.
//!
//! Run by `scripts/bench-journal` against a release server with a school of
//! at least `BENCH_TEACHERS` teachers. Each teacher signs in, opens their
//! first section, and saves one cell at a time at a lesson after today,
//! cycling through the class and toggling the mark, each save based on the
//! version the last answer returned (so every save really writes). Prints
//! throughput and latency percentiles; record them in docs/benchmarks.md.
//!
//! Environment: `BASE_URL` (required), `BENCH_TEACHERS` (50),
//! `BENCH_SECONDS` (20), `BENCH_PAUSE_MS` (0: each teacher saves again as
//! soon as the answer arrives; more: a teacher's typing pace, and then the
//! teachers' first saves are spread evenly over one pause instead of all
//! leaving at the same instant).
//!
//! On a virtual machine it also prints the share of CPU time the host took
//! away during the run (steal): the tail of the figures follows it.

use app::domain::ids::{LessonId, PersonId, SectionId, WorkTypeId};
use app::domain::journal::CellData;
use app::model::journal::{EditOutcome, EditState, JournalEdit, MarkInput};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn env_or(key: &str, default: u64) -> u64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The demo school's teacher logins: 8 subjects per group of 8 classes.
fn teacher_email(n: usize) -> String {
    let (group, subject) = (n / 8, n % 8);
    match (group, subject) {
        (0, 0) => "teacher@dnevnik.example".into(),
        (0, s) => format!("teacher{}@dnevnik.example", s + 1),
        (g, s) => format!("teacher{}-{}@dnevnik.example", s + 1, g + 1),
    }
}

struct Teacher {
    client: reqwest::Client,
    section_id: SectionId,
    lesson_id: LessonId,
    work_type_id: WorkTypeId,
    students: Vec<PersonId>,
    cells: Vec<CellData>,
}

async fn prepare(base: &str, n: usize) -> Teacher {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let email = teacher_email(n);
    let res = client
        .post(format!("{base}/api/login"))
        .form(&[("email", email.as_str()), ("password", "demo2026")])
        .send()
        .await
        .expect("login");
    assert!(
        res.status().is_success(),
        "{email} signs in: {}",
        res.status()
    );
    let grid: Value = client
        .post(format!("{base}/api/journal_grid"))
        .form::<[(&str, &str); 0]>(&[])
        .send()
        .await
        .expect("grid")
        .json()
        .await
        .expect("grid json");
    let today = chrono::Utc::now().date_naive().to_string();
    let lesson = grid["lessons"]
        .as_array()
        .expect("lessons")
        .iter()
        .find(|l| l["date"].as_str().unwrap_or_default() > today.as_str())
        .or_else(|| grid["lessons"].as_array().and_then(|l| l.last()))
        .expect("a lesson");
    let students: Vec<PersonId> = grid["students"]
        .as_array()
        .expect("students")
        .iter()
        .map(|s| PersonId(s["id"].as_i64().expect("id")))
        .collect();
    let lesson_id = LessonId(lesson["id"].as_i64().expect("lesson id"));
    let cells = students
        .iter()
        .map(|s| {
            grid["cells"]
                .as_array()
                .expect("cells")
                .iter()
                .find(|c| {
                    c["lesson_id"].as_i64() == Some(lesson_id.0)
                        && c["student_id"].as_i64() == Some(s.0)
                })
                .map(|c| serde_json::from_value(c["data"].clone()).expect("cell"))
                .unwrap_or_default()
        })
        .collect();
    Teacher {
        client,
        section_id: SectionId(grid["section"]["id"].as_i64().expect("section")),
        lesson_id,
        work_type_id: WorkTypeId(grid["work_types"][0]["id"].as_i64().expect("work type")),
        students,
        cells,
    }
}

async fn run(
    base: String,
    mut t: Teacher,
    until: Instant,
    pause: Duration,
    start_after: Duration,
) -> (Vec<u32>, u32) {
    // Teachers typing at their own pace do not press their first key in
    // the same millisecond: each starts at its own point of the pause.
    tokio::time::sleep(start_after).await;
    let mut latencies = Vec::new();
    let mut failures = 0;
    let mut i = 0usize;
    while Instant::now() < until {
        let k = i % t.students.len();
        i += 1;
        let current = &t.cells[k];
        let value = if current.text() == "5" { "4" } else { "5" };
        let edit = JournalEdit::Cell {
            lesson_id: t.lesson_id,
            student_id: t.students[k],
            marks: vec![MarkInput {
                value: value.into(),
                work_type_id: current
                    .marks
                    .first()
                    .map_or(t.work_type_id, |m| m.work_type_id),
                comment: None,
                excluded: false,
            }],
            attendance: None,
            base: current.base(),
        };
        let started = Instant::now();
        let res = t
            .client
            .post(format!("{base}/api/journal_save"))
            .json(&json!({ "section_id": t.section_id, "edits": [edit] }))
            .send()
            .await;
        let outcome = match res {
            Ok(r) if r.status().is_success() => r.json::<Vec<EditOutcome>>().await.ok(),
            _ => None,
        };
        latencies.push(started.elapsed().as_micros() as u32);
        match outcome.as_deref() {
            Some([EditOutcome::Saved(EditState::Cell(c))]) => t.cells[k] = c.clone(),
            _ => failures += 1,
        }
        if !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
    }
    (latencies, failures)
}

/// The machine's CPU time so far, as (steal, total) in ticks, from Linux's
/// `/proc/stat`: on a virtual machine "steal" is the time the host gave our
/// virtual CPUs to someone else — every part of a save stretches then.
fn cpu_ticks() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?.strip_prefix("cpu ")?;
    let t: Vec<u64> = line
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal (guest time is already
    // counted in user and nice).
    Some((*t.get(7)?, t.iter().take(8).sum()))
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[i]) / 1000.0
}

#[tokio::main]
async fn main() {
    let base = std::env::var("BASE_URL").expect("BASE_URL names the running server");
    let teachers = env_or("BENCH_TEACHERS", 50) as usize;
    let seconds = env_or("BENCH_SECONDS", 20);
    let pause = Duration::from_millis(env_or("BENCH_PAUSE_MS", 0));
    let mut prepared = Vec::new();
    for n in 0..teachers {
        prepared.push(prepare(&base, n).await);
    }
    let distinct: std::collections::HashSet<SectionId> =
        prepared.iter().map(|t| t.section_id).collect();
    println!(
        "{teachers} teachers in {} sections, {seconds} s, pause {} ms between a teacher's saves",
        distinct.len(),
        pause.as_millis()
    );
    let until = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let cpu_before = cpu_ticks();
    let tasks: Vec<_> = prepared
        .into_iter()
        .enumerate()
        .map(|(n, t)| {
            let start_after = pause * n as u32 / teachers as u32;
            tokio::spawn(run(base.clone(), t, until, pause, start_after))
        })
        .collect();
    let mut all = Vec::new();
    let mut failures = 0;
    for task in tasks {
        let (l, f) = task.await.expect("teacher task");
        all.extend(l);
        failures += f;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu_after = cpu_ticks();
    all.sort_unstable();
    println!(
        "saves: {} ({:.0}/s), not saved: {failures}",
        all.len(),
        all.len() as f64 / elapsed
    );
    println!(
        "round trip ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        percentile(&all, 0.50),
        percentile(&all, 0.90),
        percentile(&all, 0.99),
        percentile(&all, 1.0)
    );
    if let (Some((s0, t0)), Some((s1, t1))) = (cpu_before, cpu_after) {
        if t1 > t0 {
            println!(
                "CPU time the host took from this VM (steal): {:.1} %",
                100.0 * (s1 - s0) as f64 / (t1 - t0) as f64
            );
        }
    }
}
