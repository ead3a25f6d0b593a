//! The pre-commit hook, run by the real `pre-commit` (PyPI; `.ci/run`
//! installs it): `pre-commit validate-manifest` accepts
//! `.pre-commit-hooks.yaml`, and `pre-commit try-repo` builds this
//! repository with `cargo install` (language: rust) and runs the hook in a
//! temporary git repository holding a corpus, a provlint.toml and drafts: a
//! clean draft passes, a misquoting draft fails and shows the diagnostic.
//!
//! Offline, `cargo install` takes the crates cargo already downloaded
//! (`CARGO_NET_OFFLINE=true`; building this crate's tests downloaded them).
//! Its build goes to `target/pre-commit/` so a second run is quick, and at
//! opt-level 0: this checks the hook, not the release build's speed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pre_commit() -> Option<PathBuf> {
    let candidates = [repo().join("tests/consumers/.venv/bin/pre-commit")];
    let found = candidates.iter().find(|c| c.exists()).cloned().or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join("pre-commit"))
                .find(|p| p.is_file())
        })
    });
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "pre-commit is not installed; `bash .ci/run` installs it (tests/consumers/requirements.txt)"
            );
        }
        eprintln!("skipped: pre-commit is not installed (`bash .ci/run` installs it)");
    }
    found
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "provlint test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "provlint test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .status()
        .expect("git runs")
        .success();
    assert!(ok, "git {args:?} failed");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn try_repo(pre_commit: &Path, dir: &Path, home: &Path) -> (bool, String) {
    let out: Output = Command::new(pre_commit)
        .args(["try-repo"])
        .arg(repo())
        .args(["provlint", "--all-files", "--color", "never"])
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", home)
        .env("CARGO_NET_OFFLINE", "true")
        .env("CARGO_TARGET_DIR", repo().join("target/pre-commit"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .output()
        .expect("pre-commit runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{text}");
    (out.status.success(), text)
}

#[test]
fn the_manifest_is_valid() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let ok = Command::new(&pre_commit)
        .args(["validate-manifest", ".pre-commit-hooks.yaml"])
        .current_dir(repo())
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

#[test]
fn the_hook_passes_a_clean_draft_and_fails_a_misquotation() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("book");
    let home = work.path().join("pre-commit-home");
    std::fs::create_dir_all(&dir).unwrap();
    git(&dir, &["init", "-q", "."]);
    copy_dir(&repo().join("corpus"), &dir.join("corpus"));
    std::fs::write(dir.join("provlint.toml"), "corpus = \"corpus\"\n").unwrap();
    std::fs::write(
        dir.join("chapter-1.md"),
        "# Chapter 1\n\nNixon wanted \"to make the economy scream\".\n",
    )
    .unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "a clean draft"]);

    let (ok, out) = try_repo(&pre_commit, &dir, &home);
    assert!(ok, "the clean draft should pass");
    assert!(
        out.lines()
            .any(|l| l.starts_with("provlint...") && l.ends_with("Passed")),
        "{out}"
    );

    std::fs::write(
        dir.join("chapter-2.md"),
        "# Chapter 2\n\nFlakin: \"the Chilean Army began bombing La Moneda, the presidential palace in the center of Santiago.\"\n",
    )
    .unwrap();
    git(&dir, &["add", "chapter-2.md"]);
    let (ok, out) = try_repo(&pre_commit, &dir, &home);
    assert!(!ok, "the misquotation should fail the hook");
    assert!(
        out.lines()
            .any(|l| l.starts_with("provlint...") && l.ends_with("Failed")),
        "{out}"
    );
    assert!(out.contains("quote::mismatch"), "{out}");
    assert!(out.contains("chapter-2.md:3:10"), "{out}");
    assert!(
        out.contains("the Chilean [-Air Force-]{+Army+} began bombing"),
        "{out}"
    );
    // The corpus's own files reach the hook (they are plain text) but are
    // never checked as drafts: two drafts were.
    assert!(out.contains("provlint: 1 error in 2 files"), "{out}");
}
