//! `rules/figures.toml`, compiled in: what counts as a figure, and the
//! words that say what a figure counts.

use super::stem;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

pub const BUILT_IN: &str = include_str!("../../rules/figures.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    years: [u32; 2],
    months: Vec<String>,
    time_units: Vec<String>,
    time_unit_fillers: Vec<String>,
    labels: Vec<String>,
    label_phrases: Vec<String>,
    label_marks: Vec<String>,
    street_words: Vec<String>,
    hypothetical: Vec<String>,
    clause_breaks: Vec<String>,
    past_verbs: Vec<String>,
    qualifier: Vec<RawQualifier>,
    percent: Vec<String>,
    currency: Vec<RawCurrency>,
    area: Vec<RawArea>,
    vague: Vec<RawVague>,
    fractions: BTreeMap<String, f64>,
    measure: Vec<RawMeasure>,
    place: Vec<RawPlace>,
    generic_nouns: Vec<String>,
    stop_words: Vec<String>,
    before_words: usize,
    after_words: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQualifier {
    kind: Qualifier,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCurrency {
    code: String,
    before: Vec<String>,
    after: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    unit: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVague {
    words: Vec<String>,
    low: f64,
    high: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    id: String,
    words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    id: String,
    words: Vec<String>,
    #[serde(default)]
    weak: bool,
}

/// How exact a figure says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// "about 37%", "some 5,000": roughly.
    About,
    /// "over 40%", "more than one thousand": above it.
    Over,
    /// "at least 3,000": it or above.
    AtLeast,
    /// "nearly two-thirds": a little below it.
    Nearly,
    /// "up to one million": it or below.
    UpTo,
    /// "fewer than 100": below it.
    Under,
    /// "exactly 3,000": no rounding.
    Exactly,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::About => "about",
            Qualifier::Over => "over",
            Qualifier::AtLeast => "at-least",
            Qualifier::Nearly => "nearly",
            Qualifier::UpTo => "up-to",
            Qualifier::Under => "under",
            Qualifier::Exactly => "exactly",
        }
    }
}

/// A phrase as the tokens it is made of (lower case), so that `a.m` or `%`
/// compare with a draft's tokens one for one.
pub type Phrase = Vec<String>;

/// Splits a rule phrase the way prose is tokenized.
pub fn phrase(text: &str) -> Phrase {
    crate::text::tokenize::tokenize(text)
        .iter()
        .map(|t| t.text(text).to_lowercase())
        .collect()
}

#[derive(Debug)]
pub struct Currency {
    pub code: String,
    pub before: Vec<Phrase>,
    pub after: Vec<Phrase>,
}

#[derive(Debug)]
pub struct Vague {
    pub words: Vec<Phrase>,
    pub low: f64,
    pub high: f64,
}

/// A measure: what is done to what a figure counts (killed, exiled, voted).
#[derive(Debug)]
pub struct Measure {
    pub id: String,
    /// Each a phrase of word stems (see [`super::stem`]).
    pub phrases: Vec<Vec<String>>,
}

/// A place and the words that name it.
#[derive(Debug)]
pub struct Place {
    pub id: String,
    pub words: Vec<PlaceWord>,
    /// Counts only in a figure's own words (see `rules/figures.toml`).
    pub weak: bool,
}

/// A place's word or phrase: lower-case words, or exact ones for a word in
/// capitals ("US" is not "us").
#[derive(Debug)]
pub struct PlaceWord {
    pub words: Vec<String>,
    pub exact: bool,
}

/// The figure rules, ready to use.
#[derive(Debug)]
pub struct FigureRules {
    pub years: (u32, u32),
    pub months: HashSet<String>,
    pub time_units: Vec<Phrase>,
    pub time_unit_fillers: HashSet<String>,
    pub labels: HashSet<String>,
    pub label_phrases: Vec<Phrase>,
    pub label_marks: HashSet<String>,
    pub street_words: HashSet<String>,
    pub hypothetical: HashSet<String>,
    pub clause_breaks: HashSet<String>,
    pub past_verbs: HashSet<String>,
    /// Longest first, so "just over" wins over "just".
    pub qualifiers: Vec<(Phrase, Qualifier)>,
    pub percent: Vec<Phrase>,
    pub currencies: Vec<Currency>,
    pub areas: Vec<(Phrase, String)>,
    pub vague: Vec<Vague>,
    pub fractions: Vec<(Phrase, f64)>,
    /// Longest phrase first within each measure.
    pub measures: Vec<Measure>,
    pub places: Vec<Place>,
    /// The places' words by their first word's key (exact, or lower-case):
    /// `(place, word)` indices in `places`, in order (see
    /// [`FigureRules::places_starting`]).
    place_starts: HashMap<(bool, String), Vec<(usize, usize)>>,
    pub generic_nouns: HashSet<String>,
    pub stop_words: HashSet<String>,
    pub before_words: usize,
    pub after_words: usize,
}

impl FigureRules {
    pub fn parse(text: &str) -> Result<FigureRules, String> {
        let raw: RawRules = toml::from_str(text).map_err(|e| e.to_string())?;
        let lower = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect();
        let mut qualifiers: Vec<(Phrase, Qualifier)> = raw
            .qualifier
            .iter()
            .flat_map(|q| q.words.iter().map(|w| (phrase(w), q.kind)))
            .collect();
        qualifiers.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut ids: HashSet<&str> = HashSet::new();
        for m in &raw.measure {
            if !ids.insert(&m.id) {
                return Err(format!("measure `{}` is defined twice", m.id));
            }
        }
        let measures = raw
            .measure
            .iter()
            .map(|m| {
                let mut phrases: Vec<Vec<String>> = m
                    .words
                    .iter()
                    .map(|w| phrase(w).iter().map(|t| stem(t)).collect())
                    .collect();
                phrases.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
                Measure {
                    id: m.id.clone(),
                    phrases,
                }
            })
            .collect();
        let places: Vec<Place> = raw
            .place
            .iter()
            .map(|p| Place {
                id: p.id.clone(),
                weak: p.weak,
                words: p
                    .words
                    .iter()
                    .map(|w| {
                        let exact = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                            && w.chars().all(|c| !c.is_lowercase());
                        PlaceWord {
                            words: place_phrase(w, exact),
                            exact,
                        }
                    })
                    .collect(),
            })
            .collect();
        let mut fractions: Vec<(Phrase, f64)> = raw
            .fractions
            .into_iter()
            .map(|(k, v)| (phrase(&k), v))
            .collect();
        fractions.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut areas: Vec<(Phrase, String)> = raw
            .area
            .iter()
            .flat_map(|a| a.words.iter().map(|w| (phrase(w), a.unit.clone())))
            .collect();
        areas.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let longest_first = |v: Vec<String>| {
            let mut p: Vec<Phrase> = v.iter().map(|s| phrase(s)).collect();
            p.sort_by_key(|p| std::cmp::Reverse(p.len()));
            p
        };
        Ok(FigureRules {
            years: (raw.years[0], raw.years[1]),
            months: lower(raw.months),
            time_units: longest_first(raw.time_units),
            time_unit_fillers: lower(raw.time_unit_fillers),
            labels: lower(raw.labels),
            label_phrases: longest_first(raw.label_phrases),
            label_marks: lower(raw.label_marks),
            street_words: lower(raw.street_words),
            hypothetical: lower(raw.hypothetical),
            clause_breaks: lower(raw.clause_breaks),
            past_verbs: lower(raw.past_verbs),
            qualifiers,
            percent: longest_first(raw.percent),
            currencies: raw
                .currency
                .into_iter()
                .map(|c| Currency {
                    code: c.code,
                    before: longest_first(c.before),
                    after: longest_first(c.after),
                })
                .collect(),
            areas,
            vague: raw
                .vague
                .into_iter()
                .map(|v| Vague {
                    words: longest_first(v.words),
                    low: v.low,
                    high: v.high,
                })
                .collect(),
            fractions,
            measures,
            place_starts: place_starts(&places),
            places,
            generic_nouns: raw.generic_nouns.iter().map(|w| stem(w)).collect(),
            stop_words: lower(raw.stop_words),
            before_words: raw.before_words,
            after_words: raw.after_words,
        })
    }

    /// The `(place, word)` indices of the place words that may start at a
    /// token with place keys `exact` and `lower`, in the order of
    /// `places` and of each place's words.
    pub fn places_starting(&self, exact: &str, lower: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for key in [(true, exact), (false, lower)] {
            if let Some(v) = self.place_starts.get(&(key.0, key.1.to_string())) {
                out.extend(v);
            }
        }
        out.sort_unstable();
        out
    }

    /// The built-in rules.
    pub fn built_in() -> &'static FigureRules {
        static RULES: OnceLock<FigureRules> = OnceLock::new();
        RULES.get_or_init(|| {
            FigureRules::parse(BUILT_IN).expect("rules/figures.toml is valid (a test checks)")
        })
    }

    /// Whether a measure of that id is defined.
    pub fn has_measure(&self, id: &str) -> bool {
        self.measures.iter().any(|m| m.id == id)
    }

    /// Whether a place of that id is defined.
    pub fn has_place(&self, id: &str) -> bool {
        self.places.iter().any(|p| p.id == id)
    }
}

/// A place word as the words it is made of: lower case, a possessive taken
/// off; as written for a word in capitals.
fn place_phrase(text: &str, exact: bool) -> Vec<String> {
    crate::text::tokenize::tokenize(text)
        .iter()
        .map(|t| place_key(t.text(text), exact))
        .collect()
}

/// How a token is compared with place words: lower case with a possessive
/// `'s` taken off, or as written (possessive aside) for exact words.
pub fn place_key(token: &str, exact: bool) -> String {
    let surface = crate::text::normalize::surface(token);
    let base = surface
        .strip_suffix("'s")
        .or_else(|| surface.strip_suffix('\''))
        .filter(|b| !b.is_empty())
        .unwrap_or(&surface);
    if exact {
        base.to_string()
    } else {
        base.to_lowercase()
    }
}

/// See [`FigureRules::places_starting`].
fn place_starts(places: &[Place]) -> HashMap<(bool, String), Vec<(usize, usize)>> {
    let mut out: HashMap<(bool, String), Vec<(usize, usize)>> = HashMap::new();
    for (p, place) in places.iter().enumerate() {
        for (w, word) in place.words.iter().enumerate() {
            if let Some(first) = word.words.first() {
                out.entry((word.exact, first.clone()))
                    .or_default()
                    .push((p, w));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rules_parse() {
        let r = FigureRules::parse(BUILT_IN).unwrap();
        assert!(r.months.contains("september"));
        assert_eq!(r.qualifiers[0].0.len(), 4, "longest qualifier first");
        assert!(r.has_measure("killed") && r.has_place("chile"));
        let us = r.places.iter().find(|p| p.id == "united-states").unwrap();
        assert!(us.weak && us.words.iter().any(|w| w.exact && w.words == ["US"]));
        assert_eq!(phrase("a.m"), ["a", ".", "m"]);
    }
}
