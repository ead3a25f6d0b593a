//! The corpus index: every source's words as integer ids, and suffix arrays
//! over them.
//!
//! A suffix array answers "where does this sequence of words occur" with two
//! binary searches, whatever the corpus size, and serves both exact lookups
//! (a whole quotation) and seeds for near misses (its word 2- and 3-grams).
//! Per word it costs 4 bytes of id and 4 bytes of suffix array entry, about
//! 1.4 bytes per byte of English source text; nothing else per word is kept:
//! the few passages a check needs are re-read from their source.
//!
//! The index is split into *shards* (see `shard.rs`): each shard holds the
//! word ids of a batch of sources and its own suffix array; the vocabulary
//! (word key → id) is global, so an id means the same word in every shard.
//! A lookup asks each shard in turn. The arrays either live in memory (an
//! index built for one process) or are memory-mapped from the cache
//! (`cache.rs`), and the queries are the same.

use super::source::SourceIdx;
use memmap2::Mmap;
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::Arc;

/// Word id 0 separates documents; it never occurs in a query.
pub const SEPARATOR: u32 = 0;

/// An array of little-endian `u32`: owned, or a section of a mapped file.
#[derive(Debug)]
pub(crate) enum Words {
    Owned(Vec<u32>),
    Mapped {
        map: Arc<Mmap>,
        offset: usize,
        len: usize,
    },
}

impl Default for Words {
    fn default() -> Self {
        Words::Owned(Vec::new())
    }
}

impl Words {
    /// `len` u32s at byte `offset` of `map`, if they fit and are aligned.
    pub(crate) fn mapped(map: &Arc<Mmap>, offset: usize, len: usize) -> Option<Words> {
        let end = offset.checked_add(len.checked_mul(4)?)?;
        if end > map.len() || (map.as_ptr() as usize + offset) % 4 != 0 {
            return None;
        }
        Some(Words::Mapped {
            map: map.clone(),
            offset,
            len,
        })
    }

    pub(crate) fn as_slice(&self) -> &[u32] {
        match self {
            Words::Owned(v) => v,
            Words::Mapped { map, offset, len } => {
                #[cfg(not(target_endian = "little"))]
                compile_error!("the index cache stores little-endian u32 arrays");
                let bytes = &map[*offset..*offset + *len * 4];
                // SAFETY: `mapped` checked that the range lies inside the map
                // and is 4-byte aligned; any bit pattern is a valid u32, the
                // map is read-only and lives as long as `self`.
                unsafe { std::slice::from_raw_parts(bytes.as_ptr().cast::<u32>(), *len) }
            }
        }
    }
}

/// Word keys and their ids.
#[derive(Debug)]
pub struct Vocab {
    inner: VocabInner,
}

#[derive(Debug)]
enum VocabInner {
    Owned {
        ids: FxHashMap<Box<str>, u32>,
        /// How many times each id occurs in the corpus.
        counts: Vec<u32>,
    },
    /// A sorted string table in a mapped file (see `cache.rs`).
    Mapped {
        map: Arc<Mmap>,
        /// Ids (from 1) in the order of their keys.
        order: Words,
        /// Byte range of id `i`'s key in `strings`: `offsets[i]..offsets[i + 1]`.
        offsets: Words,
        counts: Words,
        strings: Range<usize>,
    },
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab::owned(FxHashMap::default(), vec![0])
    }
}

impl Vocab {
    pub(crate) fn owned(ids: FxHashMap<Box<str>, u32>, counts: Vec<u32>) -> Vocab {
        Vocab {
            inner: VocabInner::Owned { ids, counts },
        }
    }

    pub(crate) fn mapped(
        map: Arc<Mmap>,
        order: Words,
        offsets: Words,
        counts: Words,
        strings: Range<usize>,
    ) -> Vocab {
        Vocab {
            inner: VocabInner::Mapped {
                map,
                order,
                offsets,
                counts,
                strings,
            },
        }
    }

    /// The key of id `id` in a mapped table.
    fn mapped_key<'a>(map: &'a Mmap, offsets: &[u32], strings: &Range<usize>, id: u32) -> &'a [u8] {
        let i = id as usize;
        let (Some(&a), Some(&b)) = (offsets.get(i), offsets.get(i + 1)) else {
            return &[];
        };
        let (a, b) = (strings.start + a as usize, strings.start + b as usize);
        if a > b || b > strings.end {
            return &[];
        }
        &map[a..b]
    }

    /// The id of a word key, if the corpus has it.
    pub fn id(&self, key: &str) -> Option<u32> {
        match &self.inner {
            VocabInner::Owned { ids, .. } => ids.get(key).copied(),
            VocabInner::Mapped {
                map,
                order,
                offsets,
                strings,
                ..
            } => {
                let order = order.as_slice();
                let offsets = offsets.as_slice();
                let key = key.as_bytes();
                let i =
                    order.partition_point(|&id| Self::mapped_key(map, offsets, strings, id) < key);
                let id = *order.get(i)?;
                (Self::mapped_key(map, offsets, strings, id) == key).then_some(id)
            }
        }
    }

    /// How many times a word occurs in the whole corpus.
    pub fn count(&self, id: u32) -> u32 {
        let counts = match &self.inner {
            VocabInner::Owned { counts, .. } => counts.as_slice(),
            VocabInner::Mapped { counts, .. } => counts.as_slice(),
        };
        counts.get(id as usize).copied().unwrap_or(0)
    }

    /// The number of ids (the separator included).
    pub fn len(&self) -> usize {
        match &self.inner {
            VocabInner::Owned { counts, .. } => counts.len(),
            VocabInner::Mapped { counts, .. } => counts.as_slice().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() <= 1
    }
}

/// A position in the corpus: a source and the number of a word in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WordPos {
    pub source: SourceIdx,
    pub word: u32,
}

/// One shard: the word ids of a batch of sources (its *members*), each
/// followed by [`SEPARATOR`], and the suffix array over them.
#[derive(Debug, Default)]
pub(crate) struct Shard {
    pub(crate) ids: Words,
    /// Start of each member in `ids`, plus one past the end.
    pub(crate) starts: Words,
    pub(crate) suffixes: Words,
    /// Every [`SAMPLE`]th suffix's first [`SAMPLE_WORDS`] ids (0 past the
    /// end): a small table that a lookup searches first, so that it touches a
    /// few pages of the large arrays instead of one per step of a binary
    /// search over them.
    pub(crate) samples: Words,
    /// The corpus sources each member is (usually one; two sources with the
    /// same text and settings share a member; none when a member is no longer
    /// in the corpus).
    pub(crate) owners: Vec<Vec<SourceIdx>>,
}

impl Shard {
    /// The range of the suffix array whose suffixes start with `pattern`.
    fn sa_range(&self, pattern: &[u32]) -> Range<usize> {
        let ids = self.ids.as_slice();
        let all = self.suffixes.as_slice();
        // The stretch of the suffix array the samples leave open: suffixes
        // before a sample whose first words sort before the pattern's sort
        // before the pattern, and after one whose sort after, after it.
        let samples = self.samples.as_slice();
        let k = pattern.len().min(SAMPLE_WORDS);
        let count = samples.len() / SAMPLE_WORDS;
        let (a, b) = if count == all.len().div_ceil(SAMPLE) && count > 0 {
            let key = |i: usize| &samples[i * SAMPLE_WORDS..i * SAMPLE_WORDS + k];
            let p = &pattern[..k];
            let first_not_less = partition(count, |i| key(i) < p);
            let first_greater = partition(count, |i| key(i) <= p);
            (
                first_not_less.saturating_sub(1) * SAMPLE,
                (first_greater * SAMPLE).min(all.len()),
            )
        } else {
            (0, all.len())
        };
        let base = a;
        let suffixes = &all[a..b];
        let cmp_prefix = |&pos: &u32| {
            let pos = pos as usize;
            let end = (pos + pattern.len()).min(ids.len());
            // A position outside the ids (a damaged file) sorts last.
            match ids.get(pos..end) {
                Some(s) => s.cmp(pattern),
                None => std::cmp::Ordering::Greater,
            }
        };
        // Suffixes sort by their ids; those starting with `pattern` form one
        // run. A suffix shorter than the pattern that is a prefix of it sorts
        // before it, which `cmp` on slices also says.
        let lo = suffixes.partition_point(|p| cmp_prefix(p).is_lt());
        // Most runs are short: gallop from `lo` to bracket the end, then
        // search only that stretch.
        let rest = &suffixes[lo..];
        let mut step = 1;
        while step < rest.len() && cmp_prefix(&rest[step]).is_eq() {
            step *= 2;
        }
        let from = step / 2;
        let to = step.min(rest.len());
        let hi = lo + from + rest[from..to].partition_point(|p| cmp_prefix(p).is_eq());
        base + lo..base + hi
    }

    /// The member and word number of shard position `p`.
    fn locate(&self, p: u32) -> Option<(usize, u32)> {
        let starts = self.starts.as_slice();
        let m = starts.partition_point(|&st| st <= p).checked_sub(1)?;
        (m + 1 < starts.len()).then(|| (m, p - starts[m]))
    }
}

/// One suffix in this many is sampled (see [`Shard::samples`]).
pub(crate) const SAMPLE: usize = 64;
/// How many first words of a sampled suffix are kept.
pub(crate) const SAMPLE_WORDS: usize = 3;

/// The first `i` in `0..n` for which `pred` is false (`pred` true then
/// false).
pub(crate) fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The samples of a suffix array (see [`Shard::samples`]).
pub(crate) fn samples(ids: &[u32], suffixes: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(suffixes.len().div_ceil(SAMPLE) * SAMPLE_WORDS);
    for &p in suffixes.iter().step_by(SAMPLE) {
        for k in 0..SAMPLE_WORDS {
            out.push(ids.get(p as usize + k).copied().unwrap_or(SEPARATOR));
        }
    }
    out
}

/// Where a source's words are: a shard and the start of its member there.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Place {
    pub(crate) shard: u32,
    pub(crate) start: u32,
    pub(crate) len: u32,
}

#[derive(Debug, Default)]
pub struct Index {
    pub(crate) vocab: Vocab,
    pub(crate) shards: Vec<Shard>,
    /// Per source (by [`SourceIdx`]).
    pub(crate) places: Vec<Place>,
}

impl Index {
    /// Puts shards together: `places` from their owners.
    pub(crate) fn assemble(vocab: Vocab, shards: Vec<Shard>, sources: usize) -> Index {
        let mut places = vec![Place::default(); sources];
        for (k, shard) in shards.iter().enumerate() {
            let starts = shard.starts.as_slice();
            for (m, owners) in shard.owners.iter().enumerate() {
                for s in owners {
                    places[s.get()] = Place {
                        shard: k as u32,
                        start: starts[m],
                        len: starts[m + 1] - starts[m] - 1,
                    };
                }
            }
        }
        Index {
            vocab,
            shards,
            places,
        }
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// The number of words indexed (separators excluded), counting each
    /// source once.
    pub fn word_count(&self) -> usize {
        self.places.iter().map(|p| p.len as usize).sum()
    }

    /// The number of shards.
    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// How many words source `s` has.
    pub fn source_len(&self, s: SourceIdx) -> u32 {
        self.places.get(s.get()).map_or(0, |p| p.len)
    }

    /// The word id at a position.
    pub fn id_at(&self, pos: WordPos) -> u32 {
        self.ids_of(pos.source, pos.word, 1)
            .first()
            .copied()
            .unwrap_or(SEPARATOR)
    }

    /// The ids of `len` words of a source from `from` (clamped to the source).
    pub fn ids_of(&self, s: SourceIdx, from: u32, len: u32) -> &[u32] {
        let Some(place) = self.places.get(s.get()) else {
            return &[];
        };
        let Some(shard) = self.shards.get(place.shard as usize) else {
            return &[];
        };
        let n = place.len;
        let a = (place.start + from.min(n)) as usize;
        let b = (place.start + from.saturating_add(len).min(n)) as usize;
        shard.ids.as_slice().get(a..b).unwrap_or(&[])
    }

    /// Ids for a sequence of word keys; `None` where the corpus lacks a word
    /// (so the sequence cannot occur).
    pub fn lookup_keys<'a>(&self, keys: impl IntoIterator<Item = &'a str>) -> Vec<Option<u32>> {
        keys.into_iter().map(|k| self.vocab.id(k)).collect()
    }

    /// How many times `pattern` occurs.
    pub fn count(&self, pattern: &[u32]) -> usize {
        if pattern.is_empty() || pattern.contains(&SEPARATOR) {
            return 0;
        }
        self.shards.iter().map(|s| s.sa_range(pattern).len()).sum()
    }

    /// Where `pattern` occurs, at most `limit` places (shard by shard, in
    /// suffix order: arbitrary but deterministic).
    pub fn occurrences(&self, pattern: &[u32], limit: usize) -> Vec<WordPos> {
        self.find(pattern, usize::MAX, limit).unwrap_or_default()
    }

    /// Where `pattern` occurs (at most `limit` places), or `None` when it
    /// occurs more than `max_count` times: [`Index::count`] and
    /// [`Index::occurrences`] in one pass over the shards.
    pub fn find(&self, pattern: &[u32], max_count: usize, limit: usize) -> Option<Vec<WordPos>> {
        if pattern.is_empty() || pattern.contains(&SEPARATOR) {
            return Some(Vec::new());
        }
        let ranges: Vec<Range<usize>> = self.shards.iter().map(|s| s.sa_range(pattern)).collect();
        if ranges.iter().map(|r| r.len()).sum::<usize>() > max_count {
            return None;
        }
        let mut out = Vec::new();
        for (shard, range) in self.shards.iter().zip(ranges) {
            let suffixes = shard.suffixes.as_slice();
            for &p in &suffixes[range] {
                if out.len() >= limit {
                    return Some(out);
                }
                if let Some((m, word)) = shard.locate(p) {
                    for &source in &shard.owners[m] {
                        out.push(WordPos { source, word });
                    }
                }
            }
        }
        out.truncate(limit);
        Some(out)
    }

    /// Bytes of memory the index holds in its arrays (the vocabulary's
    /// strings not counted).
    pub fn array_bytes(&self) -> usize {
        let shards: usize = self
            .shards
            .iter()
            .map(|s| {
                s.ids.as_slice().len() + s.suffixes.as_slice().len() + s.starts.as_slice().len()
            })
            .sum();
        (shards + self.vocab.len()) * 4
    }
}

/// Builds the suffix array of `ids` (values below `alphabet`).
pub(crate) fn suffix_array(ids: &[u32], alphabet: usize) -> Vec<u32> {
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
