//! Believable Korean names for the demo centre.

use super::rng::Rng;

/// Company name stems and how they are romanized for an e-mail domain.
pub const STEMS: &[(&str, &str)] = &[
    ("세라", "cera"),
    ("한빛", "hanbit"),
    ("카본", "carbon"),
    ("동해", "donghae"),
    ("태백", "taebaek"),
    ("정선", "jeongseon"),
    ("삼척", "samcheok"),
    ("강릉", "gangneung"),
    ("경포", "gyeongpo"),
    ("오죽", "ojuk"),
    ("대관령", "daegwallyeong"),
    ("솔향", "solhyang"),
    ("청정", "cheongjeong"),
    ("백두", "baekdu"),
    ("미래", "mirae"),
    ("나노", "nano"),
    ("에코", "eco"),
    ("하이", "hi"),
    ("그린", "green"),
    ("누리", "nuri"),
    ("한울", "hanul"),
    ("다온", "daon"),
    ("세린", "serin"),
    ("지르코", "zirco"),
    ("알루미나", "alumina"),
    ("실리카", "silica"),
    ("도자", "doja"),
    ("백자", "baekja"),
    ("청자", "cheongja"),
    ("석영", "seogyeong"),
    ("운모", "unmo"),
    ("바다", "bada"),
    ("해오름", "haeoreum"),
    ("태양", "taeyang"),
    ("가온", "gaon"),
    ("빛고을", "bitgoeul"),
];

pub const SUFFIXES: &[(&str, &str)] = &[
    ("텍", "tech"),
    ("소재", "materials"),
    ("세라믹스", "ceramics"),
    ("머티리얼즈", "mat"),
    ("테크", "tech"),
    ("이엔지", "eng"),
    ("케미칼", "chem"),
    ("랩", "lab"),
    ("파인세라", "fine"),
    ("신소재", "newmat"),
];

const SURNAMES: &[&str] = &[
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류",
    "홍",
];

const GIVEN: &[&str] = &[
    "민", "서", "준", "지", "우", "현", "수", "영", "하", "은", "도", "윤", "재", "진", "성", "혜", "경", "태", "유",
    "나", "연", "호", "석", "희", "아", "주", "원", "빈", "솔", "찬",
];

/// A person's name such as 김민수.
pub fn person(rng: &mut Rng) -> String {
    format!("{}{}{}", rng.pick(SURNAMES), rng.pick(GIVEN), rng.pick(GIVEN))
}

/// A company name such as 세라텍(주) and a matching e-mail domain.
pub fn company(rng: &mut Rng) -> (String, String) {
    let (stem, stem_en) = *rng.pick(STEMS);
    let (suffix, suffix_en) = *rng.pick(SUFFIXES);
    let name = format!("{stem}{suffix}");
    let domain = format!("{stem_en}{suffix_en}.co.kr");
    let name = match rng.range(0, 3) {
        0 => format!("(주){name}"),
        1 => format!("{name}(주)"),
        2 => format!("주식회사 {name}"),
        _ => name,
    };
    (name, domain)
}

/// A mobile number, 010-XXXX-XXXX.
pub fn mobile(rng: &mut Rng) -> String {
    format!("010-{:04}-{:04}", rng.range(2000, 9999), rng.range(0, 9999))
}
