//! Terminal cells: a Hangul syllable takes two, so columns are measured and
//! cut by display width, never by bytes or characters.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` cells, ending in `…` when something was cut. A
/// wide character that would straddle the edge is left out whole.
pub fn cut(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts and pads `s` to exactly `cells` cells.
pub fn fit(s: &str, cells: usize) -> String {
    let mut out = cut(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Pads on the left, for numbers.
pub fn fit_right(s: &str, cells: usize) -> String {
    let out = cut(s, cells);
    let w = width(&out);
    format!("{}{out}", " ".repeat(cells.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hangul_is_two_cells() {
        assert_eq!(width("세라텍(주)"), 10);
        assert_eq!(fit("세라텍", 8), "세라텍  ");
        assert_eq!(cut("세라믹스코리아", 7), "세라믹…");
        assert_eq!(width(&cut("세라믹스코리아", 8)), 7);
        assert_eq!(fit_right("1,000", 7), "  1,000");
    }

    proptest! {
        #[test]
        fn fit_is_exact_width(s in "[a-z가-힣 ()]{0,30}", n in 0usize..40) {
            prop_assert_eq!(width(&fit(&s, n)), n);
            prop_assert!(width(&cut(&s, n)) <= n);
        }
    }
}
