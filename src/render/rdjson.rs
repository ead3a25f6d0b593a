//! reviewdog's diagnostic format (rdjson): a `DiagnosticResult` document.
//! Lines are 1-based; columns count UTF-8 bytes, 1-based, and a range's end
//! is exclusive, as reviewdog's `Position` says. Related source passages are
//! `related_locations`; fixes are `suggestions`.

use super::{Position, positioned};
use crate::diagnostic::{FileReport, Severity};
use serde::Serialize;

#[derive(Serialize)]
struct Result<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Pos,
    end: Pos,
}

#[derive(Serialize)]
struct Pos {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

#[derive(Serialize)]
struct RelatedLocation<'a> {
    message: String,
    location: Location<'a>,
}

fn pos(p: Position) -> Pos {
    Pos {
        line: p.line,
        column: p.bytes,
    }
}

fn range(r: super::Range) -> Range {
    Range {
        start: pos(r.start),
        end: pos(r.end),
    }
}

pub fn render(reports: &[FileReport]) -> String {
    let mut diagnostics = Vec::new();
    for (r, d, positions) in positioned(reports) {
        let positions = &*positions;
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        diagnostics.push(Diagnostic {
            message,
            location: Location {
                path: &r.path,
                range: range(positions.range(d.span)),
            },
            severity: match d.severity {
                Severity::Error => "ERROR",
                Severity::Warning => "WARNING",
                Severity::Info => "INFO",
            },
            source: Source { name: "provlint" },
            code: Code { value: d.code },
            suggestions: d
                .fix
                .iter()
                .map(|f| Suggestion {
                    range: range(positions.range(f.span)),
                    text: &f.replacement,
                })
                .collect(),
            related_locations: d
                .related
                .iter()
                .map(|rel| RelatedLocation {
                    message: format!("{}: {} ({})", rel.source, rel.message, rel.citation),
                    location: Location {
                        path: &rel.path,
                        range: range(super::related_range(rel)),
                    },
                })
                .collect(),
        });
    }
    let doc = Result {
        source: Source { name: "provlint" },
        diagnostics,
    };
    serde_json::to_string_pretty(&doc).expect("rdjson serializes") + "\n"
}
