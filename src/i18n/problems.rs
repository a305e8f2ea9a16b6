//! How a refused value reads: the value shown safely, and what was wrong
//! with it (and so what would be accepted), in the user's language.

use super::{Lang, fill};
use crate::domain::{BrnProblem, Problem};

/// Shows a refused value safely: control and bidi characters escaped, and long
/// values cut so a 10 kB paste does not flood the terminal.
pub fn shown(value: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() || crate::domain::text::is_bidi_control(c) || crate::domain::text::is_invisible(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

pub fn problem(p: &Problem, value: &str, lang: Lang) -> String {
    let v = shown(value);
    match p {
        Problem::Empty => lang.pick("비어 있습니다 — 값을 입력하세요", "is empty — enter a value").into(),
        Problem::TooLong { max } => fill(
            lang.pick("{0}자를 넘습니다 — {0}자 이내로 입력하세요", "is longer than {0} characters — shorten it"),
            &[max],
        ),
        Problem::ControlCharacter => lang
            .pick(
                "제어 문자(탭, 줄바꿈 등)가 들어 있습니다 — 보이는 글자만 입력하세요",
                "contains a control character (tab, newline …) — use visible characters only",
            )
            .into(),
        Problem::BidiControl => lang
            .pick(
                "글자 방향을 바꾸는 보이지 않는 문자가 들어 있습니다 — 지우고 다시 입력하세요",
                "contains an invisible bidirectional control character — remove it",
            )
            .into(),
        Problem::Invisible { code_point } => fill(
            lang.pick(
                "보이지 않는 문자({0})가 들어 있습니다 — 지우고 보이는 글자만 입력하세요",
                "contains an invisible character ({0}) — remove it and use visible characters only",
            ),
            &[&format!("U+{:04X}", u32::from(*code_point))],
        ),
        Problem::Format { example } => fill(
            lang.pick("'{0}'은(는) 형식이 맞지 않습니다 — 예: {1}", "'{0}' is not in the expected form — e.g. {1}"),
            &[&v, example],
        ),
        Problem::Brn(b) => brn(*b, &v, lang),
        Problem::OutOfRange { min, max } => fill(
            lang.pick("'{0}'은(는) 범위를 벗어났습니다 — {1}부터 {2}까지", "'{0}' is out of range — from {1} to {2}"),
            &[&v, &bound(*min), &bound(*max)],
        ),
        Problem::Between { min, max } => fill(
            lang.pick("'{0}'은(는) 범위를 벗어났습니다 — {1}부터 {2}까지", "'{0}' is out of range — from {1} to {2}"),
            &[&v, min, max],
        ),
        Problem::NoSuchDay => fill(
            lang.pick(
                "'{0}'은(는) 달력에 없는 날짜입니다 — 월(1–12)과 그 달의 날을 확인하세요. 예: 2026-12-01",
                "'{0}' is not a day on the calendar — check the month (1–12) and its days, e.g. 2026-12-01",
            ),
            &[&v],
        ),
        Problem::NoSuchTime => fill(
            lang.pick(
                "'{0}'은(는) 없는 시각입니다 — 00:00부터 23:59까지 (자정에 끝나면 다음 날 00:00으로 쓰세요)",
                "'{0}' is not a time of day — 00:00 to 23:59 (a period ending at midnight ends at the next day's 00:00)",
            ),
            &[&v],
        ),
        Problem::TooManyDecimals { max } => fill(
            lang.pick("'{0}' — 소수점 아래 {1}자리까지만 쓸 수 있습니다", "'{0}' — at most {1} decimal places"),
            &[&v, max],
        ),
        Problem::OneOf { accepted } => fill(
            lang.pick("'{0}'은(는) 쓸 수 없습니다 — 가능한 값: {1}", "'{0}' is not accepted — use one of: {1}"),
            &[&v, &accepted.join(", ")],
        ),
        Problem::NotAnOperator { operators } => fill(
            lang.pick(
                "'{0}'은(는) kiln에 등록된 계정이 아닙니다 — 등록된 계정: {1} (`kiln user add`로 등록)",
                "'{0}' is not an account registered in kiln — registered: {1} (`kiln user add` registers one)",
            ),
            &[&v, &operators.join(", ")],
        ),
        Problem::NotFound => fill(lang.pick("'{0}'을(를) 찾을 수 없습니다", "'{0}' was not found"), &[&v]),
        Problem::EndNotAfterStart => lang.pick("끝이 시작보다 뒤여야 합니다", "the end must be after the start").into(),
        Problem::NotPerMachine => lang
            .pick(
                "이 설정은 센터 전체에만 있고 장비마다 정할 수 없습니다 — 장비를 비워 두세요",
                "this setting is the centre's alone, not a machine's — leave the machine out",
            )
            .into(),
        Problem::NotIssued => fill(
            lang.pick(
                "{0}월 청구서는 아직 발행되지 않았습니다 — 그 달의 청구서 초안에 청구되니 손실 처리할 것이 없습니다",
                "no statement has been issued for {0} yet — its drafts still bill it, so there is nothing to write off",
            ),
            &[&v],
        ),
        Problem::OtherMonth { month } => fill(
            lang.pick("'{0}'은(는) {1}월의 청구서가 아닙니다 — 그 달의 문서만 확인할 수 있습니다", "'{0}' is not a statement of {1} — only that month's documents are confirmed here"),
            &[&v, month],
        ),
        Problem::NothingUnbilled => fill(
            lang.pick(
                "{0}월에 이 청구처의 미청구 금액이 없습니다 — 손실 처리할 것이 없습니다",
                "the party owes nothing unbilled for {0} — there is nothing to write off",
            ),
            &[&v],
        ),
        Problem::NotForKind { kind } => fill(
            lang.pick(
                "'{0}' 청구처에는 이 항목이 없습니다 — 비워 두세요",
                "a party of kind '{0}' has no such field — leave it out",
            ),
            &[kind],
        ),
        Problem::OtherParty { party } => fill(
            lang.pick(
                "'{0}'은(는) 청구처 {1}의 것입니다 — 예약의 청구처의 과제를 고르세요",
                "'{0}' belongs to billing party {1} — choose one of the booking's party",
            ),
            &[&v, party],
        ),
        Problem::NotBoth { other } => fill(
            lang.pick("{0}와(과) 함께 줄 수 없습니다 — 둘 중 하나만 주세요", "cannot be given with {0} — give one or the other"),
            &[&super::labels::field(*other, lang)],
        ),
        Problem::IsDatabase { database } => fill(
            lang.pick(
                "'{0}'은(는) 데이터베이스 파일({1})입니다 — 여기에 쓰면 센터의 자료가 지워지니 다른 파일 이름을 주세요",
                "'{0}' is the database file ({1}) — writing there would destroy the centre's data; give another file",
            ),
            &[&v, database],
        ),
        Problem::Exists => fill(
            lang.pick(
                "{0}이(가) 이미 있습니다 — 덮어쓰지 않으니 새 이름을 주세요",
                "{0} already exists — it is not overwritten; give a new name",
            ),
            &[&v],
        ),
        Problem::NotBefore { earliest } => fill(
            lang.pick(
                "'{0}'은(는) 너무 이릅니다 — {1} 이후여야 합니다",
                "'{0}' is too early — it must be {1} or later",
            ),
            &[&v, earliest],
        ),
        Problem::NotAfter { latest } => fill(
            lang.pick(
                "'{0}'은(는) 아직 오지 않았습니다 — {1}까지만 됩니다",
                "'{0}' has not come yet — {1} at the latest",
            ),
            &[&v, latest],
        ),
    }
}

fn brn(b: BrnProblem, v: &str, lang: Lang) -> String {
    let t = match b {
        BrnProblem::Length => lang.pick(
            "'{0}'은(는) 10자리 숫자가 아닙니다 — 예: 124-81-00998",
            "'{0}' is not ten digits — e.g. 124-81-00998",
        ),
        BrnProblem::TaxOffice => lang.pick(
            "'{0}' — 앞 세 자리(세무서 코드)는 101 이상이어야 합니다",
            "'{0}' — the first three digits (tax office) must be 101 or more",
        ),
        BrnProblem::Kind => {
            lang.pick("'{0}' — 가운데 두 자리는 00일 수 없습니다", "'{0}' — the middle two digits cannot be 00")
        }
        BrnProblem::Serial => lang.pick(
            "'{0}' — 일련번호(6–9번째 자리)는 0000일 수 없습니다",
            "'{0}' — the serial (digits 6–9) cannot be 0000",
        ),
        BrnProblem::CheckDigit => lang.pick(
            "'{0}'의 검증번호(마지막 자리)가 맞지 않습니다 — 번호를 다시 확인하세요",
            "'{0}' fails its check digit (the last digit) — check the number",
        ),
    };
    fill(t, &[&v])
}

/// A range's bound as people read it: amounts grouped (`1,000,000,000`),
/// short numbers such as years left as they are (`2100`).
fn bound(n: i64) -> String {
    if n.unsigned_abs() >= 10_000 { crate::domain::money::group(i128::from(n)) } else { n.to_string() }
}
