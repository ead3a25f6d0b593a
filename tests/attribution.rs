//! Attribution checks on small corpora built for the case, and the command
//! line's `explain` and `extract` for them.

use provlint::checks;
use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::draft::Draft;
use provlint::text::Format;
use std::path::Path;
use std::process::Command;

fn settings() -> Settings {
    Settings::defaults(Path::new("."))
}

fn codes(corpus: &Corpus, settings: &Settings, md: &str) -> Vec<(String, String)> {
    let draft = Draft::new("d.md", md, Format::Markdown);
    checks::check(&draft, corpus, settings)
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), md[d.span.range()].to_string()))
        .collect()
}

const STOCK: &str = "all rights reserved by the publisher of this fine magazine";

#[test]
fn boilerplate_in_many_sources_is_not_copied_text() {
    let corpus = Corpus::from_texts(&[
        ("a", &format!("Alpha text. {STOCK}."), Format::Text),
        ("b", &format!("Beta text. {STOCK}."), Format::Text),
        (
            "c",
            &format!(
                "Gamma. {STOCK}. The sailors of Valparaiso discovered the plans for the coup and refused."
            ),
            Format::Text,
        ),
    ]);
    let draft = format!(
        "Note that {STOCK}. Later the sailors of Valparaiso discovered the plans for the coup and refused.\n"
    );
    let found = codes(&corpus, &settings(), &draft);
    assert_eq!(
        found,
        vec![(
            "provenance::unquoted".to_string(),
            "the sailors of Valparaiso discovered the plans for the coup and refused".to_string()
        )]
    );
    // Counted as boilerplate only from four sources up: now both runs count.
    let mut s = settings();
    s.provenance.boilerplate_sources = 4;
    assert_eq!(codes(&corpus, &s, &draft).len(), 2);
}

#[test]
fn a_quotation_is_looked_up_in_its_credited_source_even_among_many() {
    // More sources have the words than the matcher aligns passages for.
    let line = "the workers of the cordones demanded arms to defend the revolution";
    let texts: Vec<(String, String)> = (0..14)
        .map(|i| (format!("s{i:02}"), format!("Source {i} says that {line}.")))
        .collect();
    let items: Vec<(&str, &str, Format)> = texts
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_str(), Format::Text))
        .collect();
    let corpus = Corpus::from_texts(&items);
    for credited in ["s00", "s13"] {
        let md = format!("It was said that \"{line}\" [@{credited}].\n");
        assert_eq!(
            codes(&corpus, &settings(), &md),
            vec![],
            "credited to {credited}"
        );
    }
    // Credited to a source without the words: wrong source.
    let corpus = Corpus::from_texts(&[
        ("has", &format!("It says {line}."), Format::Text),
        ("lacks", "Nothing of the kind here at all.", Format::Text),
    ]);
    let md = format!("It was said that \"{line}\" [@lacks].\n");
    assert_eq!(
        codes(&corpus, &settings(), &md),
        vec![("quote::wrong-source".to_string(), line.to_string())]
    );
}

#[test]
fn the_smallest_figure_is_a_setting() {
    // A figure the corpus states, uncredited: reported only when it is a
    // figure by `figures.min_count`.
    let corpus = Corpus::from_texts(&[(
        "a",
        "In August 1973, in the naval port of Valparaíso, five sailors were arrested.",
        Format::Text,
    )]);
    let md = "In August 1973 the navy arrested five sailors in Valparaíso.\n";
    assert_eq!(codes(&corpus, &settings(), md), vec![]);
    let mut s = settings();
    s.figures.min_count = 2.0;
    assert_eq!(
        codes(&corpus, &s, md),
        vec![("figure::unattributed".to_string(), "five".to_string())]
    );
}

#[test]
fn rules_can_be_turned_off() {
    let corpus = Corpus::from_texts(&[("a", "Nothing here.", Format::Text)]);
    let mut s = settings();
    s.apply(
        "[rules]\n\"figure::unattributed\" = \"off\"\n\"citation::unknown\" = \"info\"\n",
        Path::new("p.toml"),
        Path::new("."),
    )
    .unwrap();
    let draft = Draft::new("d.md", "Some 3,000 died [@nobody].\n", Format::Markdown);
    let report = checks::check(&draft, &corpus, &s);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert_eq!(
        found,
        vec![("citation::unknown", provlint::diagnostic::Severity::Info)]
    );
}

fn provlint(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_provlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("provlint runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn explain_documents_each_code_and_the_scope_rules() {
    let list = provlint(&["explain"]);
    for code in [
        "quote::wrong-source",
        "citation::unknown",
        "figure::unattributed",
        "figure::wrong-source",
        "figure::conflict",
        "figure::disputed",
        "provenance::unquoted",
    ] {
        assert!(list.contains(code), "{code} not listed");
        let doc = provlint(&["explain", code]);
        assert!(doc.starts_with(&format!("# {code}")), "{doc}");
        assert!(
            doc.contains("## Credits and what they cover"),
            "{code}: no scope rules"
        );
    }
    assert!(provlint(&["explain", "figure::conflict"]).contains("## Figures"));
    assert!(provlint(&["explain", "credits"]).contains("marker at the end of a paragraph"));
}

#[test]
fn extract_lists_citations_and_figures() {
    let out = provlint(&["extract", "--format", "json", "fixtures/figure/credited.md"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = doc["items"].as_array().unwrap();
    let citation = items
        .iter()
        .find(|i| i["kind"] == "citation" && i["key"] == "fi-1973")
        .expect("the fi-1973 citation");
    assert_eq!(citation["source"], "fi-1973");
    assert_eq!(citation["form"], "citation");
    let figure = items
        .iter()
        .find(|i| i["kind"] == "figure" && i["counts"] == "factories")
        .expect("the factories figure");
    assert_eq!(figure["value"], 1000.0);
    assert_eq!(figure["qualifier"], "over");
    assert_eq!(figure["credit"]["source"], "fi-1973");
    let external = items
        .iter()
        .find(|i| i["kind"] == "figure" && i["text"] == "around 30,000")
        .expect("the 30,000 figure");
    assert_eq!(external["credit"]["form"], "attribution");
    assert_eq!(external["credit"]["source"], serde_json::Value::Null);
    // The only quoted words are a title in a footnote's definition: the
    // reference apparatus holds no quotations.
    assert!(!items.iter().any(|i| i["kind"] == "quotation"));
}
