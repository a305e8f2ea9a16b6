//! The same centre on PostgreSQL: the cached file of a size moved into a
//! database of the run's durable cluster, opened as the app opens it.

use std::path::Path;

use kiln::db::{Store, equipment};
use kiln::store::Conn;

use crate::cluster::Cluster;
use crate::data::{BENCH_MACHINE, USER, cached, clock, label};

pub struct PgFixture {
    pub store: Store,
    /// The store's engine on the same database, for the queries alone.
    pub engine: Conn,
    pub eq_id: i64,
    client: postgres::Client,
    max_id: i64,
}

impl PgFixture {
    pub fn new(cluster: &Cluster, n: usize) -> PgFixture {
        let name = format!("bookings_{}", label(n));
        let url = cluster.load(&name, &cached(n), USER, clock());
        let store = Store::open_as(Path::new(&url), USER, clock()).expect("open the store on PostgreSQL");
        let engine = Conn::open(Path::new(&url), false).expect("open the engine");
        let eq_id = equipment::show(&store, BENCH_MACHINE).expect("the bench machine").id;
        let mut client = cluster.client(&name);
        let max_id: i64 = client.query_one("SELECT max(id) FROM booking", &[]).expect("max id").get(0);
        let size: i64 = client.query_one("SELECT pg_database_size(current_database())", &[]).expect("size").get(0);
        eprintln!("bench data: the PostgreSQL database is {:.0} MiB", size as f64 / 1_048_576.0);
        PgFixture { store, engine, eq_id, client, max_id }
    }

    /// Deletes what the benchmarks booked, as [`crate::fixture::Fixture::reset`]
    /// does on the file; VACUUM so that dead rows do not pile up between
    /// samples and weigh on the next ones.
    pub fn reset(&mut self) {
        self.client.execute("DELETE FROM booking WHERE id > $1", &[&self.max_id]).expect("delete the added bookings");
        self.client.batch_execute("VACUUM booking").expect("vacuum");
    }
}
