//! Properties of the quotation check over the whole shipped corpus:
//! - every sentence of every source, quoted in a draft, verifies;
//! - the same sentence with one word changed, dropped or added is a
//!   `quote::mismatch` that points at that sentence (a sentence under eight
//!   words only when a rare word is left in common: see tests/thresholds.rs).

use proptest::prelude::*;
use provlint::config::Settings;
use provlint::corpus::{Corpus, SourceIdx};
use provlint::draft::Draft;
use provlint::matching;
use provlint::span::Span;
use provlint::text::Format;
use std::path::Path;
use std::sync::OnceLock;

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| Corpus::load(Path::new("corpus")).expect("the shipped corpus loads"))
}

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings::defaults(Path::new(".")))
}

/// A sentence of a source: its words as the source has them, and where it is.
#[derive(Clone, Debug)]
struct Sentence {
    source: SourceIdx,
    /// Span in the source file's original bytes.
    span: Span,
    /// Each word with the text that follows it up to the next word
    /// (punctuation, a space).
    words: Vec<(String, String)>,
}

impl Sentence {
    fn quote(&self) -> String {
        let mut s = String::new();
        for (w, after) in &self.words {
            s.push_str(w);
            s.push_str(after);
        }
        s.trim_end().to_string()
    }
}

/// Every sentence of five words or more that can be quoted as it is: no
/// square brackets or ellipses of the source's own (a draft would read them
/// as editorial marks).
fn sentences() -> &'static [Sentence] {
    static SENTENCES: OnceLock<Vec<Sentence>> = OnceLock::new();
    SENTENCES.get_or_init(|| {
        let corpus = corpus();
        let mut out = Vec::new();
        for idx in corpus.ids() {
            let text = corpus.text(idx);
            let prose = text.prose();
            for span in text.sentences() {
                let body = &prose[span.range()];
                if body.contains(['[', ']', '…'])
                    || body.contains("..")
                    || body.contains('\u{FFFC}')
                {
                    continue;
                }
                let words: Vec<_> = text
                    .tokens
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.is_word() && span.contains(t.span))
                    .collect();
                if words.len() < 5 || words.len() > 120 {
                    continue;
                }
                let mut ws = Vec::new();
                for (n, (_, t)) in words.iter().enumerate() {
                    // The text between this word and the next, with line
                    // breaks and runs of space collapsed; double quotation
                    // marks become single ones inside the draft's.
                    let end = words
                        .get(n + 1)
                        .map_or(t.span.end, |(_, next)| next.span.start);
                    let mut after: String = prose[t.span.end..end]
                        .chars()
                        .map(|c| match c {
                            '“' => '‘',
                            '”' => '’',
                            '"' => '\'',
                            c if c.is_whitespace() => ' ',
                            c => c,
                        })
                        .collect();
                    while after.contains("  ") {
                        after = after.replace("  ", " ");
                    }
                    ws.push((t.surface(prose), after));
                }
                out.push(Sentence {
                    source: idx,
                    span: text.doc.prose.to_original(span),
                    words: ws,
                });
            }
        }
        out
    })
}

fn check(quote: &str) -> provlint::diagnostic::FileReport {
    // A plain-text draft, so nothing in the source's words reads as Markdown.
    let draft = Draft::new(
        "draft.txt",
        format!("As the source has it, “{quote}” and so on.\n"),
        Format::Text,
    );
    provlint::checks::check(&draft, corpus(), settings())
}

/// Whether the draft reads `quote` as a quotation to verify: a sentence in
/// Title Case (a byline, "Rita Singer February 3, 2023") is a name.
fn to_verify(quote: &str) -> bool {
    let draft = Draft::new("draft.txt", format!("“{quote}”"), Format::Text);
    draft
        .quotations()
        .iter()
        .any(|q| q.not_a_quotation.is_none())
}

#[test]
fn every_sentence_of_every_source_verifies() {
    let all = sentences();
    assert!(all.len() > 300, "only {} sentences", all.len());
    let mut failures = Vec::new();
    for s in all {
        let quote = s.quote();
        if !to_verify(&quote) {
            continue;
        }
        let report = check(&quote);
        if !report.diagnostics.is_empty() || report.verified.len() != 1 {
            failures.push(format!("{}: {quote}", corpus().source(s.source).id()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} sentences did not verify:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// The words of a text, normalized, without punctuation or markup.
fn words_of(text: &str) -> Vec<String> {
    provlint::text::tokenize::tokenize(text)
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.key(text))
        .collect()
}

#[derive(Clone, Copy, Debug)]
enum Edit {
    Change,
    Drop,
    Add,
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES=5000 for a longer run.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn one_word_changed_dropped_or_added_is_a_mismatch_at_that_sentence(
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        edit in prop_oneof![Just(Edit::Change), Just(Edit::Drop), Just(Edit::Add)],
    ) {
        let s = pick.get(sentences());
        let mut words = s.words.clone();
        let n = words.len();
        match edit {
            Edit::Change => {
                let i = at.index(n);
                words[i].0 = "zebrafish".to_string();
            }
            // Dropping the first or last word leaves a verbatim part of the
            // sentence, which is no misquotation: drop one inside.
            Edit::Drop => {
                let i = 1 + at.index(n - 2);
                words.remove(i);
            }
            Edit::Add => {
                let i = at.index(n);
                words.insert(i, ("zebrafish".to_string(), " ".to_string()));
            }
        }
        let mutated = Sentence { words, ..s.clone() };
        let quote = mutated.quote();
        // A byline with a word dropped is still a name.
        if !to_verify(&quote) {
            return Ok(());
        }
        let report = check(&quote);
        // A short quotation is compared only when a rare word is left in
        // common (`matching::evidence::Criteria`, measured in
        // tests/thresholds.rs): five words of common English one word away
        // from a source's are no evidence of quoting it.
        let criteria = settings().quote.criteria();
        let rare_left = mutated.words.iter().any(|(w, _)| {
            w != "zebrafish"
                && matching::evidence::word_information(corpus(), &words_of(w).concat())
                    >= criteria.short_rare_bits
        });
        if mutated.words.len() < criteria.short_words && !rare_left {
            let codes: Vec<_> = report.diagnostics.iter().map(|d| d.code).filter(|c| c.starts_with("quote::")).collect();
            prop_assert!(codes.is_empty() || codes == vec!["quote::unverified"], "{:?} of {}: {:?}", edit, quote, codes);
            return Ok(());
        }
        // The quotation rules only: an edit can also make a date rule speak
        // (a changed year leaves "Monday 15 September" to take the
        // sentence's, and that day was a Saturday).
        let quote_findings: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("quote::"))
            .collect();
        let codes: Vec<_> = quote_findings.iter().map(|d| d.code).collect();
        prop_assert_eq!(codes, vec!["quote::mismatch"], "{:?} of {}", edit, quote);
        let related = &quote_findings[0].related[0];
        let source = corpus().source(s.source);
        // It points at the sentence (or at the same words elsewhere: a
        // source may repeat itself).
        let at_sentence = related.source == source.id() && related.span.span().overlaps(s.span);
        let same_words = words_of(&related.text) == words_of(&source.text()[s.span.range()]);
        prop_assert!(at_sentence || same_words, "{:?} of {} points at {}:{} {:?}", edit, quote, related.source, related.span.line, related.text);
    }
}
