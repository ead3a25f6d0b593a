//! Hover and go to definition: the evidence behind what is under the cursor.
//!
//! Both are generic over *items with evidence*: a span of the draft with a
//! heading, some lines, and places in the corpus (`Related`). Items come
//! from providers, each a function of the checked draft and a byte offset:
//!
//! - [`findings`]: every finding of the report under the cursor, whatever
//!   its rule: its message, the word diff, each piece of evidence (the
//!   source passage, or each source's version of a disputed date), the fix;
//! - [`verified`]: everything the checks found confirmed by the corpus
//!   (`FileReport::verified`: quotations today), with every source that has
//!   it;
//! - [`quotations`]: a quotation with neither (too short to check, or its
//!   finding suppressed), looked up with `checks::quote::verify`;
//! - [`citation_keys`]: a `@source-id` key, with the source it names.
//!
//! A rule family that wants its own hover (a date's every version, a
//! figure's source) adds a provider to [`PROVIDERS`], or simply reports
//! its evidence as `Related` in its findings and its confirmed items in
//! `FileReport::verified`, which the first two providers already show.

use super::convert::location;
use super::encoding::Encoding;
use super::project::Project;
use crate::checks::{self, quote::Outcome};
use crate::diagnostic::{DiffOp, FileReport, Related, inline_diff};
use crate::draft::Draft;
use crate::span::Span;
use tower_lsp_server::ls_types::{Location, Position, Range, Uri};

/// The draft as last checked, with the project it was checked against.
#[derive(Debug)]
pub struct Checked<'a> {
    pub draft: &'a Draft,
    pub report: &'a FileReport,
    pub project: &'a Project,
}

/// Something in the draft with evidence behind it.
#[derive(Debug, Default)]
pub struct Item {
    /// The draft's bytes it covers.
    pub span: Span,
    /// One line, in Markdown: what it is.
    pub heading: String,
    /// Lines of Markdown under the heading.
    pub lines: Vec<String>,
    /// Evidence in the corpus, in order of relevance.
    pub evidence: Vec<Related>,
    /// Places to go to when no evidence is a passage (a citation key goes
    /// to its source's file).
    pub targets: Vec<Target>,
}

/// A place in a corpus file: a source id and a byte span in its file.
#[derive(Clone, Debug)]
pub struct Target {
    pub source: String,
    pub span: Span,
}

type Provider = fn(&Checked, usize) -> Vec<Item>;

/// Every provider, in the order their items are shown.
pub const PROVIDERS: &[Provider] = &[findings, verified, quotations, citation_keys];

/// Every item under byte `offset`.
pub fn items_at(c: &Checked, offset: usize) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for provider in PROVIDERS {
        for item in provider(c, offset) {
            if !items
                .iter()
                .any(|i| i.span == item.span && i.heading == item.heading)
            {
                items.push(item);
            }
        }
    }
    items
}

fn covers(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

/// The findings of the report under the cursor.
pub fn findings(c: &Checked, offset: usize) -> Vec<Item> {
    c.report
        .diagnostics
        .iter()
        .filter(|d| covers(d.span, offset))
        .map(|d| {
            let mut lines = Vec::new();
            match &d.diff {
                Some(diff) => {
                    lines.push("Word diff, from the source to the draft (`[-…-]` only in the source, `{+…+}` only in the draft):".to_string());
                    lines.push(format!("```text\n{}\n```", inline_diff(diff)));
                    let dropped: Vec<&str> = diff
                        .iter()
                        .filter(|c| c.op == DiffOp::Delete)
                        .map(|c| c.text.trim())
                        .collect();
                    if !dropped.is_empty() {
                        lines.push(format!("The source has: {}", dropped.join(" · ")));
                    }
                }
                None => lines.extend(d.help.clone()),
            }
            if let Some(fix) = &d.fix {
                let mut fix_line = format!("Fix: {}", fix.message);
                if !fix.replacement.is_empty() {
                    fix_line.push_str(&format!(": “{}”", one_line(&fix.replacement)));
                }
                lines.push(fix_line);
            }
            lines.push(format!(
                "`provlint explain {}` explains the rule.",
                d.code
            ));
            Item {
                span: d.span,
                heading: format!("**{}** `{}`: {}", d.severity, d.code, d.message),
                lines,
                evidence: d.related.clone(),
                targets: Vec::new(),
            }
        })
        .collect()
}

/// What the checks confirmed, under the cursor.
pub fn verified(c: &Checked, offset: usize) -> Vec<Item> {
    c.report
        .verified
        .iter()
        .filter(|v| covers(v.span, offset))
        .map(|v| {
            let ids: Vec<&str> = v.sources.iter().map(|r| r.source.as_str()).collect();
            Item {
                span: v.span,
                heading: format!("**verified**: found verbatim in {}", ids.join(", ")),
                lines: Vec::new(),
                evidence: v.sources.clone(),
                targets: Vec::new(),
            }
        })
        .collect()
}

/// A quotation under the cursor that the report says nothing about.
pub fn quotations(c: &Checked, offset: usize) -> Vec<Item> {
    let draft = c.draft;
    let settings = &c.project.settings;
    let corpus = &c.project.corpus;
    let quotations = draft.quotations();
    // The innermost quotation checked, marks included.
    let Some(q) = quotations
        .iter()
        .filter(|q| checks::quote::is_checked(q, settings))
        .filter(|q| {
            let s = q.span(&draft.doc);
            let (open, close) = q
                .marks
                .map_or((0, 0), |(a, b)| (a.len_utf8(), b.len_utf8()));
            covers(
                Span::new(s.start.saturating_sub(open), s.end + close),
                offset,
            )
        })
        .min_by_key(|q| q.prose.len())
    else {
        return Vec::new();
    };
    let span = q.span(&draft.doc);
    let reported = c
        .report
        .diagnostics
        .iter()
        .any(|d| d.span.overlaps(span) || d.span == span)
        || c.report.verified.iter().any(|v| v.span == span);
    if reported {
        return Vec::new();
    }
    let (_, outcome) = checks::quote::verify(draft, q, corpus, settings);
    let passage = |p: &crate::matching::Passage, message: String| {
        let text = corpus.passage(p.source, p.first, p.end);
        checks::related(
            corpus,
            p.source,
            checks::quote::passage_span(&text, p),
            message,
        )
    };
    let (heading, evidence) = match outcome {
        Outcome::Skipped => (
            format!(
                "**not checked**: shorter than `quote.min_words` ({} words)",
                settings.quote.min_words
            ),
            Vec::new(),
        ),
        Outcome::Verified(ps) => (
            "**verified**: found verbatim".to_string(),
            ps.iter()
                .map(|p| passage(p, "found verbatim".to_string()))
                .collect(),
        ),
        Outcome::Mismatch(p) => (
            format!(
                "**not verbatim** (its finding is suppressed): closest passage {:.0}% similar",
                p.similarity * 100.0
            ),
            vec![passage(&p, "closest passage".to_string())],
        ),
        Outcome::Unverified(_) => (
            format!(
                "**not found** in the corpus ({} sources searched; its finding is suppressed)",
                corpus.sources.len()
            ),
            Vec::new(),
        ),
    };
    vec![Item {
        span,
        heading,
        evidence,
        ..Item::default()
    }]
}

/// A citation key (`@flakin-2019`, `[@flakin-2019, p. 3]`) naming a source.
pub fn citation_keys(c: &Checked, offset: usize) -> Vec<Item> {
    let Some((span, id)) = key_at(&c.draft.text, offset) else {
        return Vec::new();
    };
    let corpus = &c.project.corpus;
    let Some(idx) = corpus.find(id) else {
        return Vec::new();
    };
    let source = corpus.source(idx);
    let mut lines = vec![source.citation()];
    if let Some(url) = &source.entry.url {
        lines.push(format!("<{url}>"));
    }
    if let Some(notes) = &source.entry.notes {
        lines.push(notes.clone());
    }
    lines.push(format!("File: `{}`", corpus.display_path(idx)));
    vec![Item {
        span,
        heading: format!("**{id}**: a source in the corpus"),
        lines,
        evidence: Vec::new(),
        targets: vec![Target {
            source: id.to_string(),
            span: Span::new(0, 0),
        }],
    }]
}

/// The citation key at byte `offset` of `text`: `@` and a source id
/// (letters, digits, and `-`, `_`, `.`, `:` inside).
fn key_at(text: &str, offset: usize) -> Option<(Span, &str)> {
    let is_key = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':');
    let offset = crate::span::floor_char_boundary(text, offset);
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_key(*c) || *c == '@')
        .last()
        .map_or(offset, |(i, _)| i);
    let at = start + text[start..].find('@')?;
    if at > offset {
        return None;
    }
    let body = &text[at + 1..];
    let len = body.find(|c: char| !is_key(c)).unwrap_or(body.len());
    let id = body[..len].trim_end_matches(['.', ':', '-', '_']);
    let span = Span::new(at, at + 1 + id.len());
    (!id.is_empty() && covers(span, offset)).then_some((span, id))
}

/// The hover's text for `items`: Markdown, or plain text for clients that
/// do not render Markdown.
pub fn hover_text(items: &[Item], project: &Project, enc: Encoding) -> String {
    let mut out = Vec::new();
    for item in items {
        let mut section = vec![item.heading.clone()];
        section.extend(item.lines.iter().cloned());
        for r in &item.evidence {
            let place = match location(project, r, enc) {
                Some(loc) => format!(
                    "[{}:{}:{}]({}#L{})",
                    r.path,
                    r.span.line,
                    r.span.column,
                    loc.uri.as_str(),
                    r.span.line
                ),
                None => format!("{}:{}:{}", r.path, r.span.line, r.span.column),
            };
            section.push(format!(
                "**{}** — {}: {} · {}",
                capitalize(&r.message),
                r.source,
                r.citation,
                place
            ));
            section.push(format!("> {}", one_line(&r.text)));
        }
        out.push(section.join("\n\n"));
    }
    out.join("\n\n---\n\n")
}

/// Where go to definition leads from `items`: each piece of evidence's
/// passage, else each item's targets.
pub fn definitions(items: &[Item], project: &Project, enc: Encoding) -> Vec<Location> {
    let mut out: Vec<Location> = Vec::new();
    for item in items {
        for r in &item.evidence {
            if let Some(loc) = location(project, r, enc) {
                if !out.contains(&loc) {
                    out.push(loc);
                }
            }
        }
        if !item.evidence.is_empty() {
            continue;
        }
        for t in &item.targets {
            let Some(idx) = project.corpus.find(&t.source) else {
                continue;
            };
            let source = project.corpus.source(idx);
            let Some(uri) = Uri::from_file_path(super::project::absolute(&source.entry.path))
            else {
                continue;
            };
            let text = super::encoding::Text::new(source.text(), source.lines());
            let range = if t.span.is_empty() && t.span.start == 0 {
                Range::new(Position::new(0, 0), Position::new(0, 0))
            } else {
                text.range(t.span, enc)
            };
            out.push(Location::new(uri, range));
        }
    }
    out
}

/// White space collapsed, so a passage broken over lines (or over a page
/// footer) reads as one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::project::Origin;
    use std::path::Path;

    fn project() -> Project {
        Project::load(&Origin {
            root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
            ..Origin::default()
        })
        .unwrap()
    }

    #[test]
    fn citation_keys_are_found_under_the_cursor() {
        let text = "As [@flakin-2019, p. 3] says; and @fi-1973.";
        let at = text.find("flakin").unwrap();
        assert_eq!(key_at(text, at).map(|k| k.1), Some("flakin-2019"));
        assert_eq!(key_at(text, at - 1).map(|k| k.1), Some("flakin-2019"));
        assert_eq!(key_at(text, at + 10).map(|k| k.1), Some("flakin-2019"));
        assert_eq!(key_at(text, text.find("p.").unwrap()), None);
        assert_eq!(key_at(text, text.len() - 3).map(|k| k.1), Some("fi-1973"));
        assert_eq!(key_at(text, 0), None);
    }

    #[test]
    fn hover_items_for_a_misquotation_a_verified_quotation_and_a_key() {
        let project = project();
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/draft.md"),
        )
        .unwrap()
            + "\nSee [@flakin-2019].\n";
        let draft = Draft::from_path_and_text("draft.md", text.clone());
        let report = checks::check(&draft, &project.corpus, &project.settings);
        let c = Checked {
            draft: &draft,
            report: &report,
            project: &project,
        };
        let enc = Encoding::Utf16;

        let items = items_at(&c, text.find("Chilean Army").unwrap());
        assert_eq!(items.len(), 1, "{items:#?}");
        let hover = hover_text(&items, &project, enc);
        assert!(hover.contains("`quote::mismatch`"), "{hover}");
        assert!(hover.contains("[-Air Force-]{+Army+}"), "{hover}");
        assert!(hover.contains("Nathaniel Flakin"), "{hover}");
        assert!(hover.contains("2019-09-11"), "{hover}");
        assert!(
            hover.contains("> the Chilean Air Force began bombing"),
            "{hover}"
        );
        let defs = definitions(&items, &project, enc);
        assert_eq!(defs.len(), 1);
        assert!(
            defs[0]
                .uri
                .as_str()
                .ends_with("corpus/004_ef56cccfc41fb295.txt")
        );
        assert_eq!(defs[0].range.start, Position::new(11, 46));

        let items = items_at(&c, text.find("make the economy").unwrap());
        let hover = hover_text(&items, &project, enc);
        assert!(
            hover.starts_with("**verified**: found verbatim in"),
            "{hover}"
        );

        // A scare quote is not checked, and says so.
        let items = items_at(&c, text.find("people in uniform").unwrap());
        assert!(hover_text(&items, &project, enc).contains("not checked"));

        let items = items_at(&c, text.find("@flakin").unwrap() + 2);
        let hover = hover_text(&items, &project, enc);
        assert!(hover.contains("September 11 in Chile"), "{hover}");
        let defs = definitions(&items, &project, enc);
        assert_eq!(defs[0].range.start, Position::new(0, 0));

        assert!(items_at(&c, text.find("Allende had").unwrap()).is_empty());
    }
}
