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

/// Reads a draft file.
pub fn read_draft(path: &Path) -> Result<Draft> {
    let text = crate::error::read_text_file(path, "draft")?;
    Ok(Draft::from_path_and_text(
        &crate::paths::display_path(path),
        text,
    ))
}

/// Reads a draft from standard input, named `name` in reports.
pub fn read_stdin(name: &str) -> Result<Draft> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(Path::new(name), &e, "read standard input for"))?;
    let text = crate::error::text_from_bytes(Path::new(name), bytes, "input")?;
    Ok(Draft::from_path_and_text(name, text))
}
