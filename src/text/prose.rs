//! Prose text: the words of a document with markup taken out, and a map back
//! to the original bytes.
//!
//! A Markdown draft's prose is what its parser reports as text; a PDF copy's
//! prose is its text without page footers. Either way every byte of prose maps
//! back to a byte range of the original file, so a span found in prose becomes
//! an exact span in the file the user opened.

use crate::span::Span;

/// One stretch of prose and where it came from.
#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Start of this piece in the prose text.
    prose: usize,
    /// Length in the prose text.
    len: usize,
    /// Range in the original.
    orig: Span,
    /// A linear piece is a verbatim copy: prose byte `i` is original byte
    /// `orig.start + i`. Other pieces (an entity, an escape, a line break
    /// standing for a block boundary) map as a whole.
    linear: bool,
}

impl Piece {
    fn linear(&self) -> bool {
        self.linear
    }

    fn prose_end(&self) -> usize {
        self.prose + self.len
    }
}

/// Flattened prose of one document, with its map to the original bytes.
#[derive(Clone, Debug, Default)]
pub struct ProseText {
    text: String,
    pieces: Vec<Piece>,
}

impl ProseText {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original byte offset of prose offset `p`, taken as the start of a
    /// span.
    pub fn start_to_original(&self, p: usize) -> usize {
        // The first piece whose end lies beyond p holds it (pieces are in prose
        // order and contiguous).
        let i = self.pieces.partition_point(|pc| pc.prose_end() <= p);
        match self.pieces.get(i) {
            Some(pc) if pc.linear() => pc.orig.start + (p - pc.prose),
            Some(pc) => pc.orig.start,
            None => self.pieces.last().map_or(0, |pc| pc.orig.end),
        }
    }

    /// The original byte offset of prose offset `p`, taken as the end of a
    /// span (exclusive).
    pub fn end_to_original(&self, p: usize) -> usize {
        // The first piece ending at or after p holds the byte before p.
        let i = self.pieces.partition_point(|pc| pc.prose_end() < p);
        match self.pieces.get(i) {
            Some(pc) if p <= pc.prose => pc.orig.start,
            Some(pc) if pc.linear() => pc.orig.start + (p - pc.prose),
            Some(pc) => pc.orig.end,
            None => self.pieces.last().map_or(0, |pc| pc.orig.end),
        }
    }

    /// Maps a prose span to the original bytes.
    pub fn to_original(&self, span: Span) -> Span {
        if span.is_empty() {
            let at = self.start_to_original(span.start);
            return Span::new(at, at);
        }
        let start = self.start_to_original(span.start);
        let end = self.end_to_original(span.end).max(start);
        Span::new(start, end)
    }

    /// Whether prose `span` is a verbatim copy of the original (no markup,
    /// escapes or removed lines inside it).
    pub fn is_verbatim(&self, span: Span, original: &str) -> bool {
        let orig = self.to_original(span);
        original.get(orig.range()) == self.text.get(span.range())
    }
}

/// Builds a [`ProseText`] piece by piece, in order.
#[derive(Default)]
pub struct ProseBuilder {
    prose: ProseText,
}

impl ProseBuilder {
    pub fn new() -> ProseBuilder {
        ProseBuilder::default()
    }

    pub fn len(&self) -> usize {
        self.prose.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prose.text.is_empty()
    }

    pub fn text(&self) -> &str {
        &self.prose.text
    }

    /// Appends `original[span]` verbatim.
    pub fn push_verbatim(&mut self, original: &str, span: Span) {
        if span.is_empty() {
            return;
        }
        let piece = &original[span.range()];
        // Merge with the previous piece when both are verbatim and adjacent,
        // which keeps the map small for plain text.
        if let Some(last) = self.prose.pieces.last_mut() {
            if last.linear()
                && last.orig.end == span.start
                && last.prose_end() == self.prose.text.len()
            {
                last.len += piece.len();
                last.orig.end = span.end;
                self.prose.text.push_str(piece);
                return;
            }
        }
        self.push_piece(piece, span, true);
    }

    /// Appends `text`, which stands for `original[span]` as a whole (an
    /// entity, an escape, a line break for a block boundary).
    pub fn push_mapped(&mut self, text: &str, span: Span) {
        if !text.is_empty() {
            self.push_piece(text, span, false);
        }
    }

    fn push_piece(&mut self, text: &str, span: Span, linear: bool) {
        self.prose.pieces.push(Piece {
            prose: self.prose.text.len(),
            len: text.len(),
            orig: span,
            linear,
        });
        self.prose.text.push_str(text);
    }

    pub fn finish(self) -> ProseText {
        self.prose
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_pieces_map_byte_for_byte() {
        let orig = "ab **cd** ef";
        let mut b = ProseBuilder::new();
        b.push_verbatim(orig, Span::new(0, 3)); // "ab "
        b.push_verbatim(orig, Span::new(5, 7)); // "cd"
        b.push_verbatim(orig, Span::new(9, 12)); // " ef"
        let p = b.finish();
        assert_eq!(p.text(), "ab cd ef");
        // "cd" in prose is 3..5, in the original 5..7
        assert_eq!(p.to_original(Span::new(3, 5)), Span::new(5, 7));
        // "b cd e" crosses the markup: it covers it in the original
        assert_eq!(p.to_original(Span::new(1, 7)), Span::new(1, 11));
        assert!(p.is_verbatim(Span::new(3, 5), orig));
        assert!(!p.is_verbatim(Span::new(1, 7), orig));
    }

    #[test]
    fn mapped_pieces_map_as_a_whole() {
        let orig = "a &amp; b";
        let mut b = ProseBuilder::new();
        b.push_verbatim(orig, Span::new(0, 2));
        b.push_mapped("&", Span::new(2, 7));
        b.push_verbatim(orig, Span::new(7, 9));
        let p = b.finish();
        assert_eq!(p.text(), "a & b");
        assert_eq!(p.to_original(Span::new(2, 3)), Span::new(2, 7));
        assert_eq!(p.to_original(Span::new(4, 5)), Span::new(8, 9));
        assert_eq!(p.to_original(Span::new(0, 5)), Span::new(0, 9));
    }
}
