//! Figures: numbers that state how many or how much, found in drafts and in
//! sources alike.
//!
//! A figure is a number (in digits or words, or a vague magnitude like "tens
//! of thousands"), with its qualifier ("about", "over"), its unit (a count,
//! a percentage, money, an area) and what it counts ("3,000 *leftists*").
//! Dates, years, ordinals, times of day, durations, labels ("page 3") and
//! small everyday counts are not figures. What is what is data, in
//! `rules/figures.toml` (see [`rules::FigureRules`]).
//!
//! Extraction is a pure function of a text and the rules, so a source's
//! figures are extracted once and looked up by value or by what they count
//! (see [`index::CorpusFigures`]).

pub mod audit;
pub mod compare;
pub mod index;
pub mod quantity;
pub mod rules;

pub use rules::{FigureRules, Qualifier};

use crate::span::Span;
use crate::text::normalize;
use crate::text::tokenize::{self, TokenKind};
use serde::{Deserialize, Serialize};

/// What a figure measures in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase", tag = "unit", content = "of")]
pub enum Unit {
    /// A number of things.
    Count,
    /// A share: a percentage or a fraction ("two-thirds" is 66.67).
    Percent,
    /// Money, by currency code.
    Money(String),
    /// An area, by unit.
    Area(String),
}

/// [`Unit`] as its [`Unit::key`].
mod unit_by_key {
    use super::Unit;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(unit: &Unit, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&unit.key())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
        let key = String::deserialize(d)?;
        Unit::from_key(&key).ok_or_else(|| serde::de::Error::custom(format!("not a unit: {key}")))
    }
}

impl Unit {
    /// The unit a [`Unit::key`] names.
    pub fn from_key(key: &str) -> Option<Unit> {
        match key.split_once(':') {
            None if key == "count" => Some(Unit::Count),
            None if key == "percent" => Some(Unit::Percent),
            Some(("money", c)) => Some(Unit::Money(c.to_string())),
            Some(("area", a)) => Some(Unit::Area(a.to_string())),
            _ => None,
        }
    }

    /// A stable key, for indexes.
    pub fn key(&self) -> String {
        match self {
            Unit::Count => "count".into(),
            Unit::Percent => "percent".into(),
            Unit::Money(c) => format!("money:{c}"),
            Unit::Area(a) => format!("area:{a}"),
        }
    }
}

/// A figure found in a text.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Figure {
    /// The figure as written, qualifier and unit included ("over 40%"), in
    /// prose offsets of the text it was found in.
    pub span: Span,
    /// The figure and what it counts ("3,000 leftists", "36.3% of the
    /// popular vote"), in prose offsets.
    pub phrase: Span,
    /// What it says, with the words around it that say what it counts
    /// ("massacred 3,000 leftists"), in prose offsets.
    pub statement: Span,
    /// Its value (for a vague magnitude, the low end of what it stands for).
    pub value: f64,
    /// A range's upper end ("10-15").
    pub high: Option<f64>,
    /// Stored by its key: the facts cache's format cannot hold an
    /// adjacently tagged enum, which is how the JSON output shows it.
    #[serde(with = "unit_by_key")]
    pub unit: Unit,
    pub qualifier: Option<Qualifier>,
    /// The qualifier as written.
    pub qualifier_text: Option<String>,
    /// For a vague magnitude ("thousands"), the values it stands for.
    pub vague: Option<(f64, f64)>,
    /// The place value of its last significant digit (3,000 → 1,000; 36.3 →
    /// 0.1): how far it may be rounded.
    pub precision: f64,
    /// What it counts, as written ("leftists", "the popular vote").
    pub counts: Option<String>,
    /// The stem of the noun it counts ("leftist").
    pub counted: Option<String>,
    /// That noun says nothing of what is counted ("people", "workers"):
    /// the words around it must.
    pub generic: bool,
    /// What it measures (`[[measure]]` in the rules): the class of the noun
    /// it counts and of what its clause says is done to it ("massacred
    /// 3,000 leftists": killed; "36.3% of the popular vote": vote).
    pub measures: Vec<String>,
    /// Where it is (`[[place]]` in the rules): the place its own words
    /// name, else its sentence's, else its paragraph's, else its
    /// document's. Empty when unknown; two when its sentence names two.
    pub places: Vec<String>,
    /// Said as a goal or a condition ("they hoped to win 66% of the vote"),
    /// not as a fact.
    pub hypothetical: bool,
    /// The words of its sentence and of the one before in its paragraph, as
    /// written: where the names of its event are looked for (see
    /// `rules/quantities.toml`).
    pub scene: Vec<String>,
    /// The words of its sentence before it (from the last `;`), as
    /// written ("His nearest rival, Jorge Alessandri, received"): whose
    /// figure it is.
    pub lead: Vec<String>,
    /// Years its sentence (or the one before) names: the event it belongs to.
    pub years: Vec<u32>,
    /// For a figure of a corpus source: where it is in the source file, so
    /// that showing it needs no reading of the source into prose.
    pub in_source: Option<InSource>,
}

/// Where a corpus figure is in its source's original bytes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InSource {
    /// The figure's statement ([`Figure::statement`]).
    pub statement: Span,
    /// The figure as written ([`Figure::describe`]).
    pub written: String,
}

impl Figure {
    /// The figure as people write it: "3,000", "36.3%", "about 37%", "tens
    /// of thousands".
    pub fn describe(&self, prose: &str) -> String {
        collapse(&prose[self.span.range()])
    }

    /// The figure and what it counts: "3,000 leftists".
    pub fn describe_phrase(&self, prose: &str) -> String {
        collapse(&prose[self.phrase.range()])
    }
}

/// Whether a figure is one by the `min_count` setting: counts below it are
/// everyday numbers. (A source's figures are extracted with every count, so
/// that the setting can change without extracting them again.)
pub fn is_figure(f: &Figure, min_count: f64) -> bool {
    f.unit != Unit::Count || f.vague.is_some() || f.value >= min_count
}

/// White space collapsed to single spaces.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A crude English stemmer: enough to fold "killed"/"kill",
/// "massacres"/"massacred", "elections"/"election". Every word on both sides
/// of a comparison goes through it, so it only needs to be consistent.
pub fn stem(word: &str) -> String {
    let mut w: String = normalize::surface(word).to_lowercase();
    if let Some(s) = w.strip_suffix("'s") {
        w = s.to_string();
    } else if let Some(s) = w.strip_suffix('\'') {
        w = s.to_string();
    }
    let n = w.chars().count();
    if n > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if n > 4 && w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w.truncate(w.len() - 1);
    }
    let n = w.chars().count();
    if n > 4 && w.ends_with("ied") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if n > 4 && w.ends_with("ed") {
        w.truncate(w.len() - 2);
    } else if n > 5 && w.ends_with("ing") {
        w.truncate(w.len() - 3);
    }
    if w.chars().count() > 3 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// A token of a sentence, as the extractor sees it.
#[derive(Clone, Debug)]
struct Tok {
    span: Span,
    /// Lower case, normalized.
    low: String,
    /// Normalized, with its case.
    surface: String,
    /// As place names are matched (`rules::place_key`), with its case and
    /// in lower case: computed once, not at every place word compared.
    place: (String, String),
    word: bool,
}

/// The figures in the sentences `sentences` of `prose` (spans of `prose`, in
/// order). Counts below `min_count` are left out.
pub fn extract(
    prose: &str,
    sentences: &[Span],
    rules: &FigureRules,
    min_count: f64,
) -> Vec<Figure> {
    let grouped: Vec<(usize, Span)> = sentences.iter().map(|s| (0, *s)).collect();
    extract_grouped(prose, &grouped, rules, min_count)
}

/// How many sentences back a figure's place may be named in its paragraph.
const PLACE_SENTENCES_BACK: usize = 3;

/// As [`extract`], for sentences in groups (a draft's paragraphs): a
/// figure's event years come from its sentence, or else from the sentence
/// before in the same group; its place from its own words, its sentence,
/// the nearest earlier sentence of its group that names one, or else the
/// place the whole text names most.
pub fn extract_grouped(
    prose: &str,
    sentences: &[(usize, Span)],
    rules: &FigureRules,
    min_count: f64,
) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    // Per sentence: its group, its places (strong ones), its words.
    let mut seen: Vec<(usize, Vec<String>, Vec<String>)> = Vec::new();
    let mut mentions: Vec<String> = Vec::new();
    let mut unplaced: Vec<usize> = Vec::new();
    let mut previous_years: Vec<u32> = Vec::new();
    for (n, &(group, sentence)) in sentences.iter().enumerate() {
        if n > 0 && sentences[n - 1].0 != group {
            previous_years.clear();
        }
        let toks = tokens(prose, sentence);
        let years = years_in(&toks, rules);
        let event_years = if years.is_empty() {
            previous_years.clone()
        } else {
            years.clone()
        };
        let named = places_in(&toks, 0, toks.len(), rules, false);
        mentions.extend(named.iter().cloned());
        let mut strong = named;
        strong.sort();
        strong.dedup();
        let words: Vec<String> = toks
            .iter()
            .filter(|t| t.word)
            .map(|t| t.surface.clone())
            .collect();
        let mut scene: Vec<String> = match seen.last() {
            Some((g, _, w)) if *g == group => w.clone(),
            _ => Vec::new(),
        };
        scene.extend(words.iter().cloned());
        // The place of the paragraph so far: the nearest earlier sentence
        // that names one.
        let earlier = seen
            .iter()
            .rev()
            .take(PLACE_SENTENCES_BACK)
            .take_while(|(g, _, _)| *g == group)
            .find(|(_, p, _)| !p.is_empty())
            .map(|(_, p, _)| p.clone());
        for mut f in in_sentence(&toks, rules, min_count, &event_years) {
            if f.places.is_empty() {
                f.places = if !strong.is_empty() {
                    strong.clone()
                } else {
                    earlier.clone().unwrap_or_default()
                };
            }
            if f.places.is_empty() {
                unplaced.push(out.len());
            }
            f.scene = scene.clone();
            out.push(f);
        }
        previous_years = years;
        seen.push((group, strong, words));
    }
    if let Some(place) = dominant_place(&mentions) {
        for i in unplaced {
            out[i].places = vec![place.clone()];
        }
    }
    out
}

/// The place a text names most, when it names it at least twice and in at
/// least 60% of its mentions of places.
fn dominant_place(mentions: &[String]) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for m in mentions {
        *counts.entry(m.as_str()).or_default() += 1;
    }
    let (top, n) = counts.iter().max_by_key(|(_, n)| **n)?;
    (*n >= 2 && *n * 5 >= mentions.len() * 3).then(|| top.to_string())
}

/// The places named by tokens `from..to`, one entry per mention, in order;
/// weak places only when `weak` is set.
fn places_in(toks: &[Tok], from: usize, to: usize, rules: &FigureRules, weak: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = from;
    'tokens: while k < to {
        // Only the place words that begin with this token's key, in the
        // order of the rules (the first that matches wins).
        for (p, w) in rules.places_starting(&toks[k].place.0, &toks[k].place.1) {
            let place = &rules.places[p];
            if !weak && place.weak {
                continue;
            }
            let w = &place.words[w];
            let n = w.words.len();
            if n > 0
                && k + n <= to
                && w.words
                    .iter()
                    .zip(&toks[k..k + n])
                    .all(|(pw, t)| pw == if w.exact { &t.place.0 } else { &t.place.1 })
            {
                out.push(place.id.clone());
                k += n;
                continue 'tokens;
            }
        }
        k += 1;
    }
    out
}

fn tokens(prose: &str, span: Span) -> Vec<Tok> {
    let mut raw = Vec::new();
    tokenize::tokenize_into(&prose[span.range()], span.start, &mut raw);
    raw.into_iter()
        .filter(|t| t.kind != TokenKind::Mark)
        .map(|t| {
            let surface = if t.is_word() {
                t.surface(prose)
            } else {
                t.text(prose).to_string()
            };
            Tok {
                span: t.span,
                low: surface.to_lowercase(),
                place: (
                    rules::place_key(&surface, true),
                    rules::place_key(&surface, false),
                ),
                surface,
                word: t.is_word(),
            }
        })
        .collect()
}

/// The year a token names, if it is one.
fn year_of(t: &Tok, rules: &FigureRules) -> Option<u32> {
    (t.word && t.low.len() == 4 && t.low.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.low.parse::<u32>().ok())
        .flatten()
        .filter(|y| (rules.years.0..=rules.years.1).contains(y))
}

fn years_in(toks: &[Tok], rules: &FigureRules) -> Vec<u32> {
    let mut years: Vec<u32> = toks.iter().filter_map(|t| year_of(t, rules)).collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// Whether the phrase matches the tokens at `i`.
fn matches_at(toks: &[Tok], i: usize, phrase: &[String]) -> bool {
    !phrase.is_empty()
        && i + phrase.len() <= toks.len()
        && phrase.iter().zip(&toks[i..]).all(|(p, t)| *p == t.low)
}

/// Whether the phrase ends right before token `end`; its start if so.
fn matches_before(toks: &[Tok], end: usize, phrase: &[String]) -> Option<usize> {
    let start = end.checked_sub(phrase.len())?;
    matches_at(toks, start, phrase).then_some(start)
}

fn first_match<'a>(
    toks: &[Tok],
    i: usize,
    phrases: impl IntoIterator<Item = &'a Vec<String>>,
) -> Option<usize> {
    phrases
        .into_iter()
        .find(|p| matches_at(toks, i, p))
        .map(Vec::len)
}

fn small_number(word: &str) -> Option<f64> {
    // A word only (`twenty-five`): "twenty five" is two of the figure's words.
    if word.contains(' ') {
        return None;
    }
    crate::text::numbers::below_hundred(word).map(f64::from)
}

fn scale(word: &str) -> Option<f64> {
    match word {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// A number in digits: `3,000`, `36.3`, `700,000`. Returns the value, the
/// number of decimals, and whether it has a thousands separator.
fn digits(text: &str) -> Option<(f64, u32, bool)> {
    let bytes = text.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() {
        return None;
    }
    let (int, frac) = match text.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (text, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1;
    if grouped
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    if !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let clean: String = int.chars().filter(|c| *c != ',').collect();
    let value: f64 = format!("{clean}.{}", frac.unwrap_or("0")).parse().ok()?;
    Some((value, frac.map_or(0, |f| f.len() as u32), grouped))
}

/// The place value of the last significant digit of a whole number.
fn place_of_last_digit(value: f64) -> f64 {
    if value <= 0.0 || value.fract() != 0.0 || value > 1e15 {
        return 1.0;
    }
    let mut v = value as u64;
    let mut p = 1.0;
    while v >= 10 && v % 10 == 0 {
        v /= 10;
        p *= 10.0;
    }
    p
}

/// A number at token `i`: (value, precision, tokens used, written with a
/// separator or scale, is a plain 4-digit number, range end).
struct Number {
    value: f64,
    precision: f64,
    end: usize,
    plain_integer: bool,
    high: Option<f64>,
    /// A range of years: "1954-1958", "1973-90", "1964-65".
    year_range: bool,
}

/// A scale written as a suffix of a sum of money: `$700m`, `£1.5bn`.
fn scale_suffix(s: &str) -> Option<f64> {
    match s {
        "k" => Some(1e3),
        "m" | "mn" => Some(1e6),
        "b" | "bn" => Some(1e9),
        "tn" => Some(1e12),
        _ => None,
    }
}

/// The number at token `i`; `money` allows a scale suffix (`700m`), which
/// after a currency sign cannot be metres or a model name.
fn number_at(toks: &[Tok], i: usize, money: bool) -> Option<Number> {
    let t = toks.get(i)?;
    if !t.word {
        return None;
    }
    // Digits, possibly a range (10-15), possibly with a scale word.
    if t.low.as_bytes()[0].is_ascii_digit() {
        let mut suffix_scale = None;
        let mut year_range = false;
        let (value, high, decimals, grouped) = match digits(&t.low) {
            Some((v, d, g)) => (v, None, d, g),
            None => match t.low.split_once('-') {
                Some((a, b)) => {
                    let (va, da, ga) = digits(a)?;
                    let (vb, db, gb) = digits(b)?;
                    let plain = !ga && !gb && da == 0 && db == 0;
                    year_range =
                        plain && a.len() == 4 && (b.len() == 2 || (b.len() == 4 && vb > va));
                    (va, Some(vb), da, false)
                }
                None if money => {
                    let cut = t.low.find(|c: char| c.is_ascii_alphabetic())?;
                    suffix_scale = Some(scale_suffix(&t.low[cut..])?);
                    let (v, d, g) = digits(&t.low[..cut])?;
                    (v, None, d, g)
                }
                None => return None,
            },
        };
        let mut end = i + 1;
        let mut value = value;
        let mut grouped = grouped;
        // Thousands separated by spaces: "700 000", "1 250 000" (not a
        // telephone number's "8988 8777").
        let plain_group = |k: usize| {
            toks.get(k).is_some_and(|t| {
                t.word && t.low.len() == 3 && t.low.bytes().all(|b| b.is_ascii_digit())
            })
        };
        if high.is_none()
            && decimals == 0
            && !grouped
            && t.low.len() <= 3
            && !t.low.starts_with('0')
            && plain_group(end)
        {
            while plain_group(end) {
                value = value * 1000.0 + toks[end].low.parse::<f64>().unwrap_or(0.0);
                end += 1;
            }
            grouped = true;
        }
        let mut precision = if decimals > 0 {
            10f64.powi(-(decimals as i32))
        } else {
            place_of_last_digit(value)
        };
        if let Some(s) = suffix_scale {
            value *= s;
            precision *= s;
        }
        let mut scaled = suffix_scale.is_some();
        if let Some(s) = toks.get(end).filter(|t| t.word).and_then(|t| scale(&t.low)) {
            value *= s;
            precision *= s;
            end += 1;
            scaled = true;
        }
        return Some(Number {
            value,
            precision,
            end,
            plain_integer: !grouped && !scaled && decimals == 0 && high.is_none(),
            high,
            year_range,
        });
    }
    // Words: "one million", "seven hundred thousand", "a thousand", "half a
    // million", "three hundred and fifty".
    let mut j = i;
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    if toks[j].low == "half"
        && toks.get(j + 1).is_some_and(|t| t.low == "a")
        && toks.get(j + 2).and_then(|t| scale(&t.low)).is_some()
    {
        let s = scale(&toks[j + 2].low).unwrap_or(1.0);
        return Some(Number {
            value: 0.5 * s,
            precision: 0.1 * s,
            end: j + 3,
            plain_integer: false,
            high: None,
            year_range: false,
        });
    }
    if toks[j].low == "a" {
        toks.get(j + 1).and_then(|t| scale(&t.low))?;
        current = 1.0;
        j += 1;
    }
    while let Some(t) = toks.get(j).filter(|t| t.word) {
        if let Some(n) = small_number(&t.low) {
            // "one two" is two numbers, not one.
            if any && current % 100.0 != 0.0 && current >= 1.0 && n < 100.0 && current < 100.0 {
                break;
            }
            current += n;
            any = true;
        } else if t.low == "hundred" {
            current = current.max(1.0) * 100.0;
            any = true;
        } else if let Some(s) = scale(&t.low) {
            total += current.max(1.0) * s;
            current = 0.0;
            any = true;
        } else if t.low == "and"
            && any
            && toks
                .get(j + 1)
                .is_some_and(|n| small_number(&n.low).is_some())
        {
            // "three hundred and fifty"
        } else {
            break;
        }
        j += 1;
    }
    if !any {
        return None;
    }
    let value = total + current;
    Some(Number {
        value,
        precision: place_of_last_digit(value),
        end: j,
        plain_integer: false,
        high: None,
        year_range: false,
    })
}

fn prev_word(toks: &[Tok], start: usize) -> Option<&Tok> {
    // Skips an abbreviation's period: "p. 3", "Jan. 8".
    let mut k = start;
    while k > 0 {
        k -= 1;
        if toks[k].word {
            return Some(&toks[k]);
        }
        if toks[k].low != "." {
            return None;
        }
    }
    None
}

/// Whether the tokens after a number make it a date: "11 September", "24
/// and 25 August".
fn date_follows(toks: &[Tok], end: usize, rules: &FigureRules) -> bool {
    let is_month = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.word && rules.months.contains(&t.low))
    };
    if is_month(end) {
        return true;
    }
    let joins = |k: usize| {
        toks.get(k)
            .is_some_and(|t| matches!(t.low.as_str(), "and" | "or" | "to" | "-" | "," | "/"))
    };
    let is_num = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.word && t.low.as_bytes()[0].is_ascii_digit())
    };
    joins(end) && is_num(end + 1) && is_month(end + 2)
}

/// Whether a time unit follows (allowing fillers: "two long decades", and
/// a possessive: "in 10 year's time").
fn time_unit_follows(toks: &[Tok], mut k: usize, rules: &FigureRules) -> bool {
    for _ in 0..4 {
        if rules.time_units.iter().any(|p| matches_at(toks, k, p)) {
            return true;
        }
        if let Some(base) = toks.get(k).and_then(|t| t.low.strip_suffix("'s")) {
            if rules
                .time_units
                .iter()
                .any(|p| p.len() == 1 && p[0] == base)
            {
                return true;
            }
        }
        match toks.get(k) {
            Some(t) if rules.time_unit_fillers.contains(&t.low) => k += 1,
            _ => return false,
        }
    }
    false
}

/// A token that ends a clause between two figures: punctuation, or a
/// conjunction that starts another.
fn is_clause_break(w: &str) -> bool {
    matches!(
        w,
        "," | ";" | ":" | "-" | "and" | "but" | "while" | "whereas" | "yet"
    )
}

fn is_participle(w: &str) -> bool {
    w.ends_with("ed") || w.ends_with("en")
}

fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "were" | "was" | "are" | "is" | "had" | "have" | "has" | "been" | "being" | "be"
    )
}

/// A figure found in a sentence, before its context is known.
struct Found {
    fig: Figure,
    /// Token range of the figure (qualifier to unit) and of what it counts.
    toks: (usize, usize),
    counted_toks: (usize, usize),
}

/// The measures whose phrases occur in the words `words` (token indexes,
/// in order), each once.
fn measures_in(toks: &[Tok], words: &[usize], rules: &FigureRules, out: &mut Vec<String>) {
    let stems: Vec<String> = words.iter().map(|&k| stem(&toks[k].low)).collect();
    for m in &rules.measures {
        let found = m.phrases.iter().any(|p| {
            !p.is_empty()
                && stems
                    .windows(p.len())
                    .any(|w| w.iter().zip(p).all(|(a, b)| a == b))
        });
        if found && !out.contains(&m.id) {
            out.push(m.id.clone());
        }
    }
}

/// Whether the words from token `k` on start with a measure's phrase.
fn measure_at(toks: &[Tok], k: usize, rules: &FigureRules) -> bool {
    let stems: Vec<String> = toks[k..]
        .iter()
        .take(4)
        .take_while(|t| t.word)
        .map(|t| stem(&t.low))
        .collect();
    rules.measures.iter().any(|m| {
        m.phrases
            .iter()
            .any(|p| !p.is_empty() && p.len() <= stems.len() && p[..] == stems[..p.len()])
    })
}

fn in_sentence(toks: &[Tok], rules: &FigureRules, min_count: f64, years: &[u32]) -> Vec<Figure> {
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match figure_at(toks, i, rules, min_count) {
            Step::Figure(f) => {
                i = f.toks.1.max(i + 1);
                found.push(*f);
            }
            Step::Skip(n) => i += n.max(1),
        }
    }
    // Between two figures, the words are split at the last clause break:
    // in "Thousands were killed by the regime, and around 30,000 tortured",
    // "killed" is the first figure's, not the second's.
    let splits: Vec<(usize, usize)> = found
        .windows(2)
        .map(|pair| {
            let gap_start = pair[0].counted_toks.1.max(pair[0].toks.1);
            let gap_end = pair[1].toks.0.max(gap_start);
            match (gap_start..gap_end)
                .rev()
                .find(|&k| is_clause_break(&toks[k].low))
            {
                Some(k) => (k, k + 1),
                None => (gap_end, gap_start),
            }
        })
        .collect();
    let breaks = |k: usize| rules.clause_breaks.contains(&toks[k].low);
    let mut out = Vec::with_capacity(found.len());
    for (n, f) in found.iter().enumerate() {
        let lo_limit = if n > 0 { splits[n - 1].1 } else { 0 };
        let hi_limit = splits.get(n).map_or(toks.len(), |s| s.0);
        // Its clause before it: back to a clause break or the limit.
        let clause_start = (lo_limit..f.toks.0)
            .rev()
            .find(|&k| breaks(k))
            .map_or(lo_limit, |k| k + 1);
        let clause_before: Vec<usize> =
            (clause_start..f.toks.0).filter(|&k| toks[k].word).collect();
        let before: Vec<usize> = clause_before
            .iter()
            .rev()
            .take(rules.before_words)
            .rev()
            .copied()
            .collect();
        // After what it counts: up to a clause break, but a list of what is
        // done goes on ("were killed or disappeared", "imprisoned, tortured
        // and exiled").
        let after_start = f.counted_toks.1.max(f.toks.1);
        let mut after: Vec<usize> = Vec::new();
        let mut k = after_start;
        while k < hi_limit && after.len() < rules.after_words {
            let t = &toks[k];
            // A relative clause says what is done to what is counted: "the
            // 30,000 people who disappeared".
            let relative = matches!(t.low.as_str(), "who" | "whom" | "whose" | "which" | "that");
            if !t.word || (breaks(k) && !relative) {
                // A comma goes on only within a list already begun.
                let listing = t.low != "," || !after.is_empty();
                let joins = matches!(t.low.as_str(), "," | "and" | "or") && listing && {
                    let mut j = k + 1;
                    while j < hi_limit && matches!(toks[j].low.as_str(), "and" | "or") {
                        j += 1;
                    }
                    j < hi_limit && measure_at(toks, j, rules)
                };
                if !joins {
                    break;
                }
            } else {
                after.push(k);
            }
            k += 1;
        }
        let counted: Vec<usize> = (f.counted_toks.0..f.counted_toks.1)
            .filter(|&k| toks[k].word)
            .collect();
        let unit_words: Vec<usize> = (f.toks.0..f.toks.1)
            .filter(|&k| toks[k].word && !toks[k].low.as_bytes()[0].is_ascii_digit())
            .collect();
        let mut measures: Vec<String> = Vec::new();
        measures_in(toks, &before, rules, &mut measures);
        measures_in(toks, &unit_words, rules, &mut measures);
        measures_in(toks, &counted, rules, &mut measures);
        measures_in(toks, &after, rules, &mut measures);
        let mut fig = f.fig.clone();
        fig.measures = measures;
        let lead_start = (0..f.toks.0)
            .rev()
            .find(|&k| toks[k].low == ";")
            .map_or(0, |k| k + 1);
        fig.lead = (lead_start..f.toks.0)
            .filter(|&k| toks[k].word)
            .map(|k| toks[k].surface.clone())
            .collect();
        fig.hypothetical = clause_before
            .iter()
            .any(|&k| rules.hypothetical.contains(&toks[k].low));
        // Its own words name a place ("300,000 Angolans", "Soviet deaths").
        let own_from = f.toks.0.saturating_sub(1);
        let own_to = f.counted_toks.1.max(f.toks.1);
        let mut own = places_in(toks, own_from, own_to, rules, true);
        own.sort();
        own.dedup();
        fig.places = own;
        // The years of its own clause, else of its sentence: in "Allende
        // won 36.6% in 1970, while in 1964 he had won 38.9%", 38.9% is 1964's.
        let clause_years: Vec<u32> = {
            let mut ys: Vec<u32> = clause_before
                .iter()
                .chain(&after)
                .filter_map(|&k| year_of(&toks[k], rules))
                .collect();
            ys.sort_unstable();
            ys.dedup();
            ys
        };
        fig.years = if clause_years.is_empty() {
            years.to_vec()
        } else {
            clause_years
        };
        // The statement: a content word right before, the figure, what it
        // counts, and a verb group right after ("were occupied").
        let mut a = f.toks.0;
        if a > 0 && toks[a - 1].word && !rules.stop_words.contains(&toks[a - 1].low) {
            a -= 1;
        }
        let mut b = f.counted_toks.1.max(f.toks.1);
        if toks.get(b).is_some_and(|t| is_aux(&t.low)) && toks.get(b + 1).is_some_and(|t| t.word) {
            // "were occupied", "was publicly owned": up to the participle.
            b += 2;
            if !is_participle(&toks[b - 1].low)
                && toks.get(b).is_some_and(|t| t.word && is_participle(&t.low))
            {
                b += 1;
            }
        } else if toks
            .get(b)
            .is_some_and(|t| t.word && t.low.ends_with("ed") && !rules.stop_words.contains(&t.low))
        {
            // "one million people demonstrated"
            b += 1;
        }
        fig.statement = Span::new(toks[a].span.start, toks[b - 1].span.end);
        out.push(fig);
    }
    out
}

enum Step {
    Figure(Box<Found>),
    /// Not a figure: skip this many tokens.
    Skip(usize),
}

/// A number read at a place, before it is known to be a figure.
struct Candidate {
    /// First token (a currency sign or the number).
    start: usize,
    /// One past the last token (the unit's).
    end: usize,
    value: f64,
    high: Option<f64>,
    precision: f64,
    vague: Option<(f64, f64)>,
    unit: Unit,
    /// A fraction in words ("two-thirds").
    share: bool,
    /// A whole number in digits without separator or scale: may be a year.
    plain_integer: bool,
    /// Shaped like a range of years ("1954-1958", "1973-90").
    year_range: bool,
}

fn figure_at(toks: &[Tok], i: usize, rules: &FigureRules, min_count: f64) -> Step {
    // A currency sign before the number.
    for c in &rules.currencies {
        if let Some(n) = first_match(toks, i, &c.before) {
            if let Some(num) = number_at(toks, i + n, true) {
                return finish(
                    toks,
                    Candidate {
                        start: i,
                        end: num.end,
                        value: num.value,
                        high: num.high,
                        precision: num.precision,
                        vague: None,
                        unit: Unit::Money(c.code.clone()),
                        share: false,
                        plain_integer: false,
                        year_range: false,
                    },
                    rules,
                    min_count,
                );
            }
        }
    }
    if let Some((n, v)) = rules
        .vague
        .iter()
        .find_map(|v| first_match(toks, i, &v.words).map(|n| (n, v)))
    {
        return finish(
            toks,
            Candidate {
                start: i,
                end: i + n,
                value: v.low,
                high: None,
                precision: v.low,
                vague: Some((v.low, v.high)),
                unit: Unit::Count,
                share: false,
                plain_integer: false,
                year_range: false,
            },
            rules,
            min_count,
        );
    }
    if let Some((n, pct)) = rules
        .fractions
        .iter()
        .find(|(p, _)| matches_at(toks, i, p))
        .map(|(p, v)| (p.len(), *v))
    {
        // "a third", "half" only before "of", and not "the second half".
        let loose = matches!(toks[i].low.as_str(), "a" | "half");
        let of_follows = toks.get(i + n).is_some_and(|t| t.low == "of");
        let ordinal_before = i > 0
            && matches!(
                toks[i - 1].low.as_str(),
                "first" | "second" | "latter" | "former" | "the" | "other" | "this" | "that"
            );
        if loose && (!of_follows || ordinal_before) {
            return Step::Skip(n);
        }
        return finish(
            toks,
            Candidate {
                start: i,
                end: i + n,
                value: pct,
                high: None,
                // A fraction in words is a round share: "two-thirds" may
                // stand for 64% to 68%.
                precision: 4.0,
                vague: None,
                unit: Unit::Percent,
                share: true,
                plain_integer: false,
                year_range: false,
            },
            rules,
            min_count,
        );
    }
    let Some(num) = number_at(toks, i, false) else {
        return Step::Skip(1);
    };
    let mut c = Candidate {
        start: i,
        end: num.end,
        value: num.value,
        high: num.high,
        precision: num.precision,
        vague: None,
        unit: Unit::Count,
        share: false,
        plain_integer: num.plain_integer,
        year_range: num.year_range,
    };
    if let Some(n) = first_match(toks, c.end, &rules.percent) {
        c.unit = Unit::Percent;
        c.end += n;
        // A whole percentage is exact to the point: "40%" is not rounded to
        // the ten, as "40,000 people" may be.
        c.precision = c.precision.min(1.0);
    } else if let Some((n, code)) = rules
        .currencies
        .iter()
        .find_map(|cur| first_match(toks, c.end, &cur.after).map(|n| (n, cur.code.clone())))
    {
        c.unit = Unit::Money(code);
        c.end += n;
    } else if let Some((n, a)) = rules
        .areas
        .iter()
        .find(|(p, _)| matches_at(toks, c.end, p))
        .map(|(p, a)| (p.len(), a.clone()))
    {
        c.unit = Unit::Area(a);
        c.end += n;
    }
    finish(toks, c, rules, min_count)
}

/// Whether a whole number in digits is part of a code: a telephone number
/// ("020 8988 8777"), a number with a leading zero ("07761").
fn is_code(toks: &[Tok], start: usize, end: usize) -> bool {
    let digits_word = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.word && t.low.bytes().all(|b| b.is_ascii_digit()))
    };
    let t = &toks[start];
    (t.low.len() > 1 && t.low.starts_with('0'))
        || digits_word(end)
        || (start > 0 && digits_word(start - 1))
}

/// Whether a street's name follows a number: "1600 Pennsylvania Avenue",
/// "1120 Sheridan Circle".
fn street_follows(toks: &[Tok], end: usize, rules: &FigureRules) -> bool {
    let capitalised = |t: &Tok| t.word && t.surface.chars().next().is_some_and(char::is_uppercase);
    let mut k = end;
    while k < toks.len() && k < end + 4 && capitalised(&toks[k]) {
        if k > end && rules.street_words.contains(&toks[k].low) {
            return true;
        }
        k += 1;
    }
    false
}

/// Whether a number is part of a name or a title: in words with a capital
/// inside a sentence, before a capitalised word ("From Twenty Love
/// Poems"), or in digits before two capitalised words that name no place
/// ("100 Love Sonnets").
fn in_name(toks: &[Tok], start: usize, end: usize, rules: &FigureRules) -> bool {
    let capitalised = |t: &Tok| t.word && t.surface.chars().next().is_some_and(char::is_uppercase);
    // The sentence's first word may be capitalised for that reason alone.
    let first_word = toks.iter().position(|t| t.word);
    if first_word == Some(start) || end >= toks.len() {
        return false;
    }
    let head = &toks[start];
    let names_place = |k: usize| !places_in(toks, k, k + 1, rules, true).is_empty();
    if !head.low.as_bytes()[0].is_ascii_digit() {
        return capitalised(head) && capitalised(&toks[end]) && !names_place(end);
    }
    end + 1 < toks.len()
        && capitalised(&toks[end])
        && capitalised(&toks[end + 1])
        && !names_place(end)
        && !names_place(end + 1)
}

/// Decides whether a candidate is a figure, and reads its qualifier and
/// what it counts.
fn finish(toks: &[Tok], c: Candidate, rules: &FigureRules, min_count: f64) -> Step {
    let (start, end) = (c.start, c.end);
    let skip = Step::Skip(end - start);
    let is_count = c.unit == Unit::Count && c.vague.is_none() && !c.share;
    // Not figures: slashed dates (9/11/1973), times (10:30).
    let joined = |k: usize, s: &str| toks.get(k).is_some_and(|t| t.low == s);
    let digit_at = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.word && t.low.as_bytes()[0].is_ascii_digit())
    };
    let after_digit_and = |s: &str| start >= 2 && joined(start - 1, s) && digit_at(start - 2);
    if (joined(end, "/") && digit_at(end + 1))
        || after_digit_and("/")
        || (joined(end, ":") && digit_at(end + 1))
        || after_digit_and(":")
    {
        return skip;
    }
    let in_years = |v: f64| (rules.years.0 as f64..=rules.years.1 as f64).contains(&v);
    if c.year_range && in_years(c.value) {
        return skip;
    }
    if is_count {
        if prev_word(toks, start)
            .is_some_and(|p| rules.labels.contains(&p.low) || rules.months.contains(&p.low))
            || rules
                .label_phrases
                .iter()
                .any(|p| matches_before(toks, start, p).is_some())
            || (start > 0 && rules.label_marks.contains(&toks[start - 1].low))
        {
            return skip;
        }
        let year = c.plain_integer && c.value.fract() == 0.0 && in_years(c.value);
        if date_follows(toks, end, rules)
            || time_unit_follows(toks, end, rules)
            || year
            || c.value < min_count
            || (c.plain_integer && is_code(toks, start, end))
            || (start > 0
                && toks[start - 1].word
                && toks[start - 1].low.bytes().all(|b| b.is_ascii_digit()))
            || (c.plain_integer && street_follows(toks, end, rules))
        {
            return skip;
        }
    }
    if in_name(toks, start, end, rules) {
        return skip;
    }
    // The qualifier right before.
    let mut fig_start = start;
    let mut qualifier = None;
    let mut qualifier_text = None;
    for (p, q) in &rules.qualifiers {
        if let Some(s) = matches_before(toks, start, p) {
            fig_start = s;
            qualifier = Some(*q);
            qualifier_text = Some(p.join(" "));
            break;
        }
    }
    let (counts_range, counts_text, counted) = counted(toks, end, rules);
    // "thousands of years" is a duration.
    if c.unit == Unit::Count
        && counts_range.0 < counts_range.1
        && time_unit_follows(toks, counts_range.0, rules)
    {
        return skip;
    }
    let span = Span::new(toks[fig_start].span.start, toks[end - 1].span.end);
    let phrase_end = if counts_range.1 > counts_range.0 {
        toks[counts_range.1 - 1].span.end
    } else {
        span.end
    };
    Step::Figure(Box::new(Found {
        fig: Figure {
            span,
            phrase: Span::new(span.start, phrase_end),
            statement: span,
            value: c.value,
            high: c.high,
            unit: c.unit,
            qualifier,
            qualifier_text,
            vague: c.vague,
            precision: c.precision,
            counts: counts_text,
            generic: counted
                .as_ref()
                .is_some_and(|h| rules.generic_nouns.contains(h)),
            counted,
            measures: Vec::new(),
            places: Vec::new(),
            hypothetical: false,
            scene: Vec::new(),
            lead: Vec::new(),
            years: Vec::new(),
            in_source: None,
        },
        toks: (fig_start, end),
        counted_toks: counts_range,
    }))
}

/// What a figure counts: the words after it ("leftists", "of the popular
/// vote" → "popular vote"), up to a stop word or punctuation.
fn counted(
    toks: &[Tok],
    end: usize,
    rules: &FigureRules,
) -> ((usize, usize), Option<String>, Option<String>) {
    let mut k = end;
    let mut after_of = false;
    // "tens of thousands, of dead in Santiago": a comma before the "of".
    if toks.get(k).is_some_and(|t| t.low == ",") && toks.get(k + 1).is_some_and(|t| t.low == "of") {
        k += 1;
    }
    if toks.get(k).is_some_and(|t| t.low == "of") {
        k += 1;
        after_of = true;
        while toks.get(k).is_some_and(|t| {
            matches!(
                t.low.as_str(),
                "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "these" | "those"
            )
        }) {
            k += 1;
        }
    }
    // "a few thousand very dynamic militants"
    while toks.get(k).is_some_and(|t| {
        matches!(
            t.low.as_str(),
            "very" | "mostly" | "largely" | "highly" | "mainly" | "predominantly" | "extremely"
        )
    }) {
        k += 1;
    }
    let first = k;
    let max = if after_of { 4 } else { 3 };
    while k < toks.len() && k - first < max {
        let t = &toks[k];
        if !t.word
            || rules.stop_words.contains(&t.low)
            || rules.past_verbs.contains(&t.low)
            || t.low.as_bytes()[0].is_ascii_digit()
        {
            break;
        }
        // A participle after a noun starts what is said of it: "people
        // demonstrated", "Chileans went", not what is counted.
        if k > first && (t.low.ends_with("ed") || rules.past_verbs.contains(&t.low)) {
            break;
        }
        k += 1;
    }
    if k == first {
        return ((end, end), None, None);
    }
    let text = toks[first..k]
        .iter()
        .map(|t| t.low.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // The head: the last word.
    let head = toks[first..k]
        .iter()
        .rev()
        .map(|t| stem(&t.low))
        .find(|s| !s.is_empty());
    ((first, k), Some(text), head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(text: &str) -> Vec<Figure> {
        let rules = FigureRules::built_in();
        let sentences = crate::text::sentences::split(text, Span::new(0, text.len()));
        extract(text, &sentences, rules, 10.0)
    }

    fn described(text: &str) -> Vec<String> {
        figs(text)
            .iter()
            .map(|f| {
                format!(
                    "{}={}{}{}",
                    f.describe(text),
                    f.value,
                    match &f.unit {
                        Unit::Count => String::new(),
                        u => format!(" {}", u.key()),
                    },
                    f.counts
                        .as_ref()
                        .map_or(String::new(), |c| format!(" [{c}]"))
                )
            })
            .collect()
    }

    #[test]
    fn counts_percentages_money_and_areas() {
        assert_eq!(
            described(
                "Pinochet massacred 3,000 leftists and 700,000 demonstrators marched; 100 sailors were arrested."
            ),
            vec![
                "3,000=3000 [leftists]",
                "700,000=700000 [demonstrators]",
                "100=100 [sailors]"
            ]
        );
        assert_eq!(
            described(
                "Allende won 36.3% of the popular vote, over 40% of the economy, about 37 per cent in all."
            ),
            vec![
                "36.3%=36.3 percent [popular vote]",
                "over 40%=40 percent [economy]",
                "about 37 per cent=37 percent"
            ]
        );
        assert_eq!(
            described("Over ten million acres of land, $3 million, $700m and one billion dollars."),
            vec![
                "Over ten million acres=10000000 area:acre [land]",
                "$3 million=3000000 money:USD",
                "$700m=700000000 money:USD",
                "one billion dollars=1000000000 money:USD"
            ]
        );
    }

    #[test]
    fn words_fractions_and_vague_magnitudes() {
        assert_eq!(
            described(
                "Up to one million people demonstrated. Nearly two-thirds of the copper industry was sold."
            ),
            vec![
                "Up to one million=1000000 [people]",
                "Nearly two-thirds=66.67 percent [copper industry]"
            ]
        );
        let f = figs("The military rounded up tens of thousands of workers and thousands more.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].vague, Some((20000.0, 100000.0)));
        assert_eq!(f[0].counts.as_deref(), Some("workers"));
        assert_eq!(f[1].vague, Some((2000.0, 200000.0)));
        let f = figs("More than one thousand factories were occupied.");
        assert_eq!(f[0].qualifier, Some(Qualifier::Over));
        assert_eq!(f[0].value, 1000.0);
        assert_eq!(f[0].measures, ["occupied"]);
        assert_eq!(f[0].counted.as_deref(), Some("factory"));
        assert_eq!(
            &"More than one thousand factories were occupied."[f[0].statement.range()],
            "More than one thousand factories were occupied"
        );
    }

    #[test]
    fn dates_years_ordinals_durations_and_small_counts_are_not_figures() {
        for text in [
            "In 1973 workers occupied the factories.",
            "On 11 September 1973 and September 11, 1973 and 9/11/1973 and Jan. 8, 2023.",
            "A strike on 24 and 25 August.",
            "The 50th anniversary of the 20th century.",
            "46 years ago, three years earlier, for two long decades, 10-15 years.",
            "Two days later the three branches met at 3 p.m. and 10:30.",
            "See page 12, Volume Two, Number Two, PO Box 3688.",
            "One dead, another beaten; six of us were lost.",
            "We are free of it in 10 year's time.",
            "The second half of the century; half a century ago.",
            "It lasted thousands of years.",
            "The coup in Laos (1957-1973), the 1973-90 dictatorship, the MIR of 1964-65.",
            "At age 17 she left; at the age of fifteen she returned, to Liceo N° 12.",
            "The embassy at 1120 Sheridan Circle; call 020 8988 8777.",
            "From Twenty Love Poems to 100 Love Sonnets.",
        ] {
            assert_eq!(described(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn measures_come_from_the_figures_own_clause() {
        let f =
            figs("Thousands of opponents were killed by the regime, and around 30,000 tortured.");
        assert_eq!(f[0].measures, ["killed"]);
        assert_eq!(f[1].measures, ["tortured"]);
        let f = figs("Pinochet massacred 3,000 leftists, and forced tens of thousands into exile.");
        assert_eq!(f[0].measures, ["killed"]);
        assert_eq!(f[1].measures, ["exiled"]);
        let f = figs("Over 3,000 people were killed or disappeared under Pinochet.");
        assert_eq!(f[0].measures, ["killed", "disappeared"]);
        let f =
            figs("Thousands were slaughtered and thousands more imprisoned, tortured and exiled.");
        assert_eq!(f[0].measures, ["killed"]);
        assert_eq!(f[1].measures, ["tortured", "imprisoned", "exiled"]);
        let f =
            figs("Allende was elected in 1970, but only with a relative majority of about 37%.");
        assert_eq!(f[0].measures, ["vote"]);
        let f = figs("Despite the 30,000 people who disappeared, the movement recovered.");
        assert_eq!(f[0].measures, ["disappeared"]);
        // A participle after a comma describes what is counted.
        let f = figs(
            "The regime sold off nearly two-thirds of the copper industry, nationalized under Allende.",
        );
        assert_eq!(f[0].measures, ["privatised"]);
        let f = figs("Allende's opponents hoped to win 66% of the vote.");
        assert!(f[0].hypothetical);
    }

    #[test]
    fn places_from_the_figure_its_sentence_paragraph_or_document() {
        let f = figs("After the coup in Chile, over 300,000 Angolans were killed.");
        assert_eq!(f[0].places, ["angola"]);
        let f = figs("The 7000 Soviet deaths in Hungary.");
        assert_eq!(f[0].places, ["soviet-union"]);
        // A weak place counts only in the figure's own words.
        let f = figs("The US-backed junta in Chile killed 3,000 leftists.");
        assert_eq!(f[0].places, ["chile"]);
        let f = figs("Chile and Argentina suffered; 30,000 people disappeared.");
        assert_eq!(f[0].places, ["argentina", "chile"]);
        let f = figs("Argentina's junta took power in 1976. Then 30,000 people disappeared.");
        assert_eq!(f[0].places, ["argentina"]);
        let f = figs("Santiago was quiet. Chile mourned. The junta killed 3,000 leftists.");
        assert_eq!(f[0].places, ["chile"]);
    }

    #[test]
    fn stems_fold_inflections() {
        assert_eq!(stem("killed"), stem("kill"));
        assert_eq!(stem("massacres"), stem("massacred"));
        assert_eq!(stem("elections"), stem("election"));
        assert_eq!(stem("leftists"), "leftist");
        assert_eq!(stem("Chile's"), "chil");
    }
}
