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
    /// Id → source.
    pub ids: HashMap<String, SourceIdx>,
    /// Each source's year of publication, as written in the manifest.
    pub years: HashMap<SourceIdx, String>,
    /// How many words of each source's title a short form of it gives
    /// ("September 11 in Chile" for a title with a colon after them).
    short_titles: HashMap<SourceIdx, usize>,
}

/// What a reference (a footnote's definition, a reference-list entry)
/// identifies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identified {
    /// The sources it identifies exactly.
    pub sources: Vec<SourceIdx>,
    /// A source it nearly names, and so claims to cite, without naming it
    /// exactly: most of its title with its author or publication.
    pub near: Option<SourceIdx>,
}

/// What one reference names of one source.
#[derive(Clone, Copy, Debug, Default)]
struct Named {
    id: bool,
    author: bool,
    publication: bool,
}

/// The fewest leading words of a title that make a short form of it.
const SHORT_TITLE_WORDS: usize = 3;

/// How many words a title needs to identify its source without an author,
/// a publication or a year beside it.
const DISTINCTIVE_TITLE_WORDS: usize = 6;

/// The share of a title's words that a reference must give, in order, to
/// be taken as naming that title wrongly.
const NEAR_TITLE_SHARE: f64 = 0.6;

/// A word or punctuation of a draft, ready for name matching.
#[derive(Clone, Debug)]
pub struct Tok {
    pub span: Span,
    pub kind: TokenKind,
    /// As written.
    pub text: String,
    /// In lower case (computed once: cues compare it many times).
    pub lower: String,
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
                lower: text.to_lowercase(),
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
            let year: String = e.published.chars().take(4).collect();
            if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
                names.years.insert(idx, year);
            }
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
            let title = name_words(&e.title);
            // A shortened title (as notes after the first give it): the part
            // before a colon, or its first words.
            let head = e.title.split(':').next().map_or(0, |h| name_words(h).len());
            let short = if (SHORT_TITLE_WORDS - 1..title.len()).contains(&head) {
                head
            } else {
                SHORT_TITLE_WORDS.min(title.len())
            };
            names.short_titles.insert(idx, short);
            names.titles.push((idx, title));
            if let Some(url) = e.url.as_deref().and_then(normalize_url) {
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
                // A capital at a sentence's start says nothing ("The
                // Socialist Party"), unless the word is no function word:
                // "Amnesty International stated" names Amnesty, not the
                // Fourth International's "International".
                let prev_cap = p > 0
                    && toks[p - 1].is_word()
                    && toks[p - 1].cap
                    && (!sentence_starts.contains(&(p - 1))
                        || !crate::figures::FigureRules::built_in()
                            .stop_words
                            .contains(&toks[p - 1].text.to_lowercase()));
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

    /// The sources a reference identifies, exactly: its id; its full title
    /// with its author, publication or year (or alone, when the title is
    /// long enough to be distinctive); or its author with its publication
    /// or year ("Flakin, Left Voice", "Flakin (2019)"; not when it gives
    /// another year, which dates another work). A few shared title
    /// words are never enough: an author's other work, or another article
    /// of the same publication, is a work outside the corpus.
    pub fn identify(&self, toks: &[Tok]) -> Identified {
        let words: Vec<String> = toks
            .iter()
            .filter(|t| t.is_word())
            .map(|t| fold(&t.text))
            .collect();
        let mut named: HashMap<SourceIdx, Named> = HashMap::new();
        for m in self.mentions(toks, &[0]) {
            for &s in &m.sources {
                let n = named.entry(s).or_default();
                match m.kind {
                    NameKind::Id => n.id = true,
                    NameKind::Person | NameKind::Surname | NameKind::Organisation => {
                        n.author = true
                    }
                    NameKind::Publication | NameKind::Alias => n.publication = true,
                }
            }
        }
        let mut out = Identified::default();
        for (s, title) in &self.titles {
            let n = named.get(s).copied().unwrap_or_default();
            let source_year = self.years.get(s);
            let year = source_year.is_some_and(|y| words.contains(y));
            // A year that is not the source's dates another work.
            let other_year = words.iter().any(|w| {
                w.len() == 4
                    && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
                    && Some(w) != source_year
            });
            let has = |k: usize| k > 0 && words.windows(k).any(|w| w == &title[..k]);
            let full_title = has(title.len());
            let short_title = has(self.short_titles.get(s).copied().unwrap_or(title.len()));
            let exact = n.id
                || (full_title
                    && (n.author
                        || n.publication
                        || year
                        || title.len() >= DISTINCTIVE_TITLE_WORDS))
                || (short_title && (n.author || n.publication))
                || (n.author && (year || (n.publication && !other_year)));
            if exact {
                out.sources.push(*s);
            } else if out.near.is_none()
                && (n.author || n.publication)
                && !title.is_empty()
                && common_in_order(title, &words) as f64 >= NEAR_TITLE_SHARE * title.len() as f64
                && title.len() >= 3
            {
                out.near = Some(*s);
            }
        }
        out.sources.sort();
        if !out.sources.is_empty() {
            out.near = None;
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

/// How many words of `a` occur in `b` in the same order (their longest
/// common subsequence).
fn common_in_order(a: &[String], b: &[String]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
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

    fn identified(names: &Names, corpus: &Corpus, text: &str) -> (Vec<String>, Option<String>) {
        let found = names.identify(&toks(text, Span::new(0, text.len())));
        (
            found
                .sources
                .iter()
                .map(|s| corpus.source(*s).id().to_string())
                .collect(),
            found.near.map(|s| corpus.source(s).id().to_string()),
        )
    }

    #[test]
    fn references_identify_a_source_exactly_or_not_at_all() {
        let corpus = corpus();
        let names = Names::build(&corpus, AttributionRules::built_in());
        let id = |t: &str| identified(&names, &corpus, t);
        let exactly = |s: &str| (vec![s.to_string()], None);
        let nothing = (Vec::new(), None);
        assert_eq!(
            id("Tony Saunois, The Socialist, 11 September 2013."),
            exactly("saunois-2013")
        );
        assert_eq!(id("Flakin, Nathaniel (2019)."), exactly("flakin-2019"));
        assert_eq!(
            id("“Remembering September 11, 1973: the US-backed Pinochet coup in Chile”, 2023."),
            exactly("bensaid-2023")
        );
        assert_eq!(id("See flakin-2019."), exactly("flakin-2019"));
        // A short title with its author or publication, as later notes give it.
        assert_eq!(
            id("Flakin, “September 11 in Chile,” 3."),
            exactly("flakin-2019")
        );
        assert_eq!(
            id("“Remembering September 11, 1973”, Anti*Capitalist Resistance."),
            exactly("bensaid-2023")
        );
        // An author's or a publication's other work is outside the corpus.
        assert_eq!(
            id("Tony Saunois, “Venezuela at the crossroads”, The Socialist, 2005."),
            nothing
        );
        assert_eq!(id("“Chile's long shadow”, Left Voice."), nothing);
        // A few title words in common are no citation of it.
        assert_eq!(
            id("Munoz, “The Coup in Chilean Literature”, 1990."),
            nothing
        );
        assert_eq!(id("“Isabel Allende.” Encyclopedia Britannica."), nothing);
        // Most of a corpus title with its author: a citation of it, miswritten.
        assert_eq!(
            id(
                "Nathaniel Flakin, “September 11: How Reformism Disarmed the Working Class in the Face of the Coup”."
            ),
            (Vec::new(), Some("flakin-2019".to_string()))
        );
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
