//! Bad input that once got through (issue 15, section 3): invisible
//! characters in names and codes, empty sums and counts read as 0, edits
//! with nothing in them, years past the calendar, managers nobody registered.

use super::*;

macro_rules! lease {
    ($rest:literal) => {
        concat!("lease add --company 124-81-00998 --room 302 --from 2027-03-01 --to 2028-03-01 ", $rest)
    };
}

macro_rules! booking {
    ($rest:literal) => {
        concat!(
            "booking add --equipment EQ-0001 --person P-0001 --from '2026-12-02 09:00' --to '2026-12-02 10:00' ",
            $rest
        )
    };
}

pub fn cases() -> Vec<Case> {
    vec![
        // Invisible characters (Unicode Default_Ignorable_Code_Point).
        fs(2, F::User, "U+200B", "user add 'root\u{200b}' --role viewer"),
        fs(2, F::User, "U+FEFF", "user add '\u{feff}kim' --role viewer"),
        fs(2, F::User, "U+00AD", "user add 'ki\u{ad}m' --role viewer"),
        fs(2, F::User, "U+200C", "user role 'root\u{200c}' --role viewer"),
        fs(2, F::RoomCode, "U+200D", "room add --code '1\u{200d}01' --floor 1 --kind office --area-m2 10"),
        fs(2, F::Name, "U+200B", "person add --name '\u{200b}\u{200d}\u{2060}'"),
        fs(2, F::Name, "U+3164", "person add --name '김\u{3164}'"),
        fs(2, F::Name, "U+FFA0", "person add --name '\u{ffa0}'"),
        fs(2, F::Name, "U+115F", "person add --name '\u{115f}\u{1161}'"),
        fs(2, F::Name, "U+200C", "company add --name '세라텍\u{200c}' --brn 220-81-62517"),
        fs(2, F::Representative, "U+2060", "company edit 124-81-00998 --representative '박\u{2060}서준'"),
        fs(2, F::Name, "U+2060", "equipment add --code EQ-0002 --name 'X\u{2060}' --category analysis"),
        fs(2, F::Name, "U+FE0F", "equipment edit EQ-0001 --name 'XRD\u{fe0f}'"),
        fs(2, F::Title, "U+FEFF", "course add --code KILN-102 --title '안전\u{feff}' --hours 5"),
        fs(2, F::Name, "U+1160", "closed-day add --date 2026-12-24 --name '휴무\u{1160}'"),
        // Empty is not zero: a sum or a count given empty.
        fs(2, F::Sales, "is empty", "report-year set --company 124-81-00998 --year 2026 --sales ''"),
        f(2, F::Employees, "report-year set --company 124-81-00998 --year 2026 --employees ''"),
        f(2, F::Investment, "report-year set --company 124-81-00998 --year 2026 --investment ' '"),
        f(2, F::Rent, "room add --code 303 --floor 3 --kind office --area-m2 10 --rent-per-m2 ''"),
        fs(2, F::TenantRate, "is empty", "equipment add --code EQ-0002 --name X --category analysis --tenant-rate ''"),
        f(2, F::ExternalRate, "equipment edit EQ-0001 --external-rate ''"),
        f(2, F::Slot, "equipment add --code EQ-0002 --name X --category analysis --slot ''"),
        f(2, F::Horizon, "equipment edit EQ-0001 --horizon ''"),
        f(2, F::Samples, "booking check-out 1 --samples ''"),
        // An edit with nothing to change.
        w(2, "nothing to change", "바꿀 내용이 없습니다", "company edit 124-81-00998"),
        w(2, "nothing to change", "바꿀 내용이 없습니다", "equipment edit EQ-0001"),
        // One range of years: the one `holidays` takes.
        fs(2, F::Year, "from 1990 to 2100", "report programme --year 99999"),
        fs(2, F::Year, "from 1990 to 2100", "report top-users --year 99999"),
        f(2, F::Year, "report programme --year 1989"),
        f(2, F::Year, "report top-users --year -5"),
        f(2, F::Year, "report programme --year -5 --json"),
        // A machine's manager is a registered operator.
        fs(2, F::User, "e.g. kim", "equipment add --code EQ-0002 --name X --category analysis --manager 'a b'"),
        fs(2, F::User, "kiln user add", "equipment add --code EQ-0002 --name X --category analysis --manager nobody"),
        fs(2, F::User, "not an account registered", "equipment edit EQ-0001 --manager nobody"),
        f(2, F::User, "equipment edit EQ-0001 --manager 'root\u{200b}'"),
        fs(2, F::Rent, "is empty", lease!("--rent '' --fee 1")),
        fs(2, F::Fee, "is empty", lease!("--rent 1 --fee ''")),
        fs(2, F::Deposit, "is empty", lease!("--rent 1 --fee 1 --deposit ''")),
        fs(2, F::Weeks, "is empty", booking!("--weeks ''")),
        fs(2, F::Samples, "is empty", booking!("--samples ''")),
    ]
}
