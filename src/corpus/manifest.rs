//! The corpus manifest, `sources.toml`: one `[[source]]` table per source.
//!
//! Parsing keeps the span of every value that can be wrong, so an error
//! points into the TOML at the offending value.

use crate::error::{Error, Result};
use crate::span::Span;
use crate::text::Format;
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// The manifest's file name inside a corpus directory.
pub const MANIFEST: &str = "sources.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Spanned<String>,
    file: Spanned<String>,
    title: String,
    #[serde(default)]
    authors: Vec<String>,
    publication: String,
    published: Spanned<toml::Value>,
    url: Option<String>,
    notes: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    format: Option<Format>,
    #[serde(default)]
    exclude_lines: Vec<Spanned<String>>,
    #[serde(default)]
    errata: std::collections::BTreeMap<String, String>,
}

/// One source as the manifest describes it, checked.
#[derive(Clone, Debug)]
pub struct SourceEntry {
    pub id: String,
    /// The `file` value as written.
    pub file: String,
    /// The file's path (the corpus directory joined with `file`).
    pub path: PathBuf,
    pub title: String,
    pub authors: Vec<String>,
    pub publication: String,
    /// ISO 8601 date, possibly reduced (`1973`, `1973-09`, `1973-09-11`).
    pub published: String,
    pub url: Option<String>,
    pub notes: Option<String>,
    pub aliases: Vec<String>,
    pub format: Format,
    /// Regular expressions for lines that are not part of the text (running
    /// headers and footers of a PDF copy).
    pub exclude_lines: Vec<regex::Regex>,
    /// Known slips in the source's text, each with its correction (keys
    /// lower-cased). The text stays as it is; in the `chicago` profile a
    /// quotation may correct these silently.
    pub errata: std::collections::BTreeMap<String, String>,
    /// Span of the `[[source]]` table in the manifest.
    pub span: Span,
    /// Span of the `file` value in the manifest.
    pub file_span: Span,
}

/// A parsed manifest.
#[derive(Clone, Debug)]
pub struct Manifest {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub sources: Vec<SourceEntry>,
}

impl Manifest {
    /// Reads `dir/sources.toml`.
    pub fn load(dir: &Path) -> Result<Manifest> {
        let path = dir.join(MANIFEST);
        if !dir.is_dir() {
            return Err(Error::new(
                "corpus::not-found",
                format!("corpus directory {} does not exist", dir.display()),
            )
            .with_path(dir)
            .with_help(
                "set `corpus` in provlint.toml or pass --corpus DIR: a folder with the source files and a sources.toml manifest",
            ));
        }
        let text = crate::error::read_text_file(&path, "corpus manifest").map_err(|e| {
            if e.code == "io::not-found" {
                e.with_help(format!(
                    "a corpus needs a manifest: create {} with one [[source]] table per source file",
                    path.display()
                ))
            } else {
                e
            }
        })?;
        Manifest::parse(dir, &path, text.into())
    }

    /// Parses manifest `text` (read from `path`) for the corpus in `dir`.
    pub fn parse(dir: &Path, path: &Path, text: Arc<str>) -> Result<Manifest> {
        let raw: RawManifest = toml::from_str(&text).map_err(|e| {
            let span = e.span().map(Span::from).unwrap_or_default();
            Error::new("manifest::invalid", format!("invalid corpus manifest: {}", first_line(e.message())))
                .with_path(path)
                .with_span(text.clone(), span, first_line(e.message()))
                .with_help(
                    "each [[source]] needs id, file, title, authors, publication and published; url, notes, aliases, format, exclude_lines and errata are optional",
                )
        })?;
        let err = |code: &'static str, msg: String, span: Span, label: &str| {
            Error::new(code, msg)
                .with_path(path)
                .with_span(text.clone(), span, label)
        };
        let canonical_dir = dir
            .canonicalize()
            .map_err(|e| Error::io(dir, &e, "open corpus directory"))?;
        let mut sources: Vec<SourceEntry> = Vec::with_capacity(raw.source.len());
        // Where each id was first used (a manifest may list thousands).
        let mut seen: std::collections::HashMap<String, usize> =
            std::collections::HashMap::with_capacity(raw.source.len());
        for table in raw.source {
            let table_span = Span::from(table.span());
            let raw = table.into_inner();
            let id_span = Span::from(raw.id.span());
            let id = raw.id.into_inner();
            if let Some(problem) = id_problem(&id) {
                return Err(err("manifest::invalid-id", format!("invalid source id `{id}`: {problem}"), id_span, "this id")
                    .with_help("ids are what citations use (`[@flakin-2019]`): letters, digits, and `-`, `_`, `.`, `:` inside"));
            }
            if let Some(first) = seen.get(&id).map(|&i| &sources[i]) {
                let first_line = line_of(&text, first.span.start);
                return Err(err(
                    "manifest::duplicate-id",
                    format!("duplicate source id `{id}` (first used by the [[source]] on line {first_line})"),
                    id_span,
                    "used again here",
                )
                .with_help("every source needs its own id; rename one of them"));
            }
            let file_span = Span::from(raw.file.span());
            let file = raw.file.into_inner();
            let full = resolve_inside(dir, &canonical_dir, &file).map_err(|problem| {
                err("manifest::file-outside", format!("source `{id}`: file `{file}` {problem}"), file_span, "this path")
                    .with_help("a source file must sit inside the corpus directory; copy it there and give a path relative to it")
            })?;
            match std::fs::metadata(&full) {
                Ok(m) if m.is_file() => {}
                Ok(_) => {
                    return Err(err(
                        "manifest::missing-file",
                        format!("source `{id}`: {} is not a file", full.display()),
                        file_span,
                        "not a file",
                    ));
                }
                Err(e) => {
                    return Err(err(
                        "manifest::missing-file",
                        format!("source `{id}`: cannot open {}: {e}", full.display()),
                        file_span,
                        "this file",
                    )
                    .with_help(
                        "copy the source into the corpus directory, or fix the `file` value",
                    ));
                }
            }
            let published_span = Span::from(raw.published.span());
            let published = parse_published(raw.published.get_ref()).map_err(|problem| {
                err("manifest::invalid-date", format!("source `{id}`: invalid `published` date: {problem}"), published_span, "this date")
                    .with_help("write an ISO date: 2019-09-11, or \"1973-09\" or \"1973\" when only the month or year is known")
            })?;
            let mut exclude_lines = Vec::new();
            for pattern in raw.exclude_lines {
                let span = Span::from(pattern.span());
                let re = regex::Regex::new(pattern.get_ref()).map_err(|e| {
                    err(
                        "manifest::invalid-pattern",
                        format!(
                            "source `{id}`: invalid exclude_lines pattern: {}",
                            first_line(&e.to_string())
                        ),
                        span,
                        "this pattern",
                    )
                })?;
                exclude_lines.push(re);
            }
            let format = raw
                .format
                .unwrap_or_else(|| Format::from_path(Path::new(&file)));
            seen.insert(id.clone(), sources.len());
            sources.push(SourceEntry {
                id,
                file,
                path: full,
                title: raw.title,
                authors: raw.authors,
                publication: raw.publication,
                published,
                url: raw.url,
                notes: raw.notes,
                aliases: raw.aliases,
                format,
                exclude_lines,
                errata: raw
                    .errata
                    .into_iter()
                    .map(|(k, v)| (k.to_lowercase(), v))
                    .collect(),
                span: table_span,
                file_span,
            });
        }
        Ok(Manifest {
            path: path.to_path_buf(),
            text,
            sources,
        })
    }

    /// An error pointing at the `file` value of source `entry`.
    pub fn error_at_file(&self, entry: &SourceEntry, code: &'static str, message: String) -> Error {
        Error::new(code, message).with_path(&self.path).with_span(
            self.text.clone(),
            entry.file_span,
            "this source",
        )
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn id_problem(id: &str) -> Option<&'static str> {
    let mut chars = id.chars();
    match chars.next() {
        None => return Some("it is empty"),
        Some(c) if !c.is_alphanumeric() => return Some("it must start with a letter or digit"),
        _ => {}
    }
    if !id
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    {
        return Some("it may hold only letters, digits, `-`, `_`, `.` and `:`");
    }
    if !id.ends_with(|c: char| c.is_alphanumeric()) {
        return Some("it must end with a letter or digit");
    }
    None
}

/// Joins `file` to the corpus directory, refusing paths that lead outside it:
/// absolute paths, `..` that climbs out, and symbolic links that point out.
fn resolve_inside(
    dir: &Path,
    canonical_dir: &Path,
    file: &str,
) -> std::result::Result<PathBuf, String> {
    let rel = Path::new(file);
    if file.is_empty() {
        return Err("is empty".into());
    }
    if rel.is_absolute()
        || rel.has_root()
        || rel.components().any(|c| matches!(c, Component::Prefix(_)))
    {
        return Err("is an absolute path".into());
    }
    // Lexically: `a/../b` stays inside, `../b` does not.
    let mut depth: i64 = 0;
    for c in rel.components() {
        match c {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
        if depth < 0 {
            return Err("leads outside the corpus directory".into());
        }
    }
    let full = dir.join(rel);
    // Through links: the real path must still be inside.
    if let Ok(real) = full.canonicalize() {
        if !real.starts_with(canonical_dir) {
            return Err(format!(
                "is a link that leads outside the corpus directory (to {})",
                real.display()
            ));
        }
    }
    Ok(full)
}

/// Accepts a TOML date (`2019-09-11`) or a string with a full or reduced ISO
/// date (`"1973"`, `"1973-09"`, `"1973-09-11"`).
fn parse_published(value: &toml::Value) -> std::result::Result<String, String> {
    let text = match value {
        toml::Value::Datetime(dt) => {
            if dt.time.is_some() || dt.offset.is_some() {
                return Err("give a date without a time".into());
            }
            dt.to_string()
        }
        toml::Value::String(s) => s.clone(),
        other => return Err(format!("expected a date, found a {}", other.type_str())),
    };
    validate_iso_date(&text)?;
    Ok(text)
}

fn validate_iso_date(text: &str) -> std::result::Result<(), String> {
    let parts: Vec<&str> = text.split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().unwrap_or(0))
    };
    let bad = || format!("`{text}` is not YYYY, YYYY-MM or YYYY-MM-DD");
    let year = parts.first().and_then(|y| num(y, 4)).ok_or_else(bad)?;
    if parts.len() > 3 {
        return Err(bad());
    }
    if let Some(m) = parts.get(1) {
        let month = num(m, 2).ok_or_else(bad)?;
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} does not exist"));
        }
        if let Some(d) = parts.get(2) {
            let day = num(d, 2).ok_or_else(bad)?;
            if day == 0 || day > days_in_month(year, month) {
                return Err(format!("{text} does not exist"));
            }
        }
    }
    Ok(())
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_in(dir: &Path, manifest: &str) -> Result<Manifest> {
        Manifest::parse(dir, &dir.join(MANIFEST), manifest.into())
    }

    fn corpus_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Some text.").unwrap();
        dir
    }

    const ENTRY: &str = "[[source]]\nid = \"a-1\"\nfile = \"a.txt\"\ntitle = \"T\"\nauthors = [\"A\"]\npublication = \"P\"\npublished = 2019-09-11\n";

    #[test]
    fn a_good_manifest_parses() {
        let dir = corpus_dir();
        let m = parse_in(dir.path(), ENTRY).unwrap();
        assert_eq!(m.sources[0].id, "a-1");
        assert_eq!(m.sources[0].published, "2019-09-11");
        assert_eq!(m.sources[0].format, Format::Text);
    }

    #[test]
    fn duplicate_ids_point_at_the_second() {
        let dir = corpus_dir();
        let text = format!("{ENTRY}\n{ENTRY}");
        let err = parse_in(dir.path(), &text).unwrap_err();
        assert_eq!(err.code, "manifest::duplicate-id");
        let (span, _) = err.span.clone().unwrap();
        assert_eq!(&text[span.range()], "\"a-1\"");
        assert!(span.start > ENTRY.len());
        assert!(
            err.position().unwrap().ends_with(":10:6"),
            "{:?}",
            err.position()
        );
    }

    #[test]
    fn paths_outside_are_refused() {
        let dir = corpus_dir();
        for bad in ["../a.txt", "/etc/passwd", "x/../../a.txt"] {
            let text = ENTRY.replace("\"a.txt\"", &format!("{bad:?}"));
            let err = parse_in(dir.path(), &text).unwrap_err();
            assert_eq!(err.code, "manifest::file-outside", "{bad}: {}", err.message);
        }
        // Inside after all:
        std::fs::create_dir(dir.path().join("x")).unwrap();
        let text = ENTRY.replace("\"a.txt\"", "\"x/../a.txt\"");
        assert!(parse_in(dir.path(), &text).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn links_leading_out_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
        let dir = corpus_dir();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("link.txt"),
        )
        .unwrap();
        let text = ENTRY.replace("\"a.txt\"", "\"link.txt\"");
        let err = parse_in(dir.path(), &text).unwrap_err();
        assert_eq!(err.code, "manifest::file-outside");
        assert!(err.message.contains("link"), "{}", err.message);
    }

    #[test]
    fn missing_files_unknown_keys_and_bad_dates() {
        let dir = corpus_dir();
        let err = parse_in(dir.path(), &ENTRY.replace("a.txt", "gone.txt")).unwrap_err();
        assert_eq!(err.code, "manifest::missing-file");
        let err = parse_in(dir.path(), &format!("{ENTRY}colour = \"red\"\n")).unwrap_err();
        assert_eq!(err.code, "manifest::invalid");
        assert!(err.message.contains("colour"), "{}", err.message);
        let err = parse_in(dir.path(), &ENTRY.replace("2019-09-11", "\"1973-06-31\"")).unwrap_err();
        assert_eq!(err.code, "manifest::invalid-date");
        let ok = parse_in(dir.path(), &ENTRY.replace("2019-09-11", "\"1973\"")).unwrap();
        assert_eq!(ok.sources[0].published, "1973");
        let err = parse_in(dir.path(), "[[source]]\nid = \"x\"\n").unwrap_err();
        assert_eq!(err.code, "manifest::invalid");
        assert!(err.message.contains("missing field"), "{}", err.message);
        let err = parse_in(dir.path(), "[[source]\n").unwrap_err();
        assert_eq!(err.code, "manifest::invalid");
    }
}
