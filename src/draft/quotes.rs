//! Finding quotations in prose.
//!
//! Quotation marks pair up with a stack, so quotations nest: “… ‘…’ …”. A
//! mark opens or closes by what stands on each side of it (as CommonMark
//! decides emphasis: a mark followed by a word and preceded by a space
//! opens; one preceded by a word and followed by a space or punctuation
//! closes), so apostrophes (don't, Allende's, workers’) are never taken for
//! quotation marks. A Markdown blockquote is a quotation as a whole.

use super::cues::QuoteRules;
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
    /// Why the quoted words are not a quotation to verify (a title, a name,
    /// a gloss), when they are not.
    pub not_a_quotation: Option<NotAQuotation>,
}

/// Why quoted words are not someone's words to verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotAQuotation {
    /// After a word that names it: "titled", "known as", "the novel".
    Named(String),
    /// Followed by a year in parentheses: "The House of the Spirits" (1982).
    WorkWithYear,
    /// The text of a link: the linked work's title.
    LinkText,
    /// A phrase and its translation, one in parentheses after the other.
    Gloss,
    /// Every word but the minor ones capitalised: a name or a title.
    TitleCase,
    /// Between a determiner and a noun it qualifies: the "…" policy.
    Modifier(String),
}

impl NotAQuotation {
    /// Why, for people (`provlint extract`).
    pub fn describe(&self) -> String {
        match self {
            NotAQuotation::Named(cue) => format!("a title or a name: after “{cue}”"),
            NotAQuotation::WorkWithYear => {
                "the title of a work: a year in parentheses follows it".to_string()
            }
            NotAQuotation::LinkText => "the title of a work: the text of a link".to_string(),
            NotAQuotation::Gloss => {
                "a phrase and its translation, one in parentheses after the other".to_string()
            }
            NotAQuotation::TitleCase => "a name or a title: in Title Case".to_string(),
            NotAQuotation::Modifier(noun) => format!("a name: it qualifies “{noun}”"),
        }
    }
}

impl Quotation {
    /// The quoted words, in original byte offsets. Never Markdown syntax
    /// around them: where markup falls inside the span's ends (a link's
    /// brackets and URL before a closing mark, emphasis markers), the span
    /// runs from the first letter or digit to the last.
    pub fn span(&self, doc: &Document) -> Span {
        let whole = doc.prose.to_original(self.prose);
        // As long as its prose: no markup inside.
        if whole.len() == self.prose.len() {
            return whole;
        }
        // From the first word to the last, and the punctuation at either
        // end where it stands right beside them in the original too (the
        // period of `“… space.”`, not the `](url).` of a link).
        let core = alnum_extent(doc.prose.text(), self.prose);
        let mut span = doc.prose.to_original(core);
        let lead = core.start - self.prose.start;
        if whole.start + lead == span.start {
            span.start = whole.start;
        }
        let trail = self.prose.end - core.end;
        if span.end + trail == whole.end {
            span.end = whole.end;
        }
        span
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

/// The part of `span` from its first letter or digit to its last.
fn alnum_extent(text: &str, span: Span) -> Span {
    let body = &text[span.range()];
    match (
        body.find(char::is_alphanumeric),
        body.char_indices().rfind(|(_, c)| c.is_alphanumeric()),
    ) {
        (Some(a), Some((b, c))) => Span::new(span.start + a, span.start + b + c.len_utf8()),
        _ => span,
    }
}

/// All quotations in `doc`, in document order (an enclosing quotation before
/// the ones inside it), each with why it is not one to verify, if it is not.
pub fn extract(doc: &Document) -> Vec<Quotation> {
    let mut out = find(doc);
    let rules = QuoteRules::built_in();
    let spans: Vec<(Span, Option<(char, char)>)> = out.iter().map(|q| (q.prose, q.marks)).collect();
    // The words of every link's text, in order (links do not overlap),
    // found once rather than for every quotation.
    let text = doc.prose.text();
    let mut links: Vec<Span> = doc
        .links
        .iter()
        .filter(|l| !l.prose.is_empty())
        .map(|l| alnum_extent(text, l.prose))
        .collect();
    links.sort();
    for q in &mut out {
        if q.kind == QuoteKind::Inline {
            q.not_a_quotation = classify(doc, q, &spans, &links, rules);
        }
    }
    out
}

/// Tells an inline quotation that is a title, a name or a gloss (see
/// `rules/quotations.toml`).
fn classify(
    doc: &Document,
    q: &Quotation,
    all: &[(Span, Option<(char, char)>)],
    links: &[Span],
    rules: &QuoteRules,
) -> Option<NotAQuotation> {
    let text = doc.prose.text();
    let block = doc.blocks[q.block].prose;
    let (open, close) = q.marks?;
    let open_at = q.prose.start - open.len_utf8();
    let close_end = q.prose.end + close.len_utf8();
    let before = &text[block.start..open_at];
    let after = &text[close_end.min(block.end)..block.end];
    let body = &text[q.prose.range()];

    // The text of a link.
    let words = alnum_extent(text, q.prose);
    let first = links.partition_point(|l| l.end <= words.start);
    if links[first..]
        .iter()
        .take_while(|l| l.start < words.end)
        .any(|link| {
            let common = words
                .end
                .min(link.end)
                .saturating_sub(words.start.max(link.start));
            common * 10 >= words.len() * 9
        })
    {
        return Some(NotAQuotation::LinkText);
    }

    // The words right before the opening mark (a name cue may be followed
    // by a comma or a colon; a work's noun stands right before its title).
    let lead = before.trim_end();
    let punctuated = lead.ends_with([',', ':']);
    let lead = lead.strip_suffix([',', ':']).unwrap_or(lead).trim_end();
    let lead_raw: Vec<&str> = lead
        .rsplit(char::is_whitespace)
        .take(5)
        .take_while(|w| {
            !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || "-'’".contains(c))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lead_words: Vec<String> = lead_raw.iter().map(|w| w.to_lowercase()).collect();
    for cue in &rules.name_cues {
        let n = lead_words.len();
        if n >= cue.len() && lead_words[n - cue.len()..] == cue[..] {
            // Someone who calls a thing so is quoted ("what Flakin called
            // “…”", "as he called it"): only a thing "called" is named.
            let by = n
                .checked_sub(cue.len() + 1)
                .map(|i| (lead_raw[i], lead_words[i].as_str()));
            let someone = by.is_some_and(|(raw, low)| {
                raw.starts_with(char::is_uppercase) || rules.speakers.contains(low)
            });
            if !(someone && rules.naming_verbs.contains(&cue.join(" "))) {
                return Some(NotAQuotation::Named(cue.join(" ")));
            }
        }
    }
    if let Some(last) = lead_words.last().filter(|_| !punctuated) {
        let noun = last.trim_end_matches("'s").trim_end_matches("’s");
        if rules.work_nouns.contains(noun) {
            return Some(NotAQuotation::Named(last.clone()));
        }
    }

    // A year in parentheses after it: a work and its date.
    let rest = after.trim_start();
    if let Some(inner) = rest.strip_prefix('(') {
        let inner = inner.trim_start();
        let digits = inner.chars().take_while(char::is_ascii_digit).count();
        // A title begins with a capital and ends without a sentence's
        // end: "… Santiago." (2019) is someone's sentence, dated.
        let titled = body.starts_with(char::is_uppercase)
            && !body
                .trim_end_matches(|c: char| c.is_whitespace() || is_quote_mark(c))
                .ends_with(['.', '!', '?', ';'])
            && body.split_whitespace().count() <= 15;
        if titled && digits == 4 && inner[4..].trim_start().starts_with([')', '–', '-', ',']) {
            return Some(NotAQuotation::WorkWithYear);
        }
        // Another quotation in parentheses right after it: its gloss.
        if inner.starts_with(is_quote_mark) {
            return Some(NotAQuotation::Gloss);
        }
    }
    // In parentheses right after another quotation: a gloss of it.
    if let Some(pre) = lead.strip_suffix('(') {
        let pre = pre.trim_end();
        if all
            .iter()
            .any(|(p, m)| m.is_some_and(|(_, c)| p.end + c.len_utf8() == block.start + pre.len()))
        {
            return Some(NotAQuotation::Gloss);
        }
    }

    if is_title_case(body, rules) {
        return Some(NotAQuotation::TitleCase);
    }

    // Between a determiner (and perhaps one word) and a noun it qualifies:
    // "the flagship “gas at a fair price” policy".
    let determined = match lead_words.as_slice() {
        [.., d] if rules.determiners.contains(d) && lead.ends_with(d.as_str()) => true,
        [.., d, w] if rules.determiners.contains(d) && w.chars().all(char::is_lowercase) => true,
        _ => false,
    };
    let ends_clause = body
        .trim_end_matches(|c: char| c.is_whitespace() || is_quote_mark(c))
        .ends_with(['.', '!', '?', ',', ';', ':']);
    if determined && after.starts_with(' ') && !ends_clause {
        let next: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        if rules.qualified_nouns.contains(&next) {
            return Some(NotAQuotation::Modifier(next));
        }
    }
    None
}

/// Whether every word of `body` begins with a capital (or a digit) but the
/// minor words a title keeps in lower case, with at least two capitalised.
fn is_title_case(body: &str, rules: &QuoteRules) -> bool {
    let words: Vec<&str> = body
        .split(|c: char| c.is_whitespace() || "—–/".contains(c))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let capital = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    let Some(first) = words.first() else {
        return false;
    };
    capital(first)
        && words.iter().filter(|w| capital(w)).count() >= 2
        && words
            .iter()
            .all(|w| capital(w) || rules.title_minor_words.contains(&w.to_lowercase()))
}

/// Every quotation of `doc`, before it is classified.
fn find(doc: &Document) -> Vec<Quotation> {
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
    // GitHub alerts (`> [!NOTE]`) and editor's notes (`> Note: …`) are not
    // quotations.
    if text[span.range()].starts_with("[!") || is_admonition(&text[span.range()]) {
        return None;
    }
    let trimmed = text[span.range()].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '!' | '?')
    });
    let content_end = span.start + trimmed.len();
    // Wrapped in marks, or in marks with its attribution after a dash on
    // the same line (`> "…" - From her 2006 speech`): the inline quotation
    // is the quotation.
    let wrapped = inline.iter().any(|q| {
        q.depth == 0
            && q.prose.start <= span.start + 3
            && (q.prose.end + 4 >= content_end || {
                let close = q.marks.map_or(0, |(_, c)| c.len_utf8());
                let rest = text[(q.prose.end + close).min(span.end)..span.end].trim_start();
                ['-', '–', '—', '―'].iter().any(|d| {
                    rest.strip_prefix(*d)
                        .is_some_and(|r| r.starts_with(char::is_whitespace) || r.starts_with(['-']))
                })
            })
    });
    if wrapped || span.is_empty() {
        return None;
    }
    Some(Quotation {
        kind: QuoteKind::Blockquote,
        prose: span,
        marks: None,
        depth: 0,
        block: index,
        not_a_quotation: None,
    })
}

/// Whether a blockquote opens with an editor's label and a colon ("Note:").
fn is_admonition(body: &str) -> bool {
    let lower = body.trim_start().to_lowercase();
    QuoteRules::built_in().admonitions.iter().any(|label| {
        lower
            .strip_prefix(label.join(" ").as_str())
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
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
                                not_a_quotation: None,
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

    /// Each quotation's text and why it is not one to verify.
    fn kinds(md: &str) -> Vec<(String, Option<NotAQuotation>)> {
        let doc = read(md, Format::Markdown, &keep_all_lines);
        extract(&doc)
            .into_iter()
            .map(|q| (q.text(&doc).to_string(), q.not_a_quotation))
            .collect()
    }

    fn not_checked(md: &str) -> NotAQuotation {
        let k = kinds(md);
        assert_eq!(k.len(), 1, "{k:?}");
        k[0].1.clone().unwrap_or_else(|| panic!("{md}: checked"))
    }

    fn checked(md: &str) {
        let k = kinds(md);
        assert!(k.iter().all(|(_, n)| n.is_none()), "{md}: {k:?}");
    }

    #[test]
    fn titles_names_and_glosses_are_not_quotations() {
        use NotAQuotation::*;
        assert_eq!(
            not_checked("Her debut novel \"The House of the Spirits\" sold."),
            Named("novel".into())
        );
        assert_eq!(
            not_checked("A report titled \"Blind Eye to Dictatorships\" came out."),
            Named("titled".into())
        );
        assert_eq!(
            not_checked("Students led the \"Revolución de los Pingüinos\" then."),
            TitleCase
        );
        assert_eq!(
            not_checked("He wrote \"Nuevo canto de amor a Stalingrado\" (1943)."),
            WorkWithYear
        );
        assert_eq!(
            not_checked(
                "Time ran \"[Meet the Millennial Running Chile](https://time.com/x).\" then."
            ),
            LinkText
        );
        assert_eq!(
            not_checked("The flagship \"gas at a fair price\" policy was costly."),
            Modifier("policy".into())
        );
        assert_eq!(
            kinds("**\"Algo habrán hecho\"** (\"They must have done something\") was said.")
                .into_iter()
                .map(|(_, n)| n)
                .collect::<Vec<_>>(),
            vec![Some(Gloss), Some(Gloss)]
        );
    }

    #[test]
    fn someones_words_are_quotations() {
        // Quoted after a name or a pronoun that calls it so.
        checked("It was what Flakin called \"the reformist illusion of the Popular Unity\".");
        // Dated, but a sentence, not a title.
        checked("Flakin wrote \"the Chilean Army began bombing La Moneda\" (2019).");
        // A noun for a group before it, not a work's.
        checked("The CIA backed the independence movement \"not because they cared about it\".");
        // A colon after a work's noun introduces its words.
        checked("An elision with a changed piece: \"Allende, however, told them to trust\".");
        // A verb after it: the quoted words are the subject.
        checked("Then the \"struggle against the military regime\" went on.");
    }

    #[test]
    fn blockquotes_with_their_attribution_and_notes() {
        // The marks wrap the quotation; the rest of the line says whose it is.
        assert_eq!(
            quotes(
                "> \"Democracy is built by all of us together.\" - From his 2022 speech[^1]\n\n[^1]: A note.\n"
            ),
            vec![q("Democracy is built by all of us together.", 0)]
        );
        // An editor's note is no quotation.
        assert_eq!(
            quotes(
                "> Note: the front matter lists his occupation as \"a man of many parts\" here.\n"
            ),
            vec![q("a man of many parts", 0)]
        );
    }

    #[test]
    fn spans_leave_markdown_syntax_out() {
        let md = "Time ran \"[Meet the Millennial Running Chile](https://time.com/x).\" and *\"the workers of Chile.\"*";
        let doc = read(md, Format::Markdown, &keep_all_lines);
        let spans: Vec<&str> = extract(&doc)
            .iter()
            .map(|q| &md[q.span(&doc).range()])
            .collect();
        assert_eq!(
            spans,
            vec!["Meet the Millennial Running Chile", "the workers of Chile."]
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
