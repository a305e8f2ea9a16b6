//! Deposits (보증금): held money, never income. A deposit belongs to a lease
//! chain — one company in one room, each lease starting the day the one
//! before ended — so an extension carries it over; at the chain's end it
//! is offset against the company's unpaid statements, oldest first, and the
//! rest handed back.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Field, Invalid, Problem, Won};

/// What happened to deposit money.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Received,
    Refunded,
    /// Set against an unpaid statement (상계).
    Offset,
}

impl EntryKind {
    pub const ALL: [EntryKind; 3] = [EntryKind::Received, EntryKind::Refunded, EntryKind::Offset];

    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Received => "received",
            EntryKind::Refunded => "refunded",
            EntryKind::Offset => "offset",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// A lease as a chain sees it: whose, which room, and the days it runs
/// (`end` is the first day after: the day an extension starts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub lease: i64,
    pub company: i64,
    pub room: i64,
    pub from: NaiveDate,
    pub end: NaiveDate,
}

/// The leases in chains: each chain's leases first to last, chains by
/// company, room and start. A lease continues a chain when it is the same
/// company's, in the same room, and starts the day the chain's last lease
/// ended; a gap of a day starts a new chain.
pub fn chains(spans: &[Span]) -> Vec<Vec<Span>> {
    let mut sorted = spans.to_vec();
    sorted.sort_by_key(|s| (s.company, s.room, s.from, s.lease));
    let mut out: Vec<Vec<Span>> = Vec::new();
    for s in sorted {
        match out.last_mut() {
            Some(chain)
                if chain.last().is_some_and(|l| l.company == s.company && l.room == s.room && l.end == s.from) =>
            {
                chain.push(s);
            }
            _ => out.push(vec![s]),
        }
    }
    out
}

/// A chain's deposit money, by what happened to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Ledger {
    pub received: Won,
    pub refunded: Won,
    pub offset: Won,
}

impl Ledger {
    pub fn add(&mut self, kind: EntryKind, amount: Won) {
        let slot = match kind {
            EntryKind::Received => &mut self.received,
            EntryKind::Refunded => &mut self.refunded,
            EntryKind::Offset => &mut self.offset,
        };
        *slot = Won(slot.0.saturating_add(amount.0));
    }

    /// What the centre holds: received less handed back and offset.
    pub fn held(&self) -> Won {
        Won(self.received.0 - self.refunded.0 - self.offset.0)
    }
}

/// What settling a chain's deposit does: the statements it pays (by their
/// key, the amount set against each), what it hands back, and what stays
/// held (when less than the rest is refunded, say for damage still being
/// assessed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Settlement<K> {
    pub offsets: Vec<(K, Won)>,
    pub refund: Won,
    pub kept: Won,
}

/// Settles `held` against what is owed, oldest first (`owed` in that
/// order), then refunds `refund` of what is left, or all of it. A refund
/// above what is left after the offsets is refused, naming the most that
/// can be handed back.
pub fn settle<K: Clone>(held: Won, owed: &[(K, Won)], refund: Option<Won>) -> Result<Settlement<K>, Invalid> {
    let mut left = held.0.max(0);
    let mut offsets = Vec::new();
    for (key, amount) in owed {
        if left == 0 {
            break;
        }
        let take = amount.0.min(left);
        if take > 0 {
            offsets.push((key.clone(), Won(take)));
            left -= take;
        }
    }
    let refund = match refund {
        None => left,
        Some(r) if r.0 >= 0 && r.0 <= left => r.0,
        Some(r) => return Err(Invalid::new(Field::Refund, r.0.to_string(), Problem::OutOfRange { min: 0, max: left })),
    };
    Ok(Settlement { offsets, refund: Won(refund), kept: Won(left - refund) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn span(lease: i64, company: i64, room: i64, from: NaiveDate, end: NaiveDate) -> Span {
        Span { lease, company, room, from, end }
    }

    #[test]
    fn an_extension_continues_the_chain_and_a_gap_or_another_room_does_not() {
        let spans = [
            span(3, 1, 10, d(7, 1), d(12, 1)),
            span(1, 1, 10, d(1, 1), d(7, 1)),
            span(4, 1, 10, d(12, 2), d(12, 31)),
            span(5, 1, 11, d(12, 1), d(12, 31)),
            span(6, 2, 10, d(12, 31), d(12, 31).succ_opt().unwrap()),
        ];
        let leases: Vec<Vec<i64>> = chains(&spans).iter().map(|c| c.iter().map(|s| s.lease).collect()).collect();
        assert_eq!(leases, vec![vec![1, 3], vec![4], vec![5], vec![6]]);
    }

    #[test]
    fn arrears_are_offset_oldest_first_and_the_rest_refunded() {
        let owed = [("2026-10-0001", Won(300_000)), ("2026-11-0001", Won(500_000))];
        let s = settle(Won(600_000), &owed, None).unwrap();
        assert_eq!(s.offsets, vec![("2026-10-0001", Won(300_000)), ("2026-11-0001", Won(300_000))]);
        assert_eq!((s.refund, s.kept), (Won(0), Won(0)));
        let s = settle(Won(1_000_000), &owed, None).unwrap();
        assert_eq!((s.offsets.len(), s.refund, s.kept), (2, Won(200_000), Won(0)));
        let s = settle(Won(1_000_000), &owed, Some(Won(150_000))).unwrap();
        assert_eq!((s.refund, s.kept), (Won(150_000), Won(50_000)));
    }

    #[test]
    fn a_refund_above_what_is_left_is_refused_naming_the_most() {
        let e = settle(Won(1_000_000), &[("a", Won(300_000))], Some(Won(800_000))).unwrap_err();
        assert_eq!(e.field, Field::Refund);
        assert_eq!(e.problem, Problem::OutOfRange { min: 0, max: 700_000 });
        assert!(settle::<&str>(Won(0), &[], Some(Won(1))).is_err());
    }

    #[test]
    fn the_ledger_holds_what_was_received_less_what_went_out() {
        let mut l = Ledger::default();
        l.add(EntryKind::Received, Won(5_000_000));
        l.add(EntryKind::Offset, Won(800_000));
        l.add(EntryKind::Refunded, Won(4_000_000));
        assert_eq!(l.held(), Won(200_000));
        assert_eq!(EntryKind::parse("offset"), Some(EntryKind::Offset));
        assert_eq!(EntryKind::parse("kept"), None);
    }

    proptest! {
        /// Whatever is owed, a settlement pays out exactly what is held,
        /// never more than a statement owes, and an older statement is
        /// paid in full before a newer one gets anything.
        #[test]
        fn a_settlement_pays_out_what_is_held(held in 0i64..10_000_000, owed in prop::collection::vec(1i64..3_000_000, 0..6)) {
            let owed: Vec<(usize, Won)> = owed.into_iter().map(Won).enumerate().collect();
            let s = settle(Won(held), &owed, None).unwrap();
            let offset: i64 = s.offsets.iter().map(|(_, w)| w.0).sum();
            prop_assert_eq!(offset + s.refund.0 + s.kept.0, held);
            prop_assert_eq!(s.kept, Won(0));
            for (i, (k, w)) in s.offsets.iter().enumerate() {
                prop_assert_eq!(*k, i);
                prop_assert!(w.0 <= owed[i].1.0);
                if i + 1 < s.offsets.len() {
                    prop_assert_eq!(*w, owed[i].1);
                }
            }
            let total: i64 = owed.iter().map(|(_, w)| w.0).sum();
            prop_assert_eq!(offset, held.min(total));
        }

        /// Chains never mix companies or rooms, and within one each lease
        /// starts the day the one before ended.
        #[test]
        fn chains_touch_end_to_start(starts in prop::collection::vec((0i64..2, 0i64..2, 0i64..40, 1i64..20), 0..12)) {
            let base = d(1, 1);
            let spans: Vec<Span> = starts.iter().enumerate().map(|(i, (c, r, off, len))| {
                let from = base + chrono::Days::new(*off as u64);
                span(i as i64, *c, *r, from, from + chrono::Days::new(*len as u64))
            }).collect();
            let cs = chains(&spans);
            prop_assert_eq!(cs.iter().map(Vec::len).sum::<usize>(), spans.len());
            for c in &cs {
                for w in c.windows(2) {
                    prop_assert_eq!((w[0].company, w[0].room, w[0].end), (w[1].company, w[1].room, w[1].from));
                }
            }
        }
    }
}
