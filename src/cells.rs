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

/// A table column of exactly `cells` cells whose text never touches the next
/// column: it is cut to leave at least one space at its end, so a name as
/// wide as its column (`(주)대관령세라믹스`) cannot run into the zone beside it.
pub fn column(s: &str, cells: usize) -> String {
    if cells == 0 {
        return String::new();
    }
    let mut out = cut(s, cells - 1);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells - w));
    out
}

/// A right-aligned table column (amounts, counts) of exactly `cells` cells,
/// with at least one space before its text so it never touches the column
/// on its left.
pub fn column_right(s: &str, cells: usize) -> String {
    if cells == 0 {
        return String::new();
    }
    fit_right(&cut(s, cells - 1), cells)
}

/// Breaks `s` into lines of at most `max` cells, between words where it can,
/// inside a word only when the word alone is wider than a line. A wide
/// character is moved whole to the next line, never split or lost at the
/// edge; spaces where a line breaks are dropped.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split(' ') {
        let w = width(word);
        let gap = usize::from(!line.is_empty());
        if used + gap + w <= max {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(word);
            used += gap + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > max {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    lines.push(line);
    lines
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

    #[test]
    fn columns_never_touch() {
        assert_eq!(column("(주)대관령세라믹스", 18), "(주)대관령세라믹… ");
        assert_eq!(column("(주)백자이엔지", 14), "(주)백자이엔… ");
        assert_eq!(column("EQ-0001 XRD 회절분석기", 22), "EQ-0001 XRD 회절분석… ");
        assert_eq!(column("세라텍", 8), "세라텍  ");
        // A wide character that would straddle the edge leaves a space, not half a glyph.
        assert_eq!(column("가나다라", 6), "가나… ");
        assert_eq!(column_right("1,234,500", 9), " 1,234,5…");
        assert_eq!(column_right("1,000", 7), "  1,000");
    }

    #[test]
    fn wrapping_keeps_every_character() {
        let s = "시간이 예약 #17943(황하도(한빛텍), 2026-12-15 09:00–10:00)과(와) 겹칩니다 — 예약할 수 있습니다";
        let lines = wrap(s, 30);
        assert!(lines.iter().all(|l| width(l) <= 30), "{lines:?}");
        assert!(lines.last().unwrap().ends_with("있습니다"), "{lines:?}");
        assert_eq!(lines.join(" "), s);
        // A word wider than a line is broken between characters, a wide one moved whole.
        assert_eq!(wrap("가나다라마", 5), vec!["가나", "다라", "마"]);
    }

    proptest! {
        #[test]
        fn wrapping_loses_nothing(s in "[a-z가-힣 ]{0,80}", n in 2usize..40) {
            let lines = wrap(&s, n);
            prop_assert!(lines.iter().all(|l| width(l) <= n));
            let kept: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let all: String = s.chars().filter(|c| *c != ' ').collect();
            prop_assert_eq!(kept, all);
        }

        #[test]
        fn a_column_is_exact_and_keeps_a_space(s in "[a-z가-힣 ()]{0,30}", n in 1usize..40) {
            let c = column(&s, n);
            prop_assert_eq!(width(&c), n);
            prop_assert!(c.ends_with(' '));
            let r = column_right(&s, n);
            prop_assert_eq!(width(&r), n);
            prop_assert!(r.starts_with(' '));
        }

        #[test]
        fn fit_is_exact_width(s in "[a-z가-힣 ()]{0,30}", n in 0usize..40) {
            prop_assert_eq!(width(&fit(&s, n)), n);
            prop_assert!(width(&cut(&s, n)) <= n);
        }
    }
}
