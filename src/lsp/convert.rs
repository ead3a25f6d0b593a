//! provlint's findings in the protocol's terms. Nothing here decides
//! anything about a draft: a finding's facts come from the `Diagnostic` the
//! checks made, and are only converted (byte spans to positions in the
//! negotiated encoding, evidence to `relatedInformation` in the corpus
//! files, fixes to code actions).

use super::encoding::{Encoding, Text};
use super::project::{Project, RuleDocs};
use crate::diagnostic::{Applicability, Diagnostic, Related, Severity};
use crate::span::{LineIndex, Span};
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, CodeDescription,
    DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, TextEdit, Uri, WorkspaceEdit,
};

/// What the client said it can do, as far as the server cares.
#[derive(Clone, Debug, Default)]
pub struct Caps {
    pub encoding: Encoding,
    /// `relatedInformation` on diagnostics; without it the message carries
    /// the evidence's place.
    pub related_information: bool,
    /// `codeDescription` (a link for the rule's code).
    pub code_description: bool,
    /// Markdown in hovers.
    pub markdown: bool,
    /// Watching files for the server (dynamic registration of
    /// `workspace/didChangeWatchedFiles`).
    pub watch_files: bool,
    pub relative_patterns: bool,
}

impl Caps {
    pub fn from_params(params: &lsp::InitializeParams) -> Caps {
        let caps = &params.capabilities;
        let td = caps.text_document.as_ref();
        let publish = td.and_then(|t| t.publish_diagnostics.as_ref());
        let watch = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref());
        Caps {
            encoding: Encoding::negotiate(params),
            related_information: publish.and_then(|p| p.related_information) == Some(true),
            code_description: publish.and_then(|p| p.code_description_support) == Some(true),
            markdown: td
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_some_and(|f| f.contains(&lsp::MarkupKind::Markdown)),
            watch_files: watch.and_then(|w| w.dynamic_registration) == Some(true),
            relative_patterns: watch.and_then(|w| w.relative_pattern_support) == Some(true),
        }
    }
}

/// The `file://` URI of a source, and its text with its line index.
pub struct SourceFile<'a> {
    pub uri: Uri,
    pub text: Text<'a>,
}

/// The source file a piece of evidence points into.
pub fn source_file<'a>(project: &'a Project, r: &Related) -> Option<SourceFile<'a>> {
    let idx = project.corpus.find(&r.source)?;
    let source = project.corpus.source(idx);
    let path = super::project::absolute(&source.entry.path);
    Some(SourceFile {
        uri: Uri::from_file_path(path)?,
        text: Text::new(source.text(), source.lines()),
    })
}

/// The place of a piece of evidence, in the negotiated encoding.
pub fn location(project: &Project, r: &Related, enc: Encoding) -> Option<lsp::Location> {
    let file = source_file(project, r)?;
    Some(lsp::Location::new(
        file.uri,
        file.text.range(r.span.span(), enc),
    ))
}

/// A finding as the protocol has it.
pub fn diagnostic(
    d: &Diagnostic,
    draft: Text,
    project: &Project,
    caps: &Caps,
    docs: &RuleDocs,
) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(help);
    }
    let mut related = Vec::new();
    for r in &d.related {
        match location(project, r, caps.encoding) {
            Some(loc) if caps.related_information => related.push(DiagnosticRelatedInformation {
                location: loc,
                message: format!("{}: {} — {}", r.source, r.message, r.citation),
            }),
            // Clients that show no related information (Emacs) get the
            // evidence's place in the message itself.
            _ => message.push_str(&format!(
                "\n{}: {}, {}:{}:{}",
                r.message, r.source, r.path, r.span.line, r.span.column
            )),
        }
    }
    let href = docs
        .path(d.code)
        .filter(|_| caps.code_description)
        .and_then(Uri::from_file_path);
    lsp::Diagnostic {
        range: draft.range(d.span, caps.encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("provlint".to_string()),
        message,
        related_information: caps.related_information.then_some(related),
        tags: None,
        data: None,
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// What a writer is asked to fill in after `--` in a suppression the
/// server writes.
pub const REASON_PLACEHOLDER: &str = "TODO: say why";

/// The document code actions edit.
#[derive(Clone, Copy)]
pub struct Buffer<'a> {
    pub uri: &'a Uri,
    pub text: Text<'a>,
    pub markdown: bool,
}

/// Code actions for the findings that touch `range` (bytes of the draft):
/// each finding's own fix, then a suppression of it.
pub fn code_actions(
    findings: &[Diagnostic],
    buffer: Buffer,
    range: Span,
    project: &Project,
    caps: &Caps,
    docs: &RuleDocs,
) -> Vec<CodeActionOrCommand> {
    let Buffer {
        uri,
        text: draft,
        markdown,
    } = buffer;
    let touches = |s: Span| s.start <= range.end && range.start <= s.end;
    let edit = |span: Span, new_text: String| {
        let mut changes = HashMap::new();
        changes.insert(
            uri.clone(),
            vec![TextEdit::new(draft.range(span, caps.encoding), new_text)],
        );
        Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        })
    };
    let mut fixes = Vec::new();
    let mut suppressions = Vec::new();
    for d in findings.iter().filter(|d| touches(d.span)) {
        let lsp_diag = diagnostic(d, draft, project, caps, docs);
        if let Some(fix) = &d.fix {
            fixes.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: capitalize(&fix.message),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag.clone()]),
                edit: edit(fix.span, fix.replacement.clone()),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..CodeAction::default()
            }));
        }
        // A suppression of a finding about suppressions is no answer to it.
        if d.code.starts_with("suppression::") {
            continue;
        }
        let (span, text) = suppression(draft.text, draft.lines, markdown, d.span.start, d.code);
        suppressions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Suppress {} on this line", d.code),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp_diag]),
            edit: edit(span, text),
            is_preferred: Some(false),
            ..CodeAction::default()
        }));
    }
    fixes.extend(suppressions);
    fixes
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The insertion that suppresses `code` for a finding starting at byte
/// `at`: `<!-- provlint-disable-next-line CODE -- reason -->` on a line of
/// its own above the finding's line. In Markdown, a comment line inside a
/// paragraph would end the paragraph (an HTML block interrupts one), so
/// when the finding's line continues a paragraph the comment goes at the
/// end of that line instead, as `provlint-disable-line`.
pub fn suppression(
    text: &str,
    lines: &LineIndex,
    markdown: bool,
    at: usize,
    code: &str,
) -> (Span, String) {
    let line = lines.line_col(text, at).line;
    let start = lines.line_start(line).unwrap_or(0);
    let end = lines
        .line_start(line + 1)
        .map_or(text.len(), |next| next - 1);
    let newline = if text[..end].ends_with('\r') || text[end..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let previous = (line > 1).then(|| {
        let a = lines.line_start(line - 1).unwrap_or(0);
        text[a..start].trim()
    });
    let is_comment = |p: &str| p.starts_with("<!--") && p.ends_with("-->");
    let continues_paragraph = markdown && previous.is_some_and(|p| !p.is_empty() && !is_comment(p));
    if continues_paragraph {
        let end = if text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        return (
            Span::new(end, end),
            format!(" <!-- provlint-disable-line {code} -- {REASON_PLACEHOLDER} -->"),
        );
    }
    let indent: String = text[start..end]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    (
        Span::new(start, start),
        format!(
            "{indent}<!-- provlint-disable-next-line {code} -- {REASON_PLACEHOLDER} -->{newline}"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::draft::Draft;
    use std::path::Path;

    fn apply(text: &str, (span, new): (Span, String)) -> String {
        format!("{}{}{}", &text[..span.start], new, &text[span.end..])
    }

    #[test]
    fn suppressions_go_above_a_block_or_at_the_end_of_a_paragraph_line() {
        let text = "Intro.\n\n\"A quotation of some words.\"\n";
        let lines = LineIndex::new(text);
        let at = text.find('A').unwrap();
        let out = apply(
            text,
            suppression(text, &lines, true, at, "quote::unverified"),
        );
        assert_eq!(
            out,
            "Intro.\n\n<!-- provlint-disable-next-line quote::unverified -- TODO: say why -->\n\"A quotation of some words.\"\n"
        );

        let text = "He said\n\"a quotation of some words\" once.\r\nEnd.";
        let lines = LineIndex::new(text);
        let at = text.find("a quotation").unwrap();
        let out = apply(text, suppression(text, &lines, true, at, "quote::mismatch"));
        assert_eq!(
            out,
            "He said\n\"a quotation of some words\" once. <!-- provlint-disable-line quote::mismatch -- TODO: say why -->\r\nEnd."
        );
        // Plain text has no paragraphs to break; the line's ending is kept.
        let out = apply(
            text,
            suppression(text, &lines, false, at, "quote::mismatch"),
        );
        assert!(out.starts_with("He said\n<!-- provlint-disable-next-line quote::mismatch -- TODO: say why -->\r\n\"a"), "the line's own line ending: {out:?}");
    }

    #[test]
    fn the_suppressions_written_suppress_the_finding() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let project = Project::load(&super::super::project::Origin {
            root: root.to_path_buf(),
            ..Default::default()
        })
        .unwrap();
        let settings: &Settings = &project.settings;
        let text = std::fs::read_to_string(root.join("examples/draft.md")).unwrap();
        let draft = Draft::from_path_and_text("draft.md", text.clone());
        let report = crate::checks::check(&draft, &project.corpus, settings);
        assert_eq!(report.diagnostics.len(), 2);
        for d in &report.diagnostics {
            let edit = suppression(&text, &draft.lines, true, d.span.start, d.code);
            let edited = apply(&text, edit);
            let again = crate::checks::check(
                &Draft::from_path_and_text("draft.md", edited.clone()),
                &project.corpus,
                settings,
            );
            let codes: Vec<_> = again.diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(codes.len(), 1, "{edited}\n{codes:?}");
            assert!(!codes.contains(&"suppression::unused"), "{edited}");
        }
    }
}
