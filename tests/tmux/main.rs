//! The real binary in a real terminal (tmux), driven as people would: keys
//! in, screen text out, waiting for on-screen markers with deadlines, never
//! for fixed times. In Korean and English, at several terminal sizes.
//!
//! The binary is the one `KILN_TEST_BIN` names (`.ci/run` builds the release
//! binary and names it), else the debug build cargo made for these tests.

#[path = "../common/mod.rs"]
mod common;
mod term;

mod equipment;
mod filter;
mod refresh;
mod tenants;
mod terminal;
mod training;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{NOW, TempDb};
use term::Tmux;

/// The kiln binary under test.
pub fn bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| match std::env::var_os("KILN_TEST_BIN").filter(|p| !p.is_empty()) {
        // Named but missing is a broken CI setup, not a reason to test another binary.
        Some(p) => std::fs::canonicalize(&p)
            .ok()
            .filter(|p| p.is_file())
            .unwrap_or_else(|| panic!("KILN_TEST_BIN={} is not a file", PathBuf::from(p).display())),
        None => PathBuf::from(env!("CARGO_BIN_EXE_kiln")),
    })
}

/// Runs the command line on `db` (in English, at the fixed moment) as this
/// OS account; returns what it printed, failing the test if it failed.
pub fn cli(db: &Path, args: &[&str]) -> String {
    let out = Command::new(bin())
        .env("KILN_NOW", NOW)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("KILN_DB")
        .env_remove("KILN_TEST_PANIC")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "kiln {args:?}: {stdout}{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

pub fn cli_json(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = cli(db, &[args, &["--json"]].concat());
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("kiln {args:?} --json: {e}: {out}"))
}

/// A copy of the demo centre made by the binary under test, whose admin is
/// this OS account. The demo takes seconds, so it is made once and copied.
pub fn demo() -> TempDb {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    let build = || {
        let db = TempDb::new();
        cli(&db.path, &["demo"]);
        db.keep()
    };
    let template = TEMPLATE.get_or_init(|| {
        if common::pg::active() {
            PathBuf::from(common::pg::url(&common::pg::shared("tmux_demo", || build().to_str().unwrap().to_owned())))
        } else {
            build()
        }
    });
    TempDb::copy_of(template)
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// Starts the interface on `db` in the pane's shell, in `lang` at the fixed
/// moment, after `env` (shell assignments, e.g. `KILN_TEST_PANIC=1`). When it
/// ends the shell prints `EXIT=` and its status, then `tty:` and whether the
/// terminal is back in cooked mode (`icanon echo`), then `DONE-42` (which the
/// typed line does not contain, so it marks the output).
pub fn run_kiln(t: &Tmux, db: &Path, lang: &str, env: &str) {
    t.type_line(&format!("export PS1='PROMPT> ' LANG={lang} KILN_NOW='{NOW}'"));
    t.wait_for("PROMPT>");
    let tty = r"$(stty -a | tr -s ' ;' '\n\n' | grep -xE -e '-?icanon' -e '-?echo' | paste -sd ' ')";
    t.type_line(&format!(
        "{env} {} --db {}; echo \"EXIT=$?\"; echo \"tty: {tty}\"; echo \"DONE-$((6 * 7))\"",
        shell_quote(bin()),
        shell_quote(db)
    ));
}

/// Quits with `q` and checks the shell got its terminal back as it was.
pub fn quit(t: &Tmux) {
    t.send(&["q"]);
    let s = t.wait_for("DONE-42");
    assert!(s.contains("EXIT=0"), "{s}");
    assert_restored(t, &s);
}

/// The main screen, a visible cursor and cooked mode, as the shell left them.
pub fn assert_restored(t: &Tmux, screen: &str) {
    assert!(screen.contains("tty: icanon echo"), "not raw any more:\n{screen}");
    assert_eq!(t.display("#{alternate_on}"), "0", "back on the main screen");
    assert_eq!(t.display("#{cursor_flag}"), "1", "the cursor is visible again");
}
