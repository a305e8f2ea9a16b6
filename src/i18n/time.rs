//! How refusals of the time rules read: recorded use and attendance.

use super::labels::booking_state;
use super::{Lang, fill};
use crate::error::Refusal;

/// The message for a refusal of a time rule; `None` for other refusals.
pub fn refusal(r: &Refusal, lang: Lang) -> Option<String> {
    Some(match r {
        Refusal::CheckInWindow { booking, at, from, until } => fill(
            lang.pick(
                "시각: 예약 #{0}은(는) {2}부터 {3} 전까지 사용 시작할 수 있습니다 — {1}은(는) 그 밖입니다",
                "time: booking #{0} can be checked in from {2} until {3} — {1} is outside that",
            ),
            &[booking, at, from, until],
        ),
        Refusal::MachineInUse { equipment, booking: Some(b), who, since, until: None } => fill(
            lang.pick(
                "{0}은(는) 예약 #{1}({2})이(가) {3}부터 사용 중입니다 — 그 예약이 사용 종료한 뒤에 시작하세요",
                "{0} is in use by booking #{1} ({2}) since {3} — check in after it is checked out",
            ),
            &[equipment, b, who, since],
        ),
        Refusal::MachineInUse { equipment, booking: Some(b), who, since, until: Some(until) } => fill(
            lang.pick(
                "{0}은(는) 예약 #{1}({2})이(가) {3}–{4}에 사용했습니다 — 사용 시각은 겹칠 수 없습니다",
                "{0} was in use by booking #{1} ({2}) from {3} to {4} — two uses of a machine cannot overlap",
            ),
            &[equipment, b, who, since, &until],
        ),
        Refusal::MachineInUse { equipment, booking: None, .. } => fill(
            lang.pick(
                "{0}의 다른 사용 시각과 겹칩니다 — 사용 시각은 겹칠 수 없습니다",
                "that overlaps other use of {0} — two uses of a machine cannot overlap",
            ),
            &[equipment],
        ),
        Refusal::NotCorrectable { booking, state } => fill(
            lang.pick(
                "예약 #{0}은(는) {1} 상태라 사용 시각을 정정할 수 없습니다 — 사용 중(시작만)이거나 완료된 예약만 됩니다",
                "booking #{0} is {1}, so its times of use cannot be corrected — only use in progress (its start) or completed use",
            ),
            &[booking, &booking_state(*state, lang)],
        ),
        Refusal::SessionNotStarted { cohort, session, start } => fill(
            lang.pick(
                "회차: {0} {1}회차는 {2}에 시작합니다 — 출석은 시작한 뒤에 기록합니다",
                "session: session {1} of {0} starts {2} — attendance is recorded once it has started",
            ),
            &[cohort, session, start],
        ),
        Refusal::CohortNotOver { cohort, last_start } => fill(
            lang.pick(
                "{0}의 마지막 회차가 {1}에 시작합니다 — 수료 처리는 그 뒤에 합니다",
                "the last session of {0} starts {1} — the cohort can be completed after that",
            ),
            &[cohort, last_start],
        ),
        Refusal::NotEnrolled { person, cohort } => fill(
            lang.pick("인력: {0}은(는) {1}에 등록되어 있지 않습니다", "person: {0} is not enrolled in {1}"),
            &[person, cohort],
        ),
        _ => return None,
    })
}
