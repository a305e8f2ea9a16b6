//! The demo's training programme: ten courses, yearly cohorts with their
//! sessions, attendance, waitlists and completions, and the qualifications
//! that follow — some long expired, some expiring within the month.

use chrono::{Datelike, NaiveDate, Weekday};

use super::rng::Rng;
use crate::db::Store;
use crate::db::training::{self, SessionInput};
use crate::domain::time::date_text;
use crate::domain::training::{CohortInput, CourseInput};
use crate::error::Result;

/// (code, title, English title, hours, validity months, machines, prerequisite)
pub(super) type Course = (&'static str, &'static str, &'static str, u32, u32, &'static str, &'static str);

pub(super) const COURSES: [Course; 10] = [
    ("KILN-100", "세라믹 공정 안전", "Ceramic process safety", 6, 0, "", ""),
    ("KILN-101", "주사전자현미경 운용", "Operating the SEM", 18, 24, "EQ-0002", ""),
    ("KILN-102", "X선 회절분석", "X-ray diffraction", 12, 24, "EQ-0001", ""),
    ("KILN-103", "열분석 실무", "Thermal analysis in practice", 12, 24, "EQ-0004", ""),
    ("KILN-110", "소성로 운전", "Running kilns and furnaces", 15, 36, "EQ-0018,EQ-0019,EQ-0020", "KILN-100"),
    ("KILN-111", "가압 성형 장비 운용", "Presses: CIP and hot press", 15, 36, "EQ-0016,EQ-0017", "KILN-100"),
    ("KILN-120", "세라믹 3D 프린팅", "Ceramic 3D printing", 24, 24, "EQ-0022", "KILN-100"),
    ("KILN-130", "분말 특성 평가", "Powder characterisation", 9, 0, "", ""),
    ("KILN-140", "소결 공학 기초", "Sintering fundamentals", 18, 0, "", ""),
    ("KILN-150", "품질관리와 신뢰성 시험", "Quality and reliability testing", 12, 0, "", ""),
];

/// The next weekday on or after `d`.
pub(super) fn weekday_from(d: NaiveDate) -> NaiveDate {
    let mut d = d;
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) || crate::domain::holidays::holiday_on(d).is_some() {
        d += chrono::Duration::days(1);
    }
    d
}

pub(super) fn add(store: &mut Store, rng: &mut Rng, people: &[String], today: NaiveDate) -> Result<usize> {
    for (code, title, en, hours, validity, equipment, requires) in COURSES {
        training::add_course(
            store,
            &CourseInput {
                code: code.into(),
                title: title.into(),
                title_en: en.into(),
                hours: hours.to_string(),
                validity_months: validity.to_string(),
                excused_counts: if validity == 0 { "yes".into() } else { "no".into() },
                equipment: equipment.into(),
                prerequisites: requires.into(),
                ..CourseInput::default()
            },
        )?;
    }
    let mut cohorts = 0;
    let first_year = today.year() - 4;
    for (ci, (code, _, _, hours, ..)) in COURSES.iter().enumerate() {
        for year in first_year..=today.year() {
            for (n, month) in [(1, 3u32), (2, 11u32)] {
                // Safety runs twice a year; the others once, the qualifying ones twice.
                if n == 2 && ci > 6 {
                    continue;
                }
                let Some(start) = NaiveDate::from_ymd_opt(year, month, 2 + (ci as u32 % 5) * 5) else { continue };
                if start > today + chrono::Duration::days(40) {
                    continue;
                }
                run_cohort(store, rng, people, code, &format!("{year}-{n}"), start, *hours, today)?;
                cohorts += 1;
            }
        }
    }
    Ok(cohorts)
}

/// A paid course (교육비 350,000원, exempt) whose first cohort starts in
/// three weeks: five seats taken today and charged to the trainees'
/// parties, one cancelled and refunded, two waiting and not charged. Made
/// last, so the parties it makes do not renumber the others.
pub(super) fn paid_course(store: &mut Store, people: &[String], today: NaiveDate) -> Result<usize> {
    let course = CourseInput {
        code: "KILN-900".into(),
        title: "세라믹 소성 공정 실무(유료)".into(),
        title_en: "Ceramic firing practice (paid)".into(),
        hours: "12".into(),
        fee: "350,000".into(),
        ..CourseInput::default()
    };
    training::add_course(store, &course)?;
    let start = weekday_from(today + chrono::Duration::days(21));
    let cohort = CohortInput {
        course: "KILN-900".into(),
        code: format!("{}-1", start.year()),
        capacity: "5".into(),
        // Open since its announcement, so the cohorts run now list first.
        opens: date_text(start - chrono::Duration::days(70)),
        closes: date_text(start - chrono::Duration::days(1)),
    };
    training::add_cohort(store, &cohort)?;
    let reference = format!("KILN-900/{}", cohort.code);
    for week in 0..4 {
        let session = SessionInput {
            cohort: reference.clone(),
            date: date_text(weekday_from(start + chrono::Duration::days(7 * week))),
            start: "09:00".into(),
            end: "12:00".into(),
            room: "411".into(),
            instructor: String::new(),
        };
        training::add_session(store, &session)?;
    }
    // People late in the list: the first ones fill the other cohorts.
    for person in people.iter().rev().take(7) {
        training::enrol(store, &reference, person, Some("유료 과정: 선수 과목 면제"))?;
    }
    if let Some(first) = people.last() {
        training::cancel(store, &reference, first)?;
    }
    Ok(1)
}

#[allow(clippy::too_many_arguments)]
fn run_cohort(
    store: &mut Store,
    rng: &mut Rng,
    people: &[String],
    course: &str,
    code: &str,
    start: NaiveDate,
    hours: u32,
    today: NaiveDate,
) -> Result<()> {
    let reference = format!("{course}/{code}");
    let capacity = rng.range(6, 12);
    training::add_cohort(
        store,
        &CohortInput {
            course: course.into(),
            code: code.into(),
            capacity: capacity.to_string(),
            opens: date_text(start - chrono::Duration::days(30)),
            closes: date_text(start - chrono::Duration::days(1)),
        },
    )?;
    // Three-hour sessions a week apart; the safety course meets in classroom 313.
    let mut day = weekday_from(start);
    let mut last = day;
    for _ in 0..hours.div_ceil(3) {
        training::add_session(
            store,
            &SessionInput {
                cohort: reference.clone(),
                date: date_text(day),
                start: "14:00".into(),
                end: "17:00".into(),
                room: if course == "KILN-100" { "313".into() } else { String::new() },
                instructor: String::new(),
            },
        )?;
        last = day;
        day = weekday_from(day + chrono::Duration::days(7));
    }
    // More want a place than there are seats; the rest wait. Those without the
    // safety course are let in with a recorded reason now and then.
    let wanting = rng.range(capacity - 2, capacity + 4).max(1);
    let mut seated = Vec::new();
    for _ in 0..wanting {
        let person = rng.pick(people).clone();
        let reason = rng.chance(50).then_some("현장 경력 5년 이상");
        if let Ok(e) = training::enrol(store, &reference, &person, reason)
            && e.position.is_none()
        {
            seated.push(person);
        }
    }
    if last >= today {
        // Still running: attendance so far.
        return attend(store, rng, &reference, &seated, |d| d < today);
    }
    if rng.chance(20) {
        // Someone drops out before the end; the first in line takes the seat.
        if let Some(p) = seated.first().cloned() {
            let (_, promoted) = training::cancel(store, &reference, &p)?;
            seated.retain(|x| *x != p);
            seated.extend(promoted.into_iter().map(|e| e.person));
        }
    }
    attend(store, rng, &reference, &seated, |_| true)?;
    let done = weekday_from(last + chrono::Duration::days(rng.range(1, 7)));
    training::complete(store, &reference, &date_text(done.min(today)))?;
    Ok(())
}

fn attend(
    store: &mut Store,
    rng: &mut Rng,
    reference: &str,
    seated: &[String],
    held: impl Fn(NaiveDate) -> bool,
) -> Result<()> {
    let h = training::cohort(store, reference)?;
    let sessions = training::sessions(store.sql(), h.id)?;
    for s in sessions.iter().filter(|s| held(s.start.date())) {
        for person in seated {
            let status = match rng.range(0, 99) {
                0..=79 => "present",
                80..=87 => "late",
                88..=94 => "absent",
                _ => "excused",
            };
            training::attend(store, reference, &s.number.to_string(), person, status)?;
        }
    }
    Ok(())
}
