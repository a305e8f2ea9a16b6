//! The corpus: one line a case — the exit status expected (1 a rule refused,
//! 2 bad usage or input), what the `error:` line must name (a field, by its
//! label in the language run, or words in English and Korean; with `fs`,
//! also what the English line must say is accepted) and the command line. Run against the base centre described in `bad_input.rs`.

#[path = "corpus/codes.rs"]
mod codes;
#[path = "corpus/gaps.rs"]
mod gaps;
#[path = "corpus/ids.rs"]
mod ids;
#[path = "corpus/limits.rs"]
mod limits;
#[path = "corpus/moments.rs"]
mod moments;
#[path = "corpus/times.rs"]
mod times;
#[path = "corpus/values.rs"]
mod values;

use kiln::domain::Field as F;

#[derive(Clone, Copy, Debug)]
pub enum Names {
    Field(F),
    /// English, Korean.
    Words(&'static str, &'static str),
}

#[derive(Clone, Copy, Debug)]
pub struct Case {
    pub code: i32,
    pub names: Names,
    /// What the English line must also say: what would be accepted.
    pub says: &'static str,
    pub args: &'static str,
}

const fn f(code: i32, field: F, args: &'static str) -> Case {
    Case { code, names: Names::Field(field), says: "", args }
}

/// A field, and what the English line must also say.
const fn fs(code: i32, field: F, says: &'static str, args: &'static str) -> Case {
    Case { code, names: Names::Field(field), says, args }
}

const fn w(code: i32, en: &'static str, ko: &'static str, args: &'static str) -> Case {
    Case { code, names: Names::Words(en, ko), says: "", args }
}

pub fn cases() -> Vec<Case> {
    // In this order: every third case also runs in Korean.
    [ids::cases(), times::cases(), values::cases(), codes::cases(), limits::cases(), gaps::cases(), moments::cases()]
        .concat()
}

/// The CSV files the import cases read, by name.
pub fn files() -> Vec<(&'static str, Vec<u8>)> {
    let text = |s: &str| s.as_bytes().to_vec();
    let (cp949, _, _) = encoding_rs::EUC_KR.encode("brn,name\n220-81-62517,세라텍\n");
    vec![
        ("companies.csv", text("brn,name\n220-81-62517,세라텍\n")),
        ("garbage.csv", (0..=255u8).rev().cycle().take(3000).collect()),
        ("cp949.csv", cp949.into_owned()),
        ("no-brn.csv", text("name\n세라텍\n")),
        ("rooms-no-area.csv", text("code,floor,kind\n303,3,office\n")),
        ("equipment-no-category.csv", text("code,name\nEQ-0002,SEM\n")),
        ("people-no-name.csv", text("email\nkim@example.kr\n")),
        ("colour.csv", text("brn,name,colour\n220-81-62517,세라텍,red\n")),
        ("people-korean-extra.csv", text("이름,색상\n김철수,빨강\n")),
        ("repeated.csv", text("brn,name,BRN\n220-81-62517,세라텍,220-81-62517\n")),
        ("empty.csv", Vec::new()),
        ("extra-cells.csv", text("brn,name\n220-81-62517,세라텍,extra\n")),
        ("few-cells.csv", text("brn,name\n220-81-62517\n")),
        ("bad-brn.csv", text("brn,name\n124-81-00999,세라텍\n")),
        ("taken-brn.csv", text("brn,name\n220-81-62517,새기업\n124-81-00998,세라텍\n")),
        ("twice.csv", text("brn,name\n220-81-62517,새기업\n220-81-62517,또\n")),
        ("rooms-decimals.csv", text("code,floor,kind,area_m2\n303,3,office,66.125\n")),
        ("people-bidi.csv", text("name\n김\u{202E}철수\n")),
        ("equipment-bad-unit.csv", text("code,name,category,billing_unit\nEQ-0002,SEM,analysis,minute\n")),
    ]
}
