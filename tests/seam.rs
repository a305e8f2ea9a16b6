//! The layers' seams, read from the source (issue 17): the command line and
//! the terminal interface never import each other — both start from
//! `startup`, and `main.rs` picks the face.

use std::path::Path;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
    out
}

fn uses(files: &[(String, String)], module: &str) -> Vec<String> {
    let patterns = [format!("crate::{module}::"), format!("crate::{module};"), format!("crate::{module}}}")];
    files
        .iter()
        .filter(|(_, text)| patterns.iter().any(|p| text.contains(p.as_str())))
        .map(|(path, _)| path.clone())
        .collect()
}

#[test]
fn the_command_line_and_the_interface_do_not_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let cli = sources(&src.join("cli"));
    let tui = sources(&src.join("tui"));
    assert!(!cli.is_empty() && !tui.is_empty());
    assert_eq!(uses(&cli, "tui"), Vec::<String>::new(), "cli imports tui");
    assert_eq!(uses(&tui, "cli"), Vec::<String>::new(), "tui imports cli");
}

/// The string literals of a Rust source, comments left out: enough to find
/// SQL text wherever it is written.
fn literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            // A char literal such as '"' or '\'' is not a string.
            b'\'' if b.get(i + 2) == Some(&b'\'') => i += 3,
            b'\'' if b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') => i += 4,
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) => {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let rest = &text[j + 1..];
                let end = rest.find(&close).unwrap_or(rest.len());
                out.push(rest[..end].to_owned());
                i = j + 1 + end + close.len();
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                out.push(text[i + 1..j.min(b.len())].to_owned());
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// True if a literal reads as SQL.
fn is_sql(s: &str) -> bool {
    let words: Vec<&str> =
        s.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    (has("SELECT") && has("FROM"))
        || (has("INSERT") && has("INTO"))
        || (has("UPDATE") && has("SET"))
        || (has("DELETE") && has("FROM"))
        || has("PRAGMA")
        || has("SAVEPOINT")
        || (has("CREATE") && (has("TABLE") || has("INDEX") || has("TRIGGER")))
}

/// What in a file breaks the seam: rusqlite named, SQL written, or the
/// user's language known below the faces.
fn breaks(rel: &str, text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    if rel.starts_with("store/") {
        return out;
    }
    if text.contains("rusqlite") {
        out.push("names rusqlite");
    }
    if text.contains("postgres::") {
        out.push("names the postgres crate");
    }
    if literals(text).iter().any(|l| is_sql(l)) {
        out.push("holds SQL");
    }
    let below = ["db/", "report/", "export/", "import/"].iter().any(|d| rel.starts_with(d));
    let lang = text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').any(|w| w == "Lang");
    if below && lang {
        out.push("knows Lang");
    }
    out
}

#[test]
fn sql_and_the_engine_stay_in_the_store_and_language_at_the_faces() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let root = format!("{}/", src.display());
    let mut wrong = Vec::new();
    for (path, text) in sources(&src) {
        let rel = path.trim_start_matches(&root).to_owned();
        let found = breaks(&rel, &text);
        if !found.is_empty() {
            wrong.push(format!("{rel}: {}", found.join(", ")));
        }
    }
    assert_eq!(
        wrong,
        Vec::<String>::new(),
        "outside the store: keep SQL, rusqlite and postgres in src/store, Lang in cli/tui"
    );
}

#[test]
fn the_seam_check_sees_what_it_looks_for() {
    let planted = "fn f() { conn.query_row(\"SELECT id\n FROM room\", [], |r| r.get(0)) } // SELECT x FROM y";
    assert_eq!(breaks("db/room.rs", planted), vec!["holds SQL"]);
    assert_eq!(breaks("report/x.rs", "use crate::i18n::Lang;"), vec!["knows Lang"]);
    assert_eq!(breaks("cli/x.rs", "use crate::i18n::Lang;"), Vec::<&str>::new());
    assert_eq!(breaks("tui/x.rs", "let v = rusqlite::version();"), vec!["names rusqlite"]);
    assert_eq!(breaks("db/x.rs", "fn f(c: &mut postgres::Client) {}"), vec!["names the postgres crate"]);
    assert_eq!(breaks("store/sql/x.rs", "\"SELECT a FROM b\" rusqlite"), Vec::<&str>::new());
    assert_eq!(breaks("db/x.rs", "let q = '\"'; let s = \"select a room\";"), Vec::<&str>::new());
    assert_eq!(
        literals("r#\"UPDATE t SET a\"# 'x' \"b\\\"c\""),
        vec!["UPDATE t SET a".to_owned(), "b\\\"c".to_owned()]
    );
}
