//! The one search key: what people type to find a company, a person, a
//! machine, a room or a course, and what is stored beside each row so that
//! the database finds it by a substring of one column (`instr` on SQLite,
//! `strpos` on PostgreSQL) and nothing is scanned in Rust.
//!
//! A key is the row's names and codes, NFC-normalised (a name typed as
//! conjoining jamo is the same syllables) and lower-cased, then a separator
//! and the 초성 (initial consonants) of the Hangul in it, so `ㅅㄹㅌ` finds
//! 세라텍. Digits of a BRN or a phone number are kept without dashes, and a
//! query made only of digits and dashes is matched without its dashes.

use unicode_normalization::UnicodeNormalization;

/// Between the text and its 초성: a character nobody types, so a query never
/// spans the two.
pub const SEPARATOR: char = '\u{1f}';

/// The initial consonants, in the order of the Hangul syllables block.
const CHOSEONG: [char; 19] =
    ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];

/// The 초성 of a Hangul syllable, if `c` is one.
pub fn initial(c: char) -> Option<char> {
    let n = u32::from(c).checked_sub(0xAC00)?;
    if n >= 11_172 {
        return None;
    }
    CHOSEONG.get((n / 588) as usize).copied()
}

/// NFC, lower case, inner runs of white space as one space, trimmed.
pub fn fold(text: &str) -> String {
    let nfc: String = text.nfc().collect::<String>().to_lowercase();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key stored with a row whose names and codes are `parts` (empty parts
/// are left out).
pub fn key(parts: &[&str]) -> String {
    let text =
        parts.iter().map(|p| fold(p).replace(SEPARATOR, "")).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    let initials: String = text.chars().filter_map(initial).collect();
    format!("{text}{SEPARATOR}{initials}")
}

/// Digits only: a BRN or phone number as the key keeps it.
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// What to look for in keys for a typed query: folded, and without dashes
/// when it is a number (`124-81` finds `1248100998`). `None` for a blank
/// query (everything matches).
pub fn query(raw: &str) -> Option<String> {
    let q = fold(raw).replace(SEPARATOR, "");
    if q.is_empty() {
        return None;
    }
    let numeric = q.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
    Some(if numeric { digits(&q) } else { q })
}

/// True if the stored `key` matches the typed `query` — what the database's
/// `instr(search, ?) > 0` computes, for tests and in-memory lists.
pub fn matches(key: &str, query: &str) -> bool {
    self::query(query).is_none_or(|q| key.contains(&q))
}

/// A company: its name, representative and BRN digits.
pub fn company(name: &str, representative: &str, brn: &str) -> String {
    key(&[name, representative, &digits(brn)])
}

/// A person: name, code, phone digits and e-mail.
pub fn person(name: &str, code: &str, phone: &str, email: &str) -> String {
    key(&[name, code, &digits(phone), email])
}

/// A machine: code, name and model.
pub fn equipment(code: &str, name: &str, model: &str) -> String {
    key(&[code, name, model])
}

/// A billing party other than a company (a company's party is found by
/// the company's key): name, code and BRN digits.
pub fn party(name: &str, code: &str, brn: &str) -> String {
    key(&[name, code, &digits(brn)])
}

/// A course: code and title.
pub fn course(code: &str, title: &str) -> String {
    key(&[code, title])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn initials_find_hangul_names() {
        let k = company("(주)세라텍", "김민수", "124-81-00998");
        assert!(matches(&k, "ㅅㄹㅌ"), "{k}");
        assert!(matches(&k, "ㄱㅁㅅ"));
        assert!(matches(&k, "세라"));
        assert!(matches(&k, "124-81"));
        assert!(matches(&k, "1248100998"));
        assert!(!matches(&k, "ㅅㅌ"), "initials are a substring, not a subsequence");
    }

    #[test]
    fn conjoining_jamo_find_what_the_syllable_finds() {
        let k = person("각산", "P-0042", "", "");
        assert!(matches(&k, "\u{1100}\u{1161}\u{11a8}"), "각 typed as jamo");
        assert!(matches(&k, "각"));
        assert!(matches(&k, "p-0042") && matches(&k, "P-0042"));
    }

    #[test]
    fn case_and_spaces_fold() {
        let k = equipment("EQ-0002", "FE-SEM", "JSM-7900F");
        assert!(matches(&k, "fe-sem") && matches(&k, "  JSM  "));
        assert!(matches(&k, ""), "a blank query matches everything");
        assert_eq!(query("   "), None);
    }

    #[test]
    fn every_syllable_has_its_initial() {
        assert_eq!(initial('가'), Some('ㄱ'));
        assert_eq!(initial('힣'), Some('ㅎ'));
        assert_eq!(initial('까'), Some('ㄲ'));
        assert_eq!(initial('a'), None);
        assert_eq!(initial('ㄱ'), None);
    }

    proptest! {
        /// Any part of a name, typed as syllables or as conjoining jamo, in
        /// any case, finds the row; so do the initials of any part.
        #[test]
        fn every_substring_of_a_name_finds_it(
            name in proptest::collection::vec(prop_oneof![proptest::char::range('가', '힣'), proptest::char::range('a', 'z'), proptest::char::range('A', 'Z')], 1..12),
            from in 0usize..12, len in 1usize..12,
        ) {
            let name: String = name.into_iter().collect();
            let k = company(&name, "", "");
            let chars: Vec<char> = name.chars().collect();
            let from = from.min(chars.len() - 1);
            let part: String = chars[from..(from + len).min(chars.len())].iter().collect();
            prop_assert!(matches(&k, &part), "{part} in {k}");
            prop_assert!(matches(&k, &part.to_uppercase()));
            let decomposed: String = part.nfd().collect();
            prop_assert!(matches(&k, &decomposed), "jamo of {part}");
            let initials: String = part.chars().filter_map(initial).collect();
            if !initials.is_empty() {
                prop_assert!(matches(&k, &initials), "{initials} in {k}");
            }
        }

        /// A query never reaches across the separator into the initials of
        /// another word, and a key holds exactly one separator.
        #[test]
        fn a_key_holds_one_separator(parts in proptest::collection::vec(".{0,8}", 0..4)) {
            let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
            let k = key(&refs);
            prop_assert_eq!(k.matches(SEPARATOR).count(), 1);
        }
    }
}
