//! Every `--format` of `provlint check`, on a draft whose findings sit after
//! accented Spanish text and astral-plane characters (Víctor, Enríquez,
//! «comillas», 𝄞), so code points, UTF-16 units and bytes all differ:
//! - exact snapshots of each format (`tests/snapshots/`);
//! - the column each format gives for one finding, in its own unit.
//!
//! Each format is also read by its real consumer in `tests/consumers.rs`.

use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::diagnostic::{FileReport, Severity};
use provlint::render;
use std::path::Path;
use std::sync::OnceLock;

pub const DRAFT: &str = "tests/data/formats.md";

fn reports() -> &'static [FileReport] {
    static REPORTS: OnceLock<Vec<FileReport>> = OnceLock::new();
    REPORTS.get_or_init(|| {
        let corpus = Corpus::load(Path::new("corpus")).expect("the shipped corpus loads");
        let settings = Settings::defaults(Path::new("."));
        let draft = provlint::files::read_draft(Path::new(DRAFT), u64::MAX).unwrap();
        vec![provlint::checks::check(&draft, &corpus, &settings)]
    })
}

fn settings() -> Settings {
    Settings::defaults(Path::new("."))
}

/// The line of the draft with the first misquotation, and where it starts.
fn first_finding() -> (&'static str, usize) {
    let r = &reports()[0];
    let d = &r.diagnostics[0];
    assert_eq!(d.code, "quote::mismatch");
    let line_start = r.text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = r.text[d.span.start..].find('\n').unwrap() + d.span.start;
    (&r.text[line_start..line_end], d.span.start - line_start)
}

#[test]
fn the_fixture_has_findings_whose_units_differ() {
    let (line, byte) = first_finding();
    let before = &line[..byte];
    assert!(before.contains('𝄞') && before.contains('í') && before.contains('«'));
    let chars = before.chars().count();
    let utf16: usize = before.chars().map(char::len_utf16).sum();
    assert!(chars < utf16 && utf16 < byte, "{chars} {utf16} {byte}");
    // Findings: two misquotations (one across two lines), one unverified
    // quotation, one unused suppression (with a safe fix).
    let codes: Vec<_> = reports()[0].diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "quote::mismatch",
            "quote::unverified",
            "suppression::unused",
            "quote::mismatch"
        ]
    );
}

#[test]
fn concise_counts_code_points() {
    let out = render::concise::render(reports());
    let (line, byte) = first_finding();
    let col = line[..byte].chars().count() + 1;
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "{DRAFT}:3:{col}: error[quote::mismatch] quotation does not match flakin-2019 verbatim (1 word changed, 1 word dropped)"
        )
    );
    assert_eq!(out.lines().count(), 4);
    insta::assert_snapshot!("concise", out);
}

#[test]
fn json_lines_is_one_json_diagnostic_a_line() {
    let out = render::json_lines::render(reports());
    let doc: serde_json::Value =
        serde_json::from_str(&render::json::render(reports(), false)).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, doc["diagnostics"].as_array().unwrap());
    insta::assert_snapshot!("json-lines", out);
}

#[test]
fn sarif_counts_utf16_units_and_says_so() {
    let out = render::sarif::render(reports(), &settings());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let (line, byte) = first_finding();
    let utf16: usize = line[..byte].chars().map(char::len_utf16).sum();
    let region = &run["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], utf16 + 1);
    // Related locations point into the corpus, rules carry their help, and
    // fixes are SARIF fixes.
    let related = &run["results"][0]["relatedLocations"][0]["physicalLocation"];
    assert_eq!(
        related["artifactLocation"]["uri"],
        "corpus/004_ef56cccfc41fb295.txt"
    );
    assert_eq!(related["region"]["startLine"], 12);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["help"]["markdown"].is_string()));
    let fix = &run["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert!(
        fix["insertedContent"]["text"]
            .as_str()
            .unwrap()
            .starts_with("the Chilean Air Force")
    );
    insta::assert_snapshot!("sarif", out);
}

#[test]
fn rdjson_counts_bytes_with_exclusive_ends() {
    let out = render::rdjson::render(reports());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &v["diagnostics"][0];
    let (_, byte) = first_finding();
    let r = &reports()[0];
    let span = r.diagnostics[0].span;
    assert_eq!(d["location"]["range"]["start"]["column"], byte + 1);
    // Exclusive end: start column + length in bytes, on a one-line span.
    assert_eq!(
        d["location"]["range"]["end"]["column"],
        byte + 1 + span.len()
    );
    assert_eq!(
        d["related_locations"][0]["location"]["path"],
        "corpus/004_ef56cccfc41fb295.txt"
    );
    insta::assert_snapshot!("rdjson", out);
}

#[test]
fn github_gives_columns_only_on_single_line_annotations() {
    let out = render::github::render(reports());
    let lines: Vec<&str> = out.lines().collect();
    let (line, byte) = first_finding();
    let col = line[..byte].chars().count() + 1;
    assert!(
        lines[0].starts_with(&format!(
            "::error title=quote%3A%3Amismatch,file={DRAFT},line=3,endLine=3,col={col},endColumn="
        )),
        "{}",
        lines[0]
    );
    // The last misquotation spans lines 10 and 11: no columns.
    assert!(
        lines[3].starts_with(&format!(
            "::error title=quote%3A%3Amismatch,file={DRAFT},line=10,endLine=11::"
        )),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4], "provlint: 2 errors, 2 warnings in 1 file");
    insta::assert_snapshot!("github", out);
}

#[test]
fn github_escapes_properties_and_says_when_annotations_are_capped() {
    let mut r = reports()[0].clone();
    r.path = "notas: 1973, 100%.md".into();
    let template = r.diagnostics[0].clone();
    // 11 errors: one more than GitHub shows.
    for _ in 0..9 {
        r.diagnostics.push(template.clone());
    }
    let out = render::github::render(&[r]);
    assert!(out.contains(",file=notas%3A 1973%2C 100%25.md,"), "{out}");
    assert!(out.contains("closest passage (90%25 similar)"));
    assert!(out.ends_with(
        "provlint: GitHub shows the first 10 annotations of each kind in a step; every finding is in this log\n"
    ));
    let summary = render::github::step_summary(reports());
    assert!(summary.contains(&format!("| `{DRAFT}:3:")), "{summary}");
}

#[test]
fn junit_fails_at_the_failure_level() {
    let out = render::junit::render(reports(), Severity::Error);
    assert!(out.contains("<testsuites name=\"provlint\" tests=\"4\" failures=\"2\" errors=\"0\">"));
    let warning = render::junit::render(reports(), Severity::Warning);
    assert!(warning.contains("tests=\"4\" failures=\"4\""));
    let (line, byte) = first_finding();
    let col = line[..byte].chars().count() + 1;
    assert!(out.contains(&format!("name=\"quote::mismatch at 3:{col}\"")));
    insta::assert_snapshot!("junit", out);
}

#[test]
fn human_and_json_snapshots() {
    let human = render::human::render(
        reports(),
        render::human::HumanOptions {
            color: false,
            width: 100,
        },
    );
    insta::assert_snapshot!("human", human);
    insta::assert_snapshot!("json", render::json::render(reports(), false));
}
