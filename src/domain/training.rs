//! The training programme's rules: course and cohort codes, what counts as
//! attending, the 80 % completion threshold, qualification validity and
//! certificate numbers.

use chrono::{Months, NaiveDate};

use super::codes::Attendance;
use super::invalid::{Field, ForField, Invalid, Problem};
use super::text::{self, caps};
use super::time::parse_date;

const COURSE_EXAMPLE: Problem = Problem::Format { example: "KILN-101" };

/// A course code: capital letters, a dash, digits (`KILN-101`).
pub fn course_code(raw: &str) -> Result<String, Problem> {
    let s = raw.trim().to_ascii_uppercase();
    let (letters, digits) = s.split_once('-').ok_or(COURSE_EXAMPLE)?;
    let ok = !letters.is_empty()
        && letters.len() <= 10
        && letters.chars().all(|c| c.is_ascii_uppercase())
        && !digits.is_empty()
        && digits.len() <= 6
        && digits.chars().all(|c| c.is_ascii_digit());
    if ok { Ok(s) } else { Err(COURSE_EXAMPLE) }
}

/// A cohort code: letters, digits and dashes (`2026-1`).
pub fn cohort_code(raw: &str) -> Result<String, Problem> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 20 || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Problem::Format { example: "2026-1" });
    }
    Ok(s.to_owned())
}

/// `KILN-101/2026-1`: a course and one of its cohorts.
pub fn cohort_ref(raw: &str) -> Result<(String, String), Problem> {
    let example = Problem::Format { example: "KILN-101/2026-1" };
    let (course, cohort) = raw.split_once('/').ok_or(example.clone())?;
    Ok((course_code(course).map_err(|_| example.clone())?, cohort_code(cohort).map_err(|_| example)?))
}

/// Minutes attended and minutes held: present and late count, excused counts
/// only if the course says so.
pub fn attended_minutes(sessions: &[(i64, Option<Attendance>)], excused_counts: bool) -> (i64, i64) {
    let total = sessions.iter().map(|(m, _)| m).sum();
    let attended = sessions
        .iter()
        .filter(|(_, a)| match a {
            Some(Attendance::Present | Attendance::Late) => true,
            Some(Attendance::Excused) => excused_counts,
            Some(Attendance::Absent) | None => false,
        })
        .map(|(m, _)| m)
        .sum();
    (attended, total)
}

/// A trainee completes with at least 80 % of the session hours attended.
/// Exact: 79.9 % fails, 80 % passes.
pub fn passes(attended: i64, total: i64) -> bool {
    total > 0 && attended * 10 >= total * 8
}

/// The last day a qualification from `from` is valid, for `months` months:
/// completed 2026-03-15 for 24 months is valid through 2028-03-14.
pub fn valid_until(from: NaiveDate, months: u32) -> Option<NaiveDate> {
    from.checked_add_months(Months::new(months))?.pred_opt()
}

/// `KILN-101-2026-1-007`
pub fn certificate(course: &str, cohort: &str, serial: i64) -> String {
    format!("{course}-{cohort}-{serial:03}")
}

/// What was typed for a new course.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CourseInput {
    pub code: String,
    pub title: String,
    pub title_en: String,
    pub hours: String,
    pub description: String,
    /// Months a qualification from the course lasts; 0 or empty: none.
    pub validity_months: String,
    /// yes: an excused absence counts as attended.
    pub excused_counts: String,
    /// Machines the course qualifies for, comma separated (`EQ-0002, EQ-0001`).
    pub equipment: String,
    /// Courses to have completed first, comma separated.
    pub prerequisites: String,
    /// The fee per enrolment in won (교육비); empty or 0: free.
    pub fee: String,
    /// `exempt` (the default: training that meets the exemption's
    /// conditions bears no VAT) or `taxable`.
    pub fee_tax: String,
}

/// How a course fee is taxed, as typed: `exempt` (면세, the default) or
/// `taxable` (과세).
pub fn fee_tax(raw: &str) -> Result<super::statement::Tax, Invalid> {
    use super::statement::Tax;
    match raw.trim() {
        "" | "exempt" | "면세" => Ok(Tax::Exempt),
        "taxable" | "과세" => Ok(Tax::Taxable),
        _ => Err(Invalid::new(Field::FeeTax, raw, Problem::OneOf { accepted: &["exempt", "taxable", "면세", "과세"] })),
    }
}

/// A course fee as typed: empty is none.
pub fn course_fee(raw: &str) -> Result<super::Won, Invalid> {
    if raw.trim().is_empty() {
        return Ok(super::Won::ZERO);
    }
    super::Won::parse(raw).field(Field::CourseFee, raw)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCourse {
    pub code: String,
    pub title: String,
    pub title_en: String,
    pub hours: i64,
    pub description: String,
    pub validity_months: u32,
    pub excused_counts: bool,
    pub equipment: Vec<String>,
    pub prerequisites: Vec<String>,
    pub fee: super::Won,
    pub fee_tax: super::statement::Tax,
}

fn list(raw: &str) -> Vec<String> {
    raw.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

fn number(raw: &str, field: Field, min: i64, max: i64) -> Result<i64, Invalid> {
    let range = Problem::OutOfRange { min, max };
    raw.trim().parse::<i64>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(|| Invalid::new(field, raw, range))
}

impl CourseInput {
    pub fn validate(&self) -> Result<NewCourse, Invalid> {
        let code = course_code(&self.code).field(Field::Course, &self.code)?;
        let title = text::name(&self.title, caps::NAME).field(Field::Title, &self.title)?;
        let title_en = text::clean(&self.title_en, caps::NAME).field(Field::Title, &self.title_en)?;
        let hours = number(&self.hours, Field::CourseHours, 1, 1000)?;
        let description = text::clean(&self.description, caps::NOTE).field(Field::Details, &self.description)?;
        let validity_months = if self.validity_months.trim().is_empty() {
            0
        } else {
            number(&self.validity_months, Field::Validity, 0, 240)?
        };
        let excused_counts = super::equipment::yes_no(&self.excused_counts, Field::Excused, false)?;
        let prerequisites = list(&self.prerequisites)
            .iter()
            .map(|c| course_code(c).field(Field::Prerequisite, c))
            .collect::<Result<Vec<_>, _>>()?;
        if prerequisites.contains(&code) {
            return Err(Invalid::new(
                Field::Prerequisite,
                &self.prerequisites,
                Problem::Format { example: "KILN-100" },
            ));
        }
        Ok(NewCourse {
            code,
            title,
            title_en,
            hours,
            description,
            validity_months: u32::try_from(validity_months).unwrap_or(0),
            excused_counts,
            equipment: list(&self.equipment),
            prerequisites,
            fee: course_fee(&self.fee)?,
            fee_tax: fee_tax(&self.fee_tax)?,
        })
    }
}

/// What was typed for a new cohort.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CohortInput {
    pub course: String,
    pub code: String,
    pub capacity: String,
    pub opens: String,
    pub closes: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCohort {
    pub course: String,
    pub code: String,
    pub capacity: i64,
    pub opens: NaiveDate,
    pub closes: NaiveDate,
}

impl CohortInput {
    pub fn validate(&self) -> Result<NewCohort, Invalid> {
        let course = course_code(&self.course).field(Field::Course, &self.course)?;
        let code = cohort_code(&self.code).field(Field::Cohort, &self.code)?;
        let capacity = number(&self.capacity, Field::Capacity, 1, 500)?;
        let opens = parse_date(&self.opens).field(Field::From, &self.opens)?;
        let closes = parse_date(&self.closes).field(Field::To, &self.closes)?;
        if closes < opens {
            return Err(Invalid::new(Field::To, &self.closes, Problem::EndNotAfterStart));
        }
        Ok(NewCohort { course, code, capacity, opens, closes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn codes() {
        assert_eq!(course_code(" kiln-101 "), Ok("KILN-101".into()));
        for bad in ["KILN", "KILN-", "-101", "KILN-1O1", "한글-101", "KILN_101"] {
            assert!(course_code(bad).is_err(), "{bad}");
        }
        assert_eq!(cohort_ref("KILN-101/2026-1"), Ok(("KILN-101".into(), "2026-1".into())));
        assert!(cohort_ref("KILN-101").is_err());
        assert_eq!(certificate("KILN-101", "2026-1", 7), "KILN-101-2026-1-007");
    }

    #[test]
    fn the_threshold_is_exactly_80_percent() {
        assert!(passes(80, 100));
        assert!(!passes(799, 1000));
        assert!(passes(800, 1000));
        assert!(!passes(0, 0), "no sessions, no completion");
        let s = |a| (180, Some(a));
        // Five 3-hour sessions: four attended is 80 %.
        let mut week = vec![
            s(Attendance::Present),
            s(Attendance::Late),
            s(Attendance::Present),
            s(Attendance::Excused),
            s(Attendance::Absent),
        ];
        assert_eq!(attended_minutes(&week, false), (540, 900));
        assert_eq!(attended_minutes(&week, true), (720, 900));
        assert!(passes(720, 900));
        week[3] = (180, None);
        assert!(!passes(attended_minutes(&week, true).0, 900), "unrecorded is not attended");
    }

    #[test]
    fn validity_ends_the_day_before_the_anniversary() {
        assert_eq!(valid_until(d("2026-03-15"), 24), Some(d("2028-03-14")));
        assert_eq!(
            valid_until(d("2024-02-29"), 12),
            Some(d("2025-02-27")),
            "Feb 29 + a year is Feb 28, so valid through the 27th"
        );
        assert_eq!(valid_until(d("2026-01-31"), 1), Some(d("2026-02-27")));
    }

    proptest! {
        #[test]
        fn more_attendance_never_fails_what_less_passed(a in 0i64..1000, extra in 0i64..100, total in 1i64..1000) {
            let a = a.min(total);
            if passes(a, total) {
                prop_assert!(passes((a + extra).min(total), total));
            }
        }

        #[test]
        fn validity_covers_at_least_the_months(days in 0i64..20_000, months in 1u32..120) {
            let from = d("2000-01-01") + chrono::Duration::days(days);
            let until = valid_until(from, months).unwrap();
            prop_assert!(until >= from);
            prop_assert!((until - from).num_days() >= i64::from(months) * 28 - 1);
        }
    }
}
