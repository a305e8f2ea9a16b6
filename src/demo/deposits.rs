//! The demo's deposits: every lease chain that has begun paid its deposit
//! on its first day, and every chain that has ended was settled in the
//! middle of the next month, once its last month's statement was issued,
//! against whatever its company still owed then (the companies that left
//! last winter had their January unpaid: the deposit paid it).

use chrono::{Datelike, NaiveDate};

use crate::db::{Store, deposit};
use crate::error::Result;

pub fn add(store: &mut Store, today: NaiveDate) -> Result<usize> {
    let mut n = 0;
    for chain in deposit::list(store, None)? {
        if chain.agreed.0 == 0 || chain.from > today {
            continue;
        }
        let lease = chain.last_lease().to_owned();
        deposit::receive(store, &lease, &chain.from.to_string(), &chain.agreed.0.to_string(), "계약금과 함께 입금")?;
        n += 1;
        let settled_on = chain
            .last_day
            .with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .map(|d| d + chrono::Days::new(14));
        if let Some(after) = settled_on.filter(|d| *d <= today) {
            deposit::settle(store, &lease, &after.to_string(), None, "퇴거 정산")?;
        }
    }
    Ok(n)
}
