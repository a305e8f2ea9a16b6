//! `kiln invoice list`: the tax documents (세금계산서, 계산서) an issued
//! month's statements make.

use clap::Subcommand;

use super::Env;
use super::output::{json, say, table};
use crate::db::invoice::{self, Confirmation, MonthDocuments};
use crate::domain::money::group;
use crate::error::Result;
use crate::i18n::{Lang, fill};

#[derive(Debug, Subcommand)]
pub enum InvoiceCmd {
    /// The month's documents: a 세금계산서 for each party's taxable lines, a 계산서 for its exempt ones
    List {
        /// An issued month (2026-10)
        #[arg(long)]
        month: String,
        #[arg(long)]
        json: bool,
    },
    /// Write the month's documents in the national bulk-issue form (홈택스 일괄발급), 100 a file
    Export {
        /// An issued month (2026-10)
        #[arg(long)]
        month: String,
        #[arg(long, value_parser = ["xlsx", "csv"], default_value = "xlsx")]
        format: String,
        /// The folder the files go in [default: the current folder]
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The approval numbers recorded: of documents and of corrections
    Approvals {
        /// Only the statements of this month (2026-10)
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record the approval numbers (승인번호) Hometax gave the month's documents: one, or a CSV of them
    Confirm {
        #[arg(long)]
        month: String,
        /// The statement whose document was issued (2026-10-0007)
        #[arg(long, required_unless_present = "file", conflicts_with = "file", requires = "approval")]
        statement: Option<String>,
        /// tax-invoice (세금계산서, the default) or invoice (계산서); with --corrects, of the document corrected
        #[arg(long, default_value = "")]
        kind: String,
        /// 20261110-41000000-12345678
        #[arg(long)]
        approval: Option<String>,
        /// For a correction (수정세금계산서): the statement it corrects (2026-10-0007)
        #[arg(long, conflicts_with = "file", requires = "statement")]
        corrects: Option<String>,
        /// A CSV with the columns statement (청구서), approval (승인번호) and, if any, kind (종류)
        #[arg(long)]
        file: Option<std::path::PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

/// The confirmations a CSV lists, by its header names in English or Korean.
fn read_confirmations(path: &std::path::Path) -> Result<Vec<Confirmation>> {
    use crate::domain::{Field, Invalid, Problem};
    let bad =
        || Invalid::new(Field::File, path.display().to_string(), Problem::Format { example: "statement,approval" });
    let text = std::fs::read_to_string(path)?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let heads: Vec<String> = reader.headers().map_err(|_| bad())?.iter().map(str::to_owned).collect();
    let at = |names: &[&str]| heads.iter().position(|h| names.contains(&h.as_str()));
    let statement = at(&["statement", "청구서"]).ok_or_else(bad)?;
    let approval = at(&["approval", "승인번호"]).ok_or_else(bad)?;
    let kind = at(&["kind", "종류"]);
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|_| bad())?;
        let get = |i: usize| row.get(i).unwrap_or_default().to_owned();
        out.push(Confirmation {
            statement: get(statement),
            approval: get(approval),
            kind: kind.map(get).unwrap_or_default(),
        });
    }
    Ok(out)
}

fn print(m: &MonthDocuments, lang: Lang) -> Result<()> {
    let won = |w: crate::domain::Won| group(i128::from(w.0));
    let rows: Vec<Vec<String>> = m
        .documents
        .iter()
        .map(|d| {
            let items: Vec<&str> = d.document.items.iter().map(|i| i.name.as_str()).collect();
            vec![
                d.statement.clone(),
                crate::i18n::labels::doc_kind(d.document.kind, lang).to_owned(),
                d.name.clone(),
                d.brn.clone(),
                won(d.document.supply),
                won(d.document.tax),
                items.join(", "),
                d.approval.clone().unwrap_or_else(|| lang.pick("대기", "waiting").to_owned()),
            ]
        })
        .collect();
    let heads = [
        lang.pick("청구서", "statement"),
        lang.pick("종류", "kind"),
        lang.pick("공급받는자", "buyer"),
        lang.pick("사업자등록번호", "BRN"),
        lang.pick("공급가액", "supply"),
        lang.pick("세액", "tax"),
        lang.pick("품목", "items"),
        lang.pick("승인번호", "approval"),
    ];
    table(&heads, &rows)?;
    if !m.corrections.is_empty() {
        print_corrections(m, lang)?;
    }
    if !m.without_brn.is_empty() {
        say(fill(
            lang.pick(
                "사업자등록번호가 없는 개인의 청구서 {0}건은 세금계산서를 만들지 않습니다: {1}",
                "{0} statements of individuals with no BRN make no tax document: {1}",
            ),
            &[&m.without_brn.len(), &m.without_brn.join(", ")],
        ))?;
    }
    Ok(())
}

/// The corrections, to issue one by one in Hometax: each with its reason,
/// the original's approval number and date, and the difference.
fn print_corrections(m: &MonthDocuments, lang: Lang) -> Result<()> {
    let won = |w: crate::domain::Won| group(i128::from(w.0));
    say(lang.pick(
        "수정(세금)계산서 (홈택스에서 한 장씩 발급: 원본 승인번호로 수정발급; 기록은 --corrects 원본 [--kind invoice])",
        "Corrections (issue each in Hometax from the original's approval number; record with --corrects ORIGINAL [--kind invoice])",
    ))?;
    let rows: Vec<Vec<String>> = m
        .corrections
        .iter()
        .map(|c| {
            let waiting = || {
                if c.original_approval.is_none() {
                    lang.pick("원본 승인 대기", "original waiting").to_owned()
                } else {
                    lang.pick("대기", "waiting").to_owned()
                }
            };
            vec![
                c.statement.clone(),
                c.correction.corrects.clone(),
                crate::i18n::labels::doc_kind(c.correction.kind, lang).to_owned(),
                format!("{} {}", c.correction.reason.code(), c.correction.reason.name_ko()),
                c.correction.written_on.to_string(),
                c.correction.original_written_on.to_string(),
                c.name.clone(),
                won(c.correction.supply),
                won(c.correction.tax),
                c.original_approval.clone().unwrap_or_default(),
                c.approval.clone().unwrap_or_else(waiting),
            ]
        })
        .collect();
    let heads = [
        lang.pick("청구서", "statement"),
        lang.pick("원본", "corrects"),
        lang.pick("원본 종류", "of its"),
        lang.pick("수정사유", "reason"),
        lang.pick("작성일자", "written"),
        lang.pick("원본 작성일자", "original date"),
        lang.pick("공급받는자", "buyer"),
        lang.pick("공급가액", "supply"),
        lang.pick("세액", "tax"),
        lang.pick("원본 승인번호", "original approval"),
        lang.pick("승인번호", "approval"),
    ];
    table(&heads, &rows)
}

pub fn invoice_cmd(env: &Env, cmd: InvoiceCmd) -> Result<()> {
    match cmd {
        InvoiceCmd::Approvals { month, json: j } => {
            let rows = invoice::approvals(&env.open_existing()?, month.as_deref())?;
            if j {
                return json(&rows);
            }
            let lang = env.lang;
            let rows: Vec<Vec<String>> = rows
                .into_iter()
                .map(|a| {
                    // `correction` is no document kind: a 수정세금계산서 (or,
                    // `invoice-correction`, a 수정계산서).
                    let kind = match crate::domain::tax_document::DocKind::parse(&a.kind) {
                        Ok(k) => crate::i18n::labels::doc_kind(k, lang).to_owned(),
                        Err(_) if a.kind == "invoice-correction" => {
                            lang.pick("수정계산서", "invoice correction").to_owned()
                        }
                        Err(_) => lang.pick("수정세금계산서", "correction").to_owned(),
                    };
                    vec![a.statement, kind, a.corrects.unwrap_or_default(), a.approval_no, a.confirmed_on.to_string()]
                })
                .collect();
            let heads = [
                lang.pick("청구서", "statement"),
                lang.pick("종류", "kind"),
                lang.pick("원본", "corrects"),
                lang.pick("승인번호", "approval"),
                lang.pick("기록일", "recorded"),
            ];
            table(&heads, &rows)
        }
        InvoiceCmd::List { month, json: j } => {
            let m = invoice::month(&env.open_existing()?, &month)?;
            if j { json(&m) } else { print(&m, env.lang) }
        }
        InvoiceCmd::Confirm { month, statement, corrects: Some(corrects), kind, approval, json: j, .. } => {
            let mut store = env.open_existing()?;
            let statement = statement.unwrap_or_default();
            let approval = approval.unwrap_or_default();
            let c = crate::db::correction::confirm(&mut store, &month, (&statement, &corrects, &kind), &approval)?;
            if j {
                return json(&c);
            }
            say(format!("{} → {} {}", c.statement, c.correction.corrects, c.approval.unwrap_or_default()))
        }
        InvoiceCmd::Confirm { month, statement, kind, approval, file, json: j, .. } => {
            let items = match (file, statement) {
                (Some(f), _) => read_confirmations(&f)?,
                (None, Some(statement)) => {
                    vec![Confirmation { statement, kind, approval: approval.unwrap_or_default() }]
                }
                (None, None) => Vec::new(),
            };
            let mut store = env.open_existing()?;
            let done = invoice::confirm(&mut store, &month, &items)?;
            if j {
                return json(&done);
            }
            for d in &done {
                say(format!(
                    "{} {} {}",
                    d.statement,
                    crate::i18n::labels::doc_kind(d.document.kind, env.lang),
                    d.approval.as_deref().unwrap_or_default()
                ))?;
            }
            Ok(())
        }
        InvoiceCmd::Export { month, format, out, json: j } => {
            let store = env.open_existing()?;
            let upload = invoice::upload(&store, &month)?;
            let dir = match out {
                Some(d) => d,
                None => std::env::current_dir()?,
            };
            let written = crate::export::hometax::write_month(&upload, &month, &dir, format == "xlsx", &env.path)?;
            if j {
                return json(&written);
            }
            for w in &written {
                say(fill(
                    env.lang.pick("{0}: {1} {2}건", "{0}: {2} × {1}"),
                    &[&w.file.display(), &crate::i18n::labels::doc_kind(w.kind, env.lang), &w.documents],
                ))?;
            }
            if written.is_empty() {
                say(env.lang.pick("쓸 문서가 없습니다", "No documents to write"))?;
            }
            Ok(())
        }
    }
}
