//! The human format: miette's graphical reports, the draft's span and the
//! source passage each shown as a labelled snippet.

use crate::diagnostic::{Applicability, Diagnostic, FileReport, Severity, Summary};
use crate::span::{Span, floor_char_boundary};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteSpanContents, SourceCode,
    SpanContents,
};
use std::fmt;
use std::sync::Arc;

/// How to draw reports.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

/// Renders every report, then a summary line.
pub fn render(reports: &[FileReport], opts: HumanOptions) -> String {
    let handler = handler(opts);
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            let view = View::new(report, d);
            // Rendering into a String cannot fail. Each source passage is a
            // report of its own, so it gets a full snippet of its file.
            let _ = handler.render_report(&mut out, &view);
            for related in &view.related {
                let _ = handler.render_report(&mut out, related);
            }
            out.push('\n');
        }
    }
    let summary = Summary::of(reports);
    if summary.errors + summary.warnings + summary.infos > 0 {
        out.push_str(&summary_line(&summary));
        out.push('\n');
    }
    out
}

pub fn summary_line(s: &Summary) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(plural(s.errors, "error", "errors"));
    }
    if s.warnings > 0 {
        parts.push(plural(s.warnings, "warning", "warnings"));
    }
    if s.infos > 0 {
        parts.push(plural(s.infos, "note", "notes"));
    }
    format!(
        "provlint: {} in {}",
        parts.join(", "),
        plural(s.files, "file", "files")
    )
}

pub fn handler(opts: HumanOptions) -> GraphicalReportHandler {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(1)
}

/// A source text shown through a window: long lines are cut to the part
/// around the span, so a snippet of a one-line, 2,000-character paragraph
/// stays readable, with true line and column numbers.
#[derive(Debug)]
struct Windowed {
    name: String,
    text: Arc<str>,
}

/// The most characters of a line shown on either side of a span.
const CONTEXT_CHARS: usize = 60;

impl SourceCode for Windowed {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_before: usize,
        context_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
        let text: &str = &self.text;
        let start = floor_char_boundary(text, span.offset());
        let end = floor_char_boundary(text, span.offset() + span.len()).max(start);
        // Whole lines around the span, then cut to a window of characters.
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let mut a = line_start;
        if context_before == 0 && context_after == 0 {
            // miette asks for the span alone to name its line and column
            // in the snippet's header.
            a = start;
        } else if text[line_start..start].chars().count() > CONTEXT_CHARS {
            a = back_chars(text, start, CONTEXT_CHARS);
        }
        let mut b = line_end;
        if text[end..line_end].chars().count() > CONTEXT_CHARS {
            b = forward_chars(text, end, CONTEXT_CHARS);
        }
        let line = text[..a].matches('\n').count();
        let column = text[line_start..a].chars().count();
        let line_count = text[a..b].matches('\n').count() + 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[a..b],
            (a, b - a).into(),
            line,
            column,
            line_count,
        )))
    }
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// A diagnostic as miette sees it.
struct View<'a> {
    d: &'a Diagnostic,
    source: Windowed,
    related: Vec<RelatedView>,
}

impl<'a> View<'a> {
    fn new(report: &'a FileReport, d: &'a Diagnostic) -> View<'a> {
        View {
            d,
            source: Windowed {
                name: report.path.clone(),
                text: report.text.clone(),
            },
            related: d
                .related
                .iter()
                .map(|r| RelatedView {
                    message: format!("{}: {}", r.source, r.citation),
                    label: r.message.clone(),
                    span: r.span.span(),
                    source: Windowed {
                        name: r.path.clone(),
                        text: r.file_text.clone(),
                    },
                })
                .collect(),
        }
    }
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("View").field("code", &self.d.code).finish()
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for View<'_> {}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.d.severity))
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let mut help = self.d.help.clone().unwrap_or_default();
        if let Some(fix) = &self.d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "fix",
                Applicability::Unsafe => "fix (unsafe)",
            };
            if !help.is_empty() {
                help.push('\n');
            }
            // A replacement that brings its own quotation marks (copied text
            // put in quotes) is shown as is, not in a second pair; an empty
            // one (a removal) is said by the message alone.
            if fix.replacement.is_empty() {
                help.push_str(&format!("{kind}: {}", fix.message));
            } else if fix
                .replacement
                .starts_with(crate::text::normalize::is_quote_mark)
            {
                help.push_str(&format!("{kind}: {}: {}", fix.message, fix.replacement));
            } else {
                help.push_str(&format!("{kind}: {}: “{}”", fix.message, fix.replacement));
            }
        }
        (!help.is_empty()).then(|| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.d.label.clone()), self.d.span),
        )))
    }
}

/// A related place in a corpus file, shown as its own snippet.
struct RelatedView {
    message: String,
    label: String,
    span: Span,
    source: Windowed,
}

impl fmt::Debug for RelatedView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for RelatedView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RelatedView {}

impl miette::Diagnostic for RelatedView {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), self.span),
        )))
    }
}
