//! The date features as a user runs them: `provlint extract`, `check
//! --as-of`, `corpus audit`, a user's event catalog, `explain`.

use serde_json::Value;

mod common;
use common::{provlint, repo, stderr, stdout, workdir};

#[test]
fn extract_lists_dates_with_values_granularity_and_claims() {
    let draft = "The Tanquetazo of 29 June 1973 came months before the coup, which came on Tuesday, 11 September 1973. Allende was elected president in September-October 1970.\n\nHe wrote that “the coup was planned in the headquarters of the CIA”.\n";
    let dir = workdir(&[("d.md", draft)]);
    let o = provlint(dir.path(), &["extract", "--format", "json", "d.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let items = doc["items"].as_array().unwrap();
    let dates: Vec<&Value> = items.iter().filter(|i| i["kind"] == "date").collect();
    let summary: Vec<(String, String, String)> = dates
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap().to_string(),
                d["value"].as_str().unwrap().to_string(),
                d["granularity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        summary,
        vec![
            s("29 June 1973", "1973-06-29", "day"),
            s("Tuesday, 11 September 1973", "1973-09-11", "day"),
            s("September-October 1970", "1970-09/1970-10", "range"),
        ]
    );
    // Spans are exact byte offsets into the draft.
    for d in &dates {
        let (a, b) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&draft[a..b], d["text"].as_str().unwrap());
    }
    assert_eq!(dates[1]["weekday"], "Tuesday");
    // Each date says which event it dates: two events in one sentence.
    let claims = |i: usize| -> Vec<(String, String)> {
        dates[i]["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["event"].as_str().unwrap().to_string(),
                    c["date"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        claims(0),
        vec![("tanquetazo-1973".to_string(), "1973-06-29".to_string())]
    );
    assert_eq!(
        claims(1),
        vec![("coup-1973".to_string(), "1973-09-11".to_string())]
    );
    assert_eq!(
        claims(2),
        vec![(
            "allende-election-1970".to_string(),
            "1970-09/1970-10".to_string()
        )]
    );
    // Quotations are still listed, in document order after the dates.
    assert_eq!(items.last().unwrap()["kind"], "quotation");
}

#[test]
fn as_of_sets_the_date_of_a_draft_without_one() {
    let draft =
        "46 years ago today, the Chilean military overthrew President Allende in a bloody coup.\n";
    let dir = workdir(&[("d.md", draft)]);
    let ok = provlint(
        dir.path(),
        &["check", "--format", "json", "--as-of", "2019-09-11", "d.md"],
    );
    let doc: Value = serde_json::from_str(&stdout(&ok)).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 0, "{doc}");

    let late = provlint(
        dir.path(),
        &["check", "--format", "json", "--as-of", "2023-09-11", "d.md"],
    );
    let doc: Value = serde_json::from_str(&stdout(&late)).unwrap();
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["date::anniversary"]);

    // The front matter's date comes first.
    let dated = format!("---\ndate: 2019-09-11\n---\n{draft}");
    std::fs::write(dir.path().join("dated.md"), dated).unwrap();
    let o = provlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--as-of",
            "2023-09-11",
            "dated.md",
        ],
    );
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 0, "{doc}");

    let bad = provlint(dir.path(), &["check", "--as-of", "2019-02-30", "d.md"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
}

#[test]
fn a_malformed_catalog_is_an_error_at_its_position() {
    let catalog = "[[event]]\nid = \"my-event\"\nlabel = \"Mine\"\npatterns = [\"* coup\"]\n";
    let dir = workdir(&[("rules/events.toml", catalog), ("d.md", "Text.\n")]);
    let o = provlint(dir.path(), &["check", "d.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("events::invalid"), "{err}");
    assert!(err.contains("cannot begin or end with `*`"), "{err}");
    assert!(err.contains("events.toml:4:13"), "{err}");
}

#[test]
fn a_user_catalog_extends_the_built_in_one() {
    let catalog =
        "[[event]]\nid = \"golpe-1973\"\nlabel = \"el golpe\"\npatterns = [\"golpe de Estado\"]\n";
    let draft = "El golpe de Estado of 11 October 1973 ended the Popular Unity.\n";
    let dir = workdir(&[("rules/events.toml", catalog), ("d.md", draft)]);
    let o = provlint(dir.path(), &["extract", "--format", "json", "d.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["items"][0]["claims"][0]["event"], "golpe-1973");
    // The event is the user's: the corpus does not date it, so no finding.
    let o = provlint(dir.path(), &["check", "--format", "json", "d.md"]);
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["summary"]["errors"], 0, "{doc}");
}

#[test]
fn corpus_audit_reports_three_disagreements() {
    let o = provlint(&repo(), &["corpus", "audit", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let events: Vec<&str> = doc["disputes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        vec!["tanquetazo-1973", "guatemala-1954", "uruguay-coup-1973"]
    );
    assert!(doc.get("events").is_none());
    let all = provlint(&repo(), &["corpus", "audit", "--all"]);
    assert!(stdout(&all).contains("Every dated claim, by event:"));
    assert!(
        stdout(&all).contains("lorry-strike-1972: the lorry owners' strike — 5 claims, agreed")
    );
}

#[test]
fn explain_documents_the_date_rules_and_topics() {
    for (arg, needle) in [
        ("date::conflict", "Default severity: error"),
        ("date::disputed", "Default severity: warning"),
        ("date::invalid", "29 February 1973"),
        ("date::weekday", "11 September 1973 was a Tuesday"),
        ("date::anniversary", "--as-of"),
        ("dates", "XXXX-09-11"),
        ("events", "rules_dir"),
    ] {
        let o = provlint(&repo(), &["explain", arg]);
        assert!(o.status.success(), "{arg}: {}", stderr(&o));
        assert!(stdout(&o).contains(needle), "{arg}: {}", stdout(&o));
    }
    let list = stdout(&provlint(&repo(), &["explain"]));
    for code in [
        "date::conflict",
        "date::disputed",
        "date::invalid",
        "date::weekday",
        "date::anniversary",
    ] {
        assert!(list.contains(code), "{list}");
    }
}
