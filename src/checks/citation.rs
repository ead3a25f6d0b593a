//! `citation::unknown`: a citation that claims a corpus source and resolves
//! to none; `citation::undefined-footnote`: a footnote reference with no
//! definition.
//!
//! A credit that names a work outside the corpus (a footnote citing
//! Britannica, a link to a newspaper, a `[3]` marker) is not reported: it is
//! a credit, and what it covers is attributed.

use crate::attribution::{Credit, CreditKind, Credits};
use crate::config::Settings;
use crate::corpus::Corpus;
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Fix};
use crate::rules;

pub fn check(corpus: &Corpus, settings: &Settings, credits: &Credits, report: &mut FileReport) {
    if let Some(severity) = settings.severity(rules::CITATION_UNKNOWN.code) {
        for c in credits
            .items
            .iter()
            .filter(|c| !c.resolved() && c.claims_corpus)
        {
            report.diagnostics.push(unknown(corpus, c, severity));
        }
    }
    if let Some(severity) = settings.severity(rules::CITATION_UNDEFINED_FOOTNOTE.code) {
        for c in credits.items.iter().filter(|c| c.is_undefined_footnote()) {
            report.diagnostics.push(Diagnostic {
                code: rules::CITATION_UNDEFINED_FOOTNOTE.code,
                severity,
                message: format!("footnote [^{}] has no definition", c.key),
                span: c.span,
                label: "no definition".to_string(),
                related: Vec::new(),
                help: Some(format!(
                    "add its definition (`[^{}]: Author, Title, Publication, year.`), or fix the label",
                    c.key
                )),
                diff: None,
                fix: None,
            });
        }
    }
}

fn unknown(corpus: &Corpus, c: &Credit, severity: crate::diagnostic::Severity) -> Diagnostic {
    let suggestion = c.suggestion.map(|s| corpus.source(s));
    let corpus_dir = crate::paths::display_path(&corpus.dir);
    let (message, label) = match c.kind {
        CreditKind::Citation => (
            format!("citation key `@{}` names no source in the corpus", c.key),
            "no source has this id".to_string(),
        ),
        _ => (
            format!(
                "footnote [^{}] nearly names {} but does not identify it: “{}”",
                c.key,
                suggestion.map_or("a corpus source", |s| s.id()),
                c.detail.as_deref().unwrap_or("")
            ),
            "names no source of the corpus exactly".to_string(),
        ),
    };
    let mut help = match suggestion {
        Some(s) => format!("did you mean `{}` ({})? ", s.id(), s.citation()),
        None => String::new(),
    };
    help.push_str(&match c.kind {
        CreditKind::Citation => format!(
            "`provlint corpus list` shows the ids in {corpus_dir}/sources.toml; if the source is not in the corpus, add it there"
        ),
        _ => format!(
            "give the source's title as {corpus_dir}/sources.toml has it (with its author or publication), its URL or its key `[@id]`; if you cite another work, it is not this one"
        ),
    });
    // A mistyped key has one likely fix; it changes what is cited, so it is
    // unsafe.
    let fix = match (c.kind, suggestion) {
        (CreditKind::Citation, Some(s)) => Some(Fix {
            span: c.span,
            replacement: format!("@{}", s.id()),
            applicability: Applicability::Unsafe,
            message: format!("cite `{}`", s.id()),
        }),
        _ => None,
    };
    Diagnostic {
        code: rules::CITATION_UNKNOWN.code,
        severity,
        message,
        span: c.span,
        label,
        related: Vec::new(),
        help: Some(help),
        diff: None,
        fix,
    }
}
