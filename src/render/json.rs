//! The JSON format: one versioned document, written with serde.
//!
//! `{"version":1,"diagnostics":[...],"summary":{...}}`. Spans carry byte
//! offsets (`start`, `end`, end exclusive) and 1-based lines and columns
//! counted in Unicode scalar values (`end_line`/`end_column` are the position
//! just past the span).

use crate::diagnostic::{Applicability, DiffChunk, FileReport, Related, Summary};
use crate::span::{LineIndex, Location};
use serde::Serialize;

/// The JSON format's version. Bump it when a field changes meaning or goes.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
pub struct Document<'a> {
    pub version: u32,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<Vec<JsonVerified<'a>>>,
    pub summary: Summary,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub code: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub span: Location,
    pub label: &'a str,
    pub related: &'a [Related],
    pub help: Option<&'a str>,
    pub diff: Option<&'a [DiffChunk]>,
    pub fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub span: Location,
    pub replacement: &'a str,
    pub applicability: Applicability,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct JsonVerified<'a> {
    pub path: &'a str,
    pub span: Location,
    pub text: &'a str,
    pub sources: &'a [Related],
}

/// Builds the JSON document for `reports`.
pub fn document(reports: &[FileReport], show_verified: bool) -> Document<'_> {
    let mut diagnostics = Vec::new();
    let mut verified = Vec::new();
    for r in reports {
        let lines = LineIndex::new(&r.text);
        let loc = |span| Location::resolve(&r.text, &lines, span);
        for d in &r.diagnostics {
            diagnostics.push(JsonDiagnostic {
                path: &r.path,
                code: d.code,
                severity: d.severity.as_str(),
                message: &d.message,
                span: loc(d.span),
                label: &d.label,
                related: &d.related,
                help: d.help.as_deref(),
                diff: d.diff.as_deref(),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    span: loc(f.span),
                    replacement: &f.replacement,
                    applicability: f.applicability,
                    message: &f.message,
                }),
            });
        }
        if show_verified {
            for v in &r.verified {
                verified.push(JsonVerified {
                    path: &r.path,
                    span: loc(v.span),
                    text: &v.text,
                    sources: &v.sources,
                });
            }
        }
    }
    Document {
        version: VERSION,
        diagnostics,
        verified: show_verified.then_some(verified),
        summary: Summary::of(reports),
    }
}

/// The JSON text for `reports`, pretty-printed, with a final newline.
pub fn render(reports: &[FileReport], show_verified: bool) -> String {
    let mut s = serde_json::to_string_pretty(&document(reports, show_verified))
        .expect("diagnostics serialize");
    s.push('\n');
    s
}
