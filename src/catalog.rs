//! What the data catalogs of `rules/` (events, quantities) share: a user's
//! file in the config's `rules_dir` extends the built-in one, and an entry
//! with a built-in id replaces it whole.

use crate::error::Result;
use std::path::{Path, PathBuf};

/// The text of the user's catalog `file` in `rules_dir`, with its path: none
/// when there is no such file, or when it is the built-in one itself (this
/// repository's own `rules/`). `what` names it in errors ("event catalog").
pub fn user_file(
    rules_dir: &Path,
    file: &str,
    builtin: &str,
    what: &str,
) -> Result<Option<(String, PathBuf)>> {
    let path = rules_dir.join(file);
    if !path.is_file() {
        return Ok(None);
    }
    let text = crate::error::read_text_file(&path, what)?;
    if text == builtin {
        return Ok(None);
    }
    Ok(Some((text, path)))
}

/// `builtin` with `user`'s entries over it: an entry with a built-in id
/// replaces it in place, a new one is added at the end.
pub fn merge_by_id<T>(mut builtin: Vec<T>, user: Vec<T>, id: impl Fn(&T) -> &str) -> Vec<T> {
    for entry in user {
        match builtin.iter().position(|b| id(b) == id(&entry)) {
            Some(i) => builtin[i] = entry,
            None => builtin.push(entry),
        }
    }
    builtin
}

/// The files a catalog was read from, for `provlint explain`: the built-in
/// one, then the user's.
pub fn files(builtin_path: &str, user: &Path) -> Vec<String> {
    vec![builtin_path.to_string(), crate::paths::display_path(user)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_entry_replaces_its_id_in_place_or_is_added() {
        let merged = merge_by_id(vec![("a", 1), ("b", 2)], vec![("b", 20), ("c", 3)], |e| e.0);
        assert_eq!(merged, vec![("a", 1), ("b", 20), ("c", 3)]);
    }

    #[test]
    fn no_user_file_or_the_built_in_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            user_file(dir.path(), "x.toml", "built", "catalog")
                .unwrap()
                .is_none()
        );
        std::fs::write(dir.path().join("x.toml"), "built").unwrap();
        assert!(
            user_file(dir.path(), "x.toml", "built", "catalog")
                .unwrap()
                .is_none()
        );
        std::fs::write(dir.path().join("x.toml"), "mine").unwrap();
        let (text, path) = user_file(dir.path(), "x.toml", "built", "catalog")
            .unwrap()
            .unwrap();
        assert_eq!((text.as_str(), path), ("mine", dir.path().join("x.toml")));
    }
}
