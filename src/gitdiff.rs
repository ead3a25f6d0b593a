//! `--diff-base REV`: which lines of a draft changed since a git revision,
//! so only findings on them are reported.

use crate::error::{Error, Result};
use std::path::Path;
use std::process::Command;

/// The lines of a file that changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// The file is new since the revision: every line.
    All,
    /// 1-based inclusive line ranges of the file as it is now.
    Lines(Vec<(usize, usize)>),
}

impl Changed {
    /// Whether any line of `first..=last` changed.
    pub fn touches(&self, first: usize, last: usize) -> bool {
        match self {
            Changed::All => true,
            Changed::Lines(ranges) => ranges.iter().any(|&(a, b)| a <= last && first <= b),
        }
    }
}

fn git(args: &[&str], dir: &Path) -> std::io::Result<std::process::Output> {
    Command::new("git").args(args).current_dir(dir).output()
}

/// Checks that `rev` names a commit, from the current directory.
pub fn verify(rev: &str) -> Result<()> {
    let out = git(
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
        Path::new("."),
    )
    .map_err(|e| {
        Error::new(
            "git::unavailable",
            format!("cannot run git for --diff-base: {e}"),
        )
        .with_help("install git, or drop --diff-base")
    })?;
    if !out.status.success() {
        return Err(Error::new(
            "git::bad-revision",
            format!("--diff-base {rev}: not a commit of the git repository here"),
        )
        .with_help(
            "give a branch, tag or commit (`origin/main`, `HEAD~3`), from inside the repository",
        ));
    }
    Ok(())
}

/// The lines of `path` (a file under the current directory) that differ
/// from `rev`, counting uncommitted changes.
pub fn changed_lines(rev: &str, path: &Path) -> Result<Changed> {
    let p = path.to_string_lossy();
    let spec = format!("{rev}:./{}", p.trim_start_matches("./"));
    let exists = git(&["cat-file", "-e", &spec], Path::new("."))
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !exists {
        return Ok(Changed::All);
    }
    let out = git(
        &["diff", "--no-color", "--no-ext-diff", "-U0", rev, "--", &p],
        Path::new("."),
    )
    .map_err(|e| Error::io(path, &e, "run git diff on"))?;
    if !out.status.success() {
        return Err(Error::new(
            "git::diff-failed",
            format!(
                "git diff {rev} -- {p} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        )
        .with_path(path));
    }
    Ok(Changed::Lines(parse_hunks(&String::from_utf8_lossy(
        &out.stdout,
    ))))
}

/// The new-side line ranges of `git diff -U0` hunk headers
/// (`@@ -a,b +c,d @@`); a hunk that only deletes adds no lines.
pub fn parse_hunks(diff: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for line in diff.lines() {
        let Some(rest) = line.strip_prefix("@@ ") else {
            continue;
        };
        let Some(new) = rest.split_whitespace().find(|w| w.starts_with('+')) else {
            continue;
        };
        let new = &new[1..];
        let (start, count) = match new.split_once(',') {
            Some((s, c)) => (s.parse::<usize>().ok(), c.parse::<usize>().ok()),
            None => (new.parse::<usize>().ok(), Some(1)),
        };
        if let (Some(start), Some(count)) = (start, count)
            && count > 0
        {
            out.push((start, start + count - 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks() {
        let diff = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +21,0 @@\n-e\n-f\n";
        assert_eq!(parse_hunks(diff), vec![(3, 3), (11, 12)]);
        let c = Changed::Lines(parse_hunks(diff));
        assert!(c.touches(12, 14));
        assert!(!c.touches(4, 10));
        assert!(Changed::All.touches(1, 1));
    }
}
