//! What every check in a workspace shares: the settings and the corpus,
//! loaded once and reloaded when the config, the manifest or a source file
//! changes.

use crate::config::{self, Settings};
use crate::corpus::{CacheOptions, Corpus, manifest::MANIFEST};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::rules;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the server looks for its settings: the workspace root, and the
/// `--config` / `--corpus` overrides (from the command line or the client's
/// `initializationOptions`).
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub root: PathBuf,
    pub config: Option<PathBuf>,
    pub corpus: Option<PathBuf>,
}

/// Settings and corpus, loaded together: a check never sees the settings of
/// one load with the corpus of another.
#[derive(Debug)]
pub struct Project {
    pub settings: Settings,
    pub corpus: Corpus,
}

impl Project {
    /// Loads the settings as the CLI does from `origin.root`, then the
    /// corpus they name, through the index cache the CLI uses (so a corpus
    /// the hook or CI indexed is mapped, not read). Slow the first time
    /// (reads and indexes every source): call it off the message loop.
    pub fn load(origin: &Origin) -> Result<Project, Error> {
        let mut settings = Settings::load(&origin.root, origin.config.as_deref())?;
        if let Some(dir) = &origin.corpus {
            settings.corpus = origin.root.join(dir);
        }
        settings.corpus = absolute(&settings.corpus);
        let cache = CacheOptions::new(absolute(&settings.cache_dir));
        let corpus = Corpus::open(&settings.corpus, &cache)?;
        Ok(Project { settings, corpus })
    }

    /// The files whose change means a reload: the config file (or where
    /// one would be found), the manifest, and the corpus directory.
    pub fn watched(&self, origin: &Origin) -> Watched {
        Watched::new(origin, Some(&self.settings))
    }
}

/// The paths a project depends on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Watched {
    pub config: PathBuf,
    pub corpus_dir: PathBuf,
}

impl Watched {
    pub fn new(origin: &Origin, settings: Option<&Settings>) -> Watched {
        let config = match (&origin.config, settings.and_then(|s| s.config.clone())) {
            (Some(c), _) => origin.root.join(c),
            (None, Some(found)) => found,
            (None, None) => origin.root.join(config::CONFIG_FILE),
        };
        let corpus_dir = match (&origin.corpus, settings) {
            (Some(c), _) => origin.root.join(c),
            (None, Some(s)) => s.corpus.clone(),
            (None, None) => origin.root.join("corpus"),
        };
        Watched {
            config: absolute(&config),
            corpus_dir: absolute(&corpus_dir),
        }
    }

    pub fn manifest(&self) -> PathBuf {
        self.corpus_dir.join(MANIFEST)
    }

    /// Whether a change to `path` means the project must be reloaded.
    pub fn affected_by(&self, path: &Path) -> bool {
        let path = absolute(path);
        path == self.config || path.starts_with(&self.corpus_dir)
    }

    /// The files to poll when the client cannot watch files for the
    /// server: the config, the manifest and the corpus directory's files.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.config.clone(), self.manifest()];
        if let Ok(entries) = std::fs::read_dir(&self.corpus_dir) {
            let mut more: Vec<PathBuf> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file() && *p != self.manifest())
                .collect();
            more.sort();
            files.extend(more);
        }
        files
    }
}

/// `path` made absolute against the current directory, `.` and `..` taken
/// out where the path exists.
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

/// An error of a config or manifest, said in one line for a message box:
/// `corpus/sources.toml:3:6: invalid corpus manifest: …`.
pub fn one_line(e: &Error) -> String {
    let place = e.position().map(|p| format!("{p}: ")).unwrap_or_default();
    let mut s = format!("{place}{}", e.message);
    if let Some((_, label)) = &e.span {
        if !label.is_empty() && !e.message.contains(label.as_str()) {
            s.push_str(&format!(" ({label})"));
        }
    }
    s
}

/// The explanation of each rule, as `provlint explain CODE` prints it, in
/// Markdown files a diagnostic's `codeDescription.href` can link to:
/// `<cache>/provlint/<version>/rules/<family>-<name>.md`, where `<cache>`
/// is `$XDG_CACHE_HOME`, `~/.cache`, or the temporary directory. Written
/// once per version; an unwritable cache just means no links.
#[derive(Clone, Debug, Default)]
pub struct RuleDocs {
    dir: Option<PathBuf>,
}

impl RuleDocs {
    pub fn write() -> RuleDocs {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
            .unwrap_or_else(std::env::temp_dir);
        let dir = base
            .join("provlint")
            .join(env!("CARGO_PKG_VERSION"))
            .join("rules");
        let write_all = || -> std::io::Result<()> {
            std::fs::create_dir_all(&dir)?;
            for rule in rules::RULES {
                let path = dir.join(file_name(rule.code));
                let text = explanation(rule);
                if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                    std::fs::write(&path, text)?;
                }
            }
            Ok(())
        };
        RuleDocs {
            dir: write_all().is_ok().then_some(dir),
        }
    }

    /// The explanation's file for rule `code`, when there is one.
    pub fn path(&self, code: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        rules::lookup(code)?;
        Some(dir.join(file_name(code)))
    }
}

fn file_name(code: &str) -> String {
    format!("{}.md", code.replace("::", "-"))
}

/// What `provlint explain CODE` prints for `rule`.
pub fn explanation(rule: &rules::Rule) -> String {
    let defaults = Settings::defaults(Path::new("."));
    let level = defaults.severity(rule.code).map_or("off", Severity::as_str);
    let mut out = format!("{}\nDefault severity: {level}\n", rule.doc.trim_end());
    if rule.code.starts_with("quote::") {
        out.push('\n');
        out.push_str(rules::VERBATIM.trim_end());
        out.push('\n');
    }
    out
}

/// The project's state in the server: the last project that loaded (kept
/// when a reload fails, so checks go on with the last good corpus), and the
/// error of the last load if it failed.
#[derive(Debug, Default)]
pub struct Loaded {
    pub project: Option<Arc<Project>>,
    pub error: Option<String>,
    /// How many loads have finished, for tests and logs.
    pub generation: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_project_loads_and_knows_what_to_watch() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let origin = Origin {
            root: root.clone(),
            ..Origin::default()
        };
        let project = Project::load(&origin).unwrap();
        assert_eq!(project.corpus.sources.len(), 5);
        let w = project.watched(&origin);
        let root = root.canonicalize().unwrap();
        assert_eq!(w.config, root.join("provlint.toml"));
        assert_eq!(w.manifest(), root.join("corpus/sources.toml"));
        assert!(w.affected_by(&root.join("corpus/sources.toml")));
        assert!(w.affected_by(&root.join("corpus/004_ef56cccfc41fb295.txt")));
        assert!(!w.affected_by(&root.join("examples/draft.md")));
        assert_eq!(w.files().len(), 2 + 5);
    }

    #[test]
    fn explanations_are_what_explain_prints() {
        let e = explanation(rules::lookup("quote::mismatch").unwrap());
        assert!(e.starts_with("# quote::mismatch\n"));
        assert!(e.contains("Default severity: error"));
        assert!(e.contains("What \"verbatim\" means"));
        assert_eq!(file_name("quote::mismatch"), "quote-mismatch.md");
    }
}
