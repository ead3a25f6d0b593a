//! The corpus's facts filed by what the checks compare on (a quantity, a
//! counted noun, an event), in one memory-mapped file, so that a check
//! decodes only the facts its own figures and claims can meet instead of
//! every source's facts (see `corpus::facts` for the per-source files this
//! is built from).
//!
//! Layout (little-endian):
//!
//! ```text
//! "provlint-keyed 1\n"
//! u64 entries, u64 checksum of the directory
//! directory: entries × (u64 key hash, u64 offset, u64 length, u64 checksum),
//!            sorted by key hash
//! groups:    each postcard (key: String, items: Vec<T>), LZ4-compressed
//! ```
//!
//! Each group has its own checksum, checked when it is read: a check reads
//! a few groups, so it never pays for verifying the whole file, and a
//! damaged group is never trusted (the file is then rebuilt). The key is
//! stored in its group, so two keys with one hash are told apart.
//!
//! A file is named by what it was built from (the fingerprint of the
//! extraction and of the catalogs, and every source's content key), so it
//! never changes once written; it is written to a temporary name and
//! renamed, like every file of the cache.

use memmap2::Mmap;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

const MAGIC: &[u8] = b"provlint-keyed 1\n";
const ENTRY: usize = 32;

/// The bytes of a keyed file: mapped from disk, or in memory when the
/// cache could not be written.
#[derive(Debug)]
enum Bytes {
    Mapped(Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// A keyed file, its directory checked.
#[derive(Debug)]
pub struct Keyed {
    bytes: Bytes,
    /// Number of directory entries.
    entries: usize,
}

fn key_hash(key: &str) -> u64 {
    xxh3_64(key.as_bytes())
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Encodes `groups` (key → items) as a keyed file.
pub fn encode<T: Serialize>(groups: &BTreeMap<String, Vec<T>>) -> Option<Vec<u8>> {
    let mut bodies: Vec<(u64, Vec<u8>)> = Vec::with_capacity(groups.len());
    for (key, items) in groups {
        let body = postcard::to_allocvec(&(key, items)).ok()?;
        bodies.push((key_hash(key), lz4_flex::compress_prepend_size(&body)));
    }
    bodies.sort_by_key(|(h, _)| *h);
    let head = MAGIC.len() + 16;
    let dir_len = bodies.len() * ENTRY;
    let mut dir = Vec::with_capacity(dir_len);
    let mut offset = (head + dir_len) as u64;
    for (h, body) in &bodies {
        for v in [h, &offset, &(body.len() as u64), &xxh3_64(body)] {
            dir.extend_from_slice(&v.to_le_bytes());
        }
        offset += body.len() as u64;
    }
    let mut out = Vec::with_capacity(offset as usize);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(bodies.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxh3_64(&dir).to_le_bytes());
    out.extend_from_slice(&dir);
    for (_, body) in &bodies {
        out.extend_from_slice(body);
    }
    Some(out)
}

impl Keyed {
    /// The keyed file at `path`, if it is one and its directory is intact.
    pub fn open(path: &Path) -> Option<Keyed> {
        let file = std::fs::File::open(path).ok()?;
        // SAFETY: a keyed file is never changed once written (it is written
        // under another name and renamed into place), and every group read
        // from the map is checked against its checksum first.
        let map = unsafe { Mmap::map(&file).ok()? };
        Keyed::from_bytes(Bytes::Mapped(map))
    }

    /// A keyed file held in memory.
    pub fn in_memory(bytes: Vec<u8>) -> Option<Keyed> {
        Keyed::from_bytes(Bytes::Owned(bytes))
    }

    fn from_bytes(bytes: Bytes) -> Option<Keyed> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let entries = usize::try_from(u64_at(rest, 0)?).ok()?;
        let sum = u64_at(rest, 8)?;
        let dir = rest.get(16..16 + entries.checked_mul(ENTRY)?)?;
        if xxh3_64(dir) != sum {
            return None;
        }
        // Every group must lie inside the file.
        for e in dir.chunks_exact(ENTRY) {
            let (offset, len) = (u64_at(e, 8)?, u64_at(e, 16)?);
            if offset.checked_add(len)? > bytes.len() as u64 {
                return None;
            }
        }
        Some(Keyed { bytes, entries })
    }

    fn entry(&self, i: usize) -> (u64, usize, usize, u64) {
        let at = MAGIC.len() + 16 + i * ENTRY;
        let e = &self.bytes[at..at + ENTRY];
        let n = |k: usize| u64::from_le_bytes(e[k..k + 8].try_into().expect("8 bytes"));
        (n(0), n(8) as usize, n(16) as usize, n(24))
    }

    /// The items filed under `key` (none when there are none); `Err` when
    /// the group is damaged: the file must not be trusted any longer.
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Vec<T>, Damaged> {
        let h = key_hash(key);
        let first = super::index::partition(self.entries, |i| self.entry(i).0 < h);
        for i in first..self.entries {
            let (eh, offset, len, sum) = self.entry(i);
            if eh != h {
                break;
            }
            let body = &self.bytes[offset..offset + len];
            if xxh3_64(body) != sum {
                return Err(Damaged);
            }
            let body = lz4_flex::decompress_size_prepended(body).map_err(|_| Damaged)?;
            let (k, items): (String, Vec<T>) = postcard::from_bytes(&body).map_err(|_| Damaged)?;
            if k == key {
                return Ok(items);
            }
        }
        Ok(Vec::new())
    }

    /// The number of groups.
    pub fn len(&self) -> usize {
        self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }
}

/// A group of a keyed file failed its checksum or did not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damaged;

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BTreeMap<String, Vec<(u32, String)>> {
        let mut g = BTreeMap::new();
        g.insert("q:killed".to_string(), vec![(1, "3,000".to_string())]);
        g.insert(
            "e:coup".to_string(),
            vec![(2, "11 September".to_string()), (3, "11/9".to_string())],
        );
        for i in 0..50 {
            g.insert(format!("n:{i}"), vec![(i, format!("{i}"))]);
        }
        g
    }

    #[test]
    fn groups_come_back_by_key() {
        let k = Keyed::in_memory(encode(&sample()).unwrap()).unwrap();
        assert_eq!(k.len(), 52);
        let got: Vec<(u32, String)> = k.get("e:coup").unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1, "11/9");
        for i in 0..50 {
            let got: Vec<(u32, String)> = k.get(&format!("n:{i}")).unwrap();
            assert_eq!(got, vec![(i, format!("{i}"))]);
        }
        assert!(k.get::<(u32, String)>("absent").unwrap().is_empty());
    }

    #[test]
    fn damage_is_found_not_trusted() {
        let bytes = encode(&sample()).unwrap();
        // The directory.
        let mut bad = bytes.clone();
        bad[MAGIC.len() + 16 + 3] ^= 1;
        assert!(Keyed::in_memory(bad).is_none());
        // A group's body: its read fails, others still read.
        let mut bad = bytes.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        let k = Keyed::in_memory(bad).unwrap();
        let results: Vec<bool> = sample()
            .keys()
            .map(|key| k.get::<(u32, String)>(key).is_err())
            .collect();
        assert_eq!(results.iter().filter(|e| **e).count(), 1);
        // Truncated, foreign, empty.
        assert!(Keyed::in_memory(bytes[..bytes.len() - 1].to_vec()).is_none());
        assert!(Keyed::in_memory(b"provlint-facts 1\n".to_vec()).is_none());
        assert!(Keyed::in_memory(Vec::new()).is_none());
    }
}
