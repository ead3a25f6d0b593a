//! Positions as the client counts them.
//!
//! provlint works on byte offsets; an LSP position is a 0-based line and a
//! 0-based column counted in the code units of the negotiated encoding:
//! UTF-8 bytes, UTF-16 code units (the protocol's default) or UTF-32 code
//! units (Unicode scalar values, Rust's `char`s). These two functions are
//! the only places that convert between them.

use crate::span::{LineIndex, Span, floor_char_boundary};
use tower_lsp_server::ls_types::{
    ClientCapabilities, InitializeParams, Position, PositionEncodingKind, Range,
};

/// The unit a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use with a client: the first of the client's
    /// `general.positionEncodings` that provlint supports (the client lists
    /// them in order of preference), else the clangd-style `offsetEncoding`
    /// some older clients send, else UTF-16, as the protocol requires.
    pub fn negotiate(params: &InitializeParams) -> Encoding {
        Self::from_capabilities(&params.capabilities)
    }

    fn from_capabilities(caps: &ClientCapabilities) -> Encoding {
        let general = caps.general.as_ref();
        if let Some(offered) = general.and_then(|g| g.position_encodings.as_ref()) {
            if let Some(e) = offered.iter().find_map(|k| Encoding::parse(k.as_str())) {
                return e;
            }
        }
        if let Some(offered) = caps.offset_encoding.as_ref() {
            if let Some(e) = offered.iter().find_map(|k| Encoding::parse(k)) {
                return e;
            }
        }
        Encoding::Utf16
    }

    fn parse(name: &str) -> Option<Encoding> {
        match name {
            "utf-8" => Some(Encoding::Utf8),
            "utf-16" => Some(Encoding::Utf16),
            "utf-32" => Some(Encoding::Utf32),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
            Encoding::Utf32 => "utf-32",
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        PositionEncodingKind::from(self.name())
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A text with its line index: what both conversions need.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str, lines: &'a LineIndex) -> Text<'a> {
        Text { text, lines }
    }

    /// The position of byte `offset`. An offset inside a character counts
    /// as that character's start; one past the end is the end.
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let offset = floor_char_boundary(self.text, offset);
        let at = self.lines.line_col(self.text, offset);
        let start = self.lines.line_start(at.line).unwrap_or(0);
        let character: usize = self.text[start..offset].chars().map(|c| enc.units(c)).sum();
        Position::new(to_u32(at.line - 1), to_u32(character))
    }

    pub fn range(&self, span: Span, enc: Encoding) -> Range {
        Range::new(self.position(span.start, enc), self.position(span.end, enc))
    }

    /// The byte offset of `pos`. As the protocol says, a character past the
    /// end of its line means the line's end (before its line break), and a
    /// line past the last means the end of the text; a position inside a
    /// character (half of a surrogate pair, a byte inside a UTF-8
    /// sequence) means that character's start.
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let Some(start) = self.lines.line_start(pos.line as usize + 1) else {
            return self.text.len();
        };
        let end = self
            .lines
            .line_start(pos.line as usize + 2)
            .map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            let next = units + enc.units(c);
            if next > pos.character as usize {
                return start + i;
            }
            units = next;
        }
        start + line.len()
    }

    pub fn span(&self, range: Range, enc: Encoding) -> Span {
        let a = self.offset(range.start, enc);
        let b = self.offset(range.end, enc);
        Span::new(a.min(b), a.max(b))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Víctor Jara\n«Enríquez» 𝄞 dijo\r\nfin";

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn positions_in_each_encoding() {
        let lines = LineIndex::new(TEXT);
        let t = Text::new(TEXT, &lines);
        // "Jara": "Víctor " is 8 bytes, 7 UTF-16 units, 7 chars.
        let j = TEXT.find("Jara").unwrap();
        assert_eq!(t.position(j, Encoding::Utf8), pos(0, 8));
        assert_eq!(t.position(j, Encoding::Utf16), pos(0, 7));
        assert_eq!(t.position(j, Encoding::Utf32), pos(0, 7));
        // "dijo" after «Enríquez» 𝄞 : « is 2 bytes, í 2, 𝄞 4 bytes / 2
        // UTF-16 units / 1 char.
        let d = TEXT.find("dijo").unwrap();
        assert_eq!(t.position(d, Encoding::Utf8), pos(1, 19));
        assert_eq!(t.position(d, Encoding::Utf16), pos(1, 14));
        assert_eq!(t.position(d, Encoding::Utf32), pos(1, 13));
        // The clef itself, and just after it.
        let clef = TEXT.find('𝄞').unwrap();
        let after = clef + '𝄞'.len_utf8();
        assert_eq!(
            t.range(Span::new(clef, after), Encoding::Utf16),
            Range::new(pos(1, 11), pos(1, 13))
        );
        assert_eq!(
            t.range(Span::new(clef, after), Encoding::Utf32),
            Range::new(pos(1, 11), pos(1, 12))
        );
        assert_eq!(
            t.range(Span::new(clef, after), Encoding::Utf8),
            Range::new(pos(1, 14), pos(1, 18))
        );
        // The end of the text.
        assert_eq!(t.position(TEXT.len(), Encoding::Utf16), pos(2, 3));
    }

    #[test]
    fn offsets_round_trip_in_each_encoding() {
        let lines = LineIndex::new(TEXT);
        let t = Text::new(TEXT, &lines);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (offset, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
                let p = t.position(offset, enc);
                // A "\r\n" line end: the \r is the end of its line.
                let expected = if TEXT[offset..].starts_with('\n')
                    && offset > 0
                    && &TEXT[offset - 1..offset] == "\r"
                {
                    offset - 1
                } else {
                    offset
                };
                assert_eq!(t.offset(p, enc), expected, "{enc:?} at {offset} ({p:?})");
            }
        }
    }

    #[test]
    fn positions_out_of_range_are_clamped() {
        let lines = LineIndex::new(TEXT);
        let t = Text::new(TEXT, &lines);
        // Past the end of a line: the line's end, before the line break.
        assert_eq!(t.offset(pos(0, 99), Encoding::Utf16), "Víctor Jara".len());
        assert_eq!(
            t.offset(pos(1, 99), Encoding::Utf16),
            TEXT.find('\r').unwrap()
        );
        // Past the last line: the end.
        assert_eq!(t.offset(pos(9, 0), Encoding::Utf16), TEXT.len());
        // Inside the surrogate pair of 𝄞, or inside the bytes of «: the
        // character's start.
        let clef = TEXT.find('𝄞').unwrap();
        assert_eq!(t.offset(pos(1, 12), Encoding::Utf16), clef);
        assert_eq!(t.offset(pos(1, 1), Encoding::Utf8), TEXT.find('«').unwrap());
        // A byte offset inside a character is that character.
        assert_eq!(t.position(clef + 2, Encoding::Utf16), pos(1, 11));
    }

    #[test]
    fn negotiation_follows_the_client() {
        let caps = |json: &str| -> ClientCapabilities { serde_json::from_str(json).unwrap() };
        assert_eq!(
            Encoding::from_capabilities(&caps("{}")),
            Encoding::Utf16,
            "the protocol's default"
        );
        assert_eq!(
            Encoding::from_capabilities(&caps(
                r#"{"general":{"positionEncodings":["utf-32","utf-8","utf-16"]}}"#
            )),
            Encoding::Utf32,
            "the client's first choice"
        );
        assert_eq!(
            Encoding::from_capabilities(&caps(
                r#"{"general":{"positionEncodings":["utf-7","utf-8"]}}"#
            )),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::from_capabilities(&caps(r#"{"offsetEncoding":["utf-8","utf-16"]}"#)),
            Encoding::Utf8,
            "clangd's extension"
        );
    }
}
