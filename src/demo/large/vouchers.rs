//! The large centre's rate classes and vouchers, so that its statements
//! and reports read what a real centre's do: one company in five priced as
//! an SME, one in twenty as a mid-size firm, and the national programme
//! (70 %, 30,000,000원 a party a year) granted each year to one company in
//! ten, whose completed use that year draws its share. Companies whose
//! share would pass the cap are left out of that year's grants, as the
//! programme's office would; the cap holds in the schema either way. The
//! ministry is billed the shares from this month on.

use chrono::{Datelike, NaiveDate};

use super::Loaded;
use crate::db::Write;
use crate::domain::{Minute, Won};
use crate::error::Result;
use crate::store::sql::demo::vouchers::{self as sql, Programme};

const SHARE: i64 = 7_000;
const CAP: Won = Won(30_000_000);

/// Sets the classes and grants the programme from `first`'s year to this
/// one; how many grants.
pub(super) fn add(w: &mut Write<'_>, loaded: &Loaded<'_>, first: NaiveDate) -> Result<usize> {
    sql::classes(w.sql(), "sme", 5, 1)?;
    sql::classes(w.sql(), "mid-size", 20, 2)?;
    let now = w.now();
    let today = now.date();
    let (Some(from), Some(last_day)) =
        (NaiveDate::from_ymd_opt(first.year(), 1, 1), NaiveDate::from_ymd_opt(today.year(), 12, 31))
    else {
        return Ok(0);
    };
    let programme = Programme {
        code: "VP-0001",
        name: "연구장비 공동이용 지원사업",
        funder: "과학기술정보통신부",
        share: SHARE,
        cap: CAP,
        from,
        last_day,
        at: Minute::at(from, 9, 0),
    };
    let id = sql::programme(w.sql(), &programme)?;
    // Its funder is billed the shares from this month, the first not yet
    // issued: the months before were settled outside kiln.
    let payer = sql::funder(w.sql(), programme.funder, "1388301234", "한지원")?;
    let this_month = today.with_day(1).unwrap_or(today);
    crate::store::sql::voucher::set_payer(w.sql(), id, payer, Some(this_month))?;
    let who = w.who().to_owned();
    let mut grants = 0;
    for year in first.year()..=today.year() {
        let (Some(start), Some(next)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year + 1, 1, 1))
        else {
            continue;
        };
        let span = (Minute::at(start, 0, 0), Minute::at(next, 0, 0));
        let at = Minute::at(start, 9, 0);
        grants += sql::grant_and_draw(w.sql(), id, (SHARE, CAP), 10, year, span, (at, &who))?;
    }
    loaded.table(w, "voucher_programme", 1)?;
    loaded.table(w, "party", 1)?;
    loaded.table(w, "voucher_grant", grants)
}
