//! What a billing party owes for a month, computed from its company's
//! leases and its bookings as they stand now, plus corrections of the
//! months already issued: a statement of its own whose month has changed
//! since, or use of a month issued to others that it had no statement for
//! (carried here unless an admin wrote it off).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::domain::lease::{charge_for_month, month_period, month_start};
use crate::domain::statement::{Line, LineKind, LineTerms, Tax, Unit, month_text};
use crate::domain::{Minute, Period, Won};
use crate::error::Result;
use crate::store::Sql;
use crate::store::sql::statement::draft::{self as sql, Billed, LeaseRow, Overdue, Penalty, Use};

/// A lease's code, room, period and monthly rent and fee.
type LeaseTerms = (String, String, Period<NaiveDate>, Won, Won);

fn leases(db: Sql<'_>, party_id: i64, month: &Period<NaiveDate>) -> Result<Vec<LeaseTerms>> {
    Ok(sql::leases(db, party_id, month)?.into_iter().filter_map(lease_terms).collect())
}

/// A lease row as billed; `None` for a period that does not read (the
/// schema's checks keep them out).
fn lease_terms(l: LeaseRow) -> Option<LeaseTerms> {
    let period = Period::new(l.from, l.end).ok()?;
    Some((crate::domain::codes::numbered("L", l.id), l.room, period, l.rent, l.fee))
}

fn md(d: NaiveDate) -> String {
    d.format("%m/%d").to_string()
}

fn usage(db: Sql<'_>, party_id: i64, span: &Period<NaiveDate>) -> Result<Vec<Use>> {
    sql::usage(db, party_id, midnight(span.start()), midnight(span.end()))
}

fn penalties(db: Sql<'_>, party_id: i64, span: &Period<NaiveDate>) -> Result<Vec<Penalty>> {
    sql::penalties(db, party_id, midnight(span.start()), midnight(span.end()))
}

/// `11-26 13:00–15:00`, or with the end's date when it is another day
/// (firings run for days).
pub(super) fn when(start: Minute, end: Option<Minute>) -> String {
    let at = |m: Minute, shape: &str| m.to_datetime().format(shape).to_string();
    let until = match end {
        Some(e) if e.date() == start.date() => at(e, "%H:%M"),
        Some(e) => at(e, "%m-%d %H:%M"),
        None => String::new(),
    };
    format!("{}–{until}", at(start, "%m-%d %H:%M"))
}

/// What a party's draft is made of. Read for one party (a statement shown
/// or issued) or for every party at once (the month's list, in a few
/// queries instead of a few per party), and turned into lines by the same
/// code either way.
#[derive(Default)]
pub(super) struct Inputs {
    /// Leases overlapping the months from the first month issued (or this
    /// month, if none) to this one, by room code and start.
    leases: Vec<LeaseTerms>,
    /// This month's completed bookings, by start.
    uses: Vec<Use>,
    /// This month's late cancellations and no-shows, by start.
    penalties: Vec<Penalty>,
    /// Statements long unpaid, to surcharge, and the surcharge's share.
    overdue: Vec<Overdue>,
    surcharge: crate::domain::Percent,
    /// Statements issued for earlier months, by month, with their rent,
    /// fee and use as issued.
    issued: Vec<Billed>,
    /// What its bookings were billed by month (its first day), over those
    /// months.
    used: HashMap<NaiveDate, Won>,
    /// Corrections issued so far, by what they corrected: the number of a
    /// statement, or a month (`2026-10`) whose use was carried.
    corrected: HashMap<String, Won>,
    /// What was written off, by month.
    written_off: HashMap<NaiveDate, Won>,
    /// Course fees charged or refunded by the month's end and not billed yet.
    fees: Vec<super::course_fee::Event>,
    /// The shares the programmes it pays paid of others' use this month,
    /// by start.
    funded: Vec<super::funded::Funded>,
}

/// The months already issued (to anyone) before the month drafted, first
/// first: the months whose changes reach the draft as corrections.
pub(super) type Closed = [NaiveDate];

/// Adds `sum` to what was billed for use in `month`.
fn add_used(used: &mut HashMap<NaiveDate, Won>, month: NaiveDate, sum: Won) {
    let at = used.entry(month).or_insert(Won::ZERO);
    *at = Won(at.0 + sum.0);
}

/// The first minute of `d`, where bookings' starts are compared.
fn midnight(d: NaiveDate) -> Minute {
    Minute::at(d, 0, 0)
}

/// The `(year, month)` of a month's first day.
fn ym(first: NaiveDate) -> (i32, u32) {
    (first.year(), first.month())
}

fn span_of(first: (i32, u32), year: i32, month: u32) -> Option<Period<NaiveDate>> {
    let start = month_start(first.0, first.1)?;
    let end = month_period(year, month)?.end();
    Period::new(start, end).ok()
}

/// The surcharge's share, and the day before which a statement's due date
/// makes it surchargeable on the statement of the month `this` (its
/// `arrears-surcharge-months` before the month's end); `None` when off.
fn surcharge_terms(db: Sql<'_>, this: &Period<NaiveDate>) -> Result<Option<(crate::domain::Percent, NaiveDate)>> {
    use crate::domain::setting::SettingKey;
    let months = crate::db::setting::value(db, SettingKey::ArrearsSurchargeMonths, None)?;
    let Some(months) = u32::try_from(months).ok().filter(|m| *m > 0) else { return Ok(None) };
    let share = crate::db::setting::value(db, SettingKey::ArrearsSurchargeShare, None)?;
    let Ok(share) = crate::domain::Percent::from_bp(share.saturating_mul(100)) else { return Ok(None) };
    Ok(this.end().checked_sub_months(chrono::Months::new(months)).map(|before| (share, before)))
}

/// The months issued before the month `(year, month)`.
pub(super) fn closed(db: Sql<'_>, year: i32, month: u32) -> Result<Vec<NaiveDate>> {
    match month_start(year, month) {
        Some(first) => sql::closed(db, first),
        None => Ok(Vec::new()),
    }
}

/// The inputs of one party's statement for a month, the months issued
/// before it being `closed`.
pub(super) fn inputs(db: Sql<'_>, party_id: i64, year: i32, month: u32, closed: &Closed) -> Result<Inputs> {
    let Some(this) = month_period(year, month) else { return Ok(Inputs::default()) };
    let mut overdue = Vec::new();
    let terms = surcharge_terms(db, &this)?;
    if let Some((_, before)) = terms {
        sql::overdue(db, Some(party_id), before, |_, o| {
            overdue.push(o);
            Ok(())
        })?;
    }
    let first = closed.first().map_or((year, month), |m| ym(*m));
    let span = span_of(first, year, month).unwrap_or(this);
    let mut out = Inputs {
        leases: leases(db, party_id, &span)?,
        uses: usage(db, party_id, &this)?,
        penalties: penalties(db, party_id, &this)?,
        overdue,
        surcharge: terms.map_or(crate::domain::Percent::ZERO, |t| t.0),
        fees: super::course_fee::unbilled(db, Some(party_id), midnight(this.end()))?,
        funded: super::funded::of(db, party_id, midnight(this.start()), midnight(this.end()))?,
        ..Inputs::default()
    };
    // Read even with no month issued before: they tell whether this month
    // was settled by a later statement.
    out.corrected = sql::corrected(db, party_id)?;
    sql::written_off(db, Some(party_id), |_, m, amount| {
        out.written_off.insert(m, amount);
        Ok(())
    })?;
    if !closed.is_empty() {
        out.issued = sql::billed(db, party_id, this.start())?;
        let (from, until) = (midnight(span.start()), midnight(this.start()));
        out.used = sql::used(db, party_id, from, until)?;
        // A party may both use the machines and pay a programme's shares.
        for (month, share) in crate::store::sql::statement::funded::used(db, party_id, from, until)? {
            add_used(&mut out.used, month, share);
        }
    }
    Ok(out)
}

/// The inputs of every party that has any for the month: a lease in it or
/// in a month issued before, use in it or in a month issued before, or a
/// statement issued before it; and the months issued before it. Parties
/// without any have nothing to bill.
pub(super) fn all_inputs(db: Sql<'_>, year: i32, month: u32) -> Result<(HashMap<i64, Inputs>, Vec<NaiveDate>)> {
    let Some(this) = month_period(year, month) else { return Ok((HashMap::new(), Vec::new())) };
    let mut out: HashMap<i64, Inputs> = HashMap::new();
    let mut closed = std::collections::BTreeSet::new();
    for (party, billed) in sql::all_billed(db, this.start())? {
        closed.insert(billed.month);
        out.entry(party).or_default().issued.push(billed);
    }
    let closed: Vec<NaiveDate> = closed.into_iter().collect();
    let first = closed.first().map_or((year, month), |m| ym(*m));
    let span = span_of(first, year, month).unwrap_or(this);
    sql::all_leases(db, &span, |party, row| {
        if let Some(terms) = lease_terms(row) {
            out.entry(party).or_default().leases.push(terms);
        }
        Ok(())
    })?;
    sql::all_usage(db, midnight(this.start()), midnight(this.end()), |party, used| {
        out.entry(party).or_default().uses.push(used);
        Ok(())
    })?;
    sql::all_penalties(db, midnight(this.start()), midnight(this.end()), |party, p| {
        out.entry(party).or_default().penalties.push(p);
        Ok(())
    })?;
    for fee in super::course_fee::unbilled(db, None, midnight(this.end()))? {
        out.entry(fee.party_id).or_default().fees.push(fee);
    }
    crate::store::sql::statement::funded::all(db, midnight(this.start()), midnight(this.end()), |payer, share| {
        out.entry(payer).or_default().funded.push(share);
        Ok(())
    })?;
    if let Some((share, before)) = surcharge_terms(db, &this)? {
        sql::overdue(db, None, before, |party, o| {
            let i = out.entry(party).or_default();
            i.surcharge = share;
            i.overdue.push(o);
            Ok(())
        })?;
    }
    if let Some(from) = closed.first() {
        sql::all_used(db, *from, this.start(), |party, m, sum| {
            add_used(&mut out.entry(party).or_default().used, m, sum);
            Ok(())
        })?;
        let span = (midnight(*from), midnight(this.start()));
        crate::store::sql::statement::funded::by_month(db, None, span, |payer, m, sum| {
            add_used(&mut out.entry(payer).or_default().used, m, sum);
            Ok(())
        })?;
    }
    // Read even with no month issued before: they tell whether this month
    // was settled by a later statement.
    sql::all_corrected(db, |party, source, sum| {
        if let Some(i) = out.get_mut(&party) {
            i.corrected.insert(source, sum);
        }
        Ok(())
    })?;
    sql::written_off(db, None, |party, m, amount| {
        if let Some(i) = out.get_mut(&party) {
            i.written_off.insert(m, amount);
        }
        Ok(())
    })?;
    Ok((out, closed))
}

/// The rent, fee and usage lines of `party_id` for a month. Use is billed
/// in the month its booking started.
pub(crate) fn base_lines(db: Sql<'_>, party_id: i64, year: i32, month: u32) -> Result<Vec<Line>> {
    let Some(this) = month_period(year, month) else { return Ok(Vec::new()) };
    let inputs = Inputs {
        leases: leases(db, party_id, &this)?,
        uses: usage(db, party_id, &this)?,
        penalties: penalties(db, party_id, &this)?,
        ..Inputs::default()
    };
    Ok(base_from(&inputs, year, month))
}

fn base_from(inputs: &Inputs, year: i32, month: u32) -> Vec<Line> {
    let Some(span) = month_period(year, month) else { return Vec::new() };
    let mut lines = Vec::new();
    for (code, room, period, rent, fee) in &inputs.leases {
        let Some(covered) = period.intersection(&span) else { continue };
        let full = covered == span;
        let (quantity, unit) = if full { (1.0, Unit::Month) } else { (covered.days() as f64, Unit::Day) };
        let last = covered.end().pred_opt().unwrap_or(covered.end());
        let detail = format!("{}–{}", md(covered.start()), md(last));
        for (kind, monthly) in [(LineKind::Rent, *rent), (LineKind::Fee, *fee)] {
            let amount = charge_for_month(period, monthly, year, month);
            if amount != Won::ZERO {
                let (subject, detail, source) = (room.clone(), detail.clone(), code.clone());
                let terms = LineTerms::default();
                lines.push(Line {
                    kind,
                    subject,
                    detail,
                    quantity,
                    unit,
                    unit_price: Some(monthly),
                    amount,
                    source,
                    terms,
                });
            }
        }
    }
    for u in &inputs.uses {
        let (quantity, unit) = measured(u);
        let detail = when(u.start, u.end);
        // What a voucher programme paid is not the party's to pay: the
        // line bills the rest, and names the programme and its share.
        let paid = u.voucher.as_ref().map_or(Won::ZERO, |(_, share)| *share);
        let terms = LineTerms {
            project: u.project.clone(),
            nfec: u.nfec.clone(),
            voucher: u.voucher.as_ref().map(|(code, _)| code.clone()),
            voucher_share: paid,
            tax: Tax::Taxable,
            enrolment: None,
            paid_for: None,
        };
        lines.push(Line {
            kind: LineKind::Usage,
            subject: format!("{} {}", u.code, u.name),
            detail,
            quantity,
            unit,
            unit_price: u.rate,
            amount: Won(u.charge.unwrap_or(Won::ZERO).0 - paid.0),
            source: u.id.to_string(),
            terms,
        });
    }
    for p in &inputs.penalties {
        let (quantity, unit) = if p.billing_unit == "sample" {
            (p.samples as f64, Unit::Sample)
        } else {
            ((p.end.0 - p.start.0) as f64 / 60.0, Unit::Hour)
        };
        lines.push(Line {
            kind: if p.no_show { LineKind::NoShow } else { LineKind::LateCancel },
            subject: format!("{} {}", p.code, p.name),
            detail: when(p.start, Some(p.end)),
            quantity,
            unit,
            unit_price: p.rate,
            amount: p.amount,
            source: p.id.to_string(),
            // A programme never pays a penalty.
            terms: LineTerms { project: p.project.clone(), nfec: p.nfec.clone(), ..LineTerms::default() },
        });
    }
    lines
}

/// A use's quantity as billed: samples, or hours of the minutes billed.
pub(super) fn measured(u: &Use) -> (f64, Unit) {
    if u.billing_unit == "sample" {
        (u.samples.unwrap_or(0) as f64, Unit::Sample)
    } else {
        (u.minutes.unwrap_or(0) as f64 / 60.0, Unit::Hour)
    }
}

/// What a party owes for an issued month that it has not been billed yet:
/// what the month comes to now, less what its own statement for it billed
/// (if it had one), the corrections issued since and what was written off.
/// The statement number corrected, or `None` for use carried from a month
/// it had no statement for, and the amount.
pub(super) fn unbilled(inputs: &Inputs, month: NaiveDate) -> (Option<&str>, Won) {
    let (y, mo) = ym(month);
    let rent: i64 = inputs
        .leases
        .iter()
        .map(|(_, _, period, rent, fee)| {
            charge_for_month(period, *rent, y, mo).0 + charge_for_month(period, *fee, y, mo).0
        })
        .sum();
    let now = rent + inputs.used.get(&month).map_or(0, |w| w.0);
    let billed = inputs.issued.iter().find(|b| b.month == month);
    // Most parties used nothing in most months and were never corrected:
    // nothing to look up (the months are asked of every party, every time).
    if now == 0 && billed.is_none() && inputs.corrected.is_empty() && inputs.written_off.is_empty() {
        return (None, Won::ZERO);
    }
    let written = inputs.written_off.get(&month).map_or(0, |w| w.0);
    let corrected = |source: &str| inputs.corrected.get(source).map_or(0, |w| w.0);
    match billed {
        Some(b) => (Some(&b.number), Won(now - b.base.0 - corrected(&b.number) - written)),
        None => (None, Won(now - corrected(&month_text(y, mo)) - written)),
    }
}

/// Whether the party's use of `month` was carried to a later statement or
/// written off: its own statement for the month is then never drafted, and
/// what changes in the month reaches the next statement instead.
pub(super) fn settled_later(inputs: &Inputs, year: i32, month: u32) -> bool {
    let settled = month_start(year, month).is_some_and(|m| inputs.written_off.contains_key(&m));
    settled || (!inputs.corrected.is_empty() && inputs.corrected.contains_key(&month_text(year, month)))
}

/// Corrections of the months issued before the month drafted: a line for
/// each month whose [`unbilled`] amount is not zero, naming the statement
/// corrected or (with an empty subject) the month carried.
fn adjustments_from(inputs: &Inputs, closed: &Closed) -> Vec<Line> {
    let mut out = Vec::new();
    for month in closed {
        let (number, amount) = unbilled(inputs, *month);
        if amount == Won::ZERO {
            continue;
        }
        let (y, mo) = ym(*month);
        let source = number.map_or_else(|| month_text(y, mo), str::to_owned);
        out.push(Line {
            kind: LineKind::Adjustment,
            subject: number.map(str::to_owned).unwrap_or_default(),
            detail: month_text(y, mo),
            quantity: 1.0,
            unit: Unit::Lump,
            unit_price: None,
            amount,
            source,
            terms: LineTerms::default(),
        });
    }
    out
}

/// The surcharges of statements long unpaid: a share of what is unpaid,
/// once per statement.
fn surcharges_from(inputs: &Inputs) -> Vec<Line> {
    inputs
        .overdue
        .iter()
        .map(|o| (o, inputs.surcharge.of(o.outstanding)))
        .filter(|(_, amount)| *amount > Won::ZERO)
        .map(|(o, amount)| Line {
            kind: LineKind::Surcharge,
            subject: o.number.clone(),
            detail: crate::domain::time::date_text(o.due),
            quantity: 1.0,
            unit: Unit::Lump,
            unit_price: Some(o.outstanding),
            amount,
            source: o.number.clone(),
            terms: LineTerms::default(),
        })
        .collect()
}

/// Every line a statement for the month would hold now, from its inputs;
/// none when the month was settled by a later statement.
pub(super) fn lines_from(inputs: &Inputs, closed: &Closed, year: i32, month: u32) -> Vec<Line> {
    if settled_later(inputs, year, month) {
        return Vec::new();
    }
    let mut lines = base_from(inputs, year, month);
    lines.extend(super::funded::lines(&inputs.funded));
    lines.extend(super::course_fee::lines(&inputs.fees));
    lines.extend(adjustments_from(inputs, closed));
    lines.extend(surcharges_from(inputs));
    lines
}

/// Every line a statement for `party_id` and the month would hold now.
pub(crate) fn lines(db: Sql<'_>, party_id: i64, year: i32, month: u32) -> Result<Vec<Line>> {
    let closed = closed(db, year, month)?;
    Ok(lines_from(&inputs(db, party_id, year, month, &closed)?, &closed, year, month))
}
