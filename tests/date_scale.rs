//! The date check on a large corpus: claims are found once per corpus and
//! reused, every source is counted, and the evidence shown stays readable.

use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::draft::Draft;
use provlint::text::Format;
use std::path::Path;
use std::sync::Arc;

fn corpus() -> Corpus {
    let texts: Vec<(String, String)> = (0..300)
        .map(|i| {
            let text = match i {
                0 => "The coup of 12 September 1973 ended the Popular Unity.".to_string(),
                i if i % 3 == 0 => {
                    "The lorry owners' strike of October 1972 came first.".to_string()
                }
                _ => format!("Source {i}: the coup of 11 September 1973 ended the Popular Unity."),
            };
            (format!("s{i:03}"), text)
        })
        .collect();
    let items: Vec<(&str, &str, Format)> = texts
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_str(), Format::Text))
        .collect();
    Corpus::from_texts(&items)
}

/// The date findings (the drafts here repeat sources word for word, which
/// the copied-text check reports too).
fn date_findings(
    report: provlint::diagnostic::FileReport,
) -> Vec<provlint::diagnostic::Diagnostic> {
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.code.starts_with("date::"))
        .collect()
}

#[test]
fn a_large_corpus_is_read_once_counted_whole_and_shown_in_part() {
    let corpus = corpus();
    let settings = Settings::defaults(Path::new("."));
    let catalog = &settings.events;
    // One reading of the corpus, reused by every draft.
    let first = catalog.corpus_dates(&corpus);
    assert!(Arc::ptr_eq(&first, &catalog.corpus_dates(&corpus)));
    let coup = catalog.find("coup-1973").unwrap();
    assert_eq!(first.claims_for(coup).len(), 201);

    let draft = Draft::new(
        "d.md",
        "The coup of 13 September 1973 ended the Popular Unity.\n",
        Format::Markdown,
    );
    let report = date_findings(provlint::checks::check(&draft, &corpus, &settings));
    assert_eq!(report.len(), 1);
    let d = &report[0];
    assert_eq!(d.code, "date::conflict");
    assert!(
        d.message
            .contains("every source that dates it (201 sources)"),
        "{}",
        d.message
    );
    // Five passages for 11 September, one for 12 September.
    assert_eq!(d.related.len(), 6);
    assert!(
        d.help.as_deref().unwrap().contains("and 195 more"),
        "{:?}",
        d.help
    );

    // The lone source's reading: a warning, with the majority shown in part.
    let draft = Draft::new(
        "e.md",
        "The coup of 12 September 1973 ended the Popular Unity.\n",
        Format::Markdown,
    );
    let report = date_findings(provlint::checks::check(&draft, &corpus, &settings));
    assert_eq!(report.len(), 1);
    let d = &report[0];
    assert_eq!(
        (d.code, d.severity),
        ("date::disputed", provlint::diagnostic::Severity::Warning)
    );
    assert!(
        d.message
            .contains("1 source says 12 September 1973 (s000), 200 sources say 11 September 1973"),
        "{}",
        d.message
    );
    assert_eq!(d.related.len(), 6);
    // The reading was computed once and is the same object.
    assert!(std::ptr::eq(first.readings(coup), first.readings(coup)));
}

#[test]
fn many_dissenting_passages_are_named_in_part_and_counted() {
    // Twenty sources give the majority's date, eight another: a note on a
    // draft that follows the majority names five of the eight, then counts.
    let texts: Vec<(String, String)> = (0..28)
        .map(|i| {
            let day = if i < 8 { 12 } else { 11 };
            (
                format!("s{i:02}"),
                format!("Source {i}: the coup of {day} September 1973 ended the Popular Unity."),
            )
        })
        .collect();
    let items: Vec<(&str, &str, Format)> = texts
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_str(), Format::Text))
        .collect();
    let corpus = Corpus::from_texts(&items);
    let settings = Settings::defaults(Path::new("."));
    let draft = Draft::new(
        "f.md",
        "The coup of 11 September 1973 ended the Popular Unity.\n",
        Format::Markdown,
    );
    let report = date_findings(provlint::checks::check(&draft, &corpus, &settings));
    assert_eq!(report.len(), 1, "{report:#?}");
    let m = &report[0].message;
    assert!(
        m.contains("most say 11 September 1973, as the draft does"),
        "{m}"
    );
    assert_eq!(
        m.matches("(line 1) says 12 September 1973").count(),
        5,
        "{m}"
    );
    assert!(
        m.contains("s00 (line 1)") && m.contains("s04 (line 1)") && !m.contains("s05"),
        "{m}"
    );
    assert!(m.ends_with("and 3 more passages disagree"), "{m}");
}
