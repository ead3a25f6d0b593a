//! `provlint corpus audit` on the shipped corpus: exactly the disagreements
//! the sources really have, with each side's sources, lines and dates.

use provlint::corpus::Corpus;
use provlint::events::Catalog;
use provlint::events::audit::{Audit, AuditClaim, audit};
use std::path::Path;

fn shipped() -> Audit {
    let corpus = Corpus::load(Path::new("corpus")).expect("the shipped corpus loads");
    audit(&corpus, &Catalog::builtin(), true, 1)
}

/// `(source, line, the source's words for the date)`.
fn claim(c: &AuditClaim) -> (String, usize, String) {
    let corpus = Corpus::load(Path::new("corpus")).unwrap();
    let idx = corpus.find(&c.source).unwrap();
    let text = &corpus.source(idx).text()[c.date_span.start..c.date_span.end];
    (
        c.source.clone(),
        c.date_span.line,
        text.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// Each side of a disputed event as one line: `value: sources | source:line
/// words; ...`.
fn sides(a: &Audit, event: &str) -> Vec<String> {
    let e = a
        .disputes
        .iter()
        .find(|e| e.event == event)
        .unwrap_or_else(|| panic!("{event} is not reported"));
    e.sides
        .iter()
        .map(|s| {
            let claims: Vec<String> = s
                .claims
                .iter()
                .map(|c| {
                    let (src, line, text) = claim(c);
                    format!("{src}:{line} {text}")
                })
                .collect();
            format!(
                "{}: {} | {}",
                s.value,
                s.sources.join(", "),
                claims.join("; ")
            )
        })
        .collect()
}

#[test]
fn the_audit_reports_exactly_the_corpus_disagreements() {
    let a = shipped();
    let events: Vec<&str> = a.disputes.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(
        events,
        vec!["tanquetazo-1973", "guatemala-1954", "uruguay-coup-1973"],
        "the disputed events, in catalog order"
    );
    assert_eq!(a.summary.disputes, 3);

    // fi-1973 says 20 June in one paragraph, 29 June in a later one;
    // flakin-2019 says June 29, 1973.
    assert_eq!(
        sides(&a, "tanquetazo-1973"),
        vec![
            "1973-06-29: fi-1973, flakin-2019 | fi-1973:45 29 June; flakin-2019:16 June 29, 1973",
            "1973-06-20: fi-1973 | fi-1973:25 20 June 1973",
        ]
    );
    // 1954 in one place, 1964 in another, both fi-1973.
    assert_eq!(
        sides(&a, "guatemala-1954"),
        vec![
            "1954: fi-1973 | fi-1973:59 1954",
            "1964: fi-1973 | fi-1973:75 1964"
        ]
    );
    // bensaid-2023: June 1973; fi-1973: "a blow in July in Uruguay" (its
    // year from the other claims, which all say 1973).
    assert_eq!(
        sides(&a, "uruguay-coup-1973"),
        vec![
            "1973-06: bensaid-2023 | bensaid-2023:65 June 1973",
            "1973-07: fi-1973 | fi-1973:55 July",
        ]
    );

    let by_id = |id: &str| a.disputes.iter().find(|e| e.event == id).unwrap();
    assert_eq!(by_id("tanquetazo-1973").self_contradicting, vec!["fi-1973"]);
    assert_eq!(by_id("guatemala-1954").self_contradicting, vec!["fi-1973"]);
    assert!(by_id("uruguay-coup-1973").self_contradicting.is_empty());
    // The month-level passages agree with both days and take no side.
    let neutral: Vec<&str> = by_id("tanquetazo-1973")
        .neutral
        .iter()
        .map(|c| c.source.as_str())
        .collect();
    for s in ["bensaid-2023", "saunois-2013", "wsws-2023"] {
        assert!(neutral.contains(&s), "{s} should agree with every side");
    }
    let uruguay_neutral: Vec<(String, usize, String)> = by_id("uruguay-coup-1973")
        .neutral
        .iter()
        .map(claim)
        .collect();
    assert_eq!(
        uruguay_neutral,
        vec![("wsws-2023".to_string(), 92, "1973".to_string())]
    );
}

#[test]
fn every_catalog_event_is_dated_and_the_agreed_ones_agree() {
    let a = shipped();
    let events = a.events.as_ref().unwrap();
    // Every event in the built-in catalog is one the corpus dates.
    assert_eq!(a.summary.dated_events, a.summary.catalog_events);
    let values = |id: &str| -> Vec<String> {
        let e = events.iter().find(|e| e.event == id).unwrap();
        e.claims
            .as_ref()
            .unwrap()
            .iter()
            .map(|c| c.value.clone())
            .collect()
    };
    // The lorry owners' strike: October 1972 in three sources, 1972 in one.
    assert_eq!(
        values("lorry-strike-1972"),
        vec!["1972-10", "1972", "1972-10", "1972-10", "1972-10"]
    );
    // The copper nationalisation is dated only as an anniversary: the day
    // and month of a 2011 strike, never its year.
    assert_eq!(values("copper-nationalisation-1971"), vec!["XXXX-07-11"]);
    // Every claim about the coup says 11 September 1973, or less.
    for v in values("coup-1973") {
        assert!(
            ["1973-09-11", "1973-09", "1973"].contains(&v.as_str()),
            "coup dated {v}"
        );
    }
    assert_eq!(values("mir-founding-1965"), vec!["1964/1965", "1965"]);
    assert_eq!(values("dictatorship-end-1990"), vec!["1990"]);
    assert_eq!(values("enriquez-murder-1974"), vec!["1974-10"]);
    assert_eq!(values("jara-murder-1973"), vec!["XXXX-09-16"]);
}

#[test]
fn the_human_report_names_every_side() {
    let text = provlint::events::audit::render_human(&shipped());
    for needle in [
        "tanquetazo-1973: the Tanquetazo",
        "29 June 1973 — 2 sources (fi-1973, flakin-2019)",
        "20 June 1973 — 1 source (fi-1973)",
        "fi-1973 contradicts itself.",
        "1954 — 1 source (fi-1973)",
        "1964 — 1 source (fi-1973)",
        "June 1973 — 1 source (bensaid-2023)",
        "July 1973 — 1 source (fi-1973)",
        "“July in Uruguay” (no year in the text)",
        "provlint: the sources disagree on 3 events",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}
