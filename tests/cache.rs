//! The index cache and the facts cache beside it: invalidation (only what changed is indexed again),
//! corruption (damaged, truncated, foreign or other-version files are
//! detected and rebuilt, never trusted), and concurrent use (processes that
//! build and read at once all answer correctly).

use provlint::config::Settings;
use provlint::corpus::cache::{CacheOptions, Update};
use provlint::corpus::{Corpus, SourceIdx};
use provlint::draft::Draft;
use provlint::text::Format;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

/// A copy of the shipped corpus (five sources) in a temporary directory,
/// with its cache directory.
struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let corpus = root.join("corpus");
        fs::create_dir(&corpus).unwrap();
        for e in fs::read_dir(SHIPPED).unwrap().flatten() {
            fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
        }
        fs::write(root.join("provlint.toml"), "corpus = \"corpus\"\n").unwrap();
        Fixture { _tmp: tmp, root }
    }

    fn corpus(&self) -> PathBuf {
        self.root.join("corpus")
    }

    fn cache(&self) -> PathBuf {
        self.root.join(".provlint-cache")
    }

    /// Options with small shards: each source of the shipped corpus gets its
    /// own.
    fn opts(&self) -> CacheOptions {
        let mut o = CacheOptions::new(self.cache());
        o.shard_bytes = 8_000;
        o
    }

    fn open(&self) -> (Corpus, Update) {
        let (c, u) = Corpus::open_reporting(&self.corpus(), &self.opts()).unwrap();
        (c, u.expect("the cache is usable"))
    }

    fn files(&self, prefix: &str) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = fs::read_dir(self.cache())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .collect();
        v.sort();
        v
    }

    fn source_file(&self, n: usize) -> PathBuf {
        let mut v: Vec<PathBuf> = fs::read_dir(self.corpus())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        v.sort();
        v[n].clone()
    }
}

/// What checking the sample draft against `corpus` reports, as JSON.
fn check(corpus: &Corpus) -> String {
    let draft_path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/draft.md");
    let text = fs::read_to_string(draft_path).unwrap();
    let draft = Draft::new("draft.md", text.as_str(), Format::Markdown);
    let settings = Settings::defaults(Path::new("."));
    let report = provlint::checks::check(&draft, corpus, &settings);
    provlint::render::json::render(&[report], true)
}

/// Every word 3-gram of every source is found at the same places by both
/// indexes, and the sample draft gets the same report.
fn assert_same(cached: &Corpus, reference: &Corpus) {
    assert_eq!(cached.sources.len(), reference.sources.len());
    for i in reference.ids() {
        assert_eq!(
            cached.index.source_len(i),
            reference.index.source_len(i),
            "words of {}",
            reference.source(i).id()
        );
        let text = reference.text(i);
        let prose = text.prose();
        let keys: Vec<String> = text
            .words
            .iter()
            .map(|&t| text.tokens[t as usize].key(prose))
            .collect();
        for start in (0..keys.len().saturating_sub(3)).step_by(97) {
            let gram = &keys[start..start + 3];
            let ids = |c: &Corpus| -> Option<Vec<u32>> {
                gram.iter().map(|k| c.index.vocab().id(k)).collect()
            };
            let mut a = cached.index.occurrences(&ids(cached).unwrap(), usize::MAX);
            let mut b = reference
                .index
                .occurrences(&ids(reference).unwrap(), usize::MAX);
            a.sort();
            b.sort();
            assert_eq!(a, b, "{gram:?}");
            assert!(b.iter().any(|p| p.source == i && p.word == start as u32));
        }
    }
    assert_eq!(check(cached), check(reference));
}

fn reference(f: &Fixture) -> Corpus {
    Corpus::load(&f.corpus()).unwrap()
}

#[test]
fn a_second_run_maps_the_index_and_reads_no_source() {
    let f = Fixture::new();
    let (first, u) = f.open();
    assert!(!u.current);
    assert_eq!(u.indexed, 5);
    assert_eq!(u.shards_written, 5, "one shard per source with 8 kB shards");
    assert_same(&first, &reference(&f));
    let (second, u) = f.open();
    assert!(u.current, "{u:?}");
    assert_eq!((u.hashed, u.indexed), (0, 0));
    // Nothing was read to open it: the texts are read when a check needs them.
    assert!(second.sources.iter().all(|s| s.load_error().is_none()));
    assert_same(&second, &reference(&f));
}

#[test]
fn editing_a_source_reindexes_only_its_shard() {
    let f = Fixture::new();
    f.open();
    let before: Vec<(PathBuf, std::time::SystemTime)> = f
        .files("shard-")
        .into_iter()
        .map(|p| {
            let t = fs::metadata(&p).unwrap().modified().unwrap();
            (p, t)
        })
        .collect();
    let path = f.source_file(2);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("the", "THE", 1) + "\nA sentence added at the end of it.\n",
    )
    .unwrap();
    let (corpus, u) = f.open();
    assert_eq!(u.hashed, 1, "only the changed file is read: {u:?}");
    assert_eq!(u.indexed, 1);
    assert_eq!((u.shards_written, u.shards_kept), (1, 4));
    // The four other shard files are the same files, untouched.
    let after = f.files("shard-");
    let untouched = before
        .iter()
        .filter(|(p, t)| after.contains(p) && fs::metadata(p).unwrap().modified().unwrap() == *t)
        .count();
    assert_eq!(untouched, 4);
    assert_eq!(after.len(), 5, "the old shard is deleted");
    assert_same(&corpus, &reference(&f));
}

#[test]
fn a_touched_file_is_hashed_but_not_reindexed() {
    let f = Fixture::new();
    f.open();
    let path = f.source_file(1);
    let text = fs::read(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, text).unwrap(); // same bytes, new mtime
    let (corpus, u) = f.open();
    assert_eq!((u.hashed, u.indexed, u.shards_written), (1, 0, 0), "{u:?}");
    let (_, u) = f.open();
    assert!(u.current, "the new mtime is recorded: {u:?}");
    assert_same(&corpus, &reference(&f));
}

#[test]
fn adding_and_removing_sources() {
    let f = Fixture::new();
    f.open();
    let manifest = f.corpus().join("sources.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(
        f.corpus().join("new.txt"),
        "The workers of the new source marched on the palace.\n",
    )
    .unwrap();
    fs::write(
        &manifest,
        format!("{text}\n[[source]]\nid = \"new-1\"\nfile = \"new.txt\"\ntitle = \"T\"\npublication = \"P\"\npublished = \"2020\"\n"),
    )
    .unwrap();
    let (corpus, u) = f.open();
    assert_eq!(
        (u.indexed, u.shards_written, u.shards_kept),
        (1, 1, 5),
        "{u:?}"
    );
    assert_same(&corpus, &reference(&f));
    // Remove the first source: its shard goes, nothing is re-indexed.
    let tables: Vec<&str> = text.split("\n[[source]]\n").collect();
    let without_first = format!(
        "{}\n[[source]]\n{}",
        tables[0],
        tables[2..].join("\n[[source]]\n")
    );
    fs::write(&manifest, without_first).unwrap();
    let (corpus, u) = f.open();
    assert_eq!(u.indexed, 0, "{u:?}");
    assert_eq!(corpus.sources.len(), 4);
    assert_same(&corpus, &reference(&f));
}

#[test]
fn changed_normalization_settings_reindex() {
    let f = Fixture::new();
    f.open();
    let manifest = f.corpus().join("sources.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    // An exclude_lines pattern for the source that has none (the last one).
    let edited = format!("{}exclude_lines = [\"^In the early afternoon\"]\n", text);
    fs::write(&manifest, edited).unwrap();
    let (corpus, u) = f.open();
    assert_eq!((u.indexed, u.shards_written), (1, 1), "{u:?}");
    assert_same(&corpus, &reference(&f));
}

#[test]
fn another_index_version_or_normalization_is_rebuilt() {
    let f = Fixture::new();
    f.open();
    // A catalog written by another version of provlint (valid checksum).
    let cat = f.files("catalog-").pop().unwrap();
    let text = fs::read_to_string(&cat).unwrap();
    let (_, body) = text.split_once('\n').unwrap();
    let mut v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["fingerprint"] = serde_json::json!(12345);
    let body = serde_json::to_string(&v).unwrap();
    let sum = xxhash_rust::xxh3::xxh3_64(body.as_bytes());
    fs::write(
        &cat,
        format!(
            "provlint-catalog {} {sum:016x}\n{body}",
            provlint::corpus::cache::INDEX_VERSION
        ),
    )
    .unwrap();
    let (corpus, u) = f.open();
    assert_eq!(u.indexed, 5, "{u:?}");
    assert_same(&corpus, &reference(&f));

    // A shard whose header says another index version.
    let shard = f.files("shard-").remove(0);
    let mut bytes = fs::read(&shard).unwrap();
    bytes[8] = bytes[8].wrapping_add(1);
    fs::write(&shard, bytes).unwrap();
    let (corpus, u) = f.open();
    assert_eq!(u.indexed, 1, "{u:?}");
    assert!(!u.rejected.is_empty());
    assert_same(&corpus, &reference(&f));
}

/// Damages a cache file with `damage`; the next run must notice, index the
/// damaged part again, and answer as an index built from scratch.
fn survives(prefix: &str, damage: impl Fn(&Path)) {
    let f = Fixture::new();
    f.open();
    let victim = f.files(prefix).remove(0);
    // File times tick coarsely (a jiffy, up to 10 ms on Linux): a write in
    // the same tick as the build leaves the times as recorded, and only
    // `--verify` would see it (documented in corpus/cache.rs, "Trust").
    std::thread::sleep(std::time::Duration::from_millis(25));
    damage(&victim);
    let (corpus, u) = f.open();
    assert!(!u.current, "damage to {prefix} not detected");
    assert_same(&corpus, &reference(&f));
    let (_, u) = f.open();
    assert!(u.current, "{u:?}");
}

#[test]
fn a_truncated_file_is_rebuilt() {
    let cut = |p: &Path| {
        let len = fs::metadata(p).unwrap().len();
        let f = fs::OpenOptions::new().write(true).open(p).unwrap();
        f.set_len(len / 2).unwrap();
    };
    survives("shard-", cut);
    survives("vocab-", cut);
    survives("catalog-", cut);
}

#[test]
fn flipped_bytes_are_detected_anywhere() {
    // In the suffix array (near the end), the ids (middle), the header (its
    // fields, its reserved bytes).
    for at in [0.95, 0.5, 0.01, 0.0005] {
        survives("shard-", |p| {
            let mut b = fs::read(p).unwrap();
            let i = (b.len() as f64 * at) as usize;
            b[i] ^= 0x5a;
            fs::write(p, b).unwrap();
        });
    }
    survives("vocab-", |p| {
        let mut b = fs::read(p).unwrap();
        let i = b.len() - 3;
        b[i] ^= 0x01;
        fs::write(p, b).unwrap();
    });
    survives("catalog-", |p| {
        let mut b = fs::read(p).unwrap();
        let i = b.len() / 2;
        b[i] ^= 0x20;
        fs::write(p, b).unwrap();
    });
}

#[test]
fn a_foreign_file_is_not_trusted() {
    survives("shard-", |p| {
        fs::write(p, "not an index at all\n".repeat(500)).unwrap()
    });
    survives("vocab-", |p| fs::write(p, [0u8; 4096]).unwrap());
    survives("catalog-", |p| fs::write(p, "{\"version\": 1}").unwrap());
    // A valid shard of the same cache put in place of another.
    survives("shard-", |p| {
        let dir = p.parent().unwrap();
        let other = fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|q| {
                q != p
                    && q.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("shard-")
            })
            .unwrap();
        fs::copy(other, p).unwrap();
    });
}

#[test]
fn a_removed_cache_file_is_rebuilt() {
    survives("shard-", |p| fs::remove_file(p).unwrap());
    survives("vocab-", |p| fs::remove_file(p).unwrap());
}

fn provlint(dir: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_provlint"))
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn processes_building_and_reading_at_once_all_answer_right() {
    let f = Fixture::new();
    let draft = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/draft.md");
    let expected = {
        let out = Command::new(env!("CARGO_BIN_EXE_provlint"))
            .current_dir(&f.root)
            .args(["--no-cache", "check", "--format", "json", draft])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(expected.contains("quote::mismatch"));
    // Round 1: a fresh cache, four checks and two explicit builds at once.
    // Round 2..: a source edited (and restored) between rounds while
    // checks run, so writers replace files under readers.
    let path = f.source_file(3);
    let original = fs::read_to_string(&path).unwrap();
    for round in 0..4 {
        let mut children = Vec::new();
        for k in 0..6 {
            let args: &[&str] = if k % 3 == 2 {
                &["corpus", "index"]
            } else {
                &["check", "--format", "json", draft]
            };
            children.push((k % 3 == 2, provlint(&f.root, args)));
        }
        if round > 0 {
            let text = if round % 2 == 1 {
                format!("{original}\nAn extra paragraph, round {round}.\n")
            } else {
                original.clone()
            };
            // Saved as editors do: a new file renamed over the old one.
            let tmp = path.with_extension("tmp");
            fs::write(&tmp, text).unwrap();
            fs::rename(&tmp, &path).unwrap();
        }
        for (is_index, c) in children {
            let out = c.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            if is_index {
                // A build that raced with the edit says so and leaves the
                // cache as it was.
                assert!(
                    out.status.success() || stderr.contains("changed"),
                    "round {round}: {stderr}"
                );
            } else {
                // A check that raced with the edit may say the source changed
                // under it (exit 2, with that message); otherwise it is right.
                let stdout = String::from_utf8(out.stdout).unwrap();
                if out.status.code() == Some(2) {
                    assert!(stderr.contains("changed"), "round {round}: {stderr}");
                } else {
                    assert_eq!(out.status.code(), Some(1), "round {round}: {stderr}");
                    assert_eq!(stdout, expected, "round {round}");
                }
                assert!(!stderr.contains("panicked"), "{stderr}");
            }
        }
    }
    fs::write(&path, &original).unwrap();
    let (corpus, _) = Corpus::open_reporting(&f.corpus(), &CacheOptions::new(f.cache())).unwrap();
    assert_same(&corpus, &reference(&f));
    // No temporary files left behind.
    assert!(f.files(".tmp-").is_empty());
}

#[test]
fn an_unwritable_cache_falls_back_to_memory() {
    let f = Fixture::new();
    // A file where the cache directory should be.
    fs::write(f.cache(), "in the way").unwrap();
    let (corpus, u) = Corpus::open_reporting(&f.corpus(), &f.opts()).unwrap();
    assert!(u.is_none());
    assert_same(&corpus, &reference(&f));
    let _ = SourceIdx(0);
}

// ---------------------------------------------------------------------------
// The facts cache (figures and dated claims of each source: corpus/facts.rs)

/// The files of the facts directories of kind `kind` (every kind for
/// ""): the keyed files (facts filed by quantity, noun and event) or the
/// others (one per source).
fn facts_dir_files(f: &Fixture, kind: &str, keyed: bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in fs::read_dir(f.cache().join("facts")).unwrap().flatten() {
        if dir.file_name().to_string_lossy().starts_with(kind) {
            out.extend(
                fs::read_dir(dir.path())
                    .unwrap()
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name()
                            .unwrap()
                            .to_string_lossy()
                            .starts_with("keyed-")
                            == keyed
                    }),
            );
        }
    }
    out.sort();
    out
}

/// The facts files of one kind, one per source.
fn facts_files(f: &Fixture, kind: &str) -> Vec<PathBuf> {
    facts_dir_files(f, kind, false)
}

#[test]
fn facts_are_computed_once_and_then_read() {
    let f = Fixture::new();
    let reference = Corpus::load(&f.corpus()).unwrap();
    let (corpus, _) = f.open();
    let first = check(&corpus);
    assert_eq!(corpus.facts_computed().unwrap().computed, 5);
    assert_eq!(facts_files(&f, "figures-").len(), 5);
    assert_eq!(facts_files(&f, "dates-").len(), 5);
    // The next run reads every fact from the cache.
    let (corpus, _) = f.open();
    assert_eq!(check(&corpus), first);
    assert_eq!(corpus.facts_computed().unwrap().computed, 0);
    // And the report is the one an in-memory corpus gives.
    assert_eq!(check(&reference), first);
}

#[test]
fn an_edited_source_gets_new_facts_and_only_it() {
    let f = Fixture::new();
    let (corpus, _) = f.open();
    check(&corpus);
    let path = f.source_file(4);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("3,000", "4,000")).unwrap();
    let (corpus, _) = f.open();
    let report = check(&corpus);
    let run = corpus.facts_computed().unwrap();
    assert_eq!((run.computed, run.cached), (1, 4));
    assert_eq!(report, check(&Corpus::load(&f.corpus()).unwrap()));
}

#[test]
fn damaged_facts_are_computed_again() {
    let f = Fixture::new();
    let (corpus, _) = f.open();
    let first = check(&corpus);
    let figures = facts_files(&f, "figures-");
    let dates = facts_files(&f, "dates-");
    // A flipped byte, a truncated file, a foreign file.
    let mut b = fs::read(&figures[0]).unwrap();
    let i = b.len() / 2;
    b[i] ^= 0x40;
    fs::write(&figures[0], b).unwrap();
    let b = fs::read(&dates[1]).unwrap();
    fs::write(&dates[1], &b[..b.len() / 2]).unwrap();
    fs::write(&figures[2], "not facts").unwrap();
    // The keyed files, filed from them, would be read instead.
    remove_keyed(&f);
    let (corpus, _) = f.open();
    assert_eq!(check(&corpus), first);
    assert_eq!(corpus.facts_computed().unwrap().computed, 3);
    // Replaced by good files.
    let (corpus, _) = f.open();
    assert_eq!(check(&corpus), first);
    assert_eq!(corpus.facts_computed().unwrap().computed, 0);
}

/// The keyed files of every kind.
fn keyed_files(f: &Fixture) -> Vec<PathBuf> {
    facts_dir_files(f, "", true)
}

fn remove_keyed(f: &Fixture) {
    for p in keyed_files(f) {
        fs::remove_file(p).unwrap();
    }
}

/// What checking `draft` (a Markdown file) against `corpus` reports.
fn check_file(corpus: &Corpus, draft: &Path) -> String {
    let text = fs::read_to_string(draft).unwrap();
    let name = draft.file_name().unwrap().to_string_lossy();
    let format = if name.ends_with(".txt") {
        Format::Text
    } else {
        Format::Markdown
    };
    let draft = Draft::new(name.to_string(), text.as_str(), format);
    let settings = Settings::defaults(Path::new("."));
    let report = provlint::checks::check(&draft, corpus, &settings);
    provlint::render::json::render(&[report], true)
}

#[test]
fn a_passage_read_from_a_checkpoint_has_the_words_of_the_whole_source() {
    let f = Fixture::new();
    let (corpus, _) = f.open();
    corpus.prepare_passages();
    let reference = reference(&f);
    let mut partial = 0;
    for s in reference.ids() {
        let whole = reference.text(s);
        let n = whole.words.len() as u32;
        for from in (0..n.saturating_sub(30)).step_by(457) {
            let (corpus, _) = f.open();
            let p = corpus.passage(s, from, from + 30);
            partial += usize::from(p.is_partial());
            assert!(p.as_indexed(&corpus, s));
            for w in from as usize..from as usize + 30 {
                let (a, b) = (p.word(w), whole.word(w));
                assert_eq!(a.surface(p.prose()), b.surface(whole.prose()), "word {w}");
                assert_eq!(
                    p.to_original(a.span),
                    whole.doc.prose.to_original(b.span),
                    "word {w} of {}",
                    corpus.source(s).id()
                );
            }
        }
    }
    assert!(partial > 20, "{partial} passages read from checkpoints");
}

#[test]
fn facts_read_by_key_give_the_reports_of_every_fact() {
    // A check against a cached corpus reads only the facts filed under its
    // figures' quantities and nouns, its claims' events and its credited
    // sources; one against a corpus in memory compares with every fact.
    // Every draft the tests hold must get the same report from both.
    let f = Fixture::new();
    let reference = reference(&f);
    f.open();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut drafts = vec![root.join("examples/draft.md")];
    let mut dirs = vec![root.join("fixtures"), root.join("tests/canary/texts")];
    while let Some(dir) = dirs.pop() {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "md" || x == "txt")
                && p.file_name().unwrap() != "README.md"
            {
                drafts.push(p);
            }
        }
    }
    drafts.sort();
    assert!(drafts.len() > 40, "{} drafts", drafts.len());
    let mut with_facts = 0;
    for d in &drafts {
        // Opened afresh: a corpus keeps the sources a check read whole, and
        // later checks would not read passages of them.
        let (corpus, _) = f.open();
        let cached = check_file(&corpus, d);
        assert_eq!(cached, check_file(&reference, d), "{}", d.display());
        with_facts += usize::from(cached.contains("\"figure::") || cached.contains("\"date::"));
    }
    // The comparison means something: many reports have figure and date
    // findings.
    assert!(
        with_facts >= 10,
        "{with_facts} reports with figure or date findings"
    );
    assert_eq!(
        keyed_files(&f).len(),
        2,
        "one keyed file of figures, one of dates"
    );
}

#[test]
fn a_damaged_keyed_file_is_not_trusted_and_is_rebuilt() {
    let f = Fixture::new();
    let (corpus, _) = f.open();
    let first = check(&corpus);
    let keyed = keyed_files(&f);
    assert_eq!(keyed.len(), 2);
    let original: Vec<Vec<u8>> = keyed.iter().map(|p| fs::read(p).unwrap()).collect();
    // The first: a flipped byte in every group (they follow the
    // directory), so whichever groups the check reads are damaged. The
    // second: truncated.
    let head = "provlint-keyed 1\n".len();
    let mut b = original[0].clone();
    let entries = u64::from_le_bytes(b[head..head + 8].try_into().unwrap()) as usize;
    let last = b.len() - 1;
    for i in (head + 16 + entries * 32..=last).step_by(7) {
        b[i] ^= 0x20;
    }
    fs::write(&keyed[0], b).unwrap();
    fs::write(&keyed[1], &original[1][..original[1].len() - 5]).unwrap();
    let (corpus, _) = f.open();
    assert_eq!(check(&corpus), first);
    // Found damaged and deleted, then filed again by the next check.
    let (corpus, _) = f.open();
    assert_eq!(check(&corpus), first);
    let (corpus, _) = f.open();
    assert_eq!(check(&corpus), first);
    // The same files again, byte for byte.
    assert_eq!(keyed_files(&f), keyed);
    for (p, o) in keyed.iter().zip(&original) {
        assert!(fs::read(p).unwrap() == *o, "{} rebuilt", p.display());
        let k = provlint::corpus::keyed::Keyed::open(p).expect("a good keyed file");
        assert!(!k.is_empty());
    }
}

#[test]
fn an_edited_source_gets_a_new_keyed_file_and_the_old_is_removed() {
    let f = Fixture::new();
    let (corpus, _) = f.open();
    check(&corpus);
    let before = keyed_files(&f);
    let path = f.source_file(4);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("3,000", "4,000")).unwrap();
    let (corpus, _) = f.open();
    let report = check(&corpus);
    let after = keyed_files(&f);
    assert_eq!(after.len(), 2);
    assert!(
        after.iter().all(|p| !before.contains(p)),
        "{before:?} {after:?}"
    );
    assert_eq!(report, check(&Corpus::load(&f.corpus()).unwrap()));
}

#[test]
fn another_event_catalog_keeps_its_own_facts() {
    let f = Fixture::new();
    let (corpus, _) = f.open();
    check(&corpus);
    let rules = f.root.join("rules");
    fs::create_dir(&rules).unwrap();
    fs::write(
        rules.join("events.toml"),
        "[[event]]\nid = \"sailors-arrest\"\nlabel = \"the arrest of the sailors\"\npatterns = [\"sailors were arrested\"]\n",
    )
    .unwrap();
    let catalog = provlint::events::Catalog::load(&rules).unwrap();
    let (corpus, _) = f.open();
    catalog.corpus_dates(&corpus);
    // The dated claims depend on the catalog; the figures do not.
    let run = corpus.facts_computed().unwrap();
    assert_eq!(run.computed, 5);
    assert_eq!(facts_files(&f, "dates-").len(), 10);
    assert_eq!(facts_files(&f, "figures-").len(), 5);
}
