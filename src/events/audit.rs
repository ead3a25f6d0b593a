//! `provlint corpus audit`: the events whose sources disagree on the date,
//! with the spans and dates on each side, so an editor can see the corpus's
//! weak points. With `--all`, every dated claim the corpus makes.

use super::Catalog;
use super::corpus::{ClaimRef, CorpusDates, Dispute, Readings};
use crate::corpus::{Corpus, SourceIdx};
use crate::span::{Location, Span};
use serde::Serialize;
use std::sync::Arc;

/// One claim of a source, as reported.
#[derive(Clone, Debug, Serialize)]
pub struct AuditClaim {
    pub source: String,
    pub path: String,
    /// The date expression.
    pub date_span: Location,
    /// The event's phrase and the date.
    pub span: Location,
    /// The source's text at `span`.
    pub text: String,
    /// The date claimed (normalised).
    pub value: String,
    pub description: String,
    /// The text gives no year: it is the one the other claims agree on.
    pub year_from_corpus: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct AuditSide {
    pub value: String,
    pub description: String,
    /// Distinct sources on this side.
    pub sources: Vec<String>,
    pub claims: Vec<AuditClaim>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AuditEvent {
    pub event: String,
    pub label: String,
    /// Two or more when the sources disagree.
    pub sides: Vec<AuditSide>,
    /// Claims that agree with every side.
    pub neutral: Vec<AuditClaim>,
    /// Sources on more than one side.
    pub self_contradicting: Vec<String>,
    /// Every claim, in corpus order (only with `--all`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<AuditClaim>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    pub version: u32,
    pub corpus: String,
    /// The events whose sources disagree.
    pub disputes: Vec<AuditEvent>,
    /// Every event the corpus dates (only with `--all`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<AuditEvent>>,
    pub summary: AuditSummary,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct AuditSummary {
    pub sources: usize,
    pub catalog_events: usize,
    pub dated_events: usize,
    pub claims: usize,
    pub disputes: usize,
}

/// Every event whose sources disagree on its date, in catalog order.
pub fn disputes(corpus: &Corpus, catalog: &Catalog) -> (Arc<CorpusDates>, Vec<Dispute>) {
    let dates = catalog.corpus_dates(corpus);
    let disputes = (0..catalog.events.len())
        .map(|event| Dispute {
            event,
            readings: dates.readings(event).clone(),
        })
        .filter(|d| d.readings.disputed())
        .collect();
    (dates, disputes)
}

/// The audit of `corpus` under `catalog`; `all` adds every event's claims.
pub fn audit(corpus: &Corpus, catalog: &Catalog, all: bool, version: u32) -> Audit {
    let (dates, found) = disputes(corpus, catalog);
    let claim = |r: ClaimRef| audit_claim(corpus, &dates, r);
    let event = |event: usize, readings: &Readings, with_claims: bool| AuditEvent {
        event: catalog.events[event].id.clone(),
        label: catalog.events[event].label.clone(),
        sides: readings
            .sides
            .iter()
            .map(|s| AuditSide {
                value: s.value.normalized(),
                description: s.value.describe(),
                sources: ids(corpus, &s.sources),
                claims: s.claims.iter().map(|r| claim(*r)).collect(),
            })
            .collect(),
        neutral: readings.neutral.iter().map(|r| claim(*r)).collect(),
        self_contradicting: ids(corpus, &readings.self_contradicting()),
        claims: with_claims.then(|| dates.claims_for(event).iter().map(|r| claim(*r)).collect()),
    };
    let disputes: Vec<AuditEvent> = found
        .iter()
        .map(|d| event(d.event, &d.readings, false))
        .collect();
    let dated: Vec<usize> = (0..catalog.events.len())
        .filter(|e| !dates.claims_for(*e).is_empty())
        .collect();
    Audit {
        version,
        corpus: crate::paths::display_path(&corpus.dir),
        events: all.then(|| {
            dated
                .iter()
                .map(|&e| event(e, dates.readings(e), true))
                .collect()
        }),
        summary: AuditSummary {
            sources: corpus.sources.len(),
            catalog_events: catalog.events.len(),
            dated_events: dated.len(),
            claims: dates.len(),
            disputes: disputes.len(),
        },
        disputes,
    }
}

fn ids(corpus: &Corpus, sources: &[SourceIdx]) -> Vec<String> {
    sources
        .iter()
        .map(|s| corpus.source(*s).id().to_string())
        .collect()
}

fn audit_claim(corpus: &Corpus, dates: &CorpusDates, r: ClaimRef) -> AuditClaim {
    let source = corpus.source(r.source);
    let at = |span: Span| Location::resolve(source.text(), source.lines(), span);
    let span = dates.claim_span(r);
    let claim = dates.claim(r);
    let value = &claim.value;
    AuditClaim {
        year_from_corpus: claim.year_from_corpus,
        source: source.id().to_string(),
        path: corpus.display_path(r.source),
        date_span: at(dates.date_span(r)),
        span: at(span),
        text: source.text()[span.range()].to_string(),
        value: value.normalized(),
        description: value.describe(),
    }
}

/// One line for a claim: where it is and what it says.
fn claim_line(c: &AuditClaim, width: usize) -> String {
    let text: String = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = if text.chars().count() > 90 {
        text.chars().take(89).collect::<String>() + "…"
    } else {
        text
    };
    let note = if c.year_from_corpus {
        " (no year in the text)"
    } else {
        ""
    };
    format!(
        "    {:<width$}  {}:{}:{}  “{text}”{note}\n",
        c.source, c.path, c.date_span.line, c.date_span.column
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The human form.
pub fn render_human(audit: &Audit) -> String {
    let width = audit
        .disputes
        .iter()
        .chain(audit.events.iter().flatten())
        .flat_map(|e| {
            e.sides
                .iter()
                .flat_map(|s| &s.claims)
                .chain(&e.neutral)
                .chain(e.claims.iter().flatten())
        })
        .map(|c| c.source.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for e in &audit.disputes {
        out.push_str(&format!("{}: {}\n", e.event, e.label));
        for side in &e.sides {
            out.push_str(&format!(
                "  {} — {} ({})\n",
                side.description,
                plural(side.sources.len(), "source", "sources"),
                side.sources.join(", ")
            ));
            for c in &side.claims {
                out.push_str(&claim_line(c, width));
            }
        }
        match e.self_contradicting.len() {
            0 => {}
            1 => out.push_str(&format!(
                "  {} contradicts itself.\n",
                e.self_contradicting[0]
            )),
            _ => out.push_str(&format!(
                "  {} contradict themselves.\n",
                e.self_contradicting.join(" and ")
            )),
        }
        if !e.neutral.is_empty() {
            let mut seen: Vec<String> = Vec::new();
            for c in &e.neutral {
                let item = format!("{} ({})", c.description, c.source);
                if !seen.contains(&item) {
                    seen.push(item);
                }
            }
            out.push_str(&format!(
                "  agreeing with every side: {}\n",
                seen.join(", ")
            ));
        }
        out.push('\n');
    }
    if let Some(events) = &audit.events {
        out.push_str("Every dated claim, by event:\n\n");
        for e in events {
            let state = if e.sides.len() >= 2 {
                "disputed"
            } else {
                "agreed"
            };
            let claims = e.claims.as_deref().unwrap_or_default();
            out.push_str(&format!(
                "{}: {} — {}, {state}\n",
                e.event,
                e.label,
                plural(claims.len(), "claim", "claims")
            ));
            for c in claims {
                out.push_str(&format!("  {:<16}{}", c.description, claim_line(c, width)));
            }
            out.push('\n');
        }
    }
    let s = &audit.summary;
    out.push_str(&format!(
        "provlint: the sources disagree on {} ({} dated by {} in {}; {} in the catalog)\n",
        plural(s.disputes, "event", "events"),
        plural(s.dated_events, "event", "events"),
        plural(s.claims, "claim", "claims"),
        plural(s.sources, "source", "sources"),
        s.catalog_events
    ));
    out
}
