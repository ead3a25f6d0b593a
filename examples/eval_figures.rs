//! Measures the figure detector and the attributed/unattributed decision on
//! outside data that is not in the repository (its licences forbid
//! republishing it): `../shared/external/numeric/` and
//! `../shared/external/quotes/polnear-test/`. Not part of `cargo test`.
//!
//!     cargo run --release --example eval_figures [-- --verbose] [-- DIR]
//!
//! DIR defaults to `../shared/external` from the crate root. Without the
//! data it says so and exits.
//!
//! 1. QuanTemp numeric claims: the share of `statistical`, `comparison` and
//!    `interval` claims in which a figure is found (a recall proxy: every one
//!    states a quantity), with the default `figures.min_count` and with 1;
//!    and the `temporal` claims in which one is found (dates and durations
//!    that should not be figures, and real counts: listed with --verbose
//!    for checking by hand).
//! 2. ClaimBuster: how many check-worthy (label 1) and other (label 0)
//!    sentences have a figure that no credit covers (the first condition of
//!    `figure::unattributed`, which then reports only figures the corpus
//!    speaks to: `provlint explain figure::unattributed`).
//! 3. PolNeAR (test split): each figure outside quotation marks is
//!    "attributed" (gold) when it lies in an attribution's Content or Source
//!    span, a derived proxy; provlint's prediction is whether a credit
//!    covers it. Precision and recall of that decision (no credit covers
//!    it), the first condition of `figure::unattributed`.

use provlint::attribution::Credits;
use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::draft::Draft;
use provlint::figures::{self, FigureRules};
use provlint::span::Span;
use provlint::text::Format;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/external"));
    if !dir.is_dir() {
        eprintln!(
            "no data at {} (it is not in the repository); nothing measured",
            dir.display()
        );
        return;
    }
    // Drafts are checked against no real corpus here: only prose
    // attributions to outside sources can cover anything.
    let corpus = Corpus::from_texts(&[("none", "Nothing.", Format::Text)]);
    let settings = Settings::defaults(Path::new("."));
    quantemp(
        &dir.join("numeric/quantemp-complex-num-facts-subset.csv"),
        &settings,
        verbose,
    );
    claimbuster(
        &dir.join("numeric/claimbuster-two-class-test.json"),
        &corpus,
        &settings,
        verbose,
    );
    polnear(
        &dir.join("quotes/polnear-test"),
        &corpus,
        &settings,
        verbose,
    );
}

/// The figures of one sentence or short text.
fn figures_of(text: &str, min_count: f64) -> Vec<String> {
    let draft = Draft::new("x.txt", text, Format::Text);
    let sentences = draft.doc.sentences();
    figures::extract_grouped(
        draft.doc.prose.text(),
        &sentences,
        FigureRules::built_in(),
        min_count,
    )
    .iter()
    .map(|f| f.describe_phrase(draft.doc.prose.text()))
    .collect()
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "n/a".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

fn quantemp(path: &Path, settings: &Settings, verbose: bool) {
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping QuanTemp: cannot read {}", path.display());
        return;
    };
    // Claims repeat in the file: each distinct claim once.
    let mut seen = BTreeSet::new();
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut read = 0;
    for line in text.lines().skip(1) {
        let Some((claim, label)) = line.rsplit_once('@') else {
            continue;
        };
        read += 1;
        if seen.insert(claim.to_string()) {
            rows.push((claim.to_string(), label.trim().to_string()));
        }
    }
    println!(
        "== QuanTemp numeric claims ({} distinct of {read})",
        rows.len()
    );
    for min_count in [settings.figures.min_count, 1.0] {
        let (mut quantity, mut found, mut temporal, mut temporal_found) = (0, 0, 0, 0);
        let mut missed = Vec::new();
        let mut temporal_hits = Vec::new();
        for (claim, label) in &rows {
            let figs = figures_of(claim, min_count);
            if label == "temporal" {
                temporal += 1;
                if !figs.is_empty() {
                    temporal_found += 1;
                    temporal_hits.push(format!("{claim}  -> {figs:?}"));
                }
            } else {
                quantity += 1;
                if figs.is_empty() {
                    missed.push(claim.clone());
                } else {
                    found += 1;
                }
            }
        }
        println!(
            "min_count {min_count}: statistical/comparison/interval claims with a figure: {found}/{quantity} ({}); temporal claims with a figure: {temporal_found}/{temporal} ({})",
            pct(found, quantity),
            pct(temporal_found, temporal)
        );
        if verbose {
            for m in &missed {
                println!("  missed: {m}");
            }
            for t in &temporal_hits {
                println!("  temporal with figure: {t}");
            }
        }
    }
}

/// Whether `figure::unattributed` would flag something in `text`.
fn flags(text: &str, corpus: &Corpus, settings: &Settings) -> (usize, usize) {
    let draft = Draft::new("x.txt", text, Format::Text);
    let credits = Credits::find(&draft, corpus);
    let figs = provlint::checks::figure::draft_figures(&draft, &credits, settings);
    let unattributed = figs
        .iter()
        .filter(|f| credits.covering(f.span.start).is_empty())
        .count();
    (figs.len(), unattributed)
}

fn claimbuster(path: &Path, corpus: &Corpus, settings: &Settings, verbose: bool) {
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping ClaimBuster: cannot read {}", path.display());
        return;
    };
    let rows: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
    println!("== ClaimBuster two-class test ({} sentences)", rows.len());
    for label in [1, 0] {
        let (mut n, mut digits, mut with_fig, mut flagged) = (0, 0, 0, 0);
        for r in rows.iter().filter(|r| r["label"] == label) {
            let s = r["text"].as_str().unwrap_or("");
            n += 1;
            if s.chars().any(|c| c.is_ascii_digit()) {
                digits += 1;
            }
            let (f, u) = flags(s, corpus, settings);
            if f > 0 {
                with_fig += 1;
            }
            if u > 0 {
                flagged += 1;
                if verbose && label == 0 {
                    println!("  label 0 flagged: {s}");
                }
            }
        }
        println!(
            "label {label}: {n} sentences, {digits} with digits, {with_fig} with a figure, {flagged} flagged unattributed ({})",
            pct(flagged, n)
        );
    }
}

/// Byte offset of every char index of `text`, and one past the end.
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn polnear(dir: &Path, corpus: &Corpus, settings: &Settings, verbose: bool) {
    let Ok(entries) = std::fs::read_dir(dir.join("text")) else {
        eprintln!("skipping PolNeAR: no {}", dir.join("text").display());
        return;
    };
    let mut texts: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    texts.sort();
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    anns.sort();
    // (gold attributed, predicted attributed) counts.
    let mut m = [[0usize; 2]; 2];
    let mut docs = 0;
    for t in &texts {
        let stem = t.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // One annotator per text: the first file.
        let Some(ann) = anns.iter().find(|a| {
            a.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.starts_with(stem))
        }) else {
            continue;
        };
        let (Ok(text), Ok(ann_text)) = (std::fs::read_to_string(t), std::fs::read_to_string(ann))
        else {
            continue;
        };
        docs += 1;
        let bytes = char_to_byte(&text);
        let mut spans: Vec<Span> = Vec::new();
        for line in ann_text.lines() {
            let mut parts = line.split('\t');
            let (Some(id), Some(info)) = (parts.next(), parts.next()) else {
                continue;
            };
            if !id.starts_with('T') {
                continue;
            }
            let mut f = info.split([' ', ';']);
            let kind = f.next().unwrap_or("");
            if kind != "Content" && kind != "Source" {
                continue;
            }
            let nums: Vec<usize> = f.filter_map(|x| x.parse().ok()).collect();
            for pair in nums.chunks(2) {
                if let [a, b] = pair {
                    if *b < bytes.len() && a <= b {
                        spans.push(Span::new(bytes[*a], bytes[*b]));
                    }
                }
            }
        }
        let draft = Draft::new(t.display().to_string(), text.as_str(), Format::Text);
        let credits = Credits::find(&draft, corpus);
        for f in provlint::checks::figure::draft_figures(&draft, &credits, settings) {
            let orig = draft.doc.prose.to_original(f.span);
            let gold = spans.iter().any(|s| s.overlaps(orig));
            let predicted = !credits.covering(f.span.start).is_empty();
            m[gold as usize][predicted as usize] += 1;
            if verbose && gold != predicted {
                let line = text[..orig.start].matches('\n').count() + 1;
                println!(
                    "  {}:{line}: {} gold {} predicted {}",
                    stem,
                    &text[orig.range()],
                    if gold { "attributed" } else { "unattributed" },
                    if predicted {
                        "attributed"
                    } else {
                        "unattributed"
                    }
                );
            }
        }
    }
    let total: usize = m.iter().flatten().sum();
    println!("== PolNeAR test split: {docs} texts, {total} figures outside quotation marks");
    println!(
        "gold attributed: {} (predicted attributed {}, unattributed {}); gold unattributed: {} (predicted attributed {}, unattributed {})",
        m[1][0] + m[1][1],
        m[1][1],
        m[1][0],
        m[0][0] + m[0][1],
        m[0][1],
        m[0][0]
    );
    // The rule flags predicted-unattributed figures.
    let flagged = m[0][0] + m[1][0];
    println!(
        "figure::unattributed: precision {} ({} of {} flagged are unattributed in the gold), recall {} ({} of {} gold unattributed flagged); accuracy {}",
        pct(m[0][0], flagged),
        m[0][0],
        flagged,
        pct(m[0][0], m[0][0] + m[0][1]),
        m[0][0],
        m[0][0] + m[0][1],
        pct(m[0][0] + m[1][1], total)
    );
}
