//! The bookings benchmark's centre: built once per size through the
//! library's own use cases, cached under `target/bench-data/`, and copied
//! for each run (see `benches/README.md`, "The data, and where it is cached").

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use kiln::db::booking::{self, BookingInput, PastBooking};
use kiln::db::{Store, company, equipment, operator, person};
use kiln::domain::booking::BookingState;
use kiln::domain::company::CompanyInput;
use kiln::domain::equipment::EquipmentInput;
use kiln::domain::person::PersonInput;
use kiln::domain::{Brn, FixedClock, Minute, Period};

/// The store's clock, as in the integration tests.
pub const NOW: &str = "2026-11-26 10:00";
pub const USER: &str = "kim";
/// Bump when the generated data changes, so cached files are rebuilt.
const DATA_VERSION: u32 = 1;

const MACHINES: usize = 200;
const COMPANIES: usize = 20;
/// People 1..=200 belong to a company (round robin), the rest are external.
const PEOPLE: usize = 300;
const PEOPLE_WITH_COMPANY: usize = 200;
/// Bookings per `booking::record` call (one transaction each).
const CHUNK: usize = 50_000;
/// Years of history before `NOW`.
const YEARS: i64 = 20;
/// Active bookings to come, made through `booking::add`: one a day for
/// `FUTURE_DAYS` days on each of the first `FUTURE_MACHINES` machines. They
/// are the same at every size and count towards it.
const FUTURE_MACHINES: usize = 20;
pub const FUTURE_DAYS: i64 = 50;

/// The machine every benchmark uses: it has its share of the history and
/// the coming bookings above.
pub const BENCH_MACHINE: &str = "EQ-0001";
pub const BENCH_PERSON: &str = "P-0001";
/// The adds walk 30-minute slots from here; the horizon (730 days from NOW)
/// leaves about 31,800 of them, so a run uses at most this many before the
/// added rows are deleted and the walk starts again.
pub const ADD_FROM: &str = "2027-02-01 00:00";
pub const ADD_SLOTS: usize = 30_000;

const PURPOSES: [&str; 6] =
    ["시료 분석", "소결 조건 시험", "원료 입도 확인", "제품 품질 검사", "시제품 제작", "논문 데이터"];

pub fn minute(s: &str) -> Minute {
    Minute::parse(s).expect("a valid minute")
}

pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(minute(NOW)))
}

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

/// `target/bench-data/` in the repository.
pub fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    dir
}

pub fn label(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}m", n / 1_000_000)
    } else if n >= 1_000 && n.is_multiple_of(1_000) {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}

/// What a cached file depends on: the schema it was made with (migration 1
/// may still change in place while unreleased, so its text, not its number)
/// and the generator's version.
fn data_key() -> String {
    let schema = include_str!("../../schema.sql");
    // FNV-1a: stable across Rust versions, unlike std's hasher.
    let hash = schema.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    format!("s{}-{:08x}-v{DATA_VERSION}", kiln::db::SCHEMA_VERSION, hash >> 32)
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The cached database of `n` bookings, built if missing.
pub fn cached(n: usize) -> PathBuf {
    let dir = data_dir();
    let stem = format!("bookings-{}-", label(n));
    let path = dir.join(format!("{stem}{}.sqlite3", data_key()));
    if path.exists() {
        eprintln!("bench data: reusing {}", path.display());
        return path;
    }
    // Files of this size for another schema or generator are stale.
    for entry in std::fs::read_dir(&dir).expect("list target/bench-data").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&stem) && name.ends_with(".sqlite3") {
            eprintln!("bench data: removing stale {name}");
            remove_db(&entry.path());
        }
    }
    let partial = dir.join(format!("bookings-{}.partial.sqlite3", label(n)));
    remove_db(&partial);
    let t = Instant::now();
    eprintln!("bench data: building {} bookings in {} …", n, partial.display());
    let mut store = Store::open_as(&partial, USER, clock()).expect("open a new store");
    operator::bootstrap(&mut store).expect("bootstrap the admin");
    store.bulk(|s| generate(s, n)).expect("generate the bookings");
    drop(store);
    remove_db(&path);
    std::fs::rename(&partial, &path).expect("move the finished database into place");
    remove_db(&partial);
    eprintln!("bench data: built {} in {:.1?}", path.display(), t.elapsed());
    path
}

fn generate(store: &mut Store, n: usize) -> kiln::Result<()> {
    let t = Instant::now();
    let mut rng = Rng(0x6b69_6c6e ^ n as u64);
    let mut brns = Vec::new();
    let mut serial = 1;
    while brns.len() < COMPANIES {
        let s = format!("22681{serial:04}");
        serial += 1;
        let mut d = [0u8; 9];
        for (i, b) in s.bytes().enumerate() {
            d[i] = b - b'0';
        }
        let Some(brn) = Brn::complete(d) else { continue };
        company::add(
            store,
            &CompanyInput {
                name: format!("벤치세라믹 {:02}", brns.len() + 1),
                brn: brn.to_string(),
                admitted: "2005-03-01".into(),
                ..CompanyInput::default()
            },
        )?;
        brns.push(brn);
    }
    let mut people = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        let company = if i < PEOPLE_WITH_COMPANY { brns[i % COMPANIES].to_string() } else { String::new() };
        let p = person::add(
            store,
            &PersonInput { name: format!("사용자{:03}", i + 1), company, ..PersonInput::default() },
        )?;
        people.push(p.code);
    }
    let categories = ["analysis", "processing", "testing"];
    for m in 0..MACHINES {
        equipment::add(
            store,
            &EquipmentInput {
                code: format!("EQ-{:04}", m + 1),
                name: format!("벤치 장비 {:03}", m + 1),
                category: categories[m % 3].into(),
                billing_unit: "hour".into(),
                tenant_rate: "20000".into(),
                external_rate: "30000".into(),
                slot_minutes: "30".into(),
                min_minutes: "30".into(),
                max_minutes: "480".into(),
                horizon_days: "730".into(),
                hours: "always".into(),
                holidays_bookable: "yes".into(),
                needs_approval: "no".into(),
                ..EquipmentInput::default()
            },
        )?;
    }
    eprintln!("bench data: companies, people and machines in {:.1?}", t.elapsed());

    // The coming bookings, through the checked use case.
    let future = FUTURE_MACHINES * FUTURE_DAYS as usize;
    let tomorrow = minute("2026-11-27 00:00");
    for m in 0..FUTURE_MACHINES {
        for d in 0..FUTURE_DAYS {
            let start = Minute(tomorrow.0 + d * 1440 + 10 * 60);
            let input = BookingInput {
                equipment: format!("EQ-{:04}", m + 1),
                person: people[(m * 7 + d as usize) % PEOPLE].clone(),
                from: start.to_string(),
                to: Minute(start.0 + 120).to_string(),
                purpose: PURPOSES[d as usize % PURPOSES.len()].into(),
                samples: "2".into(),
                ..BookingInput::default()
            };
            booking::add(store, &input)?;
        }
    }
    eprintln!("bench data: {future} coming bookings in {:.1?}", t.elapsed());

    // The history: round k books every machine once, in the k-th slice of
    // the 20 years, so rows go in roughly in time order as they would have.
    let past = n.saturating_sub(future);
    let rounds = past.div_ceil(MACHINES).max(1) as i64;
    let first = Minute(minute(NOW).0 - YEARS * 365 * 1440);
    let last = minute("2026-11-25 00:00");
    let slice = ((last.0 - first.0) / rounds) / 30 * 30;
    assert!(slice >= 90, "history too dense for {n} bookings");
    let mut done = 0;
    while done < past {
        let rows: Vec<PastBooking> = (done..past.min(done + CHUNK))
            .map(|i| {
                let (k, m) = ((i / MACHINES) as i64, i % MACHINES);
                let len = (rng.range(1, 8) * 30).min(slice - 30);
                let offset = rng.range(0, (slice - len) / 30 - 1) * 30;
                let start = Minute(first.0 + k * slice + offset);
                let end = Minute(start.0 + len);
                let state = if rng.range(0, 99) < 92 { BookingState::Completed } else { BookingState::Cancelled };
                let late = rng.range(0, 15);
                let early = rng.range(0, 20).min(len - late - 5);
                PastBooking {
                    equipment: format!("EQ-{:04}", m + 1),
                    person: people[rng.range(0, PEOPLE as i64 - 1) as usize].clone(),
                    party: String::new(),
                    period: Period::new(start, end).expect("a period"),
                    state,
                    purpose: PURPOSES[rng.range(0, PURPOSES.len() as i64 - 1) as usize].into(),
                    samples: rng.range(1, 8),
                    actual: Period::new(Minute(start.0 + late), Minute(end.0 - early)).ok(),
                }
            })
            .collect();
        done += booking::record(store, &rows)?;
        eprintln!("bench data: {done} past bookings in {:.1?}", t.elapsed());
    }
    Ok(())
}
