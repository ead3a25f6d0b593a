//! How unlikely a passage's likeness to a quotation would be by chance.
//!
//! A quotation and a passage that share words are not for that reason a
//! quotation and its source: any two English sentences share "of the", and
//! in a corpus of any size "The House of the Spirits" lines up with "The
//! headquarters of the Presidential". The words in common are evidence in
//! proportion to how unlikely they are, and the evidence must be weighed
//! against the number of places chance had to produce it — as BLAST reports
//! an alignment only when the number of hits as good that chance would give
//! in a database of that size (its E-value) is small.
//!
//! - Each word in common weighs its information in the corpus, −log₂ of its
//!   frequency, counted without the passage itself (leave one out: a word
//!   found only in this passage is as rare as a word can be, and a passage
//!   is no evidence for itself). A word that follows another word in common
//!   weighs its information given that word when that is less (a phrase the
//!   corpus repeats — "Salvador Allende", "of the" — weighs what its first
//!   word does).
//! - The chance count is the number of places in the corpus times the
//!   number of ways to pick which quotation words and which passage words
//!   pair up, times the probability of the words in common:
//!   `log₂ E = log₂ N + log₂ C(m, k) + log₂ C(L, k) − bits`, for a corpus of
//!   N words, m quotation words, L passage words and k words in common. A
//!   bigger corpus needs stronger evidence by itself.
//! - Coverage is the share of the quotation's information that the words in
//!   common carry: a passage that has the quotation's function words but
//!   not its content words covers little of it.

use super::{Op, Passage, WordMatch};
use crate::corpus::Corpus;
use serde::Serialize;

/// The evidence that a passage is the source of a quotation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// Quotation words (m).
    pub words: usize,
    /// Quotation words paired with the same source word (k).
    pub common: usize,
    /// Source words the alignment spans, less those an editorial mark
    /// stands for (L).
    pub passage_words: usize,
    /// Words changed, added or dropped.
    pub edits: usize,
    /// The information of the words in common, in bits.
    pub bits: f64,
    /// log₂ of the number of passages that would share as much with the
    /// quotation by chance in a corpus of this size.
    pub log2_chance: f64,
    /// The share of the quotation's information (unigram bits) that the
    /// words in common carry, from 0 to 1.
    pub coverage: f64,
    /// The longest run of consecutive quotation words that are not in the
    /// passage (changed or added).
    pub longest_run_missing: usize,
    /// The information of the rarest word in common, in bits.
    pub rarest: f64,
}

impl Evidence {
    /// The number of passages as good that chance would give.
    pub fn chance(&self) -> f64 {
        self.log2_chance.exp2()
    }

    /// Whether the passage is the quotation's source with words changed, by
    /// `criteria`; if not, why not.
    pub fn judge(&self, criteria: &Criteria) -> Judgement {
        if self.common == 0 {
            return Judgement::Chance;
        }
        if self.words < criteria.short_words {
            // A short quotation says too little to be told from a phrase
            // that happens to be like a source's: only a near copy with a
            // rare word in common is compared.
            if self.edits > criteria.short_max_edits {
                return Judgement::ShortNotIdentical;
            }
            if self.rarest < criteria.short_rare_bits {
                return Judgement::ShortCommonWords;
            }
        }
        if self.coverage < criteria.min_coverage {
            return Judgement::Uncovered;
        }
        if self.longest_run_missing > criteria.max_missing_run(self.words) {
            return Judgement::NotAnEdit;
        }
        if self.log2_chance > criteria.max_chance.log2() {
            return Judgement::Chance;
        }
        Judgement::NearMiss
    }
}

/// What makes a passage the source of a quotation whose words differ from
/// it. The defaults are measured (tests/thresholds.rs).
#[derive(Clone, Debug, PartialEq)]
pub struct Criteria {
    /// At most this many passages as like the quotation by chance in a
    /// corpus of this size (an E-value).
    pub max_chance: f64,
    /// The words in common carry at least this share of the quotation's
    /// information: most of its content words, not only its function words.
    pub min_coverage: f64,
    /// A run of quotation words missing from the passage may be this long
    /// (a changed phrase), or this share of the quotation's words when that
    /// is more; a longer one makes a different sentence that shares a
    /// phrase, not an edit of the passage.
    pub missing_run: usize,
    pub missing_share: f64,
    /// A quotation of fewer words than this is short: it is compared only
    /// when it has at most `short_max_edits` words changed, added or
    /// dropped and a word in common of at least `short_rare_bits` bits.
    pub short_words: usize,
    pub short_max_edits: usize,
    pub short_rare_bits: f64,
}

impl Criteria {
    fn max_missing_run(&self, words: usize) -> usize {
        self.missing_run
            .max((words as f64 * self.missing_share).floor() as usize)
    }
}

impl Default for Criteria {
    fn default() -> Self {
        Criteria {
            max_chance: 0.01,
            min_coverage: 0.6,
            missing_run: 3,
            missing_share: 0.25,
            short_words: 8,
            short_max_edits: 1,
            short_rare_bits: 10.0,
        }
    }
}

/// The verdict on a passage as a quotation's source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Judgement {
    /// The source, with words changed: a misquotation.
    NearMiss,
    /// Chance would give passages as like it.
    Chance,
    /// The words in common are a small part of the quotation's information.
    Uncovered,
    /// A long run of the quotation is not in the passage: another sentence
    /// that shares a phrase.
    NotAnEdit,
    /// A short quotation with more than a word changed.
    ShortNotIdentical,
    /// A short quotation with no rare word in common.
    ShortCommonWords,
}

impl Judgement {
    /// Why a passage is not a misquotation's source, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Judgement::NearMiss => "a misquotation of it",
            Judgement::Chance => "chance would give passages as like it",
            Judgement::Uncovered => "it has few of the quotation's content words",
            Judgement::NotAnEdit => "a run of the quotation's words is not in it",
            Judgement::ShortNotIdentical => "a short quotation with more than one word changed",
            Judgement::ShortCommonWords => "a short quotation with no rare word in common",
        }
    }
}

/// The information of a word that occurs `count` times in a corpus of `n`
/// words, one occurrence left out; a word found nowhere else counts as half
/// an occurrence.
fn information(count: u32, n: f64) -> f64 {
    let others = (f64::from(count) - 1.0).max(0.5);
    (n / others).log2()
}

/// The information of a word (by its normalized key) in `corpus`, in bits,
/// as a passage's words are weighed.
pub fn word_information(corpus: &Corpus, key: &str) -> f64 {
    let index = &corpus.index;
    let count = index
        .vocab()
        .id(key)
        .map_or(0, |id| index.vocab().count(id));
    information(count, index.word_count().max(1) as f64)
}

/// log₂ of the binomial coefficient C(n, k).
fn log2_choose(n: usize, k: usize) -> f64 {
    let k = k.min(n - k.min(n));
    (1..=k)
        .map(|i| ((n - k + i) as f64 / i as f64).log2())
        .sum()
}

/// Weighs `passage` as the source of a quotation of `ids.len()` words
/// (`ids`: each quotation word's id in the corpus vocabulary, if it has
/// one).
pub fn weigh(corpus: &Corpus, passage: &Passage, ids: &[Option<u32>]) -> Evidence {
    let index = &corpus.index;
    let vocab = index.vocab();
    let n = (index.word_count().max(1)) as f64;
    let source_id = |s: u32| index.ids_of(passage.source, s, 1).first().copied();
    let unigram = |id: Option<u32>| information(id.map_or(0, |id| vocab.count(id)), n);

    let mut ev = Evidence {
        words: ids.len(),
        ..Evidence::default()
    };
    let mut in_common = vec![false; ids.len()];
    let mut covered = 0.0;
    // The previous step, when it paired a word with the same source word.
    let mut prev: Option<(usize, u32)> = None;
    for op in &passage.ops {
        match *op {
            Op::Pair { q, s, how } => {
                ev.passage_words += 1;
                if how == WordMatch::Changed {
                    ev.edits += 1;
                    prev = None;
                    continue;
                }
                in_common[q] = true;
                ev.common += 1;
                let id = source_id(s);
                let alone = unigram(id);
                covered += alone;
                ev.rarest = ev.rarest.max(alone);
                let mut bits = alone;
                if let (Some((pq, ps)), Some(id)) = (prev, id) {
                    if pq + 1 == q && ps + 1 == s {
                        if let Some(before) = source_id(ps) {
                            // The word's information given the one before,
                            // this occurrence of the pair left out.
                            let pair = index.count(&[before, id]) as f64 - 1.0;
                            let first = f64::from(vocab.count(before)) - 1.0;
                            if pair >= 1.0 && first >= 1.0 {
                                bits = bits.min((first / pair).log2());
                            }
                        }
                    }
                }
                ev.bits += bits;
                prev = Some((q, s));
            }
            Op::Added { .. } => {
                ev.edits += 1;
                prev = None;
            }
            Op::Dropped { .. } => {
                ev.passage_words += 1;
                ev.edits += 1;
                prev = None;
            }
            Op::Skipped { .. } => prev = None,
        }
    }
    let total: f64 = ids.iter().map(|id| unigram(*id)).sum();
    ev.coverage = if total > 0.0 { covered / total } else { 0.0 };
    let mut run = 0;
    for common in &in_common {
        run = if *common { 0 } else { run + 1 };
        ev.longest_run_missing = ev.longest_run_missing.max(run);
    }
    ev.log2_chance =
        n.log2() + log2_choose(ev.words, ev.common) + log2_choose(ev.passage_words, ev.common)
            - ev.bits;
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binomials() {
        assert_eq!(log2_choose(5, 0), 0.0);
        assert_eq!(log2_choose(5, 5), 0.0);
        assert!((log2_choose(5, 2) - 10f64.log2()).abs() < 1e-9);
        assert!((log2_choose(40, 3) - 9880f64.log2()).abs() < 1e-9);
        assert_eq!(log2_choose(3, 4), 0.0);
    }

    /// The evidence of the best passage for `quote` in `corpus`.
    fn weighed(corpus: &Corpus, quote: &str) -> Evidence {
        let pattern = super::super::Pattern::parse(quote, crate::span::Span::new(0, quote.len()));
        super::super::find(corpus, &pattern, &super::super::MatchOptions::default())
            .into_iter()
            .next()
            .expect("a passage")
            .evidence
    }

    #[test]
    fn a_phrase_the_corpus_repeats_weighs_what_its_first_word_does() {
        let text = "Salvador Allende spoke. Salvador Allende won. Salvador Allende died. \
                    The radio said so. Salvador Allende was president. Allende again.";
        let c = Corpus::from_texts(&[("a", text, crate::text::Format::Text)]);
        let e = weighed(&c, "Salvador Allende");
        // "Allende" after "Salvador" says nothing more.
        assert!(
            (e.bits - word_information(&c, "salvador")).abs() < 1e-9,
            "{e:?}"
        );
        assert!(e.bits < word_information(&c, "salvador") + word_information(&c, "allende") - 1.0);
        assert_eq!(e.common, 2);
        assert_eq!(e.coverage, 1.0);
    }

    #[test]
    fn common_words_in_common_are_chance() {
        let text = "The headquarters of the Presidential Palace was bombed. We saw this a lot in the army.";
        let c = Corpus::from_texts(&[("a", text, crate::text::Format::Text)]);
        let criteria = Criteria::default();
        for quote in ["The House of the Spirits", "a flash in the pan"] {
            let e = weighed(&c, quote);
            assert_ne!(e.judge(&criteria), Judgement::NearMiss, "{quote}: {e:?}");
        }
        // One word of a sentence changed: a misquotation.
        let e = weighed(
            &c,
            "The headquarters of the Presidential Palace was attacked",
        );
        assert_eq!(e.judge(&criteria), Judgement::NearMiss, "{e:?}");
    }

    #[test]
    fn rarer_words_weigh_more() {
        assert!(information(1, 10_000.0) > information(2, 10_000.0));
        assert!(information(2, 10_000.0) > information(500, 10_000.0));
        // Leave one out: a word found only here weighs as one found nowhere.
        assert_eq!(information(1, 10_000.0), information(0, 10_000.0));
    }
}
