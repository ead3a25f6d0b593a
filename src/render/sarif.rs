//! SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! Columns count UTF-16 code units, as JavaScript-based viewers do, and the
//! run says so (`columnKind: utf16CodeUnits`). Each rule carries its summary
//! and its documentation as help; a finding's corpus passages are
//! `relatedLocations` (their URIs are the corpus files, relative like the
//! drafts'), its fix a SARIF `fix`, and `partialFingerprints` carries the
//! content fingerprint the baseline uses, so a finding keeps its identity
//! when lines move.

use super::{Range, positioned};
use crate::config::Settings;
use crate::diagnostic::{Applicability, FileReport, Severity};
use crate::rules;
use serde_json::{Value, json};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        Some(Severity::Info) => "note",
        None => "none",
    }
}

/// A path as a relative (or, for an absolute path, `file:`) URI reference:
/// `/`-separated, with everything but unreserved characters percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn region(r: Range) -> Value {
    json!({
        "startLine": r.start.line,
        "startColumn": r.start.utf16,
        "endLine": r.end.line,
        "endColumn": r.end.utf16,
    })
}

/// The text of a message: SARIF asks for whole sentences.
fn sentence(s: &str) -> String {
    let s = s.trim_end();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// `quote::mismatch` → `QuoteMismatch`.
fn rule_name(code: &str) -> String {
    code.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The first paragraph after the heading of a rule's Markdown doc.
fn first_paragraph(doc: &str) -> String {
    doc.split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn render(reports: &[FileReport], settings: &Settings) -> String {
    let codes = super::cited_codes(reports);
    let rules_json: Vec<Value> = codes
        .iter()
        .map(|code| {
            let configured = settings.severity(code);
            let mut rule = json!({
                "id": code,
                "name": rule_name(code),
                "defaultConfiguration": {
                    "level": level(configured.or(Some(Severity::Warning))),
                    "enabled": configured.is_some(),
                },
            });
            if let Some(r) = rules::lookup(code) {
                rule["shortDescription"] = json!({ "text": sentence(r.summary) });
                // The doc's first paragraph, unless it only leads into a
                // list (ends with a colon): then the summary says it better.
                let first = first_paragraph(r.doc);
                let full = if first.is_empty() || first.ends_with(':') {
                    r.summary.to_string()
                } else {
                    first
                };
                rule["fullDescription"] = json!({ "text": sentence(&full) });
                rule["help"] = json!({ "text": r.doc, "markdown": r.doc });
            } else {
                rule["shortDescription"] = json!({ "text": sentence(code) });
            }
            rule
        })
        .collect();

    let mut results = Vec::new();
    for (r, d, positions) in positioned(reports) {
        let positions = &*positions;
        let mut reg = region(positions.range(d.span));
        reg["snippet"] = json!({ "text": &r.text[d.span.range()] });
        let mut message = sentence(&d.message);
        if let Some(help) = &d.help {
            message.push(' ');
            message.push_str(&sentence(help));
        }
        let mut result = json!({
            "ruleId": d.code,
            "ruleIndex": codes.iter().position(|c| *c == d.code).unwrap_or(0),
            "level": level(Some(d.severity)),
            "message": { "text": message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&r.path) },
                    "region": reg,
                },
            }],
            "partialFingerprints": {
                "provlintContent/v1": crate::baseline::fingerprint(r, d),
            },
        });
        if !d.related.is_empty() {
            result["relatedLocations"] = d
                .related
                .iter()
                .enumerate()
                .map(|(i, rel)| {
                    let mut reg = region(super::related_range(rel));
                    reg["snippet"] = json!({ "text": rel.text });
                    json!({
                        "id": i + 1,
                        "message": { "text": sentence(&format!("{}: {} ({})", rel.source, rel.message, rel.citation)) },
                        "physicalLocation": {
                            "artifactLocation": { "uri": uri(&rel.path) },
                            "region": reg,
                        },
                    })
                })
                .collect();
        }
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            };
            result["fixes"] = json!([{
                "description": { "text": sentence(&fix.message) },
                "artifactChanges": [{
                    "artifactLocation": { "uri": uri(&r.path) },
                    "replacements": [{
                        "deletedRegion": region(positions.range(fix.span)),
                        "insertedContent": { "text": fix.replacement },
                    }],
                }],
                "properties": { "applicability": kind },
            }]);
        }
        results.push(result);
    }

    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "provlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules_json,
                },
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).expect("SARIF serializes") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("drafts/Víctor Jara.md"), "drafts/V%C3%ADctor%20Jara.md");
        assert_eq!(uri("/tmp/a,b.md"), "file:///tmp/a%2Cb.md");
        assert_eq!(rule_name("quote::mismatch"), "QuoteMismatch");
    }
}
