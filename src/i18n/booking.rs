//! How booking refusals read: which rule, and what would be accepted.

use super::labels::booking_state;
use super::{Lang, fill};
use crate::domain::Period;
use crate::domain::booking::{BookingState, RuleBreak, Transition};
use crate::domain::period::shown;
use crate::error::Clash;

/// `2.5` hours from minutes.
pub fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 { (minutes / 60).to_string() } else { format!("{:.1}", minutes as f64 / 60.0) }
}

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

pub fn rule_break(r: &RuleBreak, lang: Lang) -> String {
    match r {
        RuleBreak::Past => lang
            .pick(
                "시작: 이미 지난 시각입니다 — 앞으로의 시각을 고르세요",
                "from: that time has passed — choose a time ahead",
            )
            .into(),
        RuleBreak::Notice { minutes, earliest } => fill(
            lang.pick(
                "시작: 이 장비는 {0}분 전까지 신청해야 합니다 — {1} 이후로 고르세요",
                "from: this machine needs {0} minutes' notice — start at {1} or later",
            ),
            &[minutes, earliest],
        ),
        RuleBreak::Horizon { days, latest } => fill(
            lang.pick(
                "시작: {0}일 뒤까지만 예약할 수 있습니다 — {1}까지 고르세요",
                "from: bookings open {0} days ahead — start by {1}",
            ),
            &[days, latest],
        ),
        RuleBreak::Granularity { slot } => fill(
            lang.pick(
                "시작·끝: {0}분 단위로 예약합니다 (예: 09:00, 09:30)",
                "from/to: bookings go in steps of {0} minutes (e.g. 09:00, 09:30)",
            ),
            &[slot],
        ),
        RuleBreak::TooShort { min } => {
            fill(lang.pick("끝: 최소 {0}분은 예약해야 합니다", "to: book at least {0} minutes"), &[min])
        }
        RuleBreak::TooLong { max } => fill(
            lang.pick("끝: 한 번에 {0}분까지 예약할 수 있습니다", "to: book at most {0} minutes at a time"),
            &[max],
        ),
        RuleBreak::OutsideHours { date, hours: Some((open, close)) } => fill(
            lang.pick("시작·끝: {0}은(는) {1}–{2}에만 운영합니다", "from/to: on {0} the machine runs {1}–{2} only"),
            &[date, &hhmm(*open), &hhmm(*close)],
        ),
        RuleBreak::OutsideHours { date, hours: None } => {
            fill(lang.pick("시작·끝: {0}에는 운영하지 않습니다", "from/to: the machine does not run on {0}"), &[date])
        }
        RuleBreak::Closed { date, name } => fill(
            lang.pick(
                "시작·끝: {0}은(는) {1}(으)로 예약할 수 없습니다",
                "from/to: {0} is a holiday ({1}) and not bookable",
            ),
            &[date, name],
        ),
    }
}

pub fn clash(c: &Clash, free: Option<&Period>, lang: Lang) -> String {
    let with = if let Some(id) = c.booking {
        fill(lang.pick("예약 #{0}({1}, {2})", "booking #{0} ({1}, {2})"), &[&id, &c.who, &shown(c.start, c.end)])
    } else {
        let reason = crate::domain::DowntimeReason::parse(&c.who)
            .map_or(c.who.as_str(), |r| super::labels::downtime_reason(r, lang));
        fill(lang.pick("장비 중단({0}, {1})", "downtime ({0}, {1})"), &[&reason, &shown(c.start, c.end)])
    };
    let mut text = fill(lang.pick("시간이 {0}과(와) 겹칩니다", "the time overlaps {0}"), &[&with]);
    if let Some(free) = free {
        text.push_str(&fill(lang.pick(" — 가장 가까운 빈 시간: {0}", " — nearest free slot: {0}"), &[&free.text()]));
    }
    text
}

pub fn transition(booking: i64, state: BookingState, action: Transition, lang: Lang) -> String {
    let verb = match action {
        Transition::Approve => lang.pick("승인할", "approve"),
        Transition::Reject => lang.pick("반려할", "reject"),
        Transition::Cancel => lang.pick("취소할", "cancel"),
        Transition::CheckIn => lang.pick("사용 시작할", "check in"),
        Transition::CheckOut => lang.pick("사용 종료할", "check out"),
        Transition::NoShow => lang.pick("노쇼 처리할", "mark as no-show"),
        Transition::Revert => lang.pick("노쇼를 되돌릴", "take back the no-show of"),
    };
    fill(
        lang.pick("예약 #{0}은(는) {1} 상태라 {2} 수 없습니다", "booking #{0} is {1}, so you cannot {2} it"),
        &[&booking, &booking_state(state, lang), &verb],
    )
}
