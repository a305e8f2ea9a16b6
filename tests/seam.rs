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
