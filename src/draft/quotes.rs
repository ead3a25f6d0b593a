//! Finding quotations in prose.
//!
//! Quotation marks pair up with a stack, so quotations nest: “… ‘…’ …”. A
//! mark opens or closes by what stands on each side of it (as CommonMark
//! decides emphasis: a mark followed by a word and preceded by a space
//! opens; one preceded by a word and followed by a space or punctuation
//! closes), so apostrophes (don't, Allende's, workers’) are never taken for
//! quotation marks. A Markdown blockquote is a quotation as a whole.

use crate::span::Span;
use crate::text::document::{Block, Document};
use crate::text::normalize::{
    is_double_quote, is_guillemet, is_quote_mark, is_single_quote, is_word_char,
};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Between quotation marks.
    Inline,
    /// A Markdown blockquote.
    Blockquote,
}

/// A quotation found in a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    pub kind: QuoteKind,
    /// The quoted words, without the quotation marks, in prose offsets.
    pub prose: Span,
    /// The quotation marks, when there are any.
    pub marks: Option<(char, char)>,
    /// How many quotations enclose this one.
    pub depth: usize,
    /// Index of the block it is in.
    pub block: usize,
}

impl Quotation {
    /// The quoted words, in original byte offsets.
    pub fn span(&self, doc: &Document) -> Span {
        doc.prose.to_original(self.prose)
    }

    pub fn text<'a>(&self, doc: &'a Document) -> &'a str {
        &doc.prose.text()[self.prose.range()]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug)]
struct Open {
    /// Prose offset of the opening mark.
    at: usize,
    mark: char,
    family: Family,
}

/// All quotations in `doc`, in document order (an enclosing quotation before
/// the ones inside it).
pub fn extract(doc: &Document) -> Vec<Quotation> {
    let mut out = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        // What is quoted in a reference list or a footnote's definition is
        // a title, not a quotation.
        if block.apparatus {
            continue;
        }
        let mut found = inline_quotations(doc.prose.text(), block.prose, i);
        if block.blockquote_depth > 0 {
            if let Some(whole) = blockquote_quotation(doc, block, i, &found) {
                for q in &mut found {
                    q.depth += 1;
                }
                out.push(whole);
            }
        }
        out.extend(found);
    }
    out.sort_by_key(|q| (q.prose.start, std::cmp::Reverse(q.prose.end)));
    out
}

/// A blockquote paragraph is a quotation, unless a quotation mark pair
/// already wraps all of it. A last line that starts with a dash is its
/// attribution ("— Salvador Allende"), not part of it.
fn blockquote_quotation(
    doc: &Document,
    block: &Block,
    index: usize,
    inline: &[Quotation],
) -> Option<Quotation> {
    let text = doc.prose.text();
    let mut span = block.prose;
    let body = &text[span.range()];
    let is_attribution = |line: &str| {
        let line = line.trim_start();
        line.starts_with(['—', '–', '―']) || line.starts_with("--") || line.starts_with("- ")
    };
    if is_attribution(body) {
        return None;
    }
    if let Some(nl) = body.rfind('\n') {
        if is_attribution(&body[nl + 1..]) {
            span.end = span.start + body[..nl].trim_end().len();
        }
    }
    // GitHub alerts (`> [!NOTE]`) are not quotations.
    if text[span.range()].starts_with("[!") {
        return None;
    }
    let trimmed = text[span.range()].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?')
    });
    let content_end = span.start + trimmed.len();
    let wrapped = inline
        .iter()
        .any(|q| q.depth == 0 && q.prose.start <= span.start + 3 && q.prose.end + 4 >= content_end);
    if wrapped || span.is_empty() {
        return None;
    }
    Some(Quotation {
        kind: QuoteKind::Blockquote,
        prose: span,
        marks: None,
        depth: 0,
        block: index,
    })
}

/// Quotations between marks inside `block` of `text`.
fn inline_quotations(text: &str, block: Span, index: usize) -> Vec<Quotation> {
    let body = &text[block.range()];
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        if is_quote_mark(c) {
            let at = block.start + i;
            match role(c, prev, next, &stack) {
                Role::Open => stack.push(Open {
                    at,
                    mark: c,
                    family: family(c),
                }),
                Role::Close => {
                    if let Some(k) = stack.iter().rposition(|o| o.family == family(c)) {
                        let open = stack[k];
                        // Marks opened inside and never closed are dropped.
                        stack.truncate(k);
                        let content = Span::new(open.at + open.mark.len_utf8(), at);
                        if !text[content.range()].trim().is_empty() {
                            out.push(Quotation {
                                kind: QuoteKind::Inline,
                                prose: content,
                                marks: Some((open.mark, c)),
                                depth: k,
                                block: index,
                            });
                        }
                    }
                }
                Role::None => {}
            }
        }
        prev = Some(c);
    }
    out
}

fn family(c: char) -> Family {
    if is_single_quote(c) || matches!(c, '‹' | '›') {
        Family::Single
    } else {
        Family::Double
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    None,
}

/// Punctuation after which a quotation may open: `(“`, `—“`.
fn opens_after(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':')
        || is_quote_mark(c)
}

/// Punctuation before which a quotation may close: `”.`, `”)`.
fn closes_before(c: char) -> bool {
    c.is_whitespace() || (!is_word_char(c) && c != '\u{FFFC}')
}

fn role(c: char, prev: Option<char>, next: Option<char>, stack: &[Open]) -> Role {
    // Flanking, as CommonMark defines it for emphasis.
    let left = next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(opens_after);
    let right = prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(closes_before);
    let open_of = |f: Family| stack.iter().any(|o| o.family == f);
    let top_is = |m: char| stack.last().is_some_and(|o| o.mark == m);
    let between_letters =
        prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
    match c {
        // German „…“ closes with what opens in English.
        '“' if top_is('„') || (right && !left && open_of(Family::Double)) => Role::Close,
        '‘' if top_is('‚') || (right && !left && open_of(Family::Single)) => Role::Close,
        '«' if top_is('»') => Role::Close,
        '‹' if top_is('›') => Role::Close,
        '“' | '„' | '‟' | '«' | '‘' | '‚' | '‛' | '‹' => Role::Open,
        // »…« (German, Danish) opens with what closes in French.
        '»' | '›' if left && !right && !open_of(family(c)) => Role::Open,
        '”' | '»' | '›' if open_of(family(c)) => Role::Close,
        '”' if left && !right => Role::Open, // ”…” (Swedish)
        '’' | '\'' | 'ʼ' if between_letters => Role::None, // don't, Allende's
        '\'' if left && !right && !next.is_some_and(|n| n.is_ascii_digit()) => Role::Open,
        '’' | '\'' if right && open_of(Family::Single) => Role::Close,
        '"' | '＂' if left && !right => Role::Open,
        '"' | '＂' if right && open_of(Family::Double) => Role::Close,
        '"' | '＂' if left && right && open_of(Family::Double) => Role::Close,
        _ if is_guillemet(c) || is_double_quote(c) || is_single_quote(c) => Role::None,
        _ => Role::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Format;
    use crate::text::document::{keep_all_lines, read};

    fn quotes(md: &str) -> Vec<(String, usize)> {
        let doc = read(md, Format::Markdown, &keep_all_lines);
        extract(&doc)
            .iter()
            .map(|q| (q.text(&doc).to_string(), q.depth))
            .collect()
    }

    fn q(s: &str, d: usize) -> (String, usize) {
        (s.to_string(), d)
    }

    #[test]
    fn every_kind_of_mark() {
        assert_eq!(
            quotes("He said “one two” and \"three four\"."),
            vec![q("one two", 0), q("three four", 0)]
        );
        assert_eq!(
            quotes("‘single quoted words’ then «guillemets here» and „German words“."),
            vec![
                q("single quoted words", 0),
                q("guillemets here", 0),
                q("German words", 0)
            ]
        );
        assert_eq!(
            quotes("Danish »reversed marks« here."),
            vec![q("reversed marks", 0)]
        );
        assert_eq!(
            quotes("She wrote 'a plain single quote' there."),
            vec![q("a plain single quote", 0)]
        );
    }

    #[test]
    fn nesting() {
        assert_eq!(
            quotes("“He called them ‘people in uniform’ that day.”"),
            vec![
                q("He called them ‘people in uniform’ that day.", 0),
                q("people in uniform", 1)
            ]
        );
        assert_eq!(
            quotes("\"outer 'inner words' end\""),
            vec![q("outer 'inner words' end", 0), q("inner words", 1)]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert_eq!(
            quotes("Allende's government didn't fall; the workers’ cordones held."),
            vec![]
        );
        assert_eq!(
            quotes("“The workers’ power was real,” she said."),
            vec![q("The workers’ power was real,", 0)]
        );
        assert_eq!(
            quotes("In the ’70s and '80s it's 'the people's hands' here."),
            vec![q("the people's hands", 0)]
        );
    }

    #[test]
    fn mixed_marks_in_the_corpus() {
        // bensaid-2023 opens with " and closes with ».
        assert_eq!(
            quotes("which was called \"When were we the strongest? »."),
            vec![q("When were we the strongest? ", 0)]
        );
    }

    #[test]
    fn unclosed_marks_are_dropped() {
        assert_eq!(
            quotes("An “unclosed quote here.\n\nNext paragraph.”"),
            vec![]
        );
    }

    #[test]
    fn blockquotes() {
        let md = "> Six of us were lost as if into starry space.\n> — Víctor Jara\n\n> “Wrapped in marks entirely.”\n>\n> — its author, in a paragraph of its own\n";
        assert_eq!(
            quotes(md),
            vec![
                q("Six of us were lost as if into starry space.", 0),
                q("Wrapped in marks entirely.", 0)
            ]
        );
        assert_eq!(
            quotes("> The “people in uniform” and more.\n"),
            vec![
                q("The “people in uniform” and more.", 0),
                q("people in uniform", 1)
            ]
        );
    }

    #[test]
    fn code_is_not_searched() {
        assert_eq!(
            quotes("Use `\"not a quote\"` and\n\n```\n\"nor this one\"\n```\n"),
            vec![]
        );
    }

    #[test]
    fn spans_map_to_the_original() {
        let md = "Intro *“the* workers\nof Chile”* end.";
        let doc = read(md, Format::Markdown, &keep_all_lines);
        let qs = extract(&doc);
        assert_eq!(qs.len(), 1);
        assert_eq!(&md[qs[0].span(&doc).range()], "the* workers\nof Chile");
    }
}
