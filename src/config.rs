//! `provlint.toml`: discovery, defaults, validation with positions.
//!
//! The built-in defaults are `rules/defaults.toml`, compiled in; a
//! `provlint.toml` (found from the current directory upward, or given with
//! `--config`) overrides any of them. Paths in a config file are relative to
//! the file's directory.

use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::matching::{MatchOptions, Profile};
use crate::rules;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// The config file's name.
pub const CONFIG_FILE: &str = "provlint.toml";

/// The built-in defaults.
pub const DEFAULTS: &str = include_str!("../rules/defaults.toml");

/// A rule's level: a severity, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// A config file as written: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    corpus: Option<String>,
    rules_dir: Option<String>,
    cache_dir: Option<String>,
    fail_on: Option<Severity>,
    #[serde(default)]
    quote: QuoteFile,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Level>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteFile {
    profile: Option<Profile>,
    min_words: Option<Spanned<usize>>,
    mismatch_threshold: Option<Spanned<f64>>,
    max_elision_words: Option<u32>,
    max_insertion_words: Option<u32>,
    blockquotes: Option<bool>,
}

/// Settings of the quotation check.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteSettings {
    pub profile: Profile,
    pub min_words: usize,
    pub mismatch_threshold: f64,
    pub max_elision_words: u32,
    pub max_insertion_words: u32,
    pub blockquotes: bool,
}

impl QuoteSettings {
    pub fn match_options(&self) -> MatchOptions {
        MatchOptions {
            profile: self.profile,
            max_elision_words: self.max_elision_words,
            max_insertion_words: self.max_insertion_words,
            ..MatchOptions::default()
        }
    }
}

/// The settings in force.
#[derive(Clone, Debug, Serialize)]
pub struct Settings {
    /// The config file they came from, if any.
    pub config: Option<PathBuf>,
    pub corpus: PathBuf,
    pub rules_dir: PathBuf,
    /// Where the corpus index is cached (`.provlint-cache` beside the config
    /// file, or in the current directory without one).
    pub cache_dir: PathBuf,
    pub fail_on: Severity,
    pub quote: QuoteSettings,
    /// Every rule's level.
    pub rules: BTreeMap<String, Level>,
}

impl Settings {
    /// The built-in defaults, with paths relative to `base`.
    pub fn defaults(base: &Path) -> Settings {
        // Placeholders: rules/defaults.toml sets every value (a test checks).
        let mut s = Settings {
            config: None,
            corpus: base.join("corpus"),
            rules_dir: base.join("rules"),
            cache_dir: base.join(crate::corpus::cache::CACHE_DIR),
            fail_on: Severity::Error,
            quote: QuoteSettings {
                profile: Profile::Chicago,
                min_words: 0,
                mismatch_threshold: 0.0,
                max_elision_words: 0,
                max_insertion_words: 0,
                blockquotes: false,
            },
            rules: BTreeMap::new(),
        };
        s.apply(DEFAULTS, Path::new("rules/defaults.toml"), base)
            .expect("the built-in defaults are valid");
        s.config = None;
        s
    }

    /// Loads the settings for a run from `cwd`: the `explicit` config file,
    /// or the first `provlint.toml` found from `cwd` upward, over the
    /// defaults. Without a config file, paths are relative to `cwd`.
    pub fn load(cwd: &Path, explicit: Option<&Path>) -> Result<Settings> {
        let path = match explicit {
            Some(p) => Some(cwd.join(p)),
            None => discover(cwd),
        };
        let Some(path) = path else {
            return Ok(Settings::defaults(cwd));
        };
        // Errors name the file as the user would: relative to where they are.
        let shown = crate::files::relative(&path);
        let text = crate::error::read_text_file(&shown, "config file")?;
        let base = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| cwd.to_path_buf());
        let mut s = Settings::defaults(&base);
        s.apply(&text, &shown, &base)?;
        s.config = Some(path);
        Ok(s)
    }

    /// Applies the config file `text` (read from `path`) over these settings.
    pub fn apply(&mut self, text: &str, path: &Path, base: &Path) -> Result<()> {
        let shared: Arc<str> = Arc::from(text);
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let span = e.span().map(Span::from).unwrap_or_default();
            let msg = e.message().lines().next().unwrap_or("invalid config").to_string();
            Error::new("config::invalid", format!("invalid config: {msg}"))
                .with_path(path)
                .with_span(shared.clone(), span, msg)
                .with_help("`provlint explain config` lists every setting; `provlint config` prints the settings in force")
        })?;
        let at = |span: std::ops::Range<usize>, code: &'static str, msg: String, label: &str| {
            Error::new(code, msg)
                .with_path(path)
                .with_span(shared.clone(), Span::from(span), label)
        };
        if let Some(c) = file.corpus {
            self.corpus = base.join(c);
        }
        if let Some(r) = file.rules_dir {
            self.rules_dir = base.join(r);
        }
        if let Some(c) = file.cache_dir {
            self.cache_dir = base.join(c);
        }
        if let Some(f) = file.fail_on {
            self.fail_on = f;
        }
        let q = file.quote;
        if let Some(p) = q.profile {
            self.quote.profile = p;
        }
        if let Some(m) = q.min_words {
            if *m.get_ref() == 0 {
                return Err(at(
                    m.span(),
                    "config::invalid",
                    "quote.min_words must be at least 1".into(),
                    "here",
                ));
            }
            self.quote.min_words = m.into_inner();
        }
        if let Some(t) = q.mismatch_threshold {
            let v = *t.get_ref();
            if !(v > 0.0 && v <= 1.0) {
                return Err(at(
                    t.span(),
                    "config::invalid",
                    format!("quote.mismatch_threshold must be above 0 and at most 1, not {v}"),
                    "here",
                ));
            }
            self.quote.mismatch_threshold = v;
        }
        if let Some(v) = q.max_elision_words {
            self.quote.max_elision_words = v;
        }
        if let Some(v) = q.max_insertion_words {
            self.quote.max_insertion_words = v;
        }
        if let Some(v) = q.blockquotes {
            self.quote.blockquotes = v;
        }
        for (code, level) in file.rules {
            if rules::lookup(code.get_ref()).is_none() {
                let hint = match rules::closest(code.get_ref()) {
                    Some(c) => format!("did you mean `{c}`? `provlint explain` lists the rules"),
                    None => "`provlint explain` lists the rules".to_string(),
                };
                return Err(at(
                    code.span(),
                    "config::unknown-rule",
                    format!("unknown rule `{}`", code.get_ref()),
                    "no such rule",
                )
                .with_help(hint));
            }
            self.rules.insert(code.into_inner(), level);
        }
        Ok(())
    }

    /// The settings as a `provlint.toml` would write them.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            corpus: String,
            rules_dir: String,
            cache_dir: String,
            fail_on: Severity,
            quote: &'a QuoteSettings,
            rules: &'a BTreeMap<String, Level>,
        }
        let out = Out {
            corpus: crate::files::relative(&self.corpus).display().to_string(),
            rules_dir: crate::files::relative(&self.rules_dir)
                .display()
                .to_string(),
            cache_dir: crate::files::relative(&self.cache_dir)
                .display()
                .to_string(),
            fail_on: self.fail_on,
            quote: &self.quote,
            rules: &self.rules,
        };
        toml::to_string(&out).expect("settings serialize")
    }

    /// The severity rule `code` reports at, or `None` when it is off.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        self.rules
            .get(code)
            .copied()
            .unwrap_or(Level::Off)
            .severity()
    }
}

/// The first `provlint.toml` in `dir` or a directory above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_file_sets_every_value() {
        let f: ConfigFile = toml::from_str(DEFAULTS).unwrap();
        let q = &f.quote;
        assert!(f.fail_on.is_some());
        assert!(q.profile.is_some() && q.min_words.is_some() && q.mismatch_threshold.is_some());
        assert!(
            q.max_elision_words.is_some()
                && q.max_insertion_words.is_some()
                && q.blockquotes.is_some()
        );
    }

    #[test]
    fn every_rule_has_a_default_level() {
        let s = Settings::defaults(Path::new("."));
        for rule in rules::RULES {
            assert!(
                s.rules.contains_key(rule.code),
                "{} has no default in rules/defaults.toml",
                rule.code
            );
        }
        assert_eq!(s.rules.len(), rules::RULES.len());
        assert_eq!(s.severity("quote::mismatch"), Some(Severity::Error));
    }

    #[test]
    fn overrides_and_errors() {
        let mut s = Settings::defaults(Path::new("/base"));
        s.apply("corpus = \"c\"\n[quote]\nprofile = \"strict\"\n[rules]\n\"quote::unverified\" = \"off\"\n", Path::new("p.toml"), Path::new("/base"))
            .unwrap();
        assert_eq!(s.corpus, PathBuf::from("/base/c"));
        assert_eq!(s.quote.profile, Profile::Strict);
        assert_eq!(s.severity("quote::unverified"), None);

        let text = "[rules]\n\"quote::mismatc\" = \"off\"\n";
        let err = s
            .apply(text, Path::new("p.toml"), Path::new("/"))
            .unwrap_err();
        assert_eq!(err.code, "config::unknown-rule");
        assert!(err.help.as_deref().unwrap().contains("quote::mismatch"));
        assert_eq!(err.position().unwrap(), "p.toml:2:1");

        let err = s
            .apply(
                "[quote]\nprofil = \"strict\"\n",
                Path::new("p.toml"),
                Path::new("/"),
            )
            .unwrap_err();
        assert_eq!(err.code, "config::invalid");
        assert!(err.message.contains("profil"), "{}", err.message);
        assert_eq!(err.position().unwrap(), "p.toml:2:1");

        let err = s
            .apply(
                "[quote]\nmismatch_threshold = 1.5\n",
                Path::new("p.toml"),
                Path::new("/"),
            )
            .unwrap_err();
        assert!(err.message.contains("mismatch_threshold"));
    }
}
