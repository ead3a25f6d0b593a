//! The default `quote.mismatch_threshold` (0.6) is where it is because of
//! these measurements on the shipped corpus:
//! - quotations from elsewhere (famous lines about politics, armies and
//!   workers, sharing many common words with the corpus) all stay below it,
//!   so they are `quote::unverified`, never taken for misquotations;
//! - sentences of the corpus with up to a third of their words changed all
//!   reach it, so they are `quote::mismatch` and get a diff and a fix;
//! - with half their words changed, most fall below it: past that point a
//!   "closest passage" would be a guess.

use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::matching::{self, Pattern};
use provlint::span::Span;
use std::path::Path;

fn best_similarity(corpus: &Corpus, settings: &Settings, quote: &str) -> f64 {
    let pattern = Pattern::parse(quote, Span::new(0, quote.len()));
    matching::find(corpus, &pattern, &settings.quote.match_options())
        .first()
        .map_or(0.0, |p| p.similarity)
}

/// Sentences of the corpus with 10 to 40 words, as plain words.
fn corpus_sentences(corpus: &Corpus) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for idx in corpus.ids() {
        let text = corpus.text(idx);
        let prose = text.prose();
        for span in text.sentences() {
            let words: Vec<String> = text
                .tokens
                .iter()
                .filter(|t| t.is_word() && span.contains(t.span))
                .map(|t| t.surface(prose))
                .collect();
            if (10..=40).contains(&words.len()) {
                out.push(words);
            }
        }
    }
    out
}

/// Replaces every `step`-th word (starting at `offset`) with a word no
/// source has.
fn change_every(words: &[String], step: usize, offset: usize) -> String {
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i % step == offset {
                format!("quux{i}")
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_default_threshold_separates_misquotations_from_other_quotations() {
    let corpus = Corpus::load(Path::new("corpus")).unwrap();
    let settings = Settings::defaults(Path::new("."));
    let threshold = settings.quote.mismatch_threshold;
    assert_eq!(
        threshold, 0.6,
        "the measurements below justify this default; re-measure if it changes"
    );

    let unrelated: Vec<&str> = include_str!("data/unrelated-quotations.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert!(unrelated.len() >= 40);
    let max_unrelated = unrelated
        .iter()
        .map(|q| (best_similarity(&corpus, &settings, q), *q))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap();
    assert!(
        max_unrelated.0 < threshold,
        "an unrelated quotation reaches the threshold: {:?}",
        max_unrelated
    );

    let sentences = corpus_sentences(&corpus);
    assert!(sentences.len() > 200);
    // A third of the words changed (every third word).
    let (min_third, worst) = sentences
        .iter()
        .map(|w| {
            (
                best_similarity(&corpus, &settings, &change_every(w, 3, 1)),
                change_every(w, 3, 1),
            )
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap();
    eprintln!("worst third-changed: {min_third:.3} {worst}");
    assert!(
        min_third >= threshold,
        "a sentence with a third of its words changed falls below: {min_third}"
    );

    // Half the words changed (every other word): most fall below.
    let half: Vec<f64> = sentences
        .iter()
        .map(|w| best_similarity(&corpus, &settings, &change_every(w, 2, 1)))
        .collect();
    let below = half.iter().filter(|s| **s < threshold).count();
    assert!(
        below * 10 >= half.len() * 9,
        "only {below} of {} half-changed sentences fall below",
        half.len()
    );
    eprintln!(
        "unrelated max {:.3} ({}); a third changed min {:.3}; half changed below threshold {}/{}",
        max_unrelated.0,
        max_unrelated.1,
        min_third,
        below,
        half.len()
    );
}
