//! The canary: real articles nobody on this project wrote, checked as a
//! writer's drafts would be, with every error and warning reviewed.
//!
//! `tests/canary/texts/` holds the articles (byte-identical copies; see the
//! README there). `tests/canary/review/<family>.toml` holds one entry per
//! error- or warning-level finding provlint raises on them, keyed by file,
//! rule code and the words the finding points at (never a line number, so an
//! unrelated edit does not churn it), each with a verdict, `right` or
//! `wrong`, and a one-line reason. The criterion (tests/canary/README.md): a
//! finding is right only when a careful fact-checker holding only the corpus
//! would raise it, on that span, with that message.
//!
//! The test fails when a finding appears that the review does not hold, when
//! a reviewed finding disappears or its message changes, when an entry is
//! still `unreviewed`, and when precision or density misses a target of
//! `tests/canary/targets.toml`. So every change in what provlint says about
//! real writing is seen and judged, as an ecosystem check does for a linter.
//!
//! - `CANARY_UPDATE=1 cargo test --test canary` rewrites the review files for
//!   what provlint now says: verdicts are kept for findings that are still
//!   there, new findings come in as `unreviewed`. Review them (`git diff`),
//!   then run the test again.
//! - `scripts/canary.sh` prints the per-rule table (findings, right, wrong,
//!   precision, findings per 1,000 words).
//! - `CANARY_ONLY=quote` (a rule family, or several separated by commas)
//!   looks at those families only, for work on one family at a time; the
//!   update then rewrites only their review files.

use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::diagnostic::Severity;
use provlint::draft::Draft;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const TEXTS: &str = "tests/canary/texts";
const REVIEW: &str = "tests/canary/review";
const TARGETS: &str = "tests/canary/targets.toml";
/// The longest span text kept in a review entry, in characters.
const SPAN_CHARS: usize = 160;

/// One error or warning provlint raised on a canary text.
#[derive(Clone, Debug)]
struct Finding {
    file: String,
    line: usize,
    column: usize,
    code: String,
    severity: Severity,
    span: String,
    message: String,
}

impl Finding {
    fn key(&self) -> (String, String, String) {
        (self.file.clone(), self.code.clone(), self.span.clone())
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
struct Entry {
    file: String,
    code: String,
    severity: String,
    /// The words the finding points at, white space collapsed.
    span: String,
    message: String,
    /// `right`, `wrong`, or `unreviewed`.
    verdict: String,
    reason: String,
}

impl Entry {
    fn key(&self) -> (String, String, String) {
        (self.file.clone(), self.code.clone(), self.span.clone())
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ReviewFile {
    #[serde(default)]
    finding: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Targets {
    target: Vec<Target>,
}

#[derive(Debug, Deserialize)]
struct Target {
    what: String,
    precision: Option<f64>,
    per_1000_words: Option<f64>,
}

fn collapse(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let joined = words.join(" ");
    if joined.chars().count() > SPAN_CHARS {
        let cut: String = joined.chars().take(SPAN_CHARS).collect();
        format!("{cut}…")
    } else {
        joined
    }
}

fn texts() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(TEXTS)
        .expect("tests/canary/texts exists (run from the repository root)")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name().is_some_and(|n| n != "README.md")
                && matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt"))
        })
        .collect();
    files.sort();
    files
}

/// Words as `wc -w` counts them.
fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

struct Run {
    findings: Vec<Finding>,
    /// Info-level findings by code: shown, not reviewed.
    infos: BTreeMap<String, usize>,
    words: usize,
}

/// Checks every canary text as `provlint check` does with the built-in
/// settings and no `--as-of`.
fn run() -> Run {
    let corpus = Corpus::load(Path::new("corpus")).expect("the shipped corpus loads");
    let settings = Settings::defaults(Path::new("."));
    let mut findings = Vec::new();
    let mut infos = BTreeMap::new();
    let mut total_words = 0;
    for path in texts() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        total_words += words(&text);
        let draft = Draft::from_path_and_text(&name, text.clone());
        let report = provlint::checks::check(&draft, &corpus, &settings);
        for d in &report.diagnostics {
            if d.severity == Severity::Info {
                *infos.entry(d.code.to_string()).or_insert(0) += 1;
                continue;
            }
            let at = draft.location(d.span);
            findings.push(Finding {
                file: name.clone(),
                line: at.line,
                column: at.column,
                code: d.code.to_string(),
                severity: d.severity,
                span: collapse(&text[d.span.range()]),
                message: d.message.clone(),
            });
        }
    }
    Run {
        findings,
        infos,
        words: total_words,
    }
}

fn family(code: &str) -> &str {
    code.split("::").next().unwrap_or(code)
}

fn read_review() -> Vec<Entry> {
    let mut entries = Vec::new();
    let Ok(dir) = std::fs::read_dir(REVIEW) else {
        return entries;
    };
    let mut files: Vec<PathBuf> = dir.map(|e| e.unwrap().path()).collect();
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let review: ReviewFile = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        for entry in &review.finding {
            assert!(
                matches!(entry.verdict.as_str(), "right" | "wrong" | "unreviewed"),
                "{}: verdict {:?} is not right, wrong or unreviewed",
                path.display(),
                entry.verdict
            );
            assert_eq!(
                family(&entry.code),
                path.file_stem().unwrap().to_string_lossy(),
                "{}: an entry for {} belongs in its family's file",
                path.display(),
                entry.code
            );
        }
        entries.extend(review.finding);
    }
    entries
}

/// Each finding paired with its review entry, by key and then in order.
struct Paired {
    pairs: Vec<(Finding, Option<Entry>)>,
    gone: Vec<Entry>,
}

fn pair(findings: &[Finding], review: &[Entry]) -> Paired {
    let mut by_key: BTreeMap<(String, String, String), Vec<Entry>> = BTreeMap::new();
    for e in review {
        by_key.entry(e.key()).or_default().push(e.clone());
    }
    for v in by_key.values_mut() {
        v.reverse(); // popped in file order
    }
    let pairs = findings
        .iter()
        .map(|f| {
            let entry = by_key.get_mut(&f.key()).and_then(|v| v.pop());
            (f.clone(), entry)
        })
        .collect();
    let gone = by_key.into_values().flatten().collect();
    Paired { pairs, gone }
}

fn severity_name(s: Severity) -> &'static str {
    s.as_str()
}

fn concise(f: &Finding) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}",
        f.file,
        f.line,
        f.column,
        severity_name(f.severity),
        f.code,
        f.message
    )
}

/// Writes the review files for `paired`, keeping every verdict that still
/// applies.
fn write_review(paired: &Paired, only: Option<&[String]>) {
    let mut by_family: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for (f, entry) in &paired.pairs {
        let (verdict, reason) = match entry {
            Some(e) => (e.verdict.clone(), e.reason.clone()),
            None => ("unreviewed".to_string(), String::new()),
        };
        by_family
            .entry(family(&f.code).to_string())
            .or_default()
            .push(Entry {
                file: f.file.clone(),
                code: f.code.clone(),
                severity: severity_name(f.severity).to_string(),
                span: f.span.clone(),
                message: f.message.clone(),
                verdict,
                reason,
            });
    }
    std::fs::create_dir_all(REVIEW).unwrap();
    let existing: BTreeSet<String> = std::fs::read_dir(REVIEW)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    for name in existing {
        let fam = name.trim_end_matches(".toml");
        let in_scope = only.is_none_or(|o| o.iter().any(|x| x == fam));
        if in_scope && !by_family.contains_key(fam) {
            std::fs::remove_file(Path::new(REVIEW).join(&name)).unwrap();
        }
    }
    for (fam, entries) in by_family {
        let mut out = format!(
            "# The canary's {fam}::* findings, each reviewed (see tests/canary/README.md).\n\
             # verdict: right | wrong | unreviewed. Written by CANARY_UPDATE=1 cargo test --test canary;\n\
             # verdicts and reasons are kept across runs for findings that are still raised.\n\n"
        );
        out.push_str(&toml::to_string(&ReviewFile { finding: entries }).unwrap());
        std::fs::write(Path::new(REVIEW).join(format!("{fam}.toml")), out).unwrap();
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    findings: usize,
    right: usize,
    wrong: usize,
    unreviewed: usize,
}

impl Tally {
    fn add(&mut self, verdict: Option<&str>) {
        self.findings += 1;
        match verdict {
            Some("right") => self.right += 1,
            Some("wrong") => self.wrong += 1,
            _ => self.unreviewed += 1,
        }
    }

    fn precision(&self) -> Option<f64> {
        (self.findings > 0).then(|| self.right as f64 / self.findings as f64)
    }
}

/// Whether target `what` covers a finding.
fn covers(what: &str, f: &Finding) -> bool {
    let sev = severity_name(f.severity);
    match what.split_once(':') {
        _ if what == "all" => true,
        _ if what == sev => true,
        Some((fam, rest)) if rest.starts_with(':') => what == f.code && !fam.is_empty(),
        Some((fam, s)) => family(&f.code) == fam && s == sev,
        None => family(&f.code) == what,
    }
}

fn table(paired: &Paired, run: &Run) -> String {
    let per_k = |n: usize| n as f64 * 1000.0 / run.words as f64;
    let mut rows: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_sev: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    for (f, e) in &paired.pairs {
        let v = e.as_ref().map(|e| e.verdict.as_str());
        rows.entry(f.code.clone()).or_default().add(v);
        by_sev.entry(severity_name(f.severity)).or_default().add(v);
        all.add(v);
    }
    let mut out = String::new();
    writeln!(out, "canary: {} texts, {} words", texts().len(), run.words).unwrap();
    writeln!(
        out,
        "{:<24} {:>8} {:>6} {:>6} {:>10} {:>9} {:>8}",
        "rule", "findings", "right", "wrong", "unreviewed", "precision", "per 1k w"
    )
    .unwrap();
    let mut line = |name: &str, t: &Tally| {
        let p = t
            .precision()
            .map_or("-".to_string(), |p| format!("{:.1}%", p * 100.0));
        writeln!(
            out,
            "{:<24} {:>8} {:>6} {:>6} {:>10} {:>9} {:>8.2}",
            name,
            t.findings,
            t.right,
            t.wrong,
            t.unreviewed,
            p,
            per_k(t.findings)
        )
        .unwrap();
    };
    for (code, t) in &rows {
        line(code, t);
    }
    for (sev, t) in &by_sev {
        line(&format!("({sev}s)"), t);
    }
    line("(all)", &all);
    if !run.infos.is_empty() {
        let infos: Vec<String> = run.infos.iter().map(|(c, n)| format!("{c} {n}")).collect();
        writeln!(out, "info, not reviewed: {}", infos.join(", ")).unwrap();
    }
    out
}

fn check_targets(paired: &Paired, run: &Run) -> Vec<String> {
    let text = std::fs::read_to_string(TARGETS).unwrap();
    let targets: Targets = toml::from_str(&text).expect("targets.toml parses");
    let mut misses = Vec::new();
    for t in &targets.target {
        let mut tally = Tally::default();
        for (_, e) in paired.pairs.iter().filter(|(f, _)| covers(&t.what, f)) {
            tally.add(e.as_ref().map(|e| e.verdict.as_str()));
        }
        if let (Some(min), Some(p)) = (t.precision, tally.precision()) {
            if p + 1e-9 < min {
                misses.push(format!(
                    "{}: precision {:.1}% ({} of {}) is under {:.0}%",
                    t.what,
                    p * 100.0,
                    tally.right,
                    tally.findings,
                    min * 100.0
                ));
            }
        }
        if let Some(max) = t.per_1000_words {
            let density = tally.findings as f64 * 1000.0 / run.words as f64;
            if density > max + 1e-9 {
                misses.push(format!(
                    "{}: {:.2} findings per 1,000 words is over {max}",
                    t.what, density
                ));
            }
        }
    }
    misses
}

/// The families `CANARY_ONLY` names, if it is set.
fn only() -> Option<Vec<String>> {
    let v = std::env::var("CANARY_ONLY").ok()?;
    Some(v.split(',').map(|f| f.trim().to_string()).collect())
}

#[test]
fn canary() {
    let mut run = run();
    let mut review = read_review();
    let only = only();
    if let Some(only) = &only {
        run.findings
            .retain(|f| only.iter().any(|o| o == family(&f.code)));
        review.retain(|e| only.iter().any(|o| o == family(&e.code)));
    }
    let paired = pair(&run.findings, &review);
    if std::env::var_os("CANARY_UPDATE").is_some() {
        write_review(&paired, only.as_deref());
        for e in &paired.gone {
            println!("gone: {}: [{}] {}", e.file, e.code, e.message);
        }
    }
    println!("{}", table(&paired, &run));

    let mut problems = Vec::new();
    for (f, e) in &paired.pairs {
        match e {
            None => problems.push(format!("new, not in the review: {}", concise(f))),
            Some(e) if e.message != f.message || e.severity != severity_name(f.severity) => {
                problems.push(format!(
                    "changed: {}\n    reviewed as: {}[{}] {}",
                    concise(f),
                    e.severity,
                    e.code,
                    e.message
                ))
            }
            Some(e) if e.verdict == "unreviewed" => {
                problems.push(format!("unreviewed: {}", concise(f)))
            }
            Some(e) if e.reason.trim().is_empty() => {
                problems.push(format!("a verdict without a reason: {}", concise(f)))
            }
            Some(_) => {}
        }
    }
    for e in &paired.gone {
        problems.push(format!(
            "gone, reviewed as {}: {}: {}[{}] {} ({})",
            e.verdict, e.file, e.severity, e.code, e.message, e.span
        ));
    }
    if let Some(only) = &only {
        // Only the targets of the families looked at.
        problems.extend(
            check_targets(&paired, &run)
                .into_iter()
                .filter(|m| only.iter().any(|o| m.starts_with(o.as_str()))),
        );
    } else {
        problems.extend(check_targets(&paired, &run));
    }
    assert!(
        problems.is_empty(),
        "the canary changed or misses its targets ({} problems); review with CANARY_UPDATE=1 \
         (see tests/canary.rs):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
