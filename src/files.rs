//! Finding and reading drafts on disk.

use crate::draft::Draft;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Extensions of files taken as drafts when a directory is walked.
pub const DRAFT_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdown", "mkd", "mkdn", "mdx", "txt", "text",
];

/// Expands `paths` into draft files: files as given, directories walked for
/// Markdown and text files (hidden entries and `skip` directories left out),
/// in a stable order. Paths that cannot be read are returned as errors.
pub fn collect(paths: &[PathBuf], skip: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    collect_selected(paths, skip, &Selection::default())
}

/// Which files a run takes, from the config's `include` and `exclude`
/// globs (relative to `base`).
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub base: PathBuf,
    /// Files taken when walking a directory; `None`: by extension.
    pub include: Option<globset::GlobSet>,
    /// Files and directories never taken, even when named.
    pub exclude: globset::GlobSet,
}

impl Selection {
    fn excluded(&self, path: &Path) -> bool {
        !self.exclude.is_empty()
            && self
                .exclude
                .is_match(crate::paths::relative_to(&self.base, path))
    }

    fn included(&self, path: &Path) -> bool {
        match &self.include {
            Some(set) => set.is_match(crate::paths::relative_to(&self.base, path)),
            None => path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| DRAFT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())),
        }
    }
}

/// [`collect`], with the config's selection: `exclude` applies to files
/// named on the command line too (a pre-commit hook names every file), and
/// so does `skip` (the corpus: its sources are never drafts).
pub fn collect_selected(
    paths: &[PathBuf],
    skip: &[PathBuf],
    selection: &Selection,
) -> (Vec<PathBuf>, Vec<Error>) {
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &skip, selection, &mut files, &mut errors),
            Ok(_) => {
                let in_skipped = path
                    .canonicalize()
                    .is_ok_and(|c| skip.iter().any(|s| c.starts_with(s)));
                if !in_skipped && !selection.excluded(path) {
                    files.push(path.clone());
                }
            }
            Err(e) => errors.push(Error::io(path, &e, "read")),
        }
    }
    (files, errors)
}

fn walk(
    dir: &Path,
    skip: &[PathBuf],
    selection: &Selection,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<Error>,
) {
    if dir.canonicalize().is_ok_and(|c| skip.contains(&c)) || selection.excluded(dir) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Error::io(dir, &e, "read directory"));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden
            || path
                .file_name()
                .is_some_and(|n| n == "target" || n == "node_modules")
        {
            continue;
        }
        if path.is_dir() {
            walk(&path, skip, selection, files, errors);
        } else if selection.included(&path) && !selection.excluded(&path) {
            files.push(path);
        }
    }
}

/// Reads a draft file of at most `limit` bytes.
pub fn read_draft(path: &Path, limit: u64) -> Result<Draft> {
    // Asked of the file system first: a refused draft is never read.
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > limit {
            return Err(too_large(path, Some(meta.len()), limit));
        }
    }
    let text = crate::error::read_text_file(path, "draft")?;
    if text.len() as u64 > limit {
        return Err(too_large(path, Some(text.len() as u64), limit));
    }
    Ok(Draft::from_path_and_text(
        &crate::paths::display_path(path),
        text,
    ))
}

/// A draft over the size limit: what it is, and how to raise the limit.
/// `bytes`: its size, when known (standard input is read only up to the
/// limit).
fn too_large(path: &Path, bytes: Option<u64>, limit: u64) -> Error {
    let size = bytes.map_or_else(|| "more than that".to_string(), |b| format!("{b} bytes"));
    Error::new(
        "io::too-large",
        format!(
            "{}: draft is over the limit of {limit} bytes ({size}); not checked",
            path.display(),
        ),
    )
    .with_path(path)
    .with_help(
        "split the draft, or raise `max_draft_bytes` in provlint.toml (`--set max_draft_bytes=N`)",
    )
}

/// Reads a draft of at most `limit` bytes from standard input, named `name`
/// in reports.
pub fn read_stdin(name: &str, limit: u64) -> Result<Draft> {
    use std::io::Read;
    let mut bytes = Vec::new();
    // One byte more than the limit tells a draft over it, without reading
    // the rest.
    std::io::stdin()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(Path::new(name), &e, "read standard input for"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(Path::new(name), None, limit));
    }
    let text = crate::error::text_from_bytes(Path::new(name), bytes, "input")?;
    Ok(Draft::from_path_and_text(name, text))
}
