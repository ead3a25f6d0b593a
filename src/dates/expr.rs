//! Finding date expressions in prose.
//!
//! Each form is one regular expression (`11 September 1973`, `September
//! 11, 1973`, `Sept. 11`, `June 1973`, `early 1973`, `1964-65`, ...); where
//! two forms overlap the longer match wins (`Tuesday, 11 September 1973` over
//! `September 1973`). White space between the parts may include line breaks,
//! as in a PDF copy.
//!
//! A four-digit number is a year unless its surroundings say it is a count,
//! a price, a page or part of a phone number (`1500 workers`, `$1973`,
//! `p. 1971`, `079 8202 1969`); a year used as an adjective (`the 1973
//! coup`) is a year. A month name alone is a date when it is capitalised;
//! `May`, `March` and `August`, which are also words, only after a word such
//! as `in` or `last`. Numeric dates need a year (`9/11/1973`, month first
//! unless the first number is above 12), except `9/11` itself, the name of a
//! date. Weekdays alone (`on Tuesday`) and relative dates (`last year`) are
//! not dates here: they have no value without the date of writing.

use super::{DateValue, Part, Season, Weekday};
use crate::span::Span;
use regex::{Captures, Regex};
use std::sync::OnceLock;

/// A date expression found in prose.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateExpr {
    /// Span of the whole expression (a weekday included) in the text given.
    pub span: Span,
    pub value: DateValue,
    /// A weekday named with the date, and its span.
    pub weekday: Option<(Weekday, Span)>,
    /// The year was not written with the date but taken from the sentence.
    pub year_from_context: bool,
}

impl DateExpr {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.range()]
    }
}

const MONTH: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)";
const FULL_MONTH: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b";
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\b";
const YEAR: &str = r"(?:1[1-9][0-9]{2}|20[0-9]{2})\b";
const WEEKDAY: &str = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\b\.?)";

/// How a match of a form becomes a value.
type Build = fn(&Captures, &str) -> Option<DateValue>;

struct Form {
    re: Regex,
    build: Build,
    /// Whether the match must pass the checks for a bare year or month.
    check: Check,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    None,
    Year,
    BareMonth,
}

/// What every form needs (see [`find`]): a digit, or a month's name as
/// [`MONTH`] matches it in the forms themselves.
fn cue() -> &'static Regex {
    static CUE: OnceLock<Regex> = OnceLock::new();
    CUE.get_or_init(|| Regex::new(&format!("[0-9]|{MONTH}")).expect("the date cue"))
}

fn forms() -> &'static [Form] {
    static FORMS: OnceLock<Vec<Form>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let wd = format!(r"(?:(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?)?");
        let rel = r"(?:(?P<rel>last|next|this|Last|Next|This)\s+)?";
        let form = |re: String, build: Build, check: Check| Form {
            re: Regex::new(&re).expect("date regex"),
            build,
            check,
        };
        vec![
            // 11 September 1973, Tuesday, 11 September 1973, 11th of September
            form(
                format!(r"\b{wd}(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?"),
                build_day,
                Check::None,
            ),
            // September 11, 1973, Sept. 11, last January 8
            form(
                format!(r"\b{wd}{rel}(?P<m>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?"),
                build_day,
                Check::None,
            ),
            // June 1973, June of 1973
            form(
                format!(r"\b(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})"),
                build_month,
                Check::None,
            ),
            // September-October 1970, July/August, June to September 1973
            form(
                format!(
                    r"\b(?P<m>{MONTH})\s*(?:[-–—/]|\s(?:to|through)\s)\s*(?P<m2>{MONTH})(?:,?\s+(?P<y>{YEAR}))?"
                ),
                build_month_range,
                Check::None,
            ),
            // 24-25 August 2011, 24 and 25 August
            form(
                format!(
                    r"\b(?P<d>{DAY})\s*(?:[-–]|\s(?:and|to)\s)\s*(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?"
                ),
                build_day_range,
                Check::None,
            ),
            // August 24-25, 2011
            form(
                format!(
                    r"\b(?P<m>{MONTH})\s+(?P<d>{DAY})\s*[-–]\s*(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?"
                ),
                build_day_range,
                Check::None,
            ),
            // 9/11/1973 (month first unless the first number is above 12)
            form(
                r"\b(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4})\b".to_string(),
                build_slashed,
                Check::None,
            ),
            // 1973-09-11
            form(
                r"\b(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})\b".to_string(),
                build_numeric,
                Check::None,
            ),
            // 16.09.2023
            form(
                r"\b(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4})\b".to_string(),
                build_numeric,
                Check::None,
            ),
            // 9/11, the name
            form(
                r"\b9/11\b".to_string(),
                |_, _| {
                    Some(DateValue::Day {
                        year: None,
                        month: 9,
                        day: 11,
                    })
                },
                Check::None,
            ),
            // the autumn of 1972, Summer 1973
            form(
                format!(
                    r"(?i:\b(?P<s>spring|summer|autumn|fall|winter))(?:\s+of)?\s+(?P<y>{YEAR})"
                ),
                build_season,
                Check::None,
            ),
            // early 1973, mid-1973, the end of 1972
            form(
                format!(r"{PART}(?P<y>{YEAR})"),
                build_part_of_year,
                Check::None,
            ),
            // early June 1973, late June
            form(
                format!(r"{PART}(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?"),
                build_part_of_month,
                Check::None,
            ),
            // the early 1930s (a decade's `the` is part of it, as in TimeML)
            form(
                format!(r"(?:\b[Tt]he\s+)?{PART}(?:the\s+)?(?P<dec>(?:1[1-9][0-9]|20[0-9])0)'?s\b"),
                build_part_of_decade,
                Check::None,
            ),
            // the 1930s
            form(
                r"(?:\b[Tt]he\s+)?\b(?P<dec>(?:1[1-9][0-9]|20[0-9])0)'?s\b".to_string(),
                |c, _| Some(DateValue::Decade(num(c, "dec")?)),
                Check::None,
            ),
            // 1964-65, 1973/74, 2019-2020
            form(
                format!(r"\b(?P<y>{YEAR})\s*[-–—/]\s*(?P<y2>[0-9]{{4}}|[0-9]{{2}})\b"),
                build_year_range,
                Check::Year,
            ),
            // 1971
            form(
                format!(r"\b(?P<y>{YEAR})"),
                |c, _| Some(DateValue::Year(num(c, "y")?)),
                Check::Year,
            ),
            // in June, last August
            form(
                format!(r"\b{rel}(?P<m>{FULL_MONTH})"),
                build_month,
                Check::BareMonth,
            ),
        ]
    })
}

const PART: &str = r"\b(?P<p>[Ee]arly|[Mm]id|[Ll]ate|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+end\s+of|the\s+close\s+of|[Tt]he\s+first\s+half\s+of|[Tt]he\s+second\s+half\s+of)(?:-|\s+)(?:of\s+)?";

fn num<T: std::str::FromStr>(c: &Captures, name: &str) -> Option<T> {
    c.name(name)?.as_str().parse().ok()
}

fn day_number(s: &str) -> Option<u8> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

/// The month a name or abbreviation names.
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    super::MONTHS
        .iter()
        .position(|m| {
            let m = m.to_ascii_lowercase();
            m == w || (m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as u8 + 1)
}

fn year_of(c: &Captures) -> Option<i32> {
    num(c, "y")
}

fn build_day(c: &Captures, _: &str) -> Option<DateValue> {
    Some(DateValue::Day {
        year: year_of(c),
        month: month_number(c.name("m")?.as_str())?,
        day: day_number(c.name("d")?.as_str())?,
    })
}

fn build_month(c: &Captures, _: &str) -> Option<DateValue> {
    Some(DateValue::Month {
        year: year_of(c),
        month: month_number(c.name("m")?.as_str())?,
    })
}

fn build_month_range(c: &Captures, _: &str) -> Option<DateValue> {
    let year = year_of(c);
    let a = month_number(c.name("m")?.as_str())?;
    let b = month_number(c.name("m2")?.as_str())?;
    if a >= b {
        return None;
    }
    Some(DateValue::Range(
        Box::new(DateValue::Month { year, month: a }),
        Box::new(DateValue::Month { year, month: b }),
    ))
}

fn build_day_range(c: &Captures, _: &str) -> Option<DateValue> {
    let year = year_of(c);
    let month = month_number(c.name("m")?.as_str())?;
    let a = day_number(c.name("d")?.as_str())?;
    let b = day_number(c.name("d2")?.as_str())?;
    if a >= b {
        return None;
    }
    Some(DateValue::Range(
        Box::new(DateValue::Day {
            year,
            month,
            day: a,
        }),
        Box::new(DateValue::Day {
            year,
            month,
            day: b,
        }),
    ))
}

fn build_slashed(c: &Captures, _: &str) -> Option<DateValue> {
    let a: u8 = num(c, "a")?;
    let b: u8 = num(c, "b")?;
    let (month, day) = if a <= 12 { (a, b) } else { (b, a) };
    if !(1..=12).contains(&month) || day == 0 || day > 31 {
        return None;
    }
    Some(DateValue::Day {
        year: year_of(c),
        month,
        day,
    })
}

fn build_numeric(c: &Captures, _: &str) -> Option<DateValue> {
    let month: u8 = num(c, "m")?;
    let day: u8 = num(c, "d")?;
    if !(1..=12).contains(&month) || day == 0 || day > 31 {
        return None;
    }
    Some(DateValue::Day {
        year: year_of(c),
        month,
        day,
    })
}

fn build_season(c: &Captures, _: &str) -> Option<DateValue> {
    let season = match c.name("s")?.as_str().to_ascii_lowercase().as_str() {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        _ => Season::Winter,
    };
    Some(DateValue::Season(season, year_of(c)?))
}

fn part(c: &Captures) -> Option<Part> {
    let p = c.name("p")?.as_str().to_ascii_lowercase();
    Some(
        if p.starts_with("early") || p.contains("beginning") || p.contains("start") {
            Part::Early
        } else if p.starts_with("mid") || p.contains("middle") {
            Part::Mid
        } else if p.contains("first half") {
            Part::Early
        } else {
            Part::Late
        },
    )
}

fn build_part_of_year(c: &Captures, _: &str) -> Option<DateValue> {
    Some(DateValue::Part(
        part(c)?,
        Box::new(DateValue::Year(year_of(c)?)),
    ))
}

fn build_part_of_month(c: &Captures, t: &str) -> Option<DateValue> {
    Some(DateValue::Part(part(c)?, Box::new(build_month(c, t)?)))
}

fn build_part_of_decade(c: &Captures, _: &str) -> Option<DateValue> {
    Some(DateValue::Part(
        part(c)?,
        Box::new(DateValue::Decade(num(c, "dec")?)),
    ))
}

fn build_year_range(c: &Captures, _: &str) -> Option<DateValue> {
    let a: i32 = num(c, "y")?;
    let end = c.name("y2")?.as_str();
    let b: i32 = if end.len() == 2 {
        a / 100 * 100 + end.parse::<i32>().ok()?
    } else {
        end.parse().ok()?
    };
    // `1998-12` is a month, `1973-09` is not a range.
    if b <= a || b - a > 100 {
        return None;
    }
    Some(DateValue::Range(
        Box::new(DateValue::Year(a)),
        Box::new(DateValue::Year(b)),
    ))
}

/// Words before a number that make it a count, a price or a reference.
const NOT_YEAR_BEFORE: &[&str] = &[
    "page",
    "pages",
    "p",
    "pp",
    "no",
    "nos",
    "number",
    "numbers",
    "vol",
    "volume",
    "over",
    "under",
    "nearly",
    "almost",
    "some",
    "approximately",
    "roughly",
    "exactly",
    "than",
    "total",
    "additional",
    "another",
    "box",
    "room",
    "route",
    "flight",
    "rs",
    "usd",
    "us",
];

/// Words before a year that make it one even before a plural noun (`in 1973
/// workers took over`, `the 1971 elections`).
const YEAR_BEFORE: &[&str] = &[
    "in", "of", "the", "since", "until", "till", "by", "from", "to", "during", "after", "before",
    "a", "an", "its", "their", "his", "her", "this", "that", "early", "late", "mid", "circa",
    "around", "and", "or", "between", "through", "s",
];

/// Words after a number that make it a quantity.
const NOT_YEAR_AFTER: &[&str] = &[
    "percent", "per", "dollars", "pesos", "euros", "pounds", "escudos", "people", "men", "women",
    "children", "gmt", "hours", "hrs", "am", "pm",
];

fn prev_word(text: &str, at: usize) -> (&str, &str) {
    // Returns (the word before `at`, what separates it from `at`).
    let before = &text[..at];
    let trimmed = before.trim_end();
    let sep = &before[trimmed.len()..];
    let start = trimmed
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’'))
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    (&trimmed[start..], sep)
}

fn next_word(text: &str, at: usize) -> (&str, &str) {
    let after = &text[at..];
    let trimmed = after.trim_start();
    let sep = &after[..after.len() - trimmed.len()];
    let end = trimmed
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .unwrap_or(trimmed.len());
    (&trimmed[..end], sep)
}

fn clean(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn is_digits(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

/// Whether a four-digit number at `span` is a year.
fn looks_like_year(text: &str, span: Span) -> bool {
    let (prev, prev_sep) = prev_word(text, span.start);
    let (next, next_sep) = next_word(text, span.end);
    // A price, a number sign, a decimal, part of a larger number.
    if let Some(c) = text[..span.start].chars().next_back() {
        if matches!(c, '$' | '£' | '€' | '¥' | '#' | '.' | ',' | '+' | '×') {
            return false;
        }
    }
    if let Some(c) = text[span.end..].chars().next() {
        if matches!(c, '%' | '$' | '£' | '€') || c.is_ascii_digit() {
            return false;
        }
        if (c == '.' || c == ',') && text[span.end + 1..].starts_with(|d: char| d.is_ascii_digit())
        {
            return false;
        }
    }
    // Part of a citation key (`[@flakin-2019]`) or an address: the token it
    // is in holds an `@`.
    // The separator may be wider than a byte (a no-break space).
    let token_start = text[..span.start]
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace() || matches!(c, '[' | '(' | ';'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if text[token_start..span.start].contains('@') {
        return false;
    }
    // A phone number or reference: digit groups separated by spaces only.
    let spaces_only = |s: &str| !s.is_empty() && s.chars().all(|c| c == ' ' || c == '\u{a0}');
    if (is_digits(prev) && spaces_only(prev_sep)) || (is_digits(next) && spaces_only(next_sep)) {
        return false;
    }
    let prev = clean(prev);
    let next_clean = clean(next);
    if NOT_YEAR_BEFORE.contains(&prev.as_str()) {
        return false;
    }
    if NOT_YEAR_AFTER.contains(&next_clean.as_str()) {
        return false;
    }
    // `1500 workers marched`: a count, unless a word before it makes it a
    // year (`in 1973 workers`, `the 1971 elections`).
    let plural = next_clean.len() > 2
        && next_clean.ends_with('s')
        && next.starts_with(|c: char| c.is_lowercase())
        && !next_sep.contains('\n');
    if plural && !YEAR_BEFORE.contains(&prev.as_str()) {
        return false;
    }
    true
}

/// Words before a bare month name that make it a date.
const MONTH_BEFORE: &[&str] = &[
    "in",
    "of",
    "on",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "during",
    "last",
    "next",
    "this",
    "early",
    "mid",
    "late",
    "before",
    "after",
    "through",
    "each",
    "every",
    "between",
    "and",
    "or",
    "that",
    "for",
    "throughout",
    "until",
    "the",
];

fn bare_month_ok(text: &str, c: &Captures) -> bool {
    let Some(m) = c.name("m") else {
        return false;
    };
    let name = m.as_str();
    if c.name("rel").is_some() {
        return true;
    }
    if !matches!(name, "May" | "March" | "August") {
        return true;
    }
    let (prev, _) = prev_word(text, m.start());
    MONTH_BEFORE.contains(&clean(prev).as_str())
}

/// Every date expression in `text[span]`, in order, with spans in `text`.
/// Years are not taken from context here; see [`in_sentences`].
pub fn find(text: &str, span: Span) -> Vec<DateExpr> {
    let body = &text[span.range()];
    // Every form needs a digit or a month's name: one literal search tells
    // whether a sentence (most hold no date) needs the forms at all.
    if !cue().is_match(body) {
        return Vec::new();
    }
    find_forms(text, span)
}

/// [`find`] without the cue: every form searched.
fn find_forms(text: &str, span: Span) -> Vec<DateExpr> {
    let body = &text[span.range()];
    let mut candidates: Vec<DateExpr> = Vec::new();
    for form in forms() {
        for caps in form.re.captures_iter(body) {
            let whole = caps.get(0).expect("group 0");
            let at = Span::new(span.start + whole.start(), span.start + whole.end());
            let ok = match form.check {
                Check::None => true,
                Check::Year => {
                    let y = caps.name("y").expect("year group");
                    looks_like_year(
                        text,
                        Span::new(span.start + y.start(), span.start + y.end()),
                    ) && (caps.name("y2").is_none() || looks_like_year(text, at))
                }
                // `caps` offsets are relative to `body`.
                Check::BareMonth => bare_month_ok(body, &caps),
            };
            if !ok {
                continue;
            }
            let Some(value) = (form.build)(&caps, body) else {
                continue;
            };
            let weekday = caps.name("wd").and_then(|w| {
                Some((
                    Weekday::parse(w.as_str())?,
                    Span::new(span.start + w.start(), span.start + w.end()),
                ))
            });
            candidates.push(DateExpr {
                span: trim_end_period(text, at),
                value,
                weekday,
                year_from_context: false,
            });
        }
    }
    // The longest expressions first; then whatever does not overlap them.
    candidates.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut chosen: Vec<DateExpr> = Vec::new();
    for c in candidates {
        if chosen.iter().all(|k| !k.span.overlaps(c.span)) {
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|d| d.span.start);
    chosen
}

/// An abbreviation's period at the end of a match (`Sept.` with no day)
/// belongs to the sentence, not the date, when nothing follows it.
fn trim_end_period(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    if s.ends_with('.') && s.len() > 1 {
        let rest = &text[span.end..];
        if rest.is_empty() || rest.starts_with(char::is_whitespace) {
            // Keep the period of an abbreviation followed by more text in
            // the same sentence; drop it at the sentence's end.
            let next = rest.trim_start().chars().next();
            if next.is_none_or(|c| c.is_uppercase()) {
                return Span::new(span.start, span.end - 1);
            }
        }
    }
    span
}

/// Every date expression in the sentences of `text`, with years taken from
/// context where that is safe: a day or month without a year takes the
/// year of its sentence when the sentence names exactly one year (`took
/// place in dramatic fashion on 11 September` in a sentence that also says
/// `20 June 1973`), and the months run forward with the text. With two
/// years in the sentence, or none, or a month that would fall in another
/// year, it stays without one.
pub fn in_sentences(text: &str, sentences: &[Span]) -> Vec<DateExpr> {
    let mut out = Vec::new();
    for s in sentences {
        let mut found = find(text, *s);
        let mut years: Vec<i32> = Vec::new();
        for d in found
            .iter()
            .filter(|d| !bounds_a_period(text, s.start, d.span.start))
        {
            collect_years(&d.value, &mut years);
        }
        years.sort_unstable();
        years.dedup();
        if let [year] = years[..] {
            let dated: Vec<(usize, Option<u8>)> = found
                .iter()
                .filter(|d| d.value.has_year())
                .map(|d| (d.span.start, first_month(&d.value)))
                .collect();
            for d in &mut found {
                if d.value.has_year() || d.value.granularity() == super::Granularity::Decade {
                    continue;
                }
                // The year carries to months that follow it in the calendar
                // as they follow it in the sentence (`20 June 1973 ... on 11
                // September`), not to a month that would be next year's
                // (`October 1972 ... in June`).
                let month = first_month(&d.value);
                let in_order = dated.iter().all(|&(at, m)| match (m, month) {
                    (Some(m), Some(month)) if at < d.span.start => month >= m,
                    (Some(m), Some(month)) => month <= m,
                    _ => true,
                });
                if in_order {
                    d.value = d.value.with_year(year);
                    d.year_from_context = true;
                }
            }
        }
        out.extend(found);
    }
    out
}

/// Whether the date at `at` is one end of a period (`since its launch in
/// 2003`, `by 2012`, `the highest since 1983`): its year is not the time of
/// the rest of the sentence.
fn bounds_a_period(text: &str, sentence_start: usize, at: usize) -> bool {
    let before = &text[sentence_start..at];
    let words: Vec<&str> = before
        .rsplit(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    for (i, w) in words.iter().enumerate() {
        let punct = w.ends_with([',', ';', ':', '(', ')']);
        if i > 0 && punct {
            break;
        }
        let w = clean(w);
        if matches!(
            w.as_str(),
            "since" | "until" | "till" | "before" | "after" | "through"
        ) || (i == 0 && matches!(w.as_str(), "by" | "from"))
        {
            return true;
        }
        if punct {
            break;
        }
    }
    false
}

/// The (first) month a value names, if it names one.
fn first_month(v: &DateValue) -> Option<u8> {
    match v {
        DateValue::Day { month, .. } | DateValue::Month { month, .. } => Some(*month),
        DateValue::Part(_, base) => first_month(base),
        DateValue::Range(a, _) => first_month(a),
        _ => None,
    }
}

fn collect_years(v: &DateValue, out: &mut Vec<i32>) {
    match v {
        DateValue::Day { year: Some(y), .. }
        | DateValue::Month { year: Some(y), .. }
        | DateValue::Year(y)
        | DateValue::Season(_, y) => out.push(*y),
        DateValue::Part(_, base) => collect_years(base, out),
        DateValue::Range(a, b) => {
            collect_years(a, out);
            collect_years(b, out);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(text, normalized value)` of each date in `text`.
    fn dates(text: &str) -> Vec<(&str, String)> {
        find(text, Span::new(0, text.len()))
            .into_iter()
            .map(|d| (&text[d.span.range()], d.value.normalized()))
            .collect()
    }

    fn one(text: &str) -> (String, String) {
        let found = dates(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        (found[0].0.to_string(), found[0].1.clone())
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn day_month_year_forms() {
        assert_eq!(
            one("On 11 September 1973, the military"),
            pair("11 September 1973", "1973-09-11")
        );
        assert_eq!(
            one("In the early afternoon of September 11, 1973, the Air Force"),
            pair("September 11, 1973", "1973-09-11")
        );
        assert_eq!(
            one("on Sept. 11 the army struck"),
            pair("Sept. 11", "XXXX-09-11")
        );
        assert_eq!(
            one("The coup in Chile on 11th September 1973 was"),
            pair("11th September 1973", "1973-09-11")
        );
        assert_eq!(
            one("the 11th September"),
            pair("11th September", "XXXX-09-11")
        );
        assert_eq!(
            one("the 11th of September, 1973"),
            pair("11th of September, 1973", "1973-09-11")
        );
        assert_eq!(
            one("troops burning literature on 9/11/1973 [Photo"),
            pair("9/11/1973", "1973-09-11")
        );
        assert_eq!(one("on 13/6/1973"), pair("13/6/1973", "1973-06-13"));
        assert_eq!(
            one("World Socialist 16.09.2023 "),
            pair("16.09.2023", "2023-09-16")
        );
        assert_eq!(one("dated 1973-06-29."), pair("1973-06-29", "1973-06-29"));
        assert_eq!(one("29 Aug 2023:"), pair("29 Aug 2023", "2023-08-29"));
        assert_eq!(
            one("invade the Congress on Jan. 8, 2023."),
            pair("Jan. 8, 2023", "2023-01-08")
        );
        // Across the line breaks of a PDF copy.
        assert_eq!(
            one("The road to \n\nSeptember 11, \n1973 was paved"),
            pair("September 11, \n1973", "1973-09-11")
        );
    }

    #[test]
    fn weekdays_are_kept_with_their_spans() {
        let text = "It was Tuesday, 11 September 1973 in Santiago.";
        let found = find(text, Span::new(0, text.len()));
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(&text[d.span.range()], "Tuesday, 11 September 1973");
        let (wd, span) = d.weekday.unwrap();
        assert_eq!((wd, &text[span.range()]), (Weekday::Tuesday, "Tuesday"));
        assert_eq!(
            one("Monday 4 September 2023, by"),
            pair("Monday 4 September 2023", "2023-09-04")
        );
        assert_eq!(
            one("on Tue., September 11, 1973"),
            pair("Tue., September 11, 1973", "1973-09-11")
        );
    }

    #[test]
    fn months_years_and_ranges() {
        assert_eq!(
            one("In June 1973, a rebel wing"),
            pair("June 1973", "1973-06")
        );
        assert_eq!(
            one("the 29 June attempted coup"),
            pair("29 June", "XXXX-06-29")
        );
        assert_eq!(
            one("in early 1973, after"),
            pair("early 1973", "early 1973")
        );
        assert_eq!(one("by mid-1973 the"), pair("mid-1973", "mid 1973"));
        assert_eq!(one("In 1971 there was"), pair("1971", "1971"));
        assert_eq!(
            one("Allende was elected in September-October 1970, in"),
            pair("September-October 1970", "1970-09/1970-10")
        );
        assert_eq!(one("born in 1964-65 under"), pair("1964-65", "1964/1965"));
        assert_eq!(
            one("The July/August negotiations"),
            pair("July/August", "XXXX-07/XXXX-08")
        );
        assert_eq!(
            one("a strike on 24 and 25 August."),
            pair("24 and 25 August", "XXXX-08-24/XXXX-08-25")
        );
        assert_eq!(one("built in the 1930s as"), pair("the 1930s", "193X"));
        assert_eq!(
            one("Formed in the early 1930s, it"),
            pair("the early 1930s", "early 193X")
        );
        assert_eq!(
            one("in the autumn of 1972."),
            pair("autumn of 1972", "1972-FA")
        );
        assert_eq!(one("Summer 1973"), pair("Summer 1973", "1973-SU"));
        assert_eq!(one("the end of 1972"), pair("the end of 1972", "late 1972"));
        assert_eq!(
            one("after receiving a blow in July in Uruguay"),
            pair("July", "XXXX-07")
        );
        assert_eq!(
            one("the fascist coup attempt of last January 8 in Brasilia"),
            pair("last January 8", "XXXX-01-08")
        );
        assert_eq!(
            one("Banzer's coup d'état in Bolivia last August, has"),
            pair("last August", "XXXX-08")
        );
        assert_eq!(one("This 9/11 should be"), pair("9/11", "XXXX-09-11"));
    }

    #[test]
    fn years_used_as_adjectives_are_dates() {
        assert_eq!(
            one("By the time of the 1973 coup, over"),
            pair("1973", "1973")
        );
        assert_eq!(one("the 1971 mayoral elections"), pair("1971", "1971"));
        assert_eq!(one("the 1917 Revolution in Russia"), pair("1917", "1917"));
    }

    #[test]
    fn citation_keys_are_not_dates() {
        let text = "As Flakin wrote [@flakin-2019; see @fi-1973, p. 3], it was 1973.";
        let found: Vec<&str> = find(text, Span::new(0, text.len()))
            .iter()
            .map(|d| &text[d.span.range()])
            .collect();
        assert_eq!(found, vec!["1973"]);
    }

    /// Found by the `reader` fuzz target: a year after a no-break space
    /// sliced the text inside the space.
    #[test]
    fn a_year_after_a_wide_space_is_found() {
        for text in [
            "It was in\u{a0}1973.",
            "It was in\u{2003}1973.",
            "Thus\u{3000}1973 ended.",
        ] {
            assert_eq!(
                dates(text).iter().map(|d| d.0).collect::<Vec<_>>(),
                ["1973"],
                "{text:?}"
            );
        }
    }

    #[test]
    fn counts_prices_pages_and_phone_numbers_are_not() {
        for text in [
            "over 1500 workers were arrested",
            "1500 workers marched",
            "it cost $1973 in all",
            "see p. 1971 of the record",
            "Eastern: 079 8202 1969",
            "PO Box 3688, London",
            "about 37% and 36.3% of the vote",
            "3,000 leftists and 30,000 tortured",
            "for 10-15 years in Latin America",
            "Covid-19 and the 60-year-old embargo",
            "the 50th anniversary",
            "May I say, the march was long",
            "they will march in the spring",
            "2000 people died",
        ] {
            assert_eq!(dates(text), vec![], "{text}");
        }
        // but `in 1973 workers` is a year.
        assert_eq!(one("in 1973 workers took over"), pair("1973", "1973"));
    }

    #[test]
    fn bare_months() {
        assert_eq!(
            one("In August, in the naval port"),
            pair("August", "XXXX-08")
        );
        assert_eq!(one("the failed June coup"), pair("June", "XXXX-06"));
        assert_eq!(one("in last May's election"), pair("last May", "XXXX-05"));
        assert_eq!(dates("an August body; March on!"), vec![]);
    }

    #[test]
    fn a_year_comes_from_the_sentence_only_when_it_is_safe() {
        let text = "This trial of strength, foreshadowed by the attempted coup of 20 June 1973, took place on 11 September. In 1973 and 2001, on 11 September, things happened. After June 29, he spoke.";
        let sentences = crate::text::sentences::split(text, Span::new(0, text.len()));
        let found: Vec<(String, bool)> = in_sentences(text, &sentences)
            .into_iter()
            .map(|d| (d.value.normalized(), d.year_from_context))
            .collect();
        assert_eq!(
            found,
            vec![
                ("1973-06-20".to_string(), false),
                ("1973-09-11".to_string(), true),
                ("1973".to_string(), false),
                ("2001".to_string(), false),
                ("XXXX-09-11".to_string(), false),
                ("XXXX-06-29".to_string(), false),
            ]
        );
    }

    #[test]
    fn the_end_of_a_period_lends_no_year() {
        let text = "More than 4 billion songs were sold since its launch in 2003 and, as of February, the store leads. Plants close by 2012 after the plans of January.";
        let sentences = crate::text::sentences::split(text, Span::new(0, text.len()));
        let found: Vec<String> = in_sentences(text, &sentences)
            .into_iter()
            .map(|d| d.value.normalized())
            .collect();
        assert_eq!(found, vec!["2003", "XXXX-02", "2012", "XXXX-01"]);
    }

    #[test]
    fn a_year_does_not_run_backwards_through_the_calendar() {
        let text = "It was clear from the struggles of October 1972, the March elections and the miners in June.";
        let sentences = vec![Span::new(0, text.len())];
        let found: Vec<String> = in_sentences(text, &sentences)
            .into_iter()
            .map(|d| d.value.normalized())
            .collect();
        assert_eq!(found, vec!["1972-10", "XXXX-03", "XXXX-06"]);
    }

    #[test]
    fn spans_are_exact() {
        let text = "the so-called tancazo of June 1973, and then 11 September 1973.";
        for d in find(text, Span::new(0, text.len())) {
            let t = &text[d.span.range()];
            assert!(t == "June 1973" || t == "11 September 1973", "{t}");
        }
        // An offset span: positions are in the whole text.
        let text = "xx 1971 yy 1972";
        let found = find(text, Span::new(8, text.len()));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.range()], "1972");
    }
}

#[cfg(test)]
mod cue_tests {
    use super::*;

    /// The cue never turns away a sentence with a date: over every
    /// sentence of the shipped sources and the canary's articles, `find`
    /// gives what searching every form gives.
    #[test]
    fn the_cue_keeps_every_date() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["corpus", "tests/canary/texts", "fixtures/date"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                files.push(e.path());
            }
        }
        let (mut sentences, mut dated) = (0, 0);
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            for s in crate::text::sentences::split(&text, Span::new(0, text.len())) {
                let with = find(&text, s);
                let without = find_forms(&text, s);
                assert_eq!(
                    format!("{with:?}"),
                    format!("{without:?}"),
                    "{}: {:?}",
                    f.display(),
                    &text[s.range()]
                );
                sentences += 1;
                dated += usize::from(!with.is_empty());
            }
        }
        assert!(
            sentences > 1000 && dated > 300,
            "{sentences} sentences, {dated} dated"
        );
        // And it does turn most away.
        assert!(dated * 2 < sentences);
    }
}
