//! Files other than the database (imports, exports, backups) and the
//! terminal, as one line: which file, and what is wrong with it in words.

use std::path::Path;

use super::{Lang, fill};
use crate::error::FileProblem;

pub fn file(path: &Path, problem: &FileProblem, lang: Lang) -> String {
    let text = match problem {
        FileProblem::IsAFolder => lang.pick(
            "{0}: 파일이 아니라 폴더입니다 — 파일 경로를 주세요",
            "{0}: is a folder, not a file — give the path of a file",
        ),
        FileProblem::NotAFolder => lang.pick(
            "{0}: 경로 중간에 폴더가 아닌 파일이 있습니다 — 경로의 폴더 이름을 확인하세요",
            "{0}: a part of the path is a file, not a folder — check the folders in the path",
        ),
        FileProblem::NotFound => {
            lang.pick("{0}: 파일이나 폴더가 없습니다 — 경로를 확인하세요", "{0}: not found — check the path")
        }
        FileProblem::NoPermission => lang.pick(
            "{0}: 이 계정에는 권한이 없습니다 — `ls -l`로 권한을 확인하거나 다른 곳을 주세요",
            "{0}: this account has no permission there — check with `ls -l`, or give another place",
        ),
        FileProblem::DiskFull => lang.pick(
            "{0}: 디스크가 가득 찼습니다 — 공간을 비운 뒤 다시 하세요",
            "{0}: the disk is full — free some space and try again",
        ),
        FileProblem::ReadOnlyDisk => lang.pick(
            "{0}: 읽기 전용 디스크입니다 — 쓸 수 있는 곳을 주세요",
            "{0}: the disk is read-only — give a place that can be written",
        ),
        FileProblem::AlreadyExists => lang.pick(
            "{0}: 이미 있습니다 — 덮어쓰지 않으니 새 이름을 주세요",
            "{0}: already exists — it is not overwritten; give a new name",
        ),
        FileProblem::Other(os) => {
            return fill(
                lang.pick(
                    "{0}: 파일을 읽거나 쓰지 못했습니다 ({1})",
                    "{0}: the file could not be read or written ({1})",
                ),
                &[&path.display(), os],
            );
        }
    };
    fill(text, &[&path.display()])
}

pub fn empty_database(path: &Path, lang: Lang) -> String {
    fill(
        lang.pick(
            "{0}은(는) 빈 파일이라 아직 kiln 데이터베이스가 아닙니다 — `kiln init`으로 만들거나 --db나 KILN_DB로 준 경로를 확인하세요. 파일은 건드리지 않았습니다",
            "{0} is an empty file, not a kiln database yet — run `kiln init` to make it one, or check the path given with --db or KILN_DB; the file was not touched",
        ),
        &[&path.display()],
    )
}

pub fn no_terminal(lang: Lang) -> String {
    lang.pick(
        "kiln의 화면은 터미널이 있어야 열립니다 — 명령줄을 쓰세요(kiln --help)",
        "kiln's interface needs a terminal; use the command line (kiln --help)",
    )
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_problem_names_the_file_on_one_line_in_both_languages() {
        let path = Path::new("/tmp/x.csv");
        let all = [
            FileProblem::IsAFolder,
            FileProblem::NotAFolder,
            FileProblem::NotFound,
            FileProblem::NoPermission,
            FileProblem::DiskFull,
            FileProblem::ReadOnlyDisk,
            FileProblem::AlreadyExists,
            FileProblem::Other("Input/output error (os error 5)".into()),
        ];
        for p in &all {
            for lang in [Lang::Ko, Lang::En] {
                let m = file(path, p, lang);
                assert!(m.starts_with("/tmp/x.csv: ") && !m.contains('\n'), "{m}");
                assert!(!m.contains("os error") || matches!(p, FileProblem::Other(_)), "{m}");
            }
        }
    }
}
