//! Credits: where a draft says where something comes from, and what each
//! credit covers.
//!
//! Four kinds of credit, each resolved against the corpus manifest:
//!
//! - **Pandoc citations**: `[@flakin-2019]`, `[@fi-1973, p. 3]`, `[see
//!   @saunois-2013; @wsws-2023]`, and in-text `@flakin-2019 argues` (an
//!   in-text key counts only when it is a source's id: a bare `@name` may be a
//!   handle). Keys resolve by id.
//! - **Footnotes**: `[^1]` whose definition names a source by citation key,
//!   link or URL, title, author, publication, alias or id.
//! - **Links**: an inline link, autolink or bare URL whose address is a
//!   source's `url`.
//! - **Prose attributions**: a cue next to a name: "according to the Fourth
//!   International", "as Flakin wrote", "Left Voice reported", "in Flakin's
//!   account", "(Flakin 2019)". The cues are data (`rules/attribution.toml`);
//!   a cue next to a name the manifest does not know credits someone outside
//!   the corpus.
//!
//! Scope (what a credit covers), as `provlint explain credits` documents:
//! a citation, footnote or link covers its sentence; a citation or footnote
//! standing alone after a sentence's end covers that sentence; a footnote at
//! the end of a paragraph covers the paragraph; a prose attribution covers
//! its clause (up to a `;`) of its sentence, and the blockquote after it when
//! its sentence ends with a colon; a credit in the last paragraph of a
//! blockquote covers the whole blockquote. Nothing covers the sentences
//! after it: a figure two sentences after "Flakin wrote…" is not credited.

pub mod cues;
pub mod names;

pub use cues::AttributionRules;
pub use names::{Mention, NameKind, Names};

use crate::corpus::{Corpus, SourceIdx};
use crate::draft::Draft;
use crate::span::{Span, SpanSet};
use crate::text::document::{Block, BlockKind};
use names::{Tok, fold, normalize_url, toks};
use regex::Regex;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How a draft credits a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CreditKind {
    /// A Pandoc citation key.
    Citation,
    /// A footnote reference.
    Footnote,
    /// A link or URL.
    Link,
    /// A prose attribution.
    Attribution,
    /// A numbered citation marker outside Markdown's footnotes: `[3]`,
    /// `<sup>[3]</sup>`, `<sup>3</sup>`, `\[3\]` (Wikipedia's style). It
    /// credits what it closes, even when the reference list is missing.
    Marker,
}

impl CreditKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CreditKind::Citation => "citation",
            CreditKind::Footnote => "footnote",
            CreditKind::Link => "link",
            CreditKind::Attribution => "attribution",
            CreditKind::Marker => "marker",
        }
    }
}

/// One credit in a draft.
#[derive(Clone, Debug)]
pub struct Credit {
    pub kind: CreditKind,
    /// Where it is written, in the draft's original bytes: the key (`@id`),
    /// the footnote reference, the link, or the cue and name.
    pub span: Span,
    /// Where it stands in the prose.
    pub prose: Span,
    /// The key, footnote label, URL, or the name credited, as written.
    pub key: String,
    /// The sources it resolves to; empty when it names none in the corpus.
    pub sources: Vec<SourceIdx>,
    /// A locator (`p. 3`) after a citation key.
    pub locator: Option<String>,
    /// A footnote's definition, for people.
    pub detail: Option<String>,
    /// What it covers: prose spans.
    pub scope: Vec<Span>,
    /// The source an unresolved key, link or footnote most likely meant.
    pub suggestion: Option<SourceIdx>,
    /// Whether it is written as a credit to a corpus source without
    /// resolving to one: a citation key (`[@id]` claims a manifest id), or a
    /// footnote that nearly names a corpus source (most of its title, with
    /// its author or publication). Only such a credit is an unknown
    /// citation; any other credit that resolves to nothing credits a work
    /// outside the corpus, which is a credit all the same.
    pub claims_corpus: bool,
    /// Inside a footnote definition.
    pub in_footnote: bool,
}

impl Credit {
    /// Whether it covers prose offset `at`.
    pub fn covers(&self, at: usize) -> bool {
        self.scope
            .iter()
            .any(|s| s.start <= at && at < s.end.max(s.start + 1))
    }

    pub fn resolved(&self) -> bool {
        !self.sources.is_empty()
    }

    /// Whether it credits a work outside the corpus: what it covers is
    /// attributed, and cannot be checked.
    pub fn is_external(&self) -> bool {
        !self.resolved() && !self.claims_corpus && !self.is_undefined_footnote()
    }

    /// A footnote reference with no definition: a Markdown defect, which
    /// credits nothing.
    pub fn is_undefined_footnote(&self) -> bool {
        self.kind == CreditKind::Footnote && self.detail.is_none()
    }
}

/// Every credit in a draft.
#[derive(Clone, Debug, Default)]
pub struct Credits {
    pub items: Vec<Credit>,
    /// Prose spans of Pandoc citation brackets (`[see @a; @b, p. 3]`) and
    /// citation markers (`[3]`): not the writer's claims.
    pub brackets: Vec<Span>,
    /// `items` by where their scope starts, for `covering`: (start, end,
    /// item) of the span every scope lies in, and the longest such span.
    /// Built when the credits are found; empty, `covering` scans them all.
    by_scope: Vec<(usize, usize, usize)>,
    longest_scope: usize,
}

/// What covers a place in a draft.
#[derive(Debug, Default)]
pub struct Cover<'a> {
    pub credits: Vec<&'a Credit>,
    /// Every source the covering credits resolve to.
    pub sources: Vec<SourceIdx>,
}

impl Cover<'_> {
    pub fn is_empty(&self) -> bool {
        self.credits.is_empty()
    }

    /// The credits that name works outside the corpus.
    pub fn external(&self) -> impl Iterator<Item = &Credit> {
        self.credits.iter().copied().filter(|c| c.is_external())
    }

    /// The credit to name for it: the nearest resolved one, else the nearest.
    pub fn main(&self, at: usize) -> Option<&Credit> {
        let dist = |c: &&&Credit| c.prose.start.abs_diff(at);
        self.credits
            .iter()
            .filter(|c| c.resolved())
            .min_by_key(dist)
            .or_else(|| self.credits.iter().min_by_key(dist))
            .copied()
    }
}

impl Credits {
    /// The credits covering prose offset `at`.
    pub fn covering(&self, at: usize) -> Cover<'_> {
        let credits: Vec<&Credit> = if self.by_scope.len() == self.items.len() {
            // Only the credits whose scope starts at most the longest scope
            // before `at` can cover it: a search, then a few.
            let end = self.by_scope.partition_point(|&(start, _, _)| start <= at);
            let begin = self
                .by_scope
                .partition_point(|&(start, _, _)| start + self.longest_scope < at);
            let mut found: Vec<usize> = self.by_scope[begin..end]
                .iter()
                .filter(|&&(_, _, i)| self.items[i].covers(at))
                .map(|&(_, _, i)| i)
                .collect();
            found.sort_unstable();
            found.into_iter().map(|i| &self.items[i]).collect()
        } else {
            self.items.iter().filter(|c| c.covers(at)).collect()
        };
        let mut sources: Vec<SourceIdx> = credits
            .iter()
            .flat_map(|c| c.sources.iter().copied())
            .collect();
        sources.sort();
        sources.dedup();
        Cover { credits, sources }
    }

    /// Indexes the credits by their scope, for `covering`.
    fn index_scopes(&mut self) {
        self.by_scope = self
            .items
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let start = c.scope.iter().map(|s| s.start).min().unwrap_or(0);
                // `covers` counts an empty scope as one byte long.
                let end = c
                    .scope
                    .iter()
                    .map(|s| s.end.max(s.start + 1))
                    .max()
                    .unwrap_or(0);
                (start, end, i)
            })
            .collect();
        self.by_scope.sort_unstable();
        self.longest_scope = self
            .by_scope
            .iter()
            .map(|&(start, end, _)| end.saturating_sub(start))
            .max()
            .unwrap_or(0);
    }

    /// Whether prose offset `at` is inside a citation bracket.
    pub fn in_brackets(&self, at: usize) -> bool {
        self.brackets.iter().any(|b| b.start <= at && at < b.end)
    }

    /// Finds every credit in `draft`.
    pub fn find(draft: &Draft, corpus: &Corpus) -> Credits {
        let names = Names::of(corpus);
        Finder::new(draft, &names, AttributionRules::built_in()).run()
    }
}

/// A Pandoc citation bracket: `[` … `@key` … `]` with no brackets inside.
fn bracket_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\[[^\[\]]*@[^\[\]]*\]").expect("valid"))
}

/// A citation key: `@` after a space, `[`, `;` or `-`, then Pandoc's key
/// characters; trailing punctuation is not part of it.
fn key_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|[\s\[;\-])@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)").expect("valid")
    })
}

/// A numbered citation marker: `[3]`, `[3, 4]`, `[3–5]`, not a link.
fn marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\](?:[^(:\[]|$)").expect("valid")
    })
}

/// The text of a superscript that is a citation marker: `3`, `[3]`, `3,4`.
fn superscript_marker_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^\[?\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\]?$").expect("valid"))
}

/// `[^label]` left in the prose: a reference with no definition (the
/// Markdown reader turns defined ones into references).
fn undefined_footnote_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\[\^([^\]\s]+)\]").expect("valid"))
}

fn url_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"https?://[^\s<>()\[\]]+").expect("valid"))
}

fn trim_key(key: &str) -> &str {
    key.trim_end_matches(['.', ':', ',', ';', '?', '/', '-'])
}

struct Finder<'a> {
    draft: &'a Draft,
    names: &'a Names,
    rules: &'a AttributionRules,
    prose: &'a str,
    sentences: Vec<(usize, Span)>,
    credits: Credits,
}

impl<'a> Finder<'a> {
    fn new(draft: &'a Draft, names: &'a Names, rules: &'a AttributionRules) -> Finder<'a> {
        Finder {
            draft,
            names,
            rules,
            prose: draft.doc.prose.text(),
            sentences: draft.doc.sentences(),
            credits: Credits::default(),
        }
    }

    fn run(mut self) -> Credits {
        self.citations();
        self.markers();
        self.footnotes();
        self.links();
        self.attributions();
        self.credits
            .items
            .sort_by_key(|c| (c.prose.start, c.prose.end, c.kind as u8));
        self.credits.index_scopes();
        self.credits
    }

    fn original(&self, prose: Span) -> Span {
        self.draft.doc.prose.to_original(prose)
    }

    fn block_of(&self, at: usize) -> Option<(usize, &'a Block)> {
        self.draft
            .doc
            .blocks
            .iter()
            .enumerate()
            .find(|(_, b)| b.prose.start <= at && at <= b.prose.end)
    }

    /// The sentence holding prose offset `at` (a sentence's end counts as in
    /// it, so a footnote right after a period belongs to its sentence).
    fn sentence_of(&self, at: usize) -> Option<(usize, usize, Span)> {
        // Sentences are in document order and do not overlap: the first
        // one ending at or after `at` is the only candidate. A search, not
        // a scan, so a paragraph of thousands of sentences stays linear.
        let i = self.sentences.partition_point(|(_, s)| s.end < at);
        let (b, s) = *self.sentences.get(i)?;
        (s.start <= at).then_some((i, b, s))
    }

    /// Whether a sentence has words of its own besides citation brackets.
    fn only_citations(&self, s: Span) -> bool {
        let mut text = self.prose[s.range()].to_string();
        for b in self.credits.brackets.iter().filter(|b| s.contains(**b)) {
            let a = b.start - s.start;
            let z = b.end - s.start;
            text.replace_range(a..z, &" ".repeat(z - a));
        }
        !text.chars().any(char::is_alphanumeric)
    }

    /// A citation's scope: its sentence, or the sentence before when it
    /// stands alone after it.
    fn citation_scope(&self, at: usize) -> Vec<Span> {
        let Some((i, block, s)) = self.sentence_of(at) else {
            return Vec::new();
        };
        let mut scope = vec![s];
        if self.only_citations(s) && i > 0 && self.sentences[i - 1].0 == block {
            scope.push(self.sentences[i - 1].1);
        }
        scope.extend(self.blockquote_scope(block));
        scope
    }

    /// When block `b` is the last paragraph of a blockquote, the whole
    /// blockquote.
    fn blockquote_scope(&self, b: usize) -> Option<Span> {
        let blocks = &self.draft.doc.blocks;
        if blocks[b].blockquote_depth == 0
            || blocks.get(b + 1).is_some_and(|n| n.blockquote_depth > 0)
        {
            return None;
        }
        let mut first = b;
        while first > 0 && blocks[first - 1].blockquote_depth > 0 {
            first -= 1;
        }
        Some(Span::new(blocks[first].prose.start, blocks[b].prose.end))
    }

    fn citations(&mut self) {
        let ids = &self.names.ids;
        for block in &self.draft.doc.blocks {
            let text = &self.prose[block.prose.range()];
            let base = block.prose.start;
            let mut in_bracket: Vec<Span> = Vec::new();
            for m in bracket_re().find_iter(text) {
                let bracket = Span::new(base + m.start(), base + m.end());
                let inner = &text[m.start() + 1..m.end() - 1];
                let mut keys = Vec::new();
                let mut item_start = 0;
                for item in inner.split(';') {
                    let this_start = item_start;
                    item_start += item.len() + 1;
                    let item_start = this_start;
                    if let Some(c) = key_re().captures(item) {
                        let k = c.get(1).expect("group 1");
                        let key = trim_key(k.as_str());
                        let after = &item[k.start() + key.len()..];
                        let locator = after.trim_start_matches([',', ' ']).trim().to_string();
                        let at = base + m.start() + 1 + item_start + k.start() - 1;
                        keys.push((Span::new(at, at + 1 + key.len()), key.to_string(), locator));
                    }
                }
                if keys.is_empty() {
                    continue;
                }
                self.credits.brackets.push(bracket);
                in_bracket.push(bracket);
                for (span, key, locator) in keys {
                    let source = ids.get(&key).copied();
                    let credit = Credit {
                        kind: CreditKind::Citation,
                        span: self.original(span),
                        prose: span,
                        sources: source.into_iter().collect(),
                        suggestion: if source.is_none() {
                            self.suggest_key(&key)
                        } else {
                            None
                        },
                        key,
                        locator: (!locator.is_empty()).then_some(locator),
                        detail: None,
                        scope: Vec::new(),
                        claims_corpus: true,
                        in_footnote: block.footnote.is_some(),
                    };
                    self.credits.items.push(credit);
                }
            }
            // In-text keys: `@flakin-2019 argues`, only a source's id.
            for c in key_re().captures_iter(text) {
                let k = c.get(1).expect("group 1");
                let at = base + k.start() - 1;
                if in_bracket.iter().any(|s| s.start <= at && at < s.end) {
                    continue;
                }
                let key = trim_key(k.as_str());
                if let Some(&source) = ids.get(key) {
                    let span = Span::new(at, at + 1 + key.len());
                    self.credits.items.push(Credit {
                        kind: CreditKind::Citation,
                        span: self.original(span),
                        prose: span,
                        key: key.to_string(),
                        sources: vec![source],
                        locator: None,
                        detail: None,
                        scope: Vec::new(),
                        suggestion: None,
                        claims_corpus: true,
                        in_footnote: block.footnote.is_some(),
                    });
                }
            }
        }
        // Scopes, now that every bracket is known.
        let scopes: Vec<Vec<Span>> = self
            .credits
            .items
            .iter()
            .map(|c| self.citation_scope(c.prose.start))
            .collect();
        for (c, s) in self.credits.items.iter_mut().zip(scopes) {
            c.scope = s;
        }
    }

    /// The source a mistyped key most likely meant: the id closest in
    /// spelling, or the source whose author's name the key starts with.
    fn suggest_key(&self, key: &str) -> Option<SourceIdx> {
        let folded = fold(key);
        let by_id = self
            .names
            .ids
            .iter()
            .map(|(id, s)| (strsim::jaro_winkler(&folded, &id.to_lowercase()), *s))
            .filter(|(score, _)| *score >= 0.75)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, s)) = by_id {
            return Some(s);
        }
        let alpha: String = folded.chars().take_while(|c| c.is_alphabetic()).collect();
        self.names
            .all()
            .filter(|(w, k, _)| k.is_person() && w.len() == 1 && w[0] == alpha)
            .find_map(|(_, _, s)| s.first().copied())
    }

    fn footnotes(&mut self) {
        let doc = &self.draft.doc;
        // A reference to a footnote that is never defined stays in the
        // prose as text: a citation of nothing.
        for b in &doc.blocks {
            let text = &self.prose[b.prose.range()];
            for m in undefined_footnote_re().captures_iter(text) {
                let whole = m.get(0).expect("group 0");
                let span = Span::new(b.prose.start + whole.start(), b.prose.start + whole.end());
                self.credits.items.push(Credit {
                    kind: CreditKind::Footnote,
                    span: self.original(span),
                    prose: span,
                    key: m[1].to_string(),
                    sources: Vec::new(),
                    locator: None,
                    detail: None,
                    scope: self.citation_scope(span.start),
                    suggestion: None,
                    claims_corpus: false,
                    in_footnote: b.footnote.is_some(),
                });
            }
        }
        // Each label's definitions, and what they name, found once: a
        // footnote is often referenced again and again.
        let mut defs: HashMap<&str, Vec<&Block>> = HashMap::new();
        for b in &doc.blocks {
            if let Some(label) = b.footnote.as_deref() {
                defs.entry(label).or_default().push(b);
            }
        }
        type Resolved = (Vec<SourceIdx>, Option<SourceIdx>, bool, Option<String>);
        let mut resolved: HashMap<&str, Resolved> = HashMap::new();
        for r in &doc.footnote_refs {
            let label = r.label.as_str();
            if !resolved.contains_key(label) {
                let found =
                    self.resolve_definition(label, defs.get(label).map_or(&[], Vec::as_slice));
                resolved.insert(label, found);
            }
            let (sources, suggestion, own_credits, detail) = resolved[label].clone();
            // A footnote whose definition has its own keys is reported
            // through them, not again as a footnote.
            let claims_corpus = suggestion.is_some() && !own_credits;
            let at = r.prose_at;
            let scope = self.note_scope(at, at);
            self.credits.items.push(Credit {
                kind: CreditKind::Footnote,
                span: r.span,
                prose: Span::new(at, at),
                key: r.label.clone(),
                sources,
                locator: None,
                detail,
                scope,
                suggestion,
                claims_corpus,
                in_footnote: false,
            });
        }
    }

    /// What a note marker at prose `start..end` covers (a footnote
    /// reference takes no prose: `start == end`): its sentence; the whole
    /// paragraph when it ends the paragraph; the sentence before when it
    /// stands alone after it; the whole blockquote from its last paragraph.
    fn note_scope(&self, start: usize, end: usize) -> Vec<Span> {
        let doc = &self.draft.doc;
        let mut scope = Vec::new();
        if let Some((i, block, s)) = self.sentence_of(start.saturating_sub(1)) {
            scope.push(s);
            let b = &doc.blocks[block];
            let rest = &self.prose[end.clamp(b.prose.start, b.prose.end)..b.prose.end];
            let last_in_block = self.sentences.get(i + 1).is_none_or(|n| n.0 != block);
            if last_in_block && !rest.chars().any(char::is_alphanumeric) {
                // At the end of its paragraph: the whole paragraph.
                scope.push(b.prose);
            } else if self.only_citations(s) && i > 0 && self.sentences[i - 1].0 == block {
                scope.push(self.sentences[i - 1].1);
            }
            scope.extend(self.blockquote_scope(block));
        }
        scope
    }

    /// Numbered citation markers (`[3]`, `<sup>3</sup>`): each credits what
    /// it closes, as a footnote does. The reference list they point into is
    /// not read (it is often missing from a copy): a marker credits a work
    /// outside the corpus unless a footnote or key beside it names one.
    fn markers(&mut self) {
        let doc = &self.draft.doc;
        let mut found: Vec<Span> = Vec::new();
        for sup in &doc.superscripts {
            if superscript_marker_re().is_match(self.prose[sup.range()].trim()) {
                found.push(*sup);
            }
        }
        // Pandoc brackets and superscripts already found; a marker the
        // pattern finds does not overlap another it finds.
        let taken = SpanSet::new(self.credits.brackets.iter().chain(&found).copied());
        for b in doc.blocks.iter().filter(|b| !b.apparatus) {
            let text = &self.prose[b.prose.range()];
            for m in marker_re().find_iter(text) {
                let len = m.as_str().rfind(']').expect("the pattern has one") + 1;
                let span = Span::new(b.prose.start + m.start(), b.prose.start + m.start() + len);
                if !taken.overlaps(span) {
                    found.push(span);
                }
            }
        }
        found.sort();
        for span in found {
            let key = self.prose[span.range()]
                .trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace())
                .to_string();
            let scope = self.note_scope(span.start, span.end);
            self.credits.brackets.push(span);
            self.credits.items.push(Credit {
                kind: CreditKind::Marker,
                span: self.original(span),
                prose: span,
                key,
                sources: Vec::new(),
                locator: None,
                detail: None,
                scope,
                suggestion: None,
                claims_corpus: false,
                in_footnote: false,
            });
        }
    }

    /// What a footnote's definition names: (the sources it identifies
    /// exactly, the source it nearly names, whether it has citation keys of
    /// its own, its text). A definition identifies a source by the source's
    /// URL, one of its keys, or the name of the work (see
    /// [`Names::identify`]); anything else it names is outside the corpus.
    fn resolve_definition(
        &self,
        label: &str,
        defs: &[&Block],
    ) -> (Vec<SourceIdx>, Option<SourceIdx>, bool, Option<String>) {
        let mut sources: Vec<SourceIdx> = Vec::new();
        let mut near = None;
        let mut own_keys = false;
        let mut text = String::new();
        // Links in the definition (an autolink alone makes no prose block).
        for l in self
            .draft
            .doc
            .links
            .iter()
            .filter(|l| l.footnote.as_deref() == Some(label))
        {
            text.push_str(&self.draft.text[l.span.range()]);
            text.push(' ');
            if let Some(u) = normalize_url(&l.dest) {
                sources.extend(self.names.urls.get(&u).into_iter().flatten());
            }
        }
        if defs.is_empty() && text.is_empty() {
            // A reference to no definition: nothing it could name.
            return (Vec::new(), None, false, None);
        }
        for b in defs {
            let t = &self.prose[b.prose.range()];
            text.push_str(t);
            text.push(' ');
            // Citation keys in the definition.
            for c in &self.credits.items {
                if c.kind == CreditKind::Citation
                    && b.prose.start <= c.prose.start
                    && c.prose.start < b.prose.end
                {
                    own_keys = true;
                    sources.extend(&c.sources);
                }
            }
            for m in url_re().find_iter(t) {
                if let Some(u) = normalize_url(m.as_str()) {
                    sources.extend(self.names.urls.get(&u).into_iter().flatten());
                }
            }
            let found = self.names.identify(&toks(self.prose, b.prose));
            sources.extend(found.sources);
            near = near.or(found.near);
        }
        sources.sort();
        sources.dedup();
        if !sources.is_empty() {
            near = None;
        }
        (sources, near, own_keys, Some(text.trim().to_string()))
    }

    fn links(&mut self) {
        let mut found: Vec<(Span, Span, String)> = Vec::new();
        for l in &self.draft.doc.links {
            let at = l.prose.start;
            if l.footnote.is_some() || self.block_of(at).is_some_and(|(_, b)| b.apparatus) {
                continue; // part of a footnote's definition or a reference list
            }
            found.push((l.span, l.prose, l.dest.clone()));
        }
        // Bare URLs in the prose (plain text, or Markdown without autolinks).
        for b in &self.draft.doc.blocks {
            if b.apparatus {
                continue;
            }
            let text = &self.prose[b.prose.range()];
            for m in url_re().find_iter(text) {
                let span = Span::new(b.prose.start + m.start(), b.prose.start + m.end());
                // A link whose text is its URL is already there.
                if self.draft.doc.links.iter().any(|l| l.prose.overlaps(span)) {
                    continue;
                }
                found.push((self.original(span), span, m.as_str().to_string()));
            }
        }
        for (span, prose, dest) in found {
            let Some(url) = normalize_url(&dest) else {
                continue; // a relative link, an anchor, an e-mail address
            };
            // Only a source's own URL is that source: another page of the
            // same site is a work outside the corpus.
            let sources: Vec<SourceIdx> = self.names.urls.get(&url).cloned().unwrap_or_default();
            let scope = self.citation_scope(prose.start);
            self.credits.items.push(Credit {
                kind: CreditKind::Link,
                span,
                prose,
                key: dest.trim_end_matches(['.', ',', ';', ':', ')']).to_string(),
                suggestion: None,
                sources,
                locator: None,
                detail: None,
                scope,
                claims_corpus: false,
                in_footnote: false,
            });
        }
    }

    fn attributions(&mut self) {
        let doc = &self.draft.doc;
        for (b, block) in doc.blocks.iter().enumerate() {
            if block.footnote.is_some() || block.kind == BlockKind::FootnoteDefinition {
                continue;
            }
            let tk = toks(self.prose, block.prose);
            if tk.is_empty() {
                continue;
            }
            // Sentences are in block order: this block's are one run.
            let from = self.sentences.partition_point(|(i, _)| *i < b);
            let to = self.sentences.partition_point(|(i, _)| *i <= b);
            let block_sentences: Vec<Span> =
                self.sentences[from..to].iter().map(|(_, s)| *s).collect();
            let starts: Vec<usize> = block_sentences
                .iter()
                .map(|s| tk.partition_point(|t| t.span.start < s.start))
                .filter(|&i| i < tk.len())
                .collect();
            // "@flakin-2019" is a citation key, found as one already.
            let mentions: Vec<Mention> = self
                .names
                .mentions(&tk, &starts)
                .into_iter()
                .filter(|m| !(m.toks.0 > 0 && tk[m.toks.0 - 1].text == "@"))
                .collect();
            for found in self.cues(&tk, &mentions) {
                let (a, z) = found.toks;
                let prose = Span::new(tk[a].span.start, tk[z - 1].span.end);
                let scope = self.attribution_scope(b, &tk, prose);
                let key = match &found.who {
                    Some((x, y)) => tk[*x..*y]
                        .iter()
                        .map(|t| t.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    None => String::new(),
                };
                self.credits.items.push(Credit {
                    kind: CreditKind::Attribution,
                    span: self.original(prose),
                    prose,
                    key,
                    sources: found.sources,
                    locator: None,
                    detail: None,
                    scope,
                    suggestion: None,
                    claims_corpus: false,
                    in_footnote: false,
                });
            }
        }
    }

    /// A prose attribution's scope: its clause (between `;`) of its
    /// sentence; the blockquote after it when the sentence ends with a
    /// colon; the whole blockquote when it is in a blockquote's last
    /// paragraph.
    fn attribution_scope(&self, b: usize, tk: &[Tok], cue: Span) -> Vec<Span> {
        let Some((_, _, s)) = self.sentence_of(cue.start) else {
            return Vec::new();
        };
        // The sentence's tokens only: tokens are in order.
        let first = tk.partition_point(|t| t.span.start < s.start);
        let last = tk.partition_point(|t| t.span.end <= s.end);
        let semis: Vec<usize> = tk[first..last.max(first)]
            .iter()
            .filter(|t| t.text == ";")
            .map(|t| t.span.start)
            .collect();
        let start = semis
            .iter()
            .copied()
            .filter(|&p| p < cue.start)
            .max()
            .map_or(s.start, |p| p + 1);
        let end = semis
            .iter()
            .copied()
            .filter(|&p| p >= cue.end)
            .min()
            .unwrap_or(s.end);
        let mut scope = vec![Span::new(start, end)];
        let blocks = &self.draft.doc.blocks;
        if self.prose[s.range()].trim_end().ends_with(':') {
            let mut n = b + 1;
            while n < blocks.len() && blocks[n].blockquote_depth > 0 {
                scope.push(blocks[n].prose);
                n += 1;
            }
        }
        scope.extend(self.blockquote_scope(b));
        scope
    }

    /// Finds the cues in a block's tokens.
    fn cues(&self, tk: &[Tok], mentions: &[Mention]) -> Vec<Cue> {
        let r = self.rules;
        let mut out: Vec<Cue> = Vec::new();
        let words_at = |i: usize, phrase: &[String]| {
            phrase
                .iter()
                .enumerate()
                .all(|(n, w)| tk.get(i + n).is_some_and(|t| t.is_word() && t.lower == *w))
        };
        let mention_at = |i: usize| mentions.iter().find(|m| m.toks.0 == i);
        let mention_ending = |end: usize| mentions.iter().find(|m| m.toks.1 == end);
        let function_word = |t: &Tok| {
            crate::figures::FigureRules::built_in()
                .stop_words
                .contains(&t.lower)
        };
        let mut i = 0;
        while i < tk.len() {
            // "according to NAME"
            if let Some(p) = r.before.iter().find(|p| words_at(i, p)) {
                let mut w = i + p.len();
                if tk
                    .get(w)
                    .is_some_and(|t| matches!(t.base.as_str(), "the" | "a" | "an"))
                {
                    w += 1;
                }
                if let Some(m) = mention_at(w) {
                    out.push(Cue {
                        toks: (i, m.toks.1),
                        who: Some(m.toks),
                        sources: m.sources.clone(),
                    });
                    i = m.toks.1;
                    continue;
                }
                // Someone outside the corpus: the words up to punctuation.
                let mut z = w;
                while z < tk.len() && z - w < 6 && tk[z].is_word() {
                    z += 1;
                }
                let first = tk.get(w);
                // Not a number ("according to 2019 figures"), but an
                // ordinal may begin a name ("the 14th Dalai Lama").
                let ordinal = |t: &Tok| {
                    let lower = t.text.to_lowercase();
                    let digits = lower.trim_start_matches(|c: char| c.is_ascii_digit());
                    digits.len() < lower.len() && ["st", "nd", "rd", "th"].contains(&digits)
                };
                let plausible = z > w
                    && first.is_some_and(|t| !t.text.as_bytes()[0].is_ascii_digit() || ordinal(t))
                    && (p.as_slice() != ["per"] || first.is_some_and(|t| t.cap));
                if plausible {
                    out.push(Cue {
                        toks: (i, z),
                        who: Some((w, z)),
                        sources: Vec::new(),
                    });
                    i = z;
                    continue;
                }
            }
            // "NAME wrote", "wrote NAME"
            if let Some(p) = r.verbs.iter().find(|p| words_at(i, p)) {
                let after = i + p.len();
                let lower_case = tk[i].text.chars().next().is_some_and(char::is_lowercase);
                let next_ok = tk
                    .get(after)
                    .is_none_or(|t| !(t.is_word() && r.not_after_verbs.contains(&t.lower)));
                if lower_case && next_ok {
                    if let Some(cue) = self.verb_cue(
                        tk,
                        i,
                        after,
                        mentions,
                        &mention_ending,
                        &mention_at,
                        &function_word,
                    ) {
                        out.push(cue);
                        i = after;
                        continue;
                    }
                }
            }
            i += 1;
        }
        // "His motto:", "in his 1987 speech": whoever the pronoun stands
        // for, as a pronoun before a verb does.
        for (i, t) in tk.iter().enumerate() {
            if !(t.is_word() && r.possessive_pronouns.contains(&t.text.to_lowercase())) {
                continue;
            }
            let noun = (i + 1..tk.len().min(i + 4))
                .take_while(|&j| tk[j].is_word())
                .find(|&j| r.statement_nouns.contains(&tk[j].text.to_lowercase()));
            let Some(noun) = noun else { continue };
            if out.iter().any(|c| c.toks.0 <= i && i < c.toks.1) {
                continue;
            }
            let sources = mentions
                .iter()
                .rfind(|m| m.toks.1 <= i && m.kind.is_person())
                .map(|m| m.sources.clone())
                .unwrap_or_default();
            out.push(Cue {
                toks: (i, noun + 1),
                who: Some((i, i + 1)),
                sources,
            });
        }
        // "in Flakin's account", "(Flakin 2019)"
        for m in mentions {
            let possessive = m.possessive
                && tk
                    .get(m.toks.1)
                    .is_some_and(|t| r.possessive_nouns.contains(&t.lower));
            let parenthetical = m.toks.0 > 0 && tk[m.toks.0 - 1].text == "(";
            if (possessive || parenthetical)
                && !out
                    .iter()
                    .any(|c| c.toks.0 <= m.toks.0 && m.toks.1 <= c.toks.1)
            {
                let end = if possessive { m.toks.1 + 1 } else { m.toks.1 };
                out.push(Cue {
                    toks: (m.toks.0, end),
                    who: Some(m.toks),
                    sources: m.sources.clone(),
                });
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn verb_cue<'m>(
        &self,
        tk: &[Tok],
        verb: usize,
        after: usize,
        mentions: &'m [Mention],
        mention_ending: &dyn Fn(usize) -> Option<&'m Mention>,
        mention_at: &dyn Fn(usize) -> Option<&'m Mention>,
        function_word: &dyn Fn(&Tok) -> bool,
    ) -> Option<Cue> {
        let r = self.rules;
        // Left of the verb, past "also", "has", "later".
        let mut k = verb;
        while k > 0 && tk[k - 1].is_word() && r.between.contains(&tk[k - 1].lower) {
            k -= 1;
        }
        if k > 0 && tk[k - 1].is_word() {
            let w = &tk[k - 1];
            if k > 1 && tk[k - 2].text == "@" {
                return None; // "@flakin-2019 argues": a citation key
            }
            if let Some(m) = mention_ending(k) {
                return Some(Cue {
                    toks: (m.toks.0, after),
                    who: Some(m.toks),
                    sources: m.sources.clone(),
                });
            }
            let low = w.lower.clone();
            if r.pronouns.contains(&low) {
                // The last person named before it in the paragraph.
                let sources = mentions
                    .iter()
                    .rfind(|m| m.toks.1 < k && m.kind.is_person())
                    .map(|m| m.sources.clone())
                    .unwrap_or_default();
                return Some(Cue {
                    toks: (k - 1, after),
                    who: Some((k - 1, k)),
                    sources,
                });
            }
            if r.coordinators.contains(&low) {
                // "… and said that …": whoever the clause is about.
                return Some(Cue {
                    toks: (k - 1, after),
                    who: None,
                    sources: Vec::new(),
                });
            }
            if r.not_names.contains(&low)
                || function_word(w)
                || w.text.as_bytes()[0].is_ascii_digit()
            {
                return None;
            }
            // Someone outside the corpus: "the army said", "the US
            // Ambassador cabled". Back over the noun phrase.
            let mut a = k - 1;
            while a > 0
                && k - a < 4
                && tk[a - 1].is_word()
                && !r.not_names.contains(&tk[a - 1].lower)
                && (tk[a - 1].cap || matches!(tk[a - 1].base.as_str(), "the" | "a" | "an"))
            {
                a -= 1;
            }
            return Some(Cue {
                toks: (a, after),
                who: Some((a, k)),
                sources: Vec::new(),
            });
        }
        // After a quotation or a comma: "…,” wrote Flakin; "…, said the
        // Fourth International". An article may come before the name, as
        // after "according to".
        let article = tk
            .get(after)
            .is_some_and(|t| matches!(t.base.as_str(), "the" | "a" | "an"));
        let named = mention_at(after).or_else(|| article.then(|| mention_at(after + 1)).flatten());
        if let Some(m) = named {
            return Some(Cue {
                toks: (verb, m.toks.1),
                who: Some(m.toks),
                sources: m.sources.clone(),
            });
        }
        let name = if article { after + 1 } else { after };
        let mut z = name;
        while z < tk.len() && z - name < 4 && tk[z].is_word() && tk[z].cap {
            z += 1;
        }
        (z > name && verb > 0).then(|| Cue {
            toks: (verb, z),
            who: Some((after, z)),
            sources: Vec::new(),
        })
    }
}

/// A prose attribution found in a block's tokens.
#[derive(Debug)]
struct Cue {
    /// Token range of the cue and the name.
    toks: (usize, usize),
    /// Token range of the name credited.
    who: Option<(usize, usize)>,
    sources: Vec<SourceIdx>,
}

#[cfg(test)]
mod tests;
