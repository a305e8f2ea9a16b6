//! Cold start of the interface: `kiln` with no subcommand on the large demo
//! centre (a million bookings), from exec to its first frame and out again.
//!
//! Each run is what a person does: a terminal (a pseudo-terminal made by
//! util-linux `script`, set to 160×48) runs `kiln`; a `q` is already waiting
//! in the terminal's input, so kiln opens the database, draws the dashboard,
//! reads the `q` and restores the terminal. The run is timed from spawning
//! `script` to its exit, so it includes `script` and `sh` starting (the
//! `baseline` benchmark: the same terminal running `true`). Peak memory is
//! the largest resident set of any process the bench waited for
//! (`getrusage(RUSAGE_CHILDREN)`), which is kiln's.
//!
//! The database is made once with `kiln demo --size large` and cached under
//! the target directory. `cargo test --benches` runs this once on an empty
//! database instead.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};

const BIN: &str = env!("CARGO_BIN_EXE_kiln");
const NOW: &str = "2026-11-26 10:00";

fn full_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"), PathBuf::from);
    let dir = target.join("bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    dir
}

fn kiln(db: &Path, args: &[&str]) {
    let out = Command::new(BIN)
        .env("KILN_NOW", NOW)
        .env("LANG", "en_US.UTF-8")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run kiln");
    assert!(out.status.success(), "kiln {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The large demo centre, made once per schema version.
fn large() -> PathBuf {
    let path = data_dir().join(format!("startup-large-s{}.sqlite3", kiln::db::SCHEMA_VERSION));
    if path.exists() {
        return path;
    }
    let partial = path.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    eprintln!("bench data: kiln demo --size large into {} …", partial.display());
    let t = Instant::now();
    kiln(&partial, &["init"]);
    kiln(&partial, &["demo", "--size", "large"]);
    // Checkpointed and closed: the -wal is gone, the file is whole.
    std::fs::rename(&partial, &path).expect("keep the large demo");
    eprintln!("bench data: made in {:.1?}", t.elapsed());
    path
}

fn empty() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kiln.sqlite3");
    kiln(&path, &["init"]);
    (dir, path)
}

/// One person opening kiln in a 160×48 terminal and pressing `q`.
fn session(command: &str) -> Duration {
    let started = Instant::now();
    let mut child = Command::new("script")
        .args(["-qec", &format!("stty rows 48 cols 160; {command}"), "/dev/null"])
        .env("TERM", "xterm-256color")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("util-linux `script` runs kiln in a terminal");
    child.stdin.take().expect("stdin").write_all(b"q").expect("type q");
    let status = child.wait().expect("wait for script");
    let took = started.elapsed();
    assert!(status.success(), "{command}: {status}");
    took
}

fn kiln_command(db: &Path) -> String {
    format!("env KILN_NOW='{NOW}' LANG=en_US.UTF-8 KILN_DB='{}' '{BIN}'", db.display())
}

/// This process has waited for `kiln demo` too: one session is run from a
/// fresh copy of this binary, whose only children are the terminal and kiln.
fn rss_of_one_session(command: &str) -> String {
    let exe = std::env::current_exe().expect("this benchmark's path");
    let out = Command::new(exe).env(RSS_OF, command).output().expect("run one session");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

const RSS_OF: &str = "KILN_BENCH_RSS_OF";

fn peak_rss_kib() -> i64 {
    nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN).map_or(0, |u| u.max_rss())
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

fn startup(c: &mut Criterion) {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("startup: util-linux `script` is missing; nothing measured");
        return;
    }
    let (_keep, db): (Option<tempfile::TempDir>, PathBuf) = if full_run() {
        (None, large())
    } else {
        let (dir, path) = empty();
        (Some(dir), path)
    };
    let command = kiln_command(&db);
    let mut group = c.benchmark_group("startup");
    group.sample_size(20).measurement_time(Duration::from_secs(10));
    group.bench_function("baseline", |b| b.iter(|| session("true")));
    group.bench_function("first_frame", |b| b.iter(|| session(&command)));
    group.finish();
    if full_run() {
        let mut runs: Vec<Duration> = (0..100).map(|_| session(&command)).collect();
        runs.sort();
        let mut base: Vec<Duration> = (0..100).map(|_| session("true")).collect();
        base.sort();
        eprintln!(
            "startup, 100 runs: first frame p50 {:.1?} p99 {:.1?} (terminal alone p50 {:.1?}); peak RSS {} KiB",
            percentile(&runs, 50),
            percentile(&runs, 99),
            percentile(&base, 50),
            rss_of_one_session(&command)
        );
    }
}

criterion_group!(benches, startup);

fn main() {
    if let Ok(command) = std::env::var(RSS_OF) {
        session(&command);
        println!("{}", peak_rss_kib());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
