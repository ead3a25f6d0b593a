//! Facts each source states (its figures, its dated claims), cached on disk
//! beside the index so that a check does not read and analyze every source
//! of the corpus again.
//!
//! A check compares a draft's figures and dates with every source's, so
//! those facts are needed for the whole corpus; extracting them is slow
//! (about 2 MB/s), while decoding them is fast. Each source's facts of one
//! kind are a file `facts/<kind>-<fingerprint>/<key>.bin`, where `key` is the
//! source's content key in the index cache (its content hash and reading
//! settings) and `fingerprint` says what else they depend on (the extraction
//! code's version, the event catalog). A changed source gets a new key, a
//! changed catalog a new directory; so a file, once written, never changes.
//!
//! Files are written to a temporary name and renamed (a reader never sees
//! half a file) and start with a magic line and a checksum: a damaged,
//! truncated or foreign file is recomputed and replaced, never trusted.
//! Writing is best effort: a cache that cannot be written costs time, not
//! results.

use super::keyed::{self, Keyed};
use super::{Corpus, SourceIdx, SourceText};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use xxhash_rust::xxh3::xxh3_64;

/// Bump when the layout of a facts file changes.
const FORMAT: &str = "provlint-facts 2\n";

/// Where a corpus opened through the index cache keeps its facts.
#[derive(Debug)]
pub struct Store {
    pub dir: PathBuf,
    /// Each source's content key in the index cache, in corpus order.
    pub keys: Vec<u128>,
    /// Which sources had facts computed (not found in the cache) so far.
    pub computed: std::sync::Mutex<Vec<bool>>,
    /// Keyed files opened so far, by kind and fingerprint.
    pub keyed: std::sync::Mutex<HashMap<(String, u64), Arc<Keyed>>>,
}

/// What the facts cache did in this process (see
/// [`Corpus::facts_computed`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FactsRun {
    /// Sources whose facts were read from the cache.
    pub cached: usize,
    /// Sources read and analyzed.
    pub computed: usize,
    /// Bytes of the sources analyzed.
    pub computed_bytes: u64,
}

impl Store {
    pub fn new(dir: PathBuf, keys: Vec<u128>) -> Store {
        Store {
            dir,
            computed: std::sync::Mutex::new(vec![false; keys.len()]),
            keys,
            keyed: Default::default(),
        }
    }

    /// The directory and name of the keyed file of the corpus's present
    /// sources: named by every source's content key, so a file once
    /// written stays right for as long as no source changes.
    fn keyed_path(&self, kind: &str, fingerprint: u64) -> (PathBuf, String) {
        let mut bytes = Vec::with_capacity(self.keys.len() * 16);
        for k in &self.keys {
            bytes.extend_from_slice(&k.to_le_bytes());
        }
        let corpus = xxhash_rust::xxh3::xxh3_128(&bytes);
        (
            self.dir.join(format!("{kind}-{fingerprint:016x}")),
            format!("keyed-{corpus:032x}.bin"),
        )
    }

    fn path(&self, kind: &str, fingerprint: u64, source: SourceIdx) -> PathBuf {
        self.dir
            .join(format!("{kind}-{fingerprint:016x}"))
            .join(format!("{:032x}.bin", self.keys[source.get()]))
    }
}

/// Deletes the keyed files of `dir` other than `keep`: they are of an
/// earlier state of the corpus, and a keyed file is as large as the facts.
fn remove_other_keyed(dir: &std::path::Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("keyed-") && name.ends_with(".bin") && name != keep {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let rest = bytes.strip_prefix(FORMAT.as_bytes())?;
    if rest.len() < 8 {
        return None;
    }
    let (sum, body) = rest.split_at(8);
    if u64::from_le_bytes(sum.try_into().ok()?) != xxh3_64(body) {
        return None;
    }
    let body = lz4_flex::decompress_size_prepended(body).ok()?;
    postcard::from_bytes(&body).ok()
}

fn encode<T: Serialize>(value: &T) -> Option<Vec<u8>> {
    // Compressed: a source's facts repeat the words around its figures,
    // and decompressing costs less than reading them.
    let body = lz4_flex::compress_prepend_size(&postcard::to_allocvec(value).ok()?);
    let mut out = Vec::with_capacity(FORMAT.len() + 8 + body.len());
    out.extend_from_slice(FORMAT.as_bytes());
    out.extend_from_slice(&xxh3_64(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Some(out)
}

impl Corpus {
    /// The sources whose facts (of any kind) were not in the cache and were
    /// computed in this process, and their bytes; `None` without a facts
    /// cache.
    pub fn facts_computed(&self) -> Option<FactsRun> {
        let store = self.facts.as_ref()?;
        let computed = store.computed.lock().unwrap_or_else(|e| e.into_inner());
        let mut run = FactsRun::default();
        for (i, _) in computed.iter().enumerate().filter(|(_, c)| **c) {
            run.computed += 1;
            run.computed_bytes += self.sources[i].size();
        }
        run.cached = self.sources.len() - run.computed;
        Some(run)
    }

    /// `compute` for every source, in corpus order: read from the facts
    /// cache when the corpus has one and it holds them, else computed from
    /// the source's text (and stored). `fingerprint` must change whenever
    /// `compute` would give another answer for the same text.
    pub fn facts<T, F>(&self, kind: &str, fingerprint: u64, compute: F) -> Vec<T>
    where
        T: Serialize + DeserializeOwned + Send,
        F: Fn(&SourceText, SourceIdx) -> T + Sync,
    {
        if self.facts.is_none() {
            // In memory (tests, the language server's buffers): the texts are
            // kept, since they are few and the checks show them.
            return self.ids().map(|i| compute(&self.text(i), i)).collect();
        }
        crate::parallel::map(self.sources.len(), 1, |i| {
            self.source_facts(kind, fingerprint, SourceIdx(i as u32), &compute)
        })
    }

    /// [`Corpus::facts`] of one source.
    pub fn source_facts<T, F>(&self, kind: &str, fingerprint: u64, i: SourceIdx, compute: &F) -> T
    where
        T: Serialize + DeserializeOwned,
        F: Fn(&SourceText, SourceIdx) -> T,
    {
        self.source_facts_with(kind, fingerprint, i, &|text, _, i| compute(text, i))
    }

    /// [`Corpus::source_facts`] of facts that need the source's original
    /// text too (where its lines start, say).
    pub fn source_facts_with<T, F>(
        &self,
        kind: &str,
        fingerprint: u64,
        i: SourceIdx,
        compute: &F,
    ) -> T
    where
        T: Serialize + DeserializeOwned,
        F: Fn(&SourceText, &str, SourceIdx) -> T,
    {
        let Some(store) = &self.facts else {
            return compute(&self.text(i), self.source(i).text(), i);
        };
        let path = store.path(kind, fingerprint, i);
        if let Some(v) = std::fs::read(&path).ok().and_then(|b| decode(&b)) {
            return v;
        }
        if let Some(c) = store
            .computed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_mut(i.get())
        {
            *c = true;
        }
        // Not kept in the corpus: a large corpus's texts would not fit.
        let (text, original, unchanged) = self.read_for_facts(i, store.keys[i.get()]);
        let value = compute(&text, &original, i);
        if unchanged && let Some(bytes) = encode(&value) {
            let dir = path.parent().expect("a facts file has a directory");
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("named by a key");
            let _ = std::fs::create_dir_all(dir)
                .and_then(|()| super::cache::write_renamed(dir, name, &[&bytes], false));
        }
        value
    }

    /// The corpus's facts of kind `kind` filed by key (see
    /// `corpus::keyed`): read from the cache, or filed by `group` (from
    /// [`Corpus::facts`]) and stored. `fingerprint` must change whenever
    /// `group` would file the same sources otherwise. `None` for a corpus
    /// held in memory, whose facts are few: the checks use them all.
    pub fn keyed_facts<G: Serialize>(
        &self,
        kind: &str,
        fingerprint: u64,
        group: impl FnOnce(&Corpus) -> BTreeMap<String, Vec<G>>,
    ) -> Option<Arc<Keyed>> {
        let store = self.facts.as_ref()?;
        let mut opened = store.keyed.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = opened.get(&(kind.to_string(), fingerprint)) {
            return Some(k.clone());
        }
        let (dir, name) = store.keyed_path(kind, fingerprint);
        let keyed = match Keyed::open(&dir.join(&name)) {
            Some(k) => k,
            None => {
                let bytes = keyed::encode(&group(self))?;
                let _ = std::fs::create_dir_all(&dir)
                    .and_then(|()| super::cache::write_renamed(&dir, &name, &[&bytes], false));
                remove_other_keyed(&dir, &name);
                Keyed::open(&dir.join(&name)).or_else(|| Keyed::in_memory(bytes))?
            }
        };
        let keyed = Arc::new(keyed);
        opened.insert((kind.to_string(), fingerprint), keyed.clone());
        Some(keyed)
    }

    /// Forgets and deletes a keyed file found damaged, so that the next
    /// check files the facts again.
    pub fn discard_keyed(&self, kind: &str, fingerprint: u64) {
        let Some(store) = &self.facts else { return };
        let mut opened = store.keyed.lock().unwrap_or_else(|e| e.into_inner());
        opened.remove(&(kind.to_string(), fingerprint));
        let (dir, name) = store.keyed_path(kind, fingerprint);
        let _ = std::fs::remove_file(dir.join(name));
    }

    /// A source read and analyzed for its facts, and whether its content is
    /// still the one `key` names (facts of a source changed since the
    /// corpus was opened must not be stored under the old key). Uses the
    /// corpus's copy when a check already read it.
    fn read_for_facts(&self, i: SourceIdx, key: u128) -> (Arc<SourceText>, Arc<str>, bool) {
        if let Some(t) = self.texts[i.get()].get() {
            return (t.clone(), self.source(i).text().clone(), true);
        }
        let source = self.source(i);
        match std::fs::read(&source.entry.path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
        {
            Some(text) => {
                let unchanged = super::cache::content_key(&source.entry, &text) == key;
                let analyzed = super::source::analyze_text(&source.entry, &text);
                (Arc::new(analyzed), Arc::from(text), unchanged)
            }
            // Reported through the corpus's own reading (`load_errors`).
            None => (self.text(i), source.text().clone(), false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_does_not_decode() {
        let value = vec![(1u32, "one".to_string()), (2, "two".to_string())];
        let bytes = encode(&value).unwrap();
        assert_eq!(decode::<Vec<(u32, String)>>(&bytes), Some(value));
        for i in [0, FORMAT.len() + 2, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[i] ^= 0x10;
            assert_eq!(decode::<Vec<(u32, String)>>(&bad), None, "byte {i}");
        }
        assert_eq!(
            decode::<Vec<(u32, String)>>(&bytes[..bytes.len() - 3]),
            None
        );
        assert_eq!(decode::<Vec<(u32, String)>>(b"not facts"), None);
    }
}
