//! The PostgreSQL side of the benchmarks: one throwaway cluster per run,
//! made by `.ci/pg --durable` under `target/bench-data/` (the disk the
//! SQLite copies are on, with fsync, `synchronous_commit` and
//! `full_page_writes` on, as a centre's server runs), and each cached SQLite
//! centre moved into it the way a centre moves: `kiln::db::migrate`, which
//! copies every table and ends with `check`.
//!
//! Without PostgreSQL installed the benchmarks say so once and measure
//! SQLite alone.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use kiln::db::Store;
use kiln::domain::FixedClock;

/// A running cluster, stopped and removed when dropped.
pub struct Cluster {
    socket: String,
    /// `runuser -u postgres --` under root, where PostgreSQL refuses to run.
    run_as: Vec<&'static str>,
}

impl Cluster {
    /// Starts one under `data_dir`, or says why not and returns `None`.
    pub fn start(data_dir: &Path) -> Option<Cluster> {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".ci/pg");
        let out = Command::new("bash").arg(&script).arg("--durable").env("TMPDIR", data_dir).output();
        let out = match out {
            Ok(out) if out.status.success() => out,
            Ok(out) => {
                eprintln!(
                    "bench: PostgreSQL not measured: {} (Debian: apt-get install postgresql)",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                return None;
            }
            Err(e) => {
                eprintln!("bench: PostgreSQL not measured: {e}");
                return None;
            }
        };
        let socket = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        let cluster = Cluster { socket, run_as: if root { vec!["runuser", "-u", "postgres", "--"] } else { vec![] } };
        let me = whoami::username().expect("the OS account");
        cluster.admin("postgres").batch_execute(&format!("CREATE ROLE \"{me}\" SUPERUSER LOGIN")).expect("a role");
        if std::env::var_os("KILN_BENCH_PG_LOG").is_some() {
            // Every statement's time in the server's log, kept after the run
            // as target/bench-data/postgres.log: where a round trip goes.
            let mut admin = cluster.admin("postgres");
            admin.batch_execute("ALTER SYSTEM SET log_min_duration_statement = 0").expect("log durations");
            admin.batch_execute("SELECT pg_reload_conf()").expect("reload");
        }
        let version: String = cluster.admin("postgres").query_one("SHOW server_version", &[]).expect("version").get(0);
        eprintln!("bench: PostgreSQL {version}, durable cluster at {}", cluster.socket);
        Some(cluster)
    }

    fn admin(&self, db: &str) -> postgres::Client {
        let config = format!("host={} user=postgres dbname={db}", self.socket);
        postgres::Client::connect(&config, postgres::NoTls).expect("connect as postgres")
    }

    /// The URL of database `name`, as the OS account (a superuser here).
    pub fn url(&self, name: &str) -> String {
        format!("postgresql:///{name}?host={}", self.socket)
    }

    /// A plain connection to database `name`, for what the benchmarks do
    /// beside kiln (clean-up, counts).
    pub fn client(&self, name: &str) -> postgres::Client {
        let config = format!("host={} dbname={name}", self.socket);
        postgres::Client::connect(&config, postgres::NoTls).expect("connect")
    }

    /// Database `name` holding the kiln file at `file`, moved with
    /// `kiln::db::migrate` as `kiln migrate --to` does; says how long that
    /// took. The file is only read.
    pub fn load(&self, name: &str, file: &Path, user: &str, clock: Arc<FixedClock>) -> String {
        self.admin("postgres").batch_execute(&format!("CREATE DATABASE {name}")).expect("create the database");
        let url = self.url(name);
        let t = Instant::now();
        let source = Store::open_existing_as(file, user, clock.clone()).expect("open the cached file");
        let mut target = Store::open_as(Path::new(&url), user, clock).expect("open the new database");
        let moved = kiln::db::migrate::migrate(&source, &mut target, &mut |_, _| {}).expect("migrate");
        assert!(moved.kept_equal && moved.check.is_clean(), "the moved centre is not sound");
        let rows: i64 = moved.tables.iter().map(|t| t.target).sum();
        eprintln!("bench data: {rows} rows moved to PostgreSQL ({name}) in {:.1?}, check clean", t.elapsed());
        // As an administrator would after a bulk load: fresh statistics.
        self.client(name).batch_execute("VACUUM ANALYZE").expect("vacuum analyze");
        url
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let bin = Command::new("sh")
            .args(["-c", "ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        let (program, args) = self.run_as.split_first().map_or(("", &[][..]), |(p, a)| (*p, a));
        let pg_ctl = format!("{bin}/pg_ctl");
        let data = format!("{}/data", self.socket);
        let stop = ["-D", data.as_str(), "-m", "fast", "stop"];
        let status = if program.is_empty() {
            Command::new(&pg_ctl).args(stop).output()
        } else {
            Command::new(program).args(args).arg(&pg_ctl).args(stop).output()
        };
        if status.is_ok_and(|s| s.status.success()) {
            if std::env::var_os("KILN_BENCH_PG_LOG").is_some() {
                let kept = Path::new(&self.socket).with_file_name("postgres.log");
                let _ = std::fs::copy(Path::new(&self.socket).join("log"), kept);
            }
            let _ = std::fs::remove_dir_all(&self.socket);
        } else {
            eprintln!("bench: could not stop the cluster at {}; stop it with pg_ctl -D {data} stop", self.socket);
        }
    }
}
