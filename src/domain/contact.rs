//! Telephone numbers and e-mail addresses as the centre writes them.

use super::invalid::Problem;

const PHONE_EXAMPLE: Problem = Problem::Format { example: "010-1234-5678" };
const EMAIL_EXAMPLE: Problem = Problem::Format { example: "name@example.kr" };

/// Korean area codes after the leading 0: Seoul 02, then the provinces.
const AREA_CODES: [&str; 17] =
    ["2", "31", "32", "33", "41", "42", "43", "44", "51", "52", "53", "54", "55", "61", "62", "63", "64"];

/// Normalizes a Korean telephone number to its dashed form: mobile
/// (010-1234-5678, and the old 011/016–019), Seoul (02-123-4567,
/// 02-1234-5678), the area codes 031–064, internet phones (070-1234-5678) and
/// nationwide numbers (1588-1234; 15XX, 16XX, 18XX). Spaces, dots and
/// parentheses are accepted between the parts.
pub fn phone(raw: &str) -> Result<String, Problem> {
    let mut digits = String::new();
    for c in raw.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            '-' | ' ' | '.' | '(' | ')' => {}
            _ => return Err(PHONE_EXAMPLE),
        }
    }
    let split = |prefix: &str, rest: &str| -> Result<String, Problem> {
        if !(7..=8).contains(&rest.len()) {
            return Err(PHONE_EXAMPLE);
        }
        let (mid, last) = rest.split_at(rest.len() - 4);
        Ok(format!("{prefix}-{mid}-{last}"))
    };
    if let Some(rest) = digits.strip_prefix('0') {
        if let Some(tail) = rest.strip_prefix("10").or_else(|| rest.strip_prefix("70")) {
            if tail.len() != 8 {
                return Err(PHONE_EXAMPLE);
            }
            return split(&digits[..3], tail);
        }
        for legacy in ["11", "16", "17", "18", "19"] {
            if let Some(tail) = rest.strip_prefix(legacy) {
                return split(&digits[..3], tail);
            }
        }
        // "2" must be tried before the two-digit codes, none of which starts with 2.
        for code in AREA_CODES {
            if let Some(tail) = rest.strip_prefix(code) {
                return split(&digits[..=code.len()], tail);
            }
        }
        return Err(PHONE_EXAMPLE);
    }
    if digits.len() == 8 && ["15", "16", "18"].iter().any(|p| digits.starts_with(p)) {
        return Ok(format!("{}-{}", &digits[..4], &digits[4..]));
    }
    Err(PHONE_EXAMPLE)
}

/// A plain internet address: one `@`, a local part of the usual characters
/// without leading, trailing or doubled dots, and a domain of at least two
/// labels ending in letters. The domain is lower-cased.
pub fn email(raw: &str) -> Result<String, Problem> {
    let s = raw.trim();
    if s.chars().count() > super::text::caps::EMAIL {
        return Err(Problem::TooLong { max: super::text::caps::EMAIL });
    }
    let (local, domain) = s.split_once('@').ok_or(EMAIL_EXAMPLE)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
    if !local_ok || !domain_ok {
        return Err(EMAIL_EXAMPLE);
    }
    Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_korean_phone_formats() {
        let cases = [
            ("010-1234-5678", "010-1234-5678"),
            ("01012345678", "010-1234-5678"),
            ("02-123-4567", "02-123-4567"),
            ("02 1234 5678", "02-1234-5678"),
            ("(033) 640-1234", "033-640-1234"),
            ("064-123-4567", "064-123-4567"),
            ("070-1234-5678", "070-1234-5678"),
            ("1588-1234", "1588-1234"),
            ("1644.0000", "1644-0000"),
            ("011-123-4567", "011-123-4567"),
        ];
        for (raw, want) in cases {
            assert_eq!(phone(raw).as_deref(), Ok(want), "{raw}");
        }
    }

    #[test]
    fn refuses_other_numbers() {
        for raw in [
            "",
            "010-123-4567",
            "030-123-4567",
            "065-123-4567",
            "02-12-345",
            "1234-5678",
            "+82-10-1234-5678",
            "010-1234-56789",
            "전화",
            "1588-12345",
        ] {
            assert!(phone(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(email(" info@CeraTech.KR ").as_deref(), Ok("info@ceratech.kr"));
        assert_eq!(email("kim.minsu+lab@gwtp.or.kr").as_deref(), Ok("kim.minsu+lab@gwtp.or.kr"));
        for raw in [
            "",
            "abc",
            "a@b",
            "a@@b.kr",
            "@b.kr",
            "a@.kr",
            "a..b@c.kr",
            ".a@c.kr",
            "a b@c.kr",
            "김@c.kr",
            "a@c.k",
            "a@-c.kr",
            "a@c.12",
        ] {
            assert!(email(raw).is_err(), "{raw}");
        }
    }

    proptest! {
        #[test]
        fn normalized_phones_normalize_to_themselves(raw in "[0-9 ()-.]{0,16}") {
            if let Ok(p) = phone(&raw) {
                prop_assert_eq!(phone(&p), Ok(p.clone()));
            }
        }

        #[test]
        fn mobile_numbers_always_pass(a in 0u32..10000, b in 0u32..10000) {
            prop_assert_eq!(phone(&format!("010{a:04}{b:04}")), Ok(format!("010-{a:04}-{b:04}")));
        }

        #[test]
        fn email_never_panics(s in "\\PC{0,40}") {
            let _ = email(&s);
        }
    }
}
