//! `provenance::unquoted`: source text reproduced outside quotation marks.
//!
//! The draft's words outside quotations are turned into corpus word ids and
//! slid over: wherever `provenance.min_words` consecutive words occur in the
//! corpus (one suffix-array lookup), the run is extended word by word while
//! it still occurs. No source text is read unless a run is found.

use super::related;
use crate::attribution::{Cover, Credit, Credits};
use crate::config::Settings;
use crate::corpus::{Corpus, SourceIdx, WordPos};
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Fix, Severity};
use crate::draft::Draft;
use crate::span::Span;
use crate::text::Format;
use crate::text::tokenize::{self, Token};
use std::collections::HashMap;
use std::sync::Arc;

/// A run of draft words found verbatim in the corpus.
#[derive(Debug)]
pub struct Run {
    /// Prose span of the run in the draft.
    pub prose: Span,
    pub words: usize,
    /// Where it occurs, in source order.
    pub places: Vec<WordPos>,
}

/// The runs of at least `settings.provenance.min_words` words of `draft`,
/// outside quotations, citation brackets and footnote definitions, that
/// occur in fewer than `boilerplate_sources` sources.
pub fn runs(draft: &Draft, corpus: &Corpus, settings: &Settings, credits: &Credits) -> Vec<Run> {
    let min = settings.provenance.min_words.max(1);
    let prose = draft.doc.prose.text();
    let excluded_spans = super::quoted_or_cited(draft, credits);
    let excluded = |t: &Token| excluded_spans.contains(t.span.start);
    let titles = Titles::of(corpus);
    let index = &corpus.index;
    let mut out = Vec::new();
    for block in &draft.doc.blocks {
        if block.apparatus {
            continue;
        }
        let mut tokens = Vec::new();
        tokenize::tokenize_into(&prose[block.prose.range()], block.prose.start, &mut tokens);
        // Stretches of words with nothing excluded between them.
        let mut stretches: Vec<Vec<&Token>> = vec![Vec::new()];
        for t in &tokens {
            if excluded(t) {
                if !stretches.last().expect("never empty").is_empty() {
                    stretches.push(Vec::new());
                }
            } else if t.is_word() {
                stretches.last_mut().expect("never empty").push(t);
            }
        }
        for words in stretches.iter().filter(|w| w.len() >= min) {
            let ids: Vec<Option<u32>> = words
                .iter()
                .map(|t| index.vocab().id(&t.key(prose)))
                .collect();
            let occurs = |a: usize, b: usize| -> bool {
                ids[a..b]
                    .iter()
                    .copied()
                    .collect::<Option<Vec<u32>>>()
                    .is_some_and(|g| index.count(&g) > 0)
            };
            let mut i = 0;
            while i + min <= words.len() {
                if !occurs(i, i + min) {
                    i += 1;
                    continue;
                }
                let mut j = i + min;
                while j < words.len() && occurs(i, j + 1) {
                    j += 1;
                }
                let gram: Vec<u32> = ids[i..j].iter().map(|x| x.expect("occurs")).collect();
                let mut places = index.occurrences(&gram, 10_000);
                places.sort();
                let mut sources: Vec<SourceIdx> = places.iter().map(|p| p.source).collect();
                sources.dedup();
                let boilerplate = sources.len() >= settings.provenance.boilerplate_sources;
                let a_title = titles.contain(&gram);
                if !boilerplate && !a_title {
                    out.push(Run {
                        prose: Span::new(words[i].span.start, words[j - 1].span.end),
                        words: j - i,
                        places,
                    });
                }
                i = j;
            }
        }
    }
    out
}

/// The sources' titles as corpus word ids, indexed by word (a title
/// written without marks in a reference is not copied text). Built once per
/// corpus.
#[derive(Debug, Default)]
struct Titles {
    titles: Vec<Vec<u32>>,
    /// Word id → (title, position) of each of its places in a title.
    by_word: HashMap<u32, Vec<(usize, usize)>>,
}

impl Titles {
    fn of(corpus: &Corpus) -> Arc<Titles> {
        corpus.derived("provenance-titles", |corpus| {
            let mut t = Titles::default();
            for s in corpus.ids() {
                let title = &corpus.source(s).entry.title;
                let ids: Option<Vec<u32>> = tokenize::tokenize(title)
                    .iter()
                    .filter(|t| t.is_word())
                    .map(|w| corpus.index.vocab().id(&w.key(title)))
                    .collect();
                if let Some(ids) = ids {
                    for (pos, id) in ids.iter().enumerate() {
                        t.by_word
                            .entry(*id)
                            .or_default()
                            .push((t.titles.len(), pos));
                    }
                    t.titles.push(ids);
                }
            }
            t
        })
    }

    /// Whether `run` is part of a title.
    fn contain(&self, run: &[u32]) -> bool {
        let Some(places) = run.first().and_then(|w| self.by_word.get(w)) else {
            return false;
        };
        places
            .iter()
            .any(|&(t, pos)| self.titles[t].get(pos..pos + run.len()) == Some(run))
    }
}

pub fn check(
    draft: &Draft,
    corpus: &Corpus,
    settings: &Settings,
    credits: &Credits,
    report: &mut FileReport,
) {
    let Some(severity) = settings.severity(rules_code()) else {
        return;
    };
    for run in runs(draft, corpus, settings, credits) {
        report
            .diagnostics
            .push(diagnostic(draft, corpus, credits, &run, severity));
    }
}

fn rules_code() -> &'static str {
    crate::rules::PROVENANCE_UNQUOTED.code
}

fn diagnostic(
    draft: &Draft,
    corpus: &Corpus,
    credits: &Credits,
    run: &Run,
    severity: Severity,
) -> Diagnostic {
    let cover = credits.covering(run.prose.start);
    // Credited to a work outside the corpus and to no corpus source: most
    // likely the draft and the source copy a third text (a speech, a report)
    // that the draft names. Weak evidence of copying from the source: a
    // note, not a warning. (A speaker alone, "historians argued", names no
    // text to copy from.)
    let outside = outside_work(draft, &cover);
    let severity = if outside.is_some() {
        severity.min(Severity::Info)
    } else {
        severity
    };
    // The place to show: in a credited source if the run is there.
    let place = run
        .places
        .iter()
        .find(|p| cover.sources.contains(&p.source))
        .unwrap_or(&run.places[0]);
    let credited = cover.sources.contains(&place.source);
    let id = corpus.source(place.source).id().to_string();
    let end = place.word + run.words as u32;
    let text = corpus.passage(place.source, place.word, end);
    let a = text.word(place.word as usize).span.start;
    let b = text.word(end as usize - 1).span.end;
    let passage = text.to_original(Span::new(a, b));
    let mut sources: Vec<&str> = run
        .places
        .iter()
        .map(|p| corpus.source(p.source).id())
        .collect();
    sources.dedup();
    let evidence = related(
        corpus,
        place.source,
        passage,
        format!("the same {} words in {id}", run.words),
    );
    let span = draft.doc.prose.to_original(run.prose);
    let (open, close) = if draft.text.contains('“') {
        ("“", "”")
    } else {
        ("\"", "\"")
    };
    let quoted = format!("{open}{}{close}", &draft.text[span.range()]);
    let (message, label, help, fix) = if credited {
        (
            format!(
                "{} words copied from {id} without quotation marks",
                run.words
            ),
            format!("{id}'s words, unquoted"),
            format!(
                "the credit here names {id}, and these are its very words: put them in quotation marks, or say it in your own words"
            ),
            Fix {
                span,
                replacement: quoted,
                applicability: Applicability::Safe,
                message: "put the copied words in quotation marks".to_string(),
            },
        )
    } else {
        let credited_else = if let Some(work) = outside {
            format!(
                " (the credit here names {}, a work outside the corpus)",
                super::describe_credit(draft, work)
            )
        } else if cover.sources.is_empty() {
            String::new()
        } else {
            let others: Vec<&str> = cover
                .sources
                .iter()
                .map(|s| corpus.source(*s).id())
                .collect();
            format!(
                " (the credit here names {}, not {id})",
                others.join(" and ")
            )
        };
        let citation = if draft.format == Format::Markdown {
            format!(" [@{id}]")
        } else {
            String::new()
        };
        let external = outside.is_some();
        (
            if external {
                format!(
                    "{} words of {} reproduced without quotation marks, credited to a work outside the corpus",
                    run.words,
                    sources.join(" and ")
                )
            } else {
                format!(
                    "{} words of {} reproduced uncredited, without quotation marks",
                    run.words,
                    sources.join(" and ")
                )
            },
            if external {
                "source text, unquoted"
            } else {
                "uncredited source text"
            }
            .to_string(),
            format!(
                "these words are {}'s{credited_else}: quote and cite them, or say it in your own words",
                sources.join("'s and ")
            ),
            Fix {
                span,
                replacement: format!("{quoted}{citation}"),
                applicability: Applicability::Unsafe,
                message: format!("quote the words and cite {id}"),
            },
        )
    };
    Diagnostic {
        code: rules_code(),
        severity,
        message,
        span,
        label,
        related: vec![evidence],
        help: Some(help),
        diff: None,
        fix: Some(fix),
    }
}

/// The work outside the corpus that `cover` credits, when it credits no
/// corpus source: a footnote, a reference, a link, or an attribution naming
/// a record or an outlet (as for `quote::external`).
fn outside_work<'c>(draft: &Draft, cover: &'c Cover) -> Option<&'c Credit> {
    if !cover.sources.is_empty() {
        return None;
    }
    super::quote::outside(draft, cover).next()
}
