//! Text typed by people: trimmed, NFC-normalized, capped and free of characters
//! that would corrupt a terminal, a CSV file or the reading order.

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

    proptest! {
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
