//! init, demo, check, backup, migrate, version.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::Env;
use super::output::{json, say};
use crate::db::{SCHEMA_VERSION, check, operator};
use crate::error::Result;
use crate::i18n::fill;

pub fn init(env: &Env, admin: Option<&str>) -> Result<()> {
    // A server's database is made by `createdb`, not by kiln: whether kiln
    // made its first admin is what tells a new one.
    let existed = env.exists();
    let mut store = env.open()?;
    let made_admin = match admin {
        Some(name) => operator::bootstrap_with(&mut store, name)?,
        None => operator::bootstrap(&mut store)?,
    };
    let me = operator::me(&store)?;
    let first = admin.map_or(me.user.clone(), str::to_owned);
    let lang = env.lang;
    let path = env.path.display();
    if !existed || made_admin {
        say(fill(
            lang.pick(
                "{0}을(를) 만들었습니다. '{1}' 계정이 관리자입니다.",
                "Created {0}. The account '{1}' is its admin.",
            ),
            &[&path, &first],
        ))
    } else {
        say(fill(
            lang.pick("{0}은(는) 이미 준비되어 있습니다. 관리자: {1}", "{0} is already set up. Admins: {1}"),
            &[&path, &me.admins.join(", ")],
        ))
    }
}

/// Which demo centre `kiln demo` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DemoSize {
    Small,
    Large,
}

pub fn demo(env: &Env, seed: u64, size: DemoSize) -> Result<()> {
    let mut store = env.open()?;
    let summary = match size {
        DemoSize::Small => crate::demo::load(&mut store, seed)?,
        DemoSize::Large => {
            let bar = progress_bar(env.lang);
            crate::demo::large::load(&mut store, seed, &crate::demo::large::Scale::LARGE, &bar)?
        }
    };
    say(fill(
        env.lang.pick(
            "예시 센터를 만들었습니다: 기업 {0}, 호실 {1}, 입주계약 {4}, 연도별 성과 {5}, 인력 {2}, 장비 {6}, 예약 {7}, 교육 기수 {8}, 청구서 {9} (시드 {3})",
            "Loaded the demo centre: {0} companies, {1} rooms, {4} leases, {5} yearly reports, {2} people, {6} machines, {7} bookings, {8} cohorts, {9} statements (seed {3})",
        ),
        &[&summary.companies, &summary.rooms, &summary.people, &seed, &summary.leases, &summary.yearly_reports, &summary.machines, &summary.bookings, &summary.cohorts, &summary.statements],
    ))
}

/// A bar on stderr while a person watches; hidden otherwise, so pipes and
/// tests see nothing but the result.
fn progress_bar(lang: crate::i18n::Lang) -> ProgressBar {
    bar_saying(crate::i18n::Msg::DemoProgress, lang)
}

fn bar_saying(what: crate::i18n::Msg, lang: crate::i18n::Lang) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0).with_message(what.text(lang));
    match ProgressStyle::with_template("{msg} {wide_bar} {percent:>3}% {elapsed}") {
        Ok(style) => bar.with_style(style),
        Err(_) => bar,
    }
}

pub fn check(env: &Env, as_json: bool) -> Result<()> {
    let store = env.open_existing()?;
    let report = check::run(&store)?;
    let said = crate::i18n::check::said(&report, env.lang);
    if as_json {
        json(&said)?;
    } else if report.is_clean() {
        say(env.lang.pick(
            "이상 없음: 무결성·외래 키 검사와 kiln 규칙 검사(겹친 예약·계약, 정원, 건물 면적, 청구서 합계, 과납, 집계 합계, 사용·출석 기록 시각, 설정값, 예약의 청구처·과제·사용료·취소 요금, 바우처 지원액과 한도, 보증금 보관액, 교육비, 바우처 지원금의 지불 주체, 승인번호)를 통과했습니다.",
            "ok: integrity, foreign keys and kiln's rules (overlapping bookings and leases, capacity, building area, statement sums, overpayment, kept sums, times of recorded use and attendance, settings, bookings' billing parties, projects, charges and cancellation charges, voucher shares and caps, deposits held, course fees, voucher shares billed to their payers, approval numbers) all pass.",
        ))?;
    } else {
        for line in said.integrity.iter().chain(&said.foreign_keys) {
            say(line)?;
        }
        for v in &said.invariants {
            say(format!("{}: {}", v.rule, v.detail))?;
        }
    }
    if report.is_clean() {
        Ok(())
    } else {
        Err(crate::error::Refusal::Integrity { problems: report.problems() }.into())
    }
}

pub fn backup(env: &Env, file: &std::path::Path) -> Result<()> {
    let store = env.open_existing()?;
    crate::db::backup::backup(&store, file)?;
    say(fill(env.lang.pick("{0}에 백업했습니다", "Backed up to {0}"), &[&file.display()]))
}

/// `kiln migrate --json`.
#[derive(Serialize)]
struct MovedJson<'a> {
    source: String,
    target: String,
    rows: i64,
    tables: Vec<TableJson>,
    counts_equal: bool,
    kept_sums_equal: bool,
    check: &'a crate::i18n::check::Said,
    clean: bool,
}

#[derive(Serialize)]
struct TableJson {
    table: &'static str,
    source: i64,
    target: i64,
}

pub fn migrate(env: &Env, to: &std::path::Path, as_json: bool) -> Result<()> {
    use crate::db::migrate;
    // Both refused before anything is opened: a path after --to would
    // otherwise become a new SQLite file.
    migrate::source_is_a_file(&env.path)?;
    migrate::target_is_a_server(to)?;
    let source = env.open_existing()?;
    let mut target = env.open_at(to)?;
    let bar = bar_saying(crate::i18n::Msg::MigrateProgress, env.lang);
    let moved = migrate::migrate(&source, &mut target, &mut |sent, total| {
        bar.set_length(total);
        bar.set_position(sent);
    });
    bar.finish_and_clear();
    let moved = moved?;
    let lang = env.lang;
    let said = crate::i18n::check::said(&moved.check, lang);
    if as_json {
        json(&MovedJson {
            source: moved.source.display().to_string(),
            target: moved.target.display().to_string(),
            rows: moved.rows(),
            tables: moved
                .tables
                .iter()
                .map(|t| TableJson { table: t.table, source: t.source, target: t.target })
                .collect(),
            counts_equal: moved.counts_equal(),
            kept_sums_equal: moved.kept_equal,
            check: &said,
            clean: moved.is_clean(),
        })?;
    } else {
        say(fill(
            lang.pick("{0}의 표 {1}개, {2}행을 {3}(으)로 옮겼습니다.", "Moved {2} rows in {1} tables from {0} to {3}."),
            &[&moved.source.display(), &moved.tables.len(), &moved.rows(), &moved.target.display()],
        ))?;
        for t in moved.tables.iter().filter(|t| t.source != t.target) {
            say(fill(
                lang.pick("{0}: 파일에 {1}행, PostgreSQL에 {2}행", "{0}: {1} rows in the file, {2} in PostgreSQL"),
                &[&t.table, &t.source, &t.target],
            ))?;
        }
        if !moved.kept_equal {
            say(lang.pick(
                "집계 합계(yearly_total, party_month)가 파일과 다릅니다",
                "the kept sums (yearly_total, party_month) differ from the file's",
            ))?;
        }
        for line in said.integrity.iter().chain(&said.foreign_keys) {
            say(line)?;
        }
        for v in &said.invariants {
            say(format!("{}: {}", v.rule, v.detail))?;
        }
        if moved.is_clean() {
            say(lang.pick(
                "검사 이상 없음: 모든 표의 행 수와 집계 합계가 원본과 같고, kiln check를 통과했습니다.",
                "check: clean — every table's row count and the kept sums equal the source's, and kiln check passes.",
            ))?;
        }
    }
    match moved.refusal() {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

#[derive(Serialize)]
struct Version {
    kiln: &'static str,
    schema: i64,
    sqlite: &'static str,
}

pub fn version(_env: &Env, as_json: bool) -> Result<()> {
    let v = Version { kiln: env!("CARGO_PKG_VERSION"), schema: SCHEMA_VERSION, sqlite: crate::store::engine_version() };
    if as_json { json(&v) } else { say(format!("kiln {} (schema {}, SQLite {})", v.kiln, v.schema, v.sqlite)) }
}
