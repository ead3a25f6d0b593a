//! Paths as people read them: relative to the current directory or to a
//! base, without a leading `./`. A leaf module: the config, the cache and
//! the file walker all use it, and it uses none of them.

use std::path::{Path, PathBuf};

/// `path` relative to the current directory (`../corpus` when it is beside
/// it), so paths in reports are short and the same on every machine. Paths
/// that cannot be resolved are returned as they are.
pub fn relative(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir().and_then(|c| c.canonicalize()) else {
        return path.to_path_buf();
    };
    let Ok(target) = path.canonicalize() else {
        return path.to_path_buf();
    };
    let common = cwd
        .components()
        .zip(target.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return target;
    }
    let mut rel = PathBuf::new();
    for _ in cwd.components().skip(common) {
        rel.push("..");
    }
    for c in target.components().skip(common) {
        rel.push(c);
    }
    if rel.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        rel
    }
}

/// `path` (relative to the current directory, or absolute) relative to
/// `base`, `/`-separated, for glob matching; as given when it is not under
/// `base`.
pub fn relative_to(base: &Path, path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let lexical = normalize_lexically(&abs);
    if let Ok(rel) = lexical.strip_prefix(normalize_lexically(base)) {
        return rel.to_path_buf();
    }
    if let (Ok(a), Ok(b)) = (abs.canonicalize(), base.canonicalize())
        && let Ok(rel) = a.strip_prefix(b)
    {
        return rel.to_path_buf();
    }
    path.to_path_buf()
}

fn normalize_lexically(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path as shown to people: `./` taken off the front.
pub fn display_path(path: &Path) -> String {
    let s = path.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
