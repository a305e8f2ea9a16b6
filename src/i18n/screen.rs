//! Errors as the interface shows them. The command line's advice names its
//! flags (`--book-free`, `--override-quota`), which mean nothing on a screen,
//! so the refusals that give such advice say here what to do in the
//! interface, or whom to ask; every other error reads as on the command line.

use super::labels::field;
use super::{Lang, fill};
use crate::domain::Field;
use crate::error::{Error, Refusal};

pub fn on_screen(e: &Error, lang: Lang) -> String {
    let Error::Refused(r) = e else { return e.message(lang) };
    match r {
        Refusal::NotPermitted { user, role: None, admins, .. } => fill(
            lang.pick(
                "'{0}' 계정은 등록되지 않아 열람만 할 수 있습니다 — 관리자({1})에게 계정 등록을 요청하세요",
                "the account '{0}' is not registered and may only read — ask an admin ({1}) to register it",
            ),
            &[user, &admins.join(", ")],
        ),
        Refusal::SeriesClashes { clashes } => fill(
            lang.pick(
                "반복 예약 중 {0}건이 겹쳐 아무것도 예약하지 않았습니다: {1} — 나머지만 예약하려면 '{2}'을(를) 예로 고르세요",
                "{0} occurrence(s) of the series clash, so nothing was booked: {1} — to book the rest, set '{2}' to yes",
            ),
            &[&clashes.len(), &clashes.join(", "), &field(Field::BookFree, lang)],
        ),
        Refusal::QuotaExceeded { company, equipment, quota_hours, used_minutes, asking_minutes } => fill(
            lang.pick(
                "사용 한도: {0}의 {1} 월 한도 {2}시간 중 {3}시간을 썼고 {4}시간을 더 신청해 넘습니다 — 한도를 넘기려면 장비 담당자에게 사유와 함께 요청하세요",
                "quota: {0} has used {3} of its {2} hours a month on {1} and asks {4} more — to go over it, ask an equipment manager, giving a reason",
            ),
            &[
                company,
                equipment,
                quota_hours,
                &super::booking::hours(*used_minutes),
                &super::booking::hours(*asking_minutes),
            ],
        ),
        Refusal::MissingPrerequisite { person, course, missing } => fill(
            lang.pick(
                "{0}은(는) {1}의 선수 과정({2})을 수료하지 않았습니다 — 예외가 필요하면 관리자에게 사유와 함께 요청하세요",
                "{0} has not completed {2}, required before {1} — for an exception, ask a manager, giving a reason",
            ),
            &[person, course, &missing.join(", ")],
        ),
        _ => e.message(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Capability, Role};

    /// Every refusal whose command-line text names a flag reads without one here.
    #[test]
    fn the_interface_never_names_a_flag() {
        let refusals = [
            Refusal::NotPermitted { user: "lee".into(), role: None, need: Capability::ManageBookings, admins: vec![] },
            Refusal::NotPermitted {
                user: "lee".into(),
                role: Some(Role::Viewer),
                need: Capability::ManageBookings,
                admins: vec!["kim".into()],
            },
            Refusal::SeriesClashes { clashes: vec!["2026-12-08 09:00".into()] },
            Refusal::QuotaExceeded {
                company: "세라텍".into(),
                equipment: "EQ-0002".into(),
                quota_hours: 20,
                used_minutes: 1140,
                asking_minutes: 180,
            },
            Refusal::MissingPrerequisite { person: "P-0001".into(), course: "KILN-201".into(), missing: vec![] },
        ];
        for r in refusals {
            let e = Error::Refused(r);
            for lang in [Lang::Ko, Lang::En] {
                let text = on_screen(&e, lang);
                assert!(!text.contains("--"), "{text}");
            }
        }
    }

    #[test]
    fn a_missing_permission_reads_naturally() {
        let e = Error::Refused(Refusal::NotPermitted {
            user: "lee".into(),
            role: Some(Role::Viewer),
            need: Capability::ManageBookings,
            admins: vec!["kim".into()],
        });
        assert_eq!(
            on_screen(&e, Lang::En),
            "the account 'lee' (viewer) is not allowed to manage bookings — ask an admin (kim)"
        );
        assert_eq!(
            on_screen(&e, Lang::Ko),
            "'lee' 계정(열람자)에는 장비 예약 관리 권한이 없습니다 — 관리자(kim)에게 요청하세요"
        );
    }
}
