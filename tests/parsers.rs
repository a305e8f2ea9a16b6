//! The parsers of typed values over arbitrary text: none panics, and
//! whatever one accepts it writes back as text it reads to the same value.
//! Besides any string, each runs on strings close to its own shape, so that
//! the accepting paths are exercised as often as the refusing ones.

use kiln::domain::money::group;
use kiln::domain::statement::{month_text, parse_month};
use kiln::domain::time::{date_text, parse_date, parse_time};
use kiln::domain::{Area, Brn, CorporateNo, Minute, Won};
use proptest::prelude::*;

/// Any text, Hangul and controls included.
fn anything() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,24}",
        proptest::collection::vec(any::<u8>(), 0..40).prop_map(|b| String::from_utf8_lossy(&b).into_owned())
    ]
}

/// Digits and the separators people put between them.
fn digits_and(separators: &'static str, len: usize) -> impl Strategy<Value = String> {
    let sep: Vec<char> = separators.chars().collect();
    proptest::collection::vec(
        prop_oneof![4 => proptest::char::range('0', '9'), 1 => proptest::sample::select(sep)],
        0..len,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn dates_read_back(s in prop_oneof![anything(), digits_and("-./ ", 14), "(19|20|21)[0-9]{2}[-./] ?[01]?[0-9][-./] ?[0-3]?[0-9]\\.?"]) {
        if let Ok(d) = parse_date(&s) {
            prop_assert_eq!(parse_date(&date_text(d)), Ok(d), "{:?}", s);
        }
    }

    #[test]
    fn times_read_back(s in prop_oneof![anything(), digits_and(": ", 7), " ?[0-2]?[0-9]:[0-6][0-9] ?"]) {
        if let Ok(t) = parse_time(&s) {
            let text = t.format("%H:%M").to_string();
            prop_assert_eq!(parse_time(&text), Ok(t), "{:?}", s);
        }
    }

    #[test]
    fn instants_read_back(s in prop_oneof![anything(), digits_and("-.: T", 20), "20[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}[ T][0-9]{1,2}:[0-9]{2}"]) {
        if let Ok(m) = Minute::parse(&s) {
            prop_assert_eq!(Minute::parse(&m.to_string()), Ok(m), "{:?}", s);
        }
    }

    #[test]
    fn amounts_read_back(s in prop_oneof![anything(), digits_and(",원 -.", 24), "[0-9]{1,3}(,[0-9]{3}){0,5} ?원?"]) {
        if let Ok(w) = Won::parse(&s) {
            prop_assert!(w >= Won::ZERO && w <= Won::LIMIT, "{:?} → {:?}", s, w);
            prop_assert_eq!(Won::parse(&w.to_string()), Ok(w));
            prop_assert_eq!(Won::parse(&group(i128::from(w.0))), Ok(w));
        }
    }

    #[test]
    fn areas_read_back(s in prop_oneof![anything(), digits_and(".,- m²", 12), "[0-9]{1,4}(\\.[0-9]{1,3})? ?(m²|m2)?"]) {
        if let Ok(a) = Area::from_m2(&s) {
            prop_assert!(a > Area(0) && a <= Area::SITE, "{:?} → {:?}", s, a);
            prop_assert_eq!(Area::from_m2(&a.m2_text()), Ok(a));
        }
    }

    #[test]
    fn business_numbers_read_back(s in prop_oneof![anything(), digits_and("- ", 14), "[1-9][0-9]{2}-[0-9]{2}-[0-9]{5}"]) {
        if let Ok(b) = Brn::parse(&s) {
            prop_assert_eq!(Brn::parse(&b.to_string()), Ok(b), "{:?}", s);
            prop_assert_eq!(Brn::parse(&b.digits()), Ok(b));
        }
    }

    #[test]
    fn corporate_numbers_read_back(s in prop_oneof![anything(), digits_and("- ", 16), "[0-9]{6}-[0-9]{7}"]) {
        if let Ok(c) = CorporateNo::parse(&s) {
            prop_assert_eq!(CorporateNo::parse(&c.to_string()), Ok(c), "{:?}", s);
            prop_assert_eq!(CorporateNo::parse(&c.digits()), Ok(c));
        }
    }

    #[test]
    fn months_read_back(s in prop_oneof![anything(), digits_and("-./ ", 9), "[0-9]{4}-[0-9]{1,2}"]) {
        if let Ok((y, m)) = parse_month(&s) {
            prop_assert!((1..=12).contains(&m), "{:?}", s);
            prop_assert_eq!(parse_month(&month_text(y, m)), Ok((y, m)), "{:?}", s);
        }
    }
}
