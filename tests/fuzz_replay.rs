//! The fuzz targets' invariants, on the stable toolchain: every input kept
//! in `fuzz/seeds/<target>/` (the fixtures, the canary, the shipped files)
//! and `fuzz/minimized/<target>/` (the corpus the fuzz runs grew, minimized
//! with `cargo fuzz cmin`, and any input that once crashed) is run through
//! the same code as the target (`fuzz/invariants/<target>.rs`). A crash
//! found by fuzzing is kept by adding its input to `fuzz/minimized/`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// The repository's root, where the shipped corpus and examples are.
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[path = "../fuzz/invariants/baseline.rs"]
mod baseline;
#[path = "../fuzz/invariants/cache.rs"]
mod cache;
#[path = "../fuzz/invariants/common.rs"]
mod common;
#[path = "../fuzz/invariants/config.rs"]
mod config;
#[path = "../fuzz/invariants/draft.rs"]
mod draft;
#[path = "../fuzz/invariants/keyed.rs"]
mod keyed;
#[path = "../fuzz/invariants/manifest.rs"]
mod manifest;
#[path = "../fuzz/invariants/reader.rs"]
mod reader;

/// Every kept input of one target, in a stable order.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for kind in ["seeds", "minimized"] {
        let dir = Path::new(ROOT).join("fuzz").join(kind).join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        files.extend(entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

/// Runs `run` on every kept input of `target`, on every core, and names
/// each input that panics.
fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no kept inputs for the {target} target");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads);
    let mut broken: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter(|file| {
                            let data = std::fs::read(file).unwrap();
                            catch_unwind(AssertUnwindSafe(|| run(&data))).is_err()
                        })
                        .map(|file| file.display().to_string())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    broken.sort();
    assert!(
        broken.is_empty(),
        "{target}: {} of {} inputs broke an invariant:\n{}",
        broken.len(),
        files.len(),
        broken.join("\n")
    );
}

#[test]
fn baseline_inputs_hold() {
    replay("baseline", baseline::run);
}

#[test]
fn cache_inputs_hold() {
    replay("cache", cache::run);
}

#[test]
fn config_inputs_hold() {
    replay("config", config::run);
}

#[test]
fn draft_inputs_hold() {
    replay("draft", draft::run);
}

#[test]
fn keyed_inputs_hold() {
    replay("keyed", keyed::run);
}

#[test]
fn manifest_inputs_hold() {
    replay("manifest", manifest::run);
}

#[test]
fn reader_inputs_hold() {
    replay("reader", reader::run);
}

/// The replay is not vacuous: an input that breaks an invariant is named.
#[test]
fn a_broken_invariant_is_named() {
    let result = catch_unwind(|| replay("baseline", |_| panic!("broken")));
    let message = result.unwrap_err();
    let message = message.downcast_ref::<String>().unwrap();
    let n = inputs("baseline").len();
    assert!(
        message.contains(&format!("baseline: {n} of {n} inputs broke an invariant")),
        "{message}"
    );
}
