//! Bad usage caught by the argument parser (an unknown flag, a value that is
//! not one of the choices, a missing argument), as the one `error:` line the
//! command line promises, in the user's language. clap's own text spans
//! several lines (usage, tips), which scripts reading stderr cannot rely on.

use clap::error::{ContextKind, ErrorKind};

use super::errors::shown;
use super::{Lang, fill};

/// The language to speak before the arguments are understood: `--lang ko`
/// or `--lang=ko` among `args` wins over the locale.
pub fn lang_of_args(args: &[String]) -> Lang {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("ko") => return Lang::Ko,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

/// The parser's error as one line, without the leading `error: `: the
/// argument, what was wrong and what would be accepted.
pub fn usage(e: &clap::Error, lang: Lang) -> String {
    let get = |k: ContextKind| e.get(k).map(ToString::to_string).filter(|s| !s.is_empty());
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let help = lang.pick(" — `--help`로 쓸 수 있는 것을 보세요", " — see `--help` for what is accepted");
    match (e.kind(), arg) {
        (ErrorKind::InvalidValue, Some(arg)) => match get(ContextKind::ValidValue) {
            Some(valid) => fill(
                lang.pick(
                    "{0}: '{1}'은(는) 쓸 수 없습니다 — 가능한 값: {2}",
                    "{0}: '{1}' is not accepted — use one of: {2}",
                ),
                &[&arg, &shown(&value), &valid],
            ),
            None => fill(lang.pick("{0}: 값을 입력하세요", "{0}: give a value"), &[&arg]),
        },
        // Every typed (not text) value kiln takes is a whole number.
        (ErrorKind::ValueValidation, Some(arg)) => fill(
            lang.pick(
                "{0}: '{1}'은(는) 쓸 수 없습니다 — 정수를 입력하세요",
                "{0}: '{1}' is not accepted — give a whole number",
            ),
            &[&arg, &shown(&value)],
        ),
        (ErrorKind::UnknownArgument, Some(arg)) => {
            let suggested = get(ContextKind::SuggestedArg).map_or_else(String::new, |s| {
                fill(lang.pick(" — '{0}'을(를) 뜻했나요?", " — did you mean '{0}'?"), &[&s])
            });
            let base = fill(lang.pick("알 수 없는 인자 '{0}'", "unexpected argument '{0}'"), &[&shown(&arg)]);
            format!("{base}{}", if suggested.is_empty() { help } else { &suggested })
        }
        (ErrorKind::MissingRequiredArgument, Some(arg)) => {
            fill(lang.pick("꼭 필요한 인자가 없습니다: {0}", "required argument(s) missing: {0}"), &[&arg])
        }
        (ErrorKind::InvalidSubcommand, _) => {
            let sub = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("{}{help}", fill(lang.pick("알 수 없는 명령 '{0}'", "unknown command '{0}'"), &[&shown(&sub)]))
        }
        _ => one_line(&e.render().to_string()),
    }
}

/// clap's rendered message on one line: the usage block and the pointer to
/// `--help` dropped, the rest joined.
fn one_line(rendered: &str) -> String {
    let mut out = String::new();
    for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        let line = line.strip_prefix("error: ").unwrap_or(line);
        if !out.is_empty() {
            out.push_str(if out.ends_with(':') { " " } else { " — " });
        }
        out.push_str(line);
    }
    shown_line(&out)
}

/// Keeps a message on one line whatever the parser echoed back.
fn shown_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_arguments_first() {
        let args = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(lang_of_args(&args(&["kiln", "--lang", "ko", "x"])), Lang::Ko);
        assert_eq!(lang_of_args(&args(&["kiln", "x", "--lang=en"])), Lang::En);
    }

    #[test]
    fn clap_text_is_joined_on_one_line() {
        let text = "error: the following required arguments were not provided:\n  --brn <BRN>\n\nUsage: kiln company add\n\nFor more information, try '--help'.\n";
        assert_eq!(one_line(text), "the following required arguments were not provided: --brn <BRN>");
        let text = "error: unexpected argument '-2' found\n\n  tip: to pass '-2' as a value, use '-- -2'\n\nUsage: x\n";
        assert_eq!(one_line(text), "unexpected argument '-2' found — tip: to pass '-2' as a value, use '-- -2'");
    }
}
