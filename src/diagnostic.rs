//! The one model of a finding. Checks produce these; every output format
//! renders them, and none adds facts of its own.

use crate::span::{Location, Span};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a corpus source that backs up or contradicts a finding.
#[derive(Clone, Debug, Serialize)]
pub struct Related {
    /// The source's id in the manifest.
    pub source: String,
    /// The source file's path.
    pub path: String,
    /// Where in the source file.
    pub span: Location,
    /// The source's exact bytes at `span`.
    pub text: String,
    /// What this place shows, for people.
    pub message: String,
    /// The source's title, authors, publication and date.
    pub citation: String,
    /// The whole source file, for renderers that show a snippet.
    #[serde(skip)]
    pub file_text: Arc<str>,
}

/// Whether a fix may be applied without asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Changes nothing the writer meant.
    Safe,
    /// Rewrites the writer's words: apply only on request.
    Unsafe,
}

/// A replacement of a span of the draft.
#[derive(Clone, Debug)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
    pub applicability: Applicability,
    /// What applying it does, for people.
    pub message: String,
}

/// One piece of a word diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffChunk {
    pub op: DiffOp,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    /// In both.
    Equal,
    /// In the source, not the draft.
    Delete,
    /// In the draft, not the source.
    Insert,
}

/// Renders a diff inline, wdiff-style: `the [-must-]{+should+} be`.
pub fn inline_diff(chunks: &[DiffChunk]) -> String {
    let mut out = String::new();
    for c in chunks {
        match c.op {
            DiffOp::Equal => out.push_str(&c.text),
            DiffOp::Delete => {
                out.push_str("[-");
                out.push_str(&c.text);
                out.push_str("-]");
            }
            DiffOp::Insert => {
                out.push_str("{+");
                out.push_str(&c.text);
                out.push_str("+}");
            }
        }
    }
    out
}

/// A finding in a draft.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The rule's stable code (`quote::mismatch`).
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Byte span in the draft.
    pub span: Span,
    /// What the primary span shows, said at the span.
    pub label: String,
    pub related: Vec<Related>,
    pub help: Option<String>,
    /// A word diff, source → draft, where one helps.
    pub diff: Option<Vec<DiffChunk>>,
    pub fix: Option<Fix>,
}

/// A quotation found verbatim, for `--show-verified`.
#[derive(Clone, Debug)]
pub struct Verified {
    pub span: Span,
    pub text: String,
    /// Every source that has it.
    pub sources: Vec<Related>,
}

/// All findings in one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub path: String,
    pub text: Arc<str>,
    pub diagnostics: Vec<Diagnostic>,
    pub verified: Vec<Verified>,
}

/// Counts over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// Whether anything at or above `level` was found.
    pub fn fails(&self, level: Severity) -> bool {
        match level {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Info => self.errors + self.warnings + self.infos > 0,
        }
    }
}
