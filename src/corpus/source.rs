//! One source document: its manifest entry, its text, and its prose.

use super::manifest::SourceEntry;
use crate::span::{LineIndex, Span};
use crate::text::document::{self, Document};
use crate::text::tokenize::{self, Token};
use std::sync::{Arc, OnceLock};

/// Index of a source in its corpus: a cheap, typed handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceIdx(pub u32);

impl SourceIdx {
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

/// A source: its manifest entry and its text, read on first use.
#[derive(Debug)]
pub struct Source {
    pub entry: SourceEntry,
    text: OnceLock<Arc<str>>,
    /// The file's size when the corpus was opened (a lazily read source must
    /// still have it).
    size: u64,
    /// Why the text could not be read, if it could not.
    failed: OnceLock<String>,
    lines: OnceLock<LineIndex>,
}

impl Source {
    /// A source whose text is already read.
    pub fn new(entry: SourceEntry, text: Arc<str>) -> Source {
        let size = text.len() as u64;
        Source {
            entry,
            text: OnceLock::from(text),
            size,
            failed: OnceLock::new(),
            lines: OnceLock::new(),
        }
    }

    /// A source whose text is read from `entry.path` on first use; the file
    /// is expected to have `size` bytes (as when it was indexed).
    pub fn lazy(entry: SourceEntry, size: u64) -> Source {
        Source {
            entry,
            text: OnceLock::new(),
            size,
            failed: OnceLock::new(),
            lines: OnceLock::new(),
        }
    }

    pub fn id(&self) -> &str {
        &self.entry.id
    }

    /// The original text, byte for byte (read from the file on first use).
    /// If the file can no longer be read, or changed since the corpus was
    /// opened, the text is empty and [`Source::load_error`] says why.
    pub fn text(&self) -> &Arc<str> {
        self.text.get_or_init(|| match self.read() {
            Ok(t) => t,
            Err(msg) => {
                let _ = self.failed.set(msg);
                Arc::from("")
            }
        })
    }

    fn read(&self) -> Result<Arc<str>, String> {
        let path = &self.entry.path;
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if bytes.len() as u64 != self.size {
            return Err(format!(
                "{} changed while provlint was running (run it again)",
                path.display()
            ));
        }
        crate::error::text_from_bytes(path, bytes, "source")
            .map(Arc::from)
            .map_err(|e| e.message)
    }

    /// Why the text could not be read, once [`Source::text`] was asked.
    pub fn load_error(&self) -> Option<&str> {
        self.failed.get().map(String::as_str)
    }

    /// The size of the source file in bytes (without reading it).
    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.text()))
    }

    /// "Title", Author (Publication, date): how a source is named to people.
    pub fn citation(&self) -> String {
        let e = &self.entry;
        let by = if e.authors.is_empty() {
            String::new()
        } else {
            format!(", {}", e.authors.join(" and "))
        };
        format!("“{}”{by}, {}, {}", e.title, e.publication, e.published)
    }

    /// Reads the source into prose and tokens.
    pub fn analyze(&self) -> SourceText {
        analyze_text(&self.entry, self.text())
    }
}

/// Reads `text`, the text of the source `entry` describes, into prose and
/// tokens.
pub fn analyze_text(entry: &SourceEntry, text: &str) -> SourceText {
    let doc = read_document(entry, text);
    let tokens = tokenize::tokenize(doc.prose.text());
    let words = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word())
        .map(|(i, _)| i as u32)
        .collect();
    SourceText { doc, tokens, words }
}

/// Reads `text`, the text of the source `entry` describes, into prose.
pub fn read_document(entry: &SourceEntry, text: &str) -> Document {
    let skip = |line: &str| {
        is_page_furniture(line) || entry.exclude_lines.iter().any(|re| re.is_match(line))
    };
    document::read(text, entry.format, &skip)
}

/// A source read into prose and tokens.
#[derive(Debug)]
pub struct SourceText {
    pub doc: Document,
    /// All tokens of the prose (words, punctuation and marks).
    pub tokens: Vec<Token>,
    /// For each word, its position in `tokens`. The index numbers a source's
    /// words in this order.
    pub words: Vec<u32>,
}

impl SourceText {
    pub fn prose(&self) -> &str {
        self.doc.prose.text()
    }

    /// The token of word `w`.
    pub fn word(&self, w: usize) -> &Token {
        &self.tokens[self.words[w] as usize]
    }

    /// The source's sentences, as prose spans. Paragraph breaks are ignored
    /// (a PDF copy breaks paragraphs mid-sentence); punctuation decides.
    pub fn sentences(&self) -> Vec<Span> {
        let prose = self.prose();
        crate::text::sentences::split(prose, Span::new(0, prose.len()))
    }
}

/// Whether a line of a plain-text copy is page furniture, not text: a
/// running header or footer made only of web addresses, e-mail addresses and
/// page numbers (in any script), with at least one address. A PDF copy puts
/// such lines in the middle of sentences.
pub fn is_page_furniture(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > 200 {
        return false;
    }
    let mut has_address = false;
    for word in line.split_whitespace() {
        let w = word.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ','));
        let lower = w.to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
            || is_email(w)
        {
            has_address = true;
        } else if w.chars().all(char::is_numeric) && w.chars().count() <= 5 {
            // a page number, in any digits (the wsws copy has ٨)
        } else if matches!(
            lower.as_str(),
            "page" | "p." | "of" | "|" | "-" | "–" | "—" | "•" | "/" | ""
        ) {
        } else {
            return false;
        }
    }
    has_address
}

fn is_email(w: &str) -> bool {
    let Some((user, host)) = w.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !w.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_furniture() {
        assert!(is_page_furniture(
            "www.afgazad.com                                afgazad@gmail.com    ٨"
        ));
        assert!(is_page_furniture("  https://example.org/x | page 3 of 12"));
        assert!(!is_page_furniture("1976. "));
        assert!(!is_page_furniture("See www.example.org for more."));
        assert!(!is_page_furniture(""));
    }
}
