//! A booking's use priced by its party's rate class, through the one
//! pricing function of `domain::pricing`. The class and the rate are
//! recorded on the booking when it is priced, so that a later change of a
//! class, a discount or a machine's rates never reprices the past; a time
//! correction prices again at the recorded rate.

use chrono::NaiveDate;

use crate::db::equipment::Equipment;
use crate::domain::party::{MachinePrice, class_by_rule, unit_rate};
use crate::domain::pricing::LineKind::Use as UseLine;
use crate::domain::pricing::{BilledTime, ConsumableUse, Outcome, PriceError, PriceInput, Tariff, VoucherTerms, price};
use crate::domain::{BillingUnit, Field, ForField, Invalid, Percent, Period, Problem, Won};
use crate::error::{Error, Result};
use crate::store::Sql;
use crate::store::sql::party as sql;

/// The rate class a party is priced by on a machine on a day, and the rate
/// per hour or sample it pays there.
pub(crate) fn class_and_rate(db: Sql<'_>, eq: &Equipment, party_id: i64, day: NaiveDate) -> Result<(String, Won)> {
    let (set, company, lease) = sql::terms(db, party_id, day)?
        .ok_or_else(|| Invalid::new(Field::Party, party_id.to_string(), Problem::NotFound))?;
    let class = class_by_rule(set.as_deref(), company, lease).to_owned();
    let (discount, own_rate, own_discount) = sql::class_on_machine(db, &class, eq.id)?
        .ok_or_else(|| Invalid::new(Field::RateClass, &class, Problem::NotFound))?;
    let rate = rate_on(eq, &class, discount, own_rate, own_discount)?;
    Ok((class, rate))
}

/// The rate `class` pays on `eq`, from the class's discount and the
/// machine's own price for it as stored (discounts in basis points).
pub(crate) fn rate_on(
    eq: &Equipment,
    class: &str,
    class_discount: i64,
    own_rate: Option<Won>,
    own_discount: Option<i64>,
) -> Result<Won> {
    let percent = |bp: i64| Percent::from_bp(bp).field(Field::Discount, &bp.to_string());
    let machine = match (own_rate, own_discount) {
        (Some(r), _) => Some(MachinePrice::Rate(r)),
        (None, Some(d)) => Some(MachinePrice::Discount(percent(d)?)),
        (None, None) => None,
    };
    Ok(unit_rate(class, eq.external_rate, eq.tenant_rate, machine, percent(class_discount)?))
}

/// How a machine bills time, by its settings (`bill-booked-time`,
/// `billing-rounding`): which minutes are billed, and the unit they are
/// rounded up to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimeRules {
    pub billed: BilledTime,
    pub rounding: i64,
}

impl TimeRules {
    /// The minutes billed as recorded, neither stretched nor rounded again:
    /// a use priced again for what it took besides its time.
    pub(crate) const RECORDED: TimeRules = TimeRules { billed: BilledTime::Used, rounding: 1 };
}

/// The machine's rules as set now; rounding 0 is its booking slot.
pub(crate) fn time_rules(db: Sql<'_>, eq: &Equipment) -> Result<TimeRules> {
    use crate::domain::setting::SettingKey;
    let rounding = crate::db::setting::value(db, SettingKey::BillingRounding, Some(eq.id))?;
    let booked = crate::db::setting::value(db, SettingKey::BillBookedTime, Some(eq.id))? == 1;
    Ok(TimeRules {
        billed: if booked { BilledTime::MaxBookedUsed } else { BilledTime::Used },
        rounding: if rounding > 0 { rounding } else { slot(eq) },
    })
}

fn slot(eq: &Equipment) -> i64 {
    i64::from(eq.rules.slot_minutes.max(1))
}

/// The machine's tariff at `rate` for `class`, with no cancellation terms.
fn tariff(eq: &Equipment, rate: Won, operator_rate: Won, rules: TimeRules) -> Tariff {
    Tariff {
        unit: eq.billing_unit,
        rate,
        minimum: Won::ZERO,
        operator_rate,
        rounding_minutes: rules.rounding,
        operator_rounding_minutes: slot(eq),
        billed_time: rules.billed,
        free_cancel_minutes: 0,
        late_cancel_share: Percent::ZERO,
        no_show_share: Percent::ZERO,
        tiers: Vec::new(),
    }
}

fn priced(input: &PriceInput, rate: Won) -> Result<crate::domain::pricing::Priced> {
    price(input).map_err(|e| match e {
        PriceError::Invalid(i) => Error::Invalid(i),
        PriceError::Overflow => {
            Invalid::new(Field::Amount, rate.0.to_string(), Problem::OutOfRange { min: 0, max: Won::LIMIT.0 }).into()
        }
    })
}

/// Minutes booked and used, and samples.
pub(crate) type Span = (i64, i64, i64);

/// The minutes booked and used of a booking's periods, and its samples.
pub(crate) fn span(booked: &Period, used: &Period, samples: i64) -> Span {
    (booked.minutes(), used.minutes(), samples)
}

/// Completed use at `rate`: the minutes billed and the charge.
pub(crate) fn use_charge(eq: &Equipment, rules: TimeRules, rate: Won, use_span: Span) -> Result<(i64, Won)> {
    charge(eq, rules, rate, use_span, (Vec::new(), Assistance::default()))
}

/// Staff time on a use: minutes assisted and the operator rate per hour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Assistance {
    pub minutes: i64,
    pub rate: Won,
}

impl Assistance {
    /// As a booking recorded it.
    pub(crate) fn of(b: &super::Booking) -> Assistance {
        Assistance { minutes: b.assisted_minutes.unwrap_or(0), rate: b.operator_rate.unwrap_or(Won::ZERO) }
    }
}

/// What a use took besides its time: consumables at their recorded prices
/// and staff time at its recorded rate, neither discounted.
pub(crate) fn took(db: Sql<'_>, b: &super::Booking) -> Result<(Vec<ConsumableUse>, Assistance)> {
    Ok((crate::store::sql::consumable::of_booking(db, b.id)?, Assistance::of(b)))
}

/// [`use_charge`] with what the use took besides its time.
pub(crate) fn charge(
    eq: &Equipment,
    rules: TimeRules,
    rate: Won,
    use_span: Span,
    took: (Vec<ConsumableUse>, Assistance),
) -> Result<(i64, Won)> {
    let (billed, amount, _) = charge_with(eq, rules, rate, use_span, took, None)?;
    Ok((billed, amount))
}

/// [`charge`] with a voucher's terms: the minutes billed (by the hour, as
/// the pricing function billed them; by the sample, the minutes used), the
/// charge and the programme's share of it.
pub(crate) fn charge_with(
    eq: &Equipment,
    rules: TimeRules,
    rate: Won,
    (booked, used, samples): Span,
    (consumables, assisted): (Vec<ConsumableUse>, Assistance),
    voucher: Option<VoucherTerms>,
) -> Result<(i64, Won, Won)> {
    let input = PriceInput {
        tariff: tariff(eq, rate, assisted.rate, rules),
        outcome: Outcome::Used { booked, used, samples, assisted: assisted.minutes },
        quarter_minutes_before: 0,
        consumables,
        voucher,
    };
    let priced = priced(&input, rate)?;
    let billed = match eq.billing_unit {
        BillingUnit::Hour => priced.lines.iter().find(|l| l.kind == UseLine).map_or(0, |l| l.quantity),
        BillingUnit::Sample => used,
    };
    Ok((billed, priced.total, priced.voucher))
}

/// The grant a use drew on and the programme's share of it, in won.
pub(crate) type Drawn = (i64, Won);

/// A completed use priced at `rate` with a voucher's draw: the minutes
/// billed, the charge, and the grant and share drawn (the share 0 if the
/// grant had nothing left for it).
pub(crate) fn with_draw(
    eq: &Equipment,
    rules: TimeRules,
    rate: Won,
    use_span: Span,
    took: (Vec<ConsumableUse>, Assistance),
    drawn: Option<crate::db::voucher::Draw>,
) -> Result<(i64, Won, Option<Drawn>)> {
    let (billed, amount, share) = charge_with(eq, rules, rate, use_span, took, drawn.map(|d| d.1))?;
    Ok((billed, amount, drawn.map(|d| (d.0, share))))
}

/// What cancelling `b` at `now` (or its not being claimed at all) is
/// charged by its machine's policy: a share of what its booked time would
/// have cost at the party's class rate of the booking's day, nothing with
/// enough notice. The class and rate go with it, to be recorded; `None` if
/// it costs nothing.
pub(crate) fn penalty(
    db: Sql<'_>,
    eq: &Equipment,
    b: &super::Booking,
    now: crate::domain::Minute,
    no_show: bool,
) -> Result<Option<(String, Won, Won)>> {
    let booked = Period::new(b.start, b.end).field(Field::To, &b.end.to_string())?;
    penalty_of(db, eq, (b.party_id, &booked, b.samples), now, no_show)
}

/// [`penalty`] of a booking not written yet: `party_id`'s use of `booked`.
pub(crate) fn penalty_of(
    db: Sql<'_>,
    eq: &Equipment,
    (party_id, booked, samples): (i64, &Period, i64),
    now: crate::domain::Minute,
    no_show: bool,
) -> Result<Option<(String, Won, Won)>> {
    use crate::domain::setting::SettingKey;
    let setting = |key| crate::db::setting::value(db, key, Some(eq.id));
    let share = |key| -> Result<Percent> {
        let n = setting(key)?;
        Ok(Percent::from_bp(n.saturating_mul(100)).field(Field::Share, &n.to_string())?)
    };
    let (late, absent) = (share(SettingKey::LateCancelShare)?, share(SettingKey::NoShowShare)?);
    if (no_show && absent == Percent::ZERO) || (!no_show && late == Percent::ZERO) {
        return Ok(None);
    }
    let (class, rate) = class_and_rate(db, eq, party_id, booked.start().date())?;
    let tariff = Tariff {
        free_cancel_minutes: setting(SettingKey::FreeCancelNotice)?,
        late_cancel_share: late,
        no_show_share: absent,
        ..tariff(eq, rate, Won::ZERO, time_rules(db, eq)?)
    };
    let outcome = if no_show {
        Outcome::NoShow { booked: booked.minutes(), samples }
    } else {
        Outcome::Cancelled { booked: booked.minutes(), samples, notice: booked.start().0 - now.0 }
    };
    let input = PriceInput { tariff, outcome, quarter_minutes_before: 0, consumables: Vec::new(), voucher: None };
    let priced = priced(&input, rate)?;
    Ok((priced.total > Won::ZERO).then_some((class, rate, priced.total)))
}

/// What a booking would cost used as booked, as the booking form shows it
/// before saving: the party's class, the charge, and what a voucher would
/// pay of it (none of it drawn yet).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Estimate {
    pub rate_class: String,
    /// The class's name in Korean and in English.
    pub class_name: (String, String),
    pub rate: Won,
    pub amount: Won,
    /// A machine billed by the sample with no samples given yet: the
    /// amount says nothing, the rate a sample does.
    pub per_sample: bool,
    /// The programme that would pay, and its share.
    pub voucher: Option<(String, Won)>,
    /// What cancelling it right after booking would cost: within the
    /// machine's free-cancel notice, its late-cancel share.
    pub cancel_now: Option<Won>,
}

pub(crate) fn estimate(
    db: Sql<'_>,
    eq: &Equipment,
    party_id: i64,
    (period, samples): (&Period, i64),
    now: crate::domain::Minute,
) -> Result<Estimate> {
    let (rate_class, rate) = class_and_rate(db, eq, party_id, period.start().date())?;
    let drawn = crate::db::voucher::would_draw(db, party_id, eq.id, &rate_class, period.start())?;
    let rules = time_rules(db, eq)?;
    let (_, amount, voucher) = with_draw(eq, rules, rate, span(period, period, samples), Default::default(), drawn)?;
    let voucher = match voucher.filter(|(_, share)| share.0 > 0) {
        Some((grant, share)) => crate::db::voucher::programme_of(db, grant)?.map(|p| (p, share)),
        None => None,
    };
    let class_name = sql::class_by_code(db, &rate_class)?
        .map_or_else(|| (rate_class.clone(), rate_class.clone()), |c| (c.name_ko, c.name_en));
    let per_sample = eq.billing_unit == crate::domain::BillingUnit::Sample && samples == 0;
    let cancel_now = penalty_of(db, eq, (party_id, period, samples), now, false)?.map(|(_, _, w)| w);
    Ok(Estimate { rate_class, class_name, rate, amount, per_sample, voucher, cancel_now })
}

/// What a completed booking's recorded use comes to by today's classes and
/// rates: the class, the rate, the minutes billed and the charge. Equal to
/// what is recorded unless a class, a discount or a rate changed since, and
/// never written: the recorded price stands.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PricedNow {
    pub rate_class: String,
    pub rate: Won,
    pub billed_minutes: i64,
    pub charge: Won,
}

pub fn price_now(store: &crate::db::Store, id: &str) -> Result<Option<PricedNow>> {
    let b = super::show(store, id)?;
    let (Some(start), Some(end)) = (b.actual_start, b.actual_end) else { return Ok(None) };
    let db = store.sql();
    let eq = crate::db::equipment::by_code(db, &b.equipment)?;
    let (rate_class, rate) = class_and_rate(db, &eq, b.party_id, b.start.date())?;
    let booked = Period::new(b.start, b.end).field(Field::To, &b.end.to_string())?;
    let used = Period::new(start, end).field(Field::To, &end.to_string())?;
    let samples = b.actual_samples.unwrap_or(b.samples);
    let rules = time_rules(db, &eq)?;
    let (billed_minutes, charge) = self::charge(&eq, rules, rate, span(&booked, &used, samples), took(db, &b)?)?;
    Ok(Some(PricedNow { rate_class, rate, billed_minutes, charge }))
}

/// Prices a completed booking again at its recorded rate and billed
/// minutes, with what it took as recorded now, and writes the charge and
/// the voucher's share (of the grant it drew on, if any); use still running
/// is priced at check-out.
pub(crate) fn reprice(db: Sql<'_>, b: &super::Booking) -> Result<()> {
    let (Some(billed), Some(rate)) = (b.billed_minutes, b.rate) else { return Ok(()) };
    let eq = crate::db::equipment::by_code(db, &b.equipment)?;
    let samples = b.actual_samples.unwrap_or(b.samples);
    let drawn = redrawn(db, b)?;
    let recorded = (billed, billed, samples);
    let (_, charge, voucher) = with_draw(&eq, TimeRules::RECORDED, rate, recorded, took(db, b)?, drawn)?;
    crate::store::sql::consumable::set_charge(db, b.id, charge)?;
    redraw_done(db, b, voucher)
}

/// The grant a completed booking drew on, its own share given back, to
/// price it again.
pub(crate) fn redrawn(db: Sql<'_>, b: &super::Booking) -> Result<Option<crate::db::voucher::Draw>> {
    match b.voucher_grant_id {
        Some(g) => crate::db::voucher::redraw(db, g, b.voucher_share.unwrap_or(Won::ZERO)),
        None => Ok(None),
    }
}

/// Writes what a booking priced again draws, if it drew before.
pub(crate) fn redraw_done(db: Sql<'_>, b: &super::Booking, voucher: Option<Drawn>) -> Result<()> {
    if b.voucher_grant_id.is_some() {
        crate::store::sql::voucher::set_on_booking(db, b.id, voucher)?;
    }
    Ok(())
}
