//! The index cache: the corpus index on disk, memory-mapped by each run,
//! updated shard by shard when sources change.
//!
//! # Layout
//!
//! A cache directory (`.provlint-cache/` beside `provlint.toml` by default)
//! holds, for each corpus that uses it:
//! - `catalog-<corpus>.json`: what the index is made of: every source's
//!   file size, modification time and content hash, the vocabulary file and
//!   the shard files with their members. Replaced whole (written to a
//!   temporary name, then renamed).
//! - `vocab-<lineage>-<generation>.bin`: the global vocabulary, a sorted
//!   string table (binary search, no hash map built at load).
//! - `shard-<hash>.bin`: a batch of sources' word ids and their suffix
//!   array, as flat little-endian `u32` arrays that a run maps and searches
//!   in place.
//! - `lock`: taken (advisory, exclusive) by a process that writes.
//!
//! Files other than the catalog are never changed once written: a writer
//! makes new ones under new names, renames the new catalog into place, and
//! only then deletes files no catalog names. A reader takes no lock: it reads
//! the catalog and maps the files it names, so it sees either the old index
//! or the new one, never a half-written one (if a file it was about to open
//! was just deleted, it reads the catalog again).
//!
//! # What makes it current
//!
//! A source's *key* is the hash of its content, the manifest settings that
//! change its words (`format`, `exclude_lines`), the index version and a
//! fingerprint of the normalization (the keys the tokenizer gives a fixed
//! sample). A run trusts a source's recorded content hash while the file's
//! size and modification time and its manifest entry are unchanged; when any
//! of those changes it reads and hashes the file, and re-indexes it only if
//! the key changed. So a run never reads the corpus to validate it.
//!
//! # Trust
//!
//! Every file starts with a header: magic, index version, normalization
//! fingerprint, lineage (which vocabulary its ids refer to), its own length,
//! a checksum of the header and small tables (always verified) and a
//! checksum of the large arrays. The large arrays' checksum is verified when
//! the file is written, and again by any run that finds the file's size,
//! modification time, change time or inode not as the catalog recorded them
//! (anything that wrote to it changes those). A file that fails is never
//! used: its sources are indexed again. `provlint corpus stats --verify`
//! checks every checksum. As with git's "racily clean" files, a write that
//! keeps a file's size and lands in the same tick of the file clock as the
//! build (a few milliseconds) leaves its times as recorded: only `--verify`
//! sees it.

use super::index::{Index, Shard, Vocab, Words};
use super::manifest::{Manifest, SourceEntry};
use super::shard::{self, Built, VocabBuilder};
use super::source::SourceIdx;
use crate::error::Error;
use memmap2::Mmap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

/// The version of the cache's file formats and of how the index is built.
/// Bump it when either changes.
pub const INDEX_VERSION: u32 = 2;

/// The cache directory's default name.
pub const CACHE_DIR: &str = ".provlint-cache";

const HEADER: usize = 128;
const SHARD_MAGIC: &[u8; 8] = b"PLSHARD\x01";
const VOCAB_MAGIC: &[u8; 8] = b"PLVOCAB\x01";
const CATALOG_MAGIC: &str = "provlint-catalog";

/// How a run uses the cache.
#[derive(Clone, Debug)]
pub struct CacheOptions {
    pub dir: PathBuf,
    /// Show a progress bar while indexing (on a terminal, for long builds).
    pub progress: bool,
    /// Verify every checksum, not only those of files that look changed.
    pub verify: bool,
    /// Index everything again.
    pub rebuild: bool,
    /// About how many bytes of source text go into one shard (see
    /// [`shard::SHARD_TARGET_BYTES`]); smaller in tests.
    pub shard_bytes: usize,
}

impl CacheOptions {
    pub fn new(dir: PathBuf) -> CacheOptions {
        CacheOptions {
            dir,
            progress: false,
            verify: false,
            rebuild: false,
            shard_bytes: shard::SHARD_TARGET_BYTES,
        }
    }
}

/// Why the cache could not be used.
#[derive(Debug)]
pub enum CacheError {
    /// A source cannot be read: the same error a run without a cache gives.
    Source(Error),
    /// The cache directory cannot be written or read.
    Io(String),
}

impl From<Error> for CacheError {
    fn from(e: Error) -> Self {
        CacheError::Source(e)
    }
}

fn io_err(what: &str, path: &Path, e: std::io::Error) -> CacheError {
    CacheError::Io(format!("cannot {what} {}: {e}", path.display()))
}

/// What opening the cache did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Update {
    /// The index was current: nothing was read but the catalog and the index.
    pub current: bool,
    /// Sources read and hashed because their size or time changed.
    pub hashed: usize,
    /// Sources tokenized (new or changed content).
    pub indexed: usize,
    /// Bytes of source text tokenized.
    pub indexed_bytes: u64,
    /// Shard files written, and kept as they were.
    pub shards_written: usize,
    pub shards_kept: usize,
    /// Files found damaged, foreign or of another version (and replaced).
    pub rejected: Vec<String>,
    pub seconds: f64,
}

/// An opened cache: the index and each source's size in bytes.
pub struct Opened {
    pub index: Index,
    pub sizes: Vec<u64>,
    /// Each source's content key (see [`content_key`]).
    pub keys: Vec<u128>,
    pub update: Update,
}

// ---------------------------------------------------------------------------
// Fingerprints and keys

/// A fingerprint of the normalization: the index version, and the prose and
/// word keys the reader and tokenizer make of a sample of tricky text. A
/// change of tokenizer or normalization that changes any word changes it.
pub fn fingerprint() -> u64 {
    static FP: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *FP.get_or_init(|| {
        const SAMPLE: &str = "# The “Popular Unity”\n\nThe UP—Allende’s so-called 3,000 ﬁnal \
            revolu-\ntionary *process*, Ünïcödé x\u{00AD}y don't 36.3% … [sic] «Señor» ŞEHİR.\n\
            www.example.org   page 12\n\nAnother, line: 1973-09-11 \u{200B}x.\n";
        let mut h = Xxh3::new();
        h.update(&INDEX_VERSION.to_le_bytes());
        for format in [crate::text::Format::Text, crate::text::Format::Markdown] {
            let doc = crate::text::document::read(SAMPLE, format, &|l: &str| {
                super::source::is_page_furniture(l)
            });
            let prose = doc.prose.text();
            h.update(prose.as_bytes());
            for t in crate::text::tokenize::tokenize(prose) {
                if t.is_word() {
                    h.update(t.key(prose).as_bytes());
                    h.update(b"\0");
                }
            }
        }
        h.digest()
    })
}

/// The manifest settings that change a source's words.
fn settings_hash(entry: &SourceEntry) -> u64 {
    let mut h = Xxh3::new();
    h.update(match entry.format {
        crate::text::Format::Text => b"text",
        crate::text::Format::Markdown => b"md\0\0",
    });
    for re in &entry.exclude_lines {
        h.update(re.as_str().as_bytes());
        h.update(b"\0");
    }
    h.digest()
}

/// The key a source with this entry and text has in the cache.
pub fn content_key(entry: &SourceEntry, text: &str) -> u128 {
    source_key(xxh3_128(text.as_bytes()), settings_hash(entry))
}

fn source_key(content: u128, settings: u64) -> u128 {
    let mut buf = Vec::with_capacity(32);
    buf.extend_from_slice(&fingerprint().to_le_bytes());
    buf.extend_from_slice(&content.to_le_bytes());
    buf.extend_from_slice(&settings.to_le_bytes());
    xxh3_128(&buf)
}

fn hex128(v: u128) -> String {
    format!("{v:032x}")
}

fn parse128(s: &str) -> Option<u128> {
    u128::from_str_radix(s, 16).ok()
}

// ---------------------------------------------------------------------------
// The catalog

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
struct FileStat {
    len: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    ino: u64,
}

impl FileStat {
    fn of(meta: &std::fs::Metadata) -> FileStat {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        #[cfg(unix)]
        let (ctime_ns, ino) = {
            use std::os::unix::fs::MetadataExt;
            (
                meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128,
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (ctime_ns, ino) = (0, 0);
        FileStat {
            len: meta.len(),
            mtime_ns,
            ctime_ns,
            ino,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct FileRecord {
    file: String,
    stat: FileStat,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct ShardRecord {
    file: FileRecord,
    /// Member keys, in the shard's order.
    members: Vec<String>,
    /// Bytes of source text in it.
    bytes: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct SourceRecord {
    id: String,
    file: String,
    size: u64,
    mtime_ns: i128,
    settings: u64,
    content: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Catalog {
    version: u32,
    fingerprint: u64,
    corpus: String,
    lineage: u64,
    generation: u64,
    vocab: FileRecord,
    shards: Vec<ShardRecord>,
    sources: Vec<SourceRecord>,
}

fn catalog_path(dir: &Path, corpus: &Path) -> PathBuf {
    let name = format!(
        "catalog-{:016x}.json",
        xxh3_64(corpus.to_string_lossy().as_bytes())
    );
    dir.join(name)
}

/// Reads a catalog: `None` when missing, damaged, or of another version.
fn read_catalog(path: &Path, rejected: &mut Vec<String>) -> Option<Catalog> {
    let text = std::fs::read_to_string(path).ok()?;
    let parsed = (|| {
        let (head, body) = text.split_once('\n')?;
        let mut parts = head.split(' ');
        (parts.next()? == CATALOG_MAGIC).then_some(())?;
        let version: u32 = parts.next()?.parse().ok()?;
        let sum = u64::from_str_radix(parts.next()?, 16).ok()?;
        (version == INDEX_VERSION && xxh3_64(body.as_bytes()) == sum).then_some(())?;
        let c: Catalog = serde_json::from_str(body).ok()?;
        (c.version == INDEX_VERSION && c.fingerprint == fingerprint()).then_some(c)
    })();
    if parsed.is_none() {
        rejected.push(file_name(path));
    }
    parsed
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// File headers

struct Header {
    magic: [u8; 8],
    version: u32,
    count: u32,
    fingerprint: u64,
    lineage: u64,
    file_len: u64,
    n: u64,
    meta_sum: u64,
    body_sum: u64,
}

impl Header {
    fn write(&self) -> [u8; HEADER] {
        let mut h = [0u8; HEADER];
        h[0..8].copy_from_slice(&self.magic);
        h[8..12].copy_from_slice(&self.version.to_le_bytes());
        h[12..16].copy_from_slice(&self.count.to_le_bytes());
        h[16..24].copy_from_slice(&self.fingerprint.to_le_bytes());
        h[24..32].copy_from_slice(&self.lineage.to_le_bytes());
        h[32..40].copy_from_slice(&self.file_len.to_le_bytes());
        h[40..48].copy_from_slice(&self.n.to_le_bytes());
        h[48..56].copy_from_slice(&self.meta_sum.to_le_bytes());
        h[56..64].copy_from_slice(&self.body_sum.to_le_bytes());
        h
    }

    fn read(b: &[u8]) -> Option<Header> {
        let b = b.get(..HEADER)?;
        // The rest of the header is reserved, written as zeros: no checksum
        // covers it, so anything else there is damage.
        if b[64..].iter().any(|&x| x != 0) {
            return None;
        }
        let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        Some(Header {
            magic: b[0..8].try_into().expect("8 bytes"),
            version: u32_at(8),
            count: u32_at(12),
            fingerprint: u64_at(16),
            lineage: u64_at(24),
            file_len: u64_at(32),
            n: u64_at(40),
            meta_sum: u64_at(48),
            body_sum: u64_at(56),
        })
    }
}

fn bytes_of(words: &[u32]) -> &[u8] {
    // SAFETY: a u32 slice viewed as its bytes (little-endian on the targets
    // the cache supports, see `Words::as_slice`).
    unsafe { std::slice::from_raw_parts(words.as_ptr().cast::<u8>(), words.len() * 4) }
}

fn pad8(n: usize) -> usize {
    n.div_ceil(8) * 8
}

/// Checksum of the header's first 48 bytes and the given sections.
fn meta_sum(header: &[u8], sections: &[&[u8]]) -> u64 {
    let mut h = Xxh3::new();
    h.update(&header[..48]);
    for s in sections {
        h.update(s);
    }
    h.digest()
}

fn body_sum(sections: &[&[u8]]) -> u64 {
    let mut h = Xxh3::new();
    for s in sections {
        h.update(s);
    }
    h.digest()
}

/// Writes `parts` to a temporary file in `dir` and renames it to `name`, so
/// a reader sees the old file or the whole new one, never part of it;
/// `sync` makes the data durable before the rename. Shared by the index's
/// files and the facts (`facts.rs`), which skip the sync: every file is
/// checksummed and a lost one is only recomputed.
pub(super) fn write_renamed(
    dir: &Path,
    name: &str,
    parts: &[&[u8]],
    sync: bool,
) -> std::io::Result<PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    // Unique in this process (any thread) and, with the pid, on the machine.
    let tmp = dir.join(format!(
        ".tmp-{}-{}-{name}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::io::BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        for p in parts {
            f.write_all(p)?;
        }
        let f = f.into_inner().map_err(|e| e.into_error())?;
        if sync {
            f.sync_data()?;
        }
        Ok(())
    })();
    let path = dir.join(name);
    if let Err(e) = result.and_then(|()| std::fs::rename(&tmp, &path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(path)
}

/// [`write_renamed`], durably, and the file's record for the catalog.
fn write_atomic(dir: &Path, name: &str, parts: &[&[u8]]) -> Result<FileRecord, CacheError> {
    let path =
        write_renamed(dir, name, parts, true).map_err(|e| io_err("write", &dir.join(name), e))?;
    let meta = std::fs::metadata(&path).map_err(|e| io_err("read", &path, e))?;
    Ok(FileRecord {
        file: name.to_string(),
        stat: FileStat::of(&meta),
    })
}

// ---------------------------------------------------------------------------
// Shard files
//
// Header, then: member keys (16 bytes each), starts (members + 1 u32s,
// padded to 8 bytes), ids (n u32s), suffix array (n u32s), samples
// (3 u32s for every 64th suffix, padded to 8 bytes).

fn write_shard(
    dir: &Path,
    lineage: u64,
    keys: &[u128],
    built: &Built,
) -> Result<FileRecord, CacheError> {
    let key_bytes: Vec<u8> = keys.iter().flat_map(|k| k.to_le_bytes()).collect();
    let mut starts = bytes_of(&built.starts).to_vec();
    starts.resize(pad8(starts.len()), 0);
    let ids = bytes_of(&built.ids);
    let sa = bytes_of(&built.suffixes);
    let mut samples = bytes_of(&built.samples).to_vec();
    samples.resize(pad8(samples.len()), 0);
    let file_len = HEADER + key_bytes.len() + starts.len() + ids.len() + sa.len() + samples.len();
    let mut header = Header {
        magic: *SHARD_MAGIC,
        version: INDEX_VERSION,
        count: keys.len() as u32,
        fingerprint: fingerprint(),
        lineage,
        file_len: file_len as u64,
        n: built.ids.len() as u64,
        meta_sum: 0,
        body_sum: body_sum(&[ids, sa, &samples]),
    };
    let raw = header.write();
    header.meta_sum = meta_sum(&raw, &[&key_bytes, &starts]);
    let raw = header.write();
    let mut h = Xxh3::new();
    h.update(&lineage.to_le_bytes());
    h.update(&key_bytes);
    let name = format!("shard-{:016x}.bin", h.digest());
    write_atomic(dir, &name, &[&raw, &key_bytes, &starts, ids, sa, &samples])
}

/// Maps and checks a file's header; the checksum of the large arrays only
/// when `full`.
fn map_file(path: &Path) -> std::io::Result<(Arc<Mmap>, FileStat)> {
    let f = File::open(path)?;
    let meta = f.metadata()?;
    // SAFETY: cache files are never written in place once renamed into the
    // cache (writers make new files); a file changed by someone else anyway
    // is caught by the stat check and the checksums, and every read of the
    // mapped arrays is bounds-checked.
    let map = unsafe { Mmap::map(&f)? };
    // Lookups jump about the arrays: read-ahead would only fill memory.
    #[cfg(unix)]
    let _ = map.advise(memmap2::Advice::Random);
    Ok((Arc::new(map), FileStat::of(&meta)))
}

enum Open<T> {
    Ok(T),
    /// Missing (deleted by a writer since the catalog was read).
    Missing,
    /// Damaged, foreign or of another version.
    Bad(String),
}

fn open_shard(
    dir: &Path,
    rec: &ShardRecord,
    lineage: u64,
    verify: bool,
) -> Open<(Shard, Vec<u128>)> {
    let path = dir.join(&rec.file.file);
    let (map, stat) = match map_file(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Open::Missing,
        Err(e) => return Open::Bad(format!("{}: {e}", rec.file.file)),
    };
    let full = verify || stat != rec.file.stat;
    match check_shard(&map, lineage, full) {
        // The members must be the ones the catalog says (not another
        // shard's file put in its place).
        Some((shard, keys))
            if keys.len() == rec.members.len()
                && keys
                    .iter()
                    .zip(&rec.members)
                    .all(|(k, m)| parse128(m) == Some(*k)) =>
        {
            Open::Ok((shard, keys))
        }
        _ => Open::Bad(rec.file.file.clone()),
    }
}

fn check_shard(map: &Arc<Mmap>, lineage: u64, full: bool) -> Option<(Shard, Vec<u128>)> {
    let h = Header::read(map)?;
    if &h.magic != SHARD_MAGIC
        || h.version != INDEX_VERSION
        || h.fingerprint != fingerprint()
        || h.lineage != lineage
        || h.file_len != map.len() as u64
    {
        return None;
    }
    let members = h.count as usize;
    let n = usize::try_from(h.n).ok()?;
    let keys_at = HEADER;
    let starts_at = keys_at + members * 16;
    let starts_len = pad8((members + 1) * 4);
    let ids_at = starts_at + starts_len;
    let sa_at = ids_at.checked_add(n.checked_mul(4)?)?;
    let samples_at = sa_at.checked_add(n * 4)?;
    let n_samples = n.div_ceil(super::index::SAMPLE) * super::index::SAMPLE_WORDS;
    let end = samples_at + pad8(n_samples * 4);
    if end != map.len() {
        return None;
    }
    if meta_sum(
        &map[..HEADER],
        &[&map[keys_at..starts_at], &map[starts_at..ids_at]],
    ) != h.meta_sum
    {
        return None;
    }
    if full
        && body_sum(&[
            &map[ids_at..sa_at],
            &map[sa_at..samples_at],
            &map[samples_at..end],
        ]) != h.body_sum
    {
        return None;
    }
    let keys: Vec<u128> = map[keys_at..starts_at]
        .chunks_exact(16)
        .map(|c| u128::from_le_bytes(c.try_into().expect("16 bytes")))
        .collect();
    let starts = Words::mapped(map, starts_at, members + 1)?;
    {
        let s = starts.as_slice();
        if s[0] != 0 || s[members] as usize != n || s.windows(2).any(|w| w[1] <= w[0]) {
            return None;
        }
    }
    let shard = Shard {
        ids: Words::mapped(map, ids_at, n)?,
        starts,
        suffixes: Words::mapped(map, sa_at, n)?,
        samples: Words::mapped(map, samples_at, n_samples)?,
        owners: vec![Vec::new(); members],
    };
    Some((shard, keys))
}

// ---------------------------------------------------------------------------
// Vocabulary files
//
// Header (count = number of ids, n = bytes of strings), then: order (ids 1..
// sorted by key, count - 1 u32s), offsets (count + 1 u32s), counts (count
// u32s), strings; each section padded to 8 bytes.

fn write_vocab(
    dir: &Path,
    lineage: u64,
    generation: u64,
    v: &VocabBuilder,
) -> Result<FileRecord, CacheError> {
    let count = v.keys.len();
    let mut order: Vec<u32> = (1..count as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        v.keys[a as usize]
            .as_bytes()
            .cmp(v.keys[b as usize].as_bytes())
    });
    let mut offsets = Vec::with_capacity(count + 1);
    let mut strings = Vec::new();
    for k in &v.keys {
        offsets.push(strings.len() as u32);
        strings.extend_from_slice(k.as_bytes());
    }
    offsets.push(strings.len() as u32);
    let pad = |mut b: Vec<u8>| {
        b.resize(pad8(b.len()), 0);
        b
    };
    let order = pad(bytes_of(&order).to_vec());
    let offsets = pad(bytes_of(&offsets).to_vec());
    let counts = pad(bytes_of(&v.counts).to_vec());
    let strings_len = strings.len();
    let strings = pad(strings);
    let file_len = HEADER + order.len() + offsets.len() + counts.len() + strings.len();
    let mut header = Header {
        magic: *VOCAB_MAGIC,
        version: INDEX_VERSION,
        count: count as u32,
        fingerprint: fingerprint(),
        lineage,
        file_len: file_len as u64,
        n: strings_len as u64,
        meta_sum: 0,
        body_sum: body_sum(&[&order, &offsets, &counts, &strings]),
    };
    let raw = header.write();
    header.meta_sum = meta_sum(&raw, &[]);
    let raw = header.write();
    let name = format!("vocab-{lineage:016x}-{generation}.bin");
    write_atomic(dir, &name, &[&raw, &order, &offsets, &counts, &strings])
}

fn open_vocab(dir: &Path, rec: &FileRecord, lineage: u64, verify: bool) -> Open<Vocab> {
    let path = dir.join(&rec.file);
    let (map, stat) = match map_file(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Open::Missing,
        Err(e) => return Open::Bad(format!("{}: {e}", rec.file)),
    };
    let full = verify || stat != rec.stat;
    match check_vocab(&map, lineage, full) {
        Some(v) => Open::Ok(v),
        None => Open::Bad(rec.file.clone()),
    }
}

fn check_vocab(map: &Arc<Mmap>, lineage: u64, full: bool) -> Option<Vocab> {
    let h = Header::read(map)?;
    if &h.magic != VOCAB_MAGIC
        || h.version != INDEX_VERSION
        || h.fingerprint != fingerprint()
        || h.lineage != lineage
        || h.file_len != map.len() as u64
        || meta_sum(&map[..HEADER], &[]) != h.meta_sum
    {
        return None;
    }
    let count = h.count as usize;
    if count == 0 {
        return None;
    }
    let order_at = HEADER;
    let offsets_at = order_at + pad8((count - 1) * 4);
    let counts_at = offsets_at + pad8((count + 1) * 4);
    let strings_at = counts_at + pad8(count * 4);
    let strings_len = usize::try_from(h.n).ok()?;
    if strings_at.checked_add(pad8(strings_len))? != map.len() {
        return None;
    }
    if full && body_sum(&[&map[HEADER..]]) != h.body_sum {
        return None;
    }
    Some(Vocab::mapped(
        map.clone(),
        Words::mapped(map, order_at, count - 1)?,
        Words::mapped(map, offsets_at, count + 1)?,
        Words::mapped(map, counts_at, count)?,
        strings_at..strings_at + strings_len,
    ))
}

/// The vocabulary of a mapped file as a builder, to grow it.
fn vocab_builder(map: &Mmap, count: usize, strings_len: usize) -> Option<VocabBuilder> {
    let offsets_at = HEADER + pad8((count - 1) * 4);
    let counts_at = offsets_at + pad8((count + 1) * 4);
    let strings_at = counts_at + pad8(count * 4);
    let word = |at: usize, i: usize| {
        u32::from_le_bytes(map[at + i * 4..at + i * 4 + 4].try_into().expect("4 bytes")) as usize
    };
    let strings = map.get(strings_at..strings_at + strings_len)?;
    let mut v = VocabBuilder::new();
    v.counts[0] = 0;
    for id in 1..count {
        let (a, b) = (word(offsets_at, id), word(offsets_at, id + 1));
        let key = std::str::from_utf8(strings.get(a..b)?).ok()?;
        if v.intern(key) != id as u32 {
            return None;
        }
        v.counts[id] = word(counts_at, id) as u32;
    }
    Some(v)
}

// ---------------------------------------------------------------------------
// Opening

/// A source's state on disk now.
struct Current {
    size: u64,
    mtime_ns: i128,
    settings: u64,
}

fn current_state(entries: &[SourceEntry]) -> Vec<Option<Current>> {
    entries
        .iter()
        .map(|e| {
            let meta = std::fs::metadata(&e.path).ok()?;
            let stat = FileStat::of(&meta);
            Some(Current {
                size: stat.len,
                mtime_ns: stat.mtime_ns,
                settings: settings_hash(e),
            })
        })
        .collect()
}

/// Whether the catalog's record of source `e` still holds.
fn record_holds(r: &SourceRecord, e: &SourceEntry, c: &Current) -> bool {
    r.id == e.id
        && r.file == e.file
        && r.size == c.size
        && r.mtime_ns == c.mtime_ns
        && r.settings == c.settings
}

/// Maps the index a catalog describes, if every source is as recorded and
/// every file checks out.
fn open_catalog(
    dir: &Path,
    cat: &Catalog,
    entries: &[SourceEntry],
    state: &[Option<Current>],
    verify: bool,
    rejected: &mut Vec<String>,
) -> Open<Opened> {
    if cat.sources.len() != entries.len() {
        return Open::Bad(String::new());
    }
    let mut keys = Vec::with_capacity(entries.len());
    for ((r, e), c) in cat.sources.iter().zip(entries).zip(state) {
        let Some(c) = c else {
            return Open::Bad(String::new());
        };
        if !record_holds(r, e, c) {
            return Open::Bad(String::new());
        }
        let Some(content) = parse128(&r.content) else {
            return Open::Bad(String::new());
        };
        keys.push(source_key(content, c.settings));
    }
    let vocab = match open_vocab(dir, &cat.vocab, cat.lineage, verify) {
        Open::Ok(v) => v,
        Open::Missing => return Open::Missing,
        Open::Bad(f) => {
            rejected.push(f);
            return Open::Bad(String::new());
        }
    };
    let mut by_key: HashMap<u128, Vec<SourceIdx>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        by_key.entry(*k).or_default().push(SourceIdx(i as u32));
    }
    let mut shards = Vec::with_capacity(cat.shards.len());
    let mut covered = vec![false; entries.len()];
    for rec in &cat.shards {
        match open_shard(dir, rec, cat.lineage, verify) {
            Open::Ok((mut shard, members)) => {
                for (m, k) in members.iter().enumerate() {
                    if let Some(owners) = by_key.get(k) {
                        if owners.iter().any(|s| covered[s.get()]) {
                            // A source in two shards: not a catalog we wrote.
                            return Open::Bad(String::new());
                        }
                        for s in owners {
                            covered[s.get()] = true;
                        }
                        shard.owners[m] = owners.clone();
                    }
                }
                shards.push(shard);
            }
            Open::Missing => return Open::Missing,
            Open::Bad(f) => {
                rejected.push(f);
                return Open::Bad(String::new());
            }
        }
    }
    if covered.iter().any(|c| !c) {
        return Open::Bad(String::new());
    }
    let index = Index::assemble(vocab, shards, entries.len());
    Open::Ok(Opened {
        index,
        keys,
        sizes: state
            .iter()
            .map(|c| c.as_ref().map_or(0, |c| c.size))
            .collect(),
        update: Update {
            current: true,
            ..Update::default()
        },
    })
}

/// Opens the cached index of the corpus `manifest` describes, updating it
/// first if sources changed (or it is missing, damaged or foreign).
pub fn open(manifest: &Manifest, opts: &CacheOptions) -> Result<Opened, CacheError> {
    let start = Instant::now();
    let corpus = manifest
        .path
        .parent()
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()))
        .unwrap_or_default();
    let cat_path = catalog_path(&opts.dir, &corpus);
    let entries = &manifest.sources;
    let mut rejected = Vec::new();
    if !opts.rebuild {
        // Without a lock: a writer replaces files only by renaming, so a
        // missing file means the catalog just changed; read it again.
        for _ in 0..3 {
            let state = current_state(entries);
            let Some(cat) = read_catalog(&cat_path, &mut Vec::new()) else {
                break;
            };
            match open_catalog(&opts.dir, &cat, entries, &state, opts.verify, &mut rejected) {
                Open::Ok(o) => return Ok(o),
                Open::Missing => continue,
                Open::Bad(_) => break,
            }
        }
    }
    std::fs::create_dir_all(&opts.dir).map_err(|e| io_err("create", &opts.dir, e))?;
    let lock_path = opts.dir.join("lock");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| io_err("open", &lock_path, e))?;
    fs4::FileExt::lock(&lock).map_err(|e| io_err("lock", &lock_path, e))?;
    // Another process may have brought the index up to date while we
    // waited for the lock.
    let state = current_state(entries);
    let old = read_catalog(&cat_path, &mut rejected);
    if !opts.rebuild {
        if let Some(cat) = &old {
            if let Open::Ok(o) =
                open_catalog(&opts.dir, cat, entries, &state, opts.verify, &mut rejected)
            {
                return Ok(o);
            }
        }
    }
    let mut update = update(
        manifest,
        opts,
        &corpus,
        &cat_path,
        old,
        &state,
        &mut rejected,
    )?;
    drop(lock);
    // Map what was written, as any later run will.
    let cat = read_catalog(&cat_path, &mut Vec::new())
        .ok_or_else(|| CacheError::Io(format!("cannot read back {}", cat_path.display())))?;
    let state = current_state(entries);
    match open_catalog(&opts.dir, &cat, entries, &state, false, &mut Vec::new()) {
        Open::Ok(mut o) => {
            rejected.sort();
            rejected.dedup();
            rejected.retain(|r| !r.is_empty());
            update.rejected = rejected;
            update.seconds = start.elapsed().as_secs_f64();
            o.update = update;
            Ok(o)
        }
        _ => Err(CacheError::Io(format!(
            "the index in {} changed while it was written (a source changed during indexing?)",
            opts.dir.display()
        ))),
    }
}

/// A member to place in a new shard: its key, its ids, its bytes of text.
struct Pending {
    key: u128,
    ids: Vec<u32>,
    bytes: u64,
}

#[allow(clippy::too_many_arguments)]
fn update(
    manifest: &Manifest,
    opts: &CacheOptions,
    corpus: &Path,
    cat_path: &Path,
    old: Option<Catalog>,
    state: &[Option<Current>],
    rejected: &mut Vec<String>,
) -> Result<Update, CacheError> {
    let dir = &opts.dir;
    let entries = &manifest.sources;
    let mut up = Update::default();
    let old = if opts.rebuild { None } else { old };

    // 1. Every source's key: recorded, or read and hashed.
    let recorded: HashMap<(&str, &str), &SourceRecord> = old
        .iter()
        .flat_map(|c| &c.sources)
        .map(|r| ((r.id.as_str(), r.file.as_str()), r))
        .collect();
    let mut records = Vec::with_capacity(entries.len());
    let mut keys = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let c = state[i].as_ref();
        let rec = recorded.get(&(e.id.as_str(), e.file.as_str()));
        let (content, size, mtime_ns) = match (rec, c) {
            (Some(r), Some(c)) if record_holds(r, e, c) && parse128(&r.content).is_some() => {
                (parse128(&r.content).expect("checked"), c.size, c.mtime_ns)
            }
            _ => {
                let meta = std::fs::metadata(&e.path).ok();
                let (bytes, text) = super::read_source(manifest, e)?;
                up.hashed += 1;
                let content = xxh3_128(text.as_bytes());
                let stat = meta.as_ref().map(FileStat::of);
                (content, bytes as u64, stat.map_or(0, |s| s.mtime_ns))
            }
        };
        let settings = settings_hash(e);
        keys.push(source_key(content, settings));
        records.push(SourceRecord {
            id: e.id.clone(),
            file: e.file.clone(),
            size,
            mtime_ns,
            settings,
            content: hex128(content),
        });
    }
    let live: HashSet<u128> = keys.iter().copied().collect();

    // 2. The vocabulary to grow, and the old shards to keep or take apart.
    let mut lineage_vocab = None;
    if let Some(cat) = &old {
        let path = dir.join(&cat.vocab.file);
        if let Ok((map, stat)) = map_file(&path) {
            if check_vocab(&map, cat.lineage, opts.verify || stat != cat.vocab.stat).is_some() {
                let h = Header::read(&map).expect("checked");
                lineage_vocab = vocab_builder(&map, h.count as usize, h.n as usize)
                    .map(|v| (cat.lineage, cat.generation, v));
            }
        }
        if lineage_vocab.is_none() {
            rejected.push(cat.vocab.file.clone());
        }
    }
    let (lineage, generation, mut vocab) = lineage_vocab.unwrap_or_else(|| {
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
            ^ (u128::from(std::process::id()) << 64);
        (xxh3_64(&seed.to_le_bytes()), 0, VocabBuilder::new())
    });
    let same_lineage = old.as_ref().is_some_and(|c| c.lineage == lineage);

    let mut kept: Vec<ShardRecord> = Vec::new();
    let mut placed: HashSet<u128> = HashSet::new();
    let mut pending: Vec<Pending> = Vec::new();
    let sizes: HashMap<u128, u64> = keys
        .iter()
        .zip(&records)
        .map(|(k, r)| (*k, r.size))
        .collect();
    let mut counts_changed = false;
    if same_lineage {
        let cat = old.as_ref().expect("same lineage");
        // Small shards are merged once there are several.
        let small = cat
            .shards
            .iter()
            .filter(|s| (s.bytes as usize) < opts.shard_bytes / 4)
            .count();
        for rec in &cat.shards {
            let (shard, members) = match open_shard(dir, rec, lineage, opts.verify) {
                Open::Ok(s) => s,
                Open::Missing => continue,
                Open::Bad(f) => {
                    rejected.push(f);
                    continue;
                }
            };
            let all_live = members
                .iter()
                .all(|k| live.contains(k) && !placed.contains(k));
            let is_small = (rec.bytes as usize) < opts.shard_bytes / 4 && small >= 2;
            if all_live && !is_small {
                placed.extend(members.iter().copied());
                kept.push(rec.clone());
                continue;
            }
            // Take it apart: live members go into new shards (their ids
            // copied, not re-read); dead ones leave the counts.
            let ids = shard.ids.as_slice();
            let starts = shard.starts.as_slice();
            for (m, k) in members.iter().enumerate() {
                let (a, b) = (starts[m] as usize, starts[m + 1] as usize - 1);
                let Some(words) = ids.get(a..b) else { continue };
                if live.contains(k) && !placed.contains(k) {
                    placed.insert(*k);
                    pending.push(Pending {
                        key: *k,
                        ids: words.to_vec(),
                        bytes: sizes.get(k).copied().unwrap_or(0),
                    });
                } else {
                    counts_changed = true;
                    for &id in words {
                        if let Some(c) = vocab.counts.get_mut(id as usize) {
                            *c = c.saturating_sub(1);
                        }
                    }
                }
            }
        }
    }
    up.shards_kept = kept.len();

    // 3. Sources whose key no shard holds: read and tokenize.
    let mut todo: Vec<usize> = Vec::new();
    let mut seen: HashSet<u128> = HashSet::new();
    for (i, k) in keys.iter().enumerate() {
        if !placed.contains(k) && seen.insert(*k) {
            todo.push(i);
        }
    }
    let total_bytes: u64 = todo.iter().map(|&i| records[i].size).sum();
    let bar = progress_bar(opts.progress, total_bytes);
    let analyze = |j: usize| -> Result<(crate::text::document::Document, usize), CacheError> {
        let i = todo[j];
        let e = &entries[i];
        let text = super::read_source(manifest, e)?.1;
        if source_key(xxh3_128(text.as_bytes()), settings_hash(e)) != keys[i] {
            return Err(CacheError::Io(format!(
                "{} changed while it was indexed; run again",
                e.path.display()
            )));
        }
        let len = text.len();
        Ok((super::source::read_document(e, &text), len))
    };
    let progress = |bytes: u64| {
        if let Some(b) = &bar {
            b.inc(bytes);
        }
    };
    let fresh = shard::tokenize_parallel(todo.len(), &analyze, &mut vocab, &progress)?;
    up.indexed = todo.len();
    up.indexed_bytes = total_bytes;
    if !todo.is_empty() {
        counts_changed = true;
    }
    for (j, ids) in fresh.into_iter().enumerate() {
        let i = todo[j];
        pending.push(Pending {
            key: keys[i],
            ids,
            bytes: records[i].size,
        });
    }

    // 4. New shards: suffix arrays on every core, each written as it is done.
    let sizes: Vec<usize> = pending.iter().map(|p| p.bytes as usize).collect();
    let groups = shard::batches(&sizes, opts.shard_bytes);
    let members: Vec<Vec<&[u32]>> = groups
        .iter()
        .map(|g| {
            pending[g.clone()]
                .iter()
                .map(|p| p.ids.as_slice())
                .collect()
        })
        .collect();
    if let Some(b) = &bar {
        b.set_message("sorting suffixes");
    }
    let written: Mutex<Vec<Option<ShardRecord>>> = Mutex::new(vec![None; groups.len()]);
    shard::build_shards_parallel::<CacheError>(&members, vocab.len(), &|k, built| {
        let g = &groups[k];
        let keys: Vec<u128> = pending[g.clone()].iter().map(|p| p.key).collect();
        let file = write_shard(dir, lineage, &keys, &built)?;
        written.lock().unwrap_or_else(|p| p.into_inner())[k] = Some(ShardRecord {
            file,
            members: keys.iter().map(|k| hex128(*k)).collect(),
            bytes: pending[g.clone()].iter().map(|p| p.bytes).sum(),
        });
        Ok(())
    })?;
    let written: Vec<ShardRecord> = written
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .flatten()
        .collect();
    up.shards_written = written.len();
    let mut shards = kept;
    shards.extend(written);

    // 5. The vocabulary (when it changed), then the catalog.
    let vocab_rec = match &old {
        Some(cat)
            if same_lineage && !counts_changed && rejected.iter().all(|r| *r != cat.vocab.file) =>
        {
            cat.vocab.clone()
        }
        _ => write_vocab(dir, lineage, generation + 1, &vocab)?,
    };
    let generation = vocab_rec
        .file
        .rsplit('-')
        .next()
        .and_then(|g| g.trim_end_matches(".bin").parse().ok())
        .unwrap_or(generation + 1);
    let cat = Catalog {
        version: INDEX_VERSION,
        fingerprint: fingerprint(),
        corpus: corpus.to_string_lossy().into_owned(),
        lineage,
        generation,
        vocab: vocab_rec,
        shards,
        sources: records,
    };
    let body = serde_json::to_string(&cat).expect("a catalog serializes");
    let text = format!(
        "{CATALOG_MAGIC} {INDEX_VERSION} {:016x}\n{body}",
        xxh3_64(body.as_bytes())
    );
    write_atomic(dir, &file_name(cat_path), &[text.as_bytes()])?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    collect_garbage(dir);
    Ok(up)
}

fn progress_bar(wanted: bool, total: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !wanted || total < 16 << 20 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "indexing {bar:30} {bytes}/{total_bytes} {bytes_per_sec} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Deletes cache files no catalog names (and temporary files left by a
/// writer that was killed, once they are an hour old). Runs under the lock.
fn collect_garbage(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<(String, PathBuf)> = Vec::new();
    let mut referenced: BTreeSet<String> = BTreeSet::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("catalog-") && name.ends_with(".json") {
            let mut ignore = Vec::new();
            match read_catalog(&e.path(), &mut ignore) {
                Some(c) => {
                    referenced.insert(c.vocab.file.clone());
                    referenced.extend(c.shards.iter().map(|s| s.file.file.clone()));
                }
                None => names.push((name, e.path())),
            }
        } else {
            names.push((name, e.path()));
        }
    }
    let hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
    for (name, path) in names {
        let stale_tmp = name.starts_with(".tmp-")
            && std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < hour_ago);
        let unreferenced = (name.starts_with("shard-")
            || name.starts_with("vocab-")
            || name.starts_with("catalog-"))
            && !referenced.contains(&name);
        if stale_tmp || unreferenced {
            let _ = std::fs::remove_file(&path);
        }
    }
}

// ---------------------------------------------------------------------------
// Stats

/// What `provlint corpus stats` shows.
#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    pub dir: String,
    pub state: String,
    pub sources: usize,
    pub source_bytes: u64,
    pub words: u64,
    pub vocabulary: u64,
    pub shards: Vec<ShardStats>,
    pub index_bytes: u64,
    pub bytes_per_source_byte: f64,
    /// Sources whose file changed since the index was built.
    pub changed: Vec<String>,
    pub problems: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ShardStats {
    pub file: String,
    pub sources: usize,
    pub source_bytes: u64,
    pub file_bytes: u64,
    pub ok: bool,
}

/// Describes the cache of the corpus `manifest` describes, without changing
/// it; `verify` checks every checksum.
pub fn stats(manifest: &Manifest, dir: &Path, verify: bool) -> Stats {
    let corpus = manifest
        .path
        .parent()
        .map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()))
        .unwrap_or_default();
    let cat_path = catalog_path(dir, &corpus);
    let mut s = Stats {
        dir: crate::paths::relative(dir).display().to_string(),
        state: String::new(),
        sources: manifest.sources.len(),
        source_bytes: 0,
        words: 0,
        vocabulary: 0,
        shards: Vec::new(),
        index_bytes: 0,
        bytes_per_source_byte: 0.0,
        changed: Vec::new(),
        problems: Vec::new(),
    };
    let state = current_state(&manifest.sources);
    s.source_bytes = state.iter().flatten().map(|c| c.size).sum();
    let Some(cat) = read_catalog(&cat_path, &mut Vec::new()) else {
        s.state = if cat_path.exists() {
            "damaged or of another version (the next run rebuilds it)".into()
        } else {
            "not built (`provlint corpus index` builds it)".into()
        };
        return s;
    };
    let recorded: HashMap<&str, &SourceRecord> =
        cat.sources.iter().map(|r| (r.id.as_str(), r)).collect();
    for (e, c) in manifest.sources.iter().zip(&state) {
        let holds = match (recorded.get(e.id.as_str()), c) {
            (Some(r), Some(c)) => record_holds(r, e, c),
            _ => false,
        };
        if !holds {
            s.changed.push(e.id.clone());
        }
    }
    let mut total = 0u64;
    let vocab_path = dir.join(&cat.vocab.file);
    match map_file(&vocab_path) {
        Ok((map, stat)) => {
            total += map.len() as u64;
            match check_vocab(&map, cat.lineage, verify || stat != cat.vocab.stat) {
                Some(v) => s.vocabulary = v.len() as u64 - 1,
                None => s.problems.push(format!("{} is damaged", cat.vocab.file)),
            }
        }
        Err(e) => s.problems.push(format!("{}: {e}", cat.vocab.file)),
    }
    for rec in &cat.shards {
        let path = dir.join(&rec.file.file);
        let (ok, len) = match map_file(&path) {
            Ok((map, stat)) => {
                let checked = check_shard(&map, cat.lineage, verify || stat != rec.file.stat);
                if let Some((shard, _)) = &checked {
                    s.words += (shard.ids.as_slice().len() - rec.members.len()) as u64;
                }
                (checked.is_some(), map.len() as u64)
            }
            Err(_) => (false, 0),
        };
        if !ok {
            s.problems
                .push(format!("{} is damaged or missing", rec.file.file));
        }
        total += len;
        s.shards.push(ShardStats {
            file: rec.file.file.clone(),
            sources: rec.members.len(),
            source_bytes: rec.bytes,
            file_bytes: len,
            ok,
        });
    }
    total += std::fs::metadata(&cat_path).map_or(0, |m| m.len());
    s.index_bytes = total;
    if s.source_bytes > 0 {
        s.bytes_per_source_byte = total as f64 / s.source_bytes as f64;
    }
    s.state = if !s.problems.is_empty() {
        "damaged (the next run rebuilds what is damaged)".into()
    } else if !s.changed.is_empty() || cat.sources.len() != manifest.sources.len() {
        "out of date (the next run updates it)".into()
    } else {
        "current".into()
    };
    s
}
