//! What went wrong with the database file, its folder or the disk, as one
//! line: which file, what is wrong with it, and what to do.

use std::path::Path;

use super::{Lang, fill};
use crate::error::Fault;

/// `path` names the file; without it (a fault met deep inside the
/// interface) the line says "the database".
pub fn fault(f: Fault, path: Option<&Path>, lang: Lang) -> String {
    let subject = match path {
        Some(p) => p.display().to_string(),
        None => lang.pick("데이터베이스", "the database").to_owned(),
    };
    let text = match f {
        Fault::ReadOnlyFile => lang.pick(
            "{0}: 이 계정은 이 파일을 읽을 수만 있고 쓸 수 없습니다 — 파일에 쓰기 권한을 주거나(`ls -l`로 확인) 서버 관리자에게 문의하세요. 바뀐 것은 없습니다",
            "{0}: this account may read the file but not write it — give it write permission (see `ls -l`) or ask whoever runs the server; nothing was changed",
        ),
        Fault::ReadOnlyFolder => lang.pick(
            "{0}: SQLite가 데이터베이스 옆에 두는 -wal, -shm 파일을 만들거나 쓸 수 없습니다 — 이 계정에 그 폴더와 두 파일의 쓰기 권한을 주세요(`ls -la`로 확인). 바뀐 것은 없습니다",
            "{0}: SQLite cannot create or write the -wal and -shm files it keeps beside the database — give this account write permission on the folder and on those files (see `ls -la`); nothing was changed",
        ),
        Fault::DiskFull => lang.pick(
            "{0}: 디스크가 가득 찼습니다 — 공간을 비운 뒤 다시 하세요. 바뀐 것은 없습니다",
            "{0}: the disk is full — free some space and try again; nothing was changed",
        ),
        Fault::Io => lang.pick(
            "{0}: 파일을 읽거나 쓰지 못했습니다(디스크가 가득 찼거나, 파일 크기 제한에 걸렸거나, 디스크가 빠졌거나 고장났을 수 있습니다) — 디스크와 남은 공간을 확인하고 다시 하세요. 바뀐 것은 없습니다",
            "{0}: the file could not be read or written (the disk may be full, over a file size limit, removed or failing) — check the disk and its free space, then try again; nothing was changed",
        ),
        Fault::Corrupt => lang.pick(
            "{0}: 파일이 손상되었습니다(SQLite가 깨진 페이지를 찾았습니다) — 백업에서 복구하세요(손상된 곳은 `kiln check`가 보여 줍니다). 바뀐 것은 없습니다",
            "{0}: the file is damaged (SQLite found a malformed page) — restore it from a backup (`kiln check` lists the damage); nothing was changed",
        ),
        Fault::Busy => lang.pick(
            "{0}: 다른 kiln이 몇 초 넘게 쓰고 있어 잠겨 있습니다 — 잠시 뒤 다시 하세요. 바뀐 것은 없습니다",
            "{0}: another kiln has been writing to it for several seconds and keeps it locked — try again in a moment; nothing was changed",
        ),
        Fault::CantOpen => lang.pick(
            "{0}: 파일을 열거나 만들 수 없습니다 — 파일과 폴더가 있는지, 이 계정이 읽고 쓸 수 있는지 확인하세요(`ls -la`로 확인)",
            "{0}: the file cannot be opened or created — check that it and its folder exist and that this account may read and write them (see `ls -la`)",
        ),
    };
    fill(text, &[&subject])
}

pub fn not_a_database(path: &Path, lang: Lang) -> String {
    fill(
        lang.pick(
            "{0}은(는) kiln 데이터베이스가 아닙니다(SQLite 파일이 아닙니다) — --db나 KILN_DB로 준 경로를 확인하거나 백업에서 복구하세요. 파일은 건드리지 않았습니다",
            "{0} is not a kiln database (not an SQLite file at all) — check the path given with --db or KILN_DB, or restore the file from a backup; the file was not touched",
        ),
        &[&path.display()],
    )
}

pub fn foreign_database(path: &Path, lang: Lang) -> String {
    fill(
        lang.pick(
            "{0}은(는) 다른 프로그램의 SQLite 데이터베이스라 kiln 데이터베이스가 아닙니다 — --db나 KILN_DB로 준 경로를 확인하세요. 파일은 건드리지 않았습니다",
            "{0} is another program's SQLite database, not kiln's — check the path given with --db or KILN_DB; the file was not touched",
        ),
        &[&path.display()],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Fault; 7] = [
        Fault::ReadOnlyFile,
        Fault::ReadOnlyFolder,
        Fault::DiskFull,
        Fault::Io,
        Fault::Corrupt,
        Fault::Busy,
        Fault::CantOpen,
    ];

    #[test]
    fn each_fault_names_the_file_on_one_line_in_both_languages() {
        let path = Path::new("/srv/kiln/centre.sqlite3");
        for f in ALL {
            let ko = fault(f, Some(path), Lang::Ko);
            let en = fault(f, Some(path), Lang::En);
            for m in [&ko, &en] {
                assert!(m.starts_with("/srv/kiln/centre.sqlite3: "), "{m}");
                assert!(!m.contains('\n'), "{m}");
            }
            let hangul = |m: &str| m.chars().any(|c| ('가'..='힣').contains(&c));
            assert!(hangul(&ko) && !hangul(&en), "{ko} / {en}");
            assert!(fault(f, None, Lang::En).starts_with("the database: "));
        }
    }
}
