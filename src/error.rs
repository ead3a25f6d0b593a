//! Errors a user can act on: bad input, bad configuration, unreadable files.
//!
//! Each says which file, where in it (a labelled span when there is one), and
//! what to do next. They are rendered by miette, and they mean exit code 2.

use crate::span::{LineIndex, Span};
use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A user-facing error.
#[derive(Debug)]
pub struct Error {
    /// A stable code naming the kind of error (`io::not-utf8`, `manifest::duplicate-id`).
    pub code: &'static str,
    pub message: String,
    pub path: Option<PathBuf>,
    /// The file's text, when the error points into it.
    source: Option<NamedSource<Arc<str>>>,
    /// Byte span in that text, with its label.
    pub span: Option<(Span, String)>,
    pub help: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: &'static str, message: impl Into<String>) -> Error {
        Error {
            code,
            message: message.into(),
            path: None,
            source: None,
            span: None,
            help: None,
        }
    }

    pub fn with_path(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }

    /// Points the error at `span` of `text`, the contents of the error's file.
    pub fn with_span(mut self, text: Arc<str>, span: Span, label: impl Into<String>) -> Error {
        let name = self
            .path
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<input>".to_string());
        let span = Span::new(span.start.min(text.len()), span.end.min(text.len()));
        self.source = Some(NamedSource::new(name, text).with_language("toml"));
        self.span = Some((span, label.into()));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Error {
        self.help = Some(help.into());
        self
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: &std::io::Error, doing: &str) -> Error {
        let (code, help) = match err.kind() {
            std::io::ErrorKind::NotFound => (
                "io::not-found",
                "check the path; relative paths are taken from the current directory",
            ),
            std::io::ErrorKind::PermissionDenied => {
                ("io::permission-denied", "check the file's permissions")
            }
            _ => ("io::error", "check that the path names a readable file"),
        };
        Error::new(code, format!("cannot {doing} {}: {err}", path.display()))
            .with_path(path)
            .with_help(help)
    }

    /// The position of the error in its file, as `path:line:column`, when
    /// it has one.
    pub fn position(&self) -> Option<String> {
        let path = self.path.as_ref()?;
        let Some((span, _)) = &self.span else {
            return Some(path.display().to_string());
        };
        let text = self.source.as_ref()?.inner();
        let idx = LineIndex::new(text);
        let lc = idx.line_col(text, span.start);
        Some(format!("{}:{}:{}", path.display(), lc.line, lc.column))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, &self.span) {
            // With a span the snippet shows the file; without one, name it.
            (Some(path), None) if !self.message.contains(&path.display().to_string()) => {
                write!(f, "{}: {}", path.display(), self.message)
            }
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl Diagnostic for Error {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (span, label) = self.span.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(label.clone()), *span),
        )))
    }
}

/// Describes where `bytes` stop being UTF-8: the line and column of the first
/// bad byte (counting the valid text before it).
pub fn utf8_error_position(bytes: &[u8], err: &std::str::Utf8Error) -> (usize, usize, usize) {
    let valid = err.valid_up_to();
    // The prefix is valid UTF-8 by definition.
    let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let idx = LineIndex::new(prefix);
    let lc = idx.line_col(prefix, valid);
    (valid, lc.line, lc.column)
}

/// Reads a text file, refusing binary files and invalid UTF-8 with an error
/// that gives the position of the first offending byte. `what` names the
/// file's role ("draft", "source").
pub fn read_text_file(path: &Path, what: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e, &format!("read {what}")))?;
    text_from_bytes(path, bytes, what)
}

/// Turns the bytes of `path` into text, or explains why they are not.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>, what: &str) -> Result<String> {
    if let Some(nul) = memchr_nul(&bytes) {
        return Err(Error::new(
            "io::binary",
            format!(
                "{}: {what} is a binary file (NUL byte at offset {nul}), not text",
                path.display()
            ),
        )
        .with_path(path)
        .with_help("provlint reads UTF-8 text and Markdown; convert the file to text first"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let (offset, line, col) = utf8_error_position(e.as_bytes(), &e.utf8_error());
        Error::new(
            "io::not-utf8",
            format!(
                "{}:{line}:{col}: {what} is not valid UTF-8 (invalid byte at offset {offset})",
                path.display()
            ),
        )
        .with_path(path)
        .with_help("save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`)")
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|b| *b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let bytes = b"good line\nVi\xedctor".to_vec();
        let err = text_from_bytes(Path::new("d.md"), bytes, "draft").unwrap_err();
        assert_eq!(err.code, "io::not-utf8");
        assert!(err.message.contains("d.md:2:3"), "{}", err.message);
        assert!(err.message.contains("offset 12"), "{}", err.message);
    }

    #[test]
    fn binary_is_refused() {
        let err = text_from_bytes(Path::new("x.png"), vec![0x89, b'P', 0, 1], "draft").unwrap_err();
        assert_eq!(err.code, "io::binary");
    }
}
