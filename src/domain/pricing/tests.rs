use proptest::prelude::*;

use super::*;
use crate::domain::booking::billable_minutes;
use crate::domain::time::Minute;
use crate::domain::{Period, Problem};

fn pct(bp: i64) -> Percent {
    Percent::from_bp(bp).unwrap()
}

/// Per hour at `rate`, rounded to 30 minutes, billed as used, cancelling free
/// from 24 hours' notice, 50 % for a later cancellation, 100 % for a no-show.
fn tariff(rate: i64) -> Tariff {
    Tariff {
        unit: BillingUnit::Hour,
        rate: Won(rate),
        minimum: Won::ZERO,
        operator_rate: Won::ZERO,
        rounding_minutes: 30,
        operator_rounding_minutes: 30,
        billed_time: BilledTime::Used,
        free_cancel_minutes: 24 * 60,
        late_cancel_share: pct(5_000),
        no_show_share: Percent::ALL,
        tiers: Vec::new(),
    }
}

fn input(tariff: Tariff, outcome: Outcome) -> PriceInput {
    PriceInput { tariff, outcome, quarter_minutes_before: 0, consumables: Vec::new(), voucher: None }
}

fn used(minutes: i64) -> Outcome {
    Outcome::Used { booked: minutes, used: minutes, samples: 0, assisted: 0 }
}

/// (kind, amount, voucher, party) of each line.
fn amounts(p: &Priced) -> Vec<(LineKind, i64, i64, i64)> {
    p.lines.iter().map(|l| (l.kind, l.amount.0, l.voucher.0, l.party.0)).collect()
}

#[test]
fn an_sme_with_a_voucher_worked_by_hand() {
    // The SME class has 20 % off the base rate of a 50,000 won/h machine
    // with no rate of its own for the class: 50,000 − 20 % × 50,000 = 40,000 won/h.
    let rate = class_rate(Won(50_000), None, pct(2_000));
    assert_eq!(rate, Won(40_000));
    let t = Tariff { minimum: Won(30_000), operator_rate: Won(30_000), ..tariff(rate.0) };
    let p = price(&PriceInput {
        outcome: Outcome::Used { booked: 150, used: 150, samples: 0, assisted: 60 },
        consumables: vec![ConsumableUse { code: "AL2O3-CRUCIBLE".into(), unit_price: Won(12_500), quantity: 2 }],
        voucher: Some(VoucherTerms { share: pct(7_000), remaining: Won(40_000) }),
        ..input(t, used(0))
    })
    .unwrap();
    // Use:        150 min (on the 30-minute grid) × 40,000 / 60 = 100,000 (over the 30,000 minimum)
    //             voucher 70 % × 100,000 = 70,000, but only 40,000 remain → 40,000; party 60,000
    // Operator:   60 min × 30,000 / 60 = 30,000; the voucher is spent → party 30,000
    // Consumable: 2 × 12,500 = 25,000 → party 25,000
    // Total 155,000 = voucher 40,000 + party 115,000.
    assert_eq!(
        amounts(&p),
        vec![
            (LineKind::Use, 100_000, 40_000, 60_000),
            (LineKind::OperatorSurcharge, 30_000, 0, 30_000),
            (LineKind::Consumable, 25_000, 0, 25_000),
        ]
    );
    assert_eq!((p.total, p.voucher, p.party), (Won(155_000), Won(40_000), Won(115_000)));
    assert_eq!((p.lines[0].quantity, p.lines[0].unit_price, p.lines[0].gross), (150, Won(40_000), Won(100_000)));
    assert_eq!((p.lines[1].quantity, p.lines[1].unit_price), (60, Won(30_000)));
    assert_eq!(p.lines[2].code.as_deref(), Some("AL2O3-CRUCIBLE"));
    assert_eq!((p.lines[2].quantity, p.lines[2].unit_price), (2, Won(12_500)));
}

#[test]
fn a_volume_tier_discounts_only_the_minutes_beyond_it_and_the_voucher_runs_out_midway() {
    // The same use, the party having been billed 540 minutes this quarter;
    // 10 % off beyond 600 minutes. This booking is the quarter's minutes
    // 540..690: 60 before the threshold, 90 beyond it.
    let t = Tariff {
        operator_rate: Won(30_000),
        tiers: vec![VolumeTier { from_minutes: 600, discount: pct(1_000) }],
        ..tariff(40_000)
    };
    let p = price(&PriceInput {
        outcome: Outcome::Used { booked: 150, used: 150, samples: 0, assisted: 60 },
        quarter_minutes_before: 540,
        consumables: vec![ConsumableUse { code: "C".into(), unit_price: Won(12_500), quantity: 2 }],
        voucher: Some(VoucherTerms { share: pct(7_000), remaining: Won(100_000) }),
        ..input(t, used(0))
    })
    .unwrap();
    // Use: gross 150 × 40,000 / 60 = 100,000; the portion beyond 600 is
    //      charge(150 min) − charge(60 min) = 100,000 − 40,000 = 60,000, 10 % off: 6,000
    //      → 94,000; voucher 70 % = 65,800 (34,200 left); party 28,200
    // Operator: 30,000; voucher 21,000 (13,200 left); party 9,000
    // Consumable: 25,000; voucher 70 % = 17,500, only 13,200 left → 13,200; party 11,800
    // Total 149,000 = voucher 100,000 + party 49,000.
    assert_eq!(
        amounts(&p),
        vec![
            (LineKind::Use, 94_000, 65_800, 28_200),
            (LineKind::OperatorSurcharge, 30_000, 21_000, 9_000),
            (LineKind::Consumable, 25_000, 13_200, 11_800),
        ]
    );
    assert_eq!(p.lines[0].gross, Won(100_000));
    assert_eq!((p.total, p.voucher, p.party), (Won(149_000), Won(100_000), Won(49_000)));
}

#[test]
fn a_late_cancellation_costs_its_share_of_the_booked_time_without_the_minimum() {
    // 40,000 won/h, 180 minutes booked, a minimum of 150,000, 50 % for
    // cancelling with less than 24 hours' notice; a 70 % voucher is not used.
    let t = Tariff { minimum: Won(150_000), ..tariff(40_000) };
    let cancelled = |notice| PriceInput {
        voucher: Some(VoucherTerms { share: pct(7_000), remaining: Won(1_000_000) }),
        ..input(t.clone(), Outcome::Cancelled { booked: 180, samples: 0, notice })
    };
    // 10 hours' notice: 180 × 40,000 / 60 = 120,000; 50 % = 60,000, all the party's.
    let p = price(&cancelled(600)).unwrap();
    assert_eq!(amounts(&p), vec![(LineKind::LateCancellation, 60_000, 0, 60_000)]);
    assert_eq!((p.lines[0].quantity, p.lines[0].gross), (180, Won(120_000)));
    assert_eq!((p.total, p.voucher, p.party), (Won(60_000), Won(0), Won(60_000)));
    // A minute short of 24 hours, and after the start, are late too.
    assert_eq!(price(&cancelled(24 * 60 - 1)).unwrap().total, Won(60_000));
    assert_eq!(price(&cancelled(-30)).unwrap().total, Won(60_000));
    // 24 hours' notice or more: free, no line at all.
    for free in [24 * 60, 3 * 24 * 60] {
        let p = price(&cancelled(free)).unwrap();
        assert_eq!(p, Priced::default(), "{free}");
    }
}

#[test]
fn a_no_show_costs_its_share_truncated_to_the_won() {
    // 45,500 won/h by the minute, 100 minutes booked, 80 % for a no-show:
    // 100 × 45,500 / 60 = 75,833.33 → 75,833; 80 % = 60,666.4 → 60,666.
    let t = Tariff { rounding_minutes: 1, no_show_share: pct(8_000), minimum: Won(100_000), ..tariff(45_500) };
    let p = price(&PriceInput {
        consumables: vec![ConsumableUse { code: "C".into(), unit_price: Won(5_000), quantity: 1 }],
        voucher: Some(VoucherTerms { share: Percent::ALL, remaining: Won(1_000_000) }),
        ..input(t, Outcome::NoShow { booked: 100, samples: 0 })
    })
    .unwrap();
    assert_eq!(amounts(&p), vec![(LineKind::NoShow, 60_666, 0, 60_666)], "no consumables, no voucher");
    assert_eq!(p.lines[0].gross, Won(75_833));
    assert_eq!((p.total, p.voucher, p.party), (Won(60_666), Won(0), Won(60_666)));
}

#[test]
fn per_sample_a_minimum_applies_to_use_and_tiers_do_not() {
    let t = Tariff {
        unit: BillingUnit::Sample,
        minimum: Won(50_000),
        tiers: vec![VolumeTier { from_minutes: 0, discount: Percent::ALL }],
        ..tariff(20_000)
    };
    let used = |samples| input(t.clone(), Outcome::Used { booked: 60, used: 45, samples, assisted: 0 });
    // 3 × 20,000 = 60,000; 2 × 20,000 = 40,000 → the minimum, 50,000.
    assert_eq!(amounts(&price(&used(3)).unwrap()), vec![(LineKind::Use, 60_000, 0, 60_000)]);
    let p = price(&used(2)).unwrap();
    assert_eq!(amounts(&p), vec![(LineKind::Use, 50_000, 0, 50_000)]);
    assert_eq!((p.lines[0].quantity, p.lines[0].gross), (2, Won(40_000)));
    // A no-show of 2 samples: 100 % of 40,000, not of the minimum.
    assert_eq!(price(&input(t, Outcome::NoShow { booked: 60, samples: 2 })).unwrap().total, Won(40_000));
}

#[test]
fn billed_time_and_rounding() {
    let held = Outcome::Used { booked: 180, used: 61, samples: 0, assisted: 0 };
    // Used, rounded up to 30: 90 minutes × 60,000 / 60 = 90,000.
    assert_eq!(price(&input(tariff(60_000), held)).unwrap().total, Won(90_000));
    // The longer of booked and used: 180 minutes = 180,000.
    let t = Tariff { billed_time: BilledTime::MaxBookedUsed, ..tariff(60_000) };
    assert_eq!(price(&input(t.clone(), held)).unwrap().total, Won(180_000));
    let over = Outcome::Used { booked: 60, used: 95, samples: 0, assisted: 0 };
    assert_eq!(price(&input(t, over)).unwrap().lines[0].quantity, 120);
}

#[test]
fn the_operator_surcharge_needs_both_a_rate_and_assisted_time() {
    let t = Tariff { operator_rate: Won(30_000), ..tariff(60_000) };
    let assisted = |t: &Tariff, assisted| {
        let p = price(&input(t.clone(), Outcome::Used { booked: 60, used: 60, samples: 0, assisted })).unwrap();
        p.lines.iter().map(|l| (l.kind, l.quantity, l.amount.0)).collect::<Vec<_>>()
    };
    // 10 assisted minutes round up to 30: 30 × 30,000 / 60 = 15,000.
    assert_eq!(assisted(&t, 10), vec![(LineKind::Use, 60, 60_000), (LineKind::OperatorSurcharge, 30, 15_000)]);
    assert_eq!(assisted(&t, 0), vec![(LineKind::Use, 60, 60_000)]);
    assert_eq!(assisted(&tariff(60_000), 10), vec![(LineKind::Use, 60, 60_000)]);
}

#[test]
fn class_rates() {
    // Today's rates: external is the base rate, tenant the machine's own.
    assert_eq!(class_rate(Won(60_000), None, Percent::ZERO), Won(60_000));
    assert_eq!(class_rate(Won(60_000), Some(Won(30_000)), pct(2_000)), Won(30_000));
    assert_eq!(class_rate(Won(45_500), None, pct(1_250)), Won(39_813), "45,500 − 5,687.5 truncated = 39,813");
    assert_eq!(class_rate(Won(45_500), None, Percent::ALL), Won(0));
}

#[test]
fn inputs_no_rule_prices_are_refused_with_their_field() {
    let refused = |i: PriceInput| match price(&i) {
        Err(PriceError::Invalid(e)) => e.field,
        other => panic!("{other:?}"),
    };
    let base = || input(tariff(60_000), used(60));
    let t = |t: Tariff| input(t, used(60));
    assert_eq!(refused(t(Tariff { rate: Won(-1), ..tariff(0) })), Field::Rate);
    assert_eq!(refused(t(Tariff { rate: Won(Won::LIMIT.0 + 1), ..tariff(0) })), Field::Rate);
    assert_eq!(refused(t(Tariff { minimum: Won(-1), ..tariff(1) })), Field::MinimumCharge);
    assert_eq!(refused(t(Tariff { operator_rate: Won(-1), ..tariff(1) })), Field::OperatorRate);
    assert_eq!(refused(t(Tariff { rounding_minutes: 0, ..tariff(1) })), Field::Rounding);
    assert_eq!(refused(t(Tariff { operator_rounding_minutes: 0, ..tariff(1) })), Field::Rounding);
    assert_eq!(refused(t(Tariff { free_cancel_minutes: -1, ..tariff(1) })), Field::FreeCancel);
    let tiers = vec![VolumeTier { from_minutes: -1, discount: Percent::ZERO }];
    assert_eq!(refused(t(Tariff { tiers, ..tariff(1) })), Field::Tier);
    let outcome = |o| PriceInput { outcome: o, ..base() };
    assert_eq!(refused(outcome(Outcome::Used { booked: -1, used: 0, samples: 0, assisted: 0 })), Field::BookedMinutes);
    assert_eq!(refused(outcome(Outcome::Used { booked: 0, used: -1, samples: 0, assisted: 0 })), Field::UsedMinutes);
    assert_eq!(refused(outcome(Outcome::Used { booked: 0, used: 0, samples: -1, assisted: 0 })), Field::Samples);
    assert_eq!(
        refused(outcome(Outcome::Used { booked: 0, used: 0, samples: 0, assisted: -1 })),
        Field::AssistedMinutes
    );
    assert_eq!(refused(outcome(Outcome::Cancelled { booked: -30, samples: 0, notice: 0 })), Field::BookedMinutes);
    assert_eq!(refused(outcome(Outcome::NoShow { booked: 30, samples: -2 })), Field::Samples);
    assert_eq!(refused(PriceInput { quarter_minutes_before: -1, ..base() }), Field::QuarterMinutes);
    let c = |unit_price, quantity| vec![ConsumableUse { code: "C".into(), unit_price: Won(unit_price), quantity }];
    assert_eq!(refused(PriceInput { consumables: c(100, 0), ..base() }), Field::Quantity);
    assert_eq!(refused(PriceInput { consumables: c(-100, 1), ..base() }), Field::UnitPrice);
    let voucher = Some(VoucherTerms { share: Percent::ALL, remaining: Won(-1) });
    assert_eq!(refused(PriceInput { voucher, ..base() }), Field::VoucherRemaining);
    let e = price(&t(Tariff { rounding_minutes: 0, ..tariff(1) })).unwrap_err();
    assert_eq!(
        e,
        PriceError::Invalid(Invalid::new(Field::Rounding, "0", Problem::OutOfRange { min: 1, max: i64::MAX }))
    );
}

#[test]
fn amounts_beyond_the_limit_are_an_error_not_a_wrap() {
    let huge = |o| price(&input(tariff(Won::LIMIT.0), o));
    assert_eq!(huge(used(i64::MAX)), Err(PriceError::Overflow), "rounding up overflows");
    assert_eq!(huge(used(61)), Err(PriceError::Overflow), "past the limit by a won");
    assert_eq!(huge(used(6_000)), Err(PriceError::Overflow), "100 hours at the limit");
    assert_eq!(huge(used(60_000)), Err(PriceError::Overflow), "rate × minutes overflows i64, as in today's charge");
    assert_eq!(huge(Outcome::NoShow { booked: 6_000, samples: 0 }), Err(PriceError::Overflow));
    let c = vec![
        ConsumableUse { code: "A".into(), unit_price: Won::LIMIT, quantity: 1 },
        ConsumableUse { code: "B".into(), unit_price: Won(1), quantity: 1 },
    ];
    assert_eq!(price(&PriceInput { consumables: c, ..input(tariff(0), used(60)) }), Err(PriceError::Overflow));
    let far = PriceInput { quarter_minutes_before: i64::MAX, ..input(tariff(1), used(60)) };
    assert_eq!(price(&far), Err(PriceError::Overflow));
    // At the limit itself, fine.
    assert_eq!(huge(used(60)).unwrap().total, Won::LIMIT);
    let c = vec![ConsumableUse { code: "A".into(), unit_price: Won::LIMIT, quantity: 1 }];
    let p = price(&PriceInput { consumables: c, ..input(tariff(0), used(60)) }).unwrap();
    assert_eq!(p.total, Won::LIMIT);
}

#[test]
fn inputs_and_prices_round_trip_as_json() {
    let i = PriceInput {
        tariff: Tariff { tiers: vec![VolumeTier { from_minutes: 600, discount: pct(1_250) }], ..tariff(40_000) },
        outcome: Outcome::Cancelled { booked: 120, samples: 0, notice: -15 },
        quarter_minutes_before: 30,
        consumables: vec![ConsumableUse { code: "C".into(), unit_price: Won(100), quantity: 3 }],
        voucher: Some(VoucherTerms { share: pct(7_000), remaining: Won(5_000) }),
    };
    let json = serde_json::to_string(&i).unwrap();
    assert!(json.contains(r#""unit":"hour""#) && json.contains(r#""outcome":"cancelled""#), "{json}");
    assert!(json.contains(r#""billed_time":"used""#) && json.contains(r#""discount":1250"#), "{json}");
    assert_eq!(serde_json::from_str::<PriceInput>(&json).unwrap(), i);
    let p = price(&i).unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.contains(r#""kind":"late-cancel""#), "{json}");
    assert_eq!(serde_json::from_str::<Priced>(&json).unwrap(), p);
    assert_eq!(LineKind::CODES, &["use", "operator", "consumable", "late-cancel", "no-show"]);
}

fn percent() -> impl Strategy<Value = Percent> {
    (0i64..=10_000).prop_map(pct)
}

prop_compose! {
    fn any_tariff()(
        unit in prop::sample::select(BillingUnit::ALL.to_vec()),
        rate in 0i64..=10_000_000,
        minimum in prop_oneof![Just(0i64), 0i64..=500_000],
        operator_rate in 0i64..=1_000_000,
        rounding_minutes in prop::sample::select(vec![1i64, 5, 10, 15, 30, 60]),
        billed_time in prop::sample::select(BilledTime::ALL.to_vec()),
        free_cancel_minutes in 0i64..=7 * 1440,
        late_cancel_share in percent(),
        no_show_share in percent(),
        tiers in prop::collection::vec((0i64..=20_000, percent()), 0..4),
    ) -> Tariff {
        let tiers = tiers.into_iter().map(|(from_minutes, discount)| VolumeTier { from_minutes, discount }).collect();
        Tariff {
            unit, rate: Won(rate), minimum: Won(minimum), operator_rate: Won(operator_rate), rounding_minutes,
            operator_rounding_minutes: rounding_minutes, billed_time, free_cancel_minutes, late_cancel_share, no_show_share, tiers,
        }
    }
}

fn any_outcome() -> impl Strategy<Value = Outcome> {
    let (m, s) = (0i64..=14 * 1440, 0i64..=200);
    prop_oneof![
        (m.clone(), m.clone(), s.clone(), m.clone()).prop_map(|(booked, used, samples, assisted)| Outcome::Used {
            booked,
            used,
            samples,
            assisted
        }),
        (m.clone(), s.clone(), -1440i64..=14 * 1440).prop_map(|(booked, samples, notice)| Outcome::Cancelled {
            booked,
            samples,
            notice
        }),
        (m, s).prop_map(|(booked, samples)| Outcome::NoShow { booked, samples }),
    ]
}

prop_compose! {
    fn any_input()(
        tariff in any_tariff(),
        outcome in any_outcome(),
        quarter_minutes_before in 0i64..=30_000,
        consumables in prop::collection::vec((0i64..=1_000_000, 1i64..=100), 0..4),
        voucher in prop::option::of((percent(), 0i64..=5_000_000)),
    ) -> PriceInput {
        let consumables = consumables
            .into_iter()
            .enumerate()
            .map(|(i, (p, quantity))| ConsumableUse { code: format!("C{i}"), unit_price: Won(p), quantity })
            .collect();
        let voucher = voucher.map(|(share, remaining)| VoucherTerms { share, remaining: Won(remaining) });
        PriceInput { tariff, outcome, quarter_minutes_before, consumables, voucher }
    }
}

/// The booking of `input` used exactly as booked, unassisted.
fn used_as_booked(input: &PriceInput) -> PriceInput {
    let (booked, samples) = match input.outcome {
        Outcome::Used { booked, samples, .. }
        | Outcome::Cancelled { booked, samples, .. }
        | Outcome::NoShow { booked, samples } => (booked, samples),
    };
    PriceInput { outcome: Outcome::Used { booked, used: booked, samples, assisted: 0 }, ..input.clone() }
}

proptest! {
    #[test]
    fn never_negative_and_the_voucher_and_party_add_up(i in any_input()) {
        let p = price(&i).unwrap();
        let (mut total, mut voucher, mut party) = (0, 0, 0);
        for l in &p.lines {
            prop_assert!(l.amount.0 >= 0 && l.voucher.0 >= 0 && l.party.0 >= 0 && l.gross.0 >= 0, "{l:?}");
            prop_assert_eq!(l.voucher.0 + l.party.0, l.amount.0, "{:?}", l);
            let penalty = matches!(l.kind, LineKind::LateCancellation | LineKind::NoShow);
            prop_assert!(!penalty || l.voucher == Won::ZERO, "no voucher on a penalty: {:?}", l);
            total += l.amount.0;
            voucher += l.voucher.0;
            party += l.party.0;
        }
        prop_assert_eq!((p.total.0, p.voucher.0, p.party.0), (total, voucher, party));
        prop_assert_eq!(p.voucher.0 + p.party.0, p.total.0);
    }

    #[test]
    fn the_voucher_never_pays_more_than_remains_or_its_share(i in any_input()) {
        let p = price(&i).unwrap();
        let v = i.voucher.unwrap_or(VoucherTerms { share: Percent::ZERO, remaining: Won::ZERO });
        prop_assert!(p.voucher <= v.remaining, "{:?} > {:?}", p.voucher, v.remaining);
        for l in &p.lines {
            prop_assert!(l.voucher <= v.share.of(l.amount), "{l:?}");
        }
        // It pays all it may: either its full share of every covered line, or all that remained.
        let covered = |k| matches!(k, LineKind::Use | LineKind::OperatorSurcharge | LineKind::Consumable);
        let full: i64 = p.lines.iter().filter(|l| covered(l.kind)).map(|l| v.share.of(l.amount).0).sum();
        prop_assert_eq!(p.voucher.0, full.min(v.remaining.0));
    }

    #[test]
    fn a_higher_class_discount_never_raises_the_rate(base in 0i64..=Won::LIMIT.0, a in 0i64..=10_000, b in 0i64..=10_000) {
        let (lo, hi) = (a.min(b), a.max(b));
        let (more, less) = (class_rate(Won(base), None, pct(hi)), class_rate(Won(base), None, pct(lo)));
        prop_assert!(Won::ZERO <= more && more <= less && less <= Won(base));
    }

    #[test]
    fn a_higher_tier_discount_never_raises_the_total(i in any_input(), which in any::<prop::sample::Index>(), more in 0i64..=10_000) {
        prop_assume!(!i.tariff.tiers.is_empty());
        let k = which.index(i.tariff.tiers.len());
        let mut deeper = i.clone();
        let d = &mut deeper.tariff.tiers[k].discount;
        *d = pct((d.bp() + more).min(10_000));
        let (before, after) = (price(&i).unwrap(), price(&deeper).unwrap());
        prop_assert!(after.total <= before.total, "{:?} > {:?}", after.total, before.total);
        for (a, b) in after.lines.iter().zip(&before.lines) {
            prop_assert!(a.amount <= b.amount, "{a:?} > {b:?}");
        }
        // And no tiers at all is never cheaper than tiers.
        let plain = price(&PriceInput { tariff: Tariff { tiers: Vec::new(), ..i.tariff.clone() }, ..i.clone() }).unwrap();
        prop_assert!(before.total <= plain.total);
    }

    #[test]
    fn a_cancellation_or_no_show_never_costs_more_than_the_booking_used_as_booked(i in any_input()) {
        prop_assume!(!matches!(i.outcome, Outcome::Used { .. }));
        let penalty = price(&i).unwrap();
        let full = price(&used_as_booked(&i)).unwrap();
        prop_assert!(penalty.total <= full.total, "{:?} > {:?}", penalty.total, full.total);
        prop_assert!(penalty.party <= full.total);
        prop_assert!(penalty.lines.len() <= 1);
    }

    #[test]
    fn without_tiers_or_a_minimum_use_is_todays_charge(
        minutes in 1i64..=14 * 1440,
        booked in 0i64..=14 * 1440,
        slot in prop::sample::select(vec![5u32, 10, 15, 30, 60]),
        unit in prop::sample::select(BillingUnit::ALL.to_vec()),
        rate in 0i64..=10_000_000,
        samples in 0i64..=200,
        before in 0i64..=30_000,
    ) {
        let actual = Period::new(Minute(0), Minute(minutes)).unwrap();
        let today = charge(unit, Won(rate), billable_minutes(&actual, slot), samples).unwrap();
        let t = Tariff { unit, rounding_minutes: i64::from(slot), ..tariff(rate) };
        let i = PriceInput {
            quarter_minutes_before: before,
            ..input(t, Outcome::Used { booked, used: actual.minutes(), samples, assisted: 0 })
        };
        let p = price(&i).unwrap();
        prop_assert_eq!(amounts(&p), vec![(LineKind::Use, today.0, 0, today.0)]);
        prop_assert_eq!(p.total, today);
        // A 0 % tier anywhere changes nothing either.
        let mut zero = i.clone();
        zero.tariff.tiers = vec![VolumeTier { from_minutes: before + minutes / 2, discount: Percent::ZERO }];
        prop_assert_eq!(price(&zero).unwrap().total, today);
    }

    #[test]
    fn tier_order_does_not_matter(i in any_input()) {
        let mut reversed = i.clone();
        reversed.tariff.tiers.reverse();
        prop_assert_eq!(price(&i).unwrap(), price(&reversed).unwrap());
    }
}
