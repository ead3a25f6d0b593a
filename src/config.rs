//! `provlint.toml`: discovery, defaults, validation with positions.
//!
//! The built-in defaults are `rules/defaults.toml`, compiled in; a
//! `provlint.toml` (found from the current directory upward, or given with
//! `--config`; none with `--isolated`) overrides any of them, and
//! `--set KEY=VALUE` overrides the file, with the same validation. Paths and
//! globs in a config file are relative to the file's directory.
//!
//! The JSON Schema of the file (`schema/provlint.schema.json`, for editor
//! completion) is generated from the structs here: [`schema`].

use crate::dates::Ymd;
use crate::diagnostic::Severity;
use crate::error::{Error, Result};
use crate::events::Catalog;
use crate::figures::quantity::Quantities;
use crate::matching::evidence::Criteria;
use crate::matching::{MatchOptions, Profile};
use crate::rules;
use crate::span::Span;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use schemars::JsonSchema;
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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

/// provlint's configuration (`provlint.toml`). Every key is optional: the
/// built-in defaults are `rules/defaults.toml`. Paths and globs are relative
/// to this file's directory.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "provlint.toml")]
struct ConfigFile {
    /// The corpus directory (with its sources.toml).
    corpus: Option<String>,
    /// The directory of rule data files.
    rules_dir: Option<String>,
    /// Where the corpus index is cached (default: `.provlint-cache` beside this file).
    cache_dir: Option<String>,
    /// Exit with code 1 when a finding at or above this severity is reported.
    #[schemars(with = "Option<FailOn>")]
    fail_on: Option<Severity>,
    /// The largest draft checked, in bytes: a larger file is refused with an error, unread, and the other drafts are checked.
    max_draft_bytes: Option<u64>,
    /// Globs of the drafts taken when a directory is checked (default: Markdown and text files by extension).
    #[schemars(with = "Option<Vec<String>>")]
    include: Option<Vec<Spanned<String>>>,
    /// Globs of files and directories never checked, even when named on the command line (a pre-commit hook names every file).
    #[schemars(with = "Option<Vec<String>>")]
    exclude: Option<Vec<Spanned<String>>>,
    /// Settings of the quotation rules.
    #[serde(default)]
    quote: QuoteFile,
    /// Settings of the figure rules.
    #[serde(default)]
    figures: FiguresFile,
    /// Settings of the copied-text rule.
    #[serde(default)]
    provenance: ProvenanceFile,
    /// Each rule's level: "error", "warning", "info" or "off".
    #[serde(default)]
    #[schemars(schema_with = "rules_schema")]
    rules: BTreeMap<Spanned<String>, Level>,
    /// Settings for some drafts only: each table whose `files` globs match a draft applies over the rest, in order.
    #[serde(default)]
    overrides: Vec<OverrideFile>,
}

/// Settings for the drafts that match `files`.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    /// Globs of the drafts these settings apply to.
    #[schemars(with = "Vec<String>")]
    files: Vec<Spanned<String>>,
    /// Settings of the quotation rules for these drafts.
    #[serde(default)]
    quote: QuoteFile,
    /// Rule levels for these drafts.
    #[serde(default)]
    #[schemars(schema_with = "rules_schema")]
    rules: BTreeMap<Spanned<String>, Level>,
}

/// A severity a run fails at.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum FailOn {
    Info,
    Warning,
    Error,
}

/// A quotation profile (see `provlint explain verbatim`).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum ProfileName {
    /// The first letter's case may change; obvious slips in a source may be corrected, and British or American spelling changed, silently.
    Chicago,
    /// No change of the first letter's case, no silent corrections.
    Strict,
}

/// Settings of the figure rules (`provlint explain figures`).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct FiguresFile {
    /// Counts below this are everyday numbers ("two days later"), not figures.
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    min_count: Option<Spanned<f64>>,
}

/// Settings of the copied-text rule (`provlint explain provenance::unquoted`).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ProvenanceFile {
    /// The fewest consecutive source words outside quotation marks that are copied text.
    #[schemars(with = "Option<u32>", range(min = 3))]
    min_words: Option<Spanned<usize>>,
    /// A run found in this many sources or more is a stock phrase, not copied.
    #[schemars(with = "Option<u32>", range(min = 2))]
    boilerplate_sources: Option<Spanned<usize>>,
}

/// Settings of the figure checks.
#[derive(Clone, Debug, Serialize)]
pub struct FigureSettings {
    /// Counts below this are everyday numbers, not figures.
    pub min_count: f64,
}

/// Settings of the copied-text check.
#[derive(Clone, Debug, Serialize)]
pub struct ProvenanceSettings {
    /// The fewest consecutive words that make copied text.
    pub min_words: usize,
    /// A run in this many sources or more is boilerplate.
    pub boilerplate_sources: usize,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct QuoteFile {
    /// "chicago" or "strict" (see `provlint explain verbatim`).
    #[schemars(with = "Option<ProfileName>")]
    profile: Option<Profile>,
    /// Quotations shorter than this many words are scare quotes or terms, not checked.
    #[schemars(with = "Option<u32>", range(min = 1))]
    min_words: Option<Spanned<usize>>,
    /// The most passages as like a quotation that chance may give in a corpus of this size for the closest one to count as its source, misquoted (an E-value; see `provlint explain quote::mismatch`).
    #[schemars(with = "Option<f64>", range(min = 0.0))]
    chance_matches: Option<Spanned<f64>>,
    /// Replaced by `chance_matches`: read only to say so.
    #[schemars(skip)]
    mismatch_threshold: Option<Spanned<toml::Value>>,
    /// The most source words one ellipsis may stand for.
    max_elision_words: Option<u32>,
    /// The most source words one [bracketed insertion] may stand for.
    max_insertion_words: Option<u32>,
    /// Check Markdown blockquotes as quotations.
    blockquotes: Option<bool>,
}

/// The `[rules]` table: every known rule, with its summary, and no others.
fn rules_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let level = generator.subschema_for::<Level>();
    let mut properties = serde_json::Map::new();
    for r in rules::RULES {
        let mut s = level.clone().to_value();
        if let Some(obj) = s.as_object_mut() {
            obj.insert("description".into(), r.summary.into());
        }
        properties.insert(r.code.to_string(), s);
    }
    schemars::json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The JSON Schema of `provlint.toml`, as committed in
/// `schema/provlint.schema.json` (a test keeps the two the same).
pub fn schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<ConfigFile>().to_value();
    drop_null(&mut schema);
    serde_json::to_string_pretty(&schema).expect("the schema serializes") + "\n"
}

/// TOML has no null: an optional key is one that is left out. Removes the
/// `null` alternatives schemars gives `Option` fields.
fn drop_null(v: &mut serde_json::Value) {
    use serde_json::Value;
    if let Value::Object(map) = v {
        if let Some(Value::Array(types)) = map.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let t = types.remove(0);
                map.insert("type".into(), t);
            }
        }
        if let Some(Value::Array(any)) = map.get("anyOf") {
            let rest: Vec<Value> = any
                .iter()
                .filter(|s| s.get("type") != Some(&Value::from("null")))
                .cloned()
                .collect();
            if rest.len() == 1 {
                map.remove("anyOf");
                if let Value::Object(inner) = &rest[0] {
                    for (k, val) in inner {
                        map.entry(k.clone()).or_insert_with(|| val.clone());
                    }
                }
            }
        }
        for val in map.values_mut() {
            drop_null(val);
        }
    } else if let Value::Array(items) = v {
        items.iter_mut().for_each(drop_null);
    }
}

/// A `[[overrides]]` table, its globs compiled.
#[derive(Clone, Debug)]
pub struct Override {
    pub files: Vec<String>,
    matcher: GlobSet,
    quote: QuoteFile,
    rules: BTreeMap<String, Level>,
}

/// Settings of the quotation check.
#[derive(Clone, Debug, Serialize)]
pub struct QuoteSettings {
    pub profile: Profile,
    pub min_words: usize,
    pub chance_matches: f64,
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

    /// What makes a passage a misquoted quotation's source.
    pub fn criteria(&self) -> Criteria {
        Criteria {
            max_chance: self.chance_matches,
            ..Criteria::default()
        }
    }
}

/// The settings in force.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The config file they came from, if any.
    pub config: Option<PathBuf>,
    /// The directory paths and globs are relative to: the config file's, or
    /// the current directory.
    pub base: PathBuf,
    pub corpus: PathBuf,
    /// Globs of the drafts taken when walking a directory; empty: by extension.
    pub include: Vec<String>,
    /// Globs of paths never checked.
    pub exclude: Vec<String>,
    pub overrides: Vec<Override>,
    pub rules_dir: PathBuf,
    /// Where the corpus index is cached (`.provlint-cache` beside the config
    /// file, or in the current directory without one).
    pub cache_dir: PathBuf,
    pub fail_on: Severity,
    /// The largest draft read, in bytes (`max_draft_bytes`).
    pub max_draft_bytes: u64,
    pub quote: QuoteSettings,
    pub figures: FigureSettings,
    pub provenance: ProvenanceSettings,
    /// Every rule's level.
    pub rules: BTreeMap<String, Level>,
    /// The date drafts are read on, for `date::anniversary` (`check
    /// --as-of`); a draft's own front matter `date` comes first, today last.
    pub as_of: Option<Ymd>,
    /// The event catalog: the built-in one, extended by
    /// `rules_dir/events.toml` (see `provlint explain events`).
    pub events: Arc<Catalog>,
    /// The quantity catalog: the built-in one, extended by
    /// `rules_dir/quantities.toml` (see `provlint explain quantities`).
    pub quantities: Arc<Quantities>,
}

impl Settings {
    /// The built-in defaults, with paths relative to `base`.
    pub fn defaults(base: &Path) -> Settings {
        // Placeholders: rules/defaults.toml sets every value (a test checks).
        let mut s = Settings {
            config: None,
            base: base.to_path_buf(),
            include: Vec::new(),
            exclude: Vec::new(),
            overrides: Vec::new(),
            corpus: base.join("corpus"),
            rules_dir: base.join("rules"),
            cache_dir: base.join(crate::corpus::cache::CACHE_DIR),
            fail_on: Severity::Error,
            max_draft_bytes: 0,
            quote: QuoteSettings {
                profile: Profile::Chicago,
                min_words: 0,
                chance_matches: 0.0,
                max_elision_words: 0,
                max_insertion_words: 0,
                blockquotes: false,
            },
            figures: FigureSettings { min_count: 0.0 },
            provenance: ProvenanceSettings {
                min_words: 0,
                boilerplate_sources: 0,
            },
            rules: BTreeMap::new(),
            as_of: None,
            events: Catalog::builtin(),
            quantities: Quantities::builtin(),
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
            let mut s = Settings::defaults(cwd);
            s.events = Catalog::load(&s.rules_dir)?;
            s.quantities = Quantities::load(&s.rules_dir)?;
            return Ok(s);
        };
        // Errors name the file as the user would: relative to where they are.
        let shown = crate::paths::relative(&path);
        let text = crate::error::read_text_file(&shown, "config file")?;
        let base = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| cwd.to_path_buf());
        let mut s = Settings::defaults(&base);
        s.apply(&text, &shown, &base)?;
        s.events = Catalog::load(&s.rules_dir)?;
        s.quantities = Quantities::load(&s.rules_dir)?;
        s.config = Some(path);
        Ok(s)
    }

    /// Loads the settings for a run: `--isolated` ignores config files;
    /// `sets` are `--set KEY=VALUE` overrides, applied last.
    pub fn load_with(
        cwd: &Path,
        explicit: Option<&Path>,
        isolated: bool,
        sets: &[String],
    ) -> Result<Settings> {
        let mut s = if isolated {
            let mut s = Settings::defaults(cwd);
            s.events = Catalog::load(&s.rules_dir)?;
            s.quantities = Quantities::load(&s.rules_dir)?;
            s
        } else {
            Settings::load(cwd, explicit)?
        };
        for set in sets {
            s.set(set, cwd)?;
        }
        Ok(s)
    }

    /// Applies one `--set KEY=VALUE` (`quote.profile=strict`,
    /// `rules.quote::unverified=off`, `exclude=["old/**"]`): the value is
    /// TOML, or else a string; paths are relative to `cwd`.
    pub fn set(&mut self, assignment: &str, cwd: &Path) -> Result<()> {
        let Some((key, value)) = assignment.split_once('=') else {
            return Err(Error::new(
                "config::invalid",
                format!("--set {assignment}: expected KEY=VALUE"),
            )
            .with_help("for example `--set quote.profile=strict` or `--set rules.quote::unverified=off`; `provlint explain config` lists the keys"));
        };
        let key = key.trim();
        let value = value.trim();
        let key = match key.strip_prefix("rules.") {
            Some(code) if !code.starts_with('"') => format!("rules.\"{code}\""),
            _ => key.to_string(),
        };
        let value = if format!("v = {value}").parse::<toml::Table>().is_ok() {
            value.to_string()
        } else {
            toml::Value::String(value.to_string()).to_string()
        };
        // Paths are relative to the current directory; globs stay relative
        // to the config file's.
        let base = self.base.clone();
        let result = self.apply(&format!("{key} = {value}\n"), Path::new("--set"), cwd);
        self.base = base;
        result
    }

    /// Applies the config file `text` (read from `path`) over these settings.
    pub fn apply(&mut self, text: &str, path: &Path, base: &Path) -> Result<()> {
        let shared: Arc<str> = Arc::from(text);
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let span = e.span().map(Span::from).unwrap_or_default();
            let msg = e.message().lines().next().unwrap_or("invalid config").to_string();
            let help = match did_you_mean(&msg) {
                Some(key) => format!("did you mean `{key}`? `provlint explain config` lists every setting"),
                None => "`provlint explain config` lists every setting; `provlint config` prints the settings in force".to_string(),
            };
            Error::new("config::invalid", format!("invalid config: {msg}"))
                .with_path(path)
                .with_span(shared.clone(), span, msg)
                .with_help(help)
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
        if let Some(n) = file.max_draft_bytes {
            self.max_draft_bytes = n;
        }
        if let Some(globs) = file.include {
            compile(&globs, &at)?;
            self.include = globs.into_iter().map(Spanned::into_inner).collect();
        }
        if let Some(globs) = file.exclude {
            compile(&globs, &at)?;
            self.exclude = globs.into_iter().map(Spanned::into_inner).collect();
        }
        apply_quote(&mut self.quote, &file.quote, &at)?;
        if let Some(m) = &file.figures.min_count {
            let v = *m.get_ref();
            if !(v >= 0.0 && v.is_finite()) {
                return Err(at(
                    m.span(),
                    "config::invalid",
                    format!("figures.min_count must be a number from 0 up, not {v}"),
                    "here",
                ));
            }
            self.figures.min_count = v;
        }
        let p = &file.provenance;
        if let Some(m) = &p.min_words {
            if *m.get_ref() < 3 {
                return Err(at(
                    m.span(),
                    "config::invalid",
                    "provenance.min_words must be at least 3: shorter runs are shared by chance"
                        .into(),
                    "here",
                ));
            }
            self.provenance.min_words = *m.get_ref();
        }
        if let Some(m) = &p.boilerplate_sources {
            if *m.get_ref() < 2 {
                return Err(at(
                    m.span(),
                    "config::invalid",
                    "provenance.boilerplate_sources must be at least 2".into(),
                    "here",
                ));
            }
            self.provenance.boilerplate_sources = *m.get_ref();
        }
        self.rules = apply_rules(&self.rules, &file.rules, &at)?;
        for o in file.overrides {
            if o.files.is_empty() {
                return Err(Error::new(
                    "config::invalid",
                    "an [[overrides]] table needs `files`, the globs of the drafts it applies to",
                )
                .with_path(path)
                .with_help("for example `files = [\"interviews/**\"]`"));
            }
            let matcher = compile(&o.files, &at)?;
            // Validate now, so that applying it to a draft cannot fail.
            apply_quote(&mut self.quote.clone(), &o.quote, &at)?;
            let rules = apply_rules(&BTreeMap::new(), &o.rules, &at)?;
            self.overrides.push(Override {
                files: o.files.into_iter().map(Spanned::into_inner).collect(),
                matcher,
                quote: o.quote,
                rules,
            });
        }
        Ok(())
    }

    /// The settings for the draft at `path` (as given on the command line):
    /// these, with every matching `[[overrides]]` table applied in order.
    pub fn for_path(&self, path: &Path) -> std::borrow::Cow<'_, Settings> {
        if self.overrides.is_empty() {
            return std::borrow::Cow::Borrowed(self);
        }
        let rel = crate::paths::relative_to(&self.base, path);
        let mut s = self.clone();
        let never = |_: std::ops::Range<usize>, code: &'static str, msg: String, _: &str| {
            Error::new(code, msg)
        };
        for o in &self.overrides {
            if o.matcher.is_match(&rel) {
                apply_quote(&mut s.quote, &o.quote, &never).expect("validated when loaded");
                s.rules.extend(o.rules.iter().map(|(k, v)| (k.clone(), *v)));
            }
        }
        std::borrow::Cow::Owned(s)
    }

    /// Which files a run takes: the include and exclude globs, relative to
    /// the config's directory.
    pub fn selection(&self) -> crate::files::Selection {
        let set = |globs: &[String]| {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(glob(g).expect("validated when loaded"));
            }
            b.build().expect("validated when loaded")
        };
        crate::files::Selection {
            base: self.base.clone(),
            include: (!self.include.is_empty()).then(|| set(&self.include)),
            exclude: set(&self.exclude),
        }
    }

    /// The settings as a `provlint.toml` would write them.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            corpus: String,
            rules_dir: String,
            cache_dir: String,
            fail_on: Severity,
            max_draft_bytes: u64,
            include: &'a [String],
            exclude: &'a [String],
            quote: &'a QuoteSettings,
            figures: &'a FigureSettings,
            provenance: &'a ProvenanceSettings,
            rules: &'a BTreeMap<String, Level>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            overrides: Vec<OverrideOut<'a>>,
        }
        #[derive(Serialize)]
        struct OverrideOut<'a> {
            files: &'a [String],
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            quote: BTreeMap<&'static str, toml::Value>,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            rules: &'a BTreeMap<String, Level>,
        }
        let out = Out {
            corpus: crate::paths::relative(&self.corpus).display().to_string(),
            rules_dir: crate::paths::relative(&self.rules_dir)
                .display()
                .to_string(),
            cache_dir: crate::paths::relative(&self.cache_dir)
                .display()
                .to_string(),
            fail_on: self.fail_on,
            max_draft_bytes: self.max_draft_bytes,
            include: &self.include,
            exclude: &self.exclude,
            quote: &self.quote,
            figures: &self.figures,
            provenance: &self.provenance,
            rules: &self.rules,
            overrides: self
                .overrides
                .iter()
                .map(|o| OverrideOut {
                    files: &o.files,
                    quote: o.quote.to_values(),
                    rules: &o.rules,
                })
                .collect(),
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

type At<'a> = dyn Fn(std::ops::Range<usize>, &'static str, String, &str) -> Error + 'a;

fn glob(g: &str) -> std::result::Result<Glob, globset::Error> {
    GlobBuilder::new(g).literal_separator(true).build()
}

/// Compiles globs, or points at the one that is not a glob.
fn compile(globs: &[Spanned<String>], at: &At) -> Result<GlobSet> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let compiled = glob(g.get_ref()).map_err(|e| {
            at(
                g.span(),
                "config::invalid",
                format!("invalid glob `{}`: {}", g.get_ref(), e.kind()),
                "not a glob",
            )
            .with_help("globs are relative to the config file's directory: `*` within a directory, `**` across them, as in `drafts/**/*.md`")
        })?;
        b.add(compiled);
    }
    b.build()
        .map_err(|e| Error::new("config::invalid", format!("invalid globs: {e}")))
}

fn apply_quote(q: &mut QuoteSettings, file: &QuoteFile, at: &At) -> Result<()> {
    if let Some(p) = file.profile {
        q.profile = p;
    }
    if let Some(m) = &file.min_words {
        if *m.get_ref() == 0 {
            return Err(at(
                m.span(),
                "config::invalid",
                "quote.min_words must be at least 1".into(),
                "here",
            ));
        }
        q.min_words = *m.get_ref();
    }
    if let Some(t) = &file.mismatch_threshold {
        return Err(at(
            t.span(),
            "config::invalid",
            "quote.mismatch_threshold is no longer read: a near miss is judged by how unlikely it is by chance".into(),
            "here",
        )
        .with_help("use quote.chance_matches (default 0.01) instead, or leave it out; `provlint explain quote::mismatch` explains it"));
    }
    if let Some(t) = &file.chance_matches {
        let v = *t.get_ref();
        if !(v > 0.0 && v.is_finite()) {
            return Err(at(
                t.span(),
                "config::invalid",
                format!("quote.chance_matches must be above 0, not {v}"),
                "here",
            ));
        }
        q.chance_matches = v;
    }
    if let Some(v) = file.max_elision_words {
        q.max_elision_words = v;
    }
    if let Some(v) = file.max_insertion_words {
        q.max_insertion_words = v;
    }
    if let Some(v) = file.blockquotes {
        q.blockquotes = v;
    }
    Ok(())
}

impl QuoteFile {
    /// The keys it sets, for `provlint config`.
    fn to_values(&self) -> BTreeMap<&'static str, toml::Value> {
        let mut m = BTreeMap::new();
        if let Some(p) = self.profile {
            m.insert(
                "profile",
                toml::Value::try_from(p).expect("a profile serializes"),
            );
        }
        if let Some(v) = &self.min_words {
            m.insert("min_words", toml::Value::Integer(*v.get_ref() as i64));
        }
        if let Some(v) = &self.chance_matches {
            m.insert("chance_matches", toml::Value::Float(*v.get_ref()));
        }
        if let Some(v) = self.max_elision_words {
            m.insert("max_elision_words", toml::Value::Integer(v.into()));
        }
        if let Some(v) = self.max_insertion_words {
            m.insert("max_insertion_words", toml::Value::Integer(v.into()));
        }
        if let Some(v) = self.blockquotes {
            m.insert("blockquotes", toml::Value::Boolean(v));
        }
        m
    }
}

/// `current` with the levels of `file` over it; unknown rules are errors.
fn apply_rules(
    current: &BTreeMap<String, Level>,
    file: &BTreeMap<Spanned<String>, Level>,
    at: &At,
) -> Result<BTreeMap<String, Level>> {
    let mut out = current.clone();
    for (code, level) in file {
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
        out.insert(code.get_ref().clone(), *level);
    }
    Ok(out)
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": the expected
/// key closest to `x`.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected")?.1;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k.to_string())
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
        assert!(f.fail_on.is_some() && f.max_draft_bytes.is_some());
        assert!(q.profile.is_some() && q.min_words.is_some() && q.chance_matches.is_some());
        assert!(
            q.max_elision_words.is_some()
                && q.max_insertion_words.is_some()
                && q.blockquotes.is_some()
        );
        assert!(f.figures.min_count.is_some());
        assert!(f.provenance.min_words.is_some() && f.provenance.boilerplate_sources.is_some());
    }

    #[test]
    fn figure_and_provenance_settings() {
        let mut s = Settings::defaults(Path::new("/base"));
        assert_eq!(s.figures.min_count, 10.0);
        assert_eq!(s.provenance.min_words, 8);
        assert_eq!(s.provenance.boilerplate_sources, 3);
        s.apply(
            "[figures]\nmin_count = 2\n[provenance]\nmin_words = 12\n",
            Path::new("p.toml"),
            Path::new("/base"),
        )
        .unwrap();
        assert_eq!(s.figures.min_count, 2.0);
        assert_eq!(s.provenance.min_words, 12);
        let err = s
            .apply(
                "[provenance]\nmin_words = 2\n",
                Path::new("p.toml"),
                Path::new("/"),
            )
            .unwrap_err();
        assert_eq!(err.position().unwrap(), "p.toml:2:13");
        let err = s
            .apply(
                "[figures]\nmin_cout = 2\n",
                Path::new("p.toml"),
                Path::new("/"),
            )
            .unwrap_err();
        assert!(err.message.contains("min_cout"), "{}", err.message);
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
    fn the_committed_schema_is_current() {
        let committed = include_str!("../schema/provlint.schema.json");
        assert!(
            committed == schema(),
            "schema/provlint.schema.json is stale: run `cargo run -- config --schema > schema/provlint.schema.json`"
        );
        // It lists every rule, and only the known keys.
        let v: serde_json::Value = serde_json::from_str(committed).unwrap();
        assert_eq!(v["additionalProperties"], false);
        for r in rules::RULES {
            assert!(
                v["properties"]["rules"]["properties"][r.code].is_object(),
                "{}",
                r.code
            );
        }
    }

    #[test]
    fn globs_overrides_set_and_did_you_mean() {
        let base = Path::new("/book");
        let mut s = Settings::defaults(base);
        s.apply(
            "exclude = [\"archive/**\"]\n[[overrides]]\nfiles = [\"interviews/**/*.md\"]\nrules = { \"quote::unverified\" = \"off\" }\nquote = { profile = \"strict\" }\n",
            Path::new("p.toml"),
            base,
        )
        .unwrap();
        let normal = s.for_path(Path::new("/book/chapters/one.md"));
        assert_eq!(
            normal.severity("quote::unverified"),
            Some(Severity::Warning)
        );
        assert_eq!(normal.quote.profile, Profile::Chicago);
        let interview = s.for_path(Path::new("/book/interviews/2023/allende.md"));
        assert_eq!(interview.severity("quote::unverified"), None);
        assert_eq!(interview.quote.profile, Profile::Strict);
        let sel = s.selection();
        assert!(sel.exclude.is_match("archive/old.md"));
        assert!(!sel.exclude.is_match("chapters/archive.md"));

        // --set: the same keys, the same validation.
        s.set("quote.profile=chicago", base).unwrap();
        s.set("rules.quote::mismatch=warning", base).unwrap();
        s.set("quote.min_words=6", base).unwrap();
        assert_eq!(s.quote.min_words, 6);
        assert_eq!(s.severity("quote::mismatch"), Some(Severity::Warning));
        let err = s.set("quote.min_word=6", base).unwrap_err();
        assert_eq!(
            err.help.as_deref().unwrap().split('?').next().unwrap(),
            "did you mean `min_words`"
        );
        assert_eq!(err.position().unwrap(), "--set:1:7");
        let err = s.set("rules.quote::mismatc=off", base).unwrap_err();
        assert_eq!(err.code, "config::unknown-rule");
        assert!(s.set("fail_on", base).is_err());

        // A bad glob points at itself.
        let err = s
            .apply("exclude = [\"a/[\"]\n", Path::new("p.toml"), base)
            .unwrap_err();
        assert_eq!(err.position().unwrap(), "p.toml:1:12");
        let err = s
            .apply("[[overrides]]\nfiles = []\n", Path::new("p.toml"), base)
            .unwrap_err();
        assert!(err.message.contains("needs `files`"));
        let err = s
            .apply("exclud = []\n", Path::new("p.toml"), base)
            .unwrap_err();
        assert!(err.help.unwrap().starts_with("did you mean `exclude`?"));
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
                "[quote]\nchance_matches = -1\n",
                Path::new("p.toml"),
                Path::new("/"),
            )
            .unwrap_err();
        assert!(err.message.contains("chance_matches"));

        // The similarity threshold it replaced says what to use instead.
        let err = s
            .apply(
                "[quote]\nmismatch_threshold = 0.6\n",
                Path::new("p.toml"),
                Path::new("/"),
            )
            .unwrap_err();
        assert!(err.message.contains("mismatch_threshold"));
        assert_eq!(err.position().unwrap(), "p.toml:2:22");
    }
}
