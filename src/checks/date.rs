//! The date rules: `date::conflict`, `date::disputed`, `date::invalid`,
//! `date::weekday` and `date::anniversary`.
//!
//! The draft's dated claims are compared with the corpus's claims about the
//! same event, looked up by event (the corpus's claims are found once per
//! corpus, see `events::corpus`). Dates inside quotations are the quoted
//! author's: they are checked for validity only, and never rewritten.

use super::related;
use crate::config::Settings;
use crate::corpus::{Corpus, SourceIdx};
use crate::dates::relative::RelativeKind;
use crate::dates::{self, DateValue, Weekday, Ymd};
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Fix, Related, Severity};
use crate::draft::Draft;
use crate::events::claims::Unit;
use crate::events::{Analysis, Binding, Catalog, Claim, ClaimRef, CorpusDates, Readings};
use crate::rules;
use crate::span::Span;
use crate::text::document::BlockKind;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A draft's dates and claims, read with `catalog`. The cells of a table
/// row are read together, so that `| 1973 | Military coup against Allende |`
/// dates the coup.
pub fn analyze(draft: &Draft, catalog: &Catalog) -> Analysis {
    let prose = draft.doc.prose.text();
    let tokens = crate::text::tokenize::tokenize(prose);
    crate::events::claims::analyze_units(prose, &units(draft), &tokens, catalog, &subject(draft))
}

/// What the draft is about, in words: its front matter `title` or `name`,
/// and its first heading (`# Salvador Allende`). A line of a list or a
/// table in a profile is about the profile's subject.
fn subject(draft: &Draft) -> Vec<crate::events::Word> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?m)^\s*(?:title|name)\s*[:=]\s*["']?([^"'\n]+)"#).expect("title regex")
    });
    let mut text = String::new();
    if let Some(fm) = &draft.doc.front_matter {
        for c in re.captures_iter(&fm.text) {
            text.push_str(&c[1]);
            text.push('\n');
        }
    }
    if let Some(h) = draft
        .doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Heading)
    {
        text.push_str(draft.doc.block_text(h));
    }
    let tokens = crate::text::tokenize::tokenize(&text);
    crate::events::words_of(&text, &tokens)
}

/// The draft's sentences, with the cells of each table row (a row is one
/// line of a Markdown table) joined into one unit.
fn units(draft: &Draft) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut row_line: Option<usize> = None;
    for (block, span) in draft.doc.sentences() {
        let cell = draft.doc.blocks[block].kind == BlockKind::TableCell;
        let line = cell.then(|| draft.location(draft.doc.prose.to_original(span)).line);
        match out.last_mut() {
            Some(unit) if line.is_some() && line == row_line => {
                unit.span = unit.span.cover(span);
                unit.cells.push(span);
            }
            _ => out.push(Unit {
                span,
                cells: if cell { vec![span] } else { Vec::new() },
                item: matches!(
                    draft.doc.blocks[block].kind,
                    BlockKind::ListItem | BlockKind::TableCell
                ),
            }),
        }
        row_line = line;
    }
    // A row of one cell is a sentence.
    for unit in &mut out {
        if unit.cells.len() == 1 {
            unit.cells.clear();
        }
    }
    out
}

/// The date a draft is read on, and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsOf {
    pub date: Ymd,
    pub from: AsOfSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOfSource {
    FrontMatter,
    Option,
}

impl AsOf {
    fn describe(&self) -> String {
        let from = match self.from {
            AsOfSource::FrontMatter => "its front matter `date`",
            AsOfSource::Option => "--as-of",
        };
        format!("{} ({from})", self.date)
    }
}

/// The draft's date: its front matter `date`, else `--as-of`. A draft with
/// neither has no date: what it counts from "today" is not checked, since
/// the day it is read on says nothing about the day it was written.
pub fn as_of(draft: &Draft, settings: &Settings) -> Option<AsOf> {
    if let Some(date) = draft
        .doc
        .front_matter
        .as_ref()
        .and_then(|fm| front_matter_date(&fm.text))
    {
        return Some(AsOf {
            date,
            from: AsOfSource::FrontMatter,
        });
    }
    settings.as_of.map(|date| AsOf {
        date,
        from: AsOfSource::Option,
    })
}

/// The `date` key of YAML (`date: 2023-09-11`) or TOML (`date = 2023-09-11`)
/// front matter. Front matter is not prose: a line is enough.
pub fn front_matter_date(text: &str) -> Option<Ymd> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?m)^\s*date\s*[:=]\s*["']?(\d{4}-\d{2}-\d{2})"#).expect("front matter regex")
    });
    Ymd::parse_iso(re.captures(text)?.get(1)?.as_str())
}

pub fn check(draft: &Draft, corpus: &Corpus, settings: &Settings, report: &mut FileReport) {
    let codes = [
        rules::DATE_CONFLICT.code,
        rules::DATE_DISPUTED.code,
        rules::DATE_INVALID.code,
        rules::DATE_WEEKDAY.code,
        rules::DATE_ANNIVERSARY.code,
    ];
    if codes.iter().all(|c| settings.severity(c).is_none()) {
        return;
    }
    let catalog = &settings.events;
    let analysis = analyze(draft, catalog);
    let quotations: Vec<Span> = draft.quotations().iter().map(|q| q.prose).collect();
    let quoted = |span: Span| quotations.iter().any(|q| q.overlaps(span));
    let ctx = Context {
        draft,
        corpus,
        catalog,
        analysis: &analysis,
    };

    for (i, d) in analysis.dates.iter().enumerate() {
        if let Some(sev) = settings.severity(rules::DATE_INVALID.code) {
            if let Some(diag) = ctx.invalid(i, sev) {
                report.diagnostics.push(diag);
            }
        }
        if let Some(sev) = settings.severity(rules::DATE_WEEKDAY.code) {
            if let Some(diag) = ctx.weekday(i, sev, !quoted(d.span)) {
                report.diagnostics.push(diag);
            }
        }
    }

    let conflict = settings.severity(rules::DATE_CONFLICT.code);
    let disputed = settings.severity(rules::DATE_DISPUTED.code);
    let anniversary = settings.severity(rules::DATE_ANNIVERSARY.code);
    if conflict.is_none() && disputed.is_none() && anniversary.is_none() {
        return;
    }
    if analysis.claims.is_empty() && analysis.relatives.is_empty() {
        return;
    }
    // Only the corpus's claims about the events the draft names.
    let events: Vec<usize> = analysis
        .claims
        .iter()
        .map(|c| c.event)
        .chain(analysis.mentions.iter().map(|m| m.event))
        .collect();
    let corpus_dates = catalog.corpus_dates_for(corpus, &events);
    // A note that the draft follows the majority is said once per event;
    // warnings and errors at every place that needs a change.
    let mut noted: Vec<usize> = Vec::new();
    for claim in &analysis.claims {
        if quoted(analysis.dates[claim.date].span) {
            continue;
        }
        if let Some(diag) = ctx.judge(claim, &corpus_dates, conflict, disputed) {
            if diag.severity == Severity::Info && diag.code == rules::DATE_DISPUTED.code {
                if noted.contains(&claim.event) {
                    continue;
                }
                noted.push(claim.event);
            }
            report.diagnostics.push(diag);
        }
    }
    if let Some(sev) = anniversary {
        let as_of = as_of(draft, settings);
        for r in 0..analysis.relatives.len() {
            if quoted(analysis.relatives[r].span) {
                continue;
            }
            if let Some(diag) = ctx.anniversary(r, &corpus_dates, as_of, sev) {
                report.diagnostics.push(diag);
            }
        }
    }
}

struct Context<'a> {
    draft: &'a Draft,
    corpus: &'a Corpus,
    catalog: &'a Catalog,
    analysis: &'a Analysis,
}

/// The most sources shown as evidence for one date; the message and help
/// still count them all.
const MAX_SOURCES_SHOWN: usize = 5;

/// Source ids, the first few of a long list.
fn id_list(ids: &[&str]) -> String {
    if ids.len() <= MAX_SOURCES_SHOWN {
        return ids.join(", ");
    }
    format!(
        "{} and {} more",
        ids[..MAX_SOURCES_SHOWN].join(", "),
        ids.len() - MAX_SOURCES_SHOWN
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn sources(n: usize) -> String {
    plural(n, "source", "sources")
}

/// Why a day does not exist.
fn why_invalid(v: &DateValue) -> Option<String> {
    match v {
        DateValue::Day { year, month, day } if !v.is_valid() => {
            let name = dates::month_name(*month);
            let days = dates::days_in_month(*year, *month);
            Some(match year {
                Some(y) if *month == 2 && *day == 29 => {
                    format!("there is no 29 February {y}: {y} was not a leap year")
                }
                Some(y) => format!("there is no {day} {name} {y}: {name} has {days} days"),
                None => format!("there is no {day} {name}: {name} has {days} days"),
            })
        }
        DateValue::Range(a, b) => why_invalid(a).or_else(|| why_invalid(b)),
        DateValue::Part(_, base) => why_invalid(base),
        _ => None,
    }
}

impl Context<'_> {
    fn original(&self, prose: Span) -> Span {
        self.draft.doc.prose.to_original(prose)
    }

    fn date_text(&self, d: usize) -> String {
        let text = &self.draft.doc.prose.text()[self.analysis.dates[d].span.range()];
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn label(&self, event: usize) -> &str {
        &self.catalog.events[event].label
    }

    fn invalid(&self, d: usize, severity: Severity) -> Option<Diagnostic> {
        let expr = &self.analysis.dates[d];
        let why = why_invalid(&expr.value)?;
        Some(Diagnostic {
            code: rules::DATE_INVALID.code,
            severity,
            message: why,
            span: self.original(expr.span),
            label: "no such day".to_string(),
            related: Vec::new(),
            help: Some("correct the day against your source".to_string()),
            diff: None,
            fix: None,
        })
    }

    fn weekday(&self, d: usize, severity: Severity, fixable: bool) -> Option<Diagnostic> {
        let expr = &self.analysis.dates[d];
        let (said, said_span) = expr.weekday?;
        let DateValue::Day {
            year: Some(y),
            month,
            day,
        } = expr.value
        else {
            return None;
        };
        let ymd = Ymd::new(y, month, day)?;
        let actual = ymd.weekday();
        if actual == said {
            return None;
        }
        let from_context = if expr.year_from_context {
            format!(" (the year {y} is taken from the sentence)")
        } else {
            String::new()
        };
        let written = &self.draft.doc.prose.text()[said_span.range()];
        let replacement = weekday_like(actual, written);
        let span = self.original(said_span);
        Some(Diagnostic {
            code: rules::DATE_WEEKDAY.code,
            severity,
            message: format!(
                "{} was a {}, not a {}{from_context}",
                ymd.describe(),
                actual.name(),
                said.name()
            ),
            span: self.original(expr.span),
            label: format!("a {}", actual.name()),
            related: Vec::new(),
            help: Some(if fixable {
                "either the weekday or the date is wrong; the fix changes the weekday".to_string()
            } else {
                "the date is inside a quotation: check it against the source, which provlint does not rewrite".to_string()
            }),
            diff: None,
            fix: fixable.then(|| Fix {
                span,
                replacement: replacement.clone(),
                applicability: Applicability::Unsafe,
                message: format!("write {replacement}"),
            }),
        })
    }

    /// Evidence for the claims `refs`, each labelled.
    fn evidence(
        &self,
        dates: &CorpusDates,
        refs: &[ClaimRef],
        label: impl Fn(ClaimRef) -> String,
    ) -> Vec<Related> {
        refs.iter()
            .map(|&r| related(self.corpus, r.source, dates.claim_span(r), label(r)))
            .collect()
    }

    fn source_id(&self, s: SourceIdx) -> &str {
        self.corpus.source(s).id()
    }

    fn line_of(&self, dates: &CorpusDates, r: ClaimRef) -> usize {
        let src = self.corpus.source(r.source);
        src.lines()
            .line_col(src.text(), dates.date_span(r).start)
            .line
    }

    fn judge(
        &self,
        claim: &Claim,
        dates: &CorpusDates,
        conflict: Option<Severity>,
        disputed: Option<Severity>,
    ) -> Option<Diagnostic> {
        let refs = dates.claims_for(claim.event);
        if refs.is_empty() {
            return None;
        }
        let event = &self.catalog.events[claim.event];
        let value = &self.compared(claim);
        let theirs: Vec<DateValue> = refs.iter().map(|&r| dates.compared(r)).collect();
        if event.recurring && !same_occurrence(value, &theirs) {
            return None;
        }
        // A description that only its place or the document ties to an
        // event of a kind that recurs (`the coup`, `the 1924 coup in Chile`)
        // may be about another of its kind: its date is compared only when
        // it shares the sources' year, or their day and month (`the coup of
        // 11 September 1974`).
        if event.kind.is_some() && !self.analysis.mentions[claim.mention].identifies() {
            let given: Vec<&DateValue> = refs.iter().map(|&r| &dates.claim(r).value).collect();
            if !shares_occurrence(&claim.value, &given) {
                return None;
            }
        }
        let theirs: Vec<&DateValue> = theirs.iter().collect();
        if dates::conflicts(value, &theirs) {
            return conflict.map(|sev| self.conflict(claim, dates, refs, sev));
        }
        let readings = dates.readings(claim.event);
        if !readings.disputed() {
            return None;
        }
        let sides: Vec<usize> = (0..readings.sides.len())
            .filter(|&i| dates::compatible(&readings.sides[i].value, value))
            .collect();
        let [side] = sides[..] else {
            // With every side, or none: the draft takes no side.
            return None;
        };
        let severity = disputed?;
        Some(self.disputed(claim, dates, readings, side, severity))
    }

    /// The draft claim's date as it is compared: by year for an event
    /// that lasts.
    fn compared(&self, claim: &Claim) -> DateValue {
        if self.catalog.events[claim.event].extended {
            dates::to_years(&claim.value)
        } else {
            claim.value.clone()
        }
    }

    fn conflict(
        &self,
        claim: &Claim,
        dates: &CorpusDates,
        refs: &[ClaimRef],
        severity: Severity,
    ) -> Diagnostic {
        // The sources' dates, grouped by what they say, most sources first.
        let mut groups: BTreeMap<String, (DateValue, Vec<ClaimRef>)> = BTreeMap::new();
        for &r in refs {
            let v = &dates.claim(r).value;
            groups
                .entry(v.describe())
                .or_insert_with(|| (v.clone(), Vec::new()))
                .1
                .push(r);
        }
        let mut groups: Vec<(String, Vec<ClaimRef>)> =
            groups.into_iter().map(|(k, (_, v))| (k, v)).collect();
        let distinct = |rs: &[ClaimRef]| {
            let mut s: Vec<SourceIdx> = rs.iter().map(|r| r.source).collect();
            s.dedup();
            s
        };
        groups.sort_by(|a, b| {
            distinct(&b.1)
                .len()
                .cmp(&distinct(&a.1).len())
                .then(a.1[0].cmp(&b.1[0]))
        });
        let summary: Vec<String> = groups
            .iter()
            .map(|(date, rs)| {
                let ids: Vec<&str> = distinct(rs).iter().map(|s| self.source_id(*s)).collect();
                format!("{date} ({})", id_list(&ids))
            })
            .collect();
        // One passage per source and date: the one that says it most
        // plainly (its own year, the event named next to the date).
        let mut related = Vec::new();
        for (date, rs) in &groups {
            let n = distinct(rs).len();
            for source in distinct(rs).into_iter().take(MAX_SOURCES_SHOWN) {
                let mine: Vec<ClaimRef> =
                    rs.iter().copied().filter(|r| r.source == source).collect();
                let best = *mine
                    .iter()
                    .min_by_key(|r| {
                        let c = dates.claim(**r);
                        (c.year_from_corpus, c.binding == Binding::Nearest, **r)
                    })
                    .expect("a source in the group has a claim in it");
                let more = match mine.len() - 1 {
                    0 => String::new(),
                    1 => "; 1 more passage in this source".to_string(),
                    k => format!("; {k} more passages in this source"),
                };
                related.extend(self.evidence(dates, &[best], |r| {
                    format!(
                        "{} dates it {date}{} ({} {}{more})",
                        self.source_id(r.source),
                        year_note(dates, r),
                        sources(n),
                        if n == 1 { "says so" } else { "say so" }
                    )
                }));
            }
        }
        let n_sources = distinct(&{
            let mut all = refs.to_vec();
            all.sort();
            all
        })
        .len();
        Diagnostic {
            code: rules::DATE_CONFLICT.code,
            severity,
            message: {
                let mut against: Vec<SourceIdx> = refs
                    .iter()
                    .filter(|r| !dates::compatible(&dates.compared(**r), &self.compared(claim)))
                    .map(|r| r.source)
                    .collect();
                against.dedup();
                let (value, label) = (claim.value.describe(), self.label(claim.event));
                if against.len() == n_sources {
                    format!(
                        "{value} for {label} conflicts with every source that dates it ({})",
                        sources(n_sources)
                    )
                } else {
                    let rest = n_sources - against.len();
                    format!(
                        "{value} for {label} conflicts with the sources: {} of the {n_sources} that date it say otherwise, and {rest} {} only a less precise date",
                        against.len(),
                        if rest == 1 { "gives" } else { "give" }
                    )
                }
            },
            span: self.original(self.analysis.dates[claim.date].span),
            label: format!("the sources say {}", {
                // The date most sources give against the draft's, and any
                // other as widely given that disagrees with it too.
                let against: Vec<&(String, Vec<ClaimRef>)> = groups
                    .iter()
                    .filter(|(_, rs)| {
                        !dates::compatible(&dates.compared(rs[0]), &self.compared(claim))
                    })
                    .collect();
                let first = against[0];
                let top = distinct(&first.1).len();
                let first_value = &dates.compared(first.1[0]);
                let mut said = vec![first.0.as_str()];
                for (d, rs) in &against[1..] {
                    let value = &dates.compared(rs[0]);
                    if distinct(rs).len() == top && !dates::compatible(value, first_value) {
                        said.push(d.as_str());
                    }
                }
                said.join(" or ")
            }),
            related,
            help: Some(format!(
                "the sources date {}: {}. Correct the date, or add a source for yours to the corpus",
                self.label(claim.event),
                summary.join("; ")
            )),
            diff: None,
            fix: None,
        }
    }

    fn disputed(
        &self,
        claim: &Claim,
        dates: &CorpusDates,
        readings: &Readings,
        side: usize,
        severity: Severity,
    ) -> Diagnostic {
        let ours = &readings.sides[side];
        let others: Vec<&crate::events::Reading> = readings
            .sides
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != side)
            .map(|(_, r)| r)
            .collect();
        let most_other = others.iter().map(|r| r.sources.len()).max().unwrap_or(0);
        let majority = ours.sources.len() > most_other;
        let even = ours.sources.len() == most_other;
        let ids = |r: &crate::events::Reading| {
            id_list(
                &r.sources
                    .iter()
                    .map(|s| self.source_id(*s))
                    .collect::<Vec<_>>(),
            )
        };
        let describe_side = |r: &crate::events::Reading| {
            format!(
                "{} {} {} ({})",
                sources(r.sources.len()),
                if r.sources.len() == 1 { "says" } else { "say" },
                r.value.describe(),
                ids(r)
            )
        };
        let contradicting: Vec<&str> = readings
            .self_contradicting()
            .into_iter()
            .map(|s| self.source_id(s))
            .collect();
        let self_note = match contradicting.len() {
            0 => String::new(),
            1 => format!("; {} contradicts itself", contradicting[0]),
            _ => format!("; {} contradict themselves", contradicting.join(" and ")),
        };
        let label = self.label(claim.event);
        let sides_text: Vec<String> = std::iter::once(ours)
            .chain(others.iter().copied())
            .map(describe_side)
            .collect();
        // No independent source disagrees: every source of another reading
        // also gives the draft's (fi-1973 dates Guatemala 1954 in one place
        // and 1964 in another).
        let only_itself = !majority
            && others
                .iter()
                .all(|r| r.sources.iter().all(|s| ours.sources.contains(s)));
        let (message, span_label, severity) = if only_itself {
            let places: Vec<String> = readings
                .sides
                .iter()
                .flat_map(|r| r.claims.iter().map(move |c| (r, *c)))
                .map(|(r, c)| format!("{} at line {}", r.value.describe(), self.line_of(dates, c)))
                .collect();
            (
                format!(
                    "{} contradicts itself on the date of {label} ({}); the draft's date is one of its readings, and no other source disagrees",
                    contradicting.join(" and "),
                    places.join(", ")
                ),
                format!("as {} says in one place", contradicting.join(" and ")),
                Severity::Info,
            )
        } else if majority {
            let dissenting: Vec<(&crate::events::Reading, ClaimRef)> = others
                .iter()
                .flat_map(|&r| r.claims.iter().map(move |c| (r, *c)))
                .collect();
            // A large corpus may hold hundreds of dissenting passages: the
            // first few are named, the rest counted.
            let mut dissent: Vec<String> = dissenting
                .iter()
                .take(MAX_SOURCES_SHOWN)
                .map(|&(r, c)| {
                    format!(
                        "{} (line {}) says {}",
                        self.source_id(c.source),
                        self.line_of(dates, c),
                        r.value.describe()
                    )
                })
                .collect();
            if dissenting.len() > MAX_SOURCES_SHOWN {
                dissent.push(format!(
                    "{} more passages disagree",
                    dissenting.len() - MAX_SOURCES_SHOWN
                ));
            }
            (
                format!(
                    "the sources disagree on the date of {label}: most say {}, as the draft does, but {}{self_note}",
                    ours.value.describe(),
                    dissent.join(" and ")
                ),
                format!("as {} say", sources(ours.sources.len())),
                Severity::Info,
            )
        } else if even {
            (
                format!(
                    "the sources are split evenly on the date of {label}: {}{self_note}",
                    sides_text.join(", ")
                ),
                "the sources are split on this date".to_string(),
                severity,
            )
        } else {
            (
                format!(
                    "the sources disagree on the date of {label}, and fewer of them give this date: {}{self_note}",
                    sides_text.join(", ")
                ),
                format!(
                    "{} {} this; {} another date",
                    sources(ours.sources.len()),
                    if ours.sources.len() == 1 {
                        "says"
                    } else {
                        "say"
                    },
                    sources(most_other)
                ),
                severity,
            )
        };
        let mut related = Vec::new();
        for (i, r) in readings.sides.iter().enumerate() {
            let whose = if i == side {
                "the draft's reading"
            } else {
                "another reading"
            };
            let n = r.sources.len();
            // Every passage of a side, for the first sources of a large
            // corpus.
            let shown: Vec<ClaimRef> = r
                .claims
                .iter()
                .copied()
                .filter(|c| r.sources[..n.min(MAX_SOURCES_SHOWN)].contains(&c.source))
                .collect();
            related.extend(self.evidence(dates, &shown, |c| {
                format!(
                    "{} says {}{} ({whose}, {})",
                    self.source_id(c.source),
                    dates.claim(c).value.describe(),
                    year_note(dates, c),
                    sources(n)
                )
            }));
        }
        Diagnostic {
            code: rules::DATE_DISPUTED.code,
            severity,
            message,
            span: self.original(self.analysis.dates[claim.date].span),
            label: span_label,
            related,
            help: Some(if only_itself {
                "check the source's passages shown; `provlint corpus audit` lists the corpus's disagreements".to_string()
            } else if majority {
                "the draft follows most sources; `provlint corpus audit` lists the corpus's disagreements".to_string()
            } else {
                format!(
                    "check the sources shown; prefer the reading more sources give, or say that the date of {label} is disputed"
                )
            }),
            diff: None,
            fix: None,
        }
    }

    /// The date of `event` as far as the draft or the corpus says it: the
    /// draft's claim in sentence `sentence`, else the most precise date all
    /// the sources agree on. With the evidence for it.
    fn event_date(
        &self,
        event: usize,
        sentence: usize,
        dates: &CorpusDates,
    ) -> Option<(DateValue, Option<ClaimRef>)> {
        let own = self
            .analysis
            .claims
            .iter()
            .find(|c| c.event == event && self.analysis.date_sentence[c.date] == sentence);
        if let Some(c) = own {
            return Some((c.value.clone(), None));
        }
        let refs = dates.claims_for(event);
        if refs.is_empty() || dates.readings(event).disputed() {
            return None;
        }
        let finest = refs
            .iter()
            .copied()
            .filter(|r| dates.claim(*r).value.has_year())
            .min_by_key(|r| {
                dates
                    .claim(*r)
                    .value
                    .interval()
                    .map_or(i64::MAX, |(lo, hi)| hi.days() - lo.days())
            })?;
        Some((dates.claim(finest).value.clone(), Some(finest)))
    }

    fn anniversary(
        &self,
        r: usize,
        dates: &CorpusDates,
        as_of: Option<AsOf>,
        severity: Severity,
    ) -> Option<Diagnostic> {
        let a = self.analysis;
        let rel = &a.relatives[r];
        let sentence = a.relative_sentence[r];
        let in_sentence = |m: usize| a.mention_sentence[m] == sentence;
        let (expected, event, evidence, explain): (
            Vec<i64>,
            Option<usize>,
            Option<ClaimRef>,
            String,
        ) = match rel.kind {
            RelativeKind::YearsAgo { today } => {
                let as_of = as_of?;
                // What the sentence says happened then: the one event it
                // names, not as a point of reference (`ten years ago, on
                // the anniversary of the coup` counts from something else).
                let prose = self.draft.doc.prose.text();
                // In the same part of the sentence: not across `:` or `;`.
                let same_part = |m: usize| {
                    let span = a.mentions[m].span;
                    let (lo, hi) = if span.end <= rel.span.start {
                        (span.end, rel.span.start)
                    } else {
                        (rel.span.end, span.start.max(rel.span.end))
                    };
                    !prose[lo..hi].contains([':', ';'])
                };
                let mut named: Vec<usize> = (0..a.mentions.len())
                    .filter(|&m| in_sentence(m) && same_part(m))
                    .filter(|&m| a.mentions[m].usable() && !a.mentions[m].reference)
                    .map(|m| a.mentions[m].event)
                    .collect();
                named.sort_unstable();
                named.dedup();
                let [event] = named[..] else {
                    return None;
                };
                let (value, evidence) = self.event_date(event, sentence, dates)?;
                let (expected, exact) = years_between(&value, &as_of.date, today)?;
                let explain = format!(
                    "{} was {}, {} years before this draft's date, {}",
                    self.label(event),
                    on_or_in(&value),
                    exact,
                    as_of.describe()
                );
                (expected, Some(event), evidence, explain)
            }
            RelativeKind::Anniversary => {
                // `the Nth anniversary of X`: X is the phrase just after `of`.
                let m = (0..a.mentions.len())
                    .filter(|&m| in_sentence(m) && a.mentions[m].span.start >= rel.span.end)
                    .min_by_key(|&m| a.mentions[m].span.start)?;
                if !a.mentions[m].usable() || !self.anniversary_of(rel.span, m) {
                    return None;
                }
                // `Ten years ago, on the 40th anniversary of the coup`: the
                // sentence counts from another time than the draft's.
                let counted_elsewhere =
                    (0..a.relatives.len()).any(|o| o != r && a.relative_sentence[o] == sentence);
                if counted_elsewhere {
                    return None;
                }
                let event = a.mentions[m].event;
                let (value, evidence) = self.event_date(event, sentence, dates)?;
                let year = value.year()?;
                // Counted to a year the sentence gives (`by 2013 the 40th
                // anniversary of the coup`), else to the draft's date.
                let given = (0..a.dates.len())
                    .filter(|&d| a.date_sentence[d] == sentence)
                    .filter(|&d| a.claims_of_date(d).all(|c| c.event != event))
                    .filter_map(|d| Some((d, a.dates[d].value.year()?)))
                    .min_by_key(|(d, _)| a.dates[*d].span.start.abs_diff(rel.span.start));
                let (expected, explain) = match given {
                    Some((d, at)) => (
                        vec![i64::from(at - year)],
                        format!(
                            "{} was {}, so its anniversary in {} is the {}",
                            self.label(event),
                            on_or_in(&value),
                            self.date_text(d),
                            ordinal(at - year)
                        ),
                    ),
                    None => {
                        let as_of = as_of?;
                        (
                            anniversaries(&value, &as_of.date)?,
                            format!(
                                "{} was {}, so its {} anniversary falls in {}, the year of this draft's date, {}",
                                self.label(event),
                                on_or_in(&value),
                                ordinal(as_of.date.year - year),
                                as_of.date.year,
                                as_of.describe()
                            ),
                        )
                    }
                };
                (expected, Some(event), evidence, explain)
            }
            RelativeKind::YearsLater => {
                let (later, later_text, later_date) = match self.said_today(r) {
                    // `Today, fifty years later, ...`: later is the draft's
                    // date, when it has one.
                    true => {
                        let as_of = as_of?;
                        (
                            DateValue::Day {
                                year: Some(as_of.date.year),
                                month: as_of.date.month,
                                day: as_of.date.day,
                            },
                            format!("today ({})", as_of.describe()),
                            None,
                        )
                    }
                    false => self.later_date(r, dates)?,
                };
                let (earlier, earlier_text) = self.earlier_date(r, &later, later_date, dates)?;
                let (later_first_day, _) = later.interval()?;
                let (expected, exact) = years_between(&earlier, &later_first_day, false)?;
                let explain = format!("from {earlier_text} to {later_text} is {exact} years");
                (expected, None, None, explain)
            }
        };
        if expected.contains(&i64::from(rel.years)) {
            return None;
        }
        let text = &self.draft.doc.prose.text()[rel.span.range()];
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let related = evidence
            .map(|e| {
                let label = self.label(event.expect("evidence comes with an event"));
                vec![related(
                    self.corpus,
                    e.source,
                    dates.claim_span(e),
                    format!("the date of {label}"),
                )]
            })
            .unwrap_or_default();
        let fits = expected
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(" or ");
        Some(Diagnostic {
            code: rules::DATE_ANNIVERSARY.code,
            severity,
            message: format!("“{text}” does not fit the dates: {explain}"),
            span: self.original(rel.span),
            label: format!("{fits}, not {}", rel.years),
            related,
            help: Some(if rel.kind == RelativeKind::YearsLater {
                "count the years between the two dates again, or correct one of them".to_string()
            } else {
                "correct the count; the draft's date is its front matter `date`, else --as-of"
                    .to_string()
            }),
            diff: None,
            fix: None,
        })
    }

    /// Whether the words between `the Nth anniversary` (`rel`) and mention
    /// `m` say it is the anniversary of that event: `of`, articles, the
    /// date's words and the event's own places and qualifiers (`the 50th
    /// anniversary of the 1973 coup`, `of Chile's coup`), nothing that
    /// could be another thing (`of his exile after the coup`).
    fn anniversary_of(&self, rel: Span, m: usize) -> bool {
        let a = self.analysis;
        let prose = self.draft.doc.prose.text();
        let mention = &a.mentions[m];
        let event = &self.catalog.events[mention.event];
        let own: Vec<String> = event
            .places
            .iter()
            .chain(&event.qualifiers)
            .filter(|p| p.words.len() == 1)
            .filter_map(|p| match &p.words[0] {
                crate::events::PWord::Word(w) => Some(w.clone()),
                _ => None,
            })
            .collect();
        let between = Span::new(rel.end, mention.span.start);
        let tokens = crate::text::tokenize::tokenize(&prose[between.range()]);
        let words = crate::events::words_of(&prose[between.range()], &tokens);
        let in_date = |w: &crate::events::Word| {
            let at = between.start + w.span.start;
            a.dates
                .iter()
                .any(|d| d.span.start <= at && at < d.span.end)
        };
        words.first().is_some_and(|w| w.key == "of")
            && words.iter().all(|w| {
                matches!(w.key.as_str(), "of" | "the") || own.contains(&w.key) || in_date(w)
            })
    }

    /// Whether `N years later` is said of the draft's own time: `today`
    /// or `now` stands within three words of it.
    fn said_today(&self, r: usize) -> bool {
        let a = self.analysis;
        let rel = a.relatives[r].span;
        let prose = self.draft.doc.prose.text();
        let sentence = a.sentences[a.relative_sentence[r]];
        let before = &prose[sentence.start..rel.start];
        let after = &prose[rel.end..sentence.end];
        let near = |words: Vec<&str>| {
            words.into_iter().take(3).any(|w| {
                let w = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                w == "today" || w == "now"
            })
        };
        near(before.split_whitespace().rev().collect()) || near(after.split_whitespace().collect())
    }

    /// For `N years later`: the date with a year nearest to it in its
    /// sentence (`Seventeen years later, in 1990`; `In 2003, thirty years
    /// later`), else the date of the event the sentence names after it. With
    /// the date expression, when it is one.
    fn later_date(
        &self,
        r: usize,
        dates: &CorpusDates,
    ) -> Option<(DateValue, String, Option<usize>)> {
        let a = self.analysis;
        let rel = &a.relatives[r];
        let sentence = a.relative_sentence[r];
        let own = (0..a.dates.len())
            .filter(|&d| a.date_sentence[d] == sentence && a.dates[d].value.has_year())
            .min_by_key(|&d| {
                let span = a.dates[d].span;
                span.start
                    .abs_diff(rel.span.end)
                    .min(span.end.abs_diff(rel.span.start))
            });
        if let Some(d) = own {
            return Some((a.dates[d].value.clone(), self.date_text(d), Some(d)));
        }
        let m = (0..a.mentions.len()).find(|&m| {
            a.mention_sentence[m] == sentence
                && a.mentions[m].span.start >= rel.span.end
                && a.mentions[m].usable()
        })?;
        let event = a.mentions[m].event;
        let (value, _) = self.event_date(event, sentence, dates)?;
        let text = format!("{} ({})", self.label(event), value.describe());
        Some((value, text, None))
    }

    /// For `N years later`: what it counts from. An event the sentence names
    /// that came before the later date (`In 2003, thirty years later, Chile
    /// remembered the coup`), else the last date with a year before it, in
    /// its sentence or the two before.
    fn earlier_date(
        &self,
        r: usize,
        later: &DateValue,
        later_date: Option<usize>,
        dates: &CorpusDates,
    ) -> Option<(DateValue, String)> {
        let a = self.analysis;
        let rel = &a.relatives[r];
        let sentence = a.relative_sentence[r];
        let (later_start, _) = later.interval()?;
        // Events the later date is itself the date of are not what it
        // counts from.
        let own_events: Vec<usize> = later_date
            .map(|d| a.claims_of_date(d).map(|c| c.event).collect())
            .unwrap_or_default();
        let from_event = (0..a.mentions.len())
            .filter(|&m| a.mention_sentence[m] == sentence)
            .filter(|&m| a.mentions[m].usable() && !a.mentions[m].reference)
            .filter(|&m| !own_events.contains(&a.mentions[m].event))
            .filter_map(|m| {
                let event = a.mentions[m].event;
                let (value, _) = self.event_date(event, sentence, dates)?;
                let (_, end) = value.interval()?;
                let distance = a.mentions[m].span.start.abs_diff(rel.span.start);
                (end < later_start).then_some((distance, event, value))
            })
            .min_by_key(|(distance, _, _)| *distance);
        if let Some((_, event, value)) = from_event {
            let text = format!("{} ({})", self.label(event), value.describe());
            return Some((value, text));
        }
        let d = (0..a.dates.len()).rev().find(|&d| {
            Some(d) != later_date
                && a.dates[d].span.end <= rel.span.start
                && a.date_sentence[d] + 2 >= sentence
                && a.dates[d].value.has_year()
        })?;
        Some((a.dates[d].value.clone(), self.date_text(d)))
    }
}

/// Whether a draft's date of a recurring event (an election) is about the
/// occurrence the sources date: it falls in a year one of them gives.
fn same_occurrence(value: &DateValue, theirs: &[DateValue]) -> bool {
    let Some((lo, hi)) = value.interval() else {
        return true;
    };
    theirs.iter().any(|t| {
        t.interval()
            .is_none_or(|(a, b)| a.year <= hi.year && lo.year <= b.year)
    })
}

/// Whether a date a description gives could be of the occurrence the
/// sources date: it overlaps a year one of them gives, or it names a day
/// and month one of them gives. A date without a year names no other year.
fn shares_occurrence(value: &DateValue, theirs: &[&DateValue]) -> bool {
    let Some((lo, hi)) = value.interval() else {
        return true;
    };
    let years = theirs.iter().any(|t| {
        t.interval()
            .is_some_and(|(a, b)| a.year <= hi.year && lo.year <= b.year)
    });
    let day_and_month = |v: &DateValue| match v {
        DateValue::Day { month, day, .. } => Some((*month, *day)),
        _ => None,
    };
    years
        || day_and_month(value)
            .is_some_and(|dm| theirs.iter().any(|t| day_and_month(t) == Some(dm)))
}

/// Says when a source's claim gives no year of its own.
fn year_note(dates: &CorpusDates, r: ClaimRef) -> &'static str {
    if dates.claim(r).year_from_corpus {
        ", with no year in the text"
    } else {
        ""
    }
}

/// `on 11 September 1973`, `in June 1973`.
fn on_or_in(v: &DateValue) -> String {
    match v {
        DateValue::Day { .. } => format!("on {}", v.describe()),
        _ => format!("in {}", v.describe()),
    }
}

fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The counts of years from `from` to `to` that a writer may say: the full
/// years elapsed and the difference of the calendar years (they differ
/// before the anniversary in the year). With `today`, only the exact count
/// on the anniversary day itself. Also returns the calendar difference.
fn years_between(from: &DateValue, to: &Ymd, today: bool) -> Option<(Vec<i64>, i64)> {
    let year = i64::from(from.year()?);
    let diff = i64::from(to.year) - year;
    let day_and_month = match from {
        DateValue::Day { month, day, .. } => Some((*month, *day)),
        _ => None,
    };
    if today {
        return match day_and_month {
            Some(md) if md == (to.month, to.day) => Some((vec![diff], diff)),
            // "N years ago today" on another day fits no count.
            Some(_) => Some((Vec::new(), diff)),
            None => None,
        };
    }
    let (lo, _) = from.interval()?;
    let elapsed = if (to.month, to.day) >= (lo.month, lo.day) {
        diff
    } else {
        diff - 1
    };
    let mut out = vec![elapsed, diff];
    if from.granularity() != dates::Granularity::Day
        && from.granularity() != dates::Granularity::Month
    {
        out.push(diff - 1);
    }
    out.sort_unstable();
    out.dedup();
    Some((out, diff))
}

/// The anniversaries of `from` a writer on `to` may mean: the last one and
/// the next one.
fn anniversaries(from: &DateValue, to: &Ymd) -> Option<Vec<i64>> {
    let diff = i64::from(to.year) - i64::from(from.year()?);
    let (lo, _) = from.interval()?;
    let mut out = match from.granularity() {
        dates::Granularity::Day | dates::Granularity::Month => {
            if (to.month, to.day) >= (lo.month, lo.day) {
                vec![diff, diff + 1]
            } else {
                vec![diff - 1, diff]
            }
        }
        _ => vec![diff - 1, diff, diff + 1],
    };
    out.retain(|n| *n > 0);
    Some(out)
}

/// A weekday's name in the form the writer used: in full, or as the usual
/// three letters (with the writer's period, if any).
fn weekday_like(day: Weekday, written: &str) -> String {
    let bare = written.trim_end_matches('.');
    let full = Weekday::parse(bare).is_some_and(|w| w.name().eq_ignore_ascii_case(bare));
    if full {
        return day.name().to_string();
    }
    let short = &day.name()[..3];
    if written.ends_with('.') {
        format!("{short}.")
    } else {
        short.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> DateValue {
        DateValue::Day {
            year: Some(y),
            month: m,
            day: d,
        }
    }
    fn ymd(y: i32, m: u8, d: u8) -> Ymd {
        Ymd::new(y, m, d).unwrap()
    }

    #[test]
    fn counting_years() {
        let coup = day(1973, 9, 11);
        assert_eq!(
            years_between(&coup, &ymd(2019, 9, 11), true),
            Some((vec![46], 46))
        );
        assert_eq!(
            years_between(&coup, &ymd(2019, 9, 12), true),
            Some((vec![], 46))
        );
        assert_eq!(
            years_between(&coup, &ymd(2019, 9, 11), false),
            Some((vec![46], 46))
        );
        assert_eq!(
            years_between(&coup, &ymd(2019, 3, 1), false),
            Some((vec![45, 46], 46))
        );
        assert_eq!(
            years_between(&DateValue::Year(1973), &ymd(2019, 3, 1), false),
            Some((vec![45, 46], 46))
        );
        assert_eq!(anniversaries(&coup, &ymd(2023, 9, 16)), Some(vec![50, 51]));
        assert_eq!(anniversaries(&coup, &ymd(2023, 3, 1)), Some(vec![49, 50]));
        assert_eq!(
            anniversaries(&DateValue::Year(1973), &ymd(2013, 3, 1)),
            Some(vec![39, 40, 41])
        );
    }

    #[test]
    fn front_matter_dates() {
        assert_eq!(
            front_matter_date("title: x\ndate: 2023-09-11\n"),
            Some(ymd(2023, 9, 11))
        );
        assert_eq!(
            front_matter_date("date = \"2019-09-11T08:00:00Z\"\n"),
            Some(ymd(2019, 9, 11))
        );
        assert_eq!(front_matter_date("updated: 2019-09-11\n"), None);
        assert_eq!(front_matter_date("date: 2019-02-30\n"), None);
    }

    #[test]
    fn weekday_forms() {
        assert_eq!(weekday_like(Weekday::Tuesday, "Monday"), "Tuesday");
        assert_eq!(weekday_like(Weekday::Monday, "Tuesday"), "Monday");
        assert_eq!(weekday_like(Weekday::Tuesday, "Mon."), "Tue.");
        assert_eq!(weekday_like(Weekday::Wednesday, "Tues"), "Wed");
    }

    #[test]
    fn why_a_day_is_invalid() {
        assert_eq!(
            why_invalid(&day(1973, 6, 31)).unwrap(),
            "there is no 31 June 1973: June has 30 days"
        );
        assert_eq!(
            why_invalid(&day(1973, 2, 29)).unwrap(),
            "there is no 29 February 1973: 1973 was not a leap year"
        );
        assert_eq!(why_invalid(&day(1972, 2, 29)), None);
    }
}
