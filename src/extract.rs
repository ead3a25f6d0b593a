//! What provlint sees in a draft, for `provlint extract`: every item it
//! would check, with its span. A writer or rule author runs it to understand
//! a finding.

use crate::checks::quote::is_checked;
use crate::config::Settings;
use crate::draft::{Draft, QuoteKind};
use crate::matching::Pattern;
use crate::span::Location;
use serde::Serialize;

/// One thing found in a draft.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub path: String,
    #[serde(flatten)]
    pub kind: ItemKind,
    pub span: Location,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ItemKind {
    Quotation(QuotationItem),
    Date(DateItem),
}

#[derive(Clone, Debug, Serialize)]
pub struct DateItem {
    /// Normalised: `1973-06-29`, `1973-06`, `1973`, `XXXX-06-29` (no year),
    /// `1970-09/1970-10` (a range); see `provlint explain dates`.
    pub value: String,
    pub granularity: crate::dates::Granularity,
    /// What it says, for people: `29 June 1973`.
    pub description: String,
    /// The weekday written with it, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<&'static str>,
    /// The year was taken from the sentence.
    pub year_from_context: bool,
    /// Whether the day it names exists.
    pub valid: bool,
    /// Inside a quotation: checked for validity only.
    pub in_quotation: bool,
    /// The events it dates.
    pub claims: Vec<ClaimItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClaimItem {
    /// The event's id in the catalog.
    pub event: String,
    pub label: String,
    /// The date claimed for it (normalised).
    pub date: String,
    /// The phrase that names the event.
    pub mention: String,
    /// How the date was tied to the event.
    pub binding: crate::events::Binding,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuotationItem {
    /// `inline` (between quotation marks) or `blockquote`.
    pub quote_kind: QuoteKind,
    /// The opening and closing marks, for inline quotations.
    pub marks: Option<[String; 2]>,
    /// How many quotations enclose it.
    pub depth: usize,
    /// Words that must match a source (bracketed insertions not counted).
    pub words: usize,
    /// Editorial marks in it: ellipses, insertions, annotations.
    pub gaps: usize,
    /// Whether `provlint check` checks it.
    pub checked: bool,
    /// Why it is not checked, when it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<&'static str>,
}

/// Everything provlint extracts from `draft`, in document order.
pub fn extract(draft: &Draft, settings: &Settings) -> Vec<Item> {
    let mut items = quotations(draft, settings);
    items.extend(dates(draft, settings));
    items.sort_by_key(|i| i.span.start);
    items
}

fn dates(draft: &Draft, settings: &Settings) -> Vec<Item> {
    let prose = draft.doc.prose.text();
    let catalog = &settings.events;
    let analysis = crate::checks::date::analyze(draft, catalog);
    let quotations: Vec<_> = draft.quotations().iter().map(|q| q.prose).collect();
    analysis
        .dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let claims = analysis
                .claims_of_date(i)
                .map(|c| {
                    let mention = &prose[analysis.mentions[c.mention].span.range()];
                    ClaimItem {
                        event: catalog.events[c.event].id.clone(),
                        label: catalog.events[c.event].label.clone(),
                        date: c.value.normalized(),
                        mention: mention.split_whitespace().collect::<Vec<_>>().join(" "),
                        binding: c.binding,
                    }
                })
                .collect();
            Item {
                path: draft.path.clone(),
                span: draft.location(draft.doc.prose.to_original(d.span)),
                text: d.text(prose).to_string(),
                kind: ItemKind::Date(DateItem {
                    value: d.value.normalized(),
                    granularity: d.value.granularity(),
                    description: d.value.describe(),
                    weekday: d.weekday.map(|(w, _)| w.name()),
                    year_from_context: d.year_from_context,
                    valid: d.value.is_valid(),
                    in_quotation: quotations.iter().any(|q| q.overlaps(d.span)),
                    claims,
                }),
            }
        })
        .collect()
}

fn quotations(draft: &Draft, settings: &Settings) -> Vec<Item> {
    let prose = draft.doc.prose.text();
    draft
        .quotations()
        .into_iter()
        .map(|q| {
            let pattern = Pattern::parse(prose, q.prose);
            let words = pattern.word_count();
            let skipped = if q.depth > 0 {
                Some("inside another quotation")
            } else if !is_checked(&q, settings) {
                Some("blockquotes are not checked (quote.blockquotes = false)")
            } else if words < settings.quote.min_words {
                Some("shorter than quote.min_words: a scare quote or a term")
            } else {
                None
            };
            Item {
                path: draft.path.clone(),
                span: draft.location(q.span(&draft.doc)),
                text: q.text(&draft.doc).to_string(),
                kind: ItemKind::Quotation(QuotationItem {
                    quote_kind: q.kind,
                    marks: q.marks.map(|(a, b)| [a.to_string(), b.to_string()]),
                    depth: q.depth,
                    words,
                    gaps: pattern.gaps().count(),
                    checked: skipped.is_none(),
                    skipped,
                }),
            }
        })
        .collect()
}

/// `provlint extract --format json`.
#[derive(Serialize)]
pub struct ExtractDocument<'a> {
    pub version: u32,
    pub items: &'a [Item],
}

/// The human form: one line an item.
pub fn render_human(items: &[Item]) -> String {
    let mut out = String::new();
    for item in items {
        let q = match &item.kind {
            ItemKind::Quotation(q) => q,
            ItemKind::Date(d) => {
                out.push_str(&render_date(item, d));
                continue;
            }
        };
        let marks = q
            .marks
            .as_ref()
            .map_or("blockquote".to_string(), |[a, b]| format!("{a}…{b}"));
        let status = match q.skipped {
            None => "checked".to_string(),
            Some(why) => format!("not checked: {why}"),
        };
        let text: String = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!(
            "{}:{}:{}: quotation {marks}, {} words, {status}\n    {text}\n",
            item.path, item.span.line, item.span.column, q.words
        ));
    }
    out
}

fn render_date(item: &Item, d: &DateItem) -> String {
    let text: String = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut notes = Vec::new();
    if d.year_from_context {
        notes.push("year from the sentence".to_string());
    }
    if !d.valid {
        notes.push("no such day".to_string());
    }
    if d.in_quotation {
        notes.push("in a quotation".to_string());
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(", {}", notes.join(", "))
    };
    let mut out = format!(
        "{}:{}:{}: date {} ({}{notes})\n    {text}\n",
        item.path,
        item.span.line,
        item.span.column,
        d.value,
        serde_json::to_value(d.granularity)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    );
    for c in &d.claims {
        out.push_str(&format!(
            "    dates {} = {} (“{}”)\n",
            c.event, c.date, c.mention
        ));
    }
    out
}
