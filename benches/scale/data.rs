//! The large demo centre at a size, generated once and cached under the
//! target directory, and opened as the app opens it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use indicatif::ProgressBar;
use kiln::db::Store;
use kiln::demo::large::{self, Scale};
use kiln::domain::{FixedClock, Minute};
use rusqlite::{Connection, OpenFlags};

use crate::cluster::Cluster;

/// The store's clock, as in the integration tests: the demo's history runs
/// up to this minute, so "today" on every screen is the same at each run.
pub const NOW: &str = "2026-11-26 10:00";
pub const USER: &str = "kim";
/// The seed `kiln demo` uses.
const SEED: u64 = kiln::demo::DEFAULT_SEED;
/// Bump when what this file asks of the generator changes.
const DATA_VERSION: u32 = 2;

pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock(Minute::parse(NOW).expect("a valid minute")))
}

/// A size of the centre: its name in the benchmark ids and its scale.
#[derive(Clone, Copy)]
pub struct Size {
    pub label: &'static str,
    pub scale: Scale,
}

impl Size {
    /// A hundredth of the large centre (`Scale::fraction(100)`: 100
    /// companies, 1,000 people, 2 machines, 500 cohorts) with 10,000
    /// bookings up to a month ahead. (Both machines need a qualification;
    /// the fraction keeps ten times the share of cohorts so that enough
    /// people hold one.)
    pub fn small() -> Size {
        Size { label: "10k", scale: Scale::fraction(100) }
    }

    /// `kiln demo --size large`: 1,000,000 bookings, 10,000 companies.
    pub fn large() -> Size {
        Size { label: "1m", scale: Scale::LARGE }
    }
}

/// `bench-data/` in the target directory: `CARGO_TARGET_DIR` if set, else
/// the directory this benchmark binary was built into (…/release/deps/x),
/// else the repository's `target/`.
pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|t| if t.is_relative() { Path::new(env!("CARGO_MANIFEST_DIR")).join(t) } else { t })
        .or_else(|| {
            let exe = std::env::current_exe().ok()?;
            exe.ancestors().nth(3).filter(|t| t.join("CACHEDIR.TAG").exists()).map(Path::to_path_buf)
        })
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench-data");
    std::fs::create_dir_all(&dir).expect("create bench-data in the target directory");
    dir
}

/// FNV-1a: stable across Rust versions, unlike std's hasher.
fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The source files under `dir`, sorted, for the key.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs" || x == "sql") {
            out.push(p);
        }
    }
    out.sort();
}

/// What a cached file depends on: the schema version, and the text of the
/// schema, its migrations and the demo generator (migration 1 and the
/// generator may still change in place while unreleased).
fn data_key() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("schema.sql")];
    sources(&root.join("migrations"), &mut files);
    sources(&root.join("src").join("demo"), &mut files);
    let hash = files.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, f| fnv(h, &std::fs::read(f).unwrap_or_default()));
    format!("s{}-{:08x}-v{DATA_VERSION}", kiln::db::SCHEMA_VERSION, hash >> 32)
}

pub fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The cached centre of `size`, generated if missing.
pub fn cached(size: Size) -> PathBuf {
    let dir = data_dir();
    let stem = format!("scale-{}-", size.label);
    let path = dir.join(format!("{stem}{}.sqlite3", data_key()));
    if path.exists() {
        eprintln!("bench data: reusing {}", path.display());
        return path;
    }
    // Files of this size for another schema or generator are stale.
    for entry in std::fs::read_dir(&dir).expect("list bench-data").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&stem) && name.ends_with(".sqlite3") {
            eprintln!("bench data: removing stale {name}");
            remove_db(&entry.path());
        }
    }
    let partial = dir.join(format!("scale-{}.partial.sqlite3", size.label));
    remove_db(&partial);
    let t = Instant::now();
    eprintln!("bench data: generating the {} centre in {} …", size.label, partial.display());
    let mut store = Store::open_as(&partial, USER, clock()).expect("open a new store");
    let summary = large::load(&mut store, SEED, &size.scale, &ProgressBar::hidden()).expect("generate the centre");
    drop(store);
    remove_db(&path);
    std::fs::rename(&partial, &path).expect("move the finished database into place");
    remove_db(&partial);
    eprintln!(
        "bench data: {} bookings, {} companies, {} people in {:.1?}",
        summary.bookings,
        summary.companies,
        summary.people,
        t.elapsed()
    );
    path
}

/// A copy of the cached centre in a temp dir beside it (the app's own
/// opening may write to a file, the cached one is never written). With
/// `KILN_BENCH_ENGINE=postgres` the store is a database of a durable
/// throwaway cluster holding the same centre, moved there as `kiln migrate`
/// moves one; the file stays for picking what to measure.
pub struct Copy {
    pub path: PathBuf,
    /// The PostgreSQL database's URL, and its cluster (dropped last).
    server: Option<(String, Cluster)>,
    _dir: tempfile::TempDir,
}

/// True when `KILN_BENCH_ENGINE=postgres`.
pub fn on_postgres() -> bool {
    std::env::var("KILN_BENCH_ENGINE").as_deref() == Ok("postgres")
}

/// The engine the stores are opened on, for the benchmark ids.
pub fn engine() -> &'static str {
    if on_postgres() { "postgres" } else { "sqlite" }
}

impl Copy {
    pub fn new(size: Size) -> Copy {
        let src = cached(size);
        let dir = tempfile::Builder::new().prefix("run-").tempdir_in(data_dir()).expect("a temp dir");
        let path = dir.path().join("kiln.sqlite3");
        let t = Instant::now();
        std::fs::copy(&src, &path).expect("copy the cached database");
        let mib = std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1_048_576.0;
        eprintln!("bench data: copied {mib:.0} MiB to {} in {:.1?}", path.display(), t.elapsed());
        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        eprintln!("bench data: load average {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
        let server = on_postgres().then(|| {
            let cluster = Cluster::start(&data_dir()).expect("KILN_BENCH_ENGINE=postgres needs PostgreSQL");
            let url = cluster.load(&format!("scale_{}", size.label), &path, USER, clock());
            (url, cluster)
        });
        Copy { path, server, _dir: dir }
    }

    /// Opened as the app opens it, as the admin.
    pub fn store(&self) -> Store {
        let at = self.server.as_ref().map_or(self.path.as_path(), |(url, _)| Path::new(url));
        Store::open_as(at, USER, clock()).expect("open the store")
    }

    /// A plain read-only connection, for picking what to measure.
    pub fn raw(&self) -> Connection {
        Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open read-only")
    }
}
