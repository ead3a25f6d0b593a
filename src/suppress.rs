//! Inline suppressions, in HTML comments that work anywhere in Markdown:
//!
//! ```markdown
//! <!-- provlint-disable-next-line quote::unverified -- from an interview -->
//! <!-- provlint-disable-line figure::unattributed -->
//! <!-- provlint-disable date::disputed -- we side with the FI here -->
//! ...
//! <!-- provlint-enable date::disputed -->
//! <!-- provlint-disable-file -->
//! ```
//!
//! Codes are separated by spaces or commas; none means every rule. A reason
//! may follow `--`. A suppression that suppresses nothing is reported as
//! `suppression::unused`, so they never outlive what they were written for.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;
use crate::span::{LineIndex, Span};
use crate::text::document::Comment;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Findings that start on this 1-based line.
    Line(usize),
    /// Findings that start inside these 1-based lines (inclusive).
    Lines(usize, usize),
    File,
}

/// One suppression comment.
#[derive(Clone, Debug)]
pub struct Suppression {
    /// The comment.
    pub span: Span,
    /// Rule codes; empty means all.
    pub codes: Vec<String>,
    pub reason: Option<String>,
    pub scope: Scope,
    /// The directive as written (`disable-next-line`).
    pub directive: &'static str,
}

impl Suppression {
    fn covers(&self, d: &Diagnostic, line: usize) -> bool {
        let code_ok = self.codes.is_empty() || self.codes.iter().any(|c| c == d.code);
        let place_ok = match self.scope {
            Scope::Line(l) => l == line,
            Scope::Lines(a, b) => (a..=b).contains(&line),
            Scope::File => true,
        };
        code_ok && place_ok
    }
}

/// A comment that looks like a suppression but cannot be read as one.
#[derive(Clone, Debug)]
pub struct Malformed {
    pub span: Span,
    pub message: String,
}

/// Reads the suppressions among a draft's comments.
pub fn parse(
    comments: &[Comment],
    text: &str,
    lines: &LineIndex,
) -> (Vec<Suppression>, Vec<Malformed>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    // Open `provlint-disable` blocks: (index into out, codes).
    let mut open: Vec<usize> = Vec::new();
    for c in comments {
        let body = c.body.trim();
        let Some(rest) = body.strip_prefix("provlint-") else {
            continue;
        };
        let (directive, rest) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let (codes_part, reason) = match rest.split_once("--") {
            Some((codes, reason)) => (
                codes,
                Some(reason.trim().to_string()).filter(|r| !r.is_empty()),
            ),
            None => (rest, None),
        };
        let codes: Vec<String> = codes_part
            .split(|ch: char| ch.is_whitespace() || ch == ',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if let Some(unknown) = codes.iter().find(|code| rules::lookup(code).is_none()) {
            let hint = rules::closest(unknown)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            bad.push(Malformed {
                span: c.span,
                message: format!("unknown rule `{unknown}` in a provlint comment{hint}"),
            });
            continue;
        }
        let start_line = lines.line_col(text, c.span.start).line;
        let end_line = lines
            .line_col(text, c.span.end.saturating_sub(1).max(c.span.start))
            .line;
        let (directive, scope): (&'static str, Scope) = match directive {
            "disable-next-line" => (
                "disable-next-line",
                Scope::Line(next_content_line(text, lines, end_line)),
            ),
            "disable-line" => ("disable-line", Scope::Lines(start_line, end_line)),
            "disable-file" => ("disable-file", Scope::File),
            "disable" => {
                open.push(out.len());
                ("disable", Scope::Lines(end_line, usize::MAX))
            }
            "enable" => {
                // Close the blocks it names (or all, without codes).
                let mut closed = false;
                open.retain(|&i| {
                    let s: &mut Suppression = &mut out[i];
                    let matches = codes.is_empty()
                        || s.codes.iter().any(|c| codes.contains(c))
                        || s.codes.is_empty();
                    if matches {
                        if let Scope::Lines(a, _) = s.scope {
                            s.scope = Scope::Lines(a, start_line);
                        }
                        closed = true;
                    }
                    !matches
                });
                if !closed {
                    bad.push(Malformed {
                        span: c.span,
                        message: "provlint-enable without a provlint-disable before it".to_string(),
                    });
                }
                continue;
            }
            other => {
                bad.push(Malformed {
                    span: c.span,
                    message: format!(
                        "unknown provlint directive `provlint-{other}`: use disable-next-line, disable-line, disable, enable or disable-file"
                    ),
                });
                continue;
            }
        };
        out.push(Suppression {
            span: c.span,
            codes,
            reason,
            scope,
            directive,
        });
    }
    (out, bad)
}

/// The first line after `line` that holds something other than white space
/// and comments.
fn next_content_line(text: &str, lines: &LineIndex, line: usize) -> usize {
    let mut l = line + 1;
    while let Some(start) = lines.line_start(l) {
        let end = lines.line_start(l + 1).unwrap_or(text.len());
        let content = text[start..end].trim();
        let comment = content.starts_with("<!--") && content.ends_with("-->");
        if !(content.is_empty() || comment) {
            return l;
        }
        l += 1;
    }
    line + 1
}

/// Removes the findings the suppressions cover and reports the suppressions
/// (and malformed provlint comments) that covered nothing.
pub fn apply(
    diagnostics: &mut Vec<Diagnostic>,
    comments: &[Comment],
    text: &str,
    lines: &LineIndex,
    unused_severity: Option<Severity>,
) {
    let (suppressions, malformed) = parse(comments, text, lines);
    if suppressions.is_empty() && malformed.is_empty() {
        return;
    }
    let mut used = vec![false; suppressions.len()];
    diagnostics.retain(|d| {
        let line = lines.line_col(text, d.span.start).line;
        let mut keep = true;
        for (i, s) in suppressions.iter().enumerate() {
            if s.covers(d, line) {
                used[i] = true;
                keep = false;
            }
        }
        keep
    });
    let Some(severity) = unused_severity else {
        return;
    };
    for (s, used) in suppressions.iter().zip(used) {
        if used {
            continue;
        }
        let what = if s.codes.is_empty() {
            "any finding".to_string()
        } else {
            s.codes.join(", ")
        };
        diagnostics.push(Diagnostic {
            code: rules::SUPPRESSION_UNUSED.code,
            severity,
            message: format!("this provlint-{} suppresses nothing ({what})", s.directive),
            span: s.span,
            label: "suppresses nothing".to_string(),
            related: Vec::new(),
            help: Some("the finding it was written for is gone: remove the comment".to_string()),
            diff: None,
            fix: Some(crate::diagnostic::Fix {
                span: removal_span(text, s.span),
                replacement: String::new(),
                applicability: crate::diagnostic::Applicability::Safe,
                message: "remove the comment".to_string(),
            }),
        });
    }
    for m in malformed {
        diagnostics.push(Diagnostic {
            code: rules::SUPPRESSION_UNUSED.code,
            severity,
            message: m.message,
            span: m.span,
            label: "cannot be read".to_string(),
            related: Vec::new(),
            help: Some(
                "`provlint explain suppression::unused` shows the forms a suppression takes"
                    .to_string(),
            ),
            diff: None,
            fix: None,
        });
    }
}

/// What removing the comment at `span` removes: its whole line (line break
/// included) when nothing else is on it, else just the comment and the
/// spaces before it.
fn removal_span(text: &str, span: Span) -> Span {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let before = &text[line_start..span.start];
    let after = &text[span.end..line_end];
    if before.trim().is_empty() && after.trim().is_empty() {
        Span::new(line_start, (line_end + 1).min(text.len()))
    } else {
        let spaces = before.len() - before.trim_end().len();
        Span::new(span.start - spaces, span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Format;
    use crate::text::document::{keep_all_lines, read};

    fn suppressions(md: &str) -> Vec<(Vec<String>, Option<String>, Scope)> {
        let doc = read(md, Format::Markdown, &keep_all_lines);
        let lines = LineIndex::new(md);
        parse(&doc.comments, md, &lines)
            .0
            .into_iter()
            .map(|s| (s.codes, s.reason, s.scope))
            .collect()
    }

    #[test]
    fn every_form() {
        let md = "<!-- provlint-disable-next-line quote::unverified -- from an interview -->\n\nText.\n\nMore <!-- provlint-disable-line quote::mismatch, quote::unverified -->\n\n<!-- provlint-disable -->\n\na\n\n<!-- provlint-enable -->\n\n<!-- provlint-disable-file quote::mismatch -->\n";
        let s = suppressions(md);
        assert_eq!(
            s[0],
            (
                vec!["quote::unverified".to_string()],
                Some("from an interview".to_string()),
                Scope::Line(3)
            )
        );
        assert_eq!(s[1].2, Scope::Lines(5, 5));
        assert_eq!(s[1].0.len(), 2);
        assert_eq!(s[2].2, Scope::Lines(7, 11));
        assert_eq!(s[3].2, Scope::File);
    }

    #[test]
    fn removing_a_comment_removes_its_line_when_it_is_alone() {
        let text = "a\n  <!-- x -->\nb <!-- y -->\n";
        let x = text.find("<!-- x").unwrap();
        let y = text.find("<!-- y").unwrap();
        let sx = removal_span(text, Span::new(x, x + 10));
        assert_eq!(&text[sx.range()], "  <!-- x -->\n");
        let sy = removal_span(text, Span::new(y, y + 10));
        assert_eq!(&text[sy.range()], " <!-- y -->");
    }

    #[test]
    fn unknown_codes_and_directives_are_reported() {
        let md = "<!-- provlint-disable-line quote::mismatc -->\n<!-- provlint-silence -->\n<!-- provlint-enable -->\n";
        let doc = read(md, Format::Markdown, &keep_all_lines);
        let (ok, bad) = parse(&doc.comments, md, &LineIndex::new(md));
        assert!(ok.is_empty());
        assert_eq!(bad.len(), 3);
        assert!(bad[0].message.contains("quote::mismatch"));
    }
}
