//! `citation::unknown`: a citation key, footnote or link that names no
//! source in the corpus.

use crate::attribution::{Credit, CreditKind, Credits};
use crate::config::Settings;
use crate::corpus::Corpus;
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Fix};
use crate::rules;

/// Whether an unresolved credit is worth reporting: keys always; footnotes
/// and links when they are written as references, or when a claim (a
/// quotation or a figure, at `claims`) rests on them.
fn reportable(c: &Credit, claims: &[usize]) -> bool {
    match c.kind {
        CreditKind::Citation => true,
        CreditKind::Footnote | CreditKind::Link => {
            c.reference_like || claims.iter().any(|&at| c.covers(at))
        }
        CreditKind::Attribution => false,
    }
}

/// `claims`: prose offsets of the draft's checked quotations and figures.
pub fn check(
    corpus: &Corpus,
    settings: &Settings,
    credits: &Credits,
    claims: &[usize],
    report: &mut FileReport,
) {
    let Some(severity) = settings.severity(rules::CITATION_UNKNOWN.code) else {
        return;
    };
    for c in credits
        .items
        .iter()
        .filter(|c| !c.resolved() && reportable(c, claims))
    {
        let suggestion = c.suggestion.map(|s| corpus.source(s));
        let (message, label) = match c.kind {
            CreditKind::Citation => (
                format!("citation key `@{}` names no source in the corpus", c.key),
                "no source has this id".to_string(),
            ),
            CreditKind::Footnote if c.detail.is_none() => (
                format!("footnote [^{}] has no definition", c.key),
                "no definition".to_string(),
            ),
            CreditKind::Footnote => (
                format!(
                    "footnote [^{}] names no source in the corpus: “{}”",
                    c.key,
                    c.detail.as_deref().unwrap_or("")
                ),
                "cites no source of the corpus".to_string(),
            ),
            _ => (
                format!("link to {} is no source in the corpus", c.key),
                "no source has this URL".to_string(),
            ),
        };
        let corpus_dir = crate::corpus::display_path(&corpus.dir);
        let mut help = match suggestion {
            Some(s) => format!("did you mean `{}` ({})? ", s.id(), s.citation()),
            None => String::new(),
        };
        help.push_str(&match c.kind {
            CreditKind::Citation => format!(
                "`provlint corpus list` shows the ids in {corpus_dir}/sources.toml; if the source is not in the corpus, add it there"
            ),
            CreditKind::Link => format!(
                "{}link to a source's `url` as {corpus_dir}/sources.toml gives it, or add the page to the corpus",
                if c.reference_like {
                    ""
                } else {
                    "a quotation or figure rests on this link: "
                }
            ),
            _ => format!(
                "name a source of the corpus in the footnote (its citation key `[@id]`, URL, title or author), or add the work to {corpus_dir}/sources.toml"
            ),
        });
        // A mistyped key has one likely fix; it changes what is cited, so
        // it is unsafe.
        let fix = match (c.kind, suggestion) {
            (CreditKind::Citation, Some(s)) => Some(Fix {
                span: c.span,
                replacement: format!("@{}", s.id()),
                applicability: Applicability::Unsafe,
                message: format!("cite `{}`", s.id()),
            }),
            _ => None,
        };
        report.diagnostics.push(Diagnostic {
            code: rules::CITATION_UNKNOWN.code,
            severity,
            message,
            span: c.span,
            label,
            related: Vec::new(),
            help: Some(help),
            diff: None,
            fix,
        });
    }
}
