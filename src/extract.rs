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
        let ItemKind::Quotation(q) = &item.kind;
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
