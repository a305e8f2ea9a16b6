//! `kiln centre show|set`: the centre as the supplier (공급자) on its tax
//! documents.

use clap::Subcommand;

use super::Env;
use super::output::{json, one, say, table};
use crate::db::supplier::{self, Centre};
use crate::domain::supplier::SupplierInput;
use crate::error::Result;
use crate::i18n::{Lang, labels};

#[derive(Debug, Subcommand)]
pub enum CentreCmd {
    /// The centre's details as a supplier, as its tax documents print them
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Set them (admins): every one the first time, then only what changes
    Set {
        /// 사업자등록번호 (check digit checked)
        #[arg(long)]
        brn: Option<String>,
        /// 상호
        #[arg(long)]
        name: Option<String>,
        /// 대표자 성명
        #[arg(long)]
        representative: Option<String>,
        /// 사업장 주소
        #[arg(long)]
        address: Option<String>,
        /// 업태 (서비스)
        #[arg(long = "business-type")]
        business_type: Option<String>,
        /// 종목 (시험분석, 장비임대)
        #[arg(long = "business-item")]
        business_item: Option<String>,
        /// Where the tax documents' copies go
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn print(c: &Centre, lang: Lang) -> Result<()> {
    use crate::domain::Field as F;
    let s = &c.supplier;
    let rows = [
        (F::Brn, s.brn.to_string()),
        (F::TradeName, s.name.clone()),
        (F::Representative, s.representative.clone()),
        (F::Address, s.address.clone()),
        (F::BusinessType, s.business_type.clone()),
        (F::BusinessItem, s.business_item.clone()),
        (F::Email, s.email.clone()),
    ];
    let rows: Vec<Vec<String>> = rows.into_iter().map(|(f, v)| vec![labels::field(f, lang).to_owned(), v]).collect();
    table(&[lang.pick("항목", "field"), lang.pick("값", "value")], &rows)?;
    say(format!("{} {} {}", lang.pick("정한 때", "set"), c.set_at, c.set_by))
}

pub fn centre_cmd(env: &Env, cmd: CentreCmd) -> Result<()> {
    let lang = env.lang;
    match cmd {
        CentreCmd::Show { json: j } => match supplier::show(&env.open_existing()?)? {
            Some(c) => one(&c, j, || print(&c, lang)),
            None if j => json(&serde_json::Value::Null),
            None => say(lang.pick(
                "센터의 공급자 정보가 아직 없습니다 — `kiln centre set --brn … --name … --representative … --address … --business-type … --business-item … --email …`",
                "The centre's supplier details are not set yet — `kiln centre set --brn … --name … --representative … --address … --business-type … --business-item … --email …`",
            )),
        },
        CentreCmd::Set { brn, name, representative, address, business_type, business_item, email, json: j } => {
            let input = SupplierInput { brn, name, representative, address, business_type, business_item, email };
            let c = supplier::set(&mut env.open_existing()?, &input)?;
            one(&c, j, || print(&c, lang))
        }
    }
}
