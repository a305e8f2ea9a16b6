//! Every user-facing string, in Korean and English. Korean is what the staff
//! read every day; English is for `--lang en` and LANG not starting with `ko`.

pub mod booking;
pub mod check;
pub mod errors;
pub mod faults;
pub mod files;
pub mod labels;
mod messages;
mod money_errors;
mod problems;
pub mod screen;
mod sheets;
pub mod time;
pub mod usage;

pub use messages::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ko,
    En,
}

impl Lang {
    /// From the locale: LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders
    /// them; Korean when the first one set starts with `ko`.
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let locale = var("LC_ALL").or_else(|| var("LC_MESSAGES")).or_else(|| var("LANG"));
        Lang::from_locale(locale.as_deref().unwrap_or(""))
    }

    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("ko") { Lang::Ko } else { Lang::En }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// Picks the Korean or the English text.
    pub fn pick<'a>(self, ko: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}

/// Replaces `{0}`, `{1}` … in a message template.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = template.to_owned();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &a.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_the_language() {
        assert_eq!(Lang::from_locale("ko_KR.UTF-8"), Lang::Ko);
        assert_eq!(Lang::from_locale("ko"), Lang::Ko);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn fill_replaces_numbered_places() {
        assert_eq!(fill("{0}/{1} {0}", &[&1, &"x"]), "1/x 1");
    }
}
