//! The large centre's training programme: twenty courses, their cohorts
//! spread over the years with sessions, enrolments and waitlists, attendance,
//! completions and the qualifications that gate machines.

use std::collections::HashSet;

use chrono::{Months, NaiveDate};

use super::super::rng::Rng;
use super::super::training::{COURSES, weekday_from};
use super::centre::{ActiveByMonth, Externals, Firm, someone};
use super::{Loaded, Scale, month_index, month_start};
use crate::db::Write;
use crate::domain::training::{attended_minutes, certificate, passes, valid_until};
use crate::domain::{Attendance, Minute, Period};
use crate::error::Result;
use crate::store::Sql;
use crate::store::sql::demo::training as sql;

/// Courses beyond the small demo's ten; none qualifies for a machine.
const MORE: [(&str, &str, &str, u32); 10] = [
    ("KILN-160", "세라믹 원료 정제", "Refining ceramic raw materials", 12),
    ("KILN-161", "슬러리 조제와 분무건조", "Slurries and spray drying", 9),
    ("KILN-162", "유약 설계", "Glaze design", 12),
    ("KILN-170", "전자세라믹 소자", "Electronic ceramic devices", 18),
    ("KILN-171", "바이오세라믹 규격", "Bioceramic standards", 9),
    ("KILN-180", "내화물 시험법", "Testing refractories", 12),
    ("KILN-181", "유리 용융 공정", "Glass melting", 15),
    ("KILN-190", "시험성적서 작성", "Writing test reports", 6),
    ("KILN-191", "연구실 화학물질 관리", "Chemicals in the lab", 6),
    ("KILN-192", "사업화 전략", "From prototype to product", 9),
];

/// A course as loaded.
pub(super) struct Course {
    pub id: i64,
    pub code: &'static str,
    pub hours: u32,
    pub validity_months: u32,
    pub excused_counts: bool,
    pub requires: Option<usize>,
    /// Machine ids it qualifies for.
    pub machines: Vec<i64>,
}

/// The small demo's courses and ten more; a course qualifies for every
/// machine made from the models it names (`EQ-0002` is the second model).
pub(super) fn courses(w: &mut Write<'_>, loaded: &Loaded<'_>, machines: usize, now: Minute) -> Result<Vec<Course>> {
    let mut out: Vec<Course> = Vec::new();
    let created_at = Minute(now.0 - 20 * 366 * 1440);
    let rows = COURSES
        .iter()
        .map(|&(code, title, en, hours, validity, eq, requires)| (code, title, en, hours, validity, eq, requires))
        .chain(MORE.iter().map(|&(code, title, en, hours)| (code, title, en, hours, 0, "", "")));
    for (i, (code, title, en, hours, validity, eq, requires)) in rows.enumerate() {
        let id = i as i64 + 1;
        let models: Vec<usize> =
            eq.split(',').filter_map(|c| c.trim().strip_prefix("EQ-")?.parse::<usize>().ok()?.checked_sub(1)).collect();
        let machines = (0..machines).filter(|m| models.contains(&(m % 25))).map(|m| m as i64 + 1).collect();
        let row = sql::Course {
            id,
            code,
            title,
            title_en: en,
            hours,
            validity_months: validity,
            excused_counts: validity == 0,
            created_at,
        };
        sql::course(w.sql(), &row)?;
        let requires = out.iter().position(|c| c.code == requires);
        out.push(Course {
            id,
            code,
            hours,
            validity_months: validity,
            excused_counts: validity == 0,
            requires,
            machines,
        });
    }
    let mut gates = 0;
    for c in &out {
        for m in &c.machines {
            sql::course_equipment(w.sql(), c.id, *m)?;
            gates += 1;
        }
        if let Some(r) = c.requires {
            sql::course_prerequisite(w.sql(), c.id, out[r].id)?;
        }
    }
    loaded.table(w, "course", out.len())?;
    loaded.table(w, "course_equipment", gates)?;
    Ok(out)
}

/// Who holds a valid qualification of each course through each whole
/// month (and three days either side, as long as a firing runs).
pub(super) struct Qualified {
    first: NaiveDate,
    /// `[course][month]` → person ids.
    by_course: Vec<Vec<Vec<i64>>>,
}

impl Qualified {
    /// Someone qualified by one of `courses` on every day of `period`.
    pub fn pick(&self, rng: &mut Rng, courses: &[usize], period: &Period) -> Option<i64> {
        let m = month_index(self.first, period.start().date());
        if month_index(self.first, period.end().date()) != m {
            // Across a month's end: someone qualified for both months.
            let next = month_index(self.first, period.end().date());
            let both: Vec<i64> = courses
                .iter()
                .flat_map(|&c| self.month(c, m).iter().filter(move |p| self.month(c, next).contains(p)).copied())
                .collect();
            return (!both.is_empty()).then(|| both[rng.range(0, both.len() as i64 - 1) as usize]);
        }
        let total: usize = courses.iter().map(|&c| self.month(c, m).len()).sum();
        let mut at = rng.range(0, total as i64 - 1).max(0) as usize;
        for &c in courses {
            let list = self.month(c, m);
            if at < list.len() {
                return Some(list[at]);
            }
            at -= list.len();
        }
        None
    }

    fn month(&self, course: usize, m: usize) -> &[i64] {
        self.by_course.get(course).and_then(|c| c.get(m)).map_or(&[], Vec::as_slice)
    }

    fn grant(&mut self, course: usize, person: i64, from: NaiveDate, until: NaiveDate) {
        let months = self.by_course.get(course).map_or(0, Vec::len);
        for m in month_index(self.first, from)..months {
            let Some(start) = month_start(self.first, m) else { break };
            let end = start.checked_add_months(Months::new(1)).unwrap_or(start);
            if start - chrono::Duration::days(3) < from {
                continue;
            }
            if end + chrono::Duration::days(3) > until {
                break;
            }
            self.by_course[course][m].push(person);
        }
    }
}

/// What the training programme left: its cohorts and who is qualified when.
pub(super) struct Trained {
    pub count: usize,
    pub qualified: Qualified,
}

/// One cohort's plan: its course, code, capacity and session days.
struct Plan {
    course: usize,
    code: String,
    capacity: i64,
    days: Vec<NaiveDate>,
}

/// Cohorts of every course at even intervals from the first year to the
/// coming weeks; each course's cohorts numbered within the year.
fn plan(rng: &mut Rng, scale: &Scale, courses: &[Course], first: NaiveDate, today: NaiveDate) -> Vec<Plan> {
    let start = first + chrono::Duration::days(60);
    let span = (today + chrono::Duration::days(40) - start).num_days().max(1);
    let mut plans = Vec::with_capacity(scale.cohorts);
    for (ci, c) in courses.iter().enumerate() {
        let n = scale.cohorts / courses.len() + usize::from(ci < scale.cohorts % courses.len());
        let mut year_seq = (0, 0);
        for k in 0..n {
            let offset = span * k as i64 / n as i64 + rng.range(0, 6) + ci as i64;
            let day = weekday_from(start + chrono::Duration::days(offset));
            let year = chrono::Datelike::year(&day);
            year_seq = if year_seq.0 == year { (year, year_seq.1 + 1) } else { (year, 1) };
            let mut days = vec![day];
            for _ in 1..c.hours.div_ceil(3) {
                let last = days[days.len() - 1];
                days.push(weekday_from(last + chrono::Duration::days(7)));
            }
            plans.push(Plan { course: ci, code: format!("{year}-{}", year_seq.1), capacity: rng.range(8, 16), days });
        }
    }
    plans.sort_by_key(|p| (p.days[0], p.course));
    plans
}

/// What the loader keeps while it writes the cohorts in order.
struct Programme<'a> {
    courses: &'a [Course],
    classrooms: &'a [i64],
    who: String,
    now: Minute,
    qualified: Qualified,
    /// (person, course) of every completion so far, for prerequisites.
    completed: HashSet<(i64, usize)>,
    rooms_taken: HashSet<(i64, NaiveDate)>,
    /// (id, cohort, number, start, room), in the calendar's order.
    sessions: Vec<(i64, i64, i64, Minute, Option<i64>)>,
    enrolments: usize,
    attendance: usize,
    qualifications: usize,
}

/// Writes the cohorts, sessions, enrolments, attendance and qualifications.
/// Foreign keys are checked at commit (the loader defers them), since the
/// sessions go in last.
#[allow(clippy::too_many_arguments)]
pub(super) fn cohorts(
    w: &mut Write<'_>,
    loaded: &Loaded<'_>,
    rng: &mut Rng,
    scale: &Scale,
    courses: &[Course],
    classrooms: &[i64],
    (firms, active, ext): (&[Firm], &ActiveByMonth, &Externals),
    first: NaiveDate,
) -> Result<Trained> {
    let now = w.now();
    let today = now.date();
    let months = month_index(first, today) + 3;
    let mut pr = Programme {
        courses,
        classrooms,
        who: w.who().to_owned(),
        now,
        qualified: Qualified { first, by_course: vec![vec![Vec::new(); months]; courses.len()] },
        completed: HashSet::new(),
        rooms_taken: HashSet::new(),
        sessions: Vec::new(),
        enrolments: 0,
        attendance: 0,
        qualifications: 0,
    };
    let plans = plan(rng, scale, courses, first, today);
    for (i, p) in plans.iter().enumerate() {
        let opens = p.days[0] - chrono::Duration::days(30);
        // Who came, in the order they came; only those who came by now.
        let wanting = rng.range(p.capacity - 2, p.capacity + 4).max(1);
        let mut people: Vec<i64> = Vec::new();
        for _ in 0..wanting {
            let person = someone(rng, firms, active, ext, opens);
            if !people.contains(&person) {
                people.push(person);
            }
        }
        let step = 29 * 1440 / people.len().max(1) as i64;
        let came: Vec<(i64, Minute)> = people
            .iter()
            .enumerate()
            .map(|(i, &person)| (person, Minute(Minute::at(opens, 10, 0).0 + i as i64 * step)))
            .filter(|(_, at)| *at <= now)
            .collect();
        pr.cohort(w.sql(), rng, i as i64 + 1, p, &came)?;
        if i % 100 == 99 {
            loaded.tick(6_000);
        }
    }
    // Sessions go in newest first: the overlap trigger then finds no later
    // session of the room to step over (ids still follow the calendar).
    for &(id, cohort_id, number, start, room_id) in pr.sessions.iter().rev() {
        let row = sql::Session { id, cohort_id, number, start, end: Minute(start.0 + 180), room_id };
        sql::session(w.sql(), &row)?;
    }
    loaded.table(w, "cohort", plans.len())?;
    loaded.table(w, "session", pr.sessions.len())?;
    loaded.table(w, "enrolment", pr.enrolments)?;
    loaded.table(w, "attendance", pr.attendance)?;
    loaded.table(w, "qualification", pr.qualifications)?;
    Ok(Trained { count: plans.len(), qualified: pr.qualified })
}

impl Programme<'_> {
    /// One cohort: the seats go to those who came first, the rest wait. A
    /// finished cohort is completed a few days after its last session (one
    /// in five lost a trainee before it began, and the first waiting took
    /// the seat); a running one has attendance so far.
    fn cohort(&mut self, db: Sql<'_>, rng: &mut Rng, hid: i64, p: &Plan, came: &[(i64, Minute)]) -> Result<()> {
        let c = &self.courses[p.course];
        let today = self.now.date();
        let opens = p.days[0] - chrono::Duration::days(30);
        let last = p.days[p.days.len() - 1];
        let done = (last < today).then(|| weekday_from(last + chrono::Duration::days(rng.range(1, 7))).min(today));
        let row = sql::Cohort {
            id: hid,
            course_id: c.id,
            code: &p.code,
            capacity: p.capacity,
            opens_on: opens,
            closes_on: p.days[0] - chrono::Duration::days(1),
            completed_on: done,
            created_at: Minute::at(opens - chrono::Duration::days(14), 9, 0),
        };
        sql::cohort(db, &row)?;
        let first_session = self.sessions.len() as i64 + 1;
        for (n, day) in p.days.iter().enumerate() {
            let k = self.classrooms.len().max(1);
            let room = (0..self.classrooms.len())
                .map(|i| self.classrooms[(p.course + i) % k])
                .find(|r| self.rooms_taken.insert((*r, *day)));
            self.sessions.push((self.sessions.len() as i64 + 1, hid, n as i64 + 1, Minute::at(*day, 14, 0), room));
        }
        let held: Vec<(i64, NaiveDate)> = p
            .days
            .iter()
            .enumerate()
            .filter(|(_, d)| **d < today)
            .map(|(i, d)| (first_session + i as i64, *d))
            .collect();
        let cap = usize::try_from(p.capacity).unwrap_or(0).min(came.len());
        let (seated, waiting) = came.split_at(cap);
        let Some(done) = done else {
            for &(person, at) in seated {
                let e = self.enrolment(db, hid, p.course, person, "enrolled", at, None, None, None)?;
                self.attend(db, rng, e, &held)?;
            }
            for &(person, at) in waiting {
                self.enrolment(db, hid, p.course, person, "waitlisted", at, None, None, None)?;
            }
            return Ok(());
        };
        let dropped = (!seated.is_empty() && rng.chance(20)).then(|| seated[0]);
        let left_at = Minute::at(p.days[0] - chrono::Duration::days(1), 18, 0);
        let promoted = dropped.and(waiting.first().copied());
        let mut attendees: Vec<(i64, Minute, Option<Minute>)> = Vec::new();
        let mut ids = Vec::new();
        for &(person, at) in came {
            if dropped.is_some_and(|d| d.0 == person) {
                self.enrolment(db, hid, p.course, person, "cancelled", at, None, Some(left_at), None)?;
            } else if seated.iter().any(|s| s.0 == person) || promoted.is_some_and(|x| x.0 == person) {
                // The outcome is known once attendance is: reserve the id.
                self.enrolments += 1;
                ids.push(self.enrolments as i64);
                let promoted_at = promoted.filter(|x| x.0 == person).map(|_| left_at);
                attendees.push((person, at, promoted_at));
            } else {
                let cancelled = Some(Minute::at(done, 18, 0));
                self.enrolment(db, hid, p.course, person, "cancelled", at, None, cancelled, None)?;
            }
        }
        let mut serial = 0;
        for ((person, at, promoted_at), id) in attendees.into_iter().zip(ids) {
            let marks = Self::marks(rng, held.len());
            let sessions: Vec<(i64, Option<Attendance>)> = marks.iter().map(|m| (180, Some(*m))).collect();
            let (attended, total) = attended_minutes(&sessions, c.excused_counts);
            let pass = passes(attended, total);
            let cert = pass.then(|| {
                serial += 1;
                certificate(c.code, &p.code, serial)
            });
            let status = if pass { "completed" } else { "failed" };
            self.insert_enrolment(db, id, hid, p.course, person, status, at, promoted_at, None, cert.as_deref())?;
            self.write_marks(db, id, &held, &marks)?;
            if pass {
                self.completed.insert((person, p.course));
                self.qualify(db, hid, p.course, person, done)?;
            }
        }
        Ok(())
    }

    /// The next enrolment id, written now.
    #[allow(clippy::too_many_arguments)]
    fn enrolment(
        &mut self,
        db: Sql<'_>,
        hid: i64,
        course: usize,
        person: i64,
        status: &str,
        at: Minute,
        promoted: Option<Minute>,
        cancelled: Option<Minute>,
        cert: Option<&str>,
    ) -> Result<i64> {
        self.enrolments += 1;
        let id = self.enrolments as i64;
        self.insert_enrolment(db, id, hid, course, person, status, at, promoted, cancelled, cert)?;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    fn insert_enrolment(
        &mut self,
        db: Sql<'_>,
        id: i64,
        hid: i64,
        course: usize,
        person: i64,
        status: &str,
        at: Minute,
        promoted: Option<Minute>,
        cancelled: Option<Minute>,
        cert: Option<&str>,
    ) -> Result<()> {
        // Those without the course's prerequisite were let in on experience.
        let waived = self.courses[course].requires.filter(|r| !self.completed.contains(&(person, *r)));
        let row = sql::Enrolment {
            id,
            cohort_id: hid,
            person_id: person,
            status,
            enrolled_at: at,
            promoted_at: promoted,
            cancelled_at: cancelled,
            override_reason: waived.map(|_| "현장 경력 5년 이상"),
            certificate: cert,
        };
        sql::enrolment(db, &row)?;
        Ok(())
    }

    fn marks(rng: &mut Rng, n: usize) -> Vec<Attendance> {
        (0..n)
            .map(|_| match rng.range(0, 99) {
                0..=79 => Attendance::Present,
                80..=87 => Attendance::Late,
                88..=94 => Attendance::Absent,
                _ => Attendance::Excused,
            })
            .collect()
    }

    fn attend(&mut self, db: Sql<'_>, rng: &mut Rng, enrolment: i64, held: &[(i64, NaiveDate)]) -> Result<()> {
        let marks = Self::marks(rng, held.len());
        self.write_marks(db, enrolment, held, &marks)
    }

    fn write_marks(
        &mut self,
        db: Sql<'_>,
        enrolment: i64,
        held: &[(i64, NaiveDate)],
        marks: &[Attendance],
    ) -> Result<()> {
        for (&(session_id, day), &status) in held.iter().zip(marks) {
            let row = sql::Mark {
                session_id,
                enrolment_id: enrolment,
                status,
                recorded_at: Minute::at(day, 17, 0),
                recorded_by: &self.who,
            };
            sql::attendance(db, &row)?;
            self.attendance += 1;
        }
        Ok(())
    }

    /// A completion of a course that qualifies for machines grants the
    /// qualification from that day for the course's validity.
    fn qualify(&mut self, db: Sql<'_>, hid: i64, course: usize, person: i64, on: NaiveDate) -> Result<()> {
        let c = &self.courses[course];
        if c.validity_months == 0 || c.machines.is_empty() {
            return Ok(());
        }
        let until = valid_until(on, c.validity_months).unwrap_or(on);
        let row = sql::Qualification {
            person_id: person,
            course_id: c.id,
            valid_from: on,
            valid_until: until,
            cohort_id: hid,
            granted_at: Minute::at(on, 18, 0),
            granted_by: &self.who,
        };
        sql::qualification(db, &row)?;
        self.qualifications += 1;
        self.qualified.grant(course, person, on, until);
        Ok(())
    }
}
