//! `kiln invoice list`: the tax documents (세금계산서, 계산서) an issued
//! month's statements make.

use clap::Subcommand;

use super::Env;
use super::output::{json, say, table};
use crate::db::invoice::{self, MonthDocuments};
use crate::domain::money::group;
use crate::domain::tax_document::DocKind;
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
}

fn kind(k: DocKind, lang: Lang) -> &'static str {
    match k {
        DocKind::TaxInvoice => lang.pick("세금계산서", "tax invoice"),
        DocKind::Invoice => lang.pick("계산서", "invoice (exempt)"),
    }
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
                kind(d.document.kind, lang).to_owned(),
                d.name.clone(),
                d.brn.clone(),
                won(d.document.supply),
                won(d.document.tax),
                items.join(", "),
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
    ];
    table(&heads, &rows)?;
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

pub fn invoice_cmd(env: &Env, cmd: InvoiceCmd) -> Result<()> {
    match cmd {
        InvoiceCmd::List { month, json: j } => {
            let m = invoice::month(&env.open_existing()?, &month)?;
            if j { json(&m) } else { print(&m, env.lang) }
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
                    &[&w.file.display(), &kind(w.kind, env.lang), &w.documents],
                ))?;
            }
            if written.is_empty() {
                say(env.lang.pick("쓸 문서가 없습니다", "No documents to write"))?;
            }
            Ok(())
        }
    }
}
