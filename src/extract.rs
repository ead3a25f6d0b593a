//! What provlint sees in a draft, for `provlint extract`: every item it
//! would check, with its span. A writer or rule author runs it to understand
//! a finding.

use crate::attribution::{CreditKind, Credits};
use crate::checks::quote::is_checked;
use crate::config::Settings;
use crate::corpus::Corpus;
use crate::draft::{Draft, QuoteKind};
use crate::figures::Qualifier;
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
    Citation(CitationItem),
    Figure(FigureItem),
    Date(DateItem),
}

/// A credit: a citation key, footnote, link or prose attribution.
#[derive(Clone, Debug, Serialize)]
pub struct CitationItem {
    /// `citation` (a Pandoc key), `footnote`, `marker`, `link` or
    /// `attribution`.
    pub form: CreditKind,
    /// The key, footnote label, URL, or the name credited.
    pub key: String,
    /// The source it resolves to (the first, if several), or null.
    pub source: Option<String>,
    /// Every source it resolves to.
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// A footnote's definition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// For an unresolved one, the source it most likely meant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// Whether it credits a work outside the corpus (what it covers is
    /// attributed, and not checked).
    pub external: bool,
    /// What it covers (`provlint explain credits`).
    pub scope: Vec<Location>,
}

/// A figure, as the figure checks see it.
#[derive(Clone, Debug, Serialize)]
pub struct FigureItem {
    /// Its value (a vague magnitude's low end).
    pub value: f64,
    /// A range's upper end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// `count`, `percent`, `money:USD`, `area:acre`, …
    pub unit: String,
    pub qualifier: Option<Qualifier>,
    /// A vague magnitude ("tens of thousands").
    pub vague: bool,
    /// What it counts, as written.
    pub counts: Option<String>,
    /// What is done to what it counts (`killed`, `exiled`, `vote`…), read
    /// from its clause.
    pub measures: Vec<String>,
    /// Where it is, as far as its words, sentence, paragraph or document
    /// say.
    pub places: Vec<String>,
    /// The years of its sentence.
    pub years: Vec<u32>,
    /// The quantity of the catalog it is a figure of (`provlint explain
    /// quantities`), or null.
    pub quantity: Option<String>,
    /// The credit that covers it, or null.
    pub credit: Option<CreditRef>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CreditRef {
    pub form: CreditKind,
    /// The credit as written.
    pub text: String,
    pub source: Option<String>,
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
    /// Why the phrase is taken to be about this event: `name` (one of its
    /// names), `qualifier` or `place` (a description, with the event's
    /// qualifier or place in its clause: `qualified_by`), `document` (a
    /// description in a document about the event).
    pub support: &'static str,
    /// The words that qualified a description (`Chile`, `Pinochet`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualified_by: Option<String>,
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
    pub skipped: Option<String>,
}

/// Everything provlint extracts from `draft`, in document order.
pub fn extract(draft: &Draft, settings: &Settings, corpus: &Corpus) -> Vec<Item> {
    let mut items = quotations(draft, settings);
    items.extend(dates(draft, settings));
    items.extend(extract_credits_and_figures(draft, settings, corpus));
    // Document order; a quotation before what is inside it.
    items.sort_by_key(|i| (i.span.start, !matches!(i.kind, ItemKind::Quotation(_))));
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
                    let m = &analysis.mentions[c.mention];
                    let words = |span: crate::span::Span| {
                        prose[span.range()]
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    let (support, qualified_by) = match m.support {
                        crate::events::Support::Qualified { by, identifying } => (
                            if identifying { "qualifier" } else { "place" },
                            Some(words(by)),
                        ),
                        crate::events::Support::Document => ("document", None),
                        _ => ("name", None),
                    };
                    ClaimItem {
                        event: catalog.events[c.event].id.clone(),
                        label: catalog.events[c.event].label.clone(),
                        date: c.value.normalized(),
                        mention: words(m.span),
                        binding: c.binding,
                        support,
                        qualified_by,
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
                Some("inside another quotation".to_string())
            } else if let Some(why) = &q.not_a_quotation {
                Some(why.describe())
            } else if !is_checked(&q, settings) {
                Some("blockquotes are not checked (quote.blockquotes = false)".to_string())
            } else if words < settings.quote.min_words {
                Some("shorter than quote.min_words: a scare quote or a term".to_string())
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

/// The citations and figures of `draft`, in document order: what the
/// citation, figure and copied-text checks see. (Quotations come from
/// [`extract`].)
pub fn extract_credits_and_figures(
    draft: &Draft,
    settings: &Settings,
    corpus: &Corpus,
) -> Vec<Item> {
    let credits = Credits::find(draft, corpus);
    let id = |s: &crate::corpus::SourceIdx| corpus.source(*s).id().to_string();
    let mut items: Vec<(usize, Item)> = Vec::new();
    for c in &credits.items {
        items.push((
            c.span.start,
            Item {
                path: draft.path.clone(),
                span: draft.location(c.span),
                text: draft.text[c.span.range()].to_string(),
                kind: ItemKind::Citation(CitationItem {
                    form: c.kind,
                    key: c.key.clone(),
                    source: c.sources.first().map(id),
                    sources: c.sources.iter().map(id).collect(),
                    locator: c.locator.clone(),
                    definition: c.detail.clone(),
                    suggestion: c.suggestion.as_ref().map(id),
                    external: c.is_external(),
                    scope: c
                        .scope
                        .iter()
                        .map(|s| draft.location(draft.doc.prose.to_original(*s)))
                        .collect(),
                }),
            },
        ));
    }
    let prose = draft.doc.prose.text();
    for f in crate::checks::figure::draft_figures(draft, &credits, settings) {
        let cover = credits.covering(f.span.start);
        let credit = cover.main(f.span.start).map(|c| CreditRef {
            form: c.kind,
            text: draft.text[c.span.range()].to_string(),
            source: c.sources.first().map(id),
        });
        let span = draft.doc.prose.to_original(f.span);
        items.push((
            span.start,
            Item {
                path: draft.path.clone(),
                span: draft.location(span),
                text: f.describe(prose),
                kind: ItemKind::Figure(FigureItem {
                    value: f.value,
                    high: f.high,
                    unit: f.unit.key(),
                    qualifier: f.qualifier,
                    vague: f.vague.is_some(),
                    counts: f.counts.clone(),
                    measures: f.measures.clone(),
                    places: f.places.clone(),
                    years: f.years.clone(),
                    quantity: settings
                        .quantities
                        .of(&f)
                        .map(|q| settings.quantities.quantities[q].id.clone()),
                    credit,
                }),
            },
        ));
    }
    items.sort_by_key(|(at, _)| *at);
    items.into_iter().map(|(_, i)| i).collect()
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
            ItemKind::Citation(c) => {
                let to = match &c.source {
                    Some(_) => c.sources.join(", "),
                    None if c.external && c.form == CreditKind::Attribution => {
                        "someone outside the corpus".to_string()
                    }
                    None if c.external => "a work outside the corpus".to_string(),
                    None => match &c.suggestion {
                        Some(s) => format!("no source (did you mean {s}?)"),
                        None => "no source".to_string(),
                    },
                };
                out.push_str(&format!(
                    "{}:{}:{}: {} {} -> {to}\n",
                    item.path,
                    item.span.line,
                    item.span.column,
                    c.form.as_str(),
                    item.text.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
                continue;
            }
            ItemKind::Figure(f) => {
                let qualifier = f
                    .qualifier
                    .map_or(String::new(), |q| format!("{} ", q.as_str()));
                let counts = f
                    .counts
                    .as_ref()
                    .map_or(String::new(), |c| format!(" of {c}"));
                let credit = match &f.credit {
                    Some(c) => format!(
                        "credited by {} ({})",
                        c.text.split_whitespace().collect::<Vec<_>>().join(" "),
                        c.source.as_deref().unwrap_or("outside the corpus")
                    ),
                    None => "not credited".to_string(),
                };
                let quantity = f
                    .quantity
                    .as_ref()
                    .map_or(String::new(), |q| format!(" [{q}]"));
                out.push_str(&format!(
                    "{}:{}:{}: figure {}: {qualifier}{} {}{counts}{quantity}, {credit}\n",
                    item.path, item.span.line, item.span.column, item.text, f.value, f.unit
                ));
                continue;
            }
            ItemKind::Date(d) => {
                out.push_str(&render_date(item, d));
                continue;
            }
        };
        let marks = q
            .marks
            .as_ref()
            .map_or("blockquote".to_string(), |[a, b]| format!("{a}…{b}"));
        let status = match &q.skipped {
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
        // The words that attached it: the phrase, what qualified it, and
        // how the date stands to it.
        let why = match (&c.qualified_by, c.support) {
            (Some(q), _) => format!("“{}” with “{q}”", c.mention),
            (None, "document") => format!("“{}” in a document about it", c.mention),
            _ => format!("“{}”", c.mention),
        };
        let how = match c.binding {
            crate::events::Binding::Inside => "the date is in the phrase",
            crate::events::Binding::Adjacent => "next to it",
            crate::events::Binding::Nearest => "nearest in its clause",
            crate::events::Binding::SameDay => "the same day",
            crate::events::Binding::Row => "the row's date",
        };
        out.push_str(&format!(
            "    dates {} = {} ({why}; {how})\n",
            c.event, c.date
        ));
    }
    out
}
