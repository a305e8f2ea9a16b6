//! Errors as one line in the user's language: the field, what was wrong, and
//! what would be accepted.

use super::labels::{capability, field, role};
use super::{Lang, fill};
use crate::domain::Invalid;

pub use super::problems::{problem, shown};
use crate::error::{Error, ImportError, ImportFailure, Refusal, RowProblem};

pub fn invalid(i: &Invalid, lang: Lang) -> String {
    format!("{}: {}", field(i.field, lang), problem(&i.problem, &i.value, lang))
}

fn names(list: &[String], lang: Lang) -> String {
    if list.is_empty() { lang.pick("없음", "none").into() } else { list.join(", ") }
}

pub fn refusal(r: &Refusal, lang: Lang) -> String {
    if let Some(said) = super::money_errors::refusal(r, lang) {
        return said;
    }
    match r {
        Refusal::NotPermitted { user, role: None, admins, .. } => fill(
            lang.pick(
                "'{0}' 계정은 등록되지 않아 열람만 할 수 있습니다 — 관리자({1})가 `kiln user add {0} --role …`로 추가할 수 있습니다",
                "the account '{0}' is not registered and may only read — an admin ({1}) can add it with `kiln user add {0} --role …`",
            ),
            &[user, &names(admins, lang)],
        ),
        Refusal::NotPermitted { user, role: r @ Some(_), need, admins } => fill(
            lang.pick(
                "'{0}' 계정({1})에는 {2} 권한이 없습니다 — 관리자({3})에게 요청하세요",
                "the account '{0}' ({1}) is not allowed to {2} — ask an admin ({3})",
            ),
            &[user, &role(*r, lang), &capability(*need, lang), &names(admins, lang)],
        ),
        Refusal::LastAdmin { user } => fill(
            lang.pick(
                "'{0}'은(는) 마지막 관리자입니다 — 다른 관리자를 먼저 추가하세요",
                "'{0}' is the last admin — add another admin first",
            ),
            &[user],
        ),
        Refusal::OverBudget { project, budget, committed, estimate } => fill(
            lang.pick(
                "과제 {0}의 예산 {1}을(를) 넘습니다: 이미 {2}을(를) 쓰거나 예약했고 이 예약은 {3}로 추정됩니다 — 예산을 늘리거나 다른 과제로 예약하세요",
                "project {0} would pass its budget of {1}: {2} is spent or booked and this booking is estimated at {3} — raise the budget or book on another project",
            ),
            &[project, budget, committed, estimate],
        ),
        Refusal::InArrears { party, statement, outstanding, due } => fill(
            lang.pick(
                "청구처 {0}은(는) 청구서 {1}의 {2}이(가) {3}부터 미납이라 새 예약을 할 수 없습니다 — 납부를 기록하면 예약할 수 있습니다",
                "billing party {0} cannot book: statement {1} has {2} unpaid since {3} — record the payment, then book",
            ),
            &[party, statement, outstanding, &crate::domain::time::date_text(*due)],
        ),
        Refusal::NotPartyMember { party, person } => fill(
            lang.pick(
                "{1}은(는) 청구처 {0}의 구성원이 아닙니다 — `kiln party join {0} {1}`로 먼저 추가하세요",
                "{1} is not a member of billing party {0} — add them first with `kiln party join {0} {1}`",
            ),
            &[party, person],
        ),
        Refusal::PartyIsCompany { brn, party } => fill(
            lang.pick(
                "{0}은(는) 클러스터 기업의 사업자등록번호입니다 — 그 기업의 청구처 {1}을(를) 쓰세요",
                "{0} is the BRN of a cluster company — use that company's party {1}",
            ),
            &[brn, party],
        ),
        Refusal::RoleDenied { user } => fill(
            lang.pick(
                "PostgreSQL가 거부했습니다: 데이터베이스 역할 '{0}'에는 이 일을 할 권한이 없습니다 — 관리자가 `kiln user role {0} …`로 역할을 맞추거나, 데이터베이스의 슈퍼유저가 roles.sql을 다시 실행하세요. 바뀐 것은 없습니다",
                "PostgreSQL refused: the database role '{0}' lacks the privilege for this — an admin can set its role with `kiln user role {0} …`, or the database's superuser can run roles.sql again; nothing was changed",
            ),
            &[user],
        ),
        Refusal::NoRepresentative { .. }
        | Refusal::NoSupplier { .. }
        | Refusal::DepositInFull { .. }
        | Refusal::DepositStillLeased { .. }
        | Refusal::OriginalWaiting { .. }
        | Refusal::NoPayer { .. }
        // Said by `money_errors` above.
        | Refusal::NothingHeld { .. } => String::new(),
        Refusal::Duplicate { field: f, value } => fill(
            lang.pick("{0} '{1}'은(는) 이미 등록되어 있습니다", "{0} '{1}' is already registered"),
            &[&field(*f, lang), &shown(value)],
        ),
        Refusal::NotEmpty => lang
            .pick(
                "데이터베이스가 비어 있지 않아 예시 데이터를 넣지 않았습니다 — 새 파일을 --db로 지정하세요",
                "the database is not empty, so no demo data was loaded — name a new file with --db",
            )
            .into(),
        Refusal::LeaseOverlap { room, company, from, last_day } => fill(
            lang.pick(
                "호실 {0}은(는) {1}이(가) {2}부터 {3}까지 쓰고 있어 기간이 겹칩니다 — 그 뒤에 시작하거나 다른 호실을 고르세요",
                "room {0} is leased to {1} from {2} to {3}, which overlaps — start after that or choose another room",
            ),
            &[room, company, from, last_day],
        ),
        Refusal::RoomRetired { room } => fill(
            lang.pick("호실 {0}은(는) 더 이상 쓰지 않는 호실입니다 — 다른 호실을 고르세요", "room {0} is retired — choose another room"),
            &[room],
        ),
        Refusal::CompanyLeft { company, stage } => fill(
            lang.pick("{0}은(는) 이미 {1} 처리된 기업이라 새 계약을 맺을 수 없습니다", "{0} has {1} and cannot take a new lease"),
            &[company, &super::labels::stage(*stage, lang)],
        ),
        Refusal::RoomLeased { room, company, last_day } => fill(
            lang.pick(
                "호실 {0}은(는) {1}의 계약이 {2}까지 남아 있어 폐쇄할 수 없습니다 — 계약을 먼저 끝내세요",
                "room {0} is leased to {1} until {2} — end that lease first",
            ),
            &[room, company, last_day],
        ),
        Refusal::ReportBeforeAdmission { year, admitted } => fill(
            lang.pick(
                "연도: {0}년은 입주일({1}) 이전입니다 — 입주한 해부터 입력하세요",
                "year: {0} is before the company was admitted ({1}) — enter years from admission on",
            ),
            &[year, admitted],
        ),
        Refusal::LeaseEnded { lease, last_day } => fill(
            lang.pick("입주계약 {0}은(는) 이미 {1}에 끝났습니다", "lease {0} already ended on {1}"),
            &[lease, last_day],
        ),
        Refusal::EquipmentBooked { equipment, bookings } => fill(
            lang.pick(
                "{0}에는 앞으로 남은 예약이 {1}건 있습니다 — 먼저 옮기거나 취소하세요",
                "{0} has {1} booking(s) ahead — move or cancel them first",
            ),
            &[equipment, bookings],
        ),
        Refusal::EquipmentRetired { equipment } => fill(
            lang.pick("{0}은(는) 더 이상 쓰지 않는 장비입니다", "{0} is retired"),
            &[equipment],
        ),
        Refusal::BookingRule(r) => super::booking::rule_break(r, lang),
        Refusal::BookingClash { clash, free } => super::booking::clash(clash, free.as_ref(), lang),
        Refusal::SeriesClashes { clashes } => fill(
            lang.pick(
                "반복 예약 중 {0}건이 겹쳐 아무것도 예약하지 않았습니다: {1} — 겹치지 않는 날만 예약하려면 --book-free",
                "{0} occurrence(s) of the series clash, so nothing was booked: {1} — add --book-free to book the rest",
            ),
            &[&clashes.len(), &clashes.join(", ")],
        ),
        Refusal::QuotaExceeded { company, equipment, quota_hours, used_minutes, asking_minutes } => fill(
            lang.pick(
                "사용 한도: {0}의 {1} 월 한도 {2}시간 중 {3}시간을 썼고 {4}시간을 더 신청해 넘습니다 — 장비 담당자가 --override-quota 사유로 승인할 수 있습니다",
                "quota: {0} has used {3} of its {2} hours a month on {1} and asks {4} more — an equipment manager may allow it with --override-quota REASON",
            ),
            &[company, equipment, quota_hours, &super::booking::hours(*used_minutes), &super::booking::hours(*asking_minutes)],
        ),
        Refusal::IllegalTransition { booking, state, action } => super::booking::transition(*booking, *state, *action, lang),
        Refusal::DowntimeOverlap { start, end } => fill(
            lang.pick("이 장비에는 이미 {0}–{1} 중단이 잡혀 있습니다", "the machine already has downtime {0} to {1}"),
            &[start, end],
        ),
        Refusal::MissingPrerequisite { person, course, missing } => fill(
            lang.pick(
                "{0}은(는) {1}의 선수 과정({2})을 수료하지 않았습니다 — 관리자가 --override 사유로 예외를 둘 수 있습니다",
                "{0} has not completed {2}, required before {1} — a manager may allow it with --override REASON",
            ),
            &[person, course, &missing.join(", ")],
        ),
        Refusal::CapacityBelowEnrolled { cohort, enrolled } => fill(
            lang.pick("정원: {0}에는 이미 {1}명이 수강 중이라 그보다 줄일 수 없습니다", "capacity: {0} already has {1} enrolled; it cannot go below that"),
            &[cohort, enrolled],
        ),
        Refusal::CohortFull { cohort } => fill(
            lang.pick("{0}은(는) 정원이 찼습니다 — 다시 신청하면 대기자로 등록됩니다", "{0} is full — enrol again to join the waitlist"),
            &[cohort],
        ),
        Refusal::CohortCompleted { cohort } => fill(
            lang.pick("{0}은(는) 이미 수료 처리된 기수입니다", "{0} has already been completed"),
            &[cohort],
        ),
        Refusal::SessionOverlap { start, end } => fill(
            lang.pick("회차 {0}–{1}이(가) 같은 기수나 같은 강의실의 다른 회차와 겹칩니다", "the session {0} to {1} overlaps another of the cohort or the room"),
            &[start, end],
        ),
        Refusal::NotQualified(u) => {
            let (person, courses, nearest) = (&u.person, &u.courses, &u.nearest);
            let base = fill(
                lang.pick(
                    "자격: {0}은(는) 이 장비에 필요한 {1} 자격이 예약 기간 내내 유효하지 않습니다",
                    "qualification: {0} holds no {1} qualification valid on every day of the booking",
                ),
                &[person, &courses.join("/")],
            );
            match nearest {
                Some((course, from, until, true)) => format!(
                    "{base}{}",
                    fill(lang.pick(" — 가장 가까운 자격: {0} {1}–{2} (취소됨)", " — nearest: {0} {1} to {2} (revoked)"), &[course, from, until])
                ),
                Some((course, from, until, false)) => format!(
                    "{base}{}",
                    fill(lang.pick(" — 가장 가까운 자격: {0} {1}–{2}", " — nearest: {0} {1} to {2}"), &[course, from, until])
                ),
                None => format!("{base}{}", lang.pick(" — 교육을 먼저 수료하세요", " — complete the course first")),
            }
        }
        Refusal::Integrity { problems } => fill(
            lang.pick(
                "검사에서 문제 {0}건을 찾았습니다 — 위 목록을 보고 백업에서 복구하세요",
                "the check found {0} problem(s) — see the list above and restore from a backup",
            ),
            &[problems],
        ),
        Refusal::CheckInWindow { .. }
        | Refusal::MachineInUse { .. }
        | Refusal::NotCorrectable { .. }
        | Refusal::SessionNotStarted { .. }
        | Refusal::CohortNotOver { .. }
        | Refusal::NotEnrolled { .. } => super::time::refusal(r, lang).unwrap_or_default(),
        Refusal::BuildingArea { total, adding, limit } => {
            let a = |n: &i64| crate::domain::Area(*n).to_string();
            fill(
                lang.pick(
                    "면적: 센터 건물의 호실 합계가 {0}인데 {1}를 더하면 건물 면적 {2}를 넘습니다",
                    "area: the building's rooms add up to {0}; adding {1} would pass its floor area of {2}",
                ),
                &[&a(total), &a(adding), &a(limit)],
            )
        }
    }
}

/// One refused row of an import: `line 7: brn: …`, the column as its header
/// is written in the file so the user finds it there.
pub fn import_failure(f: &ImportFailure, lang: Lang) -> String {
    let why = import_reason(f, lang);
    let line = fill(lang.pick("{0}행", "line {0}"), &[&f.line]);
    match &f.column {
        Some(c) => format!("{line}: {}: {why}", shown(c)),
        None => format!("{line}: {why}"),
    }
}

/// Why a row was refused, without its line and column.
pub fn import_reason(f: &ImportFailure, lang: Lang) -> String {
    match &f.problem {
        RowProblem::Invalid(i) if f.column.is_some() => problem(&i.problem, &i.value, lang),
        RowProblem::Invalid(i) => invalid(i, lang),
        RowProblem::Refused(r) => refusal(r, lang),
        RowProblem::Repeated { value, first_line } => fill(
            lang.pick(
                "'{0}'은(는) {1}행에도 있습니다 — 한 번만 넣으세요",
                "'{0}' is on line {1} too — give it only once",
            ),
            &[&shown(value), first_line],
        ),
        RowProblem::LeftWithoutStage { value } => fill(
            lang.pick(
                "'{0}' — 졸업·퇴거일은 단계가 graduated(졸업)나 withdrawn(퇴거)일 때만 씁니다",
                "'{0}' — a left date needs the stage graduated or withdrawn",
            ),
            &[&shown(value)],
        ),
        RowProblem::Cells { found, expected } => fill(
            lang.pick(
                "칸이 {0}개인데 머리행의 열은 {1}개입니다",
                "the row has {0} cells but the header has {1} columns",
            ),
            &[found, expected],
        ),
    }
}

fn import(e: &ImportError, lang: Lang) -> String {
    match e {
        ImportError::Rows(failures) => {
            let mut lines: Vec<u64> = failures.iter().map(|f| f.line).collect();
            lines.dedup();
            let summary = fill(
                lang.pick("{0}행 거부 — 아무것도 가져오지 않았습니다", "{0} row(s) refused; nothing was imported"),
                &[&lines.len()],
            );
            match failures.first() {
                Some(first) => format!("{} ({summary})", import_failure(first, lang)),
                None => summary,
            }
        }
        ImportError::Encoding { encoding } => fill(
            lang.pick(
                "파일이 {0} 글자가 아닙니다 — UTF-8이나 CP949(한글 엑셀의 CSV)로 저장하거나 --encoding으로 지정하세요",
                "the file is not {0} text — save it as UTF-8 or CP949 (Korean Excel's CSV), or say which with --encoding",
            ),
            &[encoding],
        ),
        ImportError::Empty => lang
            .pick(
                "파일이 비어 있습니다 — 첫 줄은 열 이름(머리행)이어야 합니다",
                "the file is empty — its first line must be the header row",
            )
            .into(),
        ImportError::UnknownColumn { column, accepted } => fill(
            lang.pick(
                "'{0}' 열은 이 표에 없습니다 — 쓸 수 있는 열: {1} (엑셀 내보내기의 한글·영문 제목도 됩니다)",
                "there is no column '{0}' in this table — accepted: {1} (or their Korean or English titles)",
            ),
            &[&shown(column), &accepted.join(", ")],
        ),
        ImportError::RepeatedColumn { column } => fill(
            lang.pick("'{0}' 열이 머리행에 두 번 있습니다", "the column '{0}' is in the header twice"),
            &[&shown(column)],
        ),
        ImportError::MissingColumns { missing } => fill(
            lang.pick(
                "꼭 필요한 열이 없습니다: {0} — 머리행에 넣으세요",
                "required column(s) missing: {0} — add them to the header row",
            ),
            &[&missing.join(", ")],
        ),
    }
}

pub fn render(e: &Error, lang: Lang) -> String {
    match e {
        Error::Invalid(i) => invalid(i, lang),
        Error::Refused(r) => refusal(r, lang),
        Error::Import(i) => import(i, lang),
        Error::NoDatabase { path } => fill(
            lang.pick(
                "데이터베이스 {0}이(가) 없습니다 — 먼저 `kiln init`을 실행하거나 --db로 다른 파일을 지정하세요",
                "there is no database at {0} — run `kiln init` first, or name another file with --db",
            ),
            &[&path.display()],
        ),
        Error::SchemaTooNew { path, found, supported } => fill(
            lang.pick(
                "{0}은(는) 더 새로운 kiln이 만든 파일입니다(스키마 {1}, 이 kiln은 {2}까지) — kiln을 업데이트하세요. 파일은 건드리지 않았습니다",
                "{0} was written by a newer kiln (schema {1}; this kiln reads up to {2}) — update kiln. The file was not touched",
            ),
            &[&path.display(), found, supported],
        ),
        Error::NotADatabase { path } => super::faults::not_a_database(path, lang),
        Error::ForeignDatabase { path } => super::faults::foreign_database(path, lang),
        Error::Fault { path, fault } => super::faults::fault(*fault, Some(path), lang),
        Error::File { path, problem } => super::files::file(path, problem, lang),
        Error::EmptyDatabase { path } => super::files::empty_database(path, lang),
        Error::NoTerminal => super::files::no_terminal(lang),
        Error::NothingToChange => lang
            .pick(
                "바꿀 내용이 없습니다 — 바꿀 항목을 하나 이상 주세요(`--help`로 항목을 보세요)",
                "nothing to change was given — name at least one field to change (see `--help`)",
            )
            .into(),
        Error::Unaudited => lang
            .pick("내부 오류: 변경 이력 없이 저장하려 해서 취소했습니다", "internal error: a write without an audit entry was rolled back")
            .into(),
        Error::Server { url, reason } => fill(
            lang.pick(
                "PostgreSQL 데이터베이스 {0}에 연결할 수 없습니다: {1} — 서버가 켜져 있는지, --db나 KILN_DB의 주소와 권한이 맞는지 확인하세요",
                "cannot connect to the PostgreSQL database {0}: {1} — check that the server is running and the address and rights given with --db or KILN_DB",
            ),
            &[&url.display(), reason],
        ),
        Error::BackupOnServer { url } => fill(
            lang.pick(
                "{0}은(는) PostgreSQL 데이터베이스입니다 — 백업은 pg_dump로 하세요(예: pg_dump -Fc -f kiln.dump 데이터베이스이름). README의 백업 절을 보세요",
                "{0} is a PostgreSQL database — back it up with pg_dump (e.g. pg_dump -Fc -f kiln.dump DBNAME); see Backups in the README",
            ),
            &[&url.display()],
        ),
        Error::Migrate(m) => migrate(m, lang),
        Error::Engine(e) => match e.fault() {
            Some(f) => super::faults::fault(f, None, lang),
            None => fill(lang.pick("데이터베이스 오류: {0}", "database error: {0}"), &[e]),
        },
        Error::Io(e) => fill(lang.pick("파일 오류: {0}", "file error: {0}"), &[e]),
    }
}

/// Why `kiln migrate` refused, or what it found wrong with its copy.
fn migrate(e: &crate::error::MigrateError, lang: Lang) -> String {
    use crate::error::MigrateError as M;
    match e {
        M::SourceOnServer { url } => fill(
            lang.pick(
                "옮길 원본은 SQLite 파일이어야 합니다: {0}은(는) 서버의 데이터베이스입니다 — --db(또는 KILN_DB)로 kiln 파일을 주세요. 서버끼리는 pg_dump와 pg_restore로 옮기세요",
                "the source to move must be a SQLite file: {0} is a database on a server — name a kiln file with --db (or KILN_DB); between servers, use pg_dump and pg_restore",
            ),
            &[&url.display()],
        ),
        M::TargetNotServer { target } => fill(
            lang.pick(
                "--to에는 PostgreSQL 데이터베이스 주소를 주세요(예: postgres://사용자@서버/kiln): {0}은(는) 주소가 아닙니다",
                "--to takes a PostgreSQL database's URL (e.g. postgres://user@host/kiln): {0} is not one",
            ),
            &[&target.display()],
        ),
        M::TargetNotEmpty { url, table, rows } => fill(
            lang.pick(
                "{0}은(는) 비어 있지 않습니다({1} 표에 {2}행) — 빈 데이터베이스로만 옮깁니다. 아무것도 바꾸지 않았습니다",
                "{0} is not empty ({2} rows in table {1}) — kiln moves a centre only into an empty database. Nothing was changed",
            ),
            &[&url.display(), table, rows],
        ),
        M::Unlike { url, problems } => fill(
            lang.pick(
                "{0}에 옮겼지만 검사에서 문제 {1}건을 찾았습니다(위 목록) — 원본 파일은 그대로이니 그 파일을 계속 쓰고, 문제를 고친 뒤 빈 데이터베이스로 다시 옮기세요",
                "moved to {0}, but the check found {1} problems (listed above) — the source file is unchanged: keep using it, and move again into an empty database once they are fixed",
            ),
            &[&url.display(), problems],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BrnProblem, Field, Problem};

    #[test]
    fn names_the_field_and_what_is_accepted() {
        let e = Error::Invalid(Invalid::new(Field::Email, "abc", Problem::Format { example: "name@example.kr" }));
        assert_eq!(e.message(Lang::Ko), "이메일: 'abc'은(는) 형식이 맞지 않습니다 — 예: name@example.kr");
        assert_eq!(e.message(Lang::En), "email: 'abc' is not in the expected form — e.g. name@example.kr");
        assert_eq!(e.to_string(), e.message(Lang::En));
    }

    #[test]
    fn refused_values_are_shown_safely() {
        assert_eq!(shown("a\u{202E}b\n"), "a\\u{202e}b\\u{a}");
        let long = "가".repeat(5000);
        assert_eq!(shown(&long).chars().count(), 41);
    }

    #[test]
    fn every_message_is_one_line() {
        let problems = [
            Problem::Empty,
            Problem::TooLong { max: 3 },
            Problem::ControlCharacter,
            Problem::BidiControl,
            Problem::Format { example: "x" },
            Problem::Brn(BrnProblem::CheckDigit),
            Problem::OutOfRange { min: 0, max: 1 },
            Problem::Between { min: "0.01", max: "1.5" },
            Problem::NoSuchDay,
            Problem::NoSuchTime,
            Problem::TooManyDecimals { max: 2 },
            Problem::OneOf { accepted: &["a", "b"] },
            Problem::NotFound,
            Problem::EndNotAfterStart,
            Problem::NotBefore { earliest: "2026-01-01".into() },
            Problem::NotAfter { latest: "2026-01".into() },
            Problem::Exists,
            Problem::NotPerMachine,
            Problem::NotIssued,
            Problem::NothingUnbilled,
        ];
        for p in problems {
            for lang in [Lang::Ko, Lang::En] {
                let m = problem(&p, "x\ny", lang);
                assert!(!m.contains('\n'), "{m}");
            }
        }
    }

    #[test]
    fn an_import_refusal_is_one_line_naming_the_first_row_and_the_count() {
        let failure = |line, problem| ImportFailure { line, column: Some("brn\n".into()), problem };
        let rows = ImportError::Rows(vec![
            failure(
                7,
                RowProblem::Invalid(Invalid::new(Field::Brn, "124-81-00999", Problem::Brn(BrnProblem::CheckDigit))),
            ),
            failure(9, RowProblem::Repeated { value: "124-81-00998".into(), first_line: 2 }),
            failure(9, RowProblem::Cells { found: 3, expected: 4 }),
        ]);
        let e = Error::Import(rows);
        assert!(e.message(Lang::En).starts_with("line 7: brn\\u{a}: '124-81-00999' fails its check digit"));
        assert!(e.message(Lang::En).ends_with("(2 row(s) refused; nothing was imported)"), "{}", e.message(Lang::En));
        assert!(e.message(Lang::Ko).starts_with("7행: brn\\u{a}: '124-81-00999'의 검증번호"));
        let others = [
            ImportError::Encoding { encoding: "CP949" },
            ImportError::Empty,
            ImportError::UnknownColumn { column: "색\r".into(), accepted: vec!["brn", "name"] },
            ImportError::RepeatedColumn { column: "brn".into() },
            ImportError::MissingColumns { missing: vec!["name"] },
        ];
        for lang in [Lang::Ko, Lang::En] {
            assert!(!e.message(lang).contains('\n'));
            for o in &others {
                let m = Error::Import(o.clone()).message(lang);
                assert!(!m.contains(['\n', '\r']), "{m}");
            }
        }
        assert_eq!(e.exit_code(), 2);
    }
}
