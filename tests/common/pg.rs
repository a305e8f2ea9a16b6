//! The PostgreSQL half of the tests: with `KILN_TEST_ENGINE=postgres`, every
//! [`TempDb`](super::TempDb) is a fresh database on a throwaway cluster
//! instead of a file, so one test body runs on both engines.
//!
//! The cluster is the one `KILN_TEST_PG` names (the socket folder
//! `.ci/pg` prints; `.ci/run` starts one for the whole run), or else one
//! this test process starts with `.ci/pg` and a watchdog stops when the
//! process ends.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// True when the tests run on PostgreSQL.
pub fn active() -> bool {
    std::env::var("KILN_TEST_ENGINE").as_deref() == Ok("postgres")
}

/// The socket folder of the cluster the tests use.
pub fn socket() -> &'static str {
    match cluster() {
        Some(dir) => dir,
        None => panic!("PostgreSQL is not installed here (apt-get install postgresql)"),
    }
}

/// The cluster's socket folder, or `None` (said once, on stderr) where
/// PostgreSQL is not installed, so that the PostgreSQL-only tests pass
/// without it. `KILN_REQUIRE_PG=1` (as `.ci/run` sets) makes that a failure.
pub fn cluster() -> Option<&'static str> {
    static SOCKET: OnceLock<Option<String>> = OnceLock::new();
    static SAID: std::sync::Once = std::sync::Once::new();
    let found = SOCKET.get_or_init(|| match std::env::var("KILN_TEST_PG") {
        Ok(dir) if !dir.is_empty() => Some(dir),
        _ => start_own(),
    });
    if found.is_none() {
        assert!(
            std::env::var("KILN_REQUIRE_PG").as_deref() != Ok("1"),
            "KILN_REQUIRE_PG=1 but PostgreSQL could not be started (apt-get install postgresql)"
        );
        SAID.call_once(|| {
            eprintln!(
                "note: PostgreSQL is not installed here, so the PostgreSQL half of these tests was skipped \
                 (Debian: apt-get install postgresql; then .ci/run runs both engines)"
            );
        });
    }
    found.as_deref()
}

fn start_own() -> Option<String> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".ci/pg");
    let out = std::process::Command::new("bash").arg(&script).output().ok()?;
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let dir = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    // Stop the cluster when this process ends, however it ends.
    let stop = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
         for b in /usr/lib/postgresql/*/bin/pg_ctl; do \
           if [ \"$(id -u)\" = 0 ]; then runuser -u postgres -- \"$b\" -D {dir}/data -m immediate stop; \
           else \"$b\" -D {dir}/data -m immediate stop; fi; done >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id()
    );
    std::process::Command::new("setsid")
        .args(["sh", "-c", &stop])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    Some(dir)
}

/// The URL kiln takes for database `name` on the cluster, as the role
/// named like the OS account that runs the tests: on PostgreSQL kiln's
/// operator is the connected role, and the tests expect the binary to act
/// as that account, as on SQLite.
pub fn url(name: &str) -> String {
    format!("postgresql:///{name}?host={}&user={}", socket(), me())
}

/// The OS account's name, made a superuser of the cluster once per test
/// process (guarded: test processes share the cluster).
pub fn me() -> &'static str {
    static ME: OnceLock<String> = OnceLock::new();
    ME.get_or_init(|| {
        let me = whoami::username().unwrap();
        let quoted = me.replace('\'', "''");
        admin("postgres")
            .batch_execute(&format!(
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{quoted}') THEN \
                 EXECUTE format('CREATE ROLE %I SUPERUSER LOGIN', '{quoted}'); END IF; \
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            ))
            .unwrap();
        me
    })
}

/// A connection as the cluster's superuser to database `name`.
pub fn admin(name: &str) -> postgres::Client {
    let config = format!("host={} user=postgres dbname={name}", socket());
    postgres::Client::connect(&config, postgres::NoTls).unwrap()
}

/// A new database's name, unique on the cluster (test processes share it).
/// Always as long as `kiln.sqlite3` (12 characters), so that the interface,
/// which shows the database's name, lays its status bar out as on SQLite
/// (see [`as_the_file`]).
fn fresh_name() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("k{:07}_{:03}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A database made once per build of kiln on the cluster, shared by every
/// test process (nextest runs each test in its own): `kind` names what it
/// holds, and `make` builds it as a fresh database and returns its URL,
/// with no connection left open to it. Its name, to copy with
/// [`database`]. Processes that ask at once wait for the first to build it.
pub fn shared(kind: &str, make: impl FnOnce() -> String) -> String {
    let built = super::built();
    let name = format!("tpl_{kind}_{built}");
    let mut admin = admin("postgres");
    admin.execute("SELECT pg_advisory_lock(hashtext($1))", &[&name]).unwrap();
    let exists =
        admin.query_one("SELECT count(*) FROM pg_database WHERE datname = $1", &[&name]).unwrap().get::<_, i64>(0);
    if exists == 0 {
        let url = make();
        admin.batch_execute(&format!("ALTER DATABASE {} RENAME TO {name}", name_of(&url))).unwrap();
    }
    admin.execute("SELECT pg_advisory_unlock(hashtext($1))", &[&name]).unwrap();
    name
}

/// A new empty database (kiln makes its schema on first open), or a copy
/// of `template`; its URL.
pub fn database(template: Option<&str>) -> String {
    let name = fresh_name();
    let mut admin = admin("postgres");
    // A copy of the files, not of their WAL: a third of the time for the
    // demo (PostgreSQL 15 on; fsync is off on the test cluster).
    let version: i32 = admin.query_one("SELECT current_setting('server_version_num')::int", &[]).unwrap().get(0);
    let strategy = if version >= 150_000 { " STRATEGY FILE_COPY" } else { "" };
    let from = template.map(|t| format!(" TEMPLATE {t}{strategy}")).unwrap_or_default();
    let create = format!("CREATE DATABASE {name}{from}");
    if let Err(e) = admin.batch_execute(&create) {
        // Named by this process's id, which no live process shares: one
        // there already is a dead process's (nextest runs each test in a
        // process of its own, and ids come round again in a long run).
        assert_eq!(e.code(), Some(&postgres::error::SqlState::DUPLICATE_DATABASE), "{e}");
        admin.batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)")).unwrap();
        admin.batch_execute(&create).unwrap();
    }
    url(&name)
}

/// `text` with the names of this process's test databases, as the
/// interface shows them, written as the file's name on SQLite: the names are
/// as long as `kiln.sqlite3`, so that nothing else on a screen differs.
pub fn as_the_file(text: String) -> String {
    if !active() {
        return text;
    }
    let prefix = format!("k{:07}_", std::process::id());
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(&prefix) {
        let tail = &rest[at + prefix.len()..];
        if tail.len() >= 3 && tail.as_bytes()[..3].iter().all(u8::is_ascii_digit) {
            out.push_str(&rest[..at]);
            out.push_str("kiln.sqlite3");
            rest = &tail[3..];
        } else {
            out.push_str(&rest[..at + prefix.len()]);
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// True if `path` is one of [`url`]'s URLs rather than a file.
pub fn is_url(path: &std::path::Path) -> bool {
    path.to_str().is_some_and(|p| p.starts_with("postgresql://"))
}

/// The database name in one of [`url`]'s URLs.
pub fn name_of(url: &str) -> &str {
    url.trim_start_matches("postgresql:///").split('?').next().unwrap()
}

/// Runs `sql`, one or more statements, on the database at `url`.
pub fn exec(url: &str, sql: &str) {
    admin(name_of(url)).batch_execute(sql).unwrap();
}

/// Drops database `name` (its connections ended first), if it is there.
pub fn drop_database(name: &str) {
    if let Ok(mut admin) =
        postgres::Client::connect(&format!("host={} user=postgres dbname=postgres", socket()), postgres::NoTls)
    {
        let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }
}
