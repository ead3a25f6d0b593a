use super::*;
use crate::corpus::Corpus;
use crate::draft::Draft;
use std::path::Path;

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        Corpus::load(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .as_path(),
        )
        .unwrap()
    })
}

fn credits(md: &str) -> (Draft, Credits) {
    let draft = Draft::new("d.md", md, crate::text::Format::Markdown);
    let c = Credits::find(&draft, corpus());
    (draft, c)
}

/// `(kind, key, source ids)` of every credit.
fn summary(c: &Credits) -> Vec<(CreditKind, String, String)> {
    c.items
        .iter()
        .map(|c| {
            (
                c.kind,
                c.key.clone(),
                c.sources
                    .iter()
                    .map(|s| corpus().source(*s).id())
                    .collect::<Vec<_>>()
                    .join(","),
            )
        })
        .collect()
}

/// The source ids covering the first occurrence of `needle`.
fn covering(draft: &Draft, c: &Credits, needle: &str) -> (usize, Vec<String>) {
    let at = draft
        .doc
        .prose
        .text()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the prose"));
    let cover = c.covering(at);
    (
        cover.credits.len(),
        cover
            .sources
            .iter()
            .map(|s| corpus().source(*s).id().to_string())
            .collect(),
    )
}

#[test]
fn pandoc_citations_resolve_by_id() {
    let (_, c) = credits(
        "Text [@flakin-2019]. More [@fi-1973, p. 3]. Both [see @saunois-2013; @wsws-2023]. Typo [@flakn-2019]. Mail a@b.org.",
    );
    let s = summary(&c);
    assert_eq!(
        s,
        vec![
            (
                CreditKind::Citation,
                "flakin-2019".into(),
                "flakin-2019".into()
            ),
            (CreditKind::Citation, "fi-1973".into(), "fi-1973".into()),
            (
                CreditKind::Citation,
                "saunois-2013".into(),
                "saunois-2013".into()
            ),
            (CreditKind::Citation, "wsws-2023".into(), "wsws-2023".into()),
            (CreditKind::Citation, "flakn-2019".into(), "".into()),
        ]
    );
    assert_eq!(c.items[1].locator.as_deref(), Some("p. 3"));
    assert_eq!(
        c.items[4].suggestion.map(|s| corpus().source(s).id()),
        Some("flakin-2019")
    );
    assert_eq!(c.brackets.len(), 4);
}

#[test]
fn a_citation_covers_its_sentence_only() {
    let (d, c) = credits(
        "Flakin wrote about the coup. It was brutal. Pinochet massacred 3,000 leftists.\n\nThe army killed many [@flakin-2019]. Later, 30,000 were tortured.\n",
    );
    // An attribution two sentences earlier does not cover it.
    assert_eq!(covering(&d, &c, "3,000").0, 0);
    assert_eq!(covering(&d, &c, "many").1, vec!["flakin-2019"]);
    assert_eq!(covering(&d, &c, "30,000").0, 0);
}

#[test]
fn a_citation_after_the_period_covers_the_sentence_before() {
    let (d, c) = credits("First claim here. Pinochet massacred 3,000 leftists. [@flakin-2019]\n");
    assert_eq!(covering(&d, &c, "3,000").1, vec!["flakin-2019"]);
    assert_eq!(covering(&d, &c, "First").0, 0);
}

#[test]
fn footnotes_resolve_by_their_definitions() {
    let (d, c) = credits(
        "One claim here.[^a] Pinochet massacred 3,000 leftists. Then 700,000 marched.[^b]\n\nNo footnote here, 100 sailors.[^c]\n\n[^a]: Nathaniel Flakin, Left Voice, 2019.\n[^b]: “Remembering September 11, 1973”, Anti*Capitalist Resistance.\n[^c]: Smith, *A History of Chile*, p. 12.\n",
    );
    let s = summary(&c);
    assert!(
        s.contains(&(CreditKind::Footnote, "a".into(), "flakin-2019".into())),
        "{s:?}"
    );
    assert!(
        s.contains(&(CreditKind::Footnote, "b".into(), "bensaid-2023".into())),
        "{s:?}"
    );
    assert!(
        s.contains(&(CreditKind::Footnote, "c".into(), "".into())),
        "{s:?}"
    );
    // A work outside the corpus: a credit all the same.
    let outside = c.items.iter().find(|x| x.key == "c").unwrap();
    assert!(outside.is_external() && !outside.claims_corpus);
    // [^a] covers its sentence; [^b] ends the paragraph and covers all of it.
    assert_eq!(
        covering(&d, &c, "One claim").1,
        vec!["bensaid-2023", "flakin-2019"]
    );
    assert_eq!(covering(&d, &c, "3,000").1, vec!["bensaid-2023"]);
    assert_eq!(covering(&d, &c, "700,000").1, vec!["bensaid-2023"]);
}

#[test]
fn explanatory_footnotes_are_not_references() {
    let (_, c) = credits("A claim.[^1]\n\n[^1]: This is contested among historians.\n");
    let f = &c.items[0];
    assert_eq!(f.kind, CreditKind::Footnote);
    assert!(!f.resolved());
    assert!(!f.claims_corpus);
}

#[test]
fn links_resolve_by_url() {
    let (d, c) = credits(
        "As [International Viewpoint](https://internationalviewpoint.org/spip.php?article9168) put it, 5,000 died. See <https://example.org/x> and https://anticapitalistresistance.org/wrong/.\n",
    );
    let s = summary(&c);
    assert_eq!(s[0].0, CreditKind::Link);
    assert_eq!(s[0].2, "fi-1973");
    assert_eq!(covering(&d, &c, "5,000").1, vec!["fi-1973"]);
    let other = c
        .items
        .iter()
        .find(|x| x.key.contains("example.org"))
        .unwrap();
    assert!(other.is_external());
    // Another page of a corpus source's site is another work.
    let same_site = c.items.iter().find(|x| x.key.contains("wrong")).unwrap();
    assert!(same_site.is_external() && !same_site.claims_corpus);
}

#[test]
fn prose_attributions_name_authors_and_publications() {
    let (d, c) = credits(
        "As Flakin wrote, 3,000 leftists were massacred. According to the Fourth International, thousands died. Left Voice reported that 100 sailors were arrested; others say 200. In Bensaïd's account, 700,000 marched. The US Ambassador cabled that 36.3% voted. \"It was over,\" wrote Saunois.\n",
    );
    let s = summary(&c);
    let attributed: Vec<(String, String)> = s
        .iter()
        .filter(|x| x.0 == CreditKind::Attribution)
        .map(|x| (x.1.clone(), x.2.clone()))
        .collect();
    assert_eq!(
        attributed,
        vec![
            ("Flakin".into(), "flakin-2019".into()),
            ("Fourth International".into(), "fi-1973".into()),
            ("Left Voice".into(), "flakin-2019".into()),
            ("others".into(), "".into()),
            ("Bensaïd's".into(), "bensaid-2023".into()),
            ("The US Ambassador".into(), "".into()),
            ("Saunois".into(), "saunois-2013".into()),
        ]
    );
    assert_eq!(covering(&d, &c, "3,000").1, vec!["flakin-2019"]);
    assert_eq!(covering(&d, &c, "thousands").1, vec!["fi-1973"]);
    assert_eq!(covering(&d, &c, "100 sailors").1, vec!["flakin-2019"]);
    // After the semicolon, another clause: "others say" credits no source.
    let (n, sources) = covering(&d, &c, "200");
    assert_eq!((n, sources.len()), (1, 0));
    assert_eq!(covering(&d, &c, "700,000").1, vec!["bensaid-2023"]);
}

#[test]
fn a_coordinated_verb_credits_someone() {
    let (d, c) = credits("He stood with the workers and said that 80 percent were Hispanic.\n");
    let (n, sources) = covering(&d, &c, "80 percent");
    assert_eq!((n, sources.len()), (1, 0));
}

#[test]
fn a_name_after_its_verb_may_take_an_article() {
    for text in [
        "By the time of the coup, said The Socialist, over 40% of the economy was publicly owned.\n",
        "By the time of the coup, wrote the Fourth International, over 40% of the economy was publicly owned.\n",
    ] {
        let (d, c) = credits(text);
        let (n, sources) = covering(&d, &c, "40%");
        assert_eq!(n, 1, "{text}");
        assert_eq!(sources.len(), 1, "{text}: {sources:?}");
    }
    // A name the manifest does not know: a work outside the corpus.
    let (d, c) =
        credits("By then, said the New York Times, over 40% of the economy was publicly owned.\n");
    assert_eq!(covering(&d, &c, "40%"), (1, Vec::new()));
    // Not a name at all.
    let (d, c) =
        credits("By then, said the minister, over 40% of the economy was publicly owned.\n");
    assert_eq!(covering(&d, &c, "40%"), (0, Vec::new()));
}

#[test]
fn pronouns_stand_for_the_last_author_named() {
    let (d, c) = credits("Nathaniel Flakin is a historian. He writes that 3,000 leftists died.\n");
    assert_eq!(covering(&d, &c, "3,000").1, vec!["flakin-2019"]);
}

#[test]
fn look_alikes_are_not_attributions() {
    let (_, c) = credits(
        "The United States backed the coup. Latin American states were ruled by juntas. He lived in the Left Voice office. As I wrote, it was 37 per cent.\n",
    );
    let s = summary(&c);
    assert!(s.is_empty(), "{s:?}");
}

#[test]
fn blockquotes_take_the_credit_before_or_inside_them() {
    let (d, c) = credits(
        "As the World Socialist Web Site wrote:\n\n> Thousands of political opponents were killed.\n\nAnd then:\n\n> Six of us were lost as if into starry space.\n>\n> — Víctor Jara, as quoted by the World Socialist Web Site\n",
    );
    assert_eq!(covering(&d, &c, "Thousands").1, vec!["wsws-2023"]);
    assert_eq!(covering(&d, &c, "Six of us").1, vec!["wsws-2023"]);
}

#[test]
fn numbered_markers_credit_what_they_close() {
    let (d, c) = credits(
        "Over 300,000 Angolans died.[12] Then 7000 soldiers fell.<sup>[3]</sup> And 500 more.<sup>4</sup> Not a marker: [the year 1999] or [link](https://x.org/a).\n\nAn unmarked 40 officers.\n",
    );
    let markers: Vec<&str> = c
        .items
        .iter()
        .filter(|x| x.kind == CreditKind::Marker)
        .map(|x| x.key.as_str())
        .collect();
    assert_eq!(markers, vec!["12", "3", "4"]);
    assert!(
        c.items
            .iter()
            .filter(|x| x.kind == CreditKind::Marker)
            .all(Credit::is_external)
    );
    // Each covers its sentence, and is no claim of its own.
    assert_eq!(covering(&d, &c, "300,000").0, 1);
    assert_eq!(covering(&d, &c, "7000").0, 1);
    assert_eq!(covering(&d, &c, "500").0, 1);
    assert_eq!(covering(&d, &c, "40 officers").0, 0);
    let twelve = d.doc.prose.text().find("[12]").unwrap();
    assert!(c.in_brackets(twelve + 1));
}

#[test]
fn an_undefined_footnote_is_neither_a_source_nor_an_outside_work() {
    let (_, c) = credits("The cordones were organs of dual power.[^missing]\n");
    let f = &c.items[0];
    assert!(f.is_undefined_footnote() && !f.is_external() && !f.claims_corpus);
}

#[test]
fn a_possessive_pronoun_before_a_statement_noun_credits_whoever_it_stands_for() {
    let (d, c) = credits(
        "The CIA sent Dan Mitrione. His motto: \"The precise pain, in the precise place.\"\n\nIn his 1987 speech he promised more.\n\nFlakin is a historian. In his words, \"the army\" was ready.\n",
    );
    let s = summary(&c);
    assert!(
        s.contains(&(CreditKind::Attribution, "His".into(), "".into())),
        "{s:?}"
    );
    assert_eq!(covering(&d, &c, "The precise pain").0, 1);
    assert!(
        s.contains(&(CreditKind::Attribution, "his".into(), "".into())),
        "{s:?}"
    );
    // After a corpus author, the pronoun is theirs.
    assert_eq!(covering(&d, &c, "\"the army\"").1, vec!["flakin-2019"]);
}

#[test]
fn an_ordinal_may_begin_the_name_after_according_to() {
    let (_, c) = credits(
        "According to the 14th Dalai Lama, the CIA helped. According to 2019 figures, it did.\n",
    );
    let s = summary(&c);
    assert_eq!(
        s,
        vec![(CreditKind::Attribution, "14th Dalai Lama".into(), "".into())],
        "{s:?}"
    );
}

#[test]
fn a_name_that_ends_with_a_sources_name_is_another_name() {
    // Amnesty International is not the Fourth International's publication,
    // "International", even at the start of a sentence.
    let (d, c) =
        credits("Amnesty International stated that Bachelet had \"failed to condemn\" it.\n");
    assert!(covering(&d, &c, "failed").1.is_empty());
    let (d, c) = credits("International Viewpoint stated that \"the coup\" came.\n");
    assert_eq!(covering(&d, &c, "the coup").1, vec!["fi-1973"]);
}
