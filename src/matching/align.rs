//! Aligning a quotation with a window of source words: an edit distance in
//! which an editorial mark may stand for source words.
//!
//! The work is split the way it happens: what the alignment needs to know of
//! the source words ([`SourceSide`]) and of the quotation's ([`DraftSide`]),
//! computed once per window; the table of costs, filled row by row, a word
//! row ([`Grid::word_row`]) or a mark row ([`Grid::gap_row`]) for each
//! element of the pattern; the cheapest end ([`Grid::end`]); and the trace
//! back to the steps ([`Grid::trace_back`]).

use super::{Elem, GapKind, MatchOptions, Op, PWord, Pattern, Profile, WordMatch};
use crate::corpus::{Corpus, PassageText, SourceIdx};
use crate::text::normalize;
use std::collections::HashMap;

/// Alignment costs. A changed word costs what an added or a dropped one does,
/// so at the ends of a passage (where dropping source words is free) a
/// changed last word still pairs with the source's. Other capitals or other
/// punctuation cost a little; a source sentence that begins in the middle of
/// the writer's costs more than a word, so an alignment does not run on into
/// the source's next sentence to pair a writer's added words.
///
/// Costs are counted in units; the odd 1 on a changed or added quotation word
/// breaks ties between alignments of equal cost in favour of the one that
/// pairs more of the quotation's words with the same source words.
const UNIT: u32 = 1024;
const COST_CHANGE: u32 = 2 * UNIT + 1;
const COST_ADD: u32 = 2 * UNIT + 1;
const COST_DROP: u32 = 2 * UNIT;
const COST_CASE: u32 = UNIT;
const COST_SENTENCE: u32 = 4 * UNIT;

const INF: u32 = u32::MAX / 2;
// The three states of a cell (see `Grid`), in the low bits of a back
// pointer; the step that led to an `other` cell, in the high bits.
const PAIRED: u8 = 0;
const OTHER: u8 = 1;
const FRESH: u8 = 2;
const STATE_MASK: u8 = 0x0f;
const UP: u8 = 0x10; // a quotation word the source lacks
const LEFT: u8 = 0x20; // a source word the quotation lacks
const GAP: u8 = 0x30; // an editorial mark stands for source words

/// Punctuation runs as small integers, so a cell compares two integers.
#[derive(Default)]
struct Interner(HashMap<String, u32>);

impl Interner {
    fn id(&mut self, sep: String) -> u32 {
        let n = self.0.len() as u32;
        *self.0.entry(sep).or_insert(n)
    }
}

/// What the alignment needs to know of each source word of the window.
struct SourceSide {
    surfaces: Vec<String>,
    /// The punctuation before each word (interned; `u32::MAX` before a
    /// source's first word).
    sep: Vec<u32>,
    /// Whether the word begins a sentence: after a sentence's end
    /// punctuation, in capitals, and not after an abbreviation (`U.S.
    /// Army`).
    sentence_start: Vec<bool>,
    /// Where the source has a known slip, the key of its correction: in the
    /// Chicago profile a quotation may correct it silently, so the alignment
    /// treats the corrected word as the same word.
    corrections: Vec<Option<String>>,
}

impl SourceSide {
    fn new(
        text: &PassageText,
        corpus: &Corpus,
        source: SourceIdx,
        from: u32,
        m: usize,
        opts: &MatchOptions,
        seps: &mut Interner,
    ) -> SourceSide {
        let prose = text.prose();
        let at = |j: usize| from as usize + j;
        let surfaces = (0..m).map(|j| text.word(at(j)).surface(prose)).collect();
        let sep = (0..m)
            .map(|j| {
                let i = at(j);
                if i == 0 {
                    return u32::MAX;
                }
                let a = text.word(i - 1).span.end;
                let b = text.word(i).span.start;
                seps.id(normalize::punct(&prose[a..b]))
            })
            .collect();
        let sentence_start = (0..m)
            .map(|j| {
                let i = at(j);
                i > 0 && {
                    let a = text.word(i - 1).span.start;
                    let b = text.word(i - 1).span.end;
                    let c = text.word(i).span.start;
                    prose[b..c].contains(['.', '!', '?'])
                        && prose[c..].starts_with(|ch: char| ch.is_uppercase() || ch.is_numeric())
                        && !crate::text::sentences::is_abbreviation(&prose[a..b])
                }
            })
            .collect();
        let errata = &corpus.source(source).entry.errata;
        let corrections = (0..m)
            .map(|j| {
                if opts.profile != Profile::Chicago {
                    return None;
                }
                let src = text.word(at(j)).surface(prose);
                let listed = errata.get(&src.to_lowercase()).cloned();
                let known = || {
                    typos_dict::WORD
                        .find(&unicase::UniCase::new(src.as_str()))
                        .and_then(|fixes| fixes.first().map(|f| f.to_string()))
                };
                listed.or_else(known).map(|fix| normalize::key(&fix))
            })
            .collect();
        SourceSide {
            surfaces,
            sep,
            sentence_start,
            corrections,
        }
    }

    fn fuzzy_ok(&self, w: &PWord, j: usize) -> bool {
        let (pre, suf) = w.fuzzy.as_ref().expect("fuzzy word");
        let s = self.surfaces[j].to_lowercase();
        s.len() >= pre.len() + suf.len() && s.starts_with(pre.as_str()) && s.ends_with(suf.as_str())
    }
}

/// What the alignment needs to know of each quotation word.
struct DraftSide {
    /// Whether the word continues the sentence of the word before it.
    continues: Vec<bool>,
    /// The punctuation before it (interned), when a word comes before it.
    sep: Vec<Option<u32>>,
}

impl DraftSide {
    fn new(words: &[&PWord], seps: &mut Interner) -> DraftSide {
        DraftSide {
            continues: words
                .iter()
                .map(|w| {
                    w.sep_before
                        .as_deref()
                        .is_some_and(|sep| !sep.contains(['.', '!', '?']))
                })
                .collect(),
            sep: words
                .iter()
                .map(|w| w.sep_before.clone().map(|s| seps.id(s)))
                .collect(),
        }
    }
}

/// The table of costs: a row per element of the pattern (and one before
/// them), a column per source word (and one before them).
///
/// Three costs per cell, by how the alignment got there: its last step
/// paired the element with source word j (`paired`); or it paired something
/// earlier, but not this (`other`); or it has paired nothing yet (`fresh`:
/// only added words since the start, the same for every column). Punctuation
/// between two words is compared only when both were paired, and a new
/// source sentence may not begin in the middle of the writer's once
/// something was paired: both need to know how a cell was reached.
struct Grid {
    width: usize,
    paired: Vec<u32>,
    other: Vec<u32>,
    fresh: Vec<u32>,
    back_paired: Vec<u8>,
    back_other: Vec<u8>,
    /// In a mark's row: how many source words the mark stands for.
    skip: Vec<u32>,
}

impl Grid {
    fn new(rows: usize, m: usize) -> Grid {
        let width = m + 1;
        let cells = (rows + 1) * width;
        Grid {
            width,
            paired: vec![INF; cells],
            other: vec![INF; cells],
            fresh: vec![0; rows + 1],
            back_paired: vec![FRESH; cells],
            back_other: vec![UP; cells],
            skip: vec![0; cells],
        }
    }

    /// The cheaper of `paired` and `other` at a cell, and which it was.
    fn best(&self, at: usize) -> (u32, u8) {
        let (p, o) = (self.paired[at], self.other[at]);
        if p <= o { (p, PAIRED) } else { (o, OTHER) }
    }

    /// Fills row `r + 1` for quotation word `w` (the `q`-th word).
    #[allow(clippy::too_many_arguments)]
    fn word_row(
        &mut self,
        r: usize,
        q: usize,
        w: &PWord,
        id: Option<u32>,
        window: &[u32],
        src: &SourceSide,
        draft: &DraftSide,
    ) {
        let width = self.width;
        let (row, prev) = ((r + 1) * width, r * width);
        self.fresh[r + 1] = self.fresh[r] + COST_ADD;
        let (c, from_state) = self.best(prev);
        self.other[row] = c.saturating_add(COST_ADD);
        self.back_other[row] = UP | from_state;
        for j in 1..=window.len() {
            let same = match id {
                Some(id) => id == window[j - 1],
                None => w.fuzzy.is_some() && src.fuzzy_ok(w, j - 1),
            } || src.corrections[j - 1].as_deref() == Some(w.key.as_str());
            let pair = if !same {
                COST_CHANGE
            } else {
                let case = w.fuzzy.is_none()
                    && w.surface != src.surfaces[j - 1]
                    && !(w.piece_start
                        && normalize::equal_ignoring_first_case(&w.surface, &src.surfaces[j - 1]));
                u32::from(case) * COST_CASE
            };
            // Other punctuation between two paired words costs a little;
            // starting a new source sentence in the middle of one of the
            // writer's, after words were paired, costs more than a word, so
            // the alignment follows the source's sentences rather than
            // running on into the next.
            let sep = u32::from(draft.sep[q].is_some_and(|d| d != src.sep[j - 1])) * COST_CASE;
            let cross = u32::from(src.sentence_start[j - 1] && draft.continues[q]) * COST_SENTENCE;
            let candidates = [
                (
                    self.paired[prev + j - 1].saturating_add(pair + sep.max(cross)),
                    PAIRED,
                ),
                (self.other[prev + j - 1].saturating_add(pair + cross), OTHER),
                (self.fresh[r] + pair, FRESH),
            ];
            let (c, b) = candidates
                .into_iter()
                .min_by_key(|(c, _)| *c)
                .expect("three candidates");
            self.paired[row + j] = c;
            self.back_paired[row + j] = b;

            let (u, ub) = self.best(prev + j);
            let up = u.saturating_add(COST_ADD);
            // Dropping the first word of a source sentence costs more: a
            // passage should not run on into the next sentence to pair words
            // the writer added.
            let (l, lb) = self.best(row + j - 1);
            let left =
                l.saturating_add(COST_DROP + u32::from(src.sentence_start[j - 1]) * COST_SENTENCE);
            (self.other[row + j], self.back_other[row + j]) = if up <= left {
                (up, UP | ub)
            } else {
                (left, LEFT | lb)
            };
        }
    }

    /// Fills row `r + 1` for an editorial mark that may stand for up to
    /// `max` source words, for free.
    fn gap_row(&mut self, r: usize, max: usize) {
        let width = self.width;
        let (row, prev) = ((r + 1) * width, r * width);
        self.fresh[r + 1] = self.fresh[r];
        for j in 0..width {
            let (mut c, mut b) = self.best(prev + j);
            let mut k_best = 0;
            for k in 1..=max.min(j) {
                let (ck, bk) = self.best(prev + j - k);
                if ck < c {
                    (c, b, k_best) = (ck, bk, k);
                }
            }
            self.other[row + j] = c;
            self.back_other[row + j] = GAP | b;
            self.skip[row + j] = k_best as u32;
        }
    }

    /// The cheapest end of the passage after `rows` rows: its column and
    /// state. The passage may end anywhere; on a tie, the later end: a last
    /// quotation word paired with a source word says more than one left
    /// unpaired. (An alignment that paired nothing is no passage.)
    fn end(&self, rows: usize) -> Option<(usize, u8)> {
        let last = rows * self.width;
        let cost = |j: usize| self.paired[last + j].min(self.other[last + j]);
        let j = (1..self.width).min_by_key(|&j| (cost(j), std::cmp::Reverse(j)))?;
        if cost(j) >= INF {
            return None;
        }
        let state = if self.paired[last + j] <= self.other[last + j] {
            PAIRED
        } else {
            OTHER
        };
        Some((j, state))
    }

    /// The steps from the start to column `j` of the last row, in order;
    /// source words are numbered from `from`.
    fn trace_back(&self, pattern: &Pattern, words: usize, from: u32, end: (usize, u8)) -> Vec<Op> {
        let mut ops = Vec::new();
        let (mut j, mut state) = end;
        let mut r = pattern.elems.len();
        let mut q = words;
        while r > 0 {
            let at = r * self.width + j;
            match state {
                PAIRED => {
                    q -= 1;
                    ops.push(Op::Pair {
                        q,
                        s: from + j as u32 - 1,
                        how: WordMatch::Changed,
                    });
                    state = self.back_paired[at];
                    j -= 1;
                    r -= 1;
                }
                OTHER => {
                    let b = self.back_other[at];
                    state = b & STATE_MASK;
                    match b & !STATE_MASK {
                        GAP => {
                            let k = self.skip[at] as usize;
                            ops.push(Op::Skipped {
                                elem: r - 1,
                                from: from + (j - k) as u32,
                                to: from + j as u32,
                            });
                            j -= k;
                            r -= 1;
                        }
                        LEFT => {
                            ops.push(Op::Dropped {
                                s: from + j as u32 - 1,
                            });
                            j -= 1;
                        }
                        _ => {
                            q -= 1;
                            ops.push(Op::Added { q });
                            r -= 1;
                        }
                    }
                }
                _ => {
                    // Fresh: everything before is added (or an unused mark).
                    match pattern.elems[r - 1] {
                        Elem::Word(_) => {
                            q -= 1;
                            ops.push(Op::Added { q });
                        }
                        Elem::Gap(_) => ops.push(Op::Skipped {
                            elem: r - 1,
                            from: from + j as u32,
                            to: from + j as u32,
                        }),
                    }
                    r -= 1;
                }
            }
        }
        ops.reverse();
        ops
    }
}

/// Aligns the pattern with source words `from..from + window.len()`: the
/// steps of the cheapest alignment, every word pair still marked
/// [`WordMatch::Changed`] (see `classify`), or `None` when nothing pairs.
#[allow(clippy::too_many_arguments)]
pub(super) fn steps(
    pattern: &Pattern,
    words: &[&PWord],
    ids: &[Option<u32>],
    source: SourceIdx,
    from: u32,
    window: &[u32],
    text: &PassageText,
    corpus: &Corpus,
    opts: &MatchOptions,
) -> Option<Vec<Op>> {
    let m = window.len();
    if m == 0 {
        return None;
    }
    let mut seps = Interner::default();
    let src = SourceSide::new(text, corpus, source, from, m, opts, &mut seps);
    let draft = DraftSide::new(words, &mut seps);
    let rows = pattern.elems.len();
    let mut grid = Grid::new(rows, m);
    let mut q = 0;
    for (r, elem) in pattern.elems.iter().enumerate() {
        match elem {
            Elem::Word(w) => {
                grid.word_row(r, q, w, ids[q], window, &src, &draft);
                q += 1;
            }
            Elem::Gap(g) => {
                let max = match g.kind {
                    GapKind::Elision => opts.max_elision_words as usize,
                    GapKind::Insertion => opts.max_insertion_words as usize,
                    GapKind::Annotation => 0,
                };
                grid.gap_row(r, max);
            }
        }
    }
    let end = grid.end(rows)?;
    Some(grid.trace_back(pattern, words.len(), from, end))
}
