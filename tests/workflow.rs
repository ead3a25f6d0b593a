//! The workflow end to end, with the binary in temporary directories:
//! baselines, fixes, `--diff-base`, include/exclude globs and per-path
//! overrides, and bad input that never loses the run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn provlint(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_provlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("provlint runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    eprintln!(
        "$ provlint {}\n{}{}",
        args.join(" "),
        run.stdout,
        run.stderr
    );
    run
}

/// A temporary book: the shipped corpus, a provlint.toml, and `files`.
fn book(config: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for e in std::fs::read_dir(repo().join("corpus")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    std::fs::write(
        dir.path().join("provlint.toml"),
        format!("corpus = \"corpus\"\n{config}"),
    )
    .unwrap();
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const MISQUOTE: &str = "Flakin: \"the Chilean Army began bombing La Moneda, the presidential palace in the center of Santiago.\"\n";
const UNVERIFIED: &str = "A historian: \"the junta was welcomed by every sector of Chilean society without exception.\"\n";
const CLEAN: &str = "Nixon wanted \"to make the economy scream\".\n";

#[test]
fn a_baseline_hides_findings_by_content_and_reports_stale_entries() {
    let draft = format!("# Draft\n\n{MISQUOTE}\n{UNVERIFIED}");
    let dir = book("", &[("draft.md", &draft)]);
    let d = dir.path();

    let r = provlint(
        d,
        &["check", "draft.md", "--write-baseline", "baseline.json"],
    );
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stderr,
        "provlint: wrote 2 baseline entries to baseline.json\n"
    );
    let baseline = std::fs::read_to_string(d.join("baseline.json")).unwrap();
    assert_eq!(baseline.lines().count(), 7, "{baseline}");
    assert!(baseline.contains("\"code\":\"quote::mismatch\""));
    assert!(baseline.contains("\"sources\":[\"flakin-2019\"]"));

    let check = |d: &Path| {
        provlint(
            d,
            &[
                "check",
                "draft.md",
                "--baseline",
                "baseline.json",
                "--format",
                "concise",
            ],
        )
    };
    let r = check(d);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));

    // Moved down and re-wrapped: still hidden.
    let moved = format!(
        "# Draft\n\nA new paragraph.\n\n{}\n{UNVERIFIED}",
        MISQUOTE.replace(" La Moneda,", "\nLa Moneda,")
    );
    write(d, "draft.md", &moved);
    let r = check(d);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));

    // Its words changed: a new finding, and the entry is stale.
    write(d, "draft.md", &moved.replace("Army", "Navy"));
    let r = check(d);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "draft.md:5:10: error[quote::mismatch] quotation does not match flakin-2019 verbatim (1 word changed, 1 word dropped)\n\
         baseline.json:4:5: warning[baseline::stale] stale baseline entry: no quote::mismatch finding in draft.md has these words and sources any more\n"
    );

    // Back as it was, but the source's passage was corrected: stale too.
    write(d, "draft.md", &draft);
    let source = d.join("corpus/004_ef56cccfc41fb295.txt");
    let text = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        text.replace(
            "the presidential palace in the center",
            "the presidential palace in the centre",
        ),
    )
    .unwrap();
    let r = check(d);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("draft.md:3:10: error[quote::mismatch]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("baseline.json:4:5: warning[baseline::stale]"),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().count(), 2);

    // Writing it again for one draft keeps the entries of others.
    write(d, "other.md", UNVERIFIED);
    let r = provlint(
        d,
        &["check", "other.md", "--write-baseline", "baseline.json"],
    );
    assert_eq!(
        r.stderr,
        "provlint: wrote 3 baseline entries to baseline.json\n"
    );
}

#[test]
fn a_bad_baseline_is_an_error_with_its_position() {
    let dir = book("", &[("draft.md", CLEAN)]);
    write(
        dir.path(),
        "baseline.json",
        "{\"version\": 1, \"entries\": [}\n",
    );
    let r = provlint(
        dir.path(),
        &["check", "draft.md", "--baseline", "baseline.json"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("baseline::invalid"), "{}", r.stderr);
    assert!(r.stderr.contains("[baseline.json:1:28]"), "{}", r.stderr);
}

#[test]
fn fix_applies_safe_fixes_and_unsafe_ones_only_on_request() {
    let draft = format!(
        "# Draft\n\n<!-- provlint-disable-next-line quote::mismatch -- stale -->\n{CLEAN}\n{MISQUOTE}"
    );
    let dir = book("", &[("draft.md", &draft)]);
    let d = dir.path();
    let r = provlint(d, &["check", "draft.md", "--fix", "--format", "concise"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr, "provlint: applied 1 fix in 1 file\n");
    // The comment's line is gone; the misquotation (an unsafe fix) is left.
    let fixed = std::fs::read_to_string(d.join("draft.md")).unwrap();
    assert_eq!(fixed, format!("# Draft\n\n{CLEAN}\n{MISQUOTE}"));
    assert_eq!(
        r.stdout,
        "draft.md:5:10: error[quote::mismatch] quotation does not match flakin-2019 verbatim (1 word changed, 1 word dropped)\n"
    );

    let r = provlint(d, &["check", "draft.md", "--diff", "--unsafe-fixes"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("-Flakin: \"the Chilean Army began"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("+Flakin: \"the Chilean Air Force began"),
        "{}",
        r.stdout
    );
    assert_eq!(std::fs::read_to_string(d.join("draft.md")).unwrap(), fixed);

    let r = provlint(d, &["check", "draft.md", "--fix", "--unsafe-fixes"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let fixed = std::fs::read_to_string(d.join("draft.md")).unwrap();
    assert!(fixed.contains("\"the Chilean Air Force began bombing La Moneda, the presidential palace in the center of Santiago.\""), "{fixed}");
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn diff_base_reports_only_changed_lines() {
    if Command::new("git").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "git is not installed");
        eprintln!("skipped: git is not installed");
        return;
    }
    let old = format!("# Old chapter\n\n{UNVERIFIED}\n{CLEAN}");
    let dir = book("", &[("old.md", &old)]);
    let d = dir.path();
    git(d, &["init", "-q", "."]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "old"]);
    // An old finding stays; a new paragraph and a new file are changes.
    write(d, "old.md", &format!("{old}\n{MISQUOTE}"));
    write(d, "new.md", UNVERIFIED);

    let all = provlint(d, &["check", "old.md", "new.md", "--format", "concise"]);
    assert_eq!(all.stdout.lines().count(), 3);
    let changed = provlint(
        d,
        &[
            "check",
            "old.md",
            "new.md",
            "--format",
            "concise",
            "--diff-base",
            "HEAD",
        ],
    );
    assert_eq!(
        changed.stdout,
        "old.md:7:10: error[quote::mismatch] quotation does not match flakin-2019 verbatim (1 word changed, 1 word dropped)\n\
         new.md:1:15: warning[quote::unverified] quotation not found in the corpus (5 sources searched)\n"
    );
    let changed_only = provlint(
        d,
        &[
            "check",
            "old.md",
            "new.md",
            "--format",
            "concise",
            "--changed-only",
        ],
    );
    assert_eq!(changed_only.stdout, changed.stdout);

    // Committed: nothing changed since HEAD, everything since the first commit.
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "new"]);
    let r = provlint(d, &["check", ".", "--format", "concise", "--changed-only"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let r = provlint(
        d,
        &["check", ".", "--format", "concise", "--diff-base", "HEAD~1"],
    );
    assert_eq!(
        r.stdout,
        changed
            .stdout
            .lines()
            .rev()
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );

    let r = provlint(d, &["check", ".", "--diff-base", "no-such-branch"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("git::bad-revision"), "{}", r.stderr);
}

#[test]
fn include_exclude_and_overrides() {
    let config = "exclude = [\"archive/**\"]\n\n[[overrides]]\nfiles = [\"interviews/**\"]\nrules = { \"quote::unverified\" = \"off\" }\n";
    let dir = book(
        config,
        &[
            ("archive/old.md", MISQUOTE),
            ("interviews/allende.md", UNVERIFIED),
            ("chapters/one.md", UNVERIFIED),
            ("notes/list.rst", MISQUOTE),
        ],
    );
    let d = dir.path();
    let r = provlint(d, &["check", "--format", "concise"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "chapters/one.md:1:15: warning[quote::unverified] quotation not found in the corpus (5 sources searched)\n"
    );
    // Excluded even when named, as a pre-commit hook names files; so is the corpus.
    let r = provlint(
        d,
        &[
            "check",
            "archive/old.md",
            "corpus/004_ef56cccfc41fb295.txt",
            "--format",
            "concise",
        ],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    // include replaces the extensions taken when walking.
    let r = provlint(
        d,
        &[
            "check",
            "--format",
            "concise",
            "--set",
            "include=[\"**/*.rst\"]",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .starts_with("notes/list.rst:1:10: error[quote::mismatch]"),
        "{}",
        r.stdout
    );
    // From a subdirectory, the config is found upward and its globs still
    // apply relative to it.
    let r = provlint(&d.join("interviews"), &["check", "--format", "concise"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    let r = provlint(d, &["config"]);
    assert!(
        r.stdout.contains("exclude = [\"archive/**\"]"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("[[overrides]]\nfiles = [\"interviews/**\"]"),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_input_never_loses_the_run() {
    // A 1 MB line with a misquotation at its end; a large draft; and files
    // that cannot be read: not UTF-8, binary, a dangling link.
    let filler = "Víctor Enríquez «comillas» 𝄞 ".repeat(1 << 20 >> 5);
    let long_line = format!("{filler}{}", MISQUOTE);
    let paragraph = format!("{MISQUOTE}\n{CLEAN}\n{UNVERIFIED}\n");
    let repeats = 2000;
    let large = paragraph.repeat(repeats);
    let dir = book(
        "",
        &[
            ("a-long-line.md", &long_line),
            ("b-large.md", &large),
            ("c-good.md", CLEAN),
        ],
    );
    let d = dir.path();
    std::fs::write(d.join("latin1.md"), b"Caf\xe9 \"con leche\"\n").unwrap();
    std::fs::write(d.join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("nowhere.md"), d.join("dangling.md")).unwrap();

    let r = provlint(d, &["check", ".", "--format", "concise"]);
    assert_eq!(r.code, 2, "an error happened, so exit 2");
    assert!(
        r.stderr
            .contains("latin1.md:1:4: draft is not valid UTF-8 (invalid byte at offset 3)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("image.md: draft is a binary file (NUL byte at offset 8), not text"),
        "{}",
        r.stderr
    );
    #[cfg(unix)]
    assert!(r.stderr.contains("dangling.md"), "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let col = filler.chars().count() + "Flakin: \"".chars().count() + 1;
    assert_eq!(
        lines[0],
        format!(
            "a-long-line.md:1:{col}: error[quote::mismatch] quotation does not match flakin-2019 verbatim (1 word changed, 1 word dropped)"
        )
    );
    let large_findings: Vec<_> = lines
        .iter()
        .filter(|l| l.starts_with("b-large.md:"))
        .collect();
    assert_eq!(large_findings.len(), 2 * repeats);
    assert_eq!(
        *large_findings.last().unwrap(),
        &format!(
            "b-large.md:{}:15: warning[quote::unverified] quotation not found in the corpus (5 sources searched)",
            6 * repeats - 1
        )
    );
    assert_eq!(lines.len(), 1 + 2 * repeats);
}

#[test]
fn a_config_that_does_not_parse_is_an_error_with_its_position() {
    let dir = book("[quote\nprofile = \"strict\"\n", &[("draft.md", CLEAN)]);
    let r = provlint(dir.path(), &["check", "draft.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("config::invalid"), "{}", r.stderr);
    assert!(r.stderr.contains("[provlint.toml:2:7]"), "{}", r.stderr);
}
