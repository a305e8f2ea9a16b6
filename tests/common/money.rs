//! A small centre for the money tests: an SME of the cluster with two
//! people, two machines with an operator and a consumable, a 70 % voucher
//! programme billed to its funder (a ministry), and the SME's project.

use kiln::db::{Store, company, consumable, equipment, party, person, project, rate_class, voucher};
use kiln::domain::company::CompanyInput;
use kiln::domain::consumable::ConsumableInput;
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::person::PersonInput;
use kiln::domain::project::ProjectInput;
use kiln::domain::voucher::ProgrammeInput;

use super::TempDb;

pub const BRN: &str = "124-81-00998";
/// The programme's funder, billed its shares (고유번호 of a ministry).
pub const FUNDER_BRN: &str = "138-83-01234";

/// The OS account the tests and their processes run as: the admin.
pub fn me() -> String {
    whoami::username().unwrap()
}

/// An SME of the cluster (no lease: priced as the SME class, 30 % off) with
/// two people, an FE-SEM at 60,000원 an hour (42,000원 for the SME) with an
/// operator at 30,000원 an hour, a coating target at 12,000원, a 70 %
/// voucher programme whose shares are billed to the ministry (an
/// organisation, [`FUNDER_BRN`]), and the SME's project. The database is made by the
/// OS account the tests run as, which is its admin (processes run as it).
pub fn centre() -> (TempDb, Store) {
    let (db, mut s) = TempDb::with_admin(&me());
    let input =
        CompanyInput {
            name: "세라소재".into(), brn: BRN.into(), admitted: "2024-03-02".into(), ..Default::default()
        };
    company::add(&mut s, &input).unwrap();
    kiln::db::supplier::set(&mut s, &kiln::demo::supplier()).unwrap();
    for name in ["김하늘", "이바다"] {
        person::add(&mut s, &PersonInput { name: name.into(), company: BRN.into(), ..Default::default() }).unwrap();
    }
    for (code, name) in [("EQ-0001", "FE-SEM"), ("EQ-0002", "XRD")] {
        let input = EquipmentInput {
            code: code.into(),
            name: name.into(),
            category: "analysis".into(),
            tenant_rate: "40,000".into(),
            external_rate: "60,000".into(),
            hours: "always".into(),
            holidays_bookable: "yes".into(),
            needs_approval: "no".into(),
            ..EquipmentInput::default()
        };
        equipment::add(&mut s, &input).unwrap();
    }
    consumable::set_operator_rate(&mut s, "EQ-0001", "30,000").unwrap();
    let target = ConsumableInput {
        code: "au-target".into(),
        name: "금 스퍼터 타깃".into(),
        unit: "회".into(),
        unit_price: "12,000".into(),
    };
    consumable::add(&mut s, &target).unwrap();
    let discount = rate_class::ClassChange { discount: Some("30".into()), ..Default::default() };
    rate_class::set(&mut s, "sme", &discount).unwrap();
    party::set_class(&mut s, BRN, "sme").unwrap();
    let funder = kiln::domain::party::PartyInput {
        kind: "organisation".into(),
        name: "과학기술정보통신부".into(),
        brn: FUNDER_BRN.into(),
        class: "external".into(),
        ..Default::default()
    };
    let funder = party::add(&mut s, &funder).unwrap();
    party::set_representative(&mut s, &funder.code, "한지원").unwrap();
    voucher::add(&mut s, &programme()).unwrap();
    let input = ProjectInput {
        party: BRN.into(),
        name: "저온 소결 공정 개발".into(),
        number: "RS-2026-00412345".into(),
        funder: "한국산업기술기획평가원".into(),
        from: "2026-01-01".into(),
        last_day: "2026-12-31".into(),
        budget: "5,000,000".into(),
    };
    project::add(&mut s, &input).unwrap();
    (db, s)
}

pub fn programme() -> ProgrammeInput {
    ProgrammeInput {
        name: "연구장비 공동이용 지원사업".into(),
        funder: "과학기술정보통신부".into(),
        payer: FUNDER_BRN.into(),
        share: "70".into(),
        cap: "30,000,000".into(),
        from: "2026-01-01".into(),
        last_day: "2026-12-31".into(),
        ..ProgrammeInput::default()
    }
}

/// Office 301 (66.12 m²) leased to the SME from `from` to `to` at 500,000
/// rent and 100,000 fee a month, with `deposit` agreed; the room is added
/// the first time.
pub fn lease_301(s: &mut Store, from: &str, to: &str, deposit: Option<&str>) {
    use kiln::db::{lease, room};
    if room::list(s, kiln::db::Page::ALL_FOR_CLI).unwrap().is_empty() {
        let r = kiln::domain::room::RoomInput {
            code: "301".into(),
            floor: "3".into(),
            kind: "office".into(),
            area_m2: "66.12".into(),
            rent_per_m2: None,
        };
        room::add(s, &r).unwrap();
    }
    let l = kiln::domain::lease::LeaseInput {
        company: BRN.into(),
        room: "301".into(),
        from: from.into(),
        to: to.into(),
        rent: "500,000".into(),
        fee: "100,000".into(),
        deposit: deposit.map(str::to_owned),
    };
    lease::add(s, &l).unwrap();
}

/// A 300,000원 course (KILN-301, exempt) with a cohort `KILN-301/2026-4` of
/// `capacity` seats whose first session is on 12-10 at 09:00.
pub fn paid_course(s: &mut Store, capacity: &str) {
    use kiln::db::training::{self, SessionInput};
    use kiln::domain::training::{CohortInput, CourseInput};
    let c = CourseInput {
        code: "KILN-301".into(),
        title: "소결로 운전 실무".into(),
        hours: "12".into(),
        fee: "300,000".into(),
        ..CourseInput::default()
    };
    training::add_course(s, &c).unwrap();
    let h = CohortInput {
        course: "KILN-301".into(),
        code: "2026-4".into(),
        capacity: capacity.into(),
        opens: "2026-11-01".into(),
        closes: "2026-12-09".into(),
    };
    training::add_cohort(s, &h).unwrap();
    let session = SessionInput {
        cohort: "KILN-301/2026-4".into(),
        date: "2026-12-10".into(),
        start: "09:00".into(),
        end: "12:00".into(),
        room: String::new(),
        instructor: String::new(),
    };
    training::add_session(s, &session).unwrap();
}

/// `hours` of the FE-SEM by 김하늘 (P-0001) from 09:00 on `day`, recorded
/// as used: 42,000원 an hour for the SME, 70 % of it the programme's.
pub fn sem_used(s: &mut Store, day: &str, hours: i64) {
    use kiln::domain::{Minute, Period};
    let from = Minute::parse(&format!("{day} 09:00")).unwrap();
    let period = Period::new(from, Minute(from.0 + hours * 60)).unwrap();
    let row = kiln::db::booking::PastBooking {
        equipment: "EQ-0001".into(),
        person: "P-0001".into(),
        party: String::new(),
        period,
        state: kiln::domain::booking::BookingState::Completed,
        purpose: "소결체 단면 관찰".into(),
        samples: 1,
        actual: Some(period),
    };
    kiln::db::booking::record(s, &[row]).unwrap();
}
