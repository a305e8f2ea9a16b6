//! Deposits (보증금): received against a lease, held while its chain runs
//! (an extension carries the deposit over), and at the chain's end offset
//! against the company's unpaid statements, oldest first, and the rest
//! handed back. Held money is never income: nothing here makes a statement
//! line or a tax document. An offset is recorded as a payment (method
//! `other`, noted `보증금 상계 L-0003`) so the statement it settles shows
//! paid, and as a ledger entry naming that payment.

use chrono::NaiveDate;
use serde::Serialize;

use super::Store;
use super::write::json;
use crate::domain::codes::{numbered, parse_numbered};
use crate::domain::deposit::{EntryKind, Ledger, Span, chains, settle as settle_rule};
use crate::domain::time::{date_text, parse_date};
use crate::domain::{Capability, Field, ForField, Invalid, PaymentMethod, Problem, Won, text};
use crate::error::{Refusal, Result};
use crate::store::Sql;
use crate::store::sql::deposit::{self as sql, LeaseRow, NewEntry};
use crate::store::sql::statement::{NewPayment, insert_payment};

/// One lease chain's deposit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Chain {
    /// The chain's leases, first to last (`L-0003`).
    pub leases: Vec<String>,
    pub company: String,
    /// `220-81-62517`.
    pub brn: String,
    pub room: String,
    pub from: NaiveDate,
    /// The last day the company holds the room.
    pub last_day: NaiveDate,
    /// The deposit its last lease was signed with.
    pub agreed: Won,
    #[serde(flatten)]
    pub ledger: Ledger,
    pub held: Won,
}

impl Chain {
    /// The lease entries are written against, and the chain is named by.
    pub fn last_lease(&self) -> &str {
        self.leases.last().map_or("", String::as_str)
    }

    /// Whether the company has left the room by `on`.
    pub fn ended_by(&self, on: NaiveDate) -> bool {
        self.last_day < on
    }
}

/// Every chain of a company's leases (or of all), with what its deposit
/// entries add up to; the leases' rows beside, by id.
fn chains_of(db: Sql<'_>, company_id: Option<i64>) -> Result<Vec<(Chain, Vec<i64>)>> {
    let rows = sql::leases(db, company_id)?;
    let entries = sql::entries(db, company_id)?;
    let spans: Vec<Span> = rows
        .iter()
        .map(|l| Span { lease: l.id, company: l.company_id, room: l.room_id, from: l.from, end: l.end })
        .collect();
    // By lease, so a centre of many thousand leases is read in one pass.
    let by_id: std::collections::HashMap<i64, &LeaseRow> = rows.iter().map(|l| (l.id, l)).collect();
    let mut ledgers: std::collections::HashMap<i64, Ledger> = std::collections::HashMap::new();
    for e in &entries {
        if let Some(kind) = EntryKind::parse(&e.kind) {
            ledgers.entry(e.lease_id).or_default().add(kind, e.amount);
        }
    }
    let mut out = Vec::new();
    for chain in chains(&spans) {
        let (Some(first), Some(last)) =
            (chain.first().and_then(|s| by_id.get(&s.lease)), chain.last().and_then(|s| by_id.get(&s.lease)))
        else {
            continue;
        };
        let ids: Vec<i64> = chain.iter().map(|s| s.lease).collect();
        let mut ledger = Ledger::default();
        for l in ids.iter().filter_map(|id| ledgers.get(id)) {
            ledger.add(EntryKind::Received, l.received);
            ledger.add(EntryKind::Refunded, l.refunded);
            ledger.add(EntryKind::Offset, l.offset);
        }
        out.push((chain_of(first, last, &ids, ledger), ids));
    }
    Ok(out)
}

fn chain_of(first: &LeaseRow, last: &LeaseRow, ids: &[i64], ledger: Ledger) -> Chain {
    Chain {
        leases: ids.iter().map(|id| numbered("L", *id)).collect(),
        company: last.company.clone(),
        brn: super::statement::shown_brn(Some(last.brn.clone())),
        room: last.room.clone(),
        from: first.from,
        last_day: last.end.pred_opt().unwrap_or(last.end),
        agreed: last.agreed,
        held: ledger.held(),
        ledger,
    }
}

/// The chain a lease is in, and the chain's lease ids; refused naming the
/// lease if there is none such.
fn chain_with(db: Sql<'_>, code: &str) -> Result<(Chain, Vec<i64>)> {
    let (id, company) = lease_of(db, code)?;
    chains_of(db, Some(company))?.into_iter().find(|(_, ids)| ids.contains(&id)).ok_or_else(|| not_found(code))
}

fn not_found(code: &str) -> crate::error::Error {
    Invalid::new(Field::Lease, code, Problem::NotFound).into()
}

/// The lease a code names and its company; refused naming the code.
fn lease_of(db: Sql<'_>, code: &str) -> Result<(i64, i64)> {
    let id = parse_numbered("L", code, "L-0001").field(Field::Lease, code)?;
    let company = sql::company_of(db, id)?.ok_or_else(|| not_found(code))?;
    Ok((id, company))
}

/// The chains that hold or were signed with a deposit, of one company (by
/// BRN) or of all: what screen 2 and `kiln deposit list` show.
pub fn list(store: &Store, company: Option<&str>) -> Result<Vec<Chain>> {
    let id = match company {
        Some(c) => Some(super::company::resolve(store.sql(), c, Field::Company)?.id),
        None => None,
    };
    Ok(chains_of(store.sql(), id)?
        .into_iter()
        .map(|(c, _)| c)
        .filter(|c| c.agreed.0 > 0 || c.ledger != Ledger::default())
        .collect())
}

/// The chain a lease is in.
pub fn show(store: &Store, lease: &str) -> Result<Chain> {
    Ok(chain_with(store.sql(), lease.trim())?.0)
}

/// Amount, date and note as typed, read and refused as the other money
/// forms are.
fn read(on: &str, amount: &str, note: &str) -> Result<(NaiveDate, Won, String)> {
    let day = parse_date(on).field(Field::Date, on)?;
    let amount = Won::parse(amount).field(Field::Amount, amount)?;
    if amount == Won::ZERO {
        return Err(Invalid::new(Field::Amount, "0", Problem::OutOfRange { min: 1, max: Won::LIMIT.0 }).into());
    }
    let note = text::clean(note, 200).field(Field::Remark, note)?;
    Ok((day, amount, note))
}

fn not_after_today(day: NaiveDate, raw: &str, today: NaiveDate) -> Result<()> {
    if day > today {
        return Err(Invalid::new(Field::Date, raw, Problem::NotAfter { latest: date_text(today) }).into());
    }
    Ok(())
}

/// Records a deposit received for a lease (admins). Not after today, not
/// after the company has left, and not more than is still to come of the
/// deposit its chain's last lease was signed with (a typo's extra zero).
pub fn receive(store: &mut Store, lease: &str, on: &str, amount: &str, note: &str) -> Result<Chain> {
    let (day, amount, note) = read(on, amount, note)?;
    store.write(Capability::Billing, |w| {
        let (chain, ids) = chain_with(w.sql(), lease.trim())?;
        not_after_today(day, on, w.now().date())?;
        if chain.ended_by(day) {
            return Err(Invalid::new(Field::Date, on, Problem::NotAfter { latest: date_text(chain.last_day) }).into());
        }
        let due = chain.agreed.0 - chain.held.0;
        if due <= 0 {
            return Err(Refusal::DepositInFull { lease: chain.last_lease().to_owned(), agreed: chain.agreed }.into());
        }
        if amount.0 > due {
            return Err(
                Invalid::new(Field::Amount, amount.0.to_string(), Problem::OutOfRange { min: 1, max: due }).into()
            );
        }
        let lease_id = ids.last().copied().unwrap_or_default();
        write_entry(w, lease_id, EntryKind::Received, day, amount, None, &note)?;
        let after = chain_with(w.sql(), chain.last_lease())?.0;
        w.audit("deposit", chain.last_lease(), "receive", Some(json(&chain)), Some(json(&after)))?;
        Ok(after)
    })
}

fn write_entry(
    w: &mut super::Write<'_>,
    lease_id: i64,
    kind: EntryKind,
    on: NaiveDate,
    amount: Won,
    payment_id: Option<i64>,
    note: &str,
) -> Result<i64> {
    let new = NewEntry {
        lease_id,
        kind: kind.code(),
        on,
        amount,
        payment_id,
        note,
        recorded_at: w.now(),
        recorded_by: w.who(),
    };
    sql::insert(w.sql(), &new)
}

/// What settling a chain did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Settled {
    pub chain: Chain,
    /// What was held before.
    pub held: Won,
    /// The statements paid from the deposit, and how much of each.
    pub offsets: Vec<(String, Won)>,
    pub refund: Won,
    /// What stays held (a refund smaller than the rest).
    pub kept: Won,
}

/// Settles a chain's deposit on `on` (admins): from the day after the
/// company's last day in the room, offsets the deposit against its party's
/// statements issued by then and unpaid, oldest due first, then hands back
/// `refund` of the rest, or all of it.
pub fn settle(store: &mut Store, lease: &str, on: &str, refund: Option<&str>, note: &str) -> Result<Settled> {
    let day = parse_date(on).field(Field::Date, on)?;
    let refund = match refund {
        Some(r) => Some(Won::parse(r).field(Field::Refund, r)?),
        None => None,
    };
    let note = text::clean(note, 200).field(Field::Remark, note)?;
    store.write(Capability::Billing, |w| {
        let (chain, ids) = chain_with(w.sql(), lease.trim())?;
        not_after_today(day, on, w.now().date())?;
        if !chain.ended_by(day) {
            let last_day = date_text(chain.last_day);
            return Err(Refusal::DepositStillLeased { lease: chain.last_lease().to_owned(), last_day }.into());
        }
        if chain.held.0 <= 0 {
            return Err(Refusal::NothingHeld { lease: chain.last_lease().to_owned() }.into());
        }
        let company = sql::company_of(w.sql(), ids.last().copied().unwrap_or_default())?;
        let party = match company {
            Some(c) => crate::store::sql::party::of_company(w.sql(), c)?,
            None => None,
        };
        let owed = match party {
            Some(p) => sql::owed(w.sql(), p, day)?,
            None => Vec::new(),
        };
        let keyed: Vec<(usize, Won)> = owed.iter().map(|o| o.outstanding).enumerate().collect();
        let plan = settle_rule(chain.held, &keyed, refund)?;
        let lease_id = ids.last().copied().unwrap_or_default();
        let offset_note = format!("보증금 상계 {}", chain.last_lease());
        let mut offsets = Vec::new();
        for (i, amount) in &plan.offsets {
            let Some(o) = owed.get(*i) else { continue };
            let pay = NewPayment {
                statement_id: o.id,
                paid_on: day,
                amount: *amount,
                method: PaymentMethod::Other.code(),
                note: &offset_note,
                recorded_at: w.now(),
                recorded_by: w.who(),
            };
            let payment = insert_payment(w.sql(), &pay)?;
            write_entry(w, lease_id, EntryKind::Offset, day, *amount, Some(payment), &note)?;
            offsets.push((o.number.clone(), *amount));
        }
        if plan.refund.0 > 0 {
            write_entry(w, lease_id, EntryKind::Refunded, day, plan.refund, None, &note)?;
        }
        let after = chain_with(w.sql(), chain.last_lease())?.0;
        let settled = Settled { held: chain.held, chain: after, offsets, refund: plan.refund, kept: plan.kept };
        w.audit("deposit", settled.chain.last_lease(), "settle", Some(json(&chain)), Some(json(&settled)))?;
        Ok(settled)
    })
}

/// One movement of a chain's deposit, for its settlement sheet and the
/// `deposits` export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Movement {
    pub company: String,
    pub brn: String,
    pub room: String,
    pub lease: String,
    pub on: NaiveDate,
    pub kind: EntryKind,
    /// The statement an offset paid.
    pub statement: Option<String>,
    pub amount: Won,
    /// What the chain held after it.
    pub held: Won,
    pub note: String,
}

/// The movements of the chains of a company (or of all), chain by chain,
/// each in the order recorded.
fn movements_of(db: Sql<'_>, company_id: Option<i64>) -> Result<Vec<(Chain, Vec<Movement>)>> {
    let entries = sql::entries(db, company_id)?;
    let chains = chains_of(db, company_id)?;
    // Each entry to its chain in one pass, keeping the order recorded.
    let chain_at: std::collections::HashMap<i64, usize> =
        chains.iter().enumerate().flat_map(|(i, (_, ids))| ids.iter().map(move |id| (*id, i))).collect();
    let mut of_chain: Vec<Vec<&sql::Entry>> = vec![Vec::new(); chains.len()];
    for e in &entries {
        if let Some(i) = chain_at.get(&e.lease_id) {
            of_chain[*i].push(e);
        }
    }
    let mut out = Vec::new();
    for ((chain, _), mine) in chains.into_iter().zip(of_chain) {
        let mut ledger = Ledger::default();
        let mut moves = Vec::new();
        for e in mine {
            let Some(kind) = EntryKind::parse(&e.kind) else { continue };
            ledger.add(kind, e.amount);
            moves.push(Movement {
                company: chain.company.clone(),
                brn: chain.brn.clone(),
                room: chain.room.clone(),
                lease: numbered("L", e.lease_id),
                on: e.on,
                kind,
                statement: e.statement.clone(),
                amount: e.amount,
                held: ledger.held(),
                note: e.note.clone(),
            });
        }
        out.push((chain, moves));
    }
    Ok(out)
}

/// A chain and every movement of its deposit, in the order recorded.
pub fn movements(store: &Store, lease: &str) -> Result<(Chain, Vec<Movement>)> {
    let lease = lease.trim();
    let (id, company) = lease_of(store.sql(), lease)?;
    let code = numbered("L", id);
    movements_of(store.sql(), Some(company))?
        .into_iter()
        .find(|(c, _)| c.leases.contains(&code))
        .ok_or_else(|| not_found(lease))
}

/// Every movement of every deposit, chain by chain.
pub fn ledger(store: &Store) -> Result<Vec<Movement>> {
    Ok(movements_of(store.sql(), None)?.into_iter().flat_map(|(_, m)| m).collect())
}

/// The chains whose deposit went out beyond what came in, and the offsets
/// whose payments say otherwise: `kiln check`'s rule `deposit`.
pub(crate) fn broken(db: Sql<'_>) -> Result<Vec<(String, Won, Option<String>)>> {
    let mut out: Vec<(String, Won, Option<String>)> = chains_of(db, None)?
        .into_iter()
        .filter(|(c, _)| c.held.0 < 0)
        .map(|(c, _)| (c.last_lease().to_owned(), c.held, None))
        .collect();
    for (lease, amount, statement) in sql::unmatched_offsets(db)? {
        out.push((numbered("L", lease), amount, Some(statement.unwrap_or_default())));
    }
    Ok(out)
}
