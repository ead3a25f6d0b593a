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

use super::{Catalog, Mention, Word, words_of};
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

/// Finds the dates, the events and the claims of a text: `prose` split into
/// `sentences`, with its `tokens`.
pub fn analyze(prose: &str, sentences: &[Span], tokens: &[Token], catalog: &Catalog) -> Analysis {
    let mut out = Analysis {
        sentences: sentences.to_vec(),
        ..Analysis::default()
    };
    let dates = expr::in_sentences(prose, sentences);
    let mut next_date = 0;
    for (si, s) in sentences.iter().enumerate() {
        let first_date = next_date;
        while next_date < dates.len() && dates[next_date].span.start < s.end {
            out.dates.push(dates[next_date].clone());
            out.date_sentence.push(si);
            next_date += 1;
        }
        let a = tokens.partition_point(|t| t.span.start < s.start);
        let b = tokens.partition_point(|t| t.span.start < s.end);
        let words = words_of(prose, &tokens[a..b]);
        let first_mention = out.mentions.len();
        for m in catalog.mentions(&words) {
            out.mentions.push(m);
            out.mention_sentence.push(si);
        }
        let sentence = Sentence {
            prose,
            words: &words,
            dates: first_date..next_date,
            mentions: first_mention..out.mentions.len(),
        };
        sentence.attach(&mut out);
        for r in relative::find(prose, *s) {
            out.relatives.push(r);
            out.relative_sentence.push(si);
        }
    }
    out
}

struct Sentence<'a> {
    prose: &'a str,
    words: &'a [Word],
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

    /// The text between word `i` and word `i + 1`.
    fn between(&self, i: usize) -> &str {
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
            // The date, then the event: `the 1973 coup`, `July in Uruguay`.
            let gap = &self.words[d.1..m.words.0];
            let text = &self.prose[dspan.end..m.span.start];
            let ok = match gap {
                [] => true,
                [w] => w.key == "in",
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
        let mut out = vec![None; self.words.len()];
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
            out[i] = current;
        }
        out
    }

    /// Clause and part of each word. A clause ends at `;`, `:`, a dash with
    /// space around it, before `but` and `whereas`, and at `, and`; a part
    /// (independent clauses) ends only at `;` and `:`. A date looks for its
    /// event in its clause, then in its part of the sentence.
    fn clauses(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::with_capacity(self.words.len());
        let (mut clause, mut part) = (0, 0);
        for i in 0..self.words.len() {
            if i > 0 {
                let gap = self.between(i - 1);
                let spaced_dash = gap.chars().any(crate::text::normalize::is_dash)
                    && gap.contains(char::is_whitespace);
                let hard = gap.contains([';', ':']);
                let comma_and = gap.contains(',') && matches!(self.key(i), "and" | "while");
                if hard || spaced_dash || comma_and || matches!(self.key(i), "but" | "whereas") {
                    clause += 1;
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

    fn attach(&self, out: &mut Analysis) {
        let mentions: Vec<&Mention> = self.mentions.clone().map(|i| &out.mentions[i]).collect();
        let anchors: Vec<bool> = mentions.iter().map(|m| self.is_anchor(m)).collect();
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

        // 1. Dates tied to a phrase.
        for (di, &dw) in date_words.iter().enumerate() {
            let d = self.dates.start + di;
            if dw.0 >= dw.1 || !out.dates[d].value.is_valid() {
                continue;
            }
            let dspan = out.dates[d].span;
            if self.is_publication_date(dw) || self.follows_a_title(dw) {
                continue;
            }
            let best = mentions
                .iter()
                .enumerate()
                .filter(|(mi, _)| !same_day[*mi])
                .filter_map(|(mi, m)| {
                    let tie = self.tie(dw, dspan, m, anchors[mi])?;
                    // On a tie, the event before the date (`X of DATE`).
                    Some((tie, usize::from(m.words.0 > dw.0), mi))
                })
                .min();
            if let Some((tie, _, mi)) = best {
                claims.push(Claim {
                    event: mentions[mi].event,
                    value: out.dates[d].value.clone(),
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
                mention_tied[mi] = true;
                date_bound[di] = true;
            }
        }

        // 2. `the same day` as an earlier date: its day and month.
        for (mi, m) in mentions.iter().enumerate() {
            if !same_day[mi] {
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

        // 3. The nearest event for the dates left.
        let clause = self.clauses();
        let last = self.words.len().saturating_sub(1);
        let tied_events: Vec<usize> = (0..mentions.len())
            .filter(|&mi| mention_tied[mi])
            .map(|mi| mentions[mi].event)
            .collect();
        let relative = self.in_relative_clause();
        for (di, &dw) in date_words.iter().enumerate() {
            let d = self.dates.start + di;
            if date_bound[di] || dw.0 >= dw.1 || !out.dates[d].value.is_valid() {
                continue;
            }
            // `29 June 1973: the Tanquetazo ...`, a timeline's entry: the
            // date heads what follows its colon.
            let heads = dw.0 == 0
                && dw.1 < self.words.len()
                && self
                    .between(dw.1 - 1)
                    .trim_start_matches(['*', '_'])
                    .trim()
                    .starts_with(|c: char| c == ':' || crate::text::normalize::is_dash(c));
            let gov = self.governor(dw);
            if gov == Some("and") {
                self.join_and(di, &date_words, &mut claims, out);
                continue;
            }
            let eligible = gov.is_none_or(|g| POINT_GOVERNORS.contains(&g));
            if !eligible
                || self.followed_by_or(dw)
                || self.bounds_a_period(dw)
                || self.is_publication_date(dw)
                || self.follows_a_title(dw)
            {
                continue;
            }
            let distance = |m: &Mention| {
                if m.words.1 <= dw.0 {
                    dw.0 - m.words.1
                } else {
                    m.words.0.saturating_sub(dw.1)
                }
            };
            // An event in a relative clause is what that clause is about,
            // not what the rest of the sentence dates; an event the sentence
            // has already dated takes no more dates by nearness; a date
            // stays in its part of the sentence.
            let candidates: Vec<usize> = (0..mentions.len())
                .filter(|&mi| !mention_tied[mi] && !anchors[mi] && !same_day[mi])
                .filter(|&mi| {
                    let part = clause[mentions[mi].words.0].1;
                    part == clause[dw.0].1 || (heads && part == clause[dw.1.min(last)].1)
                })
                .filter(|&mi| distance(mentions[mi]) <= MAX_DISTANCE)
                .filter(|&mi| relative[mentions[mi].words.0] == relative[dw.0])
                .collect();
            let nearest = |pool: &mut dyn Iterator<Item = usize>| {
                // Nearest first; on a tie, the event after the date (`In
                // 1971 there was the coup in Bolivia`).
                pool.min_by_key(|&mi| {
                    (
                        distance(mentions[mi]),
                        usize::from(mentions[mi].words.0 < dw.0),
                    )
                })
            };
            let here = clause[dw.0].0;
            let chosen = nearest(
                &mut candidates
                    .iter()
                    .copied()
                    .filter(|&mi| clause[mentions[mi].words.0].0 == here),
            )
            .or_else(|| nearest(&mut candidates.iter().copied()));
            // The nearest event already dated by a phrase takes no more
            // dates, and neither does the next one along: the date is most
            // likely about the event it stands by (`in June 1973 a tank
            // regiment attempted a coup, the Tanquetazo, on 29 June`; `the coup
            // of 11 September 1973 ended what began in 1970`).
            if let Some(mi) = chosen.filter(|&mi| !tied_events.contains(&mentions[mi].event)) {
                claims.push(Claim {
                    event: mentions[mi].event,
                    value: out.dates[d].value.clone(),
                    date: d,
                    also: None,
                    mention: self.mentions.start + mi,
                    binding: Binding::Nearest,
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

    #[test]
    fn a_date_goes_to_the_phrase_next_to_it() {
        assert_eq!(
            claims("The coup in Chile on 11th September 1973 was a chilling example."),
            vec![c("coup-1973", "11th September 1973", "1973-09-11")]
        );
        assert_eq!(
            claims("By the time of the 1973 coup, over 40% of the economy was publicly owned."),
            vec![c("coup-1973", "1973", "1973")]
        );
        assert_eq!(
            claims("In Chile, the failed June coup was followed by nationalisations."),
            vec![c("tanquetazo-1973", "June", "XXXX-06")]
        );
        assert_eq!(
            claims("The failure of the 29 June attempted coup reflected the indecision."),
            vec![c("tanquetazo-1973", "29 June", "XXXX-06-29")]
        );
    }

    #[test]
    fn two_events_in_one_sentence_make_two_claims() {
        assert_eq!(
            claims("After the Tanquetazo of 29 June 1973, the coup came on 11 September 1973."),
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
            claims(
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
            claims("The coup of 11 September 1973 ended a process that had begun in 1970."),
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
            claims("The Tanquetazo came months before the coup, which came on 11 September 1973."),
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
            claims("The coup (11 September 1973) was preceded by the Tanquetazo (29 June 1973)."),
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
            claims(
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
