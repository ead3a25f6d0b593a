//! Finding the source passage closest to a quotation.
//!
//! 1. Seeds: the quotation's word 3-grams (and 2-grams for short ones) are
//!    looked up in the suffix array; n-grams too common to say anything are
//!    skipped. Each hit is a place in a source.
//! 2. Hits close together in one source form a candidate passage; the
//!    candidates that cover the most of the quotation are kept.
//! 3. Each candidate is aligned word by word with the quotation (an edit
//!    distance where ellipses and brackets may skip source words for free,
//!    in `align`), and the alignment is checked word for word under the
//!    profile's rules.
//! 4. Each passage is weighed (`evidence`): how many passages as like the
//!    quotation chance would give in a corpus of this size. A check calls a
//!    passage a misquotation's source only on that evidence, never on the
//!    share of words in common alone.
//!
//! Nothing here reads the whole corpus: a quotation costs a few dozen
//! binary searches and a few small alignments.

mod align;
pub mod evidence;
pub mod pattern;

pub use evidence::Evidence;
pub use pattern::{Elem, Gap, GapKind, PWord, Pattern};

use crate::corpus::{Corpus, PassageText, SourceIdx};
use crate::draft::cues::QuoteRules;
use crate::text::normalize;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How strictly "verbatim" is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// The Chicago Manual's rules: the first letter of a quotation (or of a
    /// piece after an ellipsis) may change case, and obvious typographic
    /// errors in the source may be silently corrected.
    #[default]
    Chicago,
    /// Neither: every letter as the source has it.
    Strict,
}

#[derive(Clone, Debug)]
pub struct MatchOptions {
    pub profile: Profile,
    /// The most source words one ellipsis may stand for.
    pub max_elision_words: u32,
    /// The most source words one `[insertion]` may stand for.
    pub max_insertion_words: u32,
    /// How many candidate passages are aligned per quotation.
    pub candidates: usize,
    /// A seed n-gram occurring more often than this says too little.
    pub max_seed_occurrences: usize,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            profile: Profile::Chicago,
            max_elision_words: 250,
            max_insertion_words: 8,
            candidates: 12,
            max_seed_occurrences: 2000,
        }
    }
}

/// How a quotation word relates to the source word aligned with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WordMatch {
    /// The same word.
    Exact,
    /// The same but for the case of its first letter, at the start of the
    /// quotation or of a piece (allowed by the Chicago profile).
    FirstLetterCase,
    /// A slip in the source silently corrected (allowed by the Chicago
    /// profile).
    TypoFix,
    /// The same word in British or American spelling (`organisations`,
    /// `organizations`; allowed by the Chicago profile).
    Spelling,
    /// The same word with other capitals.
    Case,
    /// A different word.
    Changed,
}

impl WordMatch {
    /// Whether the profile allows this difference.
    pub fn allowed(self, profile: Profile) -> bool {
        match self {
            WordMatch::Exact => true,
            WordMatch::FirstLetterCase | WordMatch::TypoFix | WordMatch::Spelling => {
                profile == Profile::Chicago
            }
            WordMatch::Case | WordMatch::Changed => false,
        }
    }
}

/// One step of an alignment of a quotation with a source passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Quotation word `q` (its index among the pattern's words) against
    /// source word `s`.
    Pair { q: usize, s: u32, how: WordMatch },
    /// Quotation word `q` is not in the source.
    Added { q: usize },
    /// Source word `s` is not in the quotation.
    Dropped { s: u32 },
    /// Editorial mark `elem` (an index into the pattern's elements) stands
    /// for source words `from..to`.
    Skipped { elem: usize, from: u32, to: u32 },
}

/// A difference of punctuation between two quotation words that match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PunctDiff {
    /// The quotation word the punctuation comes before.
    pub q: usize,
    pub draft: String,
    pub source: String,
}

/// A source passage aligned with a quotation.
#[derive(Clone, Debug)]
pub struct Passage {
    pub source: SourceIdx,
    /// Source words `first..end` (word numbers as the index counts them).
    pub first: u32,
    pub end: u32,
    pub ops: Vec<Op>,
    pub punct: Vec<PunctDiff>,
    /// 2 × words in common / (quotation words + passage words), from 0 to 1.
    pub similarity: f64,
    /// The quotation is the source's words under the profile.
    pub verbatim: bool,
    /// How unlikely by chance its likeness to the quotation is.
    pub evidence: Evidence,
}

impl Passage {
    /// How many quotation words differ from the source (changed, added, or
    /// dropped source words), not counting allowed differences.
    pub fn changes(&self, profile: Profile) -> usize {
        self.ops
            .iter()
            .filter(|op| match op {
                Op::Pair { how, .. } => !how.allowed(profile),
                Op::Added { .. } | Op::Dropped { .. } => true,
                Op::Skipped { .. } => false,
            })
            .count()
            + self.punct.len()
    }

    pub fn typo_fixes(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.ops.iter().filter_map(|op| match op {
            Op::Pair {
                q,
                s,
                how: WordMatch::TypoFix,
            } => Some((*q, *s)),
            _ => None,
        })
    }
}

/// Finds the passages closest to `pattern`, best first: every verbatim
/// occurrence (each source that has the quotation), then near misses by
/// their evidence (see [`Evidence`]).
pub fn find(corpus: &Corpus, pattern: &Pattern, opts: &MatchOptions) -> Vec<Passage> {
    find_preferring(corpus, pattern, opts, &[], 1.0)
}

/// [`find`], also keeping the closest passages of the `preferred` sources
/// (those a credit names) down to a similarity of `floor`, even where
/// another source has a closer one.
pub fn find_preferring(
    corpus: &Corpus,
    pattern: &Pattern,
    opts: &MatchOptions,
    preferred: &[SourceIdx],
    floor: f64,
) -> Vec<Passage> {
    let words: Vec<&PWord> = pattern.words().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let ids: Vec<Option<u32>> = words
        .iter()
        .map(|w| {
            if w.fuzzy.is_some() {
                None
            } else {
                corpus.index.vocab().id(&w.key)
            }
        })
        .collect();
    let hits = seed_hits(corpus, pattern, &ids, opts);
    let windows = candidate_windows(corpus, pattern, &hits, words.len(), opts);
    // Aligning a window needs its source read and tokenized, which costs far
    // more than the lookups: so windows are taken best first by the longest
    // run of quotation words they have in order (by id alone), and a window
    // that cannot beat the best passage found so far is not aligned.
    let q = words.len();
    let mut ranked: Vec<(usize, (SourceIdx, u32, u32))> = windows
        .into_iter()
        .map(|w| {
            let ids_w = corpus.index.ids_of(w.0, w.1, w.2 - w.1);
            (common_in_order(&ids, &words, ids_w), w)
        })
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut passages: Vec<Passage> = Vec::new();
    let mut best = 0.0f64;
    for (common, (source, from, to)) in ranked {
        // At most `common` words pair by id, and silent corrections may pair
        // a few more; a passage has at least as many source words as pairs.
        let pairs = (common + TYPO_SLACK).min(q);
        let bound = 2.0 * pairs as f64 / (q + pairs) as f64;
        if !passages.is_empty() && pairs < q && bound < best {
            if bound < floor || preferred.is_empty() {
                break;
            }
            if !preferred.contains(&source) {
                continue;
            }
        }
        let text = corpus.passage(source, from, to);
        if !text.as_indexed(corpus, source) {
            // The source could not be read again as it was indexed (see
            // `Source::load_error`).
            continue;
        }
        let window = corpus.index.ids_of(source, from, to - from);
        if let Some(p) = align(
            pattern, &words, &ids, source, from, window, &text, corpus, opts,
        ) {
            if !passages
                .iter()
                .any(|q| q.source == p.source && q.first == p.first && q.end == p.end)
            {
                best = best.max(p.similarity);
                passages.push(p);
            }
        }
    }
    // Near misses by evidence: the passage chance would least give first.
    passages.sort_by(|a, b| {
        b.verbatim
            .cmp(&a.verbatim)
            .then(a.evidence.log2_chance.total_cmp(&b.evidence.log2_chance))
            .then(b.similarity.total_cmp(&a.similarity))
            .then(a.source.cmp(&b.source))
            .then(a.first.cmp(&b.first))
    });
    passages
}

/// Passages found for quotations, remembered for as long as the corpus is
/// loaded: the language server checks a document again at every pause in
/// typing, and a quotation it has looked up needs no second search unless
/// its own words change. Keyed by everything [`find_preferring`] depends
/// on besides the corpus: the quotation's text, the preferred sources and
/// the options.
#[derive(Default)]
struct Remembered {
    found: std::sync::Mutex<HashMap<SearchKey, Vec<Passage>>>,
}

/// A quotation's text, the preferred sources, the options.
type SearchKey = (String, Vec<SourceIdx>, String);

/// How many quotations are remembered per corpus (all are forgotten when
/// there are more, which only a very long session reaches).
const REMEMBERED: usize = 20_000;

/// [`find_preferring`] for `pattern`, parsed from `quotation`, remembered
/// per corpus (see [`Remembered`]).
pub fn find_remembered(
    corpus: &Corpus,
    quotation: &str,
    pattern: &Pattern,
    opts: &MatchOptions,
    preferred: &[SourceIdx],
    floor: f64,
) -> Vec<Passage> {
    let memo = corpus.derived("matching::remembered", |_| Remembered::default());
    let key = (
        quotation.to_string(),
        preferred.to_vec(),
        format!("{opts:?} {floor}"),
    );
    if let Some(found) = memo
        .found
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
    {
        return found.clone();
    }
    let found = find_preferring(corpus, pattern, opts, preferred, floor);
    let mut map = memo.found.lock().unwrap_or_else(|e| e.into_inner());
    if map.len() >= REMEMBERED {
        map.clear();
    }
    map.insert(key, found.clone());
    found
}

/// How many quotation words a window may pair beyond those with the same id
/// (silent corrections of a source's slips pair different words).
const TYPO_SLACK: usize = 2;

/// The longest run of quotation words (with ids; fuzzy words match any)
/// that occur in order in `window`: an upper bound on the words an alignment
/// pairs as the same word.
fn common_in_order(ids: &[Option<u32>], words: &[&PWord], window: &[u32]) -> usize {
    let m = window.len();
    let mut prev = vec![0u16; m + 1];
    let mut cur = vec![0u16; m + 1];
    for (i, id) in ids.iter().enumerate() {
        let wild = words[i].fuzzy.is_some();
        for j in 1..=m {
            cur[j] = if wild || *id == Some(window[j - 1]) {
                prev[j - 1] + 1
            } else {
                prev[j].max(cur[j - 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m] as usize
}

/// A word occurring at most this often is rare enough to seed a search alone.
const RARE_WORD: usize = 64;

/// A seed's hit: the source position of pattern word `q`.
#[derive(Clone, Copy, Debug)]
struct Hit {
    source: SourceIdx,
    pos: u32,
    /// Pattern words `q..q + n` matched there.
    q: usize,
    n: usize,
}

fn seed_hits(
    corpus: &Corpus,
    pattern: &Pattern,
    ids: &[Option<u32>],
    opts: &MatchOptions,
) -> Vec<Hit> {
    // Runs of pattern words with no editorial mark between them.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut q = 0;
    let mut run_start = 0;
    for e in &pattern.elems {
        match e {
            Elem::Word(_) => q += 1,
            Elem::Gap(_) => {
                if q > run_start {
                    runs.push((run_start, q));
                }
                run_start = q;
            }
        }
    }
    if q > run_start {
        runs.push((run_start, q));
    }
    let total = ids.len();
    let mut hits = Vec::new();
    let lookup = |n: usize, hits: &mut Vec<Hit>, max_count: usize| {
        for &(a, b) in &runs {
            for start in a..b.saturating_sub(n - 1) {
                let Some(gram) = ids[start..start + n]
                    .iter()
                    .copied()
                    .collect::<Option<Vec<u32>>>()
                else {
                    continue;
                };
                let Some(found) = corpus.index.find(&gram, max_count, max_count) else {
                    continue;
                };
                for pos in found {
                    hits.push(Hit {
                        source: pos.source,
                        pos: pos.word,
                        q: start,
                        n,
                    });
                }
            }
        }
    };
    if total >= 3 {
        lookup(3, &mut hits, opts.max_seed_occurrences);
    }
    // In a short quotation one changed word breaks most 3-grams, and in a
    // long one a change every few words breaks them all: then 2-grams and
    // rare single words still find the passage among the many that share
    // its common phrases.
    let mut covered = vec![false; total];
    for h in &hits {
        for c in &mut covered[h.q..(h.q + h.n).min(total)] {
            *c = true;
        }
    }
    let coverage = covered.iter().filter(|c| **c).count();
    if total < 12 || coverage * 2 < total {
        lookup(2, &mut hits, opts.max_seed_occurrences);
        lookup(1, &mut hits, RARE_WORD);
    }
    hits
}

/// Groups hits into candidate passages, `(source, from, to)` word ranges.
fn candidate_windows(
    corpus: &Corpus,
    pattern: &Pattern,
    hits: &[Hit],
    words: usize,
    opts: &MatchOptions,
) -> Vec<(SourceIdx, u32, u32)> {
    if hits.is_empty() {
        return Vec::new();
    }
    let gap_allowance: u32 = pattern
        .gaps()
        .map(|g| match g.kind {
            GapKind::Elision => opts.max_elision_words,
            GapKind::Insertion => opts.max_insertion_words,
            GapKind::Annotation => 0,
        })
        .sum();
    let reach = words as u32 + gap_allowance + 8;
    let mut by_source: HashMap<SourceIdx, Vec<Hit>> = HashMap::new();
    for h in hits {
        by_source.entry(h.source).or_default().push(*h);
    }
    // (score, source, first hit position, hits)
    let mut clusters: Vec<(usize, SourceIdx, u32, Vec<Hit>)> = Vec::new();
    for (source, mut hs) in by_source {
        hs.sort_by_key(|h| (h.pos, h.q));
        let mut i = 0;
        while i < hs.len() {
            // Anchor each cluster at the place the quotation would start.
            let anchor = hs[i].pos.saturating_sub(hs[i].q as u32);
            let mut j = i;
            while j < hs.len() && hs[j].pos <= anchor + reach {
                j += 1;
            }
            let group = hs[i..j].to_vec();
            let mut covered = vec![false; words];
            for h in &group {
                for c in &mut covered[h.q..(h.q + h.n).min(words)] {
                    *c = true;
                }
            }
            let score = covered.iter().filter(|c| **c).count();
            clusters.push((score, source, anchor, group));
            i = j;
        }
    }
    clusters.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    clusters
        .into_iter()
        .take(opts.candidates)
        .map(|(_, source, _, group)| {
            let len = corpus.index.source_len(source);
            let slack = 4 + words as u32 / 4;
            let from = group
                .iter()
                .map(|h| h.pos.saturating_sub(h.q as u32 + slack))
                .min()
                .unwrap_or(0)
                .saturating_sub(gap_allowance.min(words as u32 * 2));
            let to = group
                .iter()
                .map(|h| h.pos + (words - h.q) as u32 + slack)
                .max()
                .unwrap_or(len)
                .saturating_add(gap_allowance.min(words as u32 * 2))
                .min(len);
            (source, from.min(to), to)
        })
        .collect()
}

/// Aligns the pattern with source words `from..from + window.len()` (see
/// [`align::steps`]), then judges the passage: which pairs are the same
/// word, the punctuation between them, and the evidence that it is the
/// quotation's source.
#[allow(clippy::too_many_arguments)]
fn align(
    pattern: &Pattern,
    words: &[&PWord],
    ids: &[Option<u32>],
    source: SourceIdx,
    from: u32,
    window: &[u32],
    text: &PassageText,
    corpus: &Corpus,
    opts: &MatchOptions,
) -> Option<Passage> {
    let ops = align::steps(
        pattern, words, ids, source, from, window, text, corpus, opts,
    )?;
    let source_words: Vec<u32> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Pair { s, .. } | Op::Dropped { s } => Some(*s),
            _ => None,
        })
        .collect();
    let (first, end) = match (source_words.first(), source_words.last()) {
        (Some(a), Some(b)) => (*a, *b + 1),
        _ => return None,
    };
    let mut passage = Passage {
        source,
        first,
        end,
        ops,
        punct: Vec::new(),
        similarity: 0.0,
        verbatim: false,
        evidence: Evidence::default(),
    };
    classify(
        &mut passage,
        words,
        text,
        &corpus.source(source).entry.errata,
        opts.profile,
    );
    passage.evidence = evidence::weigh(corpus, &passage, ids);
    Some(passage)
}

/// Decides how each aligned pair of words relates, checks punctuation
/// between matched words, and scores the passage.
fn classify(
    p: &mut Passage,
    words: &[&PWord],
    text: &PassageText,
    errata: &BTreeMap<String, String>,
    profile: Profile,
) {
    let prose = text.prose();
    let surface = |s: u32| text.word(s as usize).surface(prose);
    for op in &mut p.ops {
        if let Op::Pair { q, s, how } = op {
            let w = words[*q];
            let src = surface(*s);
            let joined = text.word(*s as usize).line_break_hyphen;
            let same_key = w.fuzzy.is_some() || normalize::key_of_surface(&src) == w.key;
            *how = if w.fuzzy.is_some()
                || w.surface == src
                || (joined && w.surface.replace('-', "") == src)
            {
                WordMatch::Exact
            } else if same_key
                && w.piece_start
                && normalize::equal_ignoring_first_case(&w.surface, &src)
            {
                WordMatch::FirstLetterCase
            } else if same_key {
                WordMatch::Case
            } else if is_typo_fix(&w.surface, &src) || is_listed_slip(&w.surface, &src, errata) {
                WordMatch::TypoFix
            } else if QuoteRules::built_in().is_spelling_variant(&w.surface, &src) {
                WordMatch::Spelling
            } else {
                WordMatch::Changed
            };
        }
    }
    // Punctuation between two quotation words that follow each other and
    // match two source words that follow each other.
    let mut punct = Vec::new();
    for pair in p.ops.windows(2) {
        if let [
            Op::Pair {
                q: q1,
                s: s1,
                how: h1,
            },
            Op::Pair {
                q: q2,
                s: s2,
                how: h2,
            },
        ] = pair
        {
            if *q2 == q1 + 1
                && *s2 == s1 + 1
                && *h1 != WordMatch::Changed
                && *h2 != WordMatch::Changed
            {
                if let Some(sep) = &words[*q2].sep_before {
                    let a = text.word(*s1 as usize).span.end;
                    let b = text.word(*s2 as usize).span.start;
                    let src_sep = normalize::punct(&prose[a..b]);
                    if *sep != src_sep {
                        punct.push(PunctDiff {
                            q: *q2,
                            draft: sep.clone(),
                            source: src_sep,
                        });
                    }
                }
            }
        }
    }
    p.punct = punct;
    let matched = p
        .ops
        .iter()
        .filter(|op| matches!(op, Op::Pair { how, .. } if *how != WordMatch::Changed))
        .count();
    let source_words = p
        .ops
        .iter()
        .filter(|op| matches!(op, Op::Pair { .. } | Op::Dropped { .. }))
        .count();
    p.similarity = 2.0 * matched as f64 / (words.len() + source_words) as f64;
    p.verbatim = p.changes(profile) == 0;
}

/// A slip in the source silently corrected: the source's word is a known
/// misspelling of the quotation's (`goverment` for `government`), by the
/// list of common misspellings that the `typos` spell checker keeps. A list,
/// not a guess: words one letter apart are often both real (`wound` and
/// `would`, `billion` and `million`), and changing one of those is a
/// misquotation.
fn is_typo_fix(draft: &str, source: &str) -> bool {
    if draft.chars().count() < 3 || !source.chars().all(char::is_alphabetic) {
        return false;
    }
    typos_dict::WORD
        .find(&unicase::UniCase::new(source))
        .is_some_and(|fixes| fixes.iter().any(|f| f.eq_ignore_ascii_case(draft)))
}

/// A slip the manifest lists for the source (`errata`), corrected.
fn is_listed_slip(draft: &str, source: &str, errata: &BTreeMap<String, String>) -> bool {
    errata
        .get(&source.to_lowercase())
        .is_some_and(|fix| fix.to_lowercase() == draft.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::text::Format;

    const A: &str = "The workers of Chile were armed by nobody. The Popular Unity--UP, said the goverment, would never \
                     trust the army. The government fell and the government was gone; a government that trusted the army.";
    const B: &str = "The road to September 11, 1973 was paved with ceaseless attacks on the working class and \
                     several military incursions and direct coup attempts.\n\nIn June 1973, a rebel wing of the Army \
                     made a failed coup attempt by sending a column\n\nof tanks against the presidential palace.";

    fn corpus() -> Corpus {
        Corpus::from_texts(&[("a", A, Format::Text), ("b", B, Format::Text)])
    }

    fn best(corpus: &Corpus, quote: &str, profile: Profile) -> Option<Passage> {
        let pattern = Pattern::parse(quote, Span::new(0, quote.len()));
        let opts = MatchOptions {
            profile,
            ..MatchOptions::default()
        };
        find(corpus, &pattern, &opts).into_iter().next()
    }

    fn passage_text(corpus: &Corpus, p: &Passage) -> String {
        let t = corpus.text(p.source);
        let a = t.word(p.first as usize).span.start;
        let b = t.word(p.end as usize - 1).span.end;
        t.prose()[a..b]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_remembered_search_answers_as_a_new_one_for_each_credit() {
        let c = corpus();
        let opts = MatchOptions::default();
        let summary = |ps: &[Passage]| -> Vec<(SourceIdx, u32, u32, bool)> {
            ps.iter()
                .map(|p| (p.source, p.first, p.end, p.verbatim))
                .collect()
        };
        let words: Vec<&str> = A.split_whitespace().take(12).collect();
        let quote = words.join(" ");
        let pattern = Pattern::parse(&quote, Span::new(0, quote.len()));
        for preferred in [vec![], vec![SourceIdx(1)], vec![], vec![SourceIdx(1)]] {
            let fresh = find_preferring(&c, &pattern, &opts, &preferred, 0.2);
            let remembered = find_remembered(&c, &quote, &pattern, &opts, &preferred, 0.2);
            assert!(!fresh.is_empty());
            assert_eq!(summary(&remembered), summary(&fresh), "{preferred:?}");
        }
        // Another quotation is not answered from the first's memory.
        let other = words[2..].join(" ");
        let pattern = Pattern::parse(&other, Span::new(0, other.len()));
        let remembered = find_remembered(&c, &other, &pattern, &opts, &[], 0.2);
        let fresh = find_preferring(&c, &pattern, &opts, &[], 0.2);
        assert_eq!(summary(&remembered), summary(&fresh));
        assert_ne!(remembered[0].first, 0);
    }

    #[test]
    fn verbatim_across_pdf_line_breaks() {
        let c = corpus();
        let p = best(
            &c,
            "a column of tanks against the presidential palace",
            Profile::Chicago,
        )
        .unwrap();
        assert!(p.verbatim);
        assert_eq!(c.source(p.source).id(), "b");
        assert_eq!(
            passage_text(&c, &p),
            "a column\n\nof tanks against the presidential palace"
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }

    #[test]
    fn one_word_changed_is_close_not_verbatim() {
        let c = corpus();
        let p = best(
            &c,
            "a column of tanks against the presidential residence",
            Profile::Chicago,
        )
        .unwrap();
        assert!(!p.verbatim);
        assert!(p.similarity > 0.8, "{}", p.similarity);
        assert_eq!(p.changes(Profile::Chicago), 1, "{:?}", p.ops);
    }

    #[test]
    fn case_of_the_first_letter_depends_on_the_profile() {
        let c = corpus();
        let q = "the road to September 11, 1973 was paved with ceaseless attacks";
        assert!(best(&c, q, Profile::Chicago).unwrap().verbatim);
        assert!(!best(&c, q, Profile::Strict).unwrap().verbatim);
        // Case elsewhere always counts.
        assert!(
            !best(
                &c,
                "The road to september 11, 1973 was paved",
                Profile::Chicago
            )
            .unwrap()
            .verbatim
        );
    }

    #[test]
    fn punctuation_inside_counts_but_dashes_fold() {
        let c = corpus();
        assert!(
            best(
                &c,
                "The Popular Unity—UP, said the goverment",
                Profile::Chicago
            )
            .unwrap()
            .verbatim
        );
        let p = best(
            &c,
            "The Popular Unity—UP said the goverment",
            Profile::Chicago,
        )
        .unwrap();
        assert!(!p.verbatim);
        assert_eq!(p.punct.len(), 1);
        assert_eq!(
            (p.punct[0].draft.as_str(), p.punct[0].source.as_str()),
            ("", ",")
        );
    }

    #[test]
    fn typo_fixes_depend_on_the_profile() {
        let c = corpus();
        let q = "said the government, would never trust the army";
        let p = best(&c, q, Profile::Chicago).unwrap();
        assert!(p.verbatim, "{:?}", p.ops);
        assert_eq!(p.typo_fixes().count(), 1);
        assert!(!best(&c, q, Profile::Strict).unwrap().verbatim);
    }

    #[test]
    fn elisions_and_brackets() {
        let c = corpus();
        let p = best(
            &c,
            "The workers of Chile … would never trust the army",
            Profile::Chicago,
        )
        .unwrap();
        assert!(p.verbatim, "{:?}", p.ops);
        assert!(
            best(
                &c,
                "[t]he workers of Chile were armed by [no one]",
                Profile::Chicago
            )
            .unwrap()
            .verbatim
        );
        assert!(
            best(&c, "[They] would never [t]rust the army", Profile::Chicago)
                .unwrap()
                .verbatim
        );
        assert!(
            best(
                &c,
                "said the goverment [sic], would never trust",
                Profile::Strict
            )
            .unwrap()
            .verbatim
        );
        // Pieces must come in the source's order.
        assert!(
            !best(
                &c,
                "would never trust the army ... The workers of Chile",
                Profile::Chicago
            )
            .unwrap()
            .verbatim
        );
    }

    #[test]
    fn words_hyphenated_across_line_breaks_are_joined() {
        let c = Corpus::from_texts(&[(
            "pdf",
            "the foundation of the revolu-\n\ntionary process was so-\ncalled democracy",
            Format::Text,
        )]);
        assert!(
            best(
                &c,
                "the foundation of the revolutionary process",
                Profile::Strict
            )
            .unwrap()
            .verbatim
        );
        assert!(
            best(&c, "process was so-called democracy", Profile::Strict)
                .unwrap()
                .verbatim
        );
    }

    #[test]
    fn word_boundaries_hold() {
        let c = Corpus::from_texts(&[(
            "a",
            "the foundation of the revolutionary process",
            Format::Text,
        )]);
        let p = best(&c, "the foundation of the revolution", Profile::Chicago).unwrap();
        assert!(!p.verbatim);
    }
}
