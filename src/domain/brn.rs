//! 사업자등록번호: the ten-digit business registration number every Korean
//! company prints on its invoices. Its last digit is a check digit, so most
//! typing errors are caught before they reach the register.

use std::fmt;

use serde::{Serialize, Serializer};

use super::invalid::{BrnProblem, Problem};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Brn([u8; 10]);

const WEIGHTS: [u32; 9] = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/// The check digit for the first nine digits: weights 1,3,7,1,3,7,1,3,5, plus
/// ⌊5·d9/10⌋, and the tens complement of the sum's last digit.
pub fn check_digit(first9: &[u8; 9]) -> u8 {
    let mut sum: u32 = first9.iter().zip(WEIGHTS).map(|(&d, w)| u32::from(d) * w).sum();
    sum += u32::from(first9[8]) * 5 / 10;
    ((10 - sum % 10) % 10) as u8
}

impl Brn {
    /// Accepts `1248100998` or `124-81-00998` (spaces ignored).
    pub fn parse(raw: &str) -> Result<Brn, Problem> {
        let mut digits = [0u8; 10];
        let mut n = 0;
        for c in raw.trim().chars() {
            match c {
                '-' | ' ' => {}
                '0'..='9' if n < 10 => {
                    digits[n] = c as u8 - b'0';
                    n += 1;
                }
                _ => return Err(Problem::Brn(BrnProblem::Length)),
            }
        }
        if n != 10 {
            return Err(Problem::Brn(BrnProblem::Length));
        }
        Brn::from_digits(digits)
    }

    fn from_digits(d: [u8; 10]) -> Result<Brn, Problem> {
        let office = u32::from(d[0]) * 100 + u32::from(d[1]) * 10 + u32::from(d[2]);
        if office < 101 {
            return Err(Problem::Brn(BrnProblem::TaxOffice));
        }
        if d[3] == 0 && d[4] == 0 {
            return Err(Problem::Brn(BrnProblem::Kind));
        }
        if d[5..9].iter().all(|&x| x == 0) {
            return Err(Problem::Brn(BrnProblem::Serial));
        }
        let mut first9 = [0u8; 9];
        first9.copy_from_slice(&d[..9]);
        if check_digit(&first9) != d[9] {
            return Err(Problem::Brn(BrnProblem::CheckDigit));
        }
        Ok(Brn(d))
    }

    /// Completes nine digits with their check digit; `None` if the parts are
    /// not a possible number. Used by the demo to make believable BRNs.
    pub fn complete(first9: [u8; 9]) -> Option<Brn> {
        let mut d = [0u8; 10];
        d[..9].copy_from_slice(&first9);
        d[9] = check_digit(&first9);
        Brn::from_digits(d).ok()
    }

    /// The ten digits with no dashes, as stored.
    pub fn digits(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl fmt::Display for Brn {
    /// `124-81-00998`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.digits();
        write!(f, "{}-{}-{}", &s[..3], &s[3..5], &s[5..])
    }
}

impl Serialize for Brn {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers() {
        assert_eq!(Brn::parse("124-81-00998").unwrap().to_string(), "124-81-00998");
        assert_eq!(Brn::parse("2208162517").unwrap().to_string(), "220-81-62517");
        assert_eq!(Brn::parse("124-81-00999"), Err(Problem::Brn(BrnProblem::CheckDigit)));
    }

    #[test]
    fn refuses_each_part() {
        assert_eq!(Brn::parse("124-81-0099"), Err(Problem::Brn(BrnProblem::Length)));
        assert_eq!(Brn::parse("124-81-009981"), Err(Problem::Brn(BrnProblem::Length)));
        assert_eq!(Brn::parse("12a-81-00998"), Err(Problem::Brn(BrnProblem::Length)));
        assert_eq!(Brn::parse("100-81-00998"), Err(Problem::Brn(BrnProblem::TaxOffice)));
        assert_eq!(Brn::parse("124-00-00998"), Err(Problem::Brn(BrnProblem::Kind)));
        assert_eq!(Brn::parse("124-81-00000"), Err(Problem::Brn(BrnProblem::Serial)));
    }

    fn first9() -> impl Strategy<Value = [u8; 9]> {
        (101u32..=999, 1u32..=99, 1u32..=9999).prop_map(|(a, b, c)| {
            let s = format!("{a:03}{b:02}{c:04}");
            let mut d = [0u8; 9];
            for (i, ch) in s.bytes().enumerate() {
                d[i] = ch - b'0';
            }
            d
        })
    }

    proptest! {
        #[test]
        fn completed_numbers_parse_with_and_without_dashes(d in first9()) {
            let brn = Brn::complete(d).unwrap();
            prop_assert_eq!(Brn::parse(&brn.to_string()), Ok(brn));
            prop_assert_eq!(Brn::parse(&brn.digits()), Ok(brn));
        }

        #[test]
        fn any_other_last_digit_is_refused(d in first9(), wrong in 0u8..10) {
            let brn = Brn::complete(d).unwrap();
            prop_assume!(wrong != brn.0[9]);
            let mut s = brn.digits();
            s.pop();
            s.push(char::from(b'0' + wrong));
            prop_assert_eq!(Brn::parse(&s), Err(Problem::Brn(BrnProblem::CheckDigit)));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = Brn::parse(&s);
        }
    }
}
