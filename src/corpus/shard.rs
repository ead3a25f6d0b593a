//! Building the index: sources read into word keys on every core, the keys
//! interned into the global vocabulary, and a suffix array per shard.
//!
//! Why shards with a global vocabulary: a change to one source must not
//! rebuild the index of the whole corpus (a single suffix array would), yet a
//! lookup must stay a few binary searches. So sources are batched into shards
//! of about [`SHARD_TARGET_BYTES`] of text, each with its own suffix array,
//! and a lookup asks each shard (a 300 MB corpus has about ten). The
//! vocabulary is shared and append-only: a new word gets the next id, an id
//! never changes meaning, so a shard stays valid while others are rebuilt,
//! and a window of word ids from any shard compares with a quotation's ids.

use super::index::{Index, SEPARATOR, Shard, Vocab, Words, suffix_array};
use super::source::{Source, SourceIdx};
use crate::text::document::Document;
use crate::text::tokenize::{self, Token};
use rustc_hash::FxHashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// About how many bytes of source text go into one shard. Smaller shards
/// make an edit cheaper to re-index; more shards make each lookup dearer.
pub const SHARD_TARGET_BYTES: usize = 40 << 20;

/// The index key of a word token: [`Token::key`], with a fast path for
/// ASCII words (NFKC, quote and dash folding change nothing there, so the key
/// is the word lower-cased without hyphens).
pub(crate) fn word_key<'a>(tok: &Token, prose: &str, buf: &'a mut String) -> &'a str {
    let w = tok.text(prose);
    buf.clear();
    if !tok.line_break_hyphen && w.is_ascii() {
        buf.extend(
            w.bytes()
                .filter(|&b| b != b'-')
                .map(|b| b.to_ascii_lowercase() as char),
        );
    } else {
        buf.push_str(&tok.key(prose));
    }
    buf
}

/// The global vocabulary while it grows.
#[derive(Debug)]
pub(crate) struct VocabBuilder {
    pub(crate) map: FxHashMap<Box<str>, u32>,
    /// Key of each id (`keys[0]` is the separator's, empty).
    pub(crate) keys: Vec<Box<str>>,
    pub(crate) counts: Vec<u32>,
}

impl VocabBuilder {
    pub(crate) fn new() -> VocabBuilder {
        VocabBuilder {
            map: FxHashMap::default(),
            keys: vec!["".into()],
            counts: vec![0],
        }
    }

    /// The id of `key`, a new one if it has none.
    pub(crate) fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.map.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.map.insert(key.into(), id);
        self.keys.push(key.into());
        self.counts.push(0);
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    pub(crate) fn into_vocab(self) -> Vocab {
        Vocab::owned(self.map, self.counts)
    }
}

/// One worker's interner: keys to local ids. Keys of up to 15 bytes (most
/// words) are packed into a `u128` and held in the table itself: a lookup
/// in a table of a million words then costs one cache miss, not two.
#[derive(Default)]
struct Local {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    keys: Vec<Box<str>>,
}

fn pack(key: &str) -> Option<u128> {
    let b = key.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

impl Local {
    fn intern(&mut self, key: &str) -> u32 {
        let next = self.keys.len() as u32;
        let id = match pack(key) {
            Some(p) => *self.short.entry(p).or_insert(next),
            None => match self.long.get(key) {
                Some(&id) => id,
                None => {
                    self.long.insert(key.into(), next);
                    next
                }
            },
        };
        if id == next {
            self.keys.push(key.into());
        }
        id
    }
}

/// An item a worker did: its number and its words as local ids.
type Done = (usize, Vec<u32>);

/// How many threads to build with.
pub(crate) fn threads(items: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items)
        .max(1)
}

/// Reads items `0..n` into word ids, on every core: `analyze(i)` gives item
/// `i`'s text and its size in bytes. Ids are assigned in item order, so the
/// result does not depend on the threads' timing. `progress` hears the bytes
/// done.
pub(crate) fn tokenize_parallel<E: Send>(
    n: usize,
    analyze: &(dyn Fn(usize) -> Result<(Document, usize), E> + Sync),
    vocab: &mut VocabBuilder,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<Vec<Vec<u32>>, E> {
    let threads = threads(n);
    let next = AtomicUsize::new(0);
    let failed: Mutex<Option<(usize, E)>> = Mutex::new(None);
    // Per worker: its interner and the items it did, with local ids.
    let results: Vec<(Local, Vec<Done>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut local = Local::default();
                    let mut done = Vec::new();
                    let mut buf = String::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            break;
                        }
                        match analyze(i) {
                            Ok((doc, bytes)) => {
                                // The words of `analyze_text`, in its order,
                                // without keeping the tokens.
                                let prose = doc.prose.text();
                                let mut ids = Vec::with_capacity(prose.len() / 6);
                                tokenize::for_each_token(prose, 0, |t| {
                                    if t.is_word() {
                                        ids.push(local.intern(word_key(&t, prose, &mut buf)));
                                    }
                                });
                                done.push((i, ids));
                                progress(bytes as u64);
                            }
                            Err(e) => {
                                let mut f = failed.lock().unwrap_or_else(|p| p.into_inner());
                                if f.as_ref().is_none_or(|(j, _)| i < *j) {
                                    *f = Some((i, e));
                                }
                                next.store(n, Ordering::Relaxed);
                                break;
                            }
                        }
                    }
                    (local, done)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("an indexing thread panicked"))
            .collect()
    });
    if let Some((_, e)) = failed.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    // Global ids, in item order.
    let mut order: Vec<(usize, usize, usize)> = Vec::with_capacity(n); // (item, worker, slot)
    for (w, (_, done)) in results.iter().enumerate() {
        for (slot, (i, _)) in done.iter().enumerate() {
            order.push((*i, w, slot));
        }
    }
    order.sort_unstable();
    let mut remap: Vec<Vec<u32>> = results
        .iter()
        .map(|(local, _)| vec![u32::MAX; local.keys.len()])
        .collect();
    let mut results = results;
    let mut out: Vec<Vec<u32>> = Vec::with_capacity(n);
    for (_, w, slot) in order {
        let mut ids = std::mem::take(&mut results[w].1[slot].1);
        let (local, _) = &results[w];
        let table = &mut remap[w];
        for id in &mut ids {
            let g = &mut table[*id as usize];
            if *g == u32::MAX {
                *g = vocab.intern(&local.keys[*id as usize]);
            }
            *id = *g;
            vocab.counts[*g as usize] += 1;
        }
        out.push(ids);
    }
    Ok(out)
}

/// A shard's arrays, built.
pub(crate) struct Built {
    pub(crate) ids: Vec<u32>,
    pub(crate) starts: Vec<u32>,
    pub(crate) suffixes: Vec<u32>,
    pub(crate) samples: Vec<u32>,
}

/// Concatenates members' ids (each followed by a separator) and sorts their
/// suffixes.
pub(crate) fn build_shard(members: &[&[u32]], alphabet: usize) -> Built {
    let total: usize = members.iter().map(|m| m.len() + 1).sum();
    let mut ids = Vec::with_capacity(total);
    let mut starts = Vec::with_capacity(members.len() + 1);
    for m in members {
        starts.push(ids.len() as u32);
        ids.extend_from_slice(m);
        ids.push(SEPARATOR);
    }
    starts.push(ids.len() as u32);
    let suffixes = suffix_array(&ids, alphabet);
    let samples = super::index::samples(&ids, &suffixes);
    Built {
        ids,
        starts,
        suffixes,
        samples,
    }
}

/// Builds shards from groups of members, on every core; `done(k, built)` is
/// called (from a worker) for each, in any order.
pub(crate) fn build_shards_parallel<E: Send>(
    groups: &[Vec<&[u32]>],
    alphabet: usize,
    done: &(dyn Fn(usize, Built) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let next = AtomicUsize::new(0);
    let threads = threads(groups.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<(), E> {
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        if k >= groups.len() {
                            return Ok(());
                        }
                        done(k, build_shard(&groups[k], alphabet))?;
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("an indexing thread panicked"))
            .collect::<Result<Vec<()>, E>>()
            .map(|_| ())
    })
}

/// Groups items of the given sizes, in order, into batches of about
/// [`SHARD_TARGET_BYTES`].
pub(crate) fn batches(sizes: &[usize], target: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, &s) in sizes.iter().enumerate() {
        if bytes > 0 && bytes + s > target {
            out.push(start..i);
            start = i;
            bytes = 0;
        }
        bytes += s;
    }
    if start < sizes.len() {
        out.push(start..sizes.len());
    }
    out
}

/// The index of sources already in memory.
pub(crate) fn build_in_memory(sources: &[Source]) -> Index {
    let mut vocab = VocabBuilder::new();
    let analyze = |i: usize| -> Result<(Document, usize), ()> {
        let s = &sources[i];
        Ok((
            super::source::read_document(&s.entry, s.text()),
            s.text().len(),
        ))
    };
    let ids = tokenize_parallel(sources.len(), &analyze, &mut vocab, &|_| {})
        .expect("sources in memory always read");
    let sizes: Vec<usize> = sources.iter().map(|s| s.size() as usize).collect();
    let groups: Vec<std::ops::Range<usize>> = batches(&sizes, SHARD_TARGET_BYTES);
    let members: Vec<Vec<&[u32]>> = groups
        .iter()
        .map(|g| ids[g.clone()].iter().map(Vec::as_slice).collect())
        .collect();
    let built: Mutex<Vec<Option<Built>>> = Mutex::new((0..groups.len()).map(|_| None).collect());
    build_shards_parallel(&members, vocab.len(), &|k, b| -> Result<(), ()> {
        built.lock().unwrap_or_else(|p| p.into_inner())[k] = Some(b);
        Ok(())
    })
    .expect("building in memory does not fail");
    let shards = built
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .zip(&groups)
        .map(|(b, g)| {
            let b = b.expect("every shard built");
            Shard {
                ids: Words::Owned(b.ids),
                starts: Words::Owned(b.starts),
                suffixes: Words::Owned(b.suffixes),
                samples: Words::Owned(b.samples),
                owners: g.clone().map(|i| vec![SourceIdx(i as u32)]).collect(),
            }
        })
        .collect();
    Index::assemble(vocab.into_vocab(), shards, sources.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    #[test]
    fn the_fast_key_is_the_key() {
        let text = "The Popular Unity--UP, said the goverment's so-called 3,000 36.3% \
                    Allende’s ﬁnal “people” revolu-\ntionary CAPS Ünïcödé ŞEHİR x\u{00AD}y";
        let mut buf = String::new();
        for t in tokenize(text).iter().filter(|t| t.is_word()) {
            assert_eq!(
                word_key(t, text, &mut buf),
                t.key(text),
                "{:?}",
                t.text(text)
            );
        }
    }

    #[test]
    fn batches_fill_up_to_the_target() {
        assert_eq!(batches(&[3, 3, 3, 10, 1], 6), vec![0..2, 2..3, 3..4, 4..5]);
        assert_eq!(batches(&[], 6), Vec::<std::ops::Range<usize>>::new());
    }
}
