//! Baselines: adopting provlint on a manuscript that already has findings.
//!
//! `provlint check --write-baseline FILE` records every current finding,
//! keyed by its content — the rule, the draft's words at the finding (the
//! quotation, the claim), and the source passages it was compared with —
//! not by its line, so editing around it does not disturb it. `--baseline
//! FILE` then hides the findings it records. An entry that hides nothing any
//! more (its words were edited, or its sources changed) is stale and is
//! reported as `baseline::stale`, pointing at the entry, so the baseline
//! shrinks as the manuscript is fixed and never hides a new finding.
//!
//! The file is JSON, one entry a line, sorted, so it diffs well:
//!
//! ```json
//! {
//!   "version": 1,
//!   "entries": [
//!     {"path":"drafts/a.md","code":"quote::mismatch","fingerprint":"…","sources":["flakin-2019"],"text":"“the Chilean Army began …”"}
//!   ]
//! }
//! ```

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::error::{Error, Result};
use crate::rules;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The baseline file format's version.
pub const VERSION: u32 = 1;

/// The most characters of a finding's text an entry records (for people;
/// the fingerprint covers all of it).
const TEXT_CHARS: usize = 200;

/// White space collapsed: what "the same words" means for a key.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 64-bit FNV-1a: small, stable across platforms and Rust versions.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A finding's content fingerprint: its rule, its words (white space
/// collapsed), and each related source passage (id and words). The line it
/// is on and its message are not part of it.
pub fn fingerprint(report: &FileReport, d: &Diagnostic) -> String {
    let text = normalize(report.text.get(d.span.range()).unwrap_or(""));
    let mut parts: Vec<String> = vec!["v1".into(), d.code.into(), text];
    for rel in &d.related {
        parts.push(rel.source.clone());
        parts.push(normalize(&rel.text));
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    format!("{:016x}", fnv1a(&refs))
}

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The draft, relative to the baseline file's directory.
    pub path: String,
    pub code: String,
    pub fingerprint: String,
    /// The ids of the sources it was compared with.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The finding's words, for people.
    #[serde(default)]
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRaw<'a> {
    version: u32,
    #[serde(borrow)]
    entries: Vec<&'a serde_json::value::RawValue>,
}

/// A baseline read from its file.
#[derive(Debug)]
pub struct Baseline {
    /// The file, as reports name it.
    pub display: String,
    /// Its directory: entry paths are relative to it.
    pub dir: PathBuf,
    pub text: Arc<str>,
    /// Each entry with its span in the file.
    pub entries: Vec<(Entry, Span)>,
}

/// `path` (a draft as reports name it) relative to `dir`.
fn key_path(dir: &Path, path: &str) -> String {
    let p = Path::new(path);
    let abs = match (p.canonicalize(), dir.canonicalize()) {
        (Ok(abs), Ok(dir)) => abs.strip_prefix(&dir).map(Path::to_path_buf).ok(),
        _ => None,
    };
    abs.map_or_else(|| path.to_string(), |a| a.display().to_string())
        .replace('\\', "/")
}

fn baseline_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The entries for the findings in `reports`.
pub fn entries(reports: &[FileReport], dir: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    for r in reports {
        let path = key_path(dir, &r.path);
        for d in &r.diagnostics {
            let mut text = normalize(r.text.get(d.span.range()).unwrap_or(""));
            if text.chars().count() > TEXT_CHARS {
                text = text.chars().take(TEXT_CHARS - 1).collect::<String>() + "…";
            }
            let mut sources: Vec<String> = d.related.iter().map(|r| r.source.clone()).collect();
            sources.dedup();
            out.push(Entry {
                path: path.clone(),
                code: d.code.to_string(),
                fingerprint: fingerprint(r, d),
                sources,
                text,
            });
        }
    }
    out
}

/// Writes the baseline for `reports` to `path`, keeping the entries of an
/// existing baseline there for drafts that were not checked this time.
/// Returns how many entries it holds.
pub fn write(path: &Path, reports: &[FileReport]) -> Result<usize> {
    let dir = baseline_dir(path);
    let mut all = entries(reports, &dir);
    if path.exists() {
        let old = Baseline::load(path)?;
        let checked: BTreeSet<String> = reports.iter().map(|r| key_path(&dir, &r.path)).collect();
        all.extend(
            old.entries
                .into_iter()
                .map(|(e, _)| e)
                .filter(|e| !checked.contains(&e.path)),
        );
    }
    all.sort();
    let mut out = format!("{{\n  \"version\": {VERSION},\n  \"entries\": [");
    for (i, e) in all.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(&serde_json::to_string(e).expect("entries serialize"));
    }
    out.push_str(if all.is_empty() {
        "]\n}\n"
    } else {
        "\n  ]\n}\n"
    });
    std::fs::write(path, out).map_err(|e| Error::io(path, &e, "write baseline"))?;
    Ok(all.len())
}

impl Baseline {
    /// Reads a baseline file; errors name the file and the position.
    pub fn load(path: &Path) -> Result<Baseline> {
        let shown = crate::paths::relative(path);
        let text: Arc<str> = Arc::from(crate::error::read_text_file(&shown, "baseline")?);
        Baseline::parse(text, path)
    }

    /// Reads a baseline's `text`, read from the file at `path`.
    pub fn parse(text: Arc<str>, path: &Path) -> Result<Baseline> {
        let shown = &crate::paths::relative(path);
        let invalid = |msg: String, span: Span| {
            Error::new("baseline::invalid", format!("invalid baseline: {msg}"))
                .with_path(shown)
                .with_span(text.clone(), span, "here")
                .with_help("write it again with `provlint check --write-baseline FILE`")
        };
        let raw: FileRaw = serde_json::from_str(&text).map_err(|e| {
            let offset = offset_of(&text, e.line(), e.column());
            invalid(e.to_string(), Span::new(offset, offset))
        })?;
        if raw.version != VERSION {
            return Err(invalid(
                format!(
                    "version {} (this provlint reads version {VERSION})",
                    raw.version
                ),
                Span::default(),
            ));
        }
        let mut entries = Vec::new();
        for r in raw.entries {
            let s = r.get();
            let start = s.as_ptr() as usize - text.as_ptr() as usize;
            let span = Span::new(start, start + s.len());
            let entry: Entry = serde_json::from_str(s).map_err(|e| invalid(e.to_string(), span))?;
            entries.push((entry, span));
        }
        Ok(Baseline {
            display: crate::paths::display_path(shown),
            dir: baseline_dir(path),
            text,
            entries,
        })
    }

    /// Hides the findings the baseline records. Returns a report on the
    /// baseline file with its stale entries (those for drafts checked in
    /// this run that hid nothing), when `stale` (the rule's level) is on.
    pub fn apply(&self, reports: &mut [FileReport], stale: Option<Severity>) -> Option<FileReport> {
        let mut unused: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, (e, _)) in self.entries.iter().enumerate() {
            unused
                .entry((e.path.clone(), e.fingerprint.clone()))
                .or_default()
                .push(i);
        }
        let mut used = vec![false; self.entries.len()];
        let mut checked = BTreeSet::new();
        for r in reports.iter_mut() {
            let path = key_path(&self.dir, &r.path);
            let keys: Vec<String> = r.diagnostics.iter().map(|d| fingerprint(r, d)).collect();
            let mut keys = keys.into_iter();
            r.diagnostics.retain(|_| {
                let fp = keys.next().expect("one key a finding");
                match unused.get_mut(&(path.clone(), fp)) {
                    Some(ids) if !ids.is_empty() => {
                        used[ids.remove(0)] = true;
                        false
                    }
                    _ => true,
                }
            });
            checked.insert(path);
        }
        let severity = stale?;
        let diagnostics: Vec<Diagnostic> = self
            .entries
            .iter()
            .zip(&used)
            .filter(|((e, _), used)| !**used && checked.contains(&e.path))
            .map(|((e, span), _)| Diagnostic {
                code: rules::BASELINE_STALE.code,
                severity,
                message: format!(
                    "stale baseline entry: no {} finding in {} has these words and sources any more",
                    e.code, e.path
                ),
                span: *span,
                label: "hides nothing".to_string(),
                related: Vec::new(),
                help: Some(
                    "the finding was fixed, or its words or sources changed: write the baseline again with `provlint check --write-baseline FILE`".to_string(),
                ),
                diff: None,
                fix: None,
            })
            .collect();
        (!diagnostics.is_empty()).then(|| FileReport {
            path: self.display.clone(),
            text: self.text.clone(),
            diagnostics,
            verified: Vec::new(),
        })
    }
}

/// The byte offset of 1-based `line` and `column` (serde_json's error position).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Related;
    use crate::span::Location;

    fn report(text: &str, spans: &[(usize, usize)]) -> FileReport {
        FileReport {
            path: "no/such/draft.md".into(),
            text: Arc::from(text),
            diagnostics: spans
                .iter()
                .map(|&(a, b)| Diagnostic {
                    code: "quote::mismatch",
                    severity: Severity::Error,
                    message: "m".into(),
                    span: Span::new(a, b),
                    label: String::new(),
                    related: vec![Related {
                        source: "flakin-2019".into(),
                        path: "corpus/x.txt".into(),
                        span: Location {
                            start: 0,
                            end: 3,
                            line: 1,
                            column: 1,
                            end_line: 1,
                            end_column: 4,
                        },
                        text: "the  Air\nForce".into(),
                        message: String::new(),
                        citation: String::new(),
                        file_text: Arc::from("the Air Force"),
                    }],
                    help: None,
                    diff: None,
                    fix: None,
                })
                .collect(),
            verified: Vec::new(),
        }
    }

    #[test]
    fn the_fingerprint_ignores_lines_and_white_space_only() {
        let a = report("\"the army\"", &[(0, 10)]);
        let b = report("\n\nMoved:\n\"the\n army\"", &[(9, 20)]);
        assert_eq!(
            fingerprint(&a, &a.diagnostics[0]),
            fingerprint(&b, &b.diagnostics[0])
        );
        let c = report("\"the navy\"", &[(0, 10)]);
        assert_ne!(
            fingerprint(&a, &a.diagnostics[0]),
            fingerprint(&c, &c.diagnostics[0])
        );
        let mut d = report("\"the army\"", &[(0, 10)]);
        d.diagnostics[0].related[0].text = "the Navy".into();
        assert_ne!(
            fingerprint(&a, &a.diagnostics[0]),
            fingerprint(&d, &d.diagnostics[0])
        );
    }

    #[test]
    fn write_load_apply_and_stale() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        let r = report("\"the army\" and \"the army\"", &[(0, 10), (15, 25)]);
        assert_eq!(write(&path, std::slice::from_ref(&r)).unwrap(), 2);
        let b = Baseline::load(&path).unwrap();
        assert_eq!(b.entries.len(), 2);
        assert!(b.text[b.entries[0].1.range()].starts_with("{\"path\""));

        // Both hidden; nothing stale.
        let mut reports = vec![r.clone()];
        assert!(b.apply(&mut reports, Some(Severity::Warning)).is_none());
        assert!(reports[0].diagnostics.is_empty());

        // One fixed: its entry is stale; a new finding is not hidden.
        let mut reports = vec![report(
            "\"the army\" and \"the navy\"",
            &[(0, 10), (15, 25)],
        )];
        let stale = b.apply(&mut reports, Some(Severity::Warning)).unwrap();
        assert_eq!(reports[0].diagnostics.len(), 1);
        assert_eq!(reports[0].diagnostics[0].span, Span::new(15, 25));
        assert_eq!(stale.diagnostics.len(), 1);
        assert_eq!(stale.diagnostics[0].code, "baseline::stale");
    }

    #[test]
    fn a_bad_baseline_names_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(
            &path,
            "{\n  \"version\": 1,\n  \"entries\": [\n    {\"path\": 3}\n  ]\n}\n",
        )
        .unwrap();
        let err = Baseline::load(&path).unwrap_err();
        assert_eq!(err.code, "baseline::invalid");
        assert!(
            err.position().unwrap().ends_with(":4:5"),
            "{:?}",
            err.position()
        );
    }
}
