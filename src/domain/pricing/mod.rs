//! What a booking costs: the centre's pricing as one pure function,
//! [`price`], from inputs the store records as JSON beside the booking.
//!
//! Every number of the policy is an input — a rate, a minimum, a share, a
//! threshold — and none is a constant here, so the centre changes its prices
//! by changing data, and a booking priced once can be priced again to the
//! won from what was recorded. The rules the inputs go through are these:
//!
//! - **Rates.** A class of user (tenant, SME, university, external …) pays a
//!   machine's own rate for the class if it has one, else the base rate less
//!   the class's discount: [`class_rate`]. The resolved rate is recorded in
//!   the booking's [`Tariff`]; a later rate change never reprices the past.
//! - **Use.** The billed minutes are the minutes used, or the longer of the
//!   booked and the used ([`BilledTime`]), rounded *up* to the tariff's
//!   rounding unit. Per hour, use costs rate × minutes / 60 truncated to the
//!   won (today's [`charge`]); per sample, rate × samples.
//! - **Volume tiers.** A party's billed minutes on a class of machine add up
//!   over the quarter; a tier's discount applies to the minutes of this
//!   booking that lie beyond the tier's threshold, up to the next tier's. A
//!   portion's amount is the charge up to its end less the charge up to its
//!   start, so the portions add up to the whole charge to the won and a 0 %
//!   tier changes nothing. Tiers are per hour only; per sample they are
//!   ignored.
//! - **Minimum.** A use costs at least the tariff's minimum, after the tier
//!   discounts. The minimum is for actual use only, never a cancellation.
//! - **Operator.** Use assisted by the centre's staff adds operator_rate ×
//!   assisted minutes (rounded up to the machine's booking slot, which
//!   may differ from use's rounding unit) / 60, truncated, undiscounted.
//! - **Consumables.** unit price × quantity each, never discounted, charged
//!   on use only.
//! - **Cancellation.** Cancelling with at least `free_cancel_minutes` of
//!   notice before the start is free (no line at all). Later — or after the
//!   start — costs `late_cancel_share` of what the booked time would have
//!   cost as use (rounded, tiers applied, without the minimum). A no-show
//!   costs `no_show_share` of the same. Neither ever costs more than the
//!   booking used exactly as booked.
//! - **Voucher.** A support programme pays its share of use, operator and
//!   consumable lines, in that order, until what remains of the party's
//!   yearly cap is spent; it never pays a late cancellation or a no-show.
//!   On every line the voucher's part and the party's add up to the amount.
//!
//! Amounts are VAT excluded. Arithmetic is checked: an amount beyond
//! [`Won::LIMIT`] is [`PriceError::Overflow`], never a wrap or a panic, and
//! an input no rule can price (negative minutes, a quantity below one, a
//! negative rate) is refused as [`PriceError::Invalid`] naming its field.

use serde::{Deserialize, Serialize};

use super::booking::charge;
use super::codes::{BillingUnit, coded};
use super::invalid::{Field, Invalid, Problem};
use super::{Percent, Won};

#[cfg(test)]
mod tests;

coded! {
    /// Which minutes of a use are billed.
    BilledTime {
        /// The minutes actually used, checked in to checked out (today's rule).
        Used = "used",
        /// The longer of the booked and the used minutes: time held and left
        /// unused is paid for, as the machine could not be booked by others.
        MaxBookedUsed = "max-booked-used",
    }
}

coded! {
    /// What a priced line charges for.
    LineKind {
        Use = "use",
        OperatorSurcharge = "operator",
        Consumable = "consumable",
        LateCancellation = "late-cancel",
        NoShow = "no-show",
    }
}

impl LineKind {
    /// A voucher pays its share of use, operator and consumable lines; a
    /// programme does not pay penalties.
    pub fn voucher_covers(self) -> bool {
        matches!(self, LineKind::Use | LineKind::OperatorSurcharge | LineKind::Consumable)
    }
}

/// A machine's prices for one class of user, resolved and recorded on a
/// booking when it is priced: a later rate change never reprices the past.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tariff {
    pub unit: BillingUnit,
    /// The class's rate per hour or per sample, from [`class_rate`].
    pub rate: Won,
    /// The least a use costs (0: no minimum). Never applied to a cancellation.
    pub minimum: Won,
    /// Per hour of use assisted by the centre's staff (0: no surcharge).
    pub operator_rate: Won,
    /// Billed minutes are rounded up to a multiple of this (≥ 1; 1: by the minute).
    pub rounding_minutes: i64,
    /// Assisted minutes are rounded up to a multiple of this (≥ 1): the
    /// machine's booking slot, whatever use's rounding unit.
    pub operator_rounding_minutes: i64,
    pub billed_time: BilledTime,
    /// Cancelling with at least this many minutes of notice is free.
    pub free_cancel_minutes: i64,
    /// Of what the booked time would have cost, for a later cancellation.
    pub late_cancel_share: Percent,
    /// Of what the booked time would have cost, for a no-show.
    pub no_show_share: Percent,
    /// Volume discounts per party and class of machine and quarter. In any
    /// order; of tiers with the same threshold the largest discount applies.
    #[serde(default)]
    pub tiers: Vec<VolumeTier>,
}

/// Beyond `from_minutes` billed in a quarter, `discount` off those minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeTier {
    pub from_minutes: i64,
    pub discount: Percent,
}

/// How a booking ended. Minutes are whole minutes; `samples` counts for a
/// per-sample machine and is ignored per hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// Checked in and out. `assisted`: minutes of it the staff operated.
    Used {
        booked: i64,
        used: i64,
        samples: i64,
        assisted: i64,
    },
    /// `notice`: minutes from the cancellation to the booked start, negative
    /// if it came after the start.
    Cancelled {
        booked: i64,
        samples: i64,
        notice: i64,
    },
    NoShow {
        booked: i64,
        samples: i64,
    },
}

/// Something used up in the work, charged as is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsumableUse {
    pub code: String,
    pub unit_price: Won,
    /// At least 1.
    pub quantity: i64,
}

/// A support programme's terms for the party: the share of covered lines it
/// pays, and what remains of the party's cap this year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoucherTerms {
    pub share: Percent,
    pub remaining: Won,
}

/// Everything a booking's price comes from; recorded whole, it reprices the
/// booking to the won.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceInput {
    pub tariff: Tariff,
    pub outcome: Outcome,
    /// The party's billed minutes on this class of machine in the quarter
    /// before this booking, for the volume tiers.
    pub quarter_minutes_before: i64,
    #[serde(default)]
    pub consumables: Vec<ConsumableUse>,
    #[serde(default)]
    pub voucher: Option<VoucherTerms>,
}

/// One line of a booking's price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub kind: LineKind,
    /// The consumable's code; `None` on other lines.
    pub code: Option<String>,
    /// Billed minutes per hour (use, operator, a cancelled booking's
    /// minutes), samples per sample, units of a consumable.
    pub quantity: i64,
    /// Per hour, per sample or per unit.
    pub unit_price: Won,
    /// The quantity at the unit price, before volume discounts, the minimum
    /// and a penalty's share.
    pub gross: Won,
    /// What the line charges: `voucher` + `party`.
    pub amount: Won,
    pub voucher: Won,
    pub party: Won,
}

/// A booking's price: its lines and their sums.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priced {
    pub lines: Vec<Line>,
    pub total: Won,
    /// The programme's part; it never exceeds the voucher's `remaining`.
    pub voucher: Won,
    pub party: Won,
}

/// Why a booking could not be priced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PriceError {
    /// An input no rule prices: negative minutes or amounts, a quantity
    /// below one, a rounding unit below one, an amount beyond `Won::LIMIT`.
    Invalid(Invalid),
    /// A line or a sum beyond `Won::LIMIT`.
    Overflow,
}

impl From<Invalid> for PriceError {
    fn from(i: Invalid) -> Self {
        PriceError::Invalid(i)
    }
}

/// The rate a class of user pays: the machine's own rate for the class if it
/// has one, else `base` less `discount` of it. Today's rates map so:
/// external = the base rate (no discount), tenant = the machine's own tenant
/// rate, so repricing today's bookings gives their charges unchanged.
pub fn class_rate(base: Won, machine_rate: Option<Won>, discount: Percent) -> Won {
    machine_rate.unwrap_or_else(|| Won(base.0 - discount.of(base).0))
}

/// Prices a booking by the rules of the module documentation.
pub fn price(input: &PriceInput) -> Result<Priced, PriceError> {
    check(input)?;
    let t = &input.tariff;
    let before = input.quarter_minutes_before;
    let mut lines = Vec::new();
    match input.outcome {
        Outcome::Used { booked, used, samples, assisted } => {
            let minutes = match t.billed_time {
                BilledTime::Used => used,
                BilledTime::MaxBookedUsed => booked.max(used),
            };
            let cost = use_cost(t, minutes, samples, before)?;
            let amount = cost.discounted.max(t.minimum);
            lines.push(line(LineKind::Use, cost.quantity, t.rate, cost.gross, amount));
            if assisted > 0 && t.operator_rate > Won::ZERO {
                let minutes = round_up(assisted, t.operator_rounding_minutes)?;
                let amount = hourly(t.operator_rate, minutes)?;
                lines.push(line(LineKind::OperatorSurcharge, minutes, t.operator_rate, amount, amount));
            }
            for c in &input.consumables {
                let amount = within_limit(c.unit_price.checked_mul(c.quantity))?;
                let l = line(LineKind::Consumable, c.quantity, c.unit_price, amount, amount);
                lines.push(Line { code: Some(c.code.clone()), ..l });
            }
        }
        Outcome::Cancelled { booked, samples, notice } => {
            if notice < t.free_cancel_minutes {
                lines.push(penalty(t, LineKind::LateCancellation, t.late_cancel_share, booked, samples, before)?);
            }
        }
        Outcome::NoShow { booked, samples } => {
            lines.push(penalty(t, LineKind::NoShow, t.no_show_share, booked, samples, before)?);
        }
    }
    split(lines, input.voucher)
}

/// What a use of `minutes` or `samples` costs, before the minimum.
struct UseCost {
    /// Billed minutes per hour, samples per sample.
    quantity: i64,
    gross: Won,
    /// After volume discounts.
    discounted: Won,
}

fn use_cost(t: &Tariff, minutes: i64, samples: i64, before: i64) -> Result<UseCost, PriceError> {
    match t.unit {
        BillingUnit::Hour => {
            let billed = round_up(minutes, t.rounding_minutes)?;
            let gross = within_limit(charge(t.unit, t.rate, billed, samples))?;
            let discount = volume_discount(t.rate, billed, before, &t.tiers)?;
            let discounted = gross.checked_sub(discount).ok_or(PriceError::Overflow)?;
            Ok(UseCost { quantity: billed, gross, discounted })
        }
        BillingUnit::Sample => {
            let gross = within_limit(charge(t.unit, t.rate, minutes, samples))?;
            Ok(UseCost { quantity: samples, gross, discounted: gross })
        }
    }
}

/// The volume discount on `minutes` billed at `rate` per hour, the party
/// having been billed `before` minutes this quarter. This booking's minutes
/// are the quarter's `before .. before + minutes`; each tier's portion of
/// them is charged as the charge to its end less the charge to its start.
fn volume_discount(rate: Won, minutes: i64, before: i64, tiers: &[VolumeTier]) -> Result<Won, PriceError> {
    let end = before.checked_add(minutes).ok_or(PriceError::Overflow)?;
    let mut sorted: Vec<VolumeTier> = tiers.to_vec();
    sorted.sort_by_key(|t| (t.from_minutes, t.discount));
    let mut discount = Won::ZERO;
    for (i, tier) in sorted.iter().enumerate() {
        let next = sorted.get(i + 1).map_or(i64::MAX, |t| t.from_minutes);
        let (lo, hi) = (tier.from_minutes.max(before), next.min(end));
        if lo < hi {
            let portion = hourly(rate, hi - before)?.checked_sub(hourly(rate, lo - before)?);
            let portion = portion.ok_or(PriceError::Overflow)?;
            discount = within_limit(discount.checked_add(tier.discount.of(portion)))?;
        }
    }
    Ok(discount)
}

/// A late cancellation or a no-show: `share` of what the booked time would
/// have cost as use, volume tiers applied, without the minimum.
fn penalty(
    t: &Tariff,
    kind: LineKind,
    share: Percent,
    booked: i64,
    samples: i64,
    before: i64,
) -> Result<Line, PriceError> {
    let cost = use_cost(t, booked, samples, before)?;
    Ok(line(kind, cost.quantity, t.rate, cost.gross, share.of(cost.discounted)))
}

/// Shares each line between the voucher and the party, and sums them.
fn split(mut lines: Vec<Line>, voucher: Option<VoucherTerms>) -> Result<Priced, PriceError> {
    let VoucherTerms { share, remaining: mut left } =
        voucher.unwrap_or(VoucherTerms { share: Percent::ZERO, remaining: Won::ZERO });
    let mut priced = Priced::default();
    for l in &mut lines {
        l.voucher = if l.kind.voucher_covers() { share.of(l.amount).min(left) } else { Won::ZERO };
        left = Won(left.0 - l.voucher.0);
        l.party = Won(l.amount.0 - l.voucher.0);
        priced.total = within_limit(priced.total.checked_add(l.amount))?;
        priced.voucher = within_limit(priced.voucher.checked_add(l.voucher))?;
        priced.party = within_limit(priced.party.checked_add(l.party))?;
    }
    priced.lines = lines;
    Ok(priced)
}

fn line(kind: LineKind, quantity: i64, unit_price: Won, gross: Won, amount: Won) -> Line {
    Line { kind, code: None, quantity, unit_price, gross, amount, voucher: Won::ZERO, party: amount }
}

/// `minutes` at `rate` per hour, truncated: today's charge.
fn hourly(rate: Won, minutes: i64) -> Result<Won, PriceError> {
    within_limit(charge(BillingUnit::Hour, rate, minutes, 0))
}

/// `minutes` rounded up to a multiple of `unit`; both are checked ≥ 0 and ≥ 1.
fn round_up(minutes: i64, unit: i64) -> Result<i64, PriceError> {
    let whole = minutes / unit + i64::from(minutes % unit != 0);
    whole.checked_mul(unit).ok_or(PriceError::Overflow)
}

fn within_limit(w: Option<Won>) -> Result<Won, PriceError> {
    w.filter(|w| *w <= Won::LIMIT).ok_or(PriceError::Overflow)
}

/// Refuses inputs no rule prices, naming the field.
fn check(input: &PriceInput) -> Result<(), PriceError> {
    let t = &input.tariff;
    won(t.rate, Field::Rate)?;
    won(t.minimum, Field::MinimumCharge)?;
    won(t.operator_rate, Field::OperatorRate)?;
    at_least(t.rounding_minutes, 1, Field::Rounding)?;
    at_least(t.operator_rounding_minutes, 1, Field::Rounding)?;
    at_least(t.free_cancel_minutes, 0, Field::FreeCancel)?;
    for tier in &t.tiers {
        at_least(tier.from_minutes, 0, Field::Tier)?;
    }
    let (booked, samples) = match input.outcome {
        Outcome::Used { booked, used, samples, assisted } => {
            at_least(used, 0, Field::UsedMinutes)?;
            at_least(assisted, 0, Field::AssistedMinutes)?;
            (booked, samples)
        }
        Outcome::Cancelled { booked, samples, .. } | Outcome::NoShow { booked, samples } => (booked, samples),
    };
    at_least(booked, 0, Field::BookedMinutes)?;
    at_least(samples, 0, Field::Samples)?;
    at_least(input.quarter_minutes_before, 0, Field::QuarterMinutes)?;
    for c in &input.consumables {
        won(c.unit_price, Field::UnitPrice)?;
        at_least(c.quantity, 1, Field::Quantity)?;
    }
    if let Some(v) = &input.voucher {
        won(v.remaining, Field::VoucherRemaining)?;
    }
    Ok(())
}

fn won(w: Won, field: Field) -> Result<(), Invalid> {
    if (0..=Won::LIMIT.0).contains(&w.0) {
        Ok(())
    } else {
        Err(Invalid::new(field, w.0.to_string(), Problem::OutOfRange { min: 0, max: Won::LIMIT.0 }))
    }
}

fn at_least(n: i64, min: i64, field: Field) -> Result<(), Invalid> {
    if n >= min { Ok(()) } else { Err(Invalid::new(field, n.to_string(), Problem::OutOfRange { min, max: i64::MAX })) }
}
