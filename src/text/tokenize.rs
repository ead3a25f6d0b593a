//! Splitting prose into words, punctuation and marks.
//!
//! The same tokenizer runs over drafts and sources, at index time and at
//! check time, so a source's token `n` is always the same words.

use super::normalize::{
    self, is_dash, is_ignorable_mark, is_invisible, is_quote_mark, is_single_quote, is_word_char,
    is_word_hyphen,
};
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes and hyphens (`don't`,
    /// `so-called`, `1964-65`), digit groups (`3,000`, `36.3`), and words
    /// hyphenated across a line break joined.
    Word,
    /// Punctuation that counts when comparing quotations: a run of dashes or
    /// of periods is one token, any other character its own.
    Punct,
    /// Quotation marks and emphasis marks: they never count as words or
    /// punctuation (changes of quotation-mark style are allowed).
    Mark,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the text that was tokenized.
    pub span: Span,
    pub kind: TokenKind,
    /// A word hyphenated across a line break, joined (`revolu-\ntionary`).
    pub line_break_hyphen: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.range()]
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// The normalized surface of a word token (see [`normalize::surface`]).
    pub fn surface(&self, text: &str) -> String {
        if self.line_break_hyphen {
            normalize::surface_joined(self.text(text))
        } else {
            normalize::surface(self.text(text))
        }
    }

    /// The index key of a word token.
    pub fn key(&self, text: &str) -> String {
        normalize::key_of_surface(&self.surface(text))
    }
}

/// Tokenizes `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    tokenize_into(text, 0, &mut tokens);
    tokens
}

/// Tokenizes `text`, offsetting spans by `base`, appending to `out`.
pub fn tokenize_into(text: &str, base: usize, out: &mut Vec<Token>) {
    for_each_token(text, base, |t| out.push(t));
}

/// Tokenizes `text`, offsetting spans by `base`, handing each token to `out`
/// (the index builder keeps only word keys, not the tokens).
pub fn for_each_token(text: &str, base: usize, mut out: impl FnMut(Token)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // ASCII fast path for the common cases.
        let b = bytes[i];
        if b == b' ' || b == b'\n' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        if c.is_whitespace() || is_invisible(c) {
            i += c.len_utf8();
            continue;
        }
        if is_word_char(c) {
            let (end, joined) = scan_word(text, i);
            out(Token {
                span: Span::new(base + i, base + end),
                kind: TokenKind::Word,
                line_break_hyphen: joined,
            });
            i = end;
            continue;
        }
        let start = i;
        let kind = if is_quote_mark(c) || is_ignorable_mark(c) {
            i += c.len_utf8();
            TokenKind::Mark
        } else if is_dash(c) {
            i += c.len_utf8();
            while i < text.len() && is_dash(char_at(text, i)) {
                i += char_at(text, i).len_utf8();
            }
            TokenKind::Punct
        } else if c == '.' {
            while i < text.len() && bytes[i] == b'.' {
                i += 1;
            }
            TokenKind::Punct
        } else {
            i += c.len_utf8();
            TokenKind::Punct
        };
        out(Token {
            span: Span::new(base + start, base + i),
            kind,
            line_break_hyphen: false,
        });
    }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..]
        .chars()
        .next()
        .expect("index is a char boundary inside the text")
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Scans a word starting at `start` (a word char); returns its end and
/// whether it was joined across a line-break hyphen.
fn scan_word(text: &str, start: usize) -> (usize, bool) {
    let mut end = start + char_at(text, start).len_utf8();
    let mut joined = false;
    let mut prev = char_at(text, start);
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits: the common case, byte by byte.
        let run = bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if run > 0 {
            end += run;
            prev = bytes[end - 1] as char;
        }
        let Some(c) = next_char(text, end) else {
            break;
        };
        let after = end + c.len_utf8();
        if is_word_char(c) || is_invisible(c) {
            end = after;
            if !is_invisible(c) {
                prev = c;
            }
            continue;
        }
        let next = next_char(text, after);
        // don't, Allende's: an apostrophe between letters
        if is_single_quote(c) && prev.is_alphabetic() && next.is_some_and(char::is_alphabetic) {
            end = after;
            continue;
        }
        // so-called, 1964-65: a hyphen between word characters
        if is_word_hyphen(c) && next.is_some_and(is_word_char) {
            end = after;
            continue;
        }
        // 3,000 and 36.3: separators inside a number
        if (c == ',' || c == '.')
            && prev.is_ascii_digit()
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            let digits = text[after..].bytes().take_while(u8::is_ascii_digit).count();
            if c == '.' || digits == 3 {
                end = after;
                continue;
            }
        }
        // revolu-\ntionary: a hyphen at a line end, continued in lower case
        if (is_word_hyphen(c) || c == '\u{00AD}') && prev.is_alphabetic() {
            if let Some(resume) = line_break_continuation(text, after) {
                end = resume;
                joined = true;
                continue;
            }
        }
        break;
    }
    (end, joined)
}

/// After a hyphen at `at`: if only spaces, a line break and more white space
/// follow before a lower-case letter, the offset of that letter.
fn line_break_continuation(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let after_spaces = &rest[spaces..];
    if !after_spaces.starts_with('\n') && !after_spaces.starts_with("\r\n") {
        return None;
    }
    let ws = after_spaces.len() - after_spaces.trim_start().len();
    let letter = after_spaces[ws..].chars().next()?;
    letter.is_lowercase().then_some(at + spaces + ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .filter(Token::is_word)
            .map(|t| t.text(text))
            .collect()
    }

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        assert_eq!(
            words("Allende’s so-called “people in uniform” don't workers’ 1964-65"),
            vec![
                "Allende’s",
                "so-called",
                "people",
                "in",
                "uniform",
                "don't",
                "workers",
                "1964-65"
            ]
        );
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            words("3,000 leftists, 36.3% and 1,000,000, 1973, 12"),
            vec![
                "3,000",
                "leftists",
                "36.3",
                "and",
                "1,000,000",
                "1973",
                "12"
            ]
        );
    }

    #[test]
    fn punctuation_and_marks() {
        assert_eq!(
            kinds("a--b — “c”..."),
            vec![
                ("a", TokenKind::Word),
                ("--", TokenKind::Punct),
                ("b", TokenKind::Word),
                ("—", TokenKind::Punct),
                ("“", TokenKind::Mark),
                ("c", TokenKind::Word),
                ("”", TokenKind::Mark),
                ("...", TokenKind::Punct),
            ]
        );
    }

    #[test]
    fn line_break_hyphens_join() {
        let text = "the revolu-\n\ntionary process and Popular Unity-\nUP";
        let toks: Vec<_> = tokenize(text).into_iter().filter(Token::is_word).collect();
        assert_eq!(toks[1].text(text), "revolu-\n\ntionary");
        assert!(toks[1].line_break_hyphen);
        // A capital after the break is not a continuation.
        assert_eq!(words(text)[5..], ["Unity", "UP"]);
    }
}
