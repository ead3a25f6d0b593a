//! Dates counted from another date: "46 years ago today", "the 50th
//! anniversary", "seventeen years later". They are checked by
//! `date::anniversary` against the date of the event they count from.

use crate::span::Span;
use crate::text::numbers::{TENS, UNITS};
use regex::Regex;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RelativeKind {
    /// `N years ago`, and `N years on` at the start of a sentence, counted
    /// back from the draft's date; `today` when it says "ago today" or
    /// starts "Today, N years ago" (the same day of the year).
    YearsAgo { today: bool },
    /// `the Nth anniversary`.
    Anniversary,
    /// `N years later`, counted from a date given before it.
    YearsLater,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RelativeExpr {
    pub span: Span,
    pub years: u32,
    pub kind: RelativeKind,
}

const UNIT_ORDINALS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TEN_ORDINALS: [&str; 10] = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// A number written in digits or words, up to 199 ("forty-six", "a
/// hundred and one" is not supported: nobody counts anniversaries so).
pub fn parse_number(s: &str) -> Option<u32> {
    let s = s.trim().to_lowercase();
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    if s == "a" || s == "an" {
        return Some(1);
    }
    if s == "a hundred" || s == "one hundred" || s == "hundred" {
        return Some(100);
    }
    crate::text::numbers::below_hundred(&s)
}

/// An ordinal in digits (`50th`) or words (`fiftieth`, `forty-sixth`).
pub fn parse_ordinal(s: &str) -> Option<u32> {
    let s = s.trim().to_lowercase();
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return digits.parse().ok();
    }
    if s == "hundredth" {
        return Some(100);
    }
    if let Some(i) = UNIT_ORDINALS.iter().position(|u| *u == s) {
        return Some(i as u32);
    }
    if let Some(i) = TEN_ORDINALS.iter().position(|u| !u.is_empty() && *u == s) {
        return Some(i as u32 * 10);
    }
    let (tens, unit) = s.split_once(['-', ' '])?;
    let t = TENS.iter().position(|x| !x.is_empty() && *x == tens)? as u32;
    let u = UNIT_ORDINALS[1..10].iter().position(|x| *x == unit)? as u32 + 1;
    Some(t * 10 + u)
}

fn number_re() -> String {
    let tens = TENS[2..].join("|");
    let units = UNITS[1..].join("|");
    format!(
        r"(?:[0-9]{{1,3}}|an?|(?:{tens})(?:[-\s](?:{units}))?|{units}|a\s+hundred|one\s+hundred)"
    )
}

fn ordinal_re() -> String {
    let tens = TENS[2..].join("|");
    let ten_ords = TEN_ORDINALS[2..].join("|");
    let unit_ords = UNIT_ORDINALS[1..].join("|");
    format!(
        r"(?:[0-9]{{1,3}}(?:st|nd|rd|th)|(?:{tens})[-\s](?:{unit_ords})|{ten_ords}|{unit_ords}|hundredth)"
    )
}

struct Forms {
    ago: Regex,
    /// `Today, ` before `N years ago` at the start of a sentence.
    today_before: Regex,
    /// `N years on` at the start of a sentence, set off by a comma or dash
    /// (`Fifty years on, ...`; not `two years on the run`).
    on: Regex,
    later: Regex,
    anniversary: Regex,
    /// What every form above needs.
    cue: Regex,
}

fn forms() -> &'static Forms {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    FORMS.get_or_init(|| {
        let n = number_re();
        let o = ordinal_re();
        Forms {
            ago: Regex::new(&format!(
                r"(?i)\b(?P<n>{n})\s+years?\s+ago(?P<today>\s+today)?\b"
            ))
            .expect("ago regex"),
            today_before: Regex::new(r"(?i)^today\s*,?\s*$").expect("today regex"),
            on: Regex::new(&format!(
                r"(?i)^(?P<n>{n})\s+years?\s+on\s*(?:[,;:\u{{2013}}\u{{2014}}]|-\s|$)"
            ))
            .expect("on regex"),
            later: Regex::new(&format!(r"(?i)\b(?P<n>{n})\s+years?\s+later\b"))
                .expect("later regex"),
            anniversary: Regex::new(&format!(r"(?i)\b(?P<n>{o})\s+anniversary\b"))
                .expect("anniversary regex"),
            cue: Regex::new(r"(?i)year|anniversary").expect("cue regex"),
        }
    })
}

/// Every relative date in `text[span]`, with spans in `text`.
pub fn find(text: &str, span: Span) -> Vec<RelativeExpr> {
    let body = &text[span.range()];
    let f = forms();
    // Every form needs `year` or `anniversary`: most sentences have
    // neither, and one literal search tells.
    if !f.cue.is_match(body) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // `start..end` of `body`.
    let mut push = |start: usize, end: usize, years: Option<u32>, kind: RelativeKind| {
        if let Some(years) = years {
            out.push(RelativeExpr {
                span: Span::new(span.start + start, span.start + end),
                years,
                kind,
            });
        }
    };
    // Where the sentence's words begin (after quotation marks, emphasis).
    let lead = body
        .find(|c: char| c.is_alphanumeric())
        .unwrap_or(body.len());
    for c in f.ago.captures_iter(body) {
        let n = parse_number(&c["n"]);
        let m = c.get(0).expect("group 0");
        let before = &body[lead.min(m.start())..m.start()];
        if lead < m.start() && f.today_before.is_match(before) {
            // `Today, fifty years ago, ...`: the span takes in `Today`.
            push(lead, m.end(), n, RelativeKind::YearsAgo { today: true });
            continue;
        }
        let today = c.name("today").is_some();
        push(m.start(), m.end(), n, RelativeKind::YearsAgo { today });
    }
    if let Some(c) = f.on.captures(&body[lead..]) {
        let n = parse_number(&c["n"]);
        let words = c[0].trim_end_matches(|ch: char| !ch.is_alphanumeric());
        push(
            lead,
            lead + words.len(),
            n,
            RelativeKind::YearsAgo { today: false },
        );
    }
    for c in f.later.captures_iter(body) {
        let n = parse_number(&c["n"]);
        let m = c.get(0).expect("group 0");
        push(m.start(), m.end(), n, RelativeKind::YearsLater);
    }
    for c in f.anniversary.captures_iter(body) {
        let n = parse_ordinal(&c["n"]);
        let m = c.get(0).expect("group 0");
        push(m.start(), m.end(), n, RelativeKind::Anniversary);
    }
    out.sort_by_key(|r| r.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, u32, RelativeKind)> {
        find(text, Span::new(0, text.len()))
            .into_iter()
            .map(|r| (&text[r.span.range()], r.years, r.kind))
            .collect()
    }

    #[test]
    fn numbers_and_ordinals() {
        assert_eq!(parse_number("46"), Some(46));
        assert_eq!(parse_number("forty-six"), Some(46));
        assert_eq!(parse_number("Forty six"), Some(46));
        assert_eq!(parse_number("seventeen"), Some(17));
        assert_eq!(parse_number("fifty"), Some(50));
        assert_eq!(parse_number("a"), Some(1));
        assert_eq!(parse_number("fifty-ten"), None);
        assert_eq!(parse_ordinal("50th"), Some(50));
        assert_eq!(parse_ordinal("fiftieth"), Some(50));
        assert_eq!(parse_ordinal("forty-sixth"), Some(46));
        assert_eq!(parse_ordinal("first"), Some(1));
    }

    #[test]
    fn relative_expressions() {
        assert_eq!(
            found("46 years ago today, Chile's president was toppled"),
            vec![(
                "46 years ago today",
                46,
                RelativeKind::YearsAgo { today: true }
            )]
        );
        assert_eq!(
            found("Fifty years ago the army struck."),
            vec![(
                "Fifty years ago",
                50,
                RelativeKind::YearsAgo { today: false }
            )]
        );
        assert_eq!(
            found("This September marks the 50th anniversary of the coup"),
            vec![("50th anniversary", 50, RelativeKind::Anniversary)]
        );
        assert_eq!(
            found("On the fortieth anniversary of the coup"),
            vec![("fortieth anniversary", 40, RelativeKind::Anniversary)]
        );
        assert_eq!(
            found("Seventeen years later, in 1990, it ended; a year later"),
            vec![
                ("Seventeen years later", 17, RelativeKind::YearsLater),
                ("a year later", 1, RelativeKind::YearsLater)
            ]
        );
        assert_eq!(found("in the last 40 years, a few years later"), vec![]);
        assert_eq!(
            found("Today, fifty years ago, the army struck."),
            vec![(
                "Today, fifty years ago",
                50,
                RelativeKind::YearsAgo { today: true }
            )]
        );
        assert_eq!(
            found("“Fifty years on, Chile still argues."),
            vec![(
                "Fifty years on",
                50,
                RelativeKind::YearsAgo { today: false }
            )]
        );
        assert_eq!(
            found("50 years on — the coup remembered"),
            vec![("50 years on", 50, RelativeKind::YearsAgo { today: false })]
        );
        // Not at the start of the sentence, or not set off: not counted.
        assert_eq!(found("He spent two years on the run."), vec![]);
        assert_eq!(found("Two years on the run ended in 1975."), vec![]);
        assert_eq!(found("And today, fifty years on, we remember."), vec![]);
    }
}
