//! 법인등록번호: the thirteen-digit number of a corporation, `130111-0006246`.

use std::fmt;

use super::invalid::{BrnProblem, Problem};

const EXAMPLE: Problem = Problem::Format { example: "130111-0006246" };

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CorporateNo([u8; 13]);

impl CorporateNo {
    /// Accepts the number with or without its dash. The last digit is the
    /// tens complement of the first twelve weighted 1,2,1,2,….
    pub fn parse(raw: &str) -> Result<CorporateNo, Problem> {
        let mut d = [0u8; 13];
        let mut n = 0;
        for c in raw.trim().chars() {
            match c {
                '-' | ' ' => {}
                '0'..='9' if n < 13 => {
                    d[n] = c as u8 - b'0';
                    n += 1;
                }
                _ => return Err(EXAMPLE),
            }
        }
        if n != 13 {
            return Err(EXAMPLE);
        }
        let sum: u32 = d[..12].iter().enumerate().map(|(i, &x)| u32::from(x) * if i % 2 == 0 { 1 } else { 2 }).sum();
        if (10 - sum % 10) % 10 != u32::from(d[12]) {
            // Said as for a BRN: the form is right, the last digit is not.
            return Err(Problem::Brn(BrnProblem::CheckDigit));
        }
        Ok(CorporateNo(d))
    }

    pub fn digits(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl fmt::Display for CorporateNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.digits();
        write!(f, "{}-{}", &s[..6], &s[6..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_number() {
        assert_eq!(CorporateNo::parse("130111-0006246").unwrap().to_string(), "130111-0006246");
        assert_eq!(CorporateNo::parse("1301110006246").unwrap().digits(), "1301110006246");
        assert_eq!(CorporateNo::parse("130111-0006247"), Err(Problem::Brn(BrnProblem::CheckDigit)));
        assert_eq!(CorporateNo::parse("130111-000624x"), Err(EXAMPLE));
        assert!(CorporateNo::parse("130111-000624").is_err());
        assert!(CorporateNo::parse("130111-00062466").is_err());
    }

    proptest! {
        #[test]
        fn exactly_one_last_digit_passes(first in "[0-9]{12}") {
            let passing = (0..10).filter(|d| CorporateNo::parse(&format!("{first}{d}")).is_ok()).count();
            prop_assert_eq!(passing, 1);
        }
    }
}
