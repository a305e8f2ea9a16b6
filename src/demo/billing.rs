//! The demo's last year of statements, each issued on the 5th of the next
//! month, and their payments: most companies pay within the month, a few
//! late, part or not at all, so the arrears report has something in every
//! age bucket.

use chrono::{Datelike, Months, NaiveDate};

use super::rng::Rng;
use crate::db::Store;
use crate::db::statement::{self, PAYMENT_TERM_DAYS};
use crate::domain::statement::month_text;
use crate::domain::time::date_text;
use crate::error::Result;

/// How many finished months are issued.
const MONTHS: u32 = 12;
/// The day of the next month a statement is issued on.
const ISSUE_DAY: u32 = 5;

/// Issues the statements and records payments; returns how many statements.
pub fn statements(store: &mut Store, rng: &mut Rng, today: NaiveDate) -> Result<usize> {
    let Some(this_month) = NaiveDate::from_ymd_opt(today.year(), today.month(), 1) else { return Ok(0) };
    let mut count = 0;
    for back in (1..=MONTHS).rev() {
        let Some(first) = this_month.checked_sub_months(Months::new(back)) else { continue };
        let Some(issued_on) = first.checked_add_months(Months::new(1)).and_then(|d| d.with_day(ISSUE_DAY)) else {
            continue;
        };
        if issued_on > today {
            continue;
        }
        let month = month_text(first.year(), first.month());
        if back == 1 {
            late_check_out_found(store, first)?;
        }
        for s in statement::issue_on(store, &month, None, issued_on)? {
            count += 1;
            let Some(number) = s.number else { continue };
            pay(store, rng, &number, s.totals.total.0, issued_on, today)?;
        }
        // The accountant uploads each month's documents and records their
        // approval numbers, all but last month's, which still wait.
        if back > 1 {
            approve(store, &month, issued_on)?;
        }
    }
    late_log(store, this_month)?;
    Ok(count)
}

/// Before last month is issued, a check-out of the month before is found
/// recorded an hour late (the machine's log shows it), on a company's
/// hour-billed use: the correction reaches last month's statement, and
/// with it a 수정세금계산서 of the earlier one's, waiting like the rest.
fn late_check_out_found(store: &mut Store, last_month: NaiveDate) -> Result<()> {
    use crate::db::booking::{self, BookingFilter};
    use crate::domain::Minute;
    use crate::domain::booking::BookingState;
    let Some(before) = last_month.checked_sub_months(Months::new(1)) else { return Ok(()) };
    let filter = BookingFilter {
        state: Some(BookingState::Completed),
        from: Some(Minute::at(before, 0, 0)),
        to: Some(Minute::at(last_month, 0, 0)),
        ..BookingFilter::default()
    };
    let found = booking::list(store, &filter, crate::db::Page::ALL_FOR_CLI)?.into_iter().find(|b| {
        let hours = matches!((b.actual_start, b.actual_end), (Some(s), Some(e)) if (120..=480).contains(&(e.0 - s.0)));
        b.company_brn.is_some() && b.start.date() >= before && hours && b.voucher.is_none()
    });
    let Some(b) = found else { return Ok(()) };
    let Some(end) = b.actual_end else { return Ok(()) };
    let earlier = Minute(end.0 - 60).to_string();
    booking::correct(store, &b.id.to_string(), None, Some(&earlier), "장비 로그 확인: 실제 종료 1시간 전")?;
    Ok(())
}

/// Records an approval number for every document of `month`, as Hometax
/// numbers them: the issue day, a fixed office part and a serial.
fn approve(store: &mut Store, month: &str, issued_on: NaiveDate) -> Result<()> {
    use crate::db::invoice::{self, Confirmation};
    let day = issued_on.format("%Y%m%d");
    let items: Vec<Confirmation> = invoice::month(store, month)?
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| Confirmation {
            statement: d.statement.clone(),
            kind: d.document.kind.key().to_owned(),
            approval: format!("{day}41000000{:08}", i + 1),
        })
        .collect();
    invoice::confirm(store, month, &items)?;
    Ok(())
}

/// A page of the paper log found after last month was issued: evening
/// sessions for two outside organisations that had nothing else billed
/// that month, recorded now. An admin writes the first off; the second
/// reaches the organisation's next statement as unbilled use of last month.
fn late_log(store: &mut Store, this_month: NaiveDate) -> Result<()> {
    use crate::db::booking::{PastBooking, record};
    use crate::db::party::{PartyFilter, list};
    use crate::domain::booking::BookingState;
    use crate::domain::{Minute, Period};
    let Some(last) = this_month.checked_sub_months(Months::new(1)) else { return Ok(()) };
    let month = month_text(last.year(), last.month());
    // Before the 5th, last month is not issued yet: its drafts bill all.
    let billed: Vec<String> = statement::issued_list(store, Some(&month), None)?.into_iter().map(|s| s.party).collect();
    if billed.is_empty() {
        return Ok(());
    }
    // Members of two organisations that had nothing billed last month.
    let outside = PartyFilter { kind: Some("organisation".into()), ..PartyFilter::default() };
    let people: Vec<(String, String)> = list(store, &outside, crate::db::Page::ALL_FOR_CLI)?
        .into_iter()
        .filter(|p| !billed.contains(&p.code))
        .filter_map(|p| p.members.first().cloned().map(|m| (p.code, m)))
        .take(2)
        .collect();
    let xrd = crate::db::equipment::by_code(store.sql(), "EQ-0001")?;
    for (i, (party, person)) in people.iter().enumerate() {
        // The first free evening hour of the month on the XRD, found before
        // it is written: a refused write would use up a row id on
        // PostgreSQL and the demo would differ between engines.
        let mut free = None;
        for day in 1..28 {
            let Some(d) = last.with_day(day) else { continue };
            let Ok(period) = Period::new(Minute::at(d, 19, 0), Minute::at(d, 20, 0)) else { continue };
            let day = crate::db::booking::BookingFilter {
                equipment: Some(xrd.code.clone()),
                from: Some(Minute::at(d, 0, 0)),
                to: Some(Minute::at(d, 23, 59)),
                ..crate::db::booking::BookingFilter::default()
            };
            let used = crate::db::booking::list(store, &day, crate::db::Page::ALL_FOR_CLI)?.into_iter().any(|b| {
                let ran =
                    b.actual_start.is_some_and(|s| s < period.end()) && b.actual_end.is_none_or(|e| e > period.start());
                ran || (b.state.is_active() && b.start < period.end() && b.end > period.start())
            });
            let held = crate::db::booking::clash_for(store.sql(), xrd.id, &period, xrd.rules.buffer_minutes)?;
            if !used && held.is_none() {
                free = Some(period);
                break;
            }
        }
        let Some(period) = free else { continue };
        let row = PastBooking {
            equipment: xrd.code.clone(),
            person: person.clone(),
            party: party.clone(),
            period,
            state: BookingState::Completed,
            purpose: "야간 측정 (장부 기록)".into(),
            samples: 1,
            actual: Some(period),
        };
        record(store, &[row])?;
        if i == 0 {
            statement::write_off(store, party, &month, "소액 — 청구 실익 없음")?;
        }
    }
    Ok(())
}

fn pay(
    store: &mut Store,
    rng: &mut Rng,
    number: &str,
    total: i64,
    issued_on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    if total <= 0 {
        return Ok(());
    }
    let roll = rng.range(0, 100);
    let (days, amount) = match roll {
        // Late, but in full.
        0..=7 => (rng.range(PAYMENT_TERM_DAYS + 5, PAYMENT_TERM_DAYS + 60), total),
        // Part now, the rest still owed.
        8..=11 => (rng.range(10, PAYMENT_TERM_DAYS), total / 2),
        // Nothing yet.
        12..=15 => return Ok(()),
        _ => (rng.range(3, PAYMENT_TERM_DAYS), total),
    };
    let on = issued_on + chrono::Duration::days(days);
    if on > today || amount <= 0 {
        return Ok(());
    }
    let method = if rng.chance(85) { "transfer" } else { "card" };
    statement::pay(store, number, &date_text(on), &amount.to_string(), method, "")?;
    Ok(())
}
