//! Text typed by people: trimmed, NFC-normalized, capped and free of characters
//! that would corrupt a terminal, a CSV file or the reading order.

use icu_properties::props::{BinaryProperty, DefaultIgnorableCodePoint};
use unicode_normalization::UnicodeNormalization;

use super::invalid::Problem;

/// Caps, in characters, for the kinds of text kiln stores.
pub mod caps {
    pub const NAME: usize = 100;
    pub const PERSON_NAME: usize = 50;
    pub const SHORT: usize = 50;
    pub const EMAIL: usize = 254;
    pub const NOTE: usize = 1000;
}

/// True for characters that change the reading order of the text around them
/// (embeddings, overrides, isolates and the invisible marks): a name holding
/// one can display as something it is not.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// True for Unicode's Default_Ignorable_Code_Point characters (zero-width
/// space and joiners, word joiner, byte-order mark, variation selectors, the
/// Hangul fillers U+115F, U+1160, U+3164 and U+FFA0 …): a terminal shows
/// nothing where they are, so `root` and `root` + U+200B look alike but are
/// two accounts. The table is ICU's, from Unicode's DerivedCoreProperties.txt.
/// Conjoining jamo (U+1100–U+11FF but the two fillers) are not in it: NFC
/// composes them into syllables.
pub fn is_invisible(c: char) -> bool {
    DefaultIgnorableCodePoint::for_char(c)
}

/// Cleans one line of user text: trims, NFC-normalizes (a Hangul syllable typed
/// as jamo becomes one syllable), and refuses control or bidi characters and
/// anything longer than `max` characters. Empty text is allowed here;
/// [`required`] refuses it.
pub fn clean(raw: &str, max: usize) -> Result<String, Problem> {
    let text: String = raw.trim().nfc().collect();
    if text.chars().any(is_bidi_control) {
        return Err(Problem::BidiControl);
    }
    if text.chars().any(char::is_control) {
        return Err(Problem::ControlCharacter);
    }
    if text.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    Ok(text)
}

/// Like [`clean`], but refuses text that is empty once trimmed.
pub fn required(raw: &str, max: usize) -> Result<String, Problem> {
    let text = clean(raw, max)?;
    if text.is_empty() {
        return Err(Problem::Empty);
    }
    Ok(text)
}

/// Like [`required`], for what people tell apart by how it looks: names,
/// codes and account names. Refuses invisible characters ([`is_invisible`]),
/// naming the first.
pub fn name(raw: &str, max: usize) -> Result<String, Problem> {
    let text = required(raw, max)?;
    visible(&text)?;
    Ok(text)
}

/// Refuses text holding an invisible character, naming the first.
pub fn visible(text: &str) -> Result<(), Problem> {
    match text.chars().find(|&c| is_invisible(c)) {
        Some(c) => Err(Problem::Invisible { code_point: c }),
        None => Ok(()),
    }
}

/// Like [`clean`], but empty text means "not given".
pub fn optional(raw: Option<&str>, max: usize) -> Result<Option<String>, Problem> {
    match raw {
        None => Ok(None),
        Some(raw) => {
            let text = clean(raw, max)?;
            Ok((!text.is_empty()).then_some(text))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trims_and_composes_hangul() {
        // 한 typed as three conjoining jamo becomes the one syllable.
        assert_eq!(clean("  \u{1112}\u{1161}\u{11AB}빛 ", 10).unwrap(), "한빛");
    }

    #[test]
    fn refuses_bidi_override_and_control() {
        assert_eq!(clean("세라\u{202E}텍", 10), Err(Problem::BidiControl));
        assert_eq!(clean("a\u{2066}b", 10), Err(Problem::BidiControl));
        assert_eq!(clean("a\u{1b}[31mb", 10), Err(Problem::ControlCharacter));
        assert_eq!(clean("a\tb", 10), Err(Problem::ControlCharacter));
    }

    #[test]
    fn caps_count_characters_not_bytes() {
        assert_eq!(clean("가나다", 3).unwrap(), "가나다");
        assert_eq!(clean("가나다라", 3), Err(Problem::TooLong { max: 3 }));
    }

    #[test]
    fn required_refuses_blank_and_optional_treats_it_as_absent() {
        assert_eq!(required("   ", 10), Err(Problem::Empty));
        assert_eq!(optional(Some("  "), 10), Ok(None));
        assert_eq!(optional(None, 10), Ok(None));
        assert_eq!(optional(Some(" x "), 10), Ok(Some("x".into())));
    }

    #[test]
    fn names_refuse_invisible_characters_naming_them() {
        for c in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{FE0F}', '\u{E0001}'] {
            assert_eq!(name(&format!("root{c}"), 64), Err(Problem::Invisible { code_point: c }), "{c:?}");
            assert_eq!(name(&format!("1{c}01"), 10), Err(Problem::Invisible { code_point: c }), "{c:?}");
        }
        assert_eq!(name("\u{200B}\u{200D}\u{2060}", 50), Err(Problem::Invisible { code_point: '\u{200B}' }));
        // Bidi marks are default-ignorable too, but keep their own reason.
        assert_eq!(name("a\u{200F}b", 50), Err(Problem::BidiControl));
        assert_eq!(name("김철수", 50), Ok("김철수".into()));
    }

    #[test]
    fn hangul_fillers_are_refused_but_conjoining_jamo_compose() {
        for c in ['\u{115F}', '\u{1160}', '\u{3164}', '\u{FFA0}'] {
            assert_eq!(name(&format!("김{c}"), 50), Err(Problem::Invisible { code_point: c }), "{c:?}");
        }
        // ᄒ ᅡ ᆫ: three conjoining jamo, one syllable.
        assert_eq!(name("\u{1112}\u{1161}\u{11AB}", 50), Ok("한".into()));
        // Jamo with no syllable to make stay as typed, and are visible.
        assert_eq!(name("\u{1100}\u{1100}", 50), Ok("\u{1100}\u{1100}".into()));
        assert!(
            !(0x1100..=0x11FF)
                .filter_map(char::from_u32)
                .any(|c| is_invisible(c) && c != '\u{115F}' && c != '\u{1160}')
        );
    }

    proptest! {
        #[test]
        fn any_default_ignorable_is_refused_in_a_name(
            prefix in "[a-z가-힣]{0,5}",
            c in prop::sample::select(vec!['\u{034F}', '\u{180E}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{2064}', '\u{3164}', '\u{FE00}', '\u{FEFF}', '\u{FFA0}', '\u{1D173}', '\u{E0020}', '\u{E0100}']),
            suffix in "[a-z가-힣]{0,5}",
        ) {
            let s = format!("{prefix}{c}{suffix}");
            prop_assert_eq!(name(&s, 100), Err(Problem::Invisible { code_point: c }));
        }

        #[test]
        fn cleaned_text_is_stable_and_safe(s in "\\PC{0,40}") {
            if let Ok(t) = clean(&s, 100) {
                prop_assert_eq!(clean(&t, 100), Ok(t.clone()));
                prop_assert!(!t.chars().any(|c| c.is_control() || is_bidi_control(c)));
                prop_assert_eq!(t.trim(), t.as_str());
            }
        }

        #[test]
        fn hangul_names_pass(s in proptest::collection::vec(proptest::char::range('가', '힣'), 1..20)) {
            let name: String = s.into_iter().collect();
            prop_assert_eq!(required(&name, 50), Ok(name.clone()));
        }

        #[test]
        fn any_bidi_control_is_refused(prefix in "[a-z가-힣]{0,5}", c in prop::sample::select(vec!['\u{202A}','\u{202B}','\u{202C}','\u{202D}','\u{202E}','\u{2066}','\u{2067}','\u{2068}','\u{2069}']), suffix in "[a-z가-힣]{0,5}") {
            let s = format!("{prefix}{c}{suffix}");
            prop_assert_eq!(clean(&s, 100), Err(Problem::BidiControl));
        }
    }
}
