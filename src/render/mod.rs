//! Output formats. Each is a pure function of the findings: the checks
//! never format, and no renderer adds facts of its own.
//!
//! Spans are byte offsets inside provlint; each format converts them to the
//! column unit its consumer counts in, here at the edge:
//!
//! | format | columns |
//! |---|---|
//! | human, concise, json, json-lines, junit, github | Unicode code points |
//! | sarif | UTF-16 code units (declared as `columnKind`) |
//! | rdjson | UTF-8 bytes, end exclusive |

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod rdjson;
pub mod sarif;

use crate::diagnostic::{Diagnostic, FileReport};
use crate::span::{LineIndex, Location, Span};
use clap::ValueEnum;
use std::rc::Rc;

/// The `--format` values of commands that print a listing (`extract`,
/// `corpus list`, `report`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical reports with the draft and source snippets (default).
    Human,
    /// One versioned JSON document.
    Json,
}

/// The `--format` values of `provlint check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Graphical reports with the draft and source snippets (default).
    Human,
    /// One line a finding: `path:line:col: severity[code] message`.
    Concise,
    /// One versioned JSON document.
    Json,
    /// One JSON object a line, one line a finding.
    JsonLines,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// reviewdog's diagnostic format (rdjson).
    Rdjson,
    /// JUnit XML, for CI test reports.
    Junit,
}

/// A position in every unit a format may count columns in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode code points.
    pub chars: usize,
    /// 1-based column in UTF-16 code units.
    pub utf16: usize,
    /// 1-based column in UTF-8 bytes.
    pub bytes: usize,
}

/// A span's two ends, in every unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: Position,
    /// The position just past the span's last character.
    pub end: Position,
}

impl Range {
    pub fn single_line(&self) -> bool {
        self.start.line == self.end.line
    }
}

/// Lines and columns of one text.
pub struct Positions<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Positions<'a> {
        Positions {
            text,
            index: LineIndex::new(text),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let lc = self.index.line_col(self.text, offset);
        Position {
            line: lc.line,
            chars: lc.column,
            utf16: self.index.utf16_column(self.text, offset),
            bytes: self.index.byte_column(self.text, offset),
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end),
        }
    }

    pub fn location(&self, span: Span) -> Location {
        Location::resolve(self.text, &self.index, span)
    }
}

/// The range of a related place in its source file, computed from the
/// line it already knows (no index of the whole file needed).
pub fn related_range(rel: &crate::diagnostic::Related) -> Range {
    let text: &str = &rel.file_text;
    let at = |offset: usize, line: usize| {
        let offset = crate::span::floor_char_boundary(text, offset);
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[start..offset];
        Position {
            line,
            chars: before.chars().count() + 1,
            utf16: before.chars().map(char::len_utf16).sum::<usize>() + 1,
            bytes: before.len() + 1,
        }
    };
    Range {
        start: at(rel.span.start, rel.span.line),
        end: at(rel.span.end, rel.span.end_line),
    }
}

/// A finding's message and help as one text, for formats with a single
/// message field: the message, then the help and the fix on lines of their
/// own.
pub fn full_message(d: &Diagnostic) -> String {
    let mut out = d.message.clone();
    if let Some(help) = &d.help {
        out.push_str("\nhelp: ");
        out.push_str(help);
    }
    if let Some(fix) = &d.fix {
        let kind = match fix.applicability {
            crate::diagnostic::Applicability::Safe => "fix",
            crate::diagnostic::Applicability::Unsafe => "fix (unsafe)",
        };
        if fix.replacement.is_empty() {
            out.push_str(&format!("\n{kind}: {}", fix.message));
        } else {
            out.push_str(&format!("\n{kind}: {}: “{}”", fix.message, fix.replacement));
        }
    }
    out
}

/// Every finding of every report with its report, in order.
/// [`findings`], each with the positions of its file (built once a file
/// with findings), for formats that give lines and columns.
pub fn positioned(
    reports: &[FileReport],
) -> impl Iterator<Item = (&FileReport, &Diagnostic, Rc<Positions<'_>>)> {
    reports
        .iter()
        .filter(|r| !r.diagnostics.is_empty())
        .flat_map(|r| {
            let positions = Rc::new(Positions::new(&r.text));
            r.diagnostics
                .iter()
                .map(move |d| (r, d, Rc::clone(&positions)))
        })
}

pub fn findings(reports: &[FileReport]) -> impl Iterator<Item = (&FileReport, &Diagnostic)> {
    reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
}

/// The rules that findings in `reports` cite, in registry order, then any
/// other codes in order of appearance (codes of rules being added elsewhere).
pub fn cited_codes(reports: &[FileReport]) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = crate::rules::RULES.iter().map(|r| r.code).collect();
    for (_, d) in findings(reports) {
        if !codes.contains(&d.code) {
            codes.push(d.code);
        }
    }
    codes
}

/// Escapes `s` for XML text and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_of_a_position() {
        let text = "Víctor «Enríquez» 𝄞 x\nb";
        let p = Positions::new(text);
        let x = text.find('x').unwrap();
        // V í c t o r _ « E n r í q u e z » _ 𝄞 _ x: x is the 21st char,
        // 22nd UTF-16 unit (the clef is two), byte 27 (í, «, í, » are two
        // bytes each, the clef four).
        assert_eq!(
            p.position(x),
            Position {
                line: 1,
                chars: 21,
                utf16: 22,
                bytes: 28
            }
        );
        assert_eq!(x, 27);
        assert_eq!(p.position(text.len()).line, 2);
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(
            xml_escape("a<b>&\"'\n\u{1}"),
            "a&lt;b&gt;&amp;&quot;&apos;&#10;\u{FFFD}"
        );
    }
}
