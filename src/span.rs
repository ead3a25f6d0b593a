//! Byte spans and their conversion to lines and columns.
//!
//! Everything inside provlint works on byte offsets into the original bytes of
//! a file (a draft or a corpus source). Lines and columns are computed only at
//! the edges, when a finding is shown to a person or written out. Lines and
//! columns are 1-based; a column counts Unicode scalar values (`char`s), which
//! is what people and most editors' "column" mean.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// A half-open byte range `[start, end)` into one file's original bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> miette::SourceSpan {
        (s.start, s.len()).into()
    }
}

/// A set of spans, merged and sorted, that answers "is this offset in one
/// of them?" by a search: for checks that ask it of every token of a draft,
/// where a scan of every span would make a draft of many quotations cost
/// its tokens times its quotations.
#[derive(Clone, Debug, Default)]
pub struct SpanSet {
    spans: Vec<Span>,
}

impl SpanSet {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut all: Vec<Span> = spans.into_iter().filter(|s| !s.is_empty()).collect();
        all.sort();
        let mut spans: Vec<Span> = Vec::with_capacity(all.len());
        for s in all {
            match spans.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => spans.push(s),
            }
        }
        SpanSet { spans }
    }

    /// Whether `at` is in a span (its start included, its end not).
    pub fn contains(&self, at: usize) -> bool {
        let i = self.spans.partition_point(|s| s.end <= at);
        self.spans.get(i).is_some_and(|s| s.start <= at)
    }

    /// Whether `span` overlaps a span of the set (as `Span::overlaps`).
    pub fn overlaps(&self, span: Span) -> bool {
        let i = self.spans.partition_point(|s| s.end <= span.start);
        self.spans.get(i).is_some_and(|s| s.overlaps(span))
    }
}

/// A position for people: 1-based line and 1-based column in `char`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line starts of a text, to turn byte offsets into lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the first byte of every line; always starts with 0.
    starts: Vec<usize>,
    /// Marks inside long lines, in order of offset: a column is counted from
    /// the mark before it rather than from its line's start, so finding the
    /// columns of every finding on a one-line book stays linear.
    marks: Vec<Mark>,
}

/// A place inside a long line, with its column counts from the line start.
#[derive(Clone, Copy, Debug)]
struct Mark {
    /// A character boundary.
    at: usize,
    chars: usize,
    utf16: usize,
}

/// How far apart marks are, in bytes: a column is counted over at most
/// about this many bytes.
const MARK_EVERY: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = Vec::new();
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(text.len());
            if end - start <= MARK_EVERY {
                continue;
            }
            let (mut chars, mut utf16, mut last) = (0, 0, start);
            for (i, c) in text[start..end].char_indices() {
                let at = start + i;
                if at - last >= MARK_EVERY {
                    marks.push(Mark { at, chars, utf16 });
                    last = at;
                }
                chars += 1;
                utf16 += c.len_utf16();
            }
        }
        LineIndex { starts, marks }
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The place to count a column from for byte `offset` (a char
    /// boundary) on the line starting at `start`: the last mark of that
    /// line at or before it, else the line's start; with the characters and
    /// UTF-16 units before that place on the line.
    fn count_from(&self, start: usize, offset: usize) -> (usize, usize, usize) {
        let after = self.marks.partition_point(|m| m.at <= offset);
        match after.checked_sub(1).map(|i| self.marks[i]) {
            Some(m) if m.at >= start => (m.at, m.chars, m.utf16),
            _ => (start, 0, 0),
        }
    }

    /// Line and column of byte `offset` in `text` (the text this index was
    /// built from). An offset inside a multi-byte character counts as that
    /// character; an offset past the end is clamped to the end.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let (from, chars, _) = self.count_from(self.starts[line], offset);
        LineCol {
            line: line + 1,
            column: chars + text[from..offset].chars().count() + 1,
        }
    }

    /// Column of byte `offset` counted in UTF-16 code units (1-based), for
    /// consumers that count that way.
    pub fn utf16_column(&self, text: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(text, offset);
        let (from, _, utf16) = self.count_from(self.starts[self.line_of(offset)], offset);
        utf16
            + text[from..offset]
                .chars()
                .map(char::len_utf16)
                .sum::<usize>()
            + 1
    }

    /// Column of byte `offset` counted in bytes from the line start (1-based).
    pub fn byte_column(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        offset - self.starts[self.line_of(offset)] + 1
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A span with its line/column ends resolved: what every output format needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// Line and column of the position just past the last character.
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn resolve(text: &str, index: &LineIndex, span: Span) -> Location {
        let a = index.line_col(text, span.start);
        let b = index.line_col(text, span.end);
        Location {
            start: span.start,
            end: span.end,
            line: a.line,
            column: a.column,
            end_line: b.line,
            end_column: b.column,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns on a long line, counted from marks, are the columns counted
    /// from the line's start.
    #[test]
    fn columns_on_a_long_line_are_counted_from_marks() {
        let mut text = String::from("short line\n");
        for i in 0..3000 {
            text.push_str(["ab ", "é ", "𝄞 ", "漢字 "][i % 4]);
        }
        text.push_str("\nlast\n");
        let lines = LineIndex::new(&text);
        assert!(!lines.marks.is_empty());
        let naive = |offset: usize| {
            let offset = floor_char_boundary(&text, offset);
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[start..offset];
            (
                before.chars().count() + 1,
                before.encode_utf16().count() + 1,
            )
        };
        for offset in
            (0..=text.len() + 2)
                .step_by(7)
                .chain([MARK_EVERY, MARK_EVERY + 11, text.len()])
        {
            let lc = lines.line_col(&text, offset);
            assert_eq!(
                (lc.column, lines.utf16_column(&text, offset)),
                naive(offset),
                "at {offset}"
            );
        }
        assert_eq!(lines.line_col(&text, text.len() - 2).line, 3);
    }

    #[test]
    fn columns_count_chars_not_bytes() {
        let text = "Víctor Jara\n«Enríquez» 𝄞 x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        // "J" of Jara: "Víctor " is 7 chars but 8 bytes.
        let j = text.find("Jara").unwrap();
        assert_eq!(j, 8);
        assert_eq!(idx.line_col(text, j), LineCol { line: 1, column: 8 });
        let x = text.rfind('x').unwrap();
        // «Enríquez» 𝄞 x : « E n r í q u e z » _ 𝄞 _ x -> x is the 14th char.
        assert_eq!(
            idx.line_col(text, x),
            LineCol {
                line: 2,
                column: 14
            }
        );
        // The astral clef is two UTF-16 units and four bytes.
        assert_eq!(idx.utf16_column(text, x), 15);
        assert_eq!(idx.byte_column(text, x), x - text.find('«').unwrap() + 1);
    }

    #[test]
    fn a_span_set_merges_and_searches() {
        let set = SpanSet::new([
            Span::new(10, 20),
            Span::new(0, 3),
            Span::new(15, 25),
            Span::new(7, 7),
        ]);
        let inside: Vec<usize> = (0..30).filter(|&i| set.contains(i)).collect();
        let expected: Vec<usize> = (0..3).chain(10..25).collect();
        assert_eq!(inside, expected);
        assert!(!SpanSet::default().contains(0));
        assert!(set.overlaps(Span::new(24, 30)) && set.overlaps(Span::new(2, 11)));
        assert!(!set.overlaps(Span::new(3, 10)) && !set.overlaps(Span::new(25, 40)));
    }

    #[test]
    fn end_of_text_and_inside_a_char_are_safe() {
        let text = "ab\nc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 4), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_col(text, 99), LineCol { line: 2, column: 2 });
        let t2 = "é";
        let i2 = LineIndex::new(t2);
        assert_eq!(i2.line_col(t2, 1), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn location_of_a_span_across_lines() {
        let text = "one\ntwo three\n";
        let idx = LineIndex::new(text);
        let loc = Location::resolve(text, &idx, Span::new(2, 7));
        assert_eq!(
            (loc.line, loc.column, loc.end_line, loc.end_column),
            (1, 3, 2, 4)
        );
    }
}
