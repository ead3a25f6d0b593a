//! A damaged, truncated or foreign cache file: detected and never trusted.
//! The input picks a file of a good cache (the catalog, the vocabulary, a
//! shard or a facts file) and either replaces it with the input's bytes or
//! flips bits in it; the corpus opened through that cache must then give
//! exactly the findings the corpus indexed in memory gives, or an error —
//! never a panic, never a wrong answer.

use provlint::config::Settings;
use provlint::corpus::{CacheOptions, Corpus};
use provlint::draft::Draft;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

struct Fixture {
    corpus_dir: PathBuf,
    /// A good cache, built once.
    pristine: tempfile::TempDir,
    files: Vec<PathBuf>,
    draft: Draft,
    expected: Vec<String>,
}

fn settings() -> Settings {
    let mut s = Settings::defaults(Path::new("."));
    s.as_of = provlint::dates::Ymd::parse_iso("2026-11-21");
    s
}

fn findings(corpus: &Corpus, draft: &Draft) -> Vec<String> {
    provlint::checks::check(draft, corpus, &settings())
        .diagnostics
        .iter()
        .map(|d| format!("{:?} {} {}", d.span, d.code, d.message))
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.file_name().is_some_and(|n| n != "lock") {
            out.push(p);
        }
    }
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let root = Path::new(super::ROOT).to_path_buf();
        let corpus_dir = root.join("corpus");
        let text = std::fs::read_to_string(root.join("examples/draft.md")).unwrap();
        let draft = Draft::from_path_and_text("draft.md", text);
        let memory = Corpus::load(&corpus_dir).unwrap();
        let expected = findings(&memory, &draft);
        let pristine = tempfile::tempdir().unwrap();
        let opened = Corpus::open(
            &corpus_dir,
            &CacheOptions::new(pristine.path().to_path_buf()),
        )
        .unwrap();
        // The facts are cached by the first check.
        assert_eq!(findings(&opened, &draft), expected);
        let mut files = Vec::new();
        walk(pristine.path(), &mut files);
        Fixture {
            corpus_dir,
            pristine,
            files,
            draft,
            expected,
        }
    })
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// One input: panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let f = fixture();
    let [pick, how, rest @ ..] = data else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    copy_dir(f.pristine.path(), dir.path());
    let victim = &f.files[*pick as usize % f.files.len()];
    let target = dir
        .path()
        .join(victim.strip_prefix(f.pristine.path()).unwrap());
    let mut bytes = std::fs::read(&target).unwrap();
    if how & 1 == 1 || bytes.is_empty() {
        bytes = rest.to_vec(); // truncated, foreign, or garbage
    } else {
        // Flip bits: pairs of (position, mask).
        for pair in rest.chunks(3) {
            if let [a, b, mask] = pair {
                let at = (usize::from(*a) << 8 | usize::from(*b)) % bytes.len();
                bytes[at] ^= mask | 1;
            }
        }
    }
    std::fs::write(&target, &bytes).unwrap();
    if let Ok(corpus) = Corpus::open(&f.corpus_dir, &CacheOptions::new(dir.path().to_path_buf())) {
        assert_eq!(
            findings(&corpus, &f.draft),
            f.expected,
            "a damaged {} was trusted",
            victim.display()
        );
    }
}
