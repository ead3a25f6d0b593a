//! What a draft may call a source by: the manifest's ids, authors (full
//! names and surnames), publications, aliases, titles and URLs, and where a
//! draft names them.

use super::cues::AttributionRules;
use crate::corpus::{Corpus, SourceIdx};
use crate::span::Span;
use crate::text::normalize;
use crate::text::tokenize::{self, TokenKind};
use std::collections::HashMap;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// How a name names its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// An author's full name ("Nathaniel Flakin").
    Person,
    /// A person's last name ("Flakin").
    Surname,
    /// An author that is an organisation ("Fourth International").
    Organisation,
    Publication,
    Alias,
    /// The source's id ("flakin-2019").
    Id,
}

impl NameKind {
    /// Whether a mention must stand alone among capitalised words: "The
    /// Socialist" is not named in "The Socialist Party".
    fn whole_phrase(self) -> bool {
        matches!(
            self,
            NameKind::Organisation | NameKind::Publication | NameKind::Alias
        )
    }

    pub fn is_person(self) -> bool {
        matches!(self, NameKind::Person | NameKind::Surname)
    }
}

#[derive(Clone, Debug)]
struct Entry {
    words: Vec<String>,
    kind: NameKind,
    sources: Vec<SourceIdx>,
}

/// The names of every source, for matching.
#[derive(Debug, Default)]
pub struct Names {
    entries: Vec<Entry>,
    by_first: HashMap<String, Vec<usize>>,
    /// Each source's title, as folded words.
    pub titles: Vec<(SourceIdx, Vec<String>)>,
    /// Normalized URL → sources.
    pub urls: HashMap<String, Vec<SourceIdx>>,
    /// Host → sources.
    pub hosts: HashMap<String, Vec<SourceIdx>>,
    /// Id → source.
    pub ids: HashMap<String, SourceIdx>,
}

/// A word or punctuation of a draft, ready for name matching.
#[derive(Clone, Debug)]
pub struct Tok {
    pub span: Span,
    pub kind: TokenKind,
    /// As written.
    pub text: String,
    /// Folded (no accents, lower case, quotes folded), without a possessive
    /// `'s`.
    pub base: String,
    /// Starts with a capital.
    pub cap: bool,
    /// Ends with a possessive `'s` (or `s'`).
    pub possessive: bool,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// The tokens of `prose[span]` (quotation and emphasis marks left out).
pub fn toks(prose: &str, span: Span) -> Vec<Tok> {
    let mut raw = Vec::new();
    tokenize::tokenize_into(&prose[span.range()], span.start, &mut raw);
    raw.into_iter()
        .filter(|t| t.kind != TokenKind::Mark)
        .map(|t| {
            let text = t.text(prose).to_string();
            let folded = fold(&text);
            let (base, possessive) = match folded.strip_suffix("'s") {
                Some(b) if t.is_word() => (b.to_string(), true),
                _ => (folded.clone(), false),
            };
            Tok {
                span: t.span,
                kind: t.kind,
                cap: text.chars().next().is_some_and(char::is_uppercase),
                text,
                base,
                possessive,
            }
        })
        .collect()
}

/// A word folded for comparing names: accents off, lower case, quotation
/// marks and dashes folded ("Bensaïd" is "bensaid").
pub fn fold(word: &str) -> String {
    normalize::surface(word)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folded words of a name or title.
pub fn name_words(text: &str) -> Vec<String> {
    tokenize::tokenize(text)
        .iter()
        .filter(|t| t.is_word())
        .map(|t| fold(t.text(text)))
        .collect()
}

/// A URL reduced to what identifies a page: no scheme, no `www.`, no
/// fragment, no trailing slash, lower case.
pub fn normalize_url(url: &str) -> Option<String> {
    let url = url
        .trim()
        .trim_end_matches(['.', ',', ';', ':', ')', ']', '>']);
    let lower = url.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.split('#').next().unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    (!rest.is_empty()).then(|| rest.to_string())
}

/// The host of a normalized URL.
pub fn host(normalized: &str) -> &str {
    normalized.split(['/', '?']).next().unwrap_or(normalized)
}

/// Where a draft names a source.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Token range in the token list it was found in.
    pub toks: (usize, usize),
    /// Prose span.
    pub span: Span,
    pub kind: NameKind,
    pub sources: Vec<SourceIdx>,
    /// Written as a possessive ("Flakin's").
    pub possessive: bool,
}

impl Names {
    /// The names of the corpus's sources, built on first use.
    pub fn of(corpus: &Corpus) -> Arc<Names> {
        corpus.derived("attribution-names", |c| {
            Names::build(c, AttributionRules::built_in())
        })
    }

    pub fn build(corpus: &Corpus, rules: &AttributionRules) -> Names {
        let mut names = Names::default();
        let mut seen: HashMap<(Vec<String>, u8), usize> = HashMap::new();
        let mut add = |names: &mut Names, words: Vec<String>, kind: NameKind, s: SourceIdx| {
            if words.is_empty() {
                return;
            }
            let key = (words.clone(), kind as u8);
            match seen.get(&key) {
                Some(&i) => {
                    if !names.entries[i].sources.contains(&s) {
                        names.entries[i].sources.push(s);
                    }
                }
                None => {
                    seen.insert(key, names.entries.len());
                    names.entries.push(Entry {
                        words,
                        kind,
                        sources: vec![s],
                    });
                }
            }
        };
        let without_the = |w: Vec<String>| {
            if w.len() > 1 && w[0] == "the" {
                w[1..].to_vec()
            } else {
                w
            }
        };
        for idx in corpus.ids() {
            let e = &corpus.source(idx).entry;
            names.ids.insert(e.id.clone(), idx);
            add(&mut names, name_words(&e.id), NameKind::Id, idx);
            for author in &e.authors {
                let words = name_words(author);
                let last = author.split_whitespace().last().unwrap_or("");
                let organisation = rules.organisation_words.contains(last);
                if organisation {
                    add(&mut names, without_the(words), NameKind::Organisation, idx);
                } else {
                    if words.len() >= 2 {
                        add(
                            &mut names,
                            vec![words[words.len() - 1].clone()],
                            NameKind::Surname,
                            idx,
                        );
                    }
                    add(&mut names, words, NameKind::Person, idx);
                }
            }
            add(
                &mut names,
                without_the(name_words(&e.publication)),
                NameKind::Publication,
                idx,
            );
            for alias in &e.aliases {
                add(
                    &mut names,
                    without_the(name_words(alias)),
                    NameKind::Alias,
                    idx,
                );
            }
            names.titles.push((idx, name_words(&e.title)));
            if let Some(url) = e.url.as_deref().and_then(normalize_url) {
                names
                    .hosts
                    .entry(host(&url).to_string())
                    .or_default()
                    .push(idx);
                names.urls.entry(url).or_default().push(idx);
            }
        }
        for (i, e) in names.entries.iter().enumerate() {
            names
                .by_first
                .entry(e.words[0].clone())
                .or_default()
                .push(i);
        }
        names
    }

    /// Every source whose names include a person with this folded surname.
    pub fn persons(&self) -> impl Iterator<Item = (&[String], &[SourceIdx])> {
        self.entries
            .iter()
            .filter(|e| e.kind.is_person() || e.kind == NameKind::Organisation)
            .map(|e| (e.words.as_slice(), e.sources.as_slice()))
    }

    /// Every name, as folded words with its sources.
    pub fn all(&self) -> impl Iterator<Item = (&[String], NameKind, &[SourceIdx])> {
        self.entries
            .iter()
            .map(|e| (e.words.as_slice(), e.kind, e.sources.as_slice()))
    }

    /// The names in `toks` (from [`toks`]), longest first at each place.
    /// `sentence_starts` are token indexes where a sentence begins (a
    /// capital there says nothing).
    pub fn mentions(&self, toks: &[Tok], sentence_starts: &[usize]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let Some(best) = self.longest_at(toks, i) else {
                i += 1;
                continue;
            };
            let (end, entry) = best;
            let e = &self.entries[entry];
            let possessive = toks[end - 1].possessive;
            if e.kind.whole_phrase() {
                let next_cap = toks.get(end).is_some_and(|t| t.is_word() && t.cap);
                // "Committee of the Fourth International" names another body:
                // look back past "of the".
                let mut p = i;
                while p > 0 && matches!(toks[p - 1].base.as_str(), "the" | "of" | "for" | "a") {
                    p -= 1;
                }
                let prev_cap = p > 0
                    && toks[p - 1].is_word()
                    && toks[p - 1].cap
                    && !sentence_starts.contains(&(p - 1));
                if (next_cap && !possessive) || prev_cap {
                    i = end;
                    continue;
                }
            }
            out.push(Mention {
                toks: (i, end),
                span: Span::new(toks[i].span.start, toks[end - 1].span.end),
                kind: e.kind,
                sources: e.sources.clone(),
                possessive,
            });
            i = end;
        }
        out
    }

    /// The longest name starting at token `i`: (end, entry).
    fn longest_at(&self, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        let first = &toks[i];
        if !first.is_word() {
            return None;
        }
        let candidates = self.by_first.get(&first.base)?;
        let mut best: Option<(usize, usize)> = None;
        for &c in candidates {
            let e = &self.entries[c];
            // Names are proper nouns: capitalised in the draft (ids are not).
            if e.kind != NameKind::Id && !first.cap {
                continue;
            }
            // Only words; possessive only on the last.
            let mut k = i;
            let mut ok = true;
            for (n, w) in e.words.iter().enumerate() {
                let Some(t) = toks.get(k) else {
                    ok = false;
                    break;
                };
                let last = n + 1 == e.words.len();
                let text = if last { &t.base } else { &fold(&t.text) };
                if !t.is_word() || text != w || (!last && t.possessive) {
                    ok = false;
                    break;
                }
                k += 1;
            }
            if ok && best.is_none_or(|(end, _)| k > end) {
                best = Some((k, c));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::load(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .as_path(),
        )
        .unwrap()
    }

    fn mentioned(names: &Names, corpus: &Corpus, text: &str) -> Vec<(String, String)> {
        let toks = toks(text, Span::new(0, text.len()));
        names
            .mentions(&toks, &[0])
            .iter()
            .map(|m| {
                (
                    text[m.span.range()].to_string(),
                    m.sources
                        .iter()
                        .map(|s| corpus.source(*s).id())
                        .collect::<Vec<_>>()
                        .join(","),
                )
            })
            .collect()
    }

    #[test]
    fn names_from_the_manifest() {
        let corpus = corpus();
        let names = Names::build(&corpus, AttributionRules::built_in());
        assert_eq!(
            mentioned(
                &names,
                &corpus,
                "Nathaniel Flakin and Bensaid, Left Voice's editor, the World Socialist Web Site and flakin-2019."
            ),
            vec![
                ("Nathaniel Flakin".into(), "flakin-2019".into()),
                ("Bensaid".into(), "bensaid-2023".into()),
                ("Left Voice's".into(), "flakin-2019".into()),
                ("World Socialist Web Site".into(), "wsws-2023".into()),
                ("flakin-2019".into(), "flakin-2019".into()),
            ]
        );
        // Part of a longer proper name, or not capitalised: not a mention.
        assert!(mentioned(&names, &corpus, "He joined The Socialist Party.").is_empty());
        assert!(mentioned(&names, &corpus, "A committee for a Workers' International.").is_empty());
        assert!(
            mentioned(
                &names,
                &corpus,
                "The International Committee of the Fourth International."
            )
            .is_empty()
        );
        assert!(mentioned(&names, &corpus, "the left voice of the workers").is_empty());
    }

    #[test]
    fn urls_are_compared_without_their_dressing() {
        assert_eq!(
            normalize_url("https://www.Example.org/a/b/#x").as_deref(),
            Some("example.org/a/b")
        );
        assert_eq!(normalize_url("mailto:x@y.org"), None);
        assert_eq!(host("example.org/a?b"), "example.org");
    }
}
