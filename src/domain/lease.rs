//! Leases (입주계약): a company in a room over `[from, to)`, with monthly rent
//! and maintenance fee, and how a month is charged when the lease covers only
//! part of it.

use chrono::{Datelike, NaiveDate};

use super::invalid::{Field, ForField, Invalid};
use super::money::{optional_won, required_won};
use super::time::parse_date;
use super::{Period, Won};

/// What an administrator typed for a new lease.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeaseInput {
    /// The company's 사업자등록번호.
    pub company: String,
    /// The room code, e.g. `301`.
    pub room: String,
    /// First day of the lease.
    pub from: String,
    /// First day after the lease (a lease for 2026 is `2026-01-01` to `2027-01-01`).
    pub to: String,
    pub rent: String,
    pub fee: String,
    /// Absent is 0; given, it must be a sum.
    pub deposit: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLease {
    pub company: String,
    pub room: String,
    pub period: Period<NaiveDate>,
    pub rent: Won,
    pub fee: Won,
    pub deposit: Won,
}

impl LeaseInput {
    pub fn validate(&self) -> Result<NewLease, Invalid> {
        let company = super::text::required(&self.company, 20).field(Field::Company, &self.company)?;
        let room = super::text::required(&self.room, 10).field(Field::Room, &self.room)?;
        let from = parse_date(&self.from).field(Field::From, &self.from)?;
        let to = parse_date(&self.to).field(Field::To, &self.to)?;
        let period = Period::new(from, to).field(Field::To, &self.to)?;
        let rent = required_won(&self.rent, Field::Rent)?;
        let fee = required_won(&self.fee, Field::Fee)?;
        let deposit = optional_won(self.deposit.as_deref(), Field::Deposit)?.unwrap_or_default();
        Ok(NewLease { company, room, period, rent, fee, deposit })
    }
}

/// The first day of a month.
/// The last day of a lease that starts on `from` and runs `months` months
/// (the centre's standard term): 24 months from 2026-03-15 run through
/// 2028-03-14.
pub fn last_day_of_term(from: NaiveDate, months: u32) -> NaiveDate {
    from.checked_add_months(chrono::Months::new(months)).and_then(|d| d.pred_opt()).unwrap_or(from)
}

pub fn month_start(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The month as a period `[1st, 1st of next month)`.
pub fn month_period(year: i32, month: u32) -> Option<Period<NaiveDate>> {
    let start = month_start(year, month)?;
    let end = if month == 12 { month_start(year + 1, 1)? } else { month_start(year, month + 1)? };
    Period::new(start, end).ok()
}

/// The month a date falls in, as `(year, month)`.
pub fn month_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

/// What `monthly` comes to for the days of `month` that `lease` covers,
/// prorated by days. The won are counted cumulatively through the month
/// (⌊monthly·k/days⌋ after day k), so splitting a lease at any day never
/// loses or gains a won, and a full month is exactly `monthly`.
pub fn charge_for_month(lease: &Period<NaiveDate>, monthly: Won, year: i32, month: u32) -> Won {
    let Some(m) = month_period(year, month) else { return Won::ZERO };
    let Some(covered) = lease.intersection(&m) else { return Won::ZERO };
    let days = i128::from(m.days());
    let upto = |d: NaiveDate| -> i128 {
        let k = i128::from((d - m.start()).num_days());
        i128::from(monthly.0) * k / days
    };
    Won((upto(covered.end()) - upto(covered.start())) as i64)
}

/// How soon a lease ends, for the 60/30-day flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Expiry {
    /// Ends within 30 days.
    Within30,
    /// Ends within 60 days.
    Within60,
}

/// Days from `today` to the lease's last day (`to` - 1): `D-35`.
pub fn days_left(to: NaiveDate, today: NaiveDate) -> i64 {
    (to - today).num_days() - 1
}

/// The flag for a lease ending (exclusive) on `to`, seen on `today`; `None`
/// if it has ended or ends later than 60 days from now.
pub fn expiry(to: NaiveDate, today: NaiveDate) -> Option<Expiry> {
    match days_left(to, today) {
        d if d < 0 => None,
        0..=30 => Some(Expiry::Within30),
        31..=60 => Some(Expiry::Within60),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p(a: NaiveDate, b: NaiveDate) -> Period<NaiveDate> {
        Period::new(a, b).unwrap()
    }

    #[test]
    fn a_full_month_is_the_full_rent() {
        let year = p(d(2026, 1, 1), d(2027, 1, 1));
        for m in 1..=12 {
            assert_eq!(charge_for_month(&year, Won(660_000), 2026, m), Won(660_000));
        }
        assert_eq!(charge_for_month(&year, Won(660_000), 2027, 1), Won::ZERO);
    }

    #[test]
    fn partial_months_are_prorated_by_days() {
        // 15 of 30 days of November.
        assert_eq!(charge_for_month(&p(d(2026, 11, 16), d(2027, 1, 1)), Won(600_000), 2026, 11), Won(300_000));
        // A lease starting on the 31st: one day of a 31-day month.
        assert_eq!(charge_for_month(&p(d(2026, 1, 31), d(2026, 3, 1)), Won(310_000), 2026, 1), Won(10_000));
        // February of a leap year has 29 days.
        assert_eq!(charge_for_month(&p(d(2028, 2, 15), d(2028, 3, 1)), Won(290_000), 2028, 2), Won(150_000));
        assert_eq!(charge_for_month(&p(d(2026, 2, 15), d(2026, 3, 1)), Won(280_000), 2026, 2), Won(140_000));
    }

    #[test]
    fn lease_input_refusals_name_their_field() {
        let ok = LeaseInput {
            company: "124-81-00998".into(),
            room: "301".into(),
            from: "2026-01-01".into(),
            to: "2027-01-01".into(),
            rent: "660,000".into(),
            fee: "120000".into(),
            deposit: None,
        };
        let l = ok.validate().unwrap();
        assert_eq!((l.rent, l.fee, l.deposit), (Won(660_000), Won(120_000), Won(0)));
        let field = |i: LeaseInput| i.validate().unwrap_err().field;
        assert_eq!(field(LeaseInput { to: "2026-01-01".into(), ..ok.clone() }), Field::To);
        assert_eq!(field(LeaseInput { to: "2025-12-31".into(), ..ok.clone() }), Field::To);
        assert_eq!(field(LeaseInput { from: "2026-02-30".into(), ..ok.clone() }), Field::From);
        assert_eq!(field(LeaseInput { rent: "-1".into(), ..ok.clone() }), Field::Rent);
        assert_eq!(field(LeaseInput { fee: "1.5".into(), ..ok.clone() }), Field::Fee);
        assert_eq!(field(LeaseInput { deposit: Some("99999999999999999999".into()), ..ok.clone() }), Field::Deposit);
        // Empty is not zero: a rent, fee or deposit given empty is refused.
        assert_eq!(field(LeaseInput { rent: String::new(), ..ok.clone() }), Field::Rent);
        assert_eq!(field(LeaseInput { fee: " ".into(), ..ok.clone() }), Field::Fee);
        assert_eq!(field(LeaseInput { deposit: Some(String::new()), ..ok.clone() }), Field::Deposit);
        assert_eq!(field(LeaseInput { room: String::new(), ..ok }), Field::Room);
    }

    #[test]
    fn expiry_flags() {
        let today = d(2026, 11, 26);
        // Ends 2026-12-31 (to = 2027-01-01): D-35.
        assert_eq!(days_left(d(2027, 1, 1), today), 35);
        assert_eq!(expiry(d(2027, 1, 1), today), Some(Expiry::Within60));
        assert_eq!(expiry(d(2026, 12, 27), today), Some(Expiry::Within30));
        assert_eq!(expiry(d(2026, 11, 27), today), Some(Expiry::Within30), "last day today");
        assert_eq!(expiry(d(2026, 11, 26), today), None, "already over");
        assert_eq!(expiry(d(2027, 1, 27), today), None);
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        (0i64..4000).prop_map(|n| d(2020, 1, 1) + chrono::Duration::days(n))
    }

    fn months(period: &Period<NaiveDate>) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let (mut y, mut m) = month_of(period.start());
        while let Some(mp) = month_period(y, m) {
            if mp.start() >= period.end() {
                break;
            }
            out.push((y, m));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        out
    }

    fn total(period: &Period<NaiveDate>, monthly: Won) -> i64 {
        months(period).into_iter().map(|(y, m)| charge_for_month(period, monthly, y, m).0).sum()
    }

    proptest! {
        #[test]
        fn splitting_a_lease_keeps_every_won(a in date(), len in 1i64..1500, cut in 1i64..1500, monthly in 0i64..100_000_000) {
            let whole = p(a, a + chrono::Duration::days(len));
            let cut = cut % len;
            prop_assume!(cut > 0);
            let mid = a + chrono::Duration::days(cut);
            let (first, second) = (p(a, mid), p(mid, whole.end()));
            prop_assert_eq!(total(&first, Won(monthly)) + total(&second, Won(monthly)), total(&whole, Won(monthly)));
        }

        #[test]
        fn whole_months_sum_to_rent_times_months(y in 2020i32..2040, m in 1u32..=12, n in 1u32..36, monthly in 0i64..100_000_000) {
            let start = month_start(y, m).unwrap();
            let end = start.checked_add_months(chrono::Months::new(n)).unwrap();
            prop_assert_eq!(total(&p(start, end), Won(monthly)), monthly * i64::from(n));
        }

        #[test]
        fn a_month_never_charges_more_than_the_rent(a in date(), len in 1i64..100, monthly in 0i64..100_000_000) {
            let lease = p(a, a + chrono::Duration::days(len));
            for (y, m) in months(&lease) {
                let c = charge_for_month(&lease, Won(monthly), y, m).0;
                prop_assert!((0..=monthly).contains(&c));
            }
        }
    }
}
