//! Reading reports off the interface's loop. A report sums the whole
//! history (a month's statements at 10,000 companies take a quarter of a
//! second), and every open terminal reads the report in front again after
//! any write anywhere; done on the loop, that would freeze typing and
//! scrolling for as long. So the screen asks a thread of its own, which
//! holds its own read-only connection to the same file (WAL lets it read
//! while others write), and the loop keeps drawing what it has until the
//! answer comes.
//!
//! Only the latest question matters (the report in front, for the period
//! shown): questions that queued while the thread was busy are skipped, and
//! a read ahead (`ahead.rs`) is stopped when a question is asked now.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread;
use std::time::Duration;

use chrono::{Datelike, NaiveDate};

use super::{Loaded, OCCUPANCY_MONTHS, Report, TOP_USERS};
use crate::db::Store;
use crate::db::statement::{self, Arrear, Statement};
use crate::domain::statement::month_text;
use crate::error::Result;
use crate::report::programme::Programme;
use crate::report::trends::{self, OccupancyPoint, TrainingOutcome};
use crate::report::usage::{self, MachineUse, TopUser};

/// What to read: one report for one period, as of one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Ask {
    pub report: Report,
    pub key: Loaded,
    pub month: (i32, u32),
    /// The top users' year.
    pub year: i32,
    pub today: NaiveDate,
}

/// One report's rows.
#[derive(Clone, Debug)]
pub(super) enum Part {
    Statements(Vec<Statement>),
    Arrears(Vec<Arrear>),
    Occupancy(Vec<OccupancyPoint>),
    Utilisation(Vec<MachineUse>),
    Training(Vec<TrainingOutcome>),
    Kpis(Vec<Programme>),
    TopUsers(Vec<TopUser>),
    Vouchers(Box<crate::db::voucher::VoucherReport>),
    Documents(crate::db::invoice::MonthDocuments),
}

pub(super) type Answer = (Ask, Result<Part>);

/// Reads what `ask` asks for. The thread runs this; so does the screen
/// itself if the thread is gone.
pub(super) fn read(store: &Store, ask: &Ask) -> Result<Part> {
    let (y, m) = ask.month;
    Ok(match ask.report {
        Report::Statements => Part::Statements(statement::month(store, &month_text(y, m))?),
        Report::Arrears => Part::Arrears(statement::arrears(store, ask.today)?),
        Report::Occupancy => Part::Occupancy(trends::occupancy_series(store, ask.today, OCCUPANCY_MONTHS)?),
        Report::Utilisation => Part::Utilisation(usage::utilisation(store, y, m)?),
        Report::Training => Part::Training(trends::training_outcomes(store)?),
        Report::Kpis => Part::Kpis(trends::programme_years(store, ask.today.year())?),
        Report::TopUsers => Part::TopUsers(usage::top_users(store, ask.year, TOP_USERS)?),
        Report::Vouchers => Part::Vouchers(Box::new(crate::db::voucher::report(store, None, ask.year)?)),
        Report::Documents => Part::Documents(crate::db::invoice::month(store, &month_text(y, m))?),
    })
}

/// Where the screen's reports are read.
#[derive(Default)]
pub(super) enum Reading {
    /// Nothing asked yet: the thread starts on the first ask.
    #[default]
    NotYet,
    Thread(Reader),
    /// On the loop, as the loop's own work: no second connection could be
    /// opened, or the thread is gone (it cannot be, short of a bug).
    OnLoop,
}

impl Reading {
    /// The thread, started if this is the first ask and it can be.
    pub fn thread(&mut self, store: &Store) -> Option<&Reader> {
        if matches!(self, Reading::NotYet) {
            *self = Reader::start(store).map_or(Reading::OnLoop, Reading::Thread);
        }
        match self {
            Reading::Thread(r) => Some(r),
            _ => None,
        }
    }
}

/// A question for the thread: one asked now (a key, a write), or a read
/// ahead, which any question asked now stops and skips.
enum Question {
    Now(Ask),
    Ahead(Ask),
}

/// The thread that reads, and the two ends of its conversation.
pub(super) struct Reader {
    asks: Sender<Question>,
    answers: Receiver<Answer>,
    /// Stops a read ahead when a question comes that is asked now.
    interrupter: crate::db::Interrupter,
    reading_ahead: Arc<AtomicBool>,
}

impl Reader {
    /// Starts the thread on a read-only connection to `store`'s file.
    pub fn start(store: &Store) -> Result<Reader> {
        let reading = store.reader()?;
        let interrupter = reading.interrupter();
        let reading_ahead = Arc::new(AtomicBool::new(false));
        let ahead = Arc::clone(&reading_ahead);
        let (asks, questions) = mpsc::channel::<Question>();
        let (replies, answers) = mpsc::channel::<Answer>();
        thread::Builder::new().name("kiln-reports".to_owned()).spawn(move || {
            let mut queued: Vec<Question> = Vec::new();
            // Ends when the screen (the sender) is gone.
            loop {
                if queued.is_empty() {
                    match questions.recv() {
                        Ok(q) => queued.push(q),
                        Err(_) => break,
                    }
                }
                queued.extend(questions.try_iter());
                // The newest question asked now wins, and the reads ahead
                // queued with it are moot; else the reads ahead, in order.
                let next = match queued.iter().rposition(|q| matches!(q, Question::Now(_))) {
                    Some(i) => {
                        let q = queued.swap_remove(i);
                        queued.clear();
                        q
                    }
                    None => queued.remove(0),
                };
                let answer = match next {
                    // A stop meant for a read ahead can reach the read that
                    // follows it: a failed read asked now is read once more.
                    Question::Now(ask) => (ask, read(&reading, &ask).or_else(|_| read(&reading, &ask))),
                    Question::Ahead(ask) => {
                        ahead.store(true, Ordering::SeqCst);
                        let part = read(&reading, &ask);
                        ahead.store(false, Ordering::SeqCst);
                        // Stopped for a question asked now, or failed: nobody waits for it.
                        let Ok(part) = part else { continue };
                        (ask, Ok(part))
                    }
                };
                if replies.send(answer).is_err() {
                    break;
                }
            }
        })?;
        Ok(Reader { asks, answers, interrupter, reading_ahead })
    }

    /// Hands `ask` to the thread, stopping a read ahead it is busy with;
    /// false if the thread is gone.
    pub fn ask(&self, ask: Ask) -> bool {
        let sent = self.asks.send(Question::Now(ask)).is_ok();
        // One stop per read ahead. On PostgreSQL a stop is a message of its
        // own that may land after the read it was meant for has ended, on
        // the read asked now, which is read once more (above); a second
        // stop for the same read ahead could land on that second read too.
        if self.reading_ahead.swap(false, Ordering::SeqCst) {
            self.interrupter.interrupt();
        }
        sent
    }

    /// Asks the thread to read `ask` when it has nothing asked now.
    pub fn ask_ahead(&self, ask: Ask) {
        let _ = self.asks.send(Question::Ahead(ask));
    }

    /// An answer if one is in; `Err` if the thread is gone.
    pub fn answer(&self) -> std::result::Result<Option<Answer>, ()> {
        match self.answers.try_recv() {
            Ok(a) => Ok(Some(a)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(()),
        }
    }

    /// Waits up to `limit` for an answer; `Err` if the thread is gone.
    pub fn wait(&self, limit: Duration) -> std::result::Result<Option<Answer>, ()> {
        match self.answers.recv_timeout(limit) {
            Ok(a) => Ok(Some(a)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(()),
        }
    }
}
