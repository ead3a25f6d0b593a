//! `figure::unattributed`, `figure::wrong-source` and `figure::conflict`:
//! every figure of a draft (outside quotations) checked against its credit
//! and against the figures the corpus states.

use super::related;
use crate::attribution::{Cover, CreditKind, Credits};
use crate::config::Settings;
use crate::corpus::{Corpus, SourceIdx};
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Fix, Related, Severity};
use crate::draft::Draft;
use crate::figures::index::{CorpusFigures, FigRef};
use crate::figures::{self, Figure, FigureRules, collapse, compare};
use crate::rules;
use crate::span::Span;
use crate::text::Format;

/// The figures of a draft that the figure checks look at: outside
/// quotations (the quotation check covers those), citation brackets and
/// footnote definitions (which are references, not claims).
pub fn draft_figures(draft: &Draft, credits: &Credits, settings: &Settings) -> Vec<Figure> {
    let doc = &draft.doc;
    // The reference apparatus has no sentences.
    let sentences = doc.sentences();
    let quotations = draft.quotations();
    figures::extract_grouped(
        doc.prose.text(),
        &sentences,
        FigureRules::built_in(),
        settings.figures.min_count,
    )
    .into_iter()
    .filter(|f| {
        !credits.in_brackets(f.span.start)
            && !quotations
                .iter()
                .any(|q| q.prose.start <= f.span.start && f.span.start < q.prose.end)
    })
    .collect()
}

/// A corpus figure as evidence: its statement in its source.
fn evidence(
    corpus: &Corpus,
    figs: &CorpusFigures,
    r: FigRef,
    message: impl FnOnce(&str) -> String,
) -> Related {
    let f = figs.figure(r);
    let span = match &f.in_source {
        Some(at) => at.statement,
        None => corpus.text(r.source).doc.prose.to_original(f.statement),
    };
    let said = collapse(&corpus.source(r.source).text()[span.range()]);
    related(corpus, r.source, span, message(&said))
}

/// "flakin-2019, line 12: massacred 3,000 leftists".
fn cite_line(r: &Related) -> String {
    format!("{}, line {}: {}", r.source, r.span.line, collapse(&r.text))
}

/// Where a citation for the figure would go: before its sentence's final
/// punctuation.
fn citation_point(draft: &Draft, f: &Figure) -> Option<usize> {
    let prose = draft.doc.prose.text();
    let (_, s) = draft
        .doc
        .sentences()
        .into_iter()
        .find(|(_, s)| s.start <= f.span.start && f.span.start < s.end)?;
    let text = &prose[s.range()];
    let body = text.trim_end_matches(|c: char| {
        matches!(
            c,
            '.' | '!' | '?' | '”' | '’' | '"' | '\'' | ')' | ':' | ';'
        )
    });
    let at = s.start + body.len();
    Some(draft.doc.prose.to_original(Span::new(at, at)).start)
}

pub fn check(
    draft: &Draft,
    corpus: &Corpus,
    settings: &Settings,
    credits: &Credits,
    figures: &[Figure],
    report: &mut FileReport,
) {
    let unattributed = settings.severity(rules::FIGURE_UNATTRIBUTED.code);
    let wrong_source = settings.severity(rules::FIGURE_WRONG_SOURCE.code);
    let conflict = settings.severity(rules::FIGURE_CONFLICT.code);
    if unattributed.is_none() && wrong_source.is_none() && conflict.is_none() {
        return;
    }
    let figs = CorpusFigures::of(corpus);
    let min_count = settings.figures.min_count;
    let is_figure = |r: &FigRef| figures::is_figure(figs.figure(*r), min_count);
    for f in figures {
        let cover = credits.covering(f.span.start);
        let mut stated_by_credit = false;
        let mut reported_wrong_source = false;
        if cover.is_empty() {
            if let Some(severity) = unattributed {
                report.diagnostics.push(unattributed_diagnostic(
                    draft, corpus, &figs, f, min_count, severity,
                ));
            }
        } else if !cover.sources.is_empty() {
            let stating: Vec<FigRef> = figs
                .agreeing_in(f, &cover.sources)
                .into_iter()
                .filter(|r| {
                    let c = figs.figure(*r);
                    compare::states(c, f) && compare::compatible(f, c)
                })
                .collect();
            stated_by_credit = !stating.is_empty();
            if !stated_by_credit {
                if let Some(severity) = wrong_source {
                    reported_wrong_source = true;
                    report.diagnostics.push(wrong_source_diagnostic(
                        draft, corpus, &figs, f, &cover, min_count, severity,
                    ));
                }
            }
        }
        if stated_by_credit || reported_wrong_source || f.vague.is_some() {
            continue;
        }
        if let Some(severity) = conflict {
            let same: Vec<(FigRef, u32)> = figs
                .same_quantity(f)
                .into_iter()
                .filter(|(r, _)| figs.figure(*r).vague.is_none() && is_figure(r))
                .collect();
            if !same.is_empty() && !same.iter().any(|(r, _)| compare::agree(f, figs.figure(*r))) {
                report.diagnostics.push(conflict_diagnostic(
                    draft, corpus, &figs, f, &same, severity,
                ));
            }
        }
    }
}

fn unattributed_diagnostic(
    draft: &Draft,
    corpus: &Corpus,
    figs: &CorpusFigures,
    f: &Figure,
    min_count: f64,
    severity: Severity,
) -> Diagnostic {
    let prose = draft.doc.prose.text();
    let what = f.describe_phrase(prose);
    let stating: Vec<(FigRef, u32)> = figs
        .stating(f)
        .into_iter()
        .filter(|(r, _)| figures::is_figure(figs.figure(*r), min_count))
        .collect();
    let mut related_items = Vec::new();
    let mut fix = None;
    let help = match stating.first() {
        Some((r, _)) => {
            let e = evidence(corpus, figs, *r, |said| format!("states it: {said}"));
            let line = cite_line(&e);
            let id = e.source.clone();
            related_items.push(e);
            if draft.format == Format::Markdown {
                if let Some(at) = citation_point(draft, f) {
                    fix = Some(Fix {
                        span: Span::new(at, at),
                        replacement: format!(" [@{id}]"),
                        applicability: Applicability::Unsafe,
                        message: format!("cite {id}"),
                    });
                }
            }
            let others: Vec<String> = stating[1..]
                .iter()
                .map(|(r, _)| corpus.source(r.source).id().to_string())
                .filter(|s| *s != id)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let also = match others.len() {
                0 => String::new(),
                1 => format!(" ({} also states it)", others[0]),
                _ => format!(" ({} also state it)", others.join(" and ")),
            };
            format!(
                "the corpus states it: {line}{also}. Cite it where the figure is: [@{id}], a footnote, or “according to …”"
            )
        }
        None => "no source in the corpus states it: cite where it comes from ([@id], a footnote, or “according to …”), or add that source to the corpus".to_string(),
    };
    Diagnostic {
        code: rules::FIGURE_UNATTRIBUTED.code,
        severity,
        message: format!("figure “{what}” is credited to no source"),
        span: draft.doc.prose.to_original(f.span),
        label: "no citation or attribution covers this".to_string(),
        related: related_items,
        help: Some(help),
        diff: None,
        fix,
    }
}

fn wrong_source_diagnostic(
    draft: &Draft,
    corpus: &Corpus,
    figs: &CorpusFigures,
    f: &Figure,
    cover: &Cover,
    min_count: f64,
    severity: Severity,
) -> Diagnostic {
    let prose = draft.doc.prose.text();
    let what = f.describe_phrase(prose);
    let credited: Vec<&str> = cover
        .sources
        .iter()
        .map(|s| corpus.source(*s).id())
        .collect();
    let credited_list = credited.join(" and ");
    let mut related_items = Vec::new();
    // What the credited source says of the same thing.
    let said: Vec<(FigRef, u32)> = figs
        .same_quantity(f)
        .into_iter()
        .filter(|(r, _)| {
            cover.sources.contains(&r.source) && figures::is_figure(figs.figure(*r), min_count)
        })
        .collect();
    let mut says = String::new();
    if let Some((r, _)) = said.first() {
        let e = evidence(corpus, figs, *r, |s| {
            format!("what {} says: {s}", corpus.source(r.source).id())
        });
        says = format!("; it says “{}”", collapse(&e.text));
        related_items.push(e);
    }
    // Who does state it.
    let stating: Vec<(FigRef, u32)> = figs
        .stating(f)
        .into_iter()
        .filter(|(r, _)| figures::is_figure(figs.figure(*r), min_count))
        .collect();
    let mut help = String::new();
    let mut right: Vec<SourceIdx> = stating.iter().map(|(r, _)| r.source).collect();
    right.sort();
    right.dedup();
    if let Some((r, _)) = stating.first() {
        let e = evidence(corpus, figs, *r, |s| format!("states it: {s}"));
        help.push_str(&format!("the corpus states it: {}. ", cite_line(&e)));
        related_items.push(e);
    }
    help.push_str(&format!(
        "Cite the source the figure comes from, or give the figure {credited_list} gives"
    ));
    let credit = cover.main(f.span.start);
    let fix = match (credit, right.as_slice()) {
        (Some(c), [r]) if c.kind == CreditKind::Citation && cover.credits.len() == 1 => Some(Fix {
            span: c.span,
            replacement: format!("@{}", corpus.source(*r).id()),
            applicability: Applicability::Unsafe,
            message: format!("cite {}", corpus.source(*r).id()),
        }),
        _ => None,
    };
    Diagnostic {
        code: rules::FIGURE_WRONG_SOURCE.code,
        severity,
        message: if said.is_empty() {
            format!("figure “{what}” is credited to {credited_list}, which states no such figure")
        } else {
            format!("figure “{what}” is credited to {credited_list}, which does not state it{says}")
        },
        span: draft.doc.prose.to_original(f.span),
        label: format!("not in {credited_list}"),
        related: related_items,
        help: Some(help),
        diff: None,
        fix,
    }
}

fn conflict_diagnostic(
    draft: &Draft,
    corpus: &Corpus,
    figs: &CorpusFigures,
    f: &Figure,
    same: &[(FigRef, u32)],
    severity: Severity,
) -> Diagnostic {
    let prose = draft.doc.prose.text();
    let what = f.describe_phrase(prose);
    // The surest matches, and those nearly as sure.
    let best = same[0].1;
    let shown: Vec<FigRef> = same
        .iter()
        .filter(|(_, score)| 2 * score >= best)
        .map(|(r, _)| *r)
        .take(3)
        .collect();
    let mut gives: Vec<String> = Vec::new();
    let mut related_items = Vec::new();
    for r in &shown {
        let c = figs.figure(*r);
        let value = match &c.in_source {
            Some(at) => at.written.clone(),
            None => c.describe(corpus.text(r.source).prose()),
        };
        let id = corpus.source(r.source).id();
        gives.push(format!("{value} ({id})"));
        related_items.push(evidence(corpus, figs, *r, |s| {
            format!("{id} gives {value}: {s}")
        }));
    }
    Diagnostic {
        code: rules::FIGURE_CONFLICT.code,
        severity,
        message: format!(
            "figure “{what}” disagrees with the corpus, which gives {}",
            gives.join(" and ")
        ),
        span: draft.doc.prose.to_original(f.span),
        label: format!("{} here", f.describe(prose)),
        related: related_items,
        help: Some(
            "check the figure against the sources; if the sources disagree with each other, say which one you follow and why".to_string(),
        ),
        diff: None,
        fix: None,
    }
}
