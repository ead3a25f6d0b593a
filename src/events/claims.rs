//! Dated claims: which event each date in a text is about.
//!
//! A claim is (event, date, span). Within a sentence, a date goes to:
//!
//! 1. the event whose phrase contains it or stands right next to it: `the
//!    failed June coup`, `the coup of 11 September 1973`, `the 1973 coup`,
//!    `the strike was called on 11 July 2011`, `a blow in July in Uruguay`;
//! 2. otherwise the nearest event phrase in its clause (or, when the clause
//!    names none, in its sentence), if the date is used as the time of
//!    something (`in June 1973`, `on 11 September`, `it was June 1973`) and
//!    the phrase is not a point of reference (`a few months before the
//!    coup`, `after the warning of the lorry drivers' strike`, `the 50th
//!    anniversary of the coup`).
//!
//! Dates that bound a period (`until August 1973`, `since 2011`, `between
//! June 1973 and ...`), alternatives (`in June or September`) and names
//! (`Chile's September 11`, unless a phrase of the catalog says what they
//! name) are not attached by nearness. An event introduced by `the same day`
//! after a date takes that date's day and month only: "a strike on 11 July
//! 2011, the same day Allende nationalised copper" dates the
//! nationalisation to 11 July, not to 2011.
//!
//! Everything here is a pure function of the text and the catalog, so a
//! source's claims can be computed once and kept.

use super::{Catalog, Hit, HitKind, Mention, Support, Word, words_of};
use crate::dates::DateValue;
use crate::dates::expr::{self, DateExpr};
use crate::dates::relative::{self, RelativeExpr};
use crate::span::Span;
use crate::text::tokenize::Token;
use serde::{Deserialize, Serialize};

/// How a date was attached to its event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Binding {
    /// Inside the phrase that names the event (`the failed June coup`).
    Inside,
    /// Next to it (`the coup of 11 September 1973`, `the 1973 coup`).
    Adjacent,
    /// The nearest event named in its clause or sentence.
    Nearest,
    /// `the same day` as the date: its day and month only.
    SameDay,
    /// The date heads a timeline row or list item that names the event
    /// and no other (`1973: Military coup against Allende`).
    Row,
}

/// A dated claim about an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Index of the event in the catalog.
    pub event: usize,
    /// The date claimed (the expression's value, or part of it).
    pub value: DateValue,
    /// Index of the date expression.
    pub date: usize,
    /// A second date of the same claim (`in 2019 and 2020`).
    pub also: Option<usize>,
    /// Index of the mention of the event.
    pub mention: usize,
    pub binding: Binding,
    /// The text gave no year; the year is the one every other claim about
    /// the event in the corpus agrees on (see `events::corpus`).
    pub year_from_corpus: bool,
}

/// What was found in one text.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Analysis {
    pub sentences: Vec<Span>,
    pub dates: Vec<DateExpr>,
    /// The sentence of each date.
    pub date_sentence: Vec<usize>,
    pub mentions: Vec<Mention>,
    pub mention_sentence: Vec<usize>,
    pub claims: Vec<Claim>,
    pub relatives: Vec<RelativeExpr>,
    pub relative_sentence: Vec<usize>,
}

impl Analysis {
    /// The prose span a claim covers: the event's phrase and the date, or
    /// the date alone when the two are far apart.
    pub fn claim_span(&self, c: &Claim) -> Span {
        let mut date = self.dates[c.date].span;
        if let Some(also) = c.also {
            date = date.cover(self.dates[also].span);
        }
        let both = date.cover(self.mentions[c.mention].span);
        if both.len() <= 160 { both } else { date }
    }

    /// The claims that use date `d`.
    pub fn claims_of_date(&self, d: usize) -> impl Iterator<Item = &Claim> {
        self.claims
            .iter()
            .filter(move |c| c.date == d || c.also == Some(d))
    }
}

/// Prepositions that tie a date to the phrase before it (`the coup of`,
/// `the strike was called on`).
const PREPOSITIONS: &[&str] = &["of", "on", "in", "at", "during", "for"];
/// Words that start another clause or phrase between an event and a date.
const CONJUNCTIONS: &[&str] = &[
    "and", "or", "but", "while", "whereas", "which", "who", "that", "when", "where", "because",
    "although", "though", "whether", "until", "since", "after", "before",
];
/// Words before a date that make it the time of something.
const POINT_GOVERNORS: &[&str] = &[
    "in", "on", "of", "during", "at", "for", "around", "circa", "ca", "c", "was", "were", "is",
    "came", "occurred", "happened", "took",
];
/// How many words nearer one event must be than another for a date between
/// them to go to it by nearness.
const CONTESTED: usize = 3;
/// Words that open a subordinate clause at the start of a sentence.
const SUBORDINATORS: &[&str] = &[
    "although", "though", "while", "whereas", "because", "since", "when", "whenever", "if", "once",
    "as", "after", "before", "until", "unless",
];
/// Words that make an event a point of reference rather than what the
/// sentence dates.
const ANCHORS: &[&str] = &[
    "before",
    "after",
    "since",
    "until",
    "till",
    "between",
    "following",
    "preceding",
    "prior",
    "anniversary",
    "anniversaries",
    "remember",
    "remembered",
    "remembering",
    "commemorate",
    "commemorated",
    "commemorating",
    "commemoration",
    "mark",
    "marked",
    "marks",
    "marking",
];
/// Words that make a date one end of a period.
const BOUNDARIES: &[&str] = &[
    "between",
    "until",
    "till",
    "since",
    "from",
    "after",
    "before",
    "through",
    "throughout",
];
const DETERMINERS: &[&str] = &["the", "a", "an"];
/// Words before a date that make it the date of a publication, not of the
/// event a title names (`Flakin's article ... on the coup appeared in 2019`).
const PUBLICATION: &[&str] = &[
    "published",
    "appeared",
    "written",
    "wrote",
    "released",
    "printed",
    "reprinted",
    "reissued",
    "republished",
    "translated",
    "posted",
    "broadcast",
];
/// The furthest (in words) a date is attached to the nearest event.
const MAX_DISTANCE: usize = 40;

/// Nouns of time a date after `of` belongs to (`the morning of 11
/// September`); after any other noun the date is that thing's (`the
/// Hungarian workers' revolt of 1956`, `the Nobel Prize winner of 1958`).
const TIME_NOUNS: &[&str] = &[
    "morning",
    "hour",
    "hours",
    "night",
    "evening",
    "afternoon",
    "dawn",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "end",
    "beginning",
    "start",
    "middle",
    "events",
];
/// A document in which descriptions (`the coup`) are about other events of
/// their kind in this many sentences at least, and in as many as name the
/// event itself, is about many such events (a list of coups, a career):
/// there, a description dates the event only with a qualifier in its clause.
const MANY: usize = 2;

/// What claims are read in: a sentence, or a table row with its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub span: Span,
    /// A table row's cells, in order (each is prose of its own); empty for
    /// a sentence.
    pub cells: Vec<Span>,
    /// A list item or a table row: a line of a profile or a timeline,
    /// whose subject may be the document's (`- 1945: Elected senator` in a
    /// profile of Allende).
    pub item: bool,
}

impl Unit {
    pub fn sentence(span: Span) -> Unit {
        Unit {
            span,
            cells: Vec::new(),
            item: false,
        }
    }
}

/// Finds the dates, the events and the claims of a text: `prose` split into
/// `sentences`, with its `tokens`.
pub fn analyze(prose: &str, sentences: &[Span], tokens: &[Token], catalog: &Catalog) -> Analysis {
    let units: Vec<Unit> = sentences.iter().map(|s| Unit::sentence(*s)).collect();
    analyze_units(prose, &units, tokens, catalog, &[])
}

/// One unit's words and what the catalog found in them.
struct Read {
    words: Vec<Word>,
    /// Words that may stand for what a `near` phrase asks for: the
    /// document's subject, in a list item or a table row.
    implied: Vec<Word>,
    item: bool,
    /// Word indices where a table row's second, third ... cell begins.
    cell_starts: Vec<usize>,
    hits: Vec<Hit>,
    dates: std::ops::Range<usize>,
    mentions: std::ops::Range<usize>,
}

impl Read {
    fn sentence<'a>(&'a self, prose: &'a str) -> Sentence<'a> {
        Sentence {
            prose,
            words: &self.words,
            implied: &self.implied,
            item: self.item,
            cell_starts: &self.cell_starts,
            dates: self.dates.clone(),
            mentions: self.mentions.clone(),
        }
    }
}

/// [`analyze`] for sentences and table rows: a row's cells are read as one
/// unit, so a date in one cell can date the event another names. `subject`
/// is the document's subject (its title's words): in a list item or a table
/// row it is what the line is about, so it counts for a pattern's `near`
/// words (`- October 1970: elected President` in a profile of Allende).
pub fn analyze_units(
    prose: &str,
    units: &[Unit],
    tokens: &[Token],
    catalog: &Catalog,
    subject: &[Word],
) -> Analysis {
    let mut out = Analysis {
        sentences: units.iter().map(|u| u.span).collect(),
        ..Analysis::default()
    };
    // A date never runs across cells.
    let pieces: Vec<Span> = units
        .iter()
        .flat_map(|u| {
            if u.cells.is_empty() {
                vec![u.span]
            } else {
                u.cells.clone()
            }
        })
        .collect();
    let dates = expr::in_sentences(prose, &pieces);
    let mut next_date = 0;
    let mut read: Vec<Read> = Vec::with_capacity(units.len());
    for (si, u) in units.iter().enumerate() {
        let first_date = next_date;
        while next_date < dates.len() && dates[next_date].span.start < u.span.end {
            out.dates.push(dates[next_date].clone());
            out.date_sentence.push(si);
            next_date += 1;
        }
        let a = tokens.partition_point(|t| t.span.start < u.span.start);
        let b = tokens.partition_point(|t| t.span.start < u.span.end);
        let words = words_of(prose, &tokens[a..b]);
        let cell_starts: Vec<usize> = u
            .cells
            .iter()
            .skip(1)
            .map(|c| words.partition_point(|w| w.span.start < c.start))
            .collect();
        let implied = if u.item { subject.to_vec() } else { Vec::new() };
        let first_mention = out.mentions.len();
        for m in catalog.mentions_with(&words, &implied) {
            out.mentions.push(m);
            out.mention_sentence.push(si);
        }
        let hits = catalog.context(&words);
        read.push(Read {
            words,
            implied,
            item: u.item,
            cell_starts,
            hits,
            dates: first_date..next_date,
            mentions: first_mention..out.mentions.len(),
        });
        for r in relative::find(prose, u.span) {
            out.relatives.push(r);
            out.relative_sentence.push(si);
        }
    }
    // Which event each description is about: by its clause first ...
    for r in &read {
        let sentence = r.sentence(prose);
        let headed = sentence.row_date(&out).is_some();
        let clause = sentence.clauses();
        for mi in r.mentions.clone() {
            let support = sentence.vet(catalog, &out.mentions, mi, &r.hits, &clause, headed);
            out.mentions[mi].support = support;
        }
    }
    // ... then by the document.
    let many = many_of_a_kind(catalog, &out, &read);
    for m in &mut out.mentions {
        if m.support == Support::Document && many[m.event] {
            m.support = Support::Blocked { by: None };
        }
    }
    for r in &read {
        let sentence = r.sentence(prose);
        let row_date = sentence.row_date(&out);
        sentence.attach(catalog, &r.hits, row_date, &mut out);
    }
    out
}

/// Per event, whether the document is not about it: it never names the
/// event, its qualifiers or its places; or it is about many events of its
/// kind: in at least [`MANY`] sentences, and in as many as name the event
/// or its qualifiers, a description of it is about something else, or
/// another event of its kind, or its place, is named (`the coup in
/// Argentina`, `Argentina`).
fn many_of_a_kind(catalog: &Catalog, out: &Analysis, read: &[Read]) -> Vec<bool> {
    let n = catalog.events.len();
    let (mut own, mut other) = (vec![0usize; n], vec![0usize; n]);
    let shares_place = |a: usize, b: usize| {
        catalog.events[a]
            .places
            .iter()
            .any(|p| catalog.events[b].places.contains(p))
    };
    for r in read {
        let (mut own_here, mut other_here) = (vec![false; n], vec![false; n]);
        // Events of another kind's place named here (`Argentina`).
        let mut elsewhere: Vec<usize> = Vec::new();
        for h in &r.hits {
            if let HitKind::Qualifier(e, _) | HitKind::Place(e, _) = h.what {
                own_here[e] = true;
            }
            if let HitKind::Place(e, _) = h.what {
                elsewhere.push(e);
            }
        }
        for &o in &elsewhere {
            let Some(kind) = &catalog.events[o].kind else {
                continue;
            };
            for (e, event) in catalog.events.iter().enumerate() {
                if e != o && event.kind.as_ref() == Some(kind) && !shares_place(e, o) {
                    other_here[e] = true;
                }
            }
        }
        for m in &out.mentions[r.mentions.clone()] {
            match m.support {
                Support::Named | Support::Qualified { .. } => own_here[m.event] = true,
                Support::Blocked { by: Some(_) } => other_here[m.event] = true,
                _ => {}
            }
            if m.support != Support::Named {
                continue;
            }
            let Some(kind) = &catalog.events[m.event].kind else {
                continue;
            };
            for (e, event) in catalog.events.iter().enumerate() {
                if e != m.event && event.kind.as_ref() == Some(kind) && !shares_place(e, m.event) {
                    other_here[e] = true;
                }
            }
        }
        for e in 0..n {
            own[e] += usize::from(own_here[e]);
            other[e] += usize::from(other_here[e]);
        }
    }
    // A document that never names the event, its qualifiers or its place
    // is not about it either.
    (0..n)
        .map(|e| own[e] == 0 || (other[e] >= MANY && other[e] >= own[e]))
        .collect()
}

struct Sentence<'a> {
    prose: &'a str,
    words: &'a [Word],
    implied: &'a [Word],
    item: bool,
    cell_starts: &'a [usize],
    /// Indices of its dates and mentions in the analysis.
    dates: std::ops::Range<usize>,
    mentions: std::ops::Range<usize>,
}

impl Sentence<'_> {
    /// The words `start..end` a span covers.
    fn words_of(&self, span: Span) -> (usize, usize) {
        let a = self.words.partition_point(|w| w.span.end <= span.start);
        let b = self.words.partition_point(|w| w.span.start < span.end);
        (a, b.max(a))
    }

    fn key(&self, i: usize) -> &str {
        &self.words[i].key
    }

    /// The text between word `i` and word `i + 1`; `|` between two cells
    /// of a table row.
    fn between(&self, i: usize) -> &str {
        if self.cell_starts.contains(&(i + 1)) {
            return "|";
        }
        &self.prose[self.words[i].span.end..self.words[i + 1].span.start]
    }

    fn is_anchor(&self, m: &Mention) -> bool {
        let start = m.words.0;
        for k in (start.saturating_sub(5)..start).rev() {
            if has_punctuation(self.between(k)) {
                return false;
            }
            if ANCHORS.contains(&self.key(k)) {
                return true;
            }
        }
        false
    }

    fn is_same_day(&self, m: &Mention) -> bool {
        let start = m.words.0;
        (start.saturating_sub(4)..start).any(|k| {
            self.key(k) == "same"
                && k + 1 < self.words.len()
                && matches!(self.key(k + 1), "day" | "date")
        })
    }

    /// How tightly date words `d` and mention words `m` are tied, if they
    /// are: 0 when the date is inside the phrase, else 1 + the words
    /// between them.
    fn tie(&self, d: (usize, usize), dspan: Span, m: &Mention, anchor: bool) -> Option<usize> {
        if m.span.overlaps(dspan) {
            return Some(0);
        }
        if m.words.1 <= d.0 {
            // The event, then the date: `the coup of 11 September 1973`,
            // `the coup, which came on 11 September 1973`.
            let mut gap = &self.words[m.words.1..d.0];
            let text = &self.prose[m.span.end..dspan.start];
            let relative = gap
                .first()
                .is_some_and(|w| matches!(w.key.as_str(), "which" | "that" | "who"));
            if relative {
                gap = &gap[1..];
            }
            // A point of reference takes only a date tied by a preposition
            // alone (`before the coup of 11 September`), not one a verb
            // brings (`the anniversary of the coup falls in 2023`).
            let anchor_ok = !anchor
                || relative
                || (gap.len() <= 1
                    && gap.iter().all(|w| PREPOSITIONS.contains(&w.key.as_str()))
                    && !text.contains(','));
            // `the coup (11 September 1973)`: a date in brackets right after.
            let bracketed = gap.is_empty() && matches!(text.trim(), "(" | "[");
            let ok = bracketed
                || (gap.len() <= 3
                    && !gap.iter().any(|w| CONJUNCTIONS.contains(&w.key.as_str()))
                    && (gap.is_empty()
                        || gap.iter().any(|w| PREPOSITIONS.contains(&w.key.as_str())))
                    && !text.contains(['.', ';', ':', '(', ')', '[', ']', '!', '?'])
                    && anchor_ok);
            return ok.then_some(gap.len() + 1 + usize::from(relative));
        }
        if d.1 <= m.words.0 {
            // The date, then the event: `the 1973 coup`, `July in Uruguay`,
            // and after a determiner, with a word before the phrase: `the
            // 1973 military coup in Chile`.
            let gap = &self.words[d.1..m.words.0];
            let text = &self.prose[dspan.end..m.span.start];
            let adjective = d.0 > 0
                && DETERMINERS.contains(&self.key(d.0 - 1))
                && !has_punctuation(self.between(d.0 - 1));
            let ok = match gap {
                [] => true,
                [w] => w.key == "in" || adjective,
                _ => false,
            } && !has_punctuation(text);
            return ok.then_some(gap.len() + 1);
        }
        None
    }

    /// The word that governs date words `d`, skipping determiners: `None`
    /// at the start of the sentence, `Some("")` when punctuation stands
    /// between.
    fn governor(&self, d: (usize, usize)) -> Option<&str> {
        let mut k = d.0;
        loop {
            if k == 0 {
                return None;
            }
            if has_punctuation(self.between(k - 1)) {
                return Some("");
            }
            k -= 1;
            if !DETERMINERS.contains(&self.key(k)) {
                return Some(self.key(k));
            }
        }
    }

    /// Whether the date is one end of a period: `between the period of June
    /// 1973 and ...`, `from early 1973`, `until August 1973`.
    fn bounds_a_period(&self, d: (usize, usize)) -> bool {
        for k in (d.0.saturating_sub(4)..d.0).rev() {
            if has_punctuation(self.between(k)) {
                return false;
            }
            if BOUNDARIES.contains(&self.key(k)) {
                return true;
            }
        }
        false
    }

    /// Whether an alternative follows the date (`in June or September`).
    fn followed_by_or(&self, d: (usize, usize)) -> bool {
        d.1 < self.words.len() && matches!(self.key(d.1), "or" | "nor")
    }

    /// For each word, whether it is inside a relative clause set off by
    /// commas (`General Prats, who had put down the Tanquetazo, was
    /// murdered`): from `, who`/`, which`/`, whose`/`, whom` to the next
    /// comma or the end of the sentence.
    fn in_relative_clause(&self) -> Vec<Option<usize>> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut current: Option<usize> = None;
        for i in 0..self.words.len() {
            if i > 0 {
                let gap = self.between(i - 1);
                if gap.contains(',') || gap.contains([';', ':']) {
                    current = None;
                    if gap.contains(',')
                        && matches!(self.key(i), "who" | "which" | "whose" | "whom")
                    {
                        current = Some(i);
                    }
                }
            }
            out.push(current);
        }
        out
    }

    /// Clause and part of each word. A clause ends at `;`, `:`, a dash with
    /// space around it, before `but` and `whereas`, and at `, and`; a part
    /// (independent clauses) ends only at `;` and `:`. A date looks for its
    /// event in its clause, then in its part of the sentence.
    fn clauses(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(self.words.len());
        let (mut clause, mut part, mut next) = (0, 0, 0);
        // The clause a pair of dashes interrupts: `This trial of strength –
        // foreshadowed by the attempted coup of 20 June 1973 – took place on
        // 11 September` is one clause about the trial of strength.
        let mut interrupted: Option<usize> = None;
        // A clause that opens with a subordinator ends at its first comma:
        // in `Although his coalition gained at the congressional elections,
        // on 11 September 1973 he was overthrown`, the date is the main
        // clause's.
        let mut subordinate = self
            .words
            .first()
            .is_some_and(|w| SUBORDINATORS.contains(&w.key.as_str()));
        for i in 0..self.words.len() {
            if i > 0 {
                let gap = self.between(i - 1);
                if subordinate && gap.contains(',') {
                    subordinate = false;
                    next += 1;
                    clause = next;
                    out.push((clause, part));
                    continue;
                }
                let spaced_dash = gap.chars().any(crate::text::normalize::is_dash)
                    && gap.contains(char::is_whitespace);
                let hard = gap.contains([';', ':', '|']);
                let comma_and = gap.contains(',') && matches!(self.key(i), "and" | "while");
                if hard {
                    interrupted = None;
                }
                if spaced_dash && !hard {
                    match interrupted.take() {
                        Some(c) => clause = c,
                        None => {
                            interrupted = Some(clause);
                            next += 1;
                            clause = next;
                        }
                    }
                } else if hard || comma_and || matches!(self.key(i), "but" | "whereas") {
                    next += 1;
                    clause = next;
                }
                part += usize::from(hard);
            }
            out.push((clause, part));
        }
        out
    }

    /// Whether the date follows a title in quotation marks, set off by a
    /// comma or a bracket: `“Remembering September 11, 1973: the US-backed
    /// Pinochet coup in Chile”, 2023` gives the article's year, not the coup's.
    fn follows_a_title(&self, d: (usize, usize)) -> bool {
        d.0 > 0 && {
            let gap = self.between(d.0 - 1).trim();
            let closes = gap.starts_with(['”', '"', '»']);
            closes
                && gap[gap.char_indices().nth(1).map_or(gap.len(), |(i, _)| i)..]
                    .trim_start()
                    .starts_with([',', '('])
        }
    }

    /// Whether a publication verb governs the date (`appeared in 2019`).
    fn is_publication_date(&self, d: (usize, usize)) -> bool {
        for k in (d.0.saturating_sub(3)..d.0).rev() {
            if has_punctuation(self.between(k)) {
                return false;
            }
            if PUBLICATION.contains(&self.key(k)) {
                return true;
            }
        }
        false
    }

    /// The date of a timeline row or a profile's line, as an index among
    /// the unit's dates: its first words are a date set off by a colon, a
    /// dash or a table cell (`29 June 1973: the Tanquetazo`, `1949 - Syria -
    /// ...`, `| 1973 | Military coup |`), or its last words are (`Elected
    /// President: October 1970`).
    fn row_date(&self, out: &Analysis) -> Option<usize> {
        let separates = |gap: &str| {
            let gap = gap.trim_matches(['*', '_']).trim();
            gap.starts_with(|c: char| c == ':' || c == '|' || crate::text::normalize::is_dash(c))
                || gap
                    .ends_with(|c: char| c == ':' || c == '|' || crate::text::normalize::is_dash(c))
        };
        let n = self.dates.len();
        let first = self.dates.clone().next()?;
        let dw = self.words_of(out.dates[first].span);
        if dw.0 == 0 && dw.0 < dw.1 && dw.1 < self.words.len() && separates(self.between(dw.1 - 1))
        {
            return Some(0);
        }
        // A line that ends on its date is a row only in a list or a table.
        if !self.item {
            return None;
        }
        let last = self.dates.clone().last()?;
        let dw = self.words_of(out.dates[last].span);
        let ends = dw.1 == self.words.len() && dw.0 > 0 && dw.0 < dw.1;
        (ends && separates(self.between(dw.0 - 1))).then_some(n - 1)
    }

    /// The prose span of words `w`.
    fn span_of(&self, w: (usize, usize)) -> Span {
        self.words[w.0].span.cover(self.words[w.1 - 1].span)
    }

    /// Why mention `mi` (an index into `mentions`) is about its event, as
    /// far as its clause says (a timeline row's: the whole row). A name is
    /// `Named`. A description is `Qualified` by the nearest of the event's
    /// qualifiers and places in the clause, unless another place, office or
    /// person (a rival of the event, or another event of its kind in
    /// another place) stands as near or nearer: then it is `Blocked`. With
    /// neither, it is left to the document (`Document`).
    fn vet(
        &self,
        catalog: &Catalog,
        mentions: &[Mention],
        mi: usize,
        hits: &[Hit],
        clause: &[(usize, usize)],
        headed: bool,
    ) -> Support {
        let m = &mentions[mi];
        let event = &catalog.events[m.event];
        if !event.patterns[m.pattern].generic {
            return Support::Named;
        }
        let here = clause[m.words.0].0;
        let in_region = |w: usize| headed || clause[w].0 == here;
        let own: Vec<&Hit> = hits
            .iter()
            .filter(|h| {
                matches!(h.what, HitKind::Qualifier(e, _) | HitKind::Place(e, _) if e == m.event)
            })
            .filter(|h| in_region(h.words.0))
            .collect();
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        let len = |a: (usize, usize)| a.1 - a.0;
        let mut rivals: Vec<(usize, usize)> = hits
            .iter()
            .filter(|h| in_region(h.words.0) && catalog.is_rival(m.event, h.what))
            // `Santiago de Chile` is the event's place, whatever a word of
            // it names elsewhere.
            .filter(|h| {
                !own.iter()
                    .any(|o| overlaps(o.words, h.words) && len(o.words) >= len(h.words))
            })
            .map(|h| h.words)
            .collect();
        for oi in self.mentions.clone() {
            let o = &mentions[oi];
            if oi == mi || o.event == m.event || !in_region(o.words.0) {
                continue;
            }
            let other = &catalog.events[o.event];
            let same_kind = other.kind.is_some() && other.kind == event.kind;
            if same_kind && !other.places.iter().any(|p| event.places.contains(p)) {
                rivals.push(o.words);
            }
        }
        // A `near` phrase says which event only in the same clause.
        let near = &event.patterns[m.pattern].near;
        if !near.is_empty() {
            let here = (0..self.words.len())
                .any(|i| in_region(i) && near.iter().any(|n| n.matches_at(self.words, i)));
            if !here {
                // The document's subject, if it is the one asked for: in a
                // profile of Isabel Allende, `Allende` is not Salvador.
                let implied = near.iter().any(|n| n.occurs_in(self.implied))
                    && !catalog
                        .context(self.implied)
                        .iter()
                        .any(|h| catalog.is_rival(m.event, h.what));
                if !implied {
                    return Support::Blocked { by: None };
                }
            }
        }
        let before = |w: (usize, usize)| w.1 <= m.words.0;
        // A rival is overruled only by a qualifier between it and the
        // description: in `Bachelet, whose father died after the coup, was
        // elected president`, `president` does not make it Allende's
        // election.
        let overruled = |r: (usize, usize)| {
            own.iter().any(|o| {
                // A description that names its own place (`the coup in
                // Brazil`) is about it, whatever else the clause names.
                overlaps(o.words, m.words)
                    || (before(o.words) == before(r)
                        && word_distance(o.words, m.words) < word_distance(r, m.words))
            })
        };
        let qualified = |w: (usize, usize)| Support::Qualified {
            by: self.span_of(w),
            identifying: own.iter().any(|h| matches!(h.what, HitKind::Qualifier(..))),
        };
        if let Some(&r) = rivals
            .iter()
            .filter(|&&r| !overruled(r))
            .min_by_key(|&&r| word_distance(r, m.words))
        {
            return Support::Blocked {
                by: Some(self.span_of(r)),
            };
        }
        match own.iter().min_by_key(|o| word_distance(o.words, m.words)) {
            Some(o) => qualified(o.words),
            None => Support::Document,
        }
    }

    /// Whether date words `d` lie among the fixed words of the phrase that
    /// names `m`: then the date is part of a name (`the October
    /// Revolution`, `Chile's September 11`), not a date of the event.
    fn names_date(&self, catalog: &Catalog, m: &Mention, d: (usize, usize)) -> bool {
        if d.0 >= d.1 || d.0 < m.words.0 || d.1 > m.words.1 {
            return false;
        }
        let phrase = &catalog.events[m.event].patterns[m.pattern].phrase;
        (d.0..d.1).all(|i| matches!(phrase.words[i - m.words.0], super::PWord::Word(_)))
    }

    /// Whether a rival of `m`'s event (another place, office, person)
    /// stands between `m` and date words `d`: `the coup in Syria in 1949`.
    fn rival_between(
        &self,
        catalog: &Catalog,
        hits: &[Hit],
        m: &Mention,
        d: (usize, usize),
    ) -> bool {
        let (lo, hi) = gap(m.words, d);
        hits.iter()
            .any(|h| lo <= h.words.0 && h.words.1 <= hi && catalog.is_rival(m.event, h.what))
    }

    /// Whether something stands between mention `mi` and date words `d`
    /// that the date could be about instead: another event (not a mere
    /// point of reference), a description that is about something else, a
    /// rival of the event, or another date.
    #[allow(clippy::too_many_arguments)]
    fn barrier_between(
        &self,
        catalog: &Catalog,
        hits: &[Hit],
        mentions: &[Mention],
        anchors: &[bool],
        date_words: &[(usize, usize)],
        clause: &[(usize, usize)],
        mi: usize,
        d: (usize, usize),
    ) -> bool {
        let m = &mentions[mi];
        let (lo, hi) = gap(m.words, d);
        // What a parenthesis between them says does not stand between.
        let inside = |w: (usize, usize)| {
            w.0 < w.1 && lo <= w.0 && w.1 <= hi && clause[w.0].0 == clause[d.0].0
        };
        mentions.iter().enumerate().any(|(oi, o)| {
            oi != mi && !anchors[oi] && inside(o.words) && o.event != m.event && o.usable()
        }) || hits
            .iter()
            .any(|h| inside(h.words) && catalog.is_rival(m.event, h.what))
            || date_words.iter().any(|&w| w != d && inside(w))
    }

    /// Whether date `o` is a date another date must not be preferred to: a
    /// valid one, not the second of `in 2019 and 2020`.
    fn counts_as_date(&self, date_words: &[(usize, usize)], o: usize, out: &Analysis) -> bool {
        let w = date_words[o];
        w.0 < w.1
            && out.dates[self.dates.start + o].value.is_valid()
            && self.governor(w) != Some("and")
    }

    /// Whether the date is governed by `of` after a noun that is not one
    /// of time: `the Hungarian workers' revolt of 1956` dates the revolt.
    /// (With a determiner between, the date is part of what `of` governs:
    /// `the lessons of the 1973 coup`.)
    fn dates_a_thing(&self, d: (usize, usize)) -> bool {
        let k = d.0;
        if k < 2 || has_punctuation(self.between(k - 1)) || self.key(k - 1) != "of" {
            return false;
        }
        !has_punctuation(self.between(k - 2)) && !TIME_NOUNS.contains(&self.key(k - 2))
    }

    fn attach(&self, catalog: &Catalog, hits: &[Hit], row_date: Option<usize>, out: &mut Analysis) {
        let mentions: Vec<Mention> = out.mentions[self.mentions.clone()].to_vec();
        let anchors: Vec<bool> = mentions.iter().map(|m| self.is_anchor(m)).collect();
        for (mi, &anchor) in anchors.iter().enumerate() {
            out.mentions[self.mentions.start + mi].reference = anchor;
        }
        let same_day: Vec<bool> = mentions.iter().map(|m| self.is_same_day(m)).collect();
        let date_words: Vec<(usize, usize)> = self
            .dates
            .clone()
            .map(|d| self.words_of(out.dates[d].span))
            .collect();
        let mut claims: Vec<Claim> = Vec::new();
        // Which mentions and dates are taken.
        let mut mention_tied = vec![false; mentions.len()];
        let mut date_bound = vec![false; date_words.len()];

        // 1. Dates tied to a phrase in their clause. A date is about what
        // it stands next to, whether or not that is an event it may date.
        let clause = self.clauses();
        for (di, &dw) in date_words.iter().enumerate() {
            let d = self.dates.start + di;
            if date_bound[di] || dw.0 >= dw.1 || !out.dates[d].value.is_valid() {
                continue;
            }
            let dspan = out.dates[d].span;
            if self.is_publication_date(dw) || self.follows_a_title(dw) {
                continue;
            }
            let best = mentions
                .iter()
                .enumerate()
                .filter(|(mi, m)| !same_day[*mi] && clause[m.words.0].0 == clause[dw.0].0)
                .filter_map(|(mi, m)| {
                    let tie = self.tie(dw, dspan, m, anchors[mi])?;
                    // On a tie, the event before the date (`X of DATE`).
                    Some((tie, usize::from(m.words.0 > dw.0), mi))
                })
                .min();
            if let Some((tie, _, mi)) = best {
                date_bound[di] = true;
                mention_tied[mi] = true;
                let m = &mentions[mi];
                if !m.usable() || self.rival_between(catalog, hits, m, dw) {
                    continue;
                }
                // A date among the fixed words of a name (`the March
                // elections`, `the October Revolution`) has no year of its
                // own: it takes none from the sentence.
                let value = if out.dates[d].year_from_context && self.names_date(catalog, m, dw) {
                    out.dates[d].value.without_year()
                } else {
                    out.dates[d].value.clone()
                };
                claims.push(Claim {
                    event: m.event,
                    value,
                    date: d,
                    also: None,
                    mention: self.mentions.start + mi,
                    binding: if tie == 0 {
                        Binding::Inside
                    } else {
                        Binding::Adjacent
                    },
                    year_from_corpus: false,
                });
            }
        }

        // 2. `the same day` as an earlier date: its day and month.
        for (mi, m) in mentions.iter().enumerate() {
            if !same_day[mi] || !m.usable() {
                continue;
            }
            let before = date_words
                .iter()
                .enumerate()
                .filter(|(di, dw)| {
                    dw.1 <= m.words.0 && out.dates[self.dates.start + di].value.is_valid()
                })
                .max_by_key(|(_, dw)| dw.1);
            if let Some((di, _)) = before {
                let d = self.dates.start + di;
                claims.push(Claim {
                    event: m.event,
                    value: out.dates[d].value.without_year(),
                    date: d,
                    also: None,
                    mention: self.mentions.start + mi,
                    binding: Binding::SameDay,
                    year_from_corpus: false,
                });
            }
        }

        // 3. The nearest event in the clause for the dates left.
        let relative = self.in_relative_clause();
        // The nearest event already dated by a phrase takes no more dates:
        // the date is most likely about the event it stands by (`in June
        // 1973 a tank regiment attempted a coup, the Tanquetazo, on 29 June`;
        // `the coup of 11 September 1973 ended what began in 1970`).
        let tied_events: Vec<usize> = claims
            .iter()
            .filter(|c| matches!(c.binding, Binding::Inside | Binding::Adjacent))
            .map(|c| c.event)
            .collect();
        // A timeline row's heading date dates the one event the row names.
        let mut row_events: Vec<usize> = (0..mentions.len())
            .filter(|&mi| mentions[mi].usable() && !anchors[mi] && !same_day[mi])
            .map(|mi| mentions[mi].event)
            .collect();
        row_events.sort_unstable();
        row_events.dedup();
        for (di, &dw) in date_words.iter().enumerate() {
            let d = self.dates.start + di;
            if date_bound[di] || dw.0 >= dw.1 || !out.dates[d].value.is_valid() {
                continue;
            }
            let heads = row_date == Some(di);
            let gov = self.governor(dw);
            if gov == Some("and") {
                self.join_and(di, &date_words, &mut claims, out);
                continue;
            }
            let eligible = heads
                || (gov.is_none_or(|g| POINT_GOVERNORS.contains(&g)) && !self.dates_a_thing(dw));
            if !eligible
                || self.followed_by_or(dw)
                || self.bounds_a_period(dw)
                || self.is_publication_date(dw)
                || self.follows_a_title(dw)
            {
                continue;
            }
            if heads && row_events.len() != 1 {
                continue;
            }
            let distance = |m: &Mention| word_distance(m.words, dw);
            // Another date of the clause nearer the event is its date.
            let nearer_date = |m: &Mention| {
                (0..date_words.len()).any(|o| {
                    o != di
                        && self.counts_as_date(&date_words, o, out)
                        && clause[date_words[o].0].0 == clause[m.words.0].0
                        && word_distance(m.words, date_words[o]) < distance(m)
                })
            };
            let candidates: Vec<usize> = (0..mentions.len())
                .filter(|&mi| {
                    mentions[mi].usable() && !mention_tied[mi] && !anchors[mi] && !same_day[mi]
                })
                .filter(|&mi| heads || clause[mentions[mi].words.0].0 == clause[dw.0].0)
                .filter(|&mi| distance(&mentions[mi]) <= MAX_DISTANCE)
                .filter(|&mi| heads || relative[mentions[mi].words.0] == relative[dw.0])
                .filter(|&mi| heads || !nearer_date(&mentions[mi]))
                .filter(|&mi| {
                    heads
                        || !self.barrier_between(
                            catalog,
                            hits,
                            &mentions,
                            &anchors,
                            &date_words,
                            &clause,
                            mi,
                            dw,
                        )
                })
                .collect();
            let chosen = candidates
                .iter()
                .copied()
                .min_by_key(|&mi| distance(&mentions[mi]));
            // With another event about as near, which one the date is about
            // is a guess: neither.
            let contested = chosen.is_some_and(|c| {
                candidates.iter().any(|&o| {
                    mentions[o].event != mentions[c].event
                        && distance(&mentions[o]) <= distance(&mentions[c]) + CONTESTED
                })
            });
            if contested {
                continue;
            }
            if let Some(mi) = chosen.filter(|&mi| !tied_events.contains(&mentions[mi].event)) {
                claims.push(Claim {
                    event: mentions[mi].event,
                    value: out.dates[d].value.clone(),
                    date: d,
                    also: None,
                    mention: self.mentions.start + mi,
                    binding: if heads {
                        Binding::Row
                    } else {
                        Binding::Nearest
                    },
                    year_from_corpus: false,
                });
                date_bound[di] = true;
            }
        }

        claims.sort_by_key(|c| (c.date, c.mention));
        claims.dedup_by(|a, b| a.event == b.event && a.date == b.date);
        out.claims.extend(claims);
    }

    /// `in 2019 and 2020`: a date after `and` right after a dated claim
    /// joins that claim, which then covers both.
    fn join_and(
        &self,
        di: usize,
        date_words: &[(usize, usize)],
        claims: &mut [Claim],
        out: &Analysis,
    ) {
        let dw = date_words[di];
        let and_at = dw.0 - 1;
        let Some(prev) = (0..di).rev().find(|&p| date_words[p].1 == and_at) else {
            return;
        };
        let (p, d) = (self.dates.start + prev, self.dates.start + di);
        let Some(claim) = claims.iter_mut().find(|c| c.date == p && c.also.is_none()) else {
            return;
        };
        let (a, b) = (&out.dates[p].value, &out.dates[d].value);
        let (Some((alo, _)), Some((blo, _))) = (a.interval(), b.interval()) else {
            return;
        };
        if alo < blo {
            claim.value = DateValue::Range(Box::new(a.clone()), Box::new(b.clone()));
            claim.also = Some(d);
        }
    }
}

/// The words strictly between word ranges `a` and `b`, as `(start, end)`.
fn gap(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    if a.1 <= b.0 {
        (a.1, b.0)
    } else {
        (b.1, a.0.max(b.1))
    }
}

/// How many words stand between word ranges `a` and `b` (0 when they
/// touch or overlap).
fn word_distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// Whether text between two words holds punctuation other than quotation
/// marks and apostrophes.
fn has_punctuation(gap: &str) -> bool {
    gap.chars().any(|c| {
        !c.is_whitespace() && !crate::text::normalize::is_quote_mark(c) && c != '*' && c != '_'
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Catalog;
    use crate::text::tokenize::tokenize;

    /// `(event, date text, value)` for every claim in `text`, read as one
    /// paragraph.
    fn claims(text: &str) -> Vec<(String, String, String)> {
        let catalog = Catalog::builtin();
        let sentences = crate::text::sentences::split(text, Span::new(0, text.len()));
        let a = analyze(text, &sentences, &tokenize(text), &catalog);
        a.claims
            .iter()
            .map(|c| {
                let mut span = a.dates[c.date].span;
                if let Some(also) = c.also {
                    span = span.cover(a.dates[also].span);
                }
                (
                    catalog.events[c.event].id.clone(),
                    text[span.range()].to_string(),
                    c.value.normalized(),
                )
            })
            .collect()
    }

    fn c(event: &str, date: &str, value: &str) -> (String, String, String) {
        (event.into(), date.into(), value.into())
    }

    /// The claims of `text` in a document about Chile: a description
    /// (`the coup`) dates an event only in a document about it.
    fn in_chile(text: &str) -> Vec<(String, String, String)> {
        claims(&format!("This is about Chile under Allende. {text}"))
    }

    #[test]
    fn a_description_dates_nothing_in_a_document_not_about_its_event() {
        // Nothing says which coup: Chile's, or another country's.
        assert_eq!(
            claims("By the time of the 1973 coup, over 40% of the economy was publicly owned."),
            vec![]
        );
        assert_eq!(
            claims("The coup of 11 September 1973 ended a process that had begun in 1970."),
            vec![]
        );
    }

    #[test]
    fn a_date_goes_to_the_phrase_next_to_it() {
        assert_eq!(
            claims("The coup in Chile on 11th September 1973 was a chilling example."),
            vec![c("coup-1973", "11th September 1973", "1973-09-11")]
        );
        assert_eq!(
            in_chile("By the time of the 1973 coup, over 40% of the economy was publicly owned."),
            vec![c("coup-1973", "1973", "1973")]
        );
        assert_eq!(
            claims("In Chile, the failed June coup was followed by nationalisations."),
            vec![c("tanquetazo-1973", "June", "XXXX-06")]
        );
        assert_eq!(
            in_chile("The failure of the 29 June attempted coup reflected the indecision."),
            vec![c("tanquetazo-1973", "29 June", "XXXX-06-29")]
        );
    }

    #[test]
    fn two_events_in_one_sentence_make_two_claims() {
        assert_eq!(
            in_chile("After the Tanquetazo of 29 June 1973, the coup came on 11 September 1973."),
            vec![
                c("tanquetazo-1973", "29 June 1973", "1973-06-29"),
                c("coup-1973", "11 September 1973", "1973-09-11"),
            ]
        );
        assert_eq!(
            claims(
                "The Chilean military's rise to power followed a series of coups sponsored by US imperialism, including in Brazil in 1964, Bolivia in 1971 and Uruguay earlier in 1973."
            ),
            vec![
                c("brazil-coup-1964", "1964", "1964"),
                c("bolivia-coup-1971", "1971", "1971"),
                c("uruguay-coup-1973", "1973", "1973"),
            ]
        );
        assert_eq!(
            in_chile(
                "This trial of strength -prepared for by a series of partial confrontations in the course of the two preceding years and foreshadowed by the attempted coup of 20 June 1973 – took place in dramatic fashion on 11 September."
            ),
            vec![
                c("tanquetazo-1973", "20 June 1973", "1973-06-20"),
                c("coup-1973", "11 September", "1973-09-11"),
            ]
        );
    }

    #[test]
    fn a_date_by_an_event_already_dated_goes_to_no_other() {
        assert_eq!(
            claims(
                "In June 1973 a tank regiment attempted a first coup, the so-called Tanquetazo, on 29 June 1973."
            ),
            vec![c("tanquetazo-1973", "29 June 1973", "1973-06-29")]
        );
        assert_eq!(
            in_chile("The coup of 11 September 1973 ended a process that had begun in 1970."),
            vec![c("coup-1973", "11 September 1973", "1973-09-11")]
        );
    }

    #[test]
    fn titles_and_publication_dates_date_no_event() {
        // The year of an article whose title names the coup.
        assert_eq!(
            claims(
                "See “Remembering September 11, 1973: the US-backed Pinochet coup in Chile”, 2023."
            ),
            vec![]
        );
        assert_eq!(
            claims(
                "Flakin's article, How Reformism Disarmed the Working Class in the Face of CIA-Backed Coup, appeared in 2019."
            ),
            vec![]
        );
        // A date outside a quotation still dates what it quotes.
        assert_eq!(
            claims(
                "On 11 September 1973, as he tells it, “the Air Force began bombing La Moneda”."
            ),
            vec![c("coup-1973", "11 September 1973", "1973-09-11")]
        );
    }

    #[test]
    fn a_relative_clause_dates_its_event() {
        assert_eq!(
            in_chile(
                "The Tanquetazo came months before the coup, which came on 11 September 1973."
            ),
            vec![c("coup-1973", "11 September 1973", "1973-09-11")]
        );
        // but a bare comma after a point of reference does not.
        assert_eq!(
            claims("A few months before the coup, on 29 June 1973, tanks surrounded La Moneda."),
            vec![]
        );
    }

    #[test]
    fn an_event_in_a_relative_clause_keeps_to_it() {
        assert_eq!(
            claims(
                "General Prats, who had put down the Tanquetazo, was murdered in Buenos Aires on 30 September 1974."
            ),
            vec![]
        );
        assert_eq!(
            claims("The coup, which came in 1973, ended the Popular Unity."),
            vec![c("coup-1973", "1973", "1973")]
        );
        assert_eq!(
            claims("This year, the 50th anniversary of the coup falls in 2023."),
            vec![]
        );
    }

    #[test]
    fn independent_clauses_keep_their_dates() {
        assert_eq!(
            claims(
                "In 1964, the military overthrew Goulart in Brazil; in 1971 Banzer took power in Bolivia, and in 1976 the Argentine military seized power."
            ),
            vec![c("bolivia-coup-1971", "1971", "1971")]
        );
    }

    #[test]
    fn timelines_and_brackets() {
        assert_eq!(
            claims("29 June 1973: the Tanquetazo, a failed coup led by Roberto Souper."),
            vec![c("tanquetazo-1973", "29 June 1973", "1973-06-29")]
        );
        assert_eq!(
            in_chile("The coup (11 September 1973) was preceded by the Tanquetazo (29 June 1973)."),
            vec![
                c("coup-1973", "11 September 1973", "1973-09-11"),
                c("tanquetazo-1973", "29 June 1973", "1973-06-29"),
            ]
        );
        // A colon elsewhere still parts the sentence.
        assert_eq!(
            claims("Remember this: in 1971 there was the coup in Bolivia."),
            vec![c("bolivia-coup-1971", "1971", "1971")]
        );
    }

    #[test]
    fn reference_points_are_not_dated() {
        // `before the coup` is a point of reference: the date is the
        // Tanquetazo's.
        assert_eq!(
            claims(
                "On June 29, 1973, just a few months before the coup, an army unit surrounded La Moneda with tanks in an attempt to seize power."
            ),
            vec![c("tanquetazo-1973", "June 29, 1973", "1973-06-29")]
        );
        assert_eq!(
            claims(
                "So in early 1973, after the warning of the lorry drivers' strike, there were several options."
            ),
            vec![]
        );
        assert_eq!(
            claims(
                "Three months before the coup d'état in Chile, I think it was June 1973, there was the coup d'état in Uruguay."
            ),
            vec![c("uruguay-coup-1973", "June 1973", "1973-06")]
        );
    }

    #[test]
    fn periods_alternatives_and_names_are_not_attached() {
        assert_eq!(
            claims(
                "Until August 1973 there were demonstrations by 700,000 demonstrators, responding to the coup d'état."
            ),
            vec![]
        );
        assert_eq!(
            claims(
                "It was another way to respond to the coup d'état, whether in June or September, with a general strike."
            ),
            vec![]
        );
        assert_eq!(
            claims(
                "Chile's September 11 marked the end of an experiment that had begun three years earlier when Allende was elected president."
            ),
            vec![c("coup-1973", "September 11", "XXXX-09-11")]
        );
        assert_eq!(
            in_chile(
                "That is to say, between the period of June 1973 and the actual coup d'état of September 11, 1973, there was repression against the soldiers, searches to disarm the militants who had accumulated arms in anticipation of resistance to a coup d'état."
            ),
            vec![c("coup-1973", "September 11, 1973", "1973-09-11")]
        );
    }

    #[test]
    fn the_same_day_is_an_anniversary() {
        assert_eq!(
            claims(
                "Significantly, this strike was called on 11 July 2011 - the same day Allende nationalised the copper industry."
            ),
            vec![
                c("copper-strike-2011", "11 July 2011", "2011-07-11"),
                c("copper-nationalisation-1971", "11 July 2011", "XXXX-07-11"),
            ]
        );
    }

    #[test]
    fn dates_joined_by_and_make_one_claim() {
        assert_eq!(
            claims("Millions mobilized in repeated national strikes in 2019 and 2020, and more."),
            vec![c("chile-strikes-2019", "2019 and 2020", "2019/2020")]
        );
    }
}
