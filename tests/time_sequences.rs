//! A property test of the time rules (issue 15): random sequences of
//! booking, check-in, check-out, no-show, correction and walk-in at random
//! moments against a clock that moves on, on a real SQLite file. Each move
//! must succeed exactly when the rules allow it (a model of the machine's
//! bookings and use decides, from `domain` alone), and `kiln check` must stay
//! clean after every sequence. A store that refused everything would fail it.

mod common;

use common::{TempDb, open_at};
use kiln::db::booking::{self, BookingInput};
use kiln::db::{check, equipment, person};
use kiln::domain::actual;
use kiln::domain::booking::next_on_grid;
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::person::PersonInput;
use kiln::domain::{Minute, Period};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Move {
    /// Book `len` slots starting `ahead` slots after the next on the grid.
    Book {
        ahead: i64,
        len: i64,
    },
    /// Check in the k-th booking at `back` minutes before now (or ahead, if negative).
    CheckIn {
        k: usize,
        back: i64,
    },
    CheckOut {
        k: usize,
        back: i64,
    },
    NoShow {
        k: usize,
    },
    /// Correct the end of the k-th booking's use to `back` minutes before now.
    Correct {
        k: usize,
        back: i64,
    },
    WalkIn,
}

fn a_move() -> impl Strategy<Value = Move> {
    prop_oneof![
        3 => (0i64..12, 1i64..6).prop_map(|(ahead, len)| Move::Book { ahead, len }),
        3 => (0usize..8, -10i64..60).prop_map(|(k, back)| Move::CheckIn { k, back }),
        3 => (0usize..8, -10i64..90).prop_map(|(k, back)| Move::CheckOut { k, back }),
        1 => (0usize..8).prop_map(|k| Move::NoShow { k }),
        1 => (0usize..8, -10i64..120).prop_map(|(k, back)| Move::Correct { k, back }),
        1 => Just(Move::WalkIn),
    ]
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Approved,
    InUse,
    Completed,
    NoShow,
}

#[derive(Clone, Debug)]
struct Model {
    id: i64,
    booked: Period,
    state: State,
    start: Option<Minute>,
    end: Option<Minute>,
}

const WINDOW: u32 = 30;
const TOLERANCE: u32 = 5;

fn overlaps_use(models: &[Model], except: i64, s: Minute, e: Option<Minute>) -> bool {
    let e = e.unwrap_or(Minute(i64::MAX));
    models.iter().filter(|m| m.id != except).any(|m| match m.start {
        Some(ms) => ms < e && m.end.unwrap_or(Minute(i64::MAX)) > s,
        None => false,
    })
}

/// Runs the moves; returns how many succeeded.
fn run(moves: Vec<(i64, Move)>) -> Result<usize, TestCaseError> {
    let (db, mut s) = TempDb::with_admin("kim");
    person::add(&mut s, &PersonInput { name: "김민수".into(), ..PersonInput::default() }).unwrap();
    equipment::add(
        &mut s,
        &EquipmentInput {
            code: "EQ-0001".into(),
            name: "전기로".into(),
            category: "processing".into(),
            tenant_rate: "30000".into(),
            external_rate: "30000".into(),
            notice_minutes: "0".into(),
            hours: "mon-sun 00:00-24:00".into(),
            holidays_bookable: "yes".into(),
            needs_approval: "no".into(),
            ..EquipmentInput::default()
        },
    )
    .unwrap();
    drop(s);
    let mut now = Minute::parse("2026-12-07 08:00").unwrap();
    let mut models: Vec<Model> = Vec::new();
    let mut succeeded = 0;
    for (step, m) in moves {
        now = Minute(now.0 + step);
        let mut s = open_at(&db.path, "kim", &now.to_string());
        let pick = |k: usize| models.get(k % models.len().max(1)).cloned();
        let (expected, got) = match m {
            Move::Book { ahead, len } => {
                let start = Minute(next_on_grid(Minute(now.0 + 1), 30).0 + ahead * 30);
                let p = Period::new(start, Minute(start.0 + len * 30)).unwrap();
                let free =
                    !models.iter().any(|x| matches!(x.state, State::Approved | State::InUse) && x.booked.overlaps(&p));
                let input = BookingInput {
                    equipment: "EQ-0001".into(),
                    person: "P-0001".into(),
                    from: p.start().to_string(),
                    to: p.end().to_string(),
                    ..BookingInput::default()
                };
                let r = booking::add(&mut s, &input);
                if let Ok(b) = &r {
                    models.push(Model {
                        id: b.booked[0].id,
                        booked: p,
                        state: State::Approved,
                        start: None,
                        end: None,
                    });
                }
                (free, r.is_ok())
            }
            Move::CheckIn { k, back } => {
                let Some(x) = pick(k) else { continue };
                let at = Minute(now.0 - back);
                let moment = actual::check_in(&x.booked, at, now, WINDOW, TOLERANCE).ok();
                let ok = x.state == State::Approved && moment.is_some_and(|t| !overlaps_use(&models, x.id, t, None));
                let r = booking::check_in(&mut s, &x.id.to_string(), Some(&at.to_string()));
                if let (Ok(_), Some(t)) = (&r, moment) {
                    let y = models.iter_mut().find(|y| y.id == x.id).unwrap();
                    (y.state, y.start) = (State::InUse, Some(t));
                }
                (ok, r.is_ok())
            }
            Move::CheckOut { k, back } => {
                let Some(x) = pick(k) else { continue };
                let at = Minute(now.0 - back);
                let moment = x.start.and_then(|st| actual::check_out(st, at, now, TOLERANCE).ok());
                let ok = x.state == State::InUse && moment.is_some();
                let r = booking::check_out(&mut s, &x.id.to_string(), Some(&at.to_string()), None);
                if let (Ok(_), Some(t)) = (&r, moment) {
                    let y = models.iter_mut().find(|y| y.id == x.id).unwrap();
                    (y.state, y.end) = (State::Completed, Some(t));
                }
                (ok, r.is_ok())
            }
            Move::NoShow { k } => {
                let Some(x) = pick(k) else { continue };
                let r = booking::no_show(&mut s, &x.id.to_string());
                if r.is_ok() {
                    models.iter_mut().find(|y| y.id == x.id).unwrap().state = State::NoShow;
                }
                (x.state == State::Approved, r.is_ok())
            }
            Move::Correct { k, back } => {
                let Some(x) = pick(k) else { continue };
                let to = Minute(now.0 - back);
                let end = actual::not_future(to, now, TOLERANCE).ok();
                let ok = x.state == State::Completed
                    && end
                        .is_some_and(|e| x.start.is_some_and(|st| e > st && !overlaps_use(&models, x.id, st, Some(e))));
                let r = booking::correct(&mut s, &x.id.to_string(), None, Some(&to.to_string()), "기록 정정");
                if let (Ok(_), Some(e)) = (&r, end) {
                    models.iter_mut().find(|y| y.id == x.id).unwrap().end = Some(e);
                }
                (ok, r.is_ok())
            }
            Move::WalkIn => {
                let end = next_on_grid(Minute(now.0 + 30), 30);
                let p = Period::new(now, end).unwrap();
                let ok =
                    !models.iter().any(|x| matches!(x.state, State::Approved | State::InUse) && x.booked.overlaps(&p))
                        && !overlaps_use(&models, 0, now, None);
                let input =
                    BookingInput { equipment: "EQ-0001".into(), person: "P-0001".into(), ..BookingInput::default() };
                let r = booking::walk_in(&mut s, &input, "급한 시료");
                if let Ok(b) = &r {
                    models.push(Model { id: b.id, booked: p, state: State::InUse, start: Some(now), end: None });
                }
                (ok, r.is_ok())
            }
        };
        prop_assert_eq!(expected, got, "at {}: {:?}", now, models);
        succeeded += usize::from(got);
    }
    let s = open_at(&db.path, "kim", &now.to_string());
    let report = check::run(&s).unwrap();
    prop_assert!(report.is_clean(), "{:?}", report);
    Ok(succeeded)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_allowed_move_succeeds_and_the_file_stays_clean(
        moves in proptest::collection::vec((0i64..90, a_move()), 1..30)
    ) {
        run(moves)?;
    }
}

/// The property above cannot pass by refusing: a plain day's sequence succeeds.
#[test]
fn a_plain_day_succeeds_move_by_move() {
    let moves = vec![
        (0, Move::Book { ahead: 1, len: 2 }),
        (60, Move::CheckIn { k: 0, back: 0 }),
        (60, Move::CheckOut { k: 0, back: 0 }),
        (10, Move::Correct { k: 0, back: 5 }),
        (0, Move::WalkIn),
        (30, Move::CheckOut { k: 1, back: 0 }),
    ];
    assert_eq!(run(moves).unwrap(), 6, "every move of a plain day succeeds");
}
