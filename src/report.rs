//! `provlint report`: a summary per draft — quotations verified, findings by
//! rule — in human and JSON form.
//!
//! Each rule family has a section of counts, a function in [`SECTIONS`]
//! (`figures: 12 found, 10 attributed, ...`); both forms show them all.

use crate::config::Settings;
use crate::corpus::Corpus;
use crate::diagnostic::FileReport;
use crate::draft::Draft;
use crate::extract::{self, Item, ItemKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts for one rule family in one draft, in the order people read them.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// The family (`quote`), the key in JSON.
    pub family: &'static str,
    /// What is counted, plural (`quotations`).
    pub title: &'static str,
    pub counts: Vec<(&'static str, usize)>,
}

/// A section builder: what the draft holds (`provlint extract`'s items) and
/// its report (after suppressions).
pub type SectionFn = fn(&[Item], &FileReport) -> Section;

/// Every family's section, in order.
pub static SECTIONS: &[SectionFn] = &[quotations, dates, figures, citations];

fn count(report: &FileReport, code: &str) -> usize {
    report.diagnostics.iter().filter(|d| d.code == code).count()
}

/// Quotations: found, checked, verified, mismatched, unverified, credited
/// outside the corpus, and the rest (checked but suppressed, or their rule
/// off).
fn quotations(items: &[Item], report: &FileReport) -> Section {
    let quotes: Vec<_> = items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Quotation(q) => Some(q),
            _ => None,
        })
        .collect();
    let checked = quotes.iter().filter(|q| q.checked).count();
    let verified = report.verified.len();
    let mismatched = count(report, crate::rules::QUOTE_MISMATCH.code);
    let unverified = count(report, crate::rules::QUOTE_UNVERIFIED.code);
    let external = count(report, crate::rules::QUOTE_EXTERNAL.code);
    Section {
        family: "quote",
        title: "quotations",
        counts: vec![
            ("found", quotes.len()),
            ("checked", checked),
            ("verified", verified),
            ("mismatched", mismatched),
            ("unverified", unverified),
            ("external", external),
            (
                "wrong source",
                count(report, crate::rules::QUOTE_WRONG_SOURCE.code),
            ),
            (
                "suppressed",
                checked.saturating_sub(verified + mismatched + unverified + external),
            ),
        ],
    }
}

/// Dates: found, dating an event, and the conflicts still open.
fn dates(items: &[Item], report: &FileReport) -> Section {
    let dates: Vec<_> = items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Date(d) => Some(d),
            _ => None,
        })
        .collect();
    Section {
        family: "date",
        title: "dates",
        counts: vec![
            ("found", dates.len()),
            (
                "dating an event",
                dates.iter().filter(|d| !d.claims.is_empty()).count(),
            ),
            (
                "in conflict",
                count(report, crate::rules::DATE_CONFLICT.code),
            ),
            ("disputed", count(report, crate::rules::DATE_DISPUTED.code)),
            (
                "other problems",
                count(report, crate::rules::DATE_INVALID.code)
                    + count(report, crate::rules::DATE_WEEKDAY.code)
                    + count(report, crate::rules::DATE_ANNIVERSARY.code),
            ),
        ],
    }
}

/// Figures: found, attributed, and the ones a check reports.
fn figures(items: &[Item], report: &FileReport) -> Section {
    let figures: Vec<_> = items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Figure(f) => Some(f),
            _ => None,
        })
        .collect();
    Section {
        family: "figure",
        title: "figures",
        counts: vec![
            ("found", figures.len()),
            (
                "attributed",
                figures.iter().filter(|f| f.credit.is_some()).count(),
            ),
            (
                "unattributed",
                count(report, crate::rules::FIGURE_UNATTRIBUTED.code),
            ),
            (
                "wrong source",
                count(report, crate::rules::FIGURE_WRONG_SOURCE.code),
            ),
            (
                "in conflict",
                count(report, crate::rules::FIGURE_CONFLICT.code),
            ),
        ],
    }
}

/// Citations and attributions: found, resolved to a source, unknown; and
/// source text copied without quotation marks.
fn citations(items: &[Item], report: &FileReport) -> Section {
    let citations: Vec<_> = items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Citation(c) => Some(c),
            _ => None,
        })
        .collect();
    Section {
        family: "citation",
        title: "citations",
        counts: vec![
            ("found", citations.len()),
            (
                "resolved",
                citations.iter().filter(|c| c.source.is_some()).count(),
            ),
            (
                "unknown",
                count(report, crate::rules::CITATION_UNKNOWN.code),
            ),
            (
                "copied passages",
                count(report, crate::rules::PROVENANCE_UNQUOTED.code),
            ),
        ],
    }
}

/// One draft's summary.
#[derive(Clone, Debug)]
pub struct DraftSummary {
    pub path: String,
    pub sections: Vec<Section>,
    /// Findings by rule code (after suppressions).
    pub findings: BTreeMap<&'static str, usize>,
}

pub fn summarize(
    draft: &Draft,
    report: &FileReport,
    settings: &Settings,
    corpus: &Corpus,
) -> DraftSummary {
    let items = extract::extract(draft, settings, corpus);
    let mut findings = BTreeMap::new();
    for d in &report.diagnostics {
        *findings.entry(d.code).or_insert(0) += 1;
    }
    DraftSummary {
        path: report.path.clone(),
        sections: SECTIONS.iter().map(|f| f(&items, report)).collect(),
        findings,
    }
}

/// The totals over every draft, as one more summary named `total`.
pub fn total(drafts: &[DraftSummary]) -> DraftSummary {
    let mut out = DraftSummary {
        path: "total".to_string(),
        sections: Vec::new(),
        findings: BTreeMap::new(),
    };
    for d in drafts {
        for s in &d.sections {
            match out.sections.iter_mut().find(|t| t.family == s.family) {
                Some(t) => {
                    for (tc, sc) in t.counts.iter_mut().zip(&s.counts) {
                        tc.1 += sc.1;
                    }
                }
                None => out.sections.push(s.clone()),
            }
        }
        for (code, n) in &d.findings {
            *out.findings.entry(code).or_insert(0) += n;
        }
    }
    out
}

fn human_one(d: &DraftSummary, out: &mut String) {
    out.push_str(&d.path);
    out.push('\n');
    for s in &d.sections {
        let counts: Vec<String> = s.counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
        out.push_str(&format!(
            "  {:<12} {}\n",
            format!("{}:", s.title),
            counts.join(", ")
        ));
    }
    let findings = if d.findings.is_empty() {
        "none".to_string()
    } else {
        d.findings
            .iter()
            .map(|(c, n)| format!("{n} {c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!("  {:<12} {findings}\n", "findings:"));
}

/// The human form: a block a draft, then the totals when there are several.
pub fn render_human(drafts: &[DraftSummary]) -> String {
    let mut out = String::new();
    for d in drafts {
        human_one(d, &mut out);
    }
    if drafts.len() > 1 {
        let mut t = total(drafts);
        t.path = format!("total ({} drafts)", drafts.len());
        human_one(&t, &mut out);
    }
    out
}

#[derive(Serialize)]
struct JsonDraft<'a> {
    path: &'a str,
    #[serde(flatten)]
    sections: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
    findings: &'a BTreeMap<&'static str, usize>,
}

fn json_one(d: &DraftSummary) -> JsonDraft<'_> {
    JsonDraft {
        path: &d.path,
        sections: d
            .sections
            .iter()
            .map(|s| (s.family, s.counts.iter().copied().collect()))
            .collect(),
        findings: &d.findings,
    }
}

/// `{"version":1,"drafts":[{"path":…,"quote":{…},"findings":{…}}],"total":{…}}`.
pub fn render_json(drafts: &[DraftSummary]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        version: u32,
        drafts: Vec<JsonDraft<'a>>,
        total: JsonDraft<'a>,
    }
    let total = total(drafts);
    let doc = Doc {
        version: crate::render::json::VERSION,
        drafts: drafts.iter().map(json_one).collect(),
        total: json_one(&total),
    };
    serde_json::to_string_pretty(&doc).expect("report serializes") + "\n"
}
