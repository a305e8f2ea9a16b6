//! The demo's machines, two years of their use, the coming month's bookings
//! and some downtime, including a kiln down with a fault today.

use chrono::{Datelike, NaiveDate};

use super::rng::Rng;
use crate::db::booking::{self, BookingInput, PastBooking};
use crate::db::downtime::{self, DowntimeInput, OnClash};
use crate::db::person::PersonFilter;
use crate::db::{Page, Store, equipment, person};
use crate::domain::booking::BookingState;
use crate::domain::equipment::EquipmentInput;
use crate::domain::{Minute, Period};
use crate::error::Result;

/// (name, model, category, unit, tenant rate, external rate, slot, min, max, hours, room, approval)
pub(super) type Machine =
    (&'static str, &'static str, &'static str, &'static str, i64, i64, u32, u32, u32, &'static str, &'static str, bool);

pub(super) const MACHINES: [Machine; 25] = [
    (
        "XRD 회절분석기",
        "D8 Advance",
        "analysis",
        "hour",
        40_000,
        60_000,
        30,
        30,
        240,
        "mon-fri 09:00-18:00",
        "105",
        true,
    ),
    ("FE-SEM", "JSM-7900F", "analysis", "hour", 60_000, 90_000, 30, 60, 240, "mon-fri 09:00-18:00", "105", true),
    (
        "입도분석기",
        "Mastersizer 3000",
        "analysis",
        "sample",
        15_000,
        25_000,
        30,
        30,
        120,
        "mon-fri 09:00-18:00",
        "105",
        false,
    ),
    (
        "TGA/DSC 열분석기",
        "STA 449 F5",
        "analysis",
        "hour",
        30_000,
        45_000,
        60,
        60,
        480,
        "mon-fri 09:00-18:00",
        "105",
        true,
    ),
    (
        "XRF 형광분석기",
        "ZSX Primus IV",
        "analysis",
        "sample",
        20_000,
        35_000,
        30,
        30,
        120,
        "mon-fri 09:00-18:00",
        "105",
        false,
    ),
    (
        "BET 비표면적 분석기",
        "ASAP 2460",
        "analysis",
        "sample",
        25_000,
        40_000,
        60,
        60,
        480,
        "mon-fri 09:00-18:00",
        "105",
        false,
    ),
    (
        "FT-IR 분광기",
        "Nicolet iS50",
        "analysis",
        "hour",
        20_000,
        30_000,
        30,
        30,
        180,
        "mon-fri 09:00-18:00",
        "209",
        false,
    ),
    ("라만 분광기", "inVia", "analysis", "hour", 35_000, 50_000, 30, 30, 180, "mon-fri 09:00-18:00", "209", true),
    ("유전율 측정기", "E4990A", "testing", "hour", 20_000, 30_000, 30, 30, 240, "mon-fri 09:00-18:00", "209", false),
    (
        "만능재료시험기",
        "AGS-X 10kN",
        "testing",
        "hour",
        25_000,
        40_000,
        30,
        30,
        240,
        "mon-fri 09:00-18:00",
        "209",
        false,
    ),
    ("비커스 경도계", "HM-220", "testing", "sample", 10_000, 15_000, 30, 30, 120, "mon-fri 09:00-18:00", "209", false),
    ("열충격 시험기", "TSE-11", "testing", "hour", 15_000, 25_000, 60, 60, 720, "mon-fri 09:00-18:00", "209", true),
    ("유성 볼밀", "PM 400", "processing", "hour", 15_000, 25_000, 60, 60, 480, "mon-fri 09:00-18:00", "101", false),
    ("어트리션 밀", "HD-01", "processing", "hour", 15_000, 25_000, 60, 60, 480, "mon-fri 09:00-18:00", "101", false),
    ("분무건조기", "SD-1000", "processing", "hour", 40_000, 60_000, 60, 120, 600, "mon-fri 08:00-20:00", "101", true),
    (
        "냉간등방압 프레스(CIP)",
        "KCIP-200",
        "processing",
        "hour",
        50_000,
        75_000,
        60,
        60,
        480,
        "mon-fri 09:00-18:00",
        "102",
        true,
    ),
    ("핫프레스", "HP-50", "processing", "hour", 60_000, 90_000, 60, 240, 2880, "always", "102", true),
    ("소성로 #1", "MF-1700", "processing", "hour", 10_000, 15_000, 60, 240, 4320, "always", "102", true),
    ("소성로 #2", "MF-1700", "processing", "hour", 10_000, 15_000, 60, 240, 4320, "always", "102", true),
    ("가스 소성로", "GK-2m3", "processing", "hour", 20_000, 30_000, 60, 480, 4320, "always", "103", true),
    ("진공 소결로", "VSF-1600", "processing", "hour", 30_000, 45_000, 60, 240, 2880, "always", "103", true),
    ("세라믹 3D 프린터", "CeraFab 8500", "processing", "hour", 50_000, 80_000, 60, 60, 1440, "always", "103", true),
    ("테이프 캐스터", "TC-71", "processing", "hour", 20_000, 30_000, 60, 60, 480, "mon-fri 09:00-18:00", "101", false),
    (
        "일축 성형 프레스",
        "UP-30",
        "processing",
        "hour",
        10_000,
        15_000,
        30,
        30,
        240,
        "mon-fri 09:00-18:00",
        "101",
        false,
    ),
    (
        "정밀 절단기",
        "IsoMet 5000",
        "testing",
        "sample",
        8_000,
        12_000,
        30,
        30,
        120,
        "mon-fri 09:00-18:00",
        "209",
        false,
    ),
];

pub(super) const PURPOSES: [&str; 8] = [
    "시료 분석",
    "소결 조건 시험",
    "원료 입도 확인",
    "제품 품질 검사",
    "시제품 제작",
    "공정 개선 시험",
    "고객사 의뢰 분석",
    "논문 데이터",
];

/// True for a firing machine that runs round the clock for days.
pub(super) fn round_the_clock(m: &Machine) -> bool {
    m.9 == "always"
}

pub(super) fn machines(store: &mut Store) -> Result<usize> {
    for (i, m) in MACHINES.iter().enumerate() {
        let (name, model, category, unit, tenant, external, slot, min, max, hours, room, approval) = *m;
        equipment::add(
            store,
            &EquipmentInput {
                code: format!("EQ-{:04}", i + 1),
                name: name.into(),
                model: model.into(),
                category: category.into(),
                room: room.into(),
                billing_unit: unit.into(),
                tenant_rate: tenant.to_string(),
                external_rate: external.to_string(),
                slot_minutes: slot.to_string(),
                min_minutes: min.to_string(),
                max_minutes: max.to_string(),
                notice_minutes: if round_the_clock(m) { "240".into() } else { "60".into() },
                horizon_days: "60".into(),
                buffer_minutes: if round_the_clock(m) { "120".into() } else { "0".into() },
                hours: hours.into(),
                holidays_bookable: if round_the_clock(m) { "yes".into() } else { "no".into() },
                needs_approval: if approval { "yes".into() } else { "no".into() },
                ..EquipmentInput::default()
            },
        )?;
    }
    Ok(MACHINES.len())
}

/// Two years of use, the coming month, some downtime.
pub(super) fn bookings(store: &mut Store, rng: &mut Rng, today: NaiveDate) -> Result<usize> {
    let people: Vec<String> =
        person::list(store, &PersonFilter::default(), Page::ALL_FOR_CLI)?.into_iter().map(|p| p.code).collect();
    if people.is_empty() {
        return Ok(0);
    }
    let past = history(rng, &people, today);
    let n = booking::record(store, &past)?;
    let n = n + coming(store, rng, &people, today)?;
    downtime_and_quota(store, today)?;
    Ok(n)
}

/// Two years of use, up to yesterday: most bookings completed, some
/// cancelled, rejected or not claimed.
fn history(rng: &mut Rng, people: &[String], today: NaiveDate) -> Vec<PastBooking> {
    let first = today - chrono::Duration::days(730);
    let mut out = Vec::new();
    for (i, m) in MACHINES.iter().enumerate() {
        let code = format!("EQ-{:04}", i + 1);
        // How busy the machine is: analysis instruments most.
        let busy = match m.2 {
            "analysis" => 55,
            "testing" => 35,
            _ => 30,
        };
        let mut day = first;
        while day < today {
            let weekday = day.weekday().num_days_from_monday();
            let start_of = |h: i64| Minute(Minute::at(day, 0, 0).0 + h * 60);
            if round_the_clock(m) {
                // Firings of one to three days, with a gap to cool.
                if rng.chance(busy) {
                    let hours = rng.range(8, 60);
                    let start = start_of(rng.range(8, 18));
                    let end = Minute(start.0 + hours * 60);
                    if end.date() < today {
                        out.extend(past(rng, &code, people, start, end));
                    }
                    day = end.date() + chrono::Duration::days(1);
                    continue;
                }
            } else if weekday < 5 && crate::domain::holidays::holiday_on(day).is_none() {
                let mut hour = 9;
                while hour < 17 {
                    if rng.chance(busy) {
                        let len = rng.range(1, 3).min(18 - hour);
                        out.extend(past(rng, &code, people, start_of(hour), start_of(hour + len)));
                        hour += len;
                    } else {
                        hour += rng.range(1, 3);
                    }
                }
            }
            day += chrono::Duration::days(1);
        }
    }
    out
}

fn past(rng: &mut Rng, code: &str, people: &[String], start: Minute, end: Minute) -> Option<PastBooking> {
    let state = match rng.range(0, 99) {
        0..=84 => BookingState::Completed,
        85..=92 => BookingState::Cancelled,
        93..=96 => BookingState::NoShow,
        _ => BookingState::Rejected,
    };
    let (late, early) = (rng.range(0, 15), rng.range(0, 20));
    let actual = Period::new(Minute(start.0 + late), Minute((end.0 - early).max(start.0 + late + 5))).ok();
    Some(PastBooking {
        equipment: code.to_owned(),
        person: rng.pick(people).clone(),
        party: String::new(),
        period: Period::new(start, end).ok()?,
        state,
        purpose: (*rng.pick(&PURPOSES)).to_owned(),
        samples: rng.range(1, 8),
        actual,
    })
}

/// The coming month through the booking use case, so every rule is kept;
/// most approved, some still waiting; today's first bookings checked in.
fn coming(store: &mut Store, rng: &mut Rng, people: &[String], today: NaiveDate) -> Result<usize> {
    let mut n = 0;
    let now = store.now();
    // This morning's sessions on the busiest instruments are under way.
    let morning = Minute::at(today, 9, 0);
    if now > morning {
        let in_use: Vec<PastBooking> = ["EQ-0001", "EQ-0002", "EQ-0004"]
            .iter()
            .filter_map(|code| {
                let qualified = qualified_people(store, code, today).ok()?;
                let pool = if qualified.is_empty() { people } else { qualified.as_slice() };
                Some(PastBooking {
                    equipment: (*code).to_owned(),
                    person: rng.pick(pool).clone(),
                    party: String::new(),
                    period: Period::new(morning, Minute(now.0.max(morning.0) + 120 - now.0.rem_euclid(60))).ok()?,
                    state: BookingState::InUse,
                    purpose: (*rng.pick(&PURPOSES)).to_owned(),
                    samples: 3,
                    actual: None,
                })
            })
            .collect();
        n += booking::record(store, &in_use)?;
    }
    let outside = super::parties::booked_for(store)?;
    for (i, m) in MACHINES.iter().enumerate() {
        let code = format!("EQ-{:04}", i + 1);
        for d in 0..30 {
            let day = today + chrono::Duration::days(d);
            if !rng.chance(if round_the_clock(m) { 15 } else { 45 }) {
                continue;
            }
            let hour = rng.range(9, 14);
            let len = if round_the_clock(m) { rng.range(8, 36) } else { rng.range(1, 3) };
            let start = Minute(Minute::at(day, 0, 0).0 + hour * 60);
            let end = Minute(start.0 + len * 60);
            // Machines that need a qualification are booked by people who hold one.
            let qualified = qualified_people(store, &code, day)?;
            let pool = if qualified.is_empty() { people } else { qualified.as_slice() };
            let person = rng.pick(pool).clone();
            let (party, project) = outside.get(&person).cloned().unwrap_or_default();
            let input = BookingInput {
                equipment: code.clone(),
                party,
                project,
                person,
                from: start.to_string(),
                to: end.to_string(),
                purpose: (*rng.pick(&PURPOSES)).to_owned(),
                samples: rng.range(1, 6).to_string(),
                ..BookingInput::default()
            };
            // Requests that break a rule or clash are what people would be told; the demo just moves on.
            let Ok(out) = booking::add(store, &input) else { continue };
            for b in out.booked {
                n += 1;
                if b.state == BookingState::Requested && rng.chance(70) {
                    booking::approve(store, &b.id.to_string())?;
                }
            }
        }
    }
    Ok(n)
}

/// People qualified for a gated machine on `day`; empty for a machine that
/// needs no qualification.
fn qualified_people(store: &Store, code: &str, day: NaiveDate) -> Result<Vec<String>> {
    use crate::db::training::qualification::{QualificationFilter, list};
    let filter = QualificationFilter { equipment: Some(code.to_owned()), ..QualificationFilter::default() };
    Ok(list(store, &filter)?.into_iter().filter(|q| q.valid_on(day)).map(|q| q.person).collect())
}

/// Past maintenance and calibration, and a kiln down with a fault since yesterday.
fn downtime_and_quota(store: &mut Store, today: NaiveDate) -> Result<()> {
    let at = |d: NaiveDate, h: u32| Minute::at(d, h, 0).to_string();
    let fault = DowntimeInput {
        equipment: "EQ-0019".into(),
        from: at(today - chrono::Duration::days(1), 8),
        to: at(today + chrono::Duration::days(1), 18),
        reason: "fault".into(),
        note: "히터 단선".into(),
    };
    downtime::add(store, &fault, &OnClash::Cancel { reason: "히터 고장".into() })?;
    let calibration = DowntimeInput {
        equipment: "EQ-0001".into(),
        from: at(today + chrono::Duration::days(7), 9),
        to: at(today + chrono::Duration::days(7), 18),
        reason: "calibration".into(),
        note: "연간 교정".into(),
    };
    downtime::add(store, &calibration, &OnClash::Hold)?;
    for m in [3, 6, 9, 12] {
        let d = today - chrono::Duration::days(30 * m);
        let maintenance = DowntimeInput {
            equipment: "EQ-0002".into(),
            from: at(d, 0),
            to: at(d, 1),
            reason: "maintenance".into(),
            note: "정기 점검".into(),
        };
        let _ = downtime::add(store, &maintenance, &OnClash::Hold)?;
    }
    Ok(())
}
