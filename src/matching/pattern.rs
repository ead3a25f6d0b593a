//! A quotation read as a pattern of words and editorial marks.
//!
//! Writers may mark what they changed in a quotation: an ellipsis (`...`,
//! `…`, `. . .`, `[...]`, `[…]`, `(...)`) for words left out, square brackets
//! for words put in or changed (`[the army]`, `[t]rust`), and `[sic]` or
//! `[emphasis added]` for comments. The pattern keeps the words to match and
//! the gaps these marks allow.

use crate::span::Span;
use crate::text::normalize::{self, is_word_char};
use crate::text::tokenize::{self, TokenKind};

/// A word of a quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PWord {
    /// Span in the draft's prose.
    pub span: Span,
    pub surface: String,
    pub key: String,
    /// The punctuation between the previous word and this one, when the
    /// previous element is a word (not an editorial mark).
    pub sep_before: Option<String>,
    /// The first word of the quotation or of a piece after an ellipsis,
    /// whose first letter may change case.
    pub piece_start: bool,
    /// A word with a bracketed part (`[t]rust`, `strik[ing]`): the parts
    /// outside the brackets, lower-cased, must begin and end the source's
    /// word.
    pub fuzzy: Option<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapKind {
    /// An ellipsis: any number of source words left out, within one passage.
    Elision,
    /// `[the army]`: stands for a few source words (or none).
    Insertion,
    /// `[sic]`, `[emphasis added]`: stands for nothing.
    Annotation,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub kind: GapKind,
    /// Span of the mark in the draft's prose.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    Word(PWord),
    Gap(Gap),
}

/// A quotation as words and gaps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pattern {
    pub elems: Vec<Elem>,
}

const ANNOTATIONS: &[&str] = &[
    "sic",
    "emphasis added",
    "emphasis mine",
    "emphasis in original",
    "original emphasis",
    "my emphasis",
    "italics added",
    "italics mine",
    "italics in original",
];

#[derive(Debug)]
struct Marker {
    span: Span,
    kind: MarkerKind,
}

#[derive(Debug, PartialEq, Eq)]
enum MarkerKind {
    Gap(GapKind),
    /// A word with a bracketed part.
    Fuzzy,
}

impl Pattern {
    /// Reads the quotation at `span` of `prose`.
    pub fn parse(prose: &str, span: Span) -> Pattern {
        let mut p = Pattern::default();
        let mut pos = span.start;
        let mut last_word_end: Option<usize> = None;
        let mut piece_start = true;
        for marker in markers(prose, span) {
            p.push_text(
                prose,
                Span::new(pos, marker.span.start),
                &mut last_word_end,
                &mut piece_start,
            );
            match marker.kind {
                MarkerKind::Gap(kind) => {
                    p.elems.push(Elem::Gap(Gap {
                        kind,
                        span: marker.span,
                    }));
                    last_word_end = None;
                    if kind == GapKind::Elision {
                        piece_start = true;
                    }
                }
                MarkerKind::Fuzzy => {
                    let raw = &prose[marker.span.range()];
                    let open = raw.find('[').unwrap_or(0);
                    let close = raw.rfind(']').unwrap_or(raw.len() - 1);
                    let whole: String = raw.chars().filter(|c| *c != '[' && *c != ']').collect();
                    let surface = normalize::surface(&whole);
                    let lower = |s: &str| normalize::surface(s).to_lowercase();
                    p.elems.push(Elem::Word(PWord {
                        span: marker.span,
                        key: normalize::key_of_surface(&surface),
                        surface,
                        sep_before: last_word_end
                            .map(|end| normalize::punct(&prose[end..marker.span.start])),
                        piece_start,
                        fuzzy: Some((lower(&raw[..open]), lower(&raw[close + 1..]))),
                    }));
                    piece_start = false;
                    last_word_end = Some(marker.span.end);
                }
            }
            pos = marker.span.end;
        }
        p.push_text(
            prose,
            Span::new(pos, span.end),
            &mut last_word_end,
            &mut piece_start,
        );
        p
    }

    fn push_text(
        &mut self,
        prose: &str,
        span: Span,
        last_word_end: &mut Option<usize>,
        piece_start: &mut bool,
    ) {
        if span.is_empty() {
            return;
        }
        let mut tokens = Vec::new();
        tokenize::tokenize_into(&prose[span.range()], span.start, &mut tokens);
        for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            let surface = t.surface(prose);
            self.elems.push(Elem::Word(PWord {
                span: t.span,
                key: normalize::key_of_surface(&surface),
                surface,
                sep_before: last_word_end.map(|end| normalize::punct(&prose[end..t.span.start])),
                piece_start: *piece_start,
                fuzzy: None,
            }));
            *piece_start = false;
            *last_word_end = Some(t.span.end);
        }
    }

    pub fn words(&self) -> impl Iterator<Item = &PWord> {
        self.elems.iter().filter_map(|e| match e {
            Elem::Word(w) => Some(w),
            Elem::Gap(_) => None,
        })
    }

    /// How many words the quotation has (words inside `[insertions]` do
    /// not count: they are the writer's).
    pub fn word_count(&self) -> usize {
        self.words().count()
    }

    pub fn gaps(&self) -> impl Iterator<Item = &Gap> {
        self.elems.iter().filter_map(|e| match e {
            Elem::Gap(g) => Some(g),
            Elem::Word(_) => None,
        })
    }
}

/// Finds the editorial marks in `prose[span]`, in order.
fn markers(prose: &str, span: Span) -> Vec<Marker> {
    let text = &prose[span.range()];
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let at = |a: usize, b: usize| Span::new(span.start + a, span.start + b);
        if bytes[i] == b'[' {
            if let Some(close) = rest[1..]
                .find([']', '['])
                .filter(|&c| rest.as_bytes()[1 + c] == b']')
            {
                let inner = &rest[1..1 + close];
                let end = i + close + 2;
                let trimmed = inner.trim();
                let lower = trimmed.trim_end_matches(['!', '.']).to_lowercase();
                let before = text[..i].chars().next_back();
                let after = text[end..].chars().next();
                let kind = if is_ellipsis(trimmed) {
                    MarkerKind::Gap(GapKind::Elision)
                } else if ANNOTATIONS.contains(&lower.as_str()) {
                    MarkerKind::Gap(GapKind::Annotation)
                } else if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                    MarkerKind::Fuzzy
                } else {
                    MarkerKind::Gap(GapKind::Insertion)
                };
                if kind == MarkerKind::Fuzzy {
                    let start = word_start(text, i);
                    let stop = word_end(text, end);
                    // A fuzzy word swallows a word already cut at its left.
                    while out
                        .last()
                        .is_some_and(|m: &Marker| m.span.end > span.start + start)
                    {
                        out.pop();
                    }
                    out.push(Marker {
                        span: at(start, stop),
                        kind,
                    });
                    i = stop;
                } else {
                    out.push(Marker {
                        span: at(i, end),
                        kind,
                    });
                    i = end;
                }
                continue;
            }
        }
        if bytes[i] == b'(' {
            let inner_len = rest[1..].find(')');
            if let Some(len) = inner_len {
                if len <= 7 && is_ellipsis(rest[1..1 + len].trim()) {
                    out.push(Marker {
                        span: at(i, i + len + 2),
                        kind: MarkerKind::Gap(GapKind::Elision),
                    });
                    i += len + 2;
                    continue;
                }
            }
        }
        if let Some(len) = ellipsis_at(rest) {
            out.push(Marker {
                span: at(i, i + len),
                kind: MarkerKind::Gap(GapKind::Elision),
            });
            i += len;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn is_ellipsis(s: &str) -> bool {
    ellipsis_at(s) == Some(s.len()) && !s.is_empty()
}

/// The length of an ellipsis at the start of `s`: `…`, three or more
/// periods, or `. . .`, with a sentence's period before or after it.
fn ellipsis_at(s: &str) -> Option<usize> {
    let len = if s.starts_with('…') {
        '…'.len_utf8()
    } else if s.starts_with("...") {
        s.bytes().take_while(|b| *b == b'.').count()
    } else if s.starts_with(". . .") {
        let mut n = 5;
        while s[n..].starts_with(" .") {
            n += 2;
        }
        n
    } else {
        return None;
    };
    // "….": an ellipsis followed by a sentence's period
    let extra = s[len..].bytes().take_while(|b| *b == b'.').count();
    Some(len + extra)
}

fn word_start(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[..i].chars().next_back() {
        if is_word_char(c) || c == '\'' || c == '’' || c == ']' || c == '[' {
            i -= c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn word_end(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if is_word_char(c) || c == '\'' || c == '’' {
            i += c.len_utf8();
        } else if c == '[' {
            match text[i..].find(']') {
                Some(j) => i += j + 1,
                None => break,
            }
        } else {
            break;
        }
    }
    // An apostrophe at the very end is a closing mark, not the word's.
    while let Some(c) = text[..i]
        .chars()
        .next_back()
        .filter(|c| matches!(c, '\'' | '’'))
    {
        i -= c.len_utf8();
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        Pattern::parse(text, Span::new(0, text.len()))
            .elems
            .iter()
            .map(|e| match e {
                Elem::Word(w) => match &w.fuzzy {
                    Some((a, b)) => format!("~{a}*{b}"),
                    None => w.surface.clone(),
                },
                Elem::Gap(g) => format!("<{:?}:{}>", g.kind, &text[g.span.range()]),
            })
            .collect()
    }

    #[test]
    fn ellipses_of_every_shape() {
        for e in [
            "...", "…", ". . .", "[...]", "[…]", "(...)", "....", "[ … ]",
        ] {
            let text = format!("the workers {e} were armed");
            assert_eq!(
                show(&text),
                vec!["the", "workers", &format!("<Elision:{e}>"), "were", "armed"],
                "{e}"
            );
        }
    }

    #[test]
    fn brackets() {
        assert_eq!(show("[t]rust the army"), vec!["~*rust", "the", "army"]);
        assert_eq!(show("[T]he workers"), vec!["~*he", "workers"]);
        assert_eq!(
            show("she was strik[ing] back"),
            vec!["she", "was", "~strik*", "back"]
        );
        assert_eq!(
            show("[the army] took power"),
            vec!["<Insertion:[the army]>", "took", "power"]
        );
        assert_eq!(
            show("the goverment [sic] fell"),
            vec!["the", "goverment", "<Annotation:[sic]>", "fell"]
        );
        assert_eq!(
            show("the workers [emphasis added]"),
            vec!["the", "workers", "<Annotation:[emphasis added]>"]
        );
        assert_eq!(show("Allende[’s] men"), vec!["~allende*", "men"]);
    }

    #[test]
    fn separators_and_piece_starts() {
        let text = "Popular Unity--UP, the workers ... The end";
        let p = Pattern::parse(text, Span::new(0, text.len()));
        let words: Vec<_> = p
            .words()
            .map(|w| (w.surface.as_str(), w.sep_before.clone(), w.piece_start))
            .collect();
        assert_eq!(
            words,
            vec![
                ("Popular", None, true),
                ("Unity", Some(String::new()), false),
                ("UP", Some("-".into()), false),
                ("the", Some(",".into()), false),
                ("workers", Some(String::new()), false),
                ("The", None, true),
                ("end", Some(String::new()), false),
            ]
        );
        assert_eq!(p.word_count(), 7);
    }
}
