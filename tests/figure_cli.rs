//! The figure features as a user runs them: `provlint corpus audit
//! --figures`, a user's quantity catalog, `extract`, `explain`.

use provlint::corpus::Corpus;
use provlint::figures::audit::{FigureAudit, audit};
use provlint::figures::quantity::Quantities;
use serde_json::Value;

mod common;
use common::{provlint, repo, stderr, stdout, workdir};

fn shipped(all: bool) -> FigureAudit {
    let corpus = Corpus::load(&repo().join("corpus")).expect("the shipped corpus loads");
    audit(&corpus, &Quantities::builtin(), all, 1)
}

/// Each side of a quantity as `sources: values`.
fn sides(a: &FigureAudit, quantity: &str) -> Vec<String> {
    let q = a
        .quantities
        .iter()
        .flatten()
        .chain(&a.disputes)
        .find(|q| q.quantity == quantity)
        .unwrap_or_else(|| panic!("{quantity} is not reported"));
    q.sides
        .iter()
        .map(|s| format!("{}: {}", s.sources.join(", "), s.values.join(", ")))
        .collect()
}

#[test]
fn the_figure_audit_reports_the_corpus_disagreements() {
    let a = shipped(false);
    let disputed: Vec<&str> = a.disputes.iter().map(|q| q.quantity.as_str()).collect();
    assert_eq!(disputed, ["killed-dictatorship"]);
    assert_eq!(
        sides(&a, "killed-dictatorship"),
        // "Thousands" understates "tens of thousands" and allows 3,000; 3,000
        // and "probably tens of thousands" disagree.
        [
            "saunois-2013, wsws-2023, flakin-2019: thousands, Thousands, 3,000",
            "saunois-2013, wsws-2023, fi-1973: thousands, Thousands, probably tens of thousands",
        ]
    );
    let killed = a
        .disputes
        .iter()
        .find(|q| q.quantity == "killed-dictatorship")
        .unwrap();
    assert!(killed.self_contradicting.is_empty());
    assert!(a.quantities.is_none() && a.outside.is_none());
}

#[test]
fn the_figure_audit_lists_every_quantity_and_what_is_in_none() {
    let a = shipped(true);
    // 36.3% and "about 37%" agree: about 37% covers 36.3%.
    assert_eq!(
        sides(&a, "vote-1970"),
        ["bensaid-2023, saunois-2013: about 37%, 36.3%"]
    );
    assert_eq!(
        sides(&a, "exiled-dictatorship"),
        ["flakin-2019: tens of thousands"]
    );
    assert_eq!(
        sides(&a, "tortured-dictatorship"),
        ["wsws-2023: around 30,000"]
    );
    assert_eq!(
        sides(&a, "demonstrators-1973"),
        ["bensaid-2023, saunois-2013: 700,000, Up to one million"]
    );
    let outside: Vec<(String, String)> = a
        .outside
        .as_ref()
        .unwrap()
        .iter()
        .map(|f| (f.source.clone(), f.value.clone()))
        .collect();
    // Argentina's disappeared, a goal and a plan are in no quantity.
    for (source, value) in [
        ("bensaid-2023", "30,000"),
        ("saunois-2013", "66%"),
        ("saunois-2013", "nearly 100"),
    ] {
        assert!(
            outside.contains(&(source.to_string(), value.to_string())),
            "{source} {value}: {outside:?}"
        );
    }
    // Every corpus figure is in a quantity (on one side or more) or in the
    // list of none.
    let stated: usize = a
        .quantities
        .iter()
        .flatten()
        .map(|q| {
            let mut figures: Vec<String> = q
                .sides
                .iter()
                .flat_map(|s| &s.figures)
                .map(|f| format!("{} {:?}", f.source, f.span))
                .collect();
            figures.sort();
            figures.dedup();
            figures.len()
        })
        .sum();
    assert_eq!(stated, a.summary.figures);
}

#[test]
fn corpus_audit_shows_dates_and_figures() {
    let o = provlint(&repo(), &["corpus", "audit", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    // The date audit's document, unchanged, with the figures beside it.
    assert!(doc["disputes"][0]["event"].is_string(), "{doc}");
    assert_eq!(
        doc["figures"]["disputes"][0]["quantity"],
        "killed-dictatorship"
    );
    let dates = provlint(&repo(), &["corpus", "audit", "--dates", "--format", "json"]);
    let doc: Value = serde_json::from_str(&stdout(&dates)).unwrap();
    assert!(doc.get("figures").is_none());
    let figures = provlint(&repo(), &["corpus", "audit", "--figures"]);
    let text = stdout(&figures);
    assert!(text.starts_with("killed-dictatorship: "), "{text}");
    assert!(
        text.trim_end().ends_with("5 sources; 14 in the catalog)"),
        "{text}"
    );
    let all = provlint(&repo(), &["corpus", "audit", "--figures", "--all"]);
    assert!(stdout(&all).contains("Figures of no quantity in the catalog:"));
}

#[test]
fn extract_shows_each_figures_quantity() {
    let draft = "Allende won 36.6% of the vote in 1970. In 1956, 30,000 Hungarians died.\n";
    let dir = workdir(&[("d.md", draft)]);
    let o = provlint(dir.path(), &["extract", "--format", "json", "d.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let figures: Vec<&Value> = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "figure")
        .collect();
    assert_eq!(figures[0]["quantity"], "vote-1970");
    assert_eq!(figures[0]["measures"][0], "vote");
    assert_eq!(figures[1]["quantity"], Value::Null);
    assert_eq!(figures[1]["places"][0], "hungary");
}

#[test]
fn a_user_catalog_adds_and_replaces_quantities() {
    // A quantity of the user's: the countries the CWI is organised in
    // (saunois-2013: 45), which the built-in catalog leaves out.
    let catalog = r#"
[[quantity]]
id = "cwi-countries"
label = "the number of countries the CWI is organised in"
unit = "count"
counts = ["countries"]
place = "chile"
years = [2013, 2013]
cues = ["CWI"]

[[quantity]]
id = "vote-1970"
label = "Allende's share in 1970, named in full"
unit = "percent"
measure = "vote"
place = "chile"
years = [1970, 1970]
cues = ["Salvador Allende"]
"#;
    let draft = "According to its website, the CWI is organised in 60 countries.\n\nAllende won 38% of the vote in 1970.\n";
    let dir = workdir(&[("rules/quantities.toml", catalog), ("d.md", draft)]);
    let o = provlint(dir.path(), &["check", "--format", "concise", "d.md"]);
    let out = stdout(&o);
    assert!(
        out.contains("d.md:1:51: warning[figure::conflict] figure “60 countries” disagrees with the corpus, which gives 45 (saunois-2013)"),
        "{out}{}",
        stderr(&o)
    );
    // The user's vote-1970 needs "Salvador Allende": nothing to compare.
    assert!(!out.contains("38%"), "{out}");
    let audit = provlint(dir.path(), &["corpus", "audit", "--figures", "--all"]);
    assert!(stdout(&audit).contains("cwi-countries: "));
}

#[test]
fn a_malformed_quantity_catalog_is_an_error_at_its_position() {
    let catalog = "[[quantity]]\nid = \"q\"\nlabel = \"Q\"\nunit = \"count\"\nmeasure = \"vanquished\"\nplace = \"chile\"\nyears = [1973, 1990]\n";
    let dir = workdir(&[("rules/quantities.toml", catalog), ("d.md", "Text.\n")]);
    let o = provlint(dir.path(), &["check", "d.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("quantities::invalid"), "{err}");
    assert!(err.contains("no measure `vanquished`"), "{err}");
    assert!(err.contains("quantities.toml:5:11"), "{err}");
}

#[test]
fn explain_documents_quantities_and_the_disputed_rule() {
    for (arg, needle) in [
        ("quantities", "rules/quantities.toml"),
        ("figure::disputed", "Default severity: warning"),
        ("figure::conflict", "another election"),
        ("figures", "tens of thousands"),
    ] {
        let o = provlint(&repo(), &["explain", arg]);
        assert!(o.status.success(), "{arg}: {}", stderr(&o));
        assert!(stdout(&o).contains(needle), "{arg}: {}", stdout(&o));
    }
}
