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
    qualifier: Vec<RawQualifier>,
    percent: Vec<String>,
    currency: Vec<RawCurrency>,
    area: Vec<RawArea>,
    vague: Vec<RawVague>,
    fractions: BTreeMap<String, f64>,
    concept: Vec<RawConcept>,
    generic_nouns: Vec<String>,
    stop_words: Vec<String>,
    context_words: usize,
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
struct RawConcept {
    name: String,
    words: Vec<String>,
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

/// The figure rules, ready to use.
#[derive(Debug)]
pub struct FigureRules {
    pub years: (u32, u32),
    pub months: HashSet<String>,
    pub time_units: Vec<Phrase>,
    pub time_unit_fillers: HashSet<String>,
    pub labels: HashSet<String>,
    /// Longest first, so "just over" wins over "just".
    pub qualifiers: Vec<(Phrase, Qualifier)>,
    pub percent: Vec<Phrase>,
    pub currencies: Vec<Currency>,
    pub areas: Vec<(Phrase, String)>,
    pub vague: Vec<Vague>,
    pub fractions: Vec<(Phrase, f64)>,
    /// Stem of a word → the concepts it belongs to.
    pub concepts: HashMap<String, Vec<String>>,
    pub generic_nouns: HashSet<String>,
    pub stop_words: HashSet<String>,
    pub context_words: usize,
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
        let mut concepts: HashMap<String, Vec<String>> = HashMap::new();
        for c in &raw.concept {
            for w in &c.words {
                let list = concepts.entry(stem(w)).or_default();
                if !list.contains(&c.name) {
                    list.push(c.name.clone());
                }
            }
        }
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
            concepts,
            generic_nouns: raw.generic_nouns.iter().map(|w| stem(w)).collect(),
            stop_words: lower(raw.stop_words),
            context_words: raw.context_words,
        })
    }

    /// The built-in rules.
    pub fn built_in() -> &'static FigureRules {
        static RULES: OnceLock<FigureRules> = OnceLock::new();
        RULES.get_or_init(|| {
            FigureRules::parse(BUILT_IN).expect("rules/figures.toml is valid (a test checks)")
        })
    }

    /// The concepts a word belongs to.
    pub fn concepts_of(&self, word: &str) -> &[String] {
        self.concepts
            .get(&stem(word))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rules_parse() {
        let r = FigureRules::parse(BUILT_IN).unwrap();
        assert!(r.months.contains("september"));
        assert_eq!(r.qualifiers[0].0.len(), 4, "longest qualifier first");
        assert_eq!(r.concepts_of("massacred"), ["killed"]);
        assert_eq!(r.concepts_of("Murdered"), ["killed"]);
        assert_eq!(phrase("a.m"), ["a", ".", "m"]);
    }
}
