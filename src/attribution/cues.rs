//! `rules/attribution.toml`, compiled in: the words that make a prose
//! attribution.

use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

pub const BUILT_IN: &str = include_str!("../../rules/attribution.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    before: Vec<String>,
    verbs: Vec<String>,
    not_after_verbs: Vec<String>,
    coordinators: Vec<String>,
    between: Vec<String>,
    possessive_nouns: Vec<String>,
    not_names: Vec<String>,
    pronouns: Vec<String>,
    organisation_words: Vec<String>,
    #[serde(default)]
    possessive_pronouns: Vec<String>,
    #[serde(default)]
    statement_nouns: Vec<String>,
    #[serde(default)]
    record_nouns: Vec<String>,
}

/// A cue phrase as lower-case words.
pub type Words = Vec<String>;

#[derive(Debug)]
pub struct AttributionRules {
    /// Longest first.
    pub before: Vec<Words>,
    /// Longest first.
    pub verbs: Vec<Words>,
    pub not_after_verbs: HashSet<String>,
    pub coordinators: HashSet<String>,
    pub between: HashSet<String>,
    pub possessive_nouns: HashSet<String>,
    pub not_names: HashSet<String>,
    pub pronouns: HashSet<String>,
    /// As written (capitalised).
    pub organisation_words: HashSet<String>,
    /// "his", "her": before a statement noun, a credit ("his motto").
    pub possessive_pronouns: HashSet<String>,
    /// "speech", "motto": after a possessive pronoun, a credit.
    pub statement_nouns: HashSet<String>,
    /// "speech", "interview", "memoir": a record a reader can look up, so a
    /// credit that names one credits a work, not only a speaker.
    pub record_nouns: HashSet<String>,
}

fn words(s: &str) -> Words {
    s.split_whitespace().map(str::to_lowercase).collect()
}

fn longest_first(v: &[String]) -> Vec<Words> {
    let mut out: Vec<Words> = v.iter().map(|s| words(s)).collect();
    out.sort_by_key(|w| std::cmp::Reverse(w.len()));
    out.dedup();
    out
}

impl AttributionRules {
    pub fn parse(text: &str) -> Result<AttributionRules, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| e.to_string())?;
        let set = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect();
        Ok(AttributionRules {
            before: longest_first(&raw.before),
            verbs: longest_first(&raw.verbs),
            not_after_verbs: set(&raw.not_after_verbs),
            coordinators: set(&raw.coordinators),
            between: set(&raw.between),
            possessive_nouns: set(&raw.possessive_nouns),
            not_names: set(&raw.not_names),
            pronouns: set(&raw.pronouns),
            organisation_words: raw.organisation_words.into_iter().collect(),
            possessive_pronouns: set(&raw.possessive_pronouns),
            statement_nouns: set(&raw.statement_nouns),
            record_nouns: set(&raw.record_nouns),
        })
    }

    pub fn built_in() -> &'static AttributionRules {
        static RULES: OnceLock<AttributionRules> = OnceLock::new();
        RULES.get_or_init(|| {
            AttributionRules::parse(BUILT_IN)
                .expect("rules/attribution.toml is valid (a test checks)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_cues_parse() {
        let r = AttributionRules::parse(BUILT_IN).unwrap();
        assert!(r.before.iter().any(|w| w == &["according", "to"]));
        assert!(r.verbs.iter().any(|w| w == &["wrote"]));
        assert_eq!(r.verbs[0].len(), 2, "longest first");
        assert!(r.organisation_words.contains("International"));
    }
}
