//! The corpus: the manifest, the sources' original text, and the index.

pub mod cache;
pub mod facts;
pub mod index;
pub mod keyed;
pub mod manifest;
pub mod passage;
pub mod shard;
pub mod source;

pub use cache::CacheOptions;
pub use index::{Index, WordPos};
pub use manifest::{Manifest, SourceEntry};
pub use passage::PassageText;
pub use source::{Source, SourceIdx, SourceText};

use crate::error::{Error, Result};
use crate::span::Span;
use crate::text::Format;
use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// A loaded corpus.
#[derive(Debug)]
pub struct Corpus {
    pub dir: PathBuf,
    pub sources: Vec<Source>,
    pub index: Index,
    /// Each source read into prose and tokens, on first use.
    texts: Vec<OnceLock<Arc<SourceText>>>,
    /// Data the checks derive from the whole corpus once (see
    /// [`Corpus::derived`]).
    derived: Mutex<HashMap<&'static str, Arc<dyn Any + Send + Sync>>>,
    /// Where facts derived from each source are cached, when the corpus
    /// was opened through the index cache (see [`Corpus::facts`]).
    facts: Option<facts::Store>,
    /// Tells this corpus from any other loaded in the process.
    generation: u64,
}

fn next_generation() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Corpus {
    /// Loads the corpus in `dir`: its manifest, every source file, and the
    /// index, built in memory (no cache; see [`Corpus::open`]).
    pub fn load(dir: &Path) -> Result<Corpus> {
        let manifest = Manifest::load(dir)?;
        let mut sources = Vec::with_capacity(manifest.sources.len());
        for entry in &manifest.sources {
            let (_, text) = read_source(&manifest, entry)?;
            sources.push(Source::new(entry.clone(), text));
        }
        Ok(Corpus::from_sources(dir.to_path_buf(), sources))
    }

    /// Opens the corpus in `dir` with its index from the cache (built or
    /// updated first if sources changed): no source is read until a check
    /// needs it. If the cache directory cannot be used, warns and builds the
    /// index in memory.
    pub fn open(dir: &Path, cache: &CacheOptions) -> Result<Corpus> {
        Corpus::open_reporting(dir, cache).map(|(c, _)| c)
    }

    /// [`Corpus::open`], saying what the cache did (`None` when it could not
    /// be used).
    pub fn open_reporting(
        dir: &Path,
        cache: &CacheOptions,
    ) -> Result<(Corpus, Option<cache::Update>)> {
        let manifest = Manifest::load(dir)?;
        match cache::open(&manifest, cache) {
            Ok(opened) => {
                let sources: Vec<Source> = manifest
                    .sources
                    .iter()
                    .zip(&opened.sizes)
                    .map(|(e, size)| Source::lazy(e.clone(), *size))
                    .collect();
                let texts = sources.iter().map(|_| OnceLock::new()).collect();
                let corpus = Corpus {
                    dir: dir.to_path_buf(),
                    sources,
                    index: opened.index,
                    texts,
                    derived: Mutex::new(HashMap::new()),
                    facts: Some(facts::Store::new(cache.dir.join("facts"), opened.keys)),
                    generation: next_generation(),
                };
                Ok((corpus, Some(opened.update)))
            }
            Err(cache::CacheError::Source(e)) => Err(e),
            Err(cache::CacheError::Io(msg)) => {
                eprintln!("provlint: warning: index cache not used: {msg}; indexing in memory");
                Corpus::load(dir).map(|c| (c, None))
            }
        }
    }

    /// Errors of sources that could not be read again when a check needed
    /// them (see [`Source::load_error`]).
    pub fn load_errors(&self) -> Vec<Error> {
        self.ids()
            .filter_map(|i| {
                self.source(i)
                    .load_error()
                    .map(|msg| self.source_error(i, msg.to_string()))
            })
            .collect()
    }

    /// A corpus of already-loaded sources (for tests and the language
    /// server's unsaved buffers).
    pub fn from_sources(dir: PathBuf, sources: Vec<Source>) -> Corpus {
        let index = shard::build_in_memory(&sources);
        let texts = sources.iter().map(|_| OnceLock::new()).collect();
        Corpus {
            dir,
            sources,
            index,
            texts,
            derived: Mutex::new(HashMap::new()),
            facts: None,
            generation: next_generation(),
        }
    }

    /// A number no other corpus loaded in this process has.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Data derived from the corpus by a check (the figures each source
    /// states, the names its manifest gives), built on first use and kept
    /// for the life of the corpus. `build` must be a pure function of the
    /// corpus: every caller with the same `key` gets the first value built.
    pub fn derived<T: Any + Send + Sync>(
        &self,
        key: &'static str,
        build: impl FnOnce(&Corpus) -> T,
    ) -> Arc<T> {
        let lookup = |map: &HashMap<&'static str, Arc<dyn Any + Send + Sync>>| {
            map.get(key).cloned().map(|v| {
                v.downcast::<T>()
                    .unwrap_or_else(|_| panic!("corpus data `{key}` built with another type"))
            })
        };
        if let Some(v) = lookup(&self.derived.lock().unwrap_or_else(|e| e.into_inner())) {
            return v;
        }
        // Built without holding the lock, so `build` may use other derived
        // data; if two threads race, the first value stored wins.
        let value: Arc<dyn Any + Send + Sync> = Arc::new(build(self));
        let mut map = self.derived.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(key).or_insert(value);
        lookup(&map).expect("just stored")
    }

    /// A corpus held in memory: `(id, text, format)` per source.
    pub fn from_texts(items: &[(&str, &str, Format)]) -> Corpus {
        let sources = items
            .iter()
            .map(|(id, text, format)| {
                let entry = SourceEntry {
                    id: id.to_string(),
                    file: format!("{id}.txt"),
                    path: PathBuf::from(format!("{id}.txt")),
                    title: format!("Title of {id}"),
                    authors: vec![format!("Author of {id}")],
                    publication: "Publication".into(),
                    published: "2020-01-01".into(),
                    url: None,
                    notes: None,
                    aliases: Vec::new(),
                    format: *format,
                    exclude_lines: Vec::new(),
                    errata: Default::default(),
                    span: Span::default(),
                    file_span: Span::default(),
                };
                Source::new(entry, Arc::from(*text))
            })
            .collect();
        Corpus::from_sources(PathBuf::from("."), sources)
    }

    pub fn source(&self, idx: SourceIdx) -> &Source {
        &self.sources[idx.get()]
    }

    pub fn find(&self, id: &str) -> Option<SourceIdx> {
        self.sources
            .iter()
            .position(|s| s.id() == id)
            .map(|i| SourceIdx(i as u32))
    }

    pub fn ids(&self) -> impl Iterator<Item = SourceIdx> + '_ {
        (0..self.sources.len() as u32).map(SourceIdx)
    }

    /// Source `idx` read into prose and tokens (done once, on first use).
    pub fn text(&self, idx: SourceIdx) -> Arc<SourceText> {
        self.texts[idx.get()]
            .get_or_init(|| Arc::new(self.source(idx).analyze()))
            .clone()
    }

    /// The path of a source's file as shown to users: relative to the
    /// current directory when the corpus is below it.
    pub fn display_path(&self, idx: SourceIdx) -> String {
        let path = &self.source(idx).entry.path;
        crate::paths::display_path(path)
    }

    /// An error for a source that cannot be used.
    pub fn source_error(&self, idx: SourceIdx, message: String) -> Error {
        Error::new("corpus::source", message).with_path(&self.source(idx).entry.path)
    }
}

/// Reads a source's file: its size in bytes and its text, or the error a
/// run reports (pointing at the source's entry in the manifest).
pub(crate) fn read_source(manifest: &Manifest, entry: &SourceEntry) -> Result<(usize, Arc<str>)> {
    let bytes = std::fs::read(&entry.path).map_err(|e| {
        manifest.error_at_file(
            entry,
            "manifest::missing-file",
            format!(
                "source `{}`: cannot read {}: {e}",
                entry.id,
                entry.path.display()
            ),
        )
    })?;
    let len = bytes.len();
    let text = crate::error::text_from_bytes(&entry.path, bytes, "source").map_err(|e| {
        manifest
            .error_at_file(entry, e.code, e.message.clone())
            .with_help("sources must be UTF-8 text or Markdown; convert the file, keeping a copy of the original")
    })?;
    Ok((len, text.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::key;

    fn ids(corpus: &Corpus, words: &str) -> Vec<u32> {
        words
            .split_whitespace()
            .map(|w| corpus.index.vocab().id(&key(w)).unwrap_or(u32::MAX))
            .collect()
    }

    #[test]
    fn the_index_finds_word_sequences_across_sources() {
        let corpus = Corpus::from_texts(&[
            (
                "a",
                "The workers of Chile. The workers marched.",
                Format::Text,
            ),
            (
                "b",
                "In Chile the workers   of\n\nChile rose.",
                Format::Text,
            ),
        ]);
        let hits = corpus
            .index
            .occurrences(&ids(&corpus, "the workers of chile"), 10);
        let mut found: Vec<_> = hits.iter().map(|p| (p.source.0, p.word)).collect();
        found.sort();
        assert_eq!(found, vec![(0, 0), (1, 2)]);
        assert_eq!(corpus.index.count(&ids(&corpus, "workers marched")), 1);
        assert_eq!(
            corpus.index.count(&ids(&corpus, "marched in")),
            0,
            "no match across sources"
        );
    }

    #[test]
    fn the_shipped_corpus_loads() {
        let corpus = Corpus::load(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .as_path(),
        )
        .unwrap();
        assert_eq!(corpus.sources.len(), 5);
        // Every source is byte-identical to the seed it copies.
        for s in &corpus.sources {
            let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/seeds")
                .join(&s.entry.file);
            if let Ok(orig) = std::fs::read(&seed) {
                assert_eq!(
                    orig,
                    s.text().as_bytes(),
                    "{} differs from its seed",
                    s.id()
                );
            }
        }
        // The page footer inside the wsws PDF copy is not prose.
        let wsws = corpus.find("wsws-2023").unwrap();
        let st = corpus.text(wsws);
        assert!(!st.prose().contains("afgazad"));
        assert!(st.prose().contains("The \n"));
    }
}
