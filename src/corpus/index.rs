//! The corpus index: every source's words as integer ids, and a suffix array
//! over them.
//!
//! A suffix array answers "where does this sequence of words occur" with two
//! binary searches, whatever the corpus size, and serves both exact lookups
//! (a whole quotation) and seeds for near misses (its word 2- and 3-grams).
//! Per word it costs 4 bytes of id and 4 bytes of suffix array entry, about
//! 1.4 bytes per byte of English source text; nothing else per word is kept:
//! the few passages a check needs are re-read from their source.

use super::source::{Source, SourceIdx};
use std::collections::HashMap;
use std::ops::Range;

/// Word id 0 separates documents; it never occurs in a query.
pub const SEPARATOR: u32 = 0;

/// Word keys and their ids.
#[derive(Debug, Default)]
pub struct Vocab {
    ids: HashMap<Box<str>, u32>,
    /// How many times each id occurs in the corpus.
    counts: Vec<u32>,
}

impl Vocab {
    fn new() -> Vocab {
        Vocab {
            ids: HashMap::new(),
            counts: vec![0], // the separator
        }
    }

    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            self.counts[id as usize] += 1;
            return id;
        }
        let id = self.counts.len() as u32;
        self.ids.insert(key.into(), id);
        self.counts.push(1);
        id
    }

    /// The id of a word key, if the corpus has it.
    pub fn id(&self, key: &str) -> Option<u32> {
        self.ids.get(key).copied()
    }

    /// How many times a word occurs in the whole corpus.
    pub fn count(&self, id: u32) -> u32 {
        self.counts.get(id as usize).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.len() <= 1
    }
}

/// A position in the corpus: a source and the number of a word in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WordPos {
    pub source: SourceIdx,
    pub word: u32,
}

#[derive(Debug, Default)]
pub struct Index {
    vocab: Vocab,
    /// All sources' word ids, each source followed by [`SEPARATOR`].
    ids: Vec<u32>,
    /// Start of each source in `ids`, plus one past the end.
    starts: Vec<u32>,
    /// Suffix array over `ids`.
    suffixes: Vec<u32>,
}

impl Index {
    /// Builds the index of `sources`.
    pub fn build(sources: &[Source]) -> Index {
        let mut vocab = Vocab::new();
        let mut ids = Vec::new();
        let mut starts = Vec::with_capacity(sources.len() + 1);
        for source in sources {
            starts.push(ids.len() as u32);
            let st = source.analyze();
            let prose = st.prose();
            for &t in &st.words {
                ids.push(vocab.intern(&st.tokens[t as usize].key(prose)));
            }
            ids.push(SEPARATOR);
        }
        starts.push(ids.len() as u32);
        let suffixes = suffix_array(&ids, vocab.len());
        Index {
            vocab,
            ids,
            starts,
            suffixes,
        }
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// The number of words indexed (separators excluded).
    pub fn word_count(&self) -> usize {
        self.ids.len() - (self.starts.len() - 1)
    }

    /// How many words source `s` has.
    pub fn source_len(&self, s: SourceIdx) -> u32 {
        self.starts[s.get() + 1] - self.starts[s.get()] - 1
    }

    /// The word id at a position.
    pub fn id_at(&self, pos: WordPos) -> u32 {
        self.ids[(self.starts[pos.source.get()] + pos.word) as usize]
    }

    /// The ids of `len` words of a source from `from` (clamped to the source).
    pub fn ids_of(&self, s: SourceIdx, from: u32, len: u32) -> &[u32] {
        let start = self.starts[s.get()] as usize;
        let n = self.source_len(s);
        let a = from.min(n) as usize;
        let b = from.saturating_add(len).min(n) as usize;
        &self.ids[start + a..start + b]
    }

    /// Ids for a sequence of word keys; `None` where the corpus lacks a word
    /// (so the sequence cannot occur).
    pub fn lookup_keys<'a>(&self, keys: impl IntoIterator<Item = &'a str>) -> Vec<Option<u32>> {
        keys.into_iter().map(|k| self.vocab.id(k)).collect()
    }

    /// The range of the suffix array whose suffixes start with `pattern`.
    fn sa_range(&self, pattern: &[u32]) -> Range<usize> {
        let cmp_prefix = |&pos: &u32| {
            let pos = pos as usize;
            let end = (pos + pattern.len()).min(self.ids.len());
            self.ids[pos..end].cmp(pattern)
        };
        // Suffixes sort by their ids; those starting with `pattern` form one
        // run. A suffix shorter than the pattern that is a prefix of it sorts
        // before it, which `cmp` on slices also says.
        let lo = self.suffixes.partition_point(|p| cmp_prefix(p).is_lt());
        let hi = lo + self.suffixes[lo..].partition_point(|p| cmp_prefix(p).is_eq());
        lo..hi
    }

    /// How many times `pattern` occurs.
    pub fn count(&self, pattern: &[u32]) -> usize {
        if pattern.is_empty() || pattern.contains(&SEPARATOR) {
            return 0;
        }
        self.sa_range(pattern).len()
    }

    /// Where `pattern` occurs, at most `limit` places (in suffix order, which
    /// is arbitrary but deterministic).
    pub fn occurrences(&self, pattern: &[u32], limit: usize) -> Vec<WordPos> {
        if pattern.is_empty() || pattern.contains(&SEPARATOR) {
            return Vec::new();
        }
        let range = self.sa_range(pattern);
        self.suffixes[range.start..range.end.min(range.start + limit)]
            .iter()
            .map(|&p| self.locate(p))
            .collect()
    }

    /// The source and word number of global position `p`.
    fn locate(&self, p: u32) -> WordPos {
        let s = self.starts.partition_point(|&st| st <= p) - 1;
        WordPos {
            source: SourceIdx(s as u32),
            word: p - self.starts[s],
        }
    }

    /// Bytes of memory the index holds in its arrays (the vocabulary's
    /// strings not counted).
    pub fn array_bytes(&self) -> usize {
        (self.ids.len() + self.suffixes.len() + self.starts.len() + self.vocab.counts.len()) * 4
    }
}

/// Builds the suffix array of `ids` (values below `alphabet`).
fn suffix_array(ids: &[u32], alphabet: usize) -> Vec<u32> {
    if ids.is_empty() {
        return Vec::new();
    }
    assert!(
        ids.len() < i32::MAX as usize && alphabet < i32::MAX as usize,
        "corpus too large for a 32-bit index"
    );
    let mut text: Vec<i32> = ids.iter().map(|&i| i as i32).collect();
    let mut construction = libsais::SuffixArrayConstruction::for_text_mut(&mut text)
        .in_owned_buffer32()
        .single_threaded();
    // SAFETY: every value is an id below `alphabet` and none is negative.
    unsafe {
        construction = construction
            .with_alphabet_size(libsais::suffix_array::AlphabetSize::new(alphabet as i32));
    }
    let result = construction
        .run()
        .expect("libsais builds a suffix array of valid input");
    result.into_vec().into_iter().map(|p| p as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_array_is_sorted() {
        let ids = vec![3, 1, 2, 1, 2, 0, 1, 2, 0];
        let sa = suffix_array(&ids, 4);
        assert_eq!(sa.len(), ids.len());
        for w in sa.windows(2) {
            assert!(ids[w[0] as usize..] < ids[w[1] as usize..]);
        }
    }
}
