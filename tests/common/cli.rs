//! Running the real binary on a temp database.

use assert_cmd::Command;
use serde_json::Value;

use super::{NOW, TempDb};

/// `kiln` on `db`, English unless a test says otherwise, at a fixed moment.
pub fn kiln(db: &TempDb) -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("kiln");
    cmd.env("KILN_NOW", NOW)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("KILN_DB");
    cmd.arg("--db").arg(&db.path);
    cmd
}

pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

pub fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout(cmd)).unwrap()
}

/// Runs a command that must fail with `code` and one `error:` line; returns it.
pub fn fails(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().clone();
    assert!(out.stdout.is_empty(), "nothing on stdout: {}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    lines[0].to_owned()
}

pub fn init() -> TempDb {
    let db = TempDb::new();
    stdout(kiln(&db).arg("init"));
    db
}

/// A demo centre made through the binary once per test binary (it takes a
/// few seconds), copied for each test.
pub fn demo() -> TempDb {
    static TEMPLATE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let build = || {
        let db = init();
        stdout(kiln(&db).arg("demo"));
        db.keep()
    };
    let template = TEMPLATE.get_or_init(|| {
        if super::pg::active() {
            std::path::PathBuf::from(super::pg::url(&super::pg::shared("cli_demo", || {
                build().to_str().unwrap().to_owned()
            })))
        } else {
            super::shared_file("cli-demo", build)
        }
    });
    TempDb::copy_of(template)
}
