//! Every draft under `fixtures/` is checked against the shipped corpus.
//!
//! Two things are asserted for each:
//! - the findings are exactly the ones the fixture declares, by code and line:
//!   `<!-- expect: CODE -->` on the line before a finding (a fixture that
//!   declares none must produce none: those are the look-alikes);
//! - the full rendered output (human and JSON) equals its snapshot in
//!   `fixtures/<dir>/snapshots/`, so any change to what users see is reviewed.
//!
//! A `provlint.toml` in a fixture's directory applies to the fixtures there.

use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::draft::Draft;
use provlint::render::{self, human::HumanOptions};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    // Relative, so reports name `corpus/...` on every machine.
    CORPUS.get_or_init(|| Corpus::load(Path::new("corpus")).expect("the shipped corpus loads"))
}

fn settings_for(fixture: &Path) -> Settings {
    let root = PathBuf::from(".");
    let mut settings = Settings::defaults(&root);
    // A fixed "today" for drafts without a date, so no snapshot changes with
    // the clock (as `--as-of` would).
    settings.as_of = provlint::dates::Ymd::parse_iso("2026-11-21");
    let config = fixture.parent().unwrap().join("provlint.toml");
    if config.exists() {
        let text = std::fs::read_to_string(&config).unwrap();
        settings.apply(&text, &config, &root).unwrap();
    }
    settings
}

/// `(line, code)` for every `<!-- expect: CODE -->`: the finding is on the
/// next line.
fn expectations(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.trim().strip_prefix("<!-- expect:") {
            for code in rest.trim_end_matches("-->").split(',') {
                out.push((i + 2, code.trim().to_string()));
            }
        }
    }
    out.sort();
    out
}

/// Every fixture draft, in a stable order.
fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().unwrap() != "snapshots" {
                fixture_files(&path, out);
            }
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "txt")
        ) {
            out.push(path);
        }
    }
}

fn check_fixture(path: &Path) {
    let rel = path.to_string_lossy().replace('\\', "/");
    let text = std::fs::read_to_string(path).unwrap();
    let draft = Draft::from_path_and_text(&rel, text.clone());
    let settings = settings_for(path);
    let report = provlint::checks::check(&draft, corpus(), &settings);

    let mut found: Vec<(usize, String)> = report
        .diagnostics
        .iter()
        .map(|d| (draft.location(d.span).line, d.code.to_string()))
        .collect();
    found.sort();
    assert_eq!(found, expectations(&text), "findings of {rel} (line, code)");

    let reports = [report];
    let human = render::human::render(
        &reports,
        HumanOptions {
            color: false,
            width: 100,
        },
    );
    let json = render::json::render(&reports, true);
    insta::with_settings!({
        // Absolute: insta takes a relative snapshot path from tests/.
        snapshot_path => std::env::current_dir().unwrap().join(path.parent().unwrap()).join("snapshots"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
        input_file => path,
    }, {
        insta::assert_snapshot!(path.file_name().unwrap().to_string_lossy().to_string(), format!("{human}\n---- json ----\n{json}"));
    });
}

#[test]
fn fixtures() {
    // Reports name fixtures relative to the repository root.
    assert!(
        Path::new("fixtures").is_dir(),
        "run from the repository root"
    );
    let mut files = Vec::new();
    fixture_files(Path::new("fixtures"), &mut files);
    assert!(!files.is_empty());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            std::panic::catch_unwind(|| check_fixture(path))
                .err()
                .map(|_| path.display().to_string())
        })
        .collect();
    assert!(
        failures.is_empty(),
        "fixtures that failed (see above): {failures:#?}"
    );
}
