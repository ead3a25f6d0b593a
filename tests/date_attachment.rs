//! Which event a date is about, on writing shaped as real articles are:
//! table rows, undated drafts, one source contradicting itself, and sources
//! that give a month without its year.

use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::diagnostic::{Diagnostic, Severity};
use provlint::draft::Draft;
use provlint::text::Format;
use std::path::Path;
use std::sync::OnceLock;

fn shipped() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| Corpus::load(Path::new("corpus")).expect("the shipped corpus loads"))
}

fn date_findings(draft: &str, corpus: &Corpus, settings: &Settings) -> Vec<Diagnostic> {
    let draft = Draft::new("d.md", draft, Format::Markdown);
    provlint::checks::check(&draft, corpus, settings)
        .diagnostics
        .into_iter()
        .filter(|d| d.code.starts_with("date::"))
        .collect()
}

fn summary(found: &[Diagnostic], draft: &str) -> Vec<(String, Severity, String)> {
    found
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.severity,
                draft[d.span.range()].to_string(),
            )
        })
        .collect()
}

#[test]
fn a_table_row_dates_the_one_event_it_names() {
    let settings = Settings::defaults(Path::new("."));
    let draft = "# Pinochet\n\n| Year | Event |\n|------|-------|\n| 11 October 1973 | Military coup against Allende |\n| 1975 | Operation Condor established |\n| 1973 | The coup, after the Tanquetazo |\n| 2006 | Dies in Santiago |\n";
    let found = date_findings(draft, shipped(), &settings);
    assert_eq!(
        summary(&found, draft),
        vec![(
            "date::conflict".to_string(),
            Severity::Error,
            "11 October 1973".to_string()
        )]
    );
}

#[test]
fn a_row_of_another_countrys_coup_is_not_chiles() {
    let settings = Settings::defaults(Path::new("."));
    let draft = "# Argentina's dictatorship\n\nArgentina's military seized power in 1976, three years after the coup in Chile.\n\n| Date | Event |\n|------|-------|\n| March 24, 1976 | Military coup; the junta takes power |\n| 2013 | Videla dies in prison |\n\nThe Argentine junta ruled until 1983, and Argentina returned to democracy.\n";
    assert_eq!(
        summary(&date_findings(draft, shipped(), &settings), draft),
        vec![]
    );
}

#[test]
fn an_undated_draft_gets_no_count_from_today() {
    // No front matter `date` and no --as-of: a count of years from "now"
    // has nothing to be counted against.
    let settings = Settings::defaults(Path::new("."));
    assert!(settings.as_of.is_none());
    let draft = "Forty years ago today, the military coup overthrew Allende.\n\nThis September marks the 20th anniversary of the coup.\n\nTwelve years on, the coup still divides Chile.\n";
    assert_eq!(
        summary(&date_findings(draft, shipped(), &settings), draft),
        vec![]
    );
    // With a date, the same counts are checked.
    let dated = format!("---\ndate: 2023-09-11\n---\n{draft}");
    let found = date_findings(&dated, shipped(), &settings);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.iter().all(|d| d.code == "date::anniversary"));
}

#[test]
fn one_source_contradicting_itself_is_a_note() {
    let settings = Settings::defaults(Path::new("."));
    // fi-1973 alone dates the overthrow of Árbenz: 1954 in one place, 1964
    // in another.
    let draft = "The overthrow of the Arbenz regime in Guatemala in 1954 was a lesson.\n";
    let found = date_findings(draft, shipped(), &settings);
    assert_eq!(
        summary(&found, draft),
        vec![(
            "date::disputed".to_string(),
            Severity::Info,
            "1954".to_string()
        )]
    );
    assert!(
        found[0].message.contains("contradicts itself"),
        "{}",
        found[0].message
    );
    // Independent sources that disagree are still a warning: flakin-2019
    // and fi-1973 say 29 June, fi-1973 also 20 June.
    let draft = "The Tanquetazo of 20 June 1973 was a dry run for the coup.\n";
    let found = date_findings(draft, shipped(), &settings);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn a_year_no_source_gives_conflicts_with_sources_that_give_the_month_only() {
    // Two sources give years (1964-65, 1965), which do not agree on one
    // year, so the third's month keeps no year.
    let corpus = Corpus::from_texts(&[
        (
            "a",
            "The Movement of the Revolutionary Left was born in 1964-65.",
            Format::Text,
        ),
        (
            "b",
            "The Movement of the Revolutionary Left was founded in 1965.",
            Format::Text,
        ),
        (
            "c",
            "The Movement of the Revolutionary Left was founded in August.",
            Format::Text,
        ),
    ]);
    let settings = Settings::defaults(Path::new("."));
    let draft = "The Movement of the Revolutionary Left was founded in August 1967.\n";
    let found = date_findings(draft, &corpus, &settings);
    assert_eq!(
        summary(&found, draft),
        vec![(
            "date::conflict".to_string(),
            Severity::Error,
            "August 1967".to_string()
        )]
    );
    // A year the sources give, in the month the third gives, agrees.
    let draft = "The Movement of the Revolutionary Left was founded in August 1965.\n";
    assert_eq!(
        summary(&date_findings(draft, &corpus, &settings), draft),
        vec![]
    );
}
