//! `rules/quotations.toml`, compiled in: the words that tell a quotation to
//! verify from a title, a name, a term or a gloss.

use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

pub const BUILT_IN: &str = include_str!("../../rules/quotations.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name_cues: Vec<String>,
    naming_verbs: Vec<String>,
    speakers: Vec<String>,
    work_nouns: Vec<String>,
    title_minor_words: Vec<String>,
    determiners: Vec<String>,
    qualified_nouns: Vec<String>,
    admonitions: Vec<String>,
    back_reference_words: Vec<String>,
    back_reference_nouns: Vec<String>,
    foreign_min: usize,
    foreign_words: Vec<String>,
    english_words: Vec<String>,
    spelling_min_stem: usize,
    spelling_endings: Vec<(String, String)>,
}

/// A phrase as lower-case words.
pub type Words = Vec<String>;

#[derive(Debug)]
pub struct QuoteRules {
    /// Longest first.
    pub name_cues: Vec<Words>,
    /// Name cues that quote someone after a name or pronoun.
    pub naming_verbs: HashSet<String>,
    pub speakers: HashSet<String>,
    pub work_nouns: HashSet<String>,
    pub title_minor_words: HashSet<String>,
    pub determiners: HashSet<String>,
    pub qualified_nouns: HashSet<String>,
    /// Longest first.
    pub admonitions: Vec<Words>,
    pub back_reference_words: HashSet<String>,
    pub back_reference_nouns: HashSet<String>,
    pub foreign_min: usize,
    pub foreign_words: HashSet<String>,
    pub english_words: HashSet<String>,
    pub spelling_min_stem: usize,
    /// (British, American) endings.
    pub spelling_endings: Vec<(String, String)>,
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

impl QuoteRules {
    pub fn parse(text: &str) -> Result<QuoteRules, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| e.to_string())?;
        let set = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect();
        Ok(QuoteRules {
            name_cues: longest_first(&raw.name_cues),
            naming_verbs: set(&raw.naming_verbs),
            speakers: set(&raw.speakers),
            work_nouns: set(&raw.work_nouns),
            title_minor_words: set(&raw.title_minor_words),
            determiners: set(&raw.determiners),
            qualified_nouns: set(&raw.qualified_nouns),
            admonitions: longest_first(&raw.admonitions),
            back_reference_words: set(&raw.back_reference_words),
            back_reference_nouns: set(&raw.back_reference_nouns),
            foreign_min: raw.foreign_min,
            foreign_words: set(&raw.foreign_words),
            english_words: set(&raw.english_words),
            spelling_min_stem: raw.spelling_min_stem,
            spelling_endings: raw.spelling_endings,
        })
    }

    /// Whether quoted words are in another language than English (see
    /// `foreign_words` in `rules/quotations.toml`).
    pub fn is_foreign(&self, text: &str) -> bool {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let foreign = words
            .iter()
            .filter(|w| self.foreign_words.contains(*w))
            .count();
        let english = words.iter().any(|w| self.english_words.contains(w));
        !english && foreign >= self.foreign_min.max(1) && foreign * 3 >= words.len()
    }

    /// Whether two words are one word in British and American spelling
    /// (see `spelling_endings` in `rules/quotations.toml`), ignoring case.
    pub fn is_spelling_variant(&self, a: &str, b: &str) -> bool {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        a != b
            && self.spelling_endings.iter().any(|(uk, us)| {
                let pair = |x: &str, y: &str| {
                    x.strip_suffix(uk.as_str()).is_some_and(|stem| {
                        stem.chars().count() >= self.spelling_min_stem
                            && stem.chars().all(char::is_alphabetic)
                            && y.strip_suffix(us.as_str()) == Some(stem)
                    })
                };
                pair(&a, &b) || pair(&b, &a)
            })
    }

    pub fn built_in() -> &'static QuoteRules {
        static RULES: OnceLock<QuoteRules> = OnceLock::new();
        RULES.get_or_init(|| {
            QuoteRules::parse(BUILT_IN).expect("rules/quotations.toml is valid (a test checks)")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_cues_parse() {
        let r = QuoteRules::parse(BUILT_IN).unwrap();
        assert!(r.name_cues.iter().any(|w| w == &["known", "as"]));
        assert!(r.work_nouns.contains("novel"));
        assert!(r.title_minor_words.contains("de"));
        assert!(r.back_reference_nouns.contains("quote"));
        assert_eq!(r.name_cues[0].len(), 2, "longest first");
    }

    #[test]
    fn british_and_american_spellings_are_one_word() {
        let r = QuoteRules::built_in();
        for (a, b) in [
            ("organisations", "organizations"),
            ("Labour", "labor"),
            ("centre", "center"),
            ("defence", "defense"),
            ("travelled", "traveled"),
            ("programme", "program"),
            ("analysed", "analyzed"),
            ("catalogue", "catalog"),
        ] {
            assert!(r.is_spelling_variant(a, b), "{a} {b}");
            assert!(r.is_spelling_variant(b, a), "{b} {a}");
        }
        for (a, b) in [
            ("four", "for"),
            ("prise", "prize"),
            ("hour", "hor"),
            ("labour", "labour"),
            ("rise", "rize"),
            ("honour", "horror"),
        ] {
            assert!(!r.is_spelling_variant(a, b), "{a} {b}");
        }
    }

    #[test]
    fn another_language_is_told_by_its_function_words() {
        let r = QuoteRules::built_in();
        assert!(r.is_foreign("la vía chilena al socialismo"));
        assert!(r.is_foreign("El pueblo unido jamás será vencido"));
        assert!(r.is_foreign("La révolution n'est pas un dîner de gala"));
        // English, even with a Spanish name in it.
        assert!(!r.is_foreign("the Chilean road to socialism"));
        assert!(!r.is_foreign("Long live Chile! Long live the workers!"));
        assert!(!r.is_foreign("the struggle of la Unidad Popular y el pueblo"));
        // One foreign word among many is not enough.
        assert!(!r.is_foreign("Venceremos, comrades, venceremos con dignidad siempre"));
    }
}
