//! A draft: the text being checked, read into prose, and what provlint
//! extracts from it.

pub mod cues;
pub mod quotes;

use crate::span::{LineIndex, Location, Span};
use crate::text::Format;
use crate::text::document::{self, Document};
use std::sync::Arc;

pub use quotes::{NotAQuotation, Quotation, QuoteKind};

/// A draft read into prose.
#[derive(Debug)]
pub struct Draft {
    /// The path as given (or `--stdin-filename`), used in every report.
    pub path: String,
    pub text: Arc<str>,
    pub format: Format,
    pub doc: Document,
    pub lines: LineIndex,
}

impl Draft {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>, format: Format) -> Draft {
        let text = text.into();
        let doc = document::read(&text, format, &document::keep_all_lines);
        let lines = LineIndex::new(&text);
        Draft {
            path: path.into(),
            text,
            format,
            doc,
            lines,
        }
    }

    /// Reads a draft with the format its path implies.
    pub fn from_path_and_text(path: &str, text: impl Into<Arc<str>>) -> Draft {
        let format = Format::from_path(std::path::Path::new(path));
        Draft::new(path, text, format)
    }

    pub fn location(&self, span: Span) -> Location {
        Location::resolve(&self.text, &self.lines, span)
    }

    /// The quotations in this draft.
    pub fn quotations(&self) -> Vec<Quotation> {
        quotes::extract(&self.doc)
    }
}
