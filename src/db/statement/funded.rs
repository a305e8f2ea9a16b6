//! Voucher shares on the statements of the party a programme names as its
//! payer (the funder, as kiln bills it): a line for each share of a use
//! started in the month, naming the machine, the time and the party whose
//! use it paid. The party's own line of that use bills the rest and names
//! the programme beside it; the two add up to the use's charge. A share
//! changed after its month was issued reaches the payer's next statement as
//! an adjustment, as any correction does (and so a 수정세금계산서).

use crate::domain::statement::{Line, LineKind, LineTerms, Tax};
use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::Sql;

use crate::store::sql::statement::funded as sql;
pub(super) use crate::store::sql::statement::funded::Funded;

/// The shares billed to `payer_id` of the uses started in `[from, until)`.
pub(super) fn of(db: Sql<'_>, payer_id: i64, from: Minute, until: Minute) -> Result<Vec<Funded>> {
    sql::of(db, payer_id, from, until)
}

/// A line for each share: the machine, the time of use and whose use it
/// was; the share as the amount, taxed as the use is.
pub(super) fn lines(shares: &[Funded]) -> Vec<Line> {
    shares
        .iter()
        .filter_map(|s| {
            let (programme, share) = s.used.voucher.clone()?;
            let u = &s.used;
            let (quantity, unit) = super::draft::measured(u);
            Some(Line {
                kind: LineKind::Voucher,
                subject: format!("{} {}", u.code, u.name),
                detail: format!("{} · {}", super::draft::when(u.start, u.end), s.user),
                quantity,
                unit,
                unit_price: None,
                amount: share,
                source: u.id.to_string(),
                terms: LineTerms {
                    nfec: u.nfec.clone(),
                    voucher: Some(programme),
                    voucher_share: Won::ZERO,
                    tax: Tax::Taxable,
                    paid_for: Some(s.user_id),
                    ..LineTerms::default()
                },
            })
        })
        .collect()
}
