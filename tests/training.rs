//! The training programme on real SQLite files: the waitlist (also as a
//! property over any sequence of enrolments, cancellations and capacity
//! changes), the last seat raced for, completion at 80 %, qualifications and
//! the equipment gate.

mod common;

use std::sync::Arc;

use common::{TempDb, clock, dump};
use kiln::db::booking::{self, BookingInput};
use kiln::db::training::qualification::{self, QualificationFilter};
use kiln::db::training::{self, SessionInput};
use kiln::db::{Store, equipment, person};
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::person::PersonInput;
use kiln::domain::training::{CohortInput, CourseInput};
use kiln::domain::{EnrolmentStatus, FixedClock, Minute};
use kiln::{Error, Refusal};
use proptest::prelude::*;

/// A centre with the SEM, ten people, KILN-100 (safety) and KILN-101 (SEM,
/// 24 months, needs KILN-100), and cohort KILN-101/2026-1 of `capacity`.
fn programme(capacity: i64) -> (TempDb, Store) {
    let (db, mut s) = TempDb::with_admin("kim");
    for i in 0..10 {
        person::add(&mut s, &PersonInput { name: format!("수강생{i}"), ..PersonInput::default() }).unwrap();
    }
    equipment::add(
        &mut s,
        &EquipmentInput {
            code: "EQ-0002".into(),
            name: "FE-SEM".into(),
            category: "analysis".into(),
            needs_approval: "no".into(),
            ..EquipmentInput::default()
        },
    )
    .unwrap();
    training::add_course(
        &mut s,
        &CourseInput { code: "KILN-100".into(), title: "안전".into(), hours: "3".into(), ..CourseInput::default() },
    )
    .unwrap();
    training::add_course(
        &mut s,
        &CourseInput {
            code: "KILN-101".into(),
            title: "SEM 운용".into(),
            hours: "6".into(),
            validity_months: "24".into(),
            equipment: "EQ-0002".into(),
            ..CourseInput::default()
        },
    )
    .unwrap();
    training::add_cohort(
        &mut s,
        &CohortInput {
            course: "KILN-101".into(),
            code: "2026-1".into(),
            capacity: capacity.to_string(),
            opens: "2026-11-01".into(),
            closes: "2026-12-31".into(),
        },
    )
    .unwrap();
    (db, s)
}

const COHORT: &str = "KILN-101/2026-1";

fn p(i: usize) -> String {
    format!("P-{:04}", i + 1)
}

fn status(s: &Store, person: &str) -> Option<(EnrolmentStatus, Option<i64>)> {
    training::enrolments(s, Some(COHORT), Some(person))
        .unwrap()
        .into_iter()
        .find(|e| e.status != EnrolmentStatus::Cancelled)
        .map(|e| (e.status, e.position))
}

#[test]
fn a_full_cohort_waitlists_and_a_cancellation_seats_the_first_in_line() {
    let (db, mut s) = programme(2);
    for i in 0..4 {
        training::enrol(&mut s, COHORT, &p(i), None).unwrap();
    }
    assert_eq!(status(&s, &p(1)), Some((EnrolmentStatus::Enrolled, None)));
    assert_eq!(status(&s, &p(2)), Some((EnrolmentStatus::Waitlisted, Some(1))));
    assert_eq!(status(&s, &p(3)), Some((EnrolmentStatus::Waitlisted, Some(2))));
    let before = dump(&db.path);
    let twice = training::enrol(&mut s, COHORT, &p(0), None).unwrap_err();
    assert!(matches!(twice, Error::Refused(Refusal::Duplicate { .. })), "{twice:?}");
    assert_eq!(dump(&db.path), before);
    let (cancelled, promoted) = training::cancel(&mut s, COHORT, &p(0)).unwrap();
    assert_eq!(cancelled.status, EnrolmentStatus::Cancelled);
    assert_eq!(promoted.iter().map(|e| e.person.clone()).collect::<Vec<_>>(), vec![p(2)]);
    assert_eq!(promoted[0].promoted_at.map(|m| m.to_string()).as_deref(), Some(common::NOW), "the person is told when");
    assert_eq!(status(&s, &p(3)), Some((EnrolmentStatus::Waitlisted, Some(1))));
    // The promotion is audited in the same transaction as the cancellation.
    let actions: Vec<String> =
        common::texts(&db.path, "SELECT action FROM audit_log WHERE entity = 'enrolment' ORDER BY id DESC LIMIT 2")
            .into_iter()
            .map(|r| r[0].clone().unwrap())
            .collect();
    assert_eq!(actions, vec!["promote", "cancel"]);
    // A waitlisted person cancelling frees nothing.
    let (_, none) = training::cancel(&mut s, COHORT, &p(3)).unwrap();
    assert!(none.is_empty());
}

#[test]
fn capacity_raises_promote_in_order_and_never_drops_below_the_enrolled() {
    let (db, mut s) = programme(2);
    for i in 0..5 {
        training::enrol(&mut s, COHORT, &p(i), None).unwrap();
    }
    let before = dump(&db.path);
    let err = training::set_capacity(&mut s, COHORT, "1").unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::CapacityBelowEnrolled { enrolled: 2, .. })), "{err:?}");
    assert_eq!(dump(&db.path), before);
    let (c, promoted) = training::set_capacity(&mut s, COHORT, "4").unwrap();
    assert_eq!((c.capacity, c.enrolled, c.waitlisted), (4, 4, 1));
    assert_eq!(promoted.iter().map(|e| e.person.clone()).collect::<Vec<_>>(), vec![p(2), p(3)]);
    let err = common::behind(&db.path, "UPDATE cohort SET capacity = 1").unwrap_err();
    assert!(err.contains("capacity_below_enrolled"), "{err}");
    let err =
        common::behind(&db.path, "UPDATE enrolment SET status = 'enrolled' WHERE status = 'waitlisted'").unwrap_err();
    assert!(err.contains("cohort_full"), "the schema holds the capacity: {err}");
}

#[test]
fn prerequisites_are_checked_and_may_be_waived_with_a_reason() {
    let (_db, mut s) = programme(5);
    training::add_course(
        &mut s,
        &CourseInput {
            code: "KILN-110".into(),
            title: "소성로".into(),
            hours: "3".into(),
            prerequisites: "KILN-100".into(),
            ..CourseInput::default()
        },
    )
    .unwrap();
    training::add_cohort(
        &mut s,
        &CohortInput {
            course: "KILN-110".into(),
            code: "2026-1".into(),
            capacity: "5".into(),
            opens: "2026-11-01".into(),
            closes: "2026-12-31".into(),
        },
    )
    .unwrap();
    let err = training::enrol(&mut s, "KILN-110/2026-1", &p(0), None).unwrap_err();
    match err {
        Error::Refused(Refusal::MissingPrerequisite { missing, .. }) => {
            assert_eq!(missing, vec!["KILN-100".to_owned()]);
        }
        other => panic!("{other:?}"),
    }
    let e = training::enrol(&mut s, "KILN-110/2026-1", &p(0), Some("현장 경력 5년")).unwrap();
    assert_eq!(e.override_reason.as_deref(), Some("현장 경력 5년"));
}

#[test]
fn two_terminals_racing_for_the_last_seat_one_wins() {
    let (db, mut s) = programme(3);
    training::enrol(&mut s, COHORT, &p(0), None).unwrap();
    training::enrol(&mut s, COHORT, &p(1), None).unwrap();
    drop(s);
    let path = Arc::new(db.path.clone());
    let racers: Vec<_> = (2..6)
        .map(|i| {
            let path = Arc::clone(&path);
            std::thread::spawn(move || {
                let mut store = Store::open_as(&path, "kim", clock()).unwrap();
                training::enrol(&mut store, COHORT, &p(i), None).unwrap().status
            })
        })
        .collect();
    let results: Vec<EnrolmentStatus> = racers.into_iter().map(|r| r.join().unwrap()).collect();
    assert_eq!(results.iter().filter(|s| **s == EnrolmentStatus::Enrolled).count(), 1, "{results:?}");
    assert_eq!(results.iter().filter(|s| **s == EnrolmentStatus::Waitlisted).count(), 3);
    let s = db.open_as("kim");
    let c = training::cohort(&s, COHORT).unwrap();
    assert_eq!((c.enrolled, c.capacity), (3, 3));
}

/// Two sessions of `a` and `b` minutes on 2026-11-02 and 11-03.
fn sessions(s: &mut Store, a: i64, b: i64) {
    for (day, minutes) in [("2026-11-02", a), ("2026-11-03", b)] {
        let end = Minute(Minute::parse(&format!("{day} 08:00")).unwrap().0 + minutes);
        training::add_session(
            s,
            &SessionInput {
                cohort: COHORT.into(),
                date: day.into(),
                start: "08:00".into(),
                end: end.to_string()[11..].to_owned(),
                ..SessionInput::default()
            },
        )
        .unwrap();
    }
}

#[test]
fn completion_needs_80_percent_exactly() {
    // 799 of 1,000 minutes is 79.9 %: not enough. 800 of 1,000 is.
    for (first, second, passes) in [(799, 201, false), (800, 200, true)] {
        let (_db, mut s) = programme(5);
        sessions(&mut s, first, second);
        training::enrol(&mut s, COHORT, &p(0), None).unwrap();
        training::attend(&mut s, COHORT, "1", &p(0), "present").unwrap();
        training::attend(&mut s, COHORT, "2", &p(0), "absent").unwrap();
        let preview = training::preview(&s, COHORT).unwrap();
        assert_eq!((preview[0].attended_minutes, preview[0].total_minutes, preview[0].passes), (first, 1000, passes));
        let done = training::complete(&mut s, COHORT, "2026-11-20").unwrap();
        assert_eq!(done[0].status, if passes { EnrolmentStatus::Completed } else { EnrolmentStatus::Failed });
        assert_eq!(done[0].certificate.as_deref(), passes.then_some("KILN-101-2026-1-001"));
        let quals =
            qualification::list(&s, &QualificationFilter { person: Some(p(0)), ..QualificationFilter::default() })
                .unwrap();
        assert_eq!(quals.len(), usize::from(passes));
        let again = training::complete(&mut s, COHORT, "2026-11-21").unwrap_err();
        assert!(matches!(again, Error::Refused(Refusal::CohortCompleted { .. })));
    }
}

#[test]
fn sessions_of_a_cohort_or_a_room_never_overlap() {
    let (_db, mut s) = programme(5);
    sessions(&mut s, 180, 180);
    let err = training::add_session(
        &mut s,
        &SessionInput {
            cohort: COHORT.into(),
            date: "2026-11-02".into(),
            start: "10:00".into(),
            end: "12:00".into(),
            ..SessionInput::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::SessionOverlap { .. })), "{err:?}");
}

fn book(s: &mut Store, person: &str, from: &str, to: &str) -> kiln::Result<booking::Booked> {
    booking::add(
        s,
        &BookingInput {
            equipment: "EQ-0002".into(),
            person: person.into(),
            from: from.into(),
            to: to.into(),
            ..BookingInput::default()
        },
    )
}

#[test]
fn the_gate_holds_from_the_first_to_the_last_valid_day() {
    let (db, mut s) = programme(5);
    // Completed on 2024-12-02, 24 months: valid 2024-12-02 through 2026-12-01.
    let q = qualification::grant(&mut s, &p(0), "KILN-101", Some("2024-12-02"), "타 기관 이수 인정").unwrap();
    assert_eq!((q.valid_from.to_string(), q.valid_until.to_string()), ("2024-12-02".into(), "2026-12-01".into()));
    book(&mut s, &p(0), "2026-12-01 16:00", "2026-12-01 17:00").expect("the last valid day");
    let before = dump(&db.path);
    match book(&mut s, &p(0), "2026-12-02 09:00", "2026-12-02 10:00").unwrap_err() {
        Error::Refused(Refusal::NotQualified(u)) => {
            assert_eq!(u.courses, vec!["KILN-101".to_owned()]);
            assert_eq!(
                u.nearest,
                Some(("KILN-101".to_owned(), "2024-12-02".to_owned(), "2026-12-01".to_owned(), false))
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        book(&mut s, &p(1), "2026-12-02 09:00", "2026-12-02 10:00").unwrap_err(),
        Error::Refused(Refusal::NotQualified(ref u)) if u.nearest.is_none()
    ));
    assert_eq!(dump(&db.path), before);
    // Renewal is a new row; the old one stays.
    qualification::grant(&mut s, &p(0), "KILN-101", Some("2026-12-02"), "재교육").unwrap();
    book(&mut s, &p(0), "2026-12-02 09:00", "2026-12-02 10:00").expect("the first day of the renewal");
    assert_eq!(
        qualification::list(&s, &QualificationFilter { person: Some(p(0)), ..QualificationFilter::default() })
            .unwrap()
            .len(),
        2
    );
    // From the day before it starts, a qualification does not count.
    qualification::grant(&mut s, &p(2), "KILN-101", Some("2026-12-03"), "외부 교육").unwrap();
    assert!(book(&mut s, &p(2), "2026-12-02 11:00", "2026-12-02 12:00").is_err());
    book(&mut s, &p(2), "2026-12-03 09:00", "2026-12-03 10:00").expect("its first day");
}

#[test]
fn revoking_keeps_history_and_flags_bookings_it_covered() {
    let (db, mut s) = programme(5);
    let q = qualification::grant(&mut s, &p(0), "KILN-101", Some("2026-01-01"), "인정").unwrap();
    let b = book(&mut s, &p(0), "2026-12-01 09:00", "2026-12-01 10:00").unwrap().booked[0].clone();
    assert!(qualification::unqualified_bookings(&s).unwrap().is_empty());
    let revoked = qualification::revoke(&mut s, &q.id.to_string(), "안전 수칙 위반").unwrap();
    assert_eq!(revoked.revoke_reason.as_deref(), Some("안전 수칙 위반"));
    assert_eq!(revoked.valid_until, q.valid_until, "the row is kept as it was");
    let flagged = qualification::unqualified_bookings(&s).unwrap();
    assert_eq!(flagged.iter().map(|x| x.id).collect::<Vec<_>>(), vec![b.id], "flagged, not deleted");
    assert_eq!(booking::show(&s, &b.id.to_string()).unwrap().state, b.state);
    match book(&mut s, &p(0), "2026-12-02 09:00", "2026-12-02 10:00").unwrap_err() {
        Error::Refused(Refusal::NotQualified(u)) => {
            assert!(u.nearest.is_some_and(|n| n.3), "the nearest is the revoked one");
        }
        other => panic!("{other:?}"),
    }
    assert!(common::behind(&db.path, "DELETE FROM qualification").is_err());
    assert!(common::behind(&db.path, "UPDATE qualification SET valid_until = '2099-01-01'").is_err());
    // Expiry flags too: a day after the end, the same booking would be unqualified.
    let later =
        Store::open_as(&db.path, "kim", Arc::new(FixedClock(Minute::parse("2026-11-30 10:00").unwrap()))).unwrap();
    assert_eq!(qualification::unqualified_bookings(&later).unwrap().len(), 1);
}

#[derive(Clone, Debug)]
enum Op {
    Enrol(usize),
    Cancel(usize),
    Capacity(i64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..10).prop_map(Op::Enrol),
        2 => (0usize..10).prop_map(Op::Cancel),
        1 => (1i64..6).prop_map(Op::Capacity),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_keeps_the_waitlist_fair(ops in proptest::collection::vec(op(), 1..30)) {
        let (_db, mut s) = programme(3);
        // The model: who is seated, and who waits in which order.
        let mut capacity = 3i64;
        let mut seated: Vec<usize> = Vec::new();
        let mut waiting: Vec<usize> = Vec::new();
        for op in ops {
            match op {
                Op::Enrol(i) => {
                    let r = training::enrol(&mut s, COHORT, &p(i), None);
                    if seated.contains(&i) || waiting.contains(&i) {
                        prop_assert!(r.is_err());
                    } else if (seated.len() as i64) < capacity && waiting.is_empty() {
                        prop_assert_eq!(r.unwrap().status, EnrolmentStatus::Enrolled);
                        seated.push(i);
                    } else {
                        prop_assert_eq!(r.unwrap().position, Some(waiting.len() as i64 + 1));
                        waiting.push(i);
                    }
                }
                Op::Cancel(i) => {
                    let r = training::cancel(&mut s, COHORT, &p(i));
                    if let Some(at) = seated.iter().position(|x| *x == i) {
                        seated.remove(at);
                        let (_, promoted) = r.unwrap();
                        let expected: Vec<usize> = waiting.drain(..waiting.len().min(usize::try_from(capacity).unwrap() - seated.len())).collect();
                        prop_assert_eq!(promoted.iter().map(|e| e.person.clone()).collect::<Vec<_>>(), expected.iter().map(|x| p(*x)).collect::<Vec<_>>());
                        seated.extend(expected);
                    } else if let Some(at) = waiting.iter().position(|x| *x == i) {
                        waiting.remove(at);
                        prop_assert!(r.unwrap().1.is_empty());
                    } else {
                        prop_assert!(r.is_err());
                    }
                }
                Op::Capacity(n) => {
                    let r = training::set_capacity(&mut s, COHORT, &n.to_string());
                    if n < seated.len() as i64 {
                        prop_assert!(r.is_err());
                    } else {
                        capacity = n;
                        let (_, promoted) = r.unwrap();
                        let expected: Vec<usize> = waiting.drain(..waiting.len().min(usize::try_from(capacity).unwrap() - seated.len())).collect();
                        prop_assert_eq!(promoted.iter().map(|e| e.person.clone()).collect::<Vec<_>>(), expected.iter().map(|x| p(*x)).collect::<Vec<_>>());
                        seated.extend(expected);
                    }
                }
            }
            // The database agrees with the model, and its invariants hold.
            let list = training::enrolments(&s, Some(COHORT), None).unwrap();
            let enrolled: Vec<String> = list.iter().filter(|e| e.status == EnrolmentStatus::Enrolled).map(|e| e.person.clone()).collect();
            let waitlisted: Vec<String> = list.iter().filter(|e| e.status == EnrolmentStatus::Waitlisted).map(|e| e.person.clone()).collect();
            prop_assert!(enrolled.len() as i64 <= capacity);
            prop_assert!(enrolled.iter().all(|x| !waitlisted.contains(x)), "nobody both seated and waiting");
            let mut want: Vec<String> = seated.iter().map(|x| p(*x)).collect();
            want.sort();
            let mut got = enrolled.clone();
            got.sort();
            prop_assert_eq!(got, want);
            prop_assert_eq!(waitlisted, waiting.iter().map(|x| p(*x)).collect::<Vec<_>>(), "served in arrival order");
        }
    }
}
