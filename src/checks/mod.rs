//! The checks: each takes what was extracted from a draft and the corpus, and
//! returns findings. No check reads files or writes output.

pub mod citation;
pub mod date;
pub mod figure;
pub mod provenance;
pub mod quote;

use crate::config::Settings;
use crate::corpus::{Corpus, SourceIdx};
use crate::diagnostic::{FileReport, Related};
use crate::draft::Draft;
use crate::figures::collapse;
use crate::span::{Location, Span, SpanSet};

/// Runs every enabled check on `draft`.
pub fn check(draft: &Draft, corpus: &Corpus, settings: &Settings) -> FileReport {
    let mut report = FileReport {
        path: draft.path.clone(),
        text: draft.text.clone(),
        diagnostics: Vec::new(),
        verified: Vec::new(),
    };
    let credits = crate::attribution::Credits::find(draft, corpus);
    quote::check_credited(draft, corpus, settings, &credits, &mut report);
    date::check(draft, corpus, settings, &mut report);
    let figures = figure::draft_figures(draft, &credits, settings);
    citation::check(corpus, settings, &credits, &mut report);
    figure::check(draft, corpus, settings, &credits, &figures, &mut report);
    provenance::check(draft, corpus, settings, &credits, &mut report);
    crate::suppress::apply(
        &mut report.diagnostics,
        &draft.doc.comments,
        &draft.text,
        &draft.lines,
        settings.severity(crate::rules::SUPPRESSION_UNUSED.code),
    );
    report
        .diagnostics
        .sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.code.cmp(b.code)));
    report
}

/// Evidence from a source: the bytes at `span` of source `idx`.
pub fn related(corpus: &Corpus, idx: SourceIdx, span: Span, message: String) -> Related {
    let source = corpus.source(idx);
    Related {
        source: source.id().to_string(),
        path: corpus.display_path(idx),
        span: Location::resolve(source.text(), source.lines(), span),
        text: source.text()[span.range()].to_string(),
        message,
        citation: source.citation(),
        file_text: source.text().clone(),
    }
}

/// The prose a draft quotes or cites rather than states: its quotations
/// (the quotation rules check those) and its citation brackets and markers.
/// A figure or a copied run there is no claim of the writer's.
pub fn quoted_or_cited(draft: &Draft, credits: &crate::attribution::Credits) -> SpanSet {
    SpanSet::new(
        credits
            .brackets
            .iter()
            .copied()
            .chain(draft.quotations().iter().map(|q| q.prose)),
    )
}

/// What an external credit names, for people: the footnote's work, the
/// reference's number, the link's site, the speaker.
pub fn describe_credit(draft: &Draft, credit: &crate::attribution::Credit) -> String {
    match credit.kind {
        crate::attribution::CreditKind::Footnote => {
            let prose = draft.doc.prose.text();
            let definition: Vec<&str> = draft
                .doc
                .blocks
                .iter()
                .filter(|b| b.footnote.as_deref() == Some(credit.key.as_str()))
                .map(|b| &prose[b.prose.range()])
                .collect();
            let text = collapse(&definition.join(" "));
            if text.is_empty() {
                format!("footnote {}", credit.key)
            } else {
                format!("footnote {} ({})", credit.key, shorten(&text, 80))
            }
        }
        crate::attribution::CreditKind::Marker => format!("reference [{}]", credit.key),
        crate::attribution::CreditKind::Link => {
            let host = credit
                .key
                .split("://")
                .nth(1)
                .and_then(|rest| rest.split(['/', '?', '#']).next())
                .unwrap_or(&credit.key);
            format!("a page of {}", host.trim_start_matches("www."))
        }
        crate::attribution::CreditKind::Attribution | crate::attribution::CreditKind::Citation => {
            let cues = crate::attribution::AttributionRules::built_in();
            let name = collapse(&credit.key);
            let pronoun = |n: &str| {
                let n = n.to_lowercase();
                cues.pronouns.contains(&n) || cues.possessive_pronouns.contains(&n)
            };
            // A name, else the cue as written ("He stated", "As one
            // assessment noted", "His motto").
            let named = name
                .split_whitespace()
                .any(|w| w.starts_with(char::is_uppercase));
            if !named || pronoun(&name) {
                format!("“{}”", collapse(&draft.text[credit.span.range()]))
            } else {
                name
            }
        }
    }
}

/// `text` cut at a word boundary to at most about `max` characters.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for w in text.split(' ') {
        if out.chars().count() + w.chars().count() + 1 > max {
            if out.is_empty() {
                out = w.chars().take(max).collect();
            }
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.push('…');
    out
}
