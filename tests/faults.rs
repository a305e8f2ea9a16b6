//! The real binary on a database it cannot use: a read-only file or folder,
//! a full disk (a file size limit: `ulimit -f` with SIGXFSZ ignored, so
//! writes fail with EFBIG), a damaged file, a file that is not a database,
//! another program's database, one from a newer kiln. Each command and the
//! interface's start give one `error:` line naming the file and what to do,
//! in English and in Korean, exit 1, and change nothing.

mod common;

use std::fmt::Write as _;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::cli::{demo, init, kiln, stdout};
use common::{NOW, TempDb};

/// File permissions do not bind root: as root, kiln runs as `nobody` for
/// the permission faults, from a copy of the binary nobody can reach.
fn as_root() -> bool {
    let probe = tempfile::tempfile().unwrap();
    probe.metadata().unwrap().uid() == 0
}

fn binary() -> &'static Path {
    static COPY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    COPY.get_or_init(|| {
        let bin = PathBuf::from(env!("CARGO_BIN_EXE_kiln"));
        if !as_root() {
            return bin;
        }
        // One copy per build, shared by the test processes, not one each.
        let stamp = std::fs::metadata(&bin).and_then(|m| m.modified()).unwrap();
        let stamp = stamp.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        let dir = std::env::temp_dir().join(format!("kiln-test-bin-{stamp}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let copy = dir.join("kiln");
        if !copy.exists() {
            let part = dir.join(format!("kiln.{}", std::process::id()));
            std::fs::copy(&bin, &part).unwrap();
            std::fs::rename(&part, &copy).unwrap();
        }
        copy
    })
}

#[derive(Clone, Copy)]
enum Runner {
    /// As the account running the tests.
    Me,
    /// As an account the file's permissions bind (`nobody` under root).
    Bound,
    /// Under a file size limit in KiB.
    Limit(u32),
}

impl Runner {
    fn command(self, args: &[String]) -> Command {
        let bin = binary().to_str().unwrap().to_owned();
        let mut c = match self {
            Runner::Bound if as_root() => {
                let mut c = Command::new("setpriv");
                c.args(["--reuid=65534", "--regid=65534", "--clear-groups", &bin]);
                c
            }
            Runner::Me | Runner::Bound => Command::new(&bin),
            Runner::Limit(kib) => {
                let mut c = Command::new("bash");
                let script = "trap '' XFSZ; ulimit -f \"$1\"; shift; exec \"$@\"";
                c.args(["-c", script, "bash", &kib.to_string(), &bin]);
                c
            }
        };
        c.env("KILN_NOW", NOW).env("LANG", "en_US.UTF-8").env_remove("LC_ALL").env_remove("KILN_DB");
        c.args(args).stdin(Stdio::null());
        c
    }

    /// The shell words that run kiln so, for typing into a terminal.
    fn shell(self) -> String {
        let bin = binary().display();
        match self {
            Runner::Bound if as_root() => format!("setpriv --reuid=65534 --regid=65534 --clear-groups {bin}"),
            Runner::Me | Runner::Bound => format!("{bin}"),
            Runner::Limit(kib) => format!("bash -c 'trap \"\" XFSZ; ulimit -f {kib}; exec \"$0\" \"$@\"' {bin}"),
        }
    }
}

/// One database kiln cannot use, how to run kiln on it, the commands to
/// try (an empty one starts the interface) and what the line must say.
struct Case {
    name: &'static str,
    db: TempDb,
    runner: Runner,
    commands: Vec<Vec<String>>,
    en: &'static str,
    ko: &'static str,
}

fn words(list: &[&[&str]]) -> Vec<Vec<String>> {
    list.iter().map(|c| c.iter().map(|w| (*w).to_owned()).collect()).collect()
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A demo database whose file may be read but not written.
fn read_only_file() -> TempDb {
    let db = demo();
    stdout(kiln(&db).args(["user", "add", "nobody", "--role", "admin"]));
    chmod(db.dir.path(), 0o777);
    chmod(&db.path, 0o444);
    db
}

/// A demo database, writable, in a folder that is not: no -wal, no -shm.
fn read_only_folder() -> TempDb {
    let db = demo();
    chmod(&db.path, 0o666);
    chmod(db.dir.path(), 0o555);
    db
}

/// A demo database with the middle 80 % of its bytes overwritten.
fn damaged() -> TempDb {
    let db = demo();
    let mut bytes = std::fs::read(&db.path).unwrap();
    let n = bytes.len();
    bytes[n / 10..n * 9 / 10].fill(0xA5);
    std::fs::write(&db.path, bytes).unwrap();
    db
}

fn with_bytes(bytes: &[u8]) -> TempDb {
    let db = TempDb::new();
    std::fs::write(&db.path, bytes).unwrap();
    db
}

fn sqlite(sql: &str) -> TempDb {
    let db = TempDb::new();
    common::sqlite::exec(&db.path, sql);
    db
}

fn companies_csv(dir: &Path) -> String {
    let mut csv = String::from("brn,name\n");
    for n in 1..=2000u16 {
        let d = |k: u16| (n / k % 10) as u8;
        let brn = kiln::domain::Brn::complete([2, 2, 1, 8, 7, d(1000), d(100), d(10), d(1)]).unwrap();
        writeln!(csv, "{brn},세라텍 {n}").unwrap();
    }
    let file = dir.join("companies.csv");
    std::fs::write(&file, csv).unwrap();
    file.display().to_string()
}

const IO_EN: &str = "could not be read or written (the disk may be full";
const IO_KO: &str = "파일을 읽거나 쓰지 못했습니다(디스크가 가득 찼거나";

fn cases() -> Vec<Case> {
    let import = init();
    let csv = companies_csv(import.dir.path());
    vec![
        Case {
            name: "read-only file",
            db: read_only_file(),
            runner: Runner::Bound,
            commands: words(&[&["person", "add", "--name", "김민수"], &[]]),
            en: "this account may read the file but not write it — give it write permission",
            ko: "이 계정은 이 파일을 읽을 수만 있고 쓸 수 없습니다 — 파일에 쓰기 권한을 주거나",
        },
        Case {
            name: "read-only folder",
            db: read_only_folder(),
            runner: Runner::Bound,
            commands: words(&[&["person", "list"], &["person", "add", "--name", "김민수"], &[]]),
            en: "SQLite cannot create or write the -wal and -shm files it keeps beside the database",
            ko: "SQLite가 데이터베이스 옆에 두는 -wal, -shm 파일을 만들거나 쓸 수 없습니다",
        },
        Case {
            name: "disk full during the demo",
            db: init(),
            runner: Runner::Limit(1024),
            commands: words(&[&["demo"]]),
            en: IO_EN,
            ko: IO_KO,
        },
        Case {
            name: "disk full during an import",
            db: import,
            runner: Runner::Limit(256),
            commands: vec![vec!["import".into(), "companies".into(), csv]],
            en: IO_EN,
            ko: IO_KO,
        },
        Case {
            name: "disk full at the start",
            db: demo(),
            runner: Runner::Limit(16),
            commands: words(&[&["person", "list"], &[]]),
            en: IO_EN,
            ko: IO_KO,
        },
        Case {
            name: "disk full making a new file",
            db: TempDb::new(),
            runner: Runner::Limit(16),
            commands: words(&[&["init"], &[]]),
            en: IO_EN,
            ko: IO_KO,
        },
        Case {
            name: "damaged file",
            db: damaged(),
            runner: Runner::Me,
            commands: words(&[&["booking", "list"], &[]]),
            en: "the file is damaged (SQLite found a malformed page) — restore it from a backup",
            ko: "파일이 손상되었습니다(SQLite가 깨진 페이지를 찾았습니다) — 백업에서 복구하세요",
        },
        Case {
            name: "not a database",
            db: with_bytes("이건 데이터베이스가 아닙니다 — just text. ".repeat(200).as_bytes()),
            runner: Runner::Me,
            commands: words(&[&["person", "list"], &["init"], &[]]),
            en: "is not a kiln database (not an SQLite file at all) — check the path given with --db",
            ko: "kiln 데이터베이스가 아닙니다(SQLite 파일이 아닙니다) — --db나 KILN_DB로 준 경로를 확인하거나",
        },
        Case {
            name: "another program's database",
            db: sqlite("CREATE TABLE glaze (name TEXT); INSERT INTO glaze VALUES ('celadon');"),
            runner: Runner::Me,
            commands: words(&[&["person", "list"], &["init"], &[]]),
            en: "is another program's SQLite database, not kiln's",
            ko: "다른 프로그램의 SQLite 데이터베이스라 kiln 데이터베이스가 아닙니다",
        },
        Case {
            name: "newer kiln",
            db: sqlite("CREATE TABLE future (x INTEGER); PRAGMA user_version = 999;"),
            runner: Runner::Me,
            commands: words(&[&[]]),
            en: "was written by a newer kiln (schema 999",
            ko: "더 새로운 kiln이 만든 파일입니다(스키마 999",
        },
    ]
}

/// What the file holds: every row as SQLite reads it with its WAL (read
/// from a copy, so that looking changes nothing), or, for a file SQLite
/// cannot read whole, its bytes and its WAL's.
fn state(db: &Path) -> String {
    let wal = |p: &Path| {
        let mut name = p.as_os_str().to_owned();
        name.push("-wal");
        PathBuf::from(name)
    };
    if common::pg::is_url(db) {
        return common::dump(db);
    }
    let Ok(bytes) = std::fs::read(db) else { return "absent".into() };
    let copy = TempDb::new();
    std::fs::write(&copy.path, &bytes).unwrap();
    if let Ok(log) = std::fs::read(wal(db)) {
        std::fs::write(wal(&copy.path), log).unwrap();
    }
    let sound = common::sqlite::try_raw(&copy.path)
        .and_then(|c| c.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)))
        .is_ok_and(|v| v == "ok");
    if sound { common::dump(&copy.path) } else { format!("{bytes:?} {:?}", std::fs::read(wal(db)).ok()) }
}

impl Drop for Case {
    fn drop(&mut self) {
        // Let the temp dir be removed.
        let _ = std::fs::set_permissions(self.db.dir.path(), std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn each_fault_is_one_line_in_english_and_korean_exits_1_and_changes_nothing() {
    // Faults of SQLite files: read-only, damaged, not a database, a newer file.
    if common::pg::active() {
        return;
    }
    for case in cases() {
        let path = case.db.path.display().to_string();
        let before = state(&case.db.path);
        for command in &case.commands {
            for (lang, says) in [("en", case.en), ("ko", case.ko)] {
                let mut args = vec!["--lang".to_owned(), lang.to_owned(), "--db".to_owned(), path.clone()];
                args.extend(command.iter().cloned());
                let out = case.runner.command(&args).output().unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                let what = format!("{} · kiln {}: {err}", case.name, command.join(" "));
                assert_eq!(out.status.code(), Some(1), "{what}");
                assert!(out.stdout.is_empty(), "{what} printed {}", String::from_utf8_lossy(&out.stdout));
                let lines: Vec<&str> = err.lines().collect();
                assert_eq!(lines.len(), 1, "one line: {what}");
                assert!(lines[0].starts_with("error: ") && lines[0].contains(&path), "{what}");
                assert!(lines[0].contains(says), "{what} should say {says:?}");
                assert!(state(&case.db.path) == before, "{what} changed the file");
            }
        }
    }
}

#[test]
fn the_command_line_still_reads_a_read_only_file() {
    // A read-only SQLite file.
    if common::pg::active() {
        return;
    }
    let db = read_only_file();
    let out = Runner::Bound.command(&["--db".into(), db.path.display().to_string(), "person".into(), "list".into()]);
    let out = assert_cmd::Command::from_std(out).assert().success().get_output().stdout.clone();
    assert!(String::from_utf8_lossy(&out).contains("P-0001"));
}

#[test]
fn check_on_a_damaged_file_lists_the_damage_and_exits_1() {
    // A damaged page of an SQLite file.
    if common::pg::active() {
        return;
    }
    let db = damaged();
    let before = std::fs::read(&db.path).unwrap();
    let out = kiln(&db).arg("check").assert().code(1).get_output().clone();
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.lines().count() > 1 && listed.contains("page"), "{listed}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: the check found") && err.contains("restore from a backup"), "{err}");
    let report: serde_json::Value =
        serde_json::from_slice(&kiln(&db).args(["check", "--json"]).assert().code(1).get_output().stdout).unwrap();
    assert_eq!(report["integrity"].as_array().unwrap().len(), listed.lines().count());
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

/// A tmux server of the test's own, killed when the test ends.
struct Tmux(String);

impl Tmux {
    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-u", "-L", &self.0]);
        c
    }

    fn output(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "tmux {args:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits for a line that starts with `marker` (the typed command holds
    /// it too, but after the prompt).
    fn wait_for(&self, marker: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.output(&["capture-pane", "-p", "-J", "-t", "main"]);
            if screen.lines().any(|l| l.starts_with(marker)) {
                return screen;
            }
            assert!(Instant::now() < deadline, "waited for {marker:?}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

#[test]
fn the_interface_prints_the_fault_and_leaves_the_terminal_as_it_was() {
    // The faults of SQLite files, shown by the interface.
    if common::pg::active() {
        return;
    }
    let t = Tmux(format!("kiln-faults-{}", std::process::id()));
    let shell = ["env", "-i", "PATH=/usr/bin:/bin", "TERM=xterm-256color", "HOME=/tmp", "bash", "--norc"];
    t.output(&[&["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "300", "-y", "40"][..], &shell].concat());
    let setup = format!("export PS1='PROMPT> ' LANG=ko_KR.UTF-8 KILN_NOW='{NOW}'");
    t.output(&["send-keys", "-t", "main", "-l", &setup]);
    t.output(&["send-keys", "-t", "main", "Enter"]);
    for (i, case) in cases().iter().enumerate().filter(|(_, c)| c.commands.iter().any(Vec::is_empty)) {
        let line = format!("clear; {} --db '{}'; echo \"DONE{i}=$?\"", case.runner.shell(), case.db.path.display());
        t.output(&["send-keys", "-t", "main", "-l", &line]);
        t.output(&["send-keys", "-t", "main", "Enter"]);
        let screen = t.wait_for(&format!("DONE{i}="));
        assert!(screen.contains(&format!("DONE{i}=1")), "{}:\n{screen}", case.name);
        assert!(screen.lines().any(|l| l.starts_with("error: ") && l.contains(case.ko)), "{}:\n{screen}", case.name);
        assert_eq!(t.output(&["display-message", "-p", "-t", "main", "#{alternate_on}"]).trim(), "0", "{}", case.name);
        assert_eq!(t.output(&["display-message", "-p", "-t", "main", "#{cursor_flag}"]).trim(), "1", "{}", case.name);
    }
}

/// Runs `kiln --lang LANG --db DB args…` from `dir`; returns exit code and stderr.
fn run_in(dir: &Path, db: &Path, lang: &str, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["--lang".to_owned(), lang.to_owned(), "--db".to_owned(), db.display().to_string()];
    all.extend(args.iter().map(|a| (*a).to_owned()));
    let out = Runner::Me.command(&all).current_dir(dir).stdout(Stdio::piped()).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn no_file_kiln_writes_may_be_the_database_however_it_is_named() {
    // The database file (and its -wal, -shm) under other names.
    if common::pg::active() {
        return;
    }
    let db = demo();
    let dir = db.dir.path();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink(&db.path, dir.join("link.csv")).unwrap();
    std::fs::hard_link(&db.path, dir.join("sub/hard.csv")).unwrap();
    let before = state(&db.path);
    let names = [
        db.path.display().to_string(),
        "kiln.sqlite3".into(),
        "./kiln.sqlite3".into(),
        "sub/../kiln.sqlite3".into(),
        "link.csv".into(),
        "sub/hard.csv".into(),
        "kiln.sqlite3-wal".into(),
        "./kiln.sqlite3-shm".into(),
        "sub/../kiln.sqlite3-journal".into(),
    ];
    for name in &names {
        for format in ["csv", "xlsx", "json"] {
            for lang in ["en", "ko"] {
                let (code, err) =
                    run_in(dir, &db.path, lang, &["export", "companies", "--format", format, "--out", name]);
                let says = if lang == "en" { "is the database file" } else { "데이터베이스 파일" };
                assert_eq!(code, Some(2), "{name} {format}: {err}");
                assert!(err.lines().count() == 1 && err.contains(says) && err.contains(name.as_str()), "{name}: {err}");
            }
        }
        let (code, err) = run_in(dir, &db.path, "en", &["export", "bookings", "--format", "ics", "--out", name]);
        assert_eq!(code, Some(2), "{name} ics: {err}");
        // A backup is refused onto any existing file; onto the files SQLite
        // keeps beside the database, not there yet, as the database.
        let (code, err) = run_in(dir, &db.path, "en", &["backup", name]);
        assert_eq!(code, Some(2), "backup {name}: {err}");
        assert!(!name.contains("sqlite3-") || err.contains("is the database file"), "backup {name}: {err}");
        // Read with its -wal, if any: a CSV written there would show.
        assert!(state(&db.path) == before, "{name} changed the database");
    }
}

#[test]
fn file_errors_name_the_file_and_say_what_is_wrong_in_words() {
    let db = demo();
    let dir = db.dir.path();
    let folder = "/tmp: is a folder, not a file";
    let cases: [(&[&str], &str, &str); 5] = [
        (&["import", "companies", "/tmp"], folder, "/tmp: 파일이 아니라 폴더입니다"),
        (
            &["backup", "/etc/hostname/x.sqlite3"],
            "/etc/hostname: a part of the path is a file",
            "/etc/hostname: 경로 중간에",
        ),
        (&["export", "rooms", "--format", "csv", "--out", "/tmp"], folder, "/tmp: 파일이 아니라 폴더입니다"),
        (
            &["export", "rooms", "--format", "json", "--out", "no/such/x.json"],
            "no/such/x.json: not found",
            "파일이나 폴더가 없습니다",
        ),
        (&[], "kiln's interface needs a terminal; use the command line (kiln --help)", "터미널이 있어야"),
    ];
    let before = state(&db.path);
    for (args, en, ko) in cases {
        for (lang, says) in [("en", en), ("ko", ko)] {
            let (code, err) = run_in(dir, &db.path, lang, args);
            assert!(matches!(code, Some(1 | 2)), "{args:?}: {err}");
            assert!(err.lines().count() == 1 && err.starts_with("error: ") && err.contains(says), "{args:?}: {err}");
            assert!(!err.contains("os error"), "{args:?}: {err}");
        }
    }
    assert!(state(&db.path) == before);
    // The interface without a terminal leaves no new database behind either
    // (on a server, createdb made the database: no schema is made in it).
    let fresh = TempDb::new();
    let (code, err) = run_in(fresh.dir.path(), &fresh.path, "en", &[]);
    assert!(code == Some(2) && err.contains("needs a terminal"), "{err}");
    if common::pg::active() {
        let tables =
            common::texts(&fresh.path, "SELECT CAST(count(*) AS TEXT) FROM pg_tables WHERE schemaname = 'public'");
        assert_eq!(tables[0][0].as_deref(), Some("0"));
    } else {
        assert!(!fresh.path.exists());
    }
}

#[test]
fn an_empty_file_is_not_made_a_kiln_database_by_a_read() {
    // An empty (0-byte) SQLite file.
    if common::pg::active() {
        return;
    }
    let db = with_bytes(b"");
    for args in [
        &["person", "list"][..],
        &["check"],
        &["export", "rooms", "--format", "csv", "--out", "r.csv"],
        &["backup", "b.sqlite3"],
        &[],
    ] {
        for (lang, says) in
            [("en", "is an empty file, not a kiln database yet — run `kiln init`"), ("ko", "`kiln init`으로 만들거나")]
        {
            let (code, err) = run_in(db.dir.path(), &db.path, lang, args);
            assert_eq!(code, Some(2), "{args:?}: {err}");
            assert!(
                err.lines().count() == 1 && err.contains(says) && err.contains(&db.path.display().to_string()),
                "{err}"
            );
            assert_eq!(std::fs::metadata(&db.path).unwrap().len(), 0, "{args:?} wrote to the empty file");
        }
    }
    let names: Vec<_> = std::fs::read_dir(db.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["kiln.sqlite3"], "nothing beside it either");
    // `kiln init` is what makes it one.
    stdout(kiln(&db).arg("init"));
    stdout(kiln(&db).args(["person", "list"]));
}
