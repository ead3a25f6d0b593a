//! `figure::unattributed`, `figure::wrong-source`, `figure::conflict` and
//! `figure::disputed`: every figure of a draft (outside quotations) checked
//! against its credit and against what the corpus says of the same
//! quantity.
//!
//! A figure is compared only with the corpus's figures of the same quantity
//! (the quantity catalog, `provlint explain quantities`; or, outside it, a
//! corpus figure whose counted noun, measure, year and place all agree).
//! What the figure is of decides everything else:
//!
//! - a figure of a quantity the corpus states, credited to no source: a
//!   warning naming the source to cite when the corpus agrees with it, a
//!   conflict or a dispute when it does not;
//! - a figure of no quantity the corpus states: a note (info) when it is
//!   about the corpus's subject and credited to no source, else nothing: a
//!   fact-checker holding only the corpus has nothing to say of it;
//! - a figure credited to a corpus source (the credit resolves exactly):
//!   `figure::wrong-source` when that source gives the same quantity
//!   otherwise, or states no such figure at all.

use super::related;
use crate::attribution::{Cover, CreditKind, Credits};
use crate::config::Settings;
use crate::corpus::{Corpus, SourceIdx};
use crate::diagnostic::{Applicability, Diagnostic, FileReport, Fix, Related, Severity};
use crate::draft::Draft;
use crate::figures::index::{CorpusFigures, FigRef};
use crate::figures::quantity::{self, CorpusQuantities, Judgement, Reading};
use crate::figures::{self, Figure, FigureRules, Unit, collapse, compare};
use crate::rules;
use crate::span::Span;
use crate::text::Format;

/// The figures of a draft that the figure checks look at: outside
/// quotations (the quotation check covers those), citation brackets and
/// footnote definitions (which are references, not claims).
pub fn draft_figures(draft: &Draft, credits: &Credits, settings: &Settings) -> Vec<Figure> {
    let doc = &draft.doc;
    // The reference apparatus has no sentences.
    let sentences = doc.sentences();
    let excluded = super::quoted_or_cited(draft, credits);
    figures::extract_grouped(
        doc.prose.text(),
        &sentences,
        FigureRules::built_in(),
        settings.figures.min_count,
    )
    .into_iter()
    .filter(|f| !excluded.contains(f.span.start))
    .collect()
}

/// A corpus figure as evidence: its statement in its source.
fn evidence(
    corpus: &Corpus,
    figs: &CorpusFigures,
    r: FigRef,
    message: impl FnOnce(&str) -> String,
) -> Related {
    let f = figs.figure(r);
    let span = match &f.in_source {
        Some(at) => at.statement,
        None => corpus.text(r.source).doc.prose.to_original(f.statement),
    };
    let said = collapse(&corpus.source(r.source).text()[span.range()]);
    related(corpus, r.source, span, message(&said))
}

/// A corpus figure as written: "3,000", "about 37%".
fn written(corpus: &Corpus, figs: &CorpusFigures, r: FigRef) -> String {
    let c = figs.figure(r);
    match &c.in_source {
        Some(at) => at.written.clone(),
        None => c.describe(corpus.text(r.source).prose()),
    }
}

/// "flakin-2019, line 12: massacred 3,000 leftists".
fn cite_line(r: &Related) -> String {
    format!("{}, line {}: {}", r.source, r.span.line, collapse(&r.text))
}

/// A figure as written, with the capital of a sentence's first word
/// dropped: "Thousands" is "thousands", "CIA" stays.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(c), Some(d)) if c.is_uppercase() && !d.is_uppercase() => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn sources_count(n: usize) -> String {
    if n == 1 {
        "1 source".to_string()
    } else {
        format!("{n} sources")
    }
}

/// Where a citation for the figure would go: before its sentence's final
/// punctuation.
fn citation_point(draft: &Draft, sentences: &[(usize, Span)], f: &Figure) -> Option<usize> {
    let prose = draft.doc.prose.text();
    let i = sentences.partition_point(|(_, s)| s.end <= f.span.start);
    let &(_, s) = sentences.get(i).filter(|(_, s)| s.start <= f.span.start)?;
    let text = &prose[s.range()];
    let body = text.trim_end_matches(|c: char| {
        matches!(
            c,
            '.' | '!' | '?' | '”' | '’' | '"' | '\'' | ')' | ':' | ';'
        )
    });
    let at = s.start + body.len();
    Some(draft.doc.prose.to_original(Span::new(at, at)).start)
}

/// What the corpus says of a figure's quantity.
struct Known {
    /// The catalog's quantity, if the figure is one of it.
    quantity: Option<usize>,
    /// What to call the quantity.
    label: String,
    readings: Vec<Reading>,
}

/// The same quantity as `f` in the corpus: a quantity of the catalog, or
/// corpus figures outside it that agree with `f` on everything they say.
fn known(
    f: &Figure,
    settings: &Settings,
    found: &CorpusQuantities,
    min_count: f64,
) -> Option<Known> {
    let catalog = &settings.quantities;
    let figs = &found.figures;
    let is_figure = |r: &FigRef| figures::is_figure(figs.figure(*r), min_count);
    let (q, statements, label) = match catalog.of(f) {
        Some(q) => (
            Some(q),
            found.statements[q]
                .iter()
                .copied()
                .filter(is_figure)
                .collect::<Vec<_>>(),
            catalog.quantities[q].label.clone(),
        ),
        None => {
            let rules = FigureRules::built_in();
            // A corpus figure of a catalog quantity is that quantity's, and
            // is compared only with figures of it.
            let statements: Vec<FigRef> = figs
                .counting(f)
                .iter()
                .copied()
                .filter(|r| found.quantity_of(*r).is_none())
                .filter(|r| quantity::same_outside_catalog(f, figs.figure(*r), rules))
                .filter(is_figure)
                .collect();
            let what = f.counts.clone().unwrap_or_default();
            let label = format!("the number of {what} ({})", f.measures.join(", "));
            (None, statements, label)
        }
    };
    let readings = quantity::readings(&statements, figs);
    (!readings.is_empty()).then_some(Known {
        quantity: q,
        label,
        readings,
    })
}

pub fn check(
    draft: &Draft,
    corpus: &Corpus,
    settings: &Settings,
    credits: &Credits,
    figures: &[Figure],
    report: &mut FileReport,
) {
    let unattributed = settings.severity(rules::FIGURE_UNATTRIBUTED.code);
    let wrong_source = settings.severity(rules::FIGURE_WRONG_SOURCE.code);
    let conflict = settings.severity(rules::FIGURE_CONFLICT.code);
    let disputed = settings.severity(rules::FIGURE_DISPUTED.code);
    if unattributed.is_none() && wrong_source.is_none() && conflict.is_none() && disputed.is_none()
    {
        return;
    }
    // Only the corpus's figures these figures can meet: of their
    // quantities and nouns, and of the sources the draft credits.
    let credited: Vec<SourceIdx> = figures
        .iter()
        .flat_map(|f| credits.covering(f.span.start).sources)
        .collect();
    let found = settings.quantities.corpus_for(corpus, figures, &credited);
    let figs = found.figures.clone();
    let min_count = settings.figures.min_count;
    let ctx = Ctx {
        draft,
        corpus,
        figs: &figs,
        sentences: draft.doc.sentences(),
    };
    // A note that the draft follows most sources is said once per quantity.
    let mut noted: Vec<String> = Vec::new();
    for f in figures {
        let cover = credits.covering(f.span.start);
        let known = known(f, settings, &found, min_count);
        if !cover.sources.is_empty() {
            // Credited to the corpus: the credited source must state it.
            match ctx.credited(f, &cover, known.as_ref()) {
                Credited::States => continue,
                Credited::Unknown => {}
                Credited::Not(said) => {
                    if let Some(severity) = wrong_source {
                        report.diagnostics.push(ctx.wrong_source(
                            f,
                            &cover,
                            said,
                            known.as_ref(),
                            severity,
                        ));
                    }
                    continue;
                }
            }
        }
        let uncredited = cover.is_empty();
        let Some(known) = known else {
            // Nothing in the corpus to compare with: only a figure about the
            // corpus's subject needs saying, and weakly.
            let about_subject = settings
                .quantities
                .subject
                .as_ref()
                .is_some_and(|s| s.covers(f, &settings.quantities));
            if uncredited && about_subject && of_a_kind_the_corpus_gives(f, settings) {
                if let Some(severity) = unattributed {
                    let weak = severity.min(Severity::Info);
                    report
                        .diagnostics
                        .push(ctx.unattributed(f, &[], None, weak));
                }
            }
            continue;
        };
        match quantity::judge(&compare::interval(f), &known.readings) {
            Judgement::Agrees => {
                if uncredited && let Some(severity) = unattributed {
                    let all: Vec<usize> = (0..known.readings.len()).collect();
                    report.diagnostics.push(ctx.unattributed(
                        f,
                        &known.readings,
                        Some(&all),
                        severity,
                    ));
                }
            }
            Judgement::Conflict { against } => {
                if let Some(severity) = conflict {
                    report
                        .diagnostics
                        .push(ctx.conflict(f, &known, &against, severity));
                }
            }
            Judgement::Disputed { with, against } => {
                let ours = quantity::sources_of(&known.readings, &with);
                let theirs: Vec<SourceIdx> = quantity::sources_of(&known.readings, &against)
                    .into_iter()
                    .filter(|s| !ours.contains(s))
                    .collect();
                let majority = ours.len() > theirs.len();
                if let Some(severity) = disputed {
                    let key = known
                        .quantity
                        .map_or_else(|| known.label.clone(), |q| q.to_string());
                    // With most sources and credited, there is nothing to
                    // do; with most sources and uncredited, a note once.
                    let repeat = majority && (!uncredited || noted.contains(&key));
                    if !repeat {
                        if majority {
                            noted.push(key);
                        }
                        let severity = if majority { Severity::Info } else { severity };
                        report.diagnostics.push(ctx.disputed(
                            f,
                            &known,
                            (&with, &against),
                            majority,
                            uncredited,
                            severity,
                        ));
                    }
                }
                // Siding with most sources, the figure's one problem is its
                // missing credit; siding with fewer, the dispute says both.
                if majority
                    && uncredited
                    && let Some(severity) = unattributed
                {
                    report.diagnostics.push(ctx.unattributed(
                        f,
                        &known.readings,
                        Some(&with),
                        severity,
                    ));
                }
            }
        }
    }
}

/// Whether a figure is of a kind the corpus gives figures of: a measure of
/// one of the catalog's quantities (killed, exiled, a share of the vote...),
/// or a sum of money. A count of books sold or of languages is not.
fn of_a_kind_the_corpus_gives(f: &Figure, settings: &Settings) -> bool {
    matches!(f.unit, Unit::Money(_))
        || settings
            .quantities
            .quantities
            .iter()
            .filter_map(|q| q.measure.as_ref())
            .any(|m| f.measures.contains(m))
}

/// What a credited corpus source says of a figure.
enum Credited {
    /// It states it.
    States,
    /// It cannot be told: the figure's number is in the source's text, or
    /// the credit also names a work outside the corpus.
    Unknown,
    /// It does not state it; what it says of the same quantity instead.
    Not(Vec<FigRef>),
}

struct Ctx<'a> {
    draft: &'a Draft,
    corpus: &'a Corpus,
    figs: &'a CorpusFigures,
    /// The draft's sentences, in order (found once, not for every figure).
    sentences: Vec<(usize, Span)>,
}

impl Ctx<'_> {
    fn prose(&self) -> &str {
        self.draft.doc.prose.text()
    }

    fn id(&self, s: SourceIdx) -> &str {
        self.corpus.source(s).id()
    }

    /// A reading as its most exact figure is written: flakin-2019's "3,000"
    /// and "thousands" are "3,000".
    fn reading_text(&self, r: &Reading) -> String {
        let best = r
            .figures
            .iter()
            .min_by_key(|x| self.figs.figure(**x).vague.is_some())
            .expect("a reading has figures");
        lower_first(&written(self.corpus, self.figs, *best))
    }

    /// Readings, those written alike together: "3,000 (flakin-2019)",
    /// "thousands (saunois-2013, wsws-2023)".
    fn readings_text(&self, readings: &[Reading], which: &[usize]) -> Vec<String> {
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for &i in which {
            let r = &readings[i];
            let text = self.reading_text(r);
            let id = self.id(r.source).to_string();
            match groups.iter_mut().find(|(t, _)| *t == text) {
                Some((_, ids)) => {
                    if !ids.contains(&id) {
                        ids.push(id)
                    }
                }
                None => groups.push((text, vec![id])),
            }
        }
        groups
            .into_iter()
            .map(|(text, ids)| format!("{text} ({})", ids.join(", ")))
            .collect()
    }

    fn credited(&self, f: &Figure, cover: &Cover, known: Option<&Known>) -> Credited {
        let credited = &cover.sources;
        // What the credited sources say of the same quantity.
        let said: Vec<FigRef> = known
            .map(|k| {
                k.readings
                    .iter()
                    .filter(|r| credited.contains(&r.source))
                    .flat_map(|r| r.figures.iter().copied())
                    .collect()
            })
            .unwrap_or_default();
        if said
            .iter()
            .any(|r| compare::states(self.figs.figure(*r), f))
        {
            return Credited::States;
        }
        // A work outside the corpus may be where it comes from.
        if cover.external().next().is_some() {
            return Credited::Unknown;
        }
        if !said.is_empty() {
            return Credited::Not(said);
        }
        // The credited source gives no figure of its quantity: does it state
        // this figure at all, of anything its words allow?
        let stating = self.figs.agreeing_in(f, credited).into_iter().any(|r| {
            let c = self.figs.figure(r);
            compare::states(c, f) && compare::compatible(f, c)
        });
        if stating {
            return Credited::States;
        }
        if credited.iter().any(|s| self.number_in(*s, f)) {
            return Credited::Unknown;
        }
        Credited::Not(Vec::new())
    }

    /// Whether the number of a figure, as the draft writes it in digits,
    /// is in source `s`'s text.
    fn number_in(&self, s: SourceIdx, f: &Figure) -> bool {
        let text = &self.prose()[f.span.range()];
        let Some(number) = text
            .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .map(|w| w.trim_matches(|c| c == ',' || c == '.'))
            .find(|w| w.bytes().any(|b| b.is_ascii_digit()))
        else {
            return false;
        };
        let source = self.corpus.text(s);
        let prose = source.prose();
        prose.match_indices(number).any(|(at, m)| {
            let before = prose[..at].chars().next_back();
            let after = prose[at + m.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
    }

    /// The readings' figures as evidence, at most three sources a side.
    fn reading_evidence(
        &self,
        readings: &[Reading],
        which: &[usize],
        what: &str,
        out: &mut Vec<Related>,
    ) {
        for &i in which.iter().take(3) {
            let r = &readings[i];
            for f in &r.figures {
                let id = self.id(f.source).to_string();
                let value = lower_first(&written(self.corpus, self.figs, *f));
                out.push(evidence(self.corpus, self.figs, *f, |_| {
                    format!("{id} gives {value} ({what})")
                }));
            }
        }
    }

    fn unattributed(
        &self,
        f: &Figure,
        readings: &[Reading],
        stating: Option<&[usize]>,
        severity: Severity,
    ) -> Diagnostic {
        let what = f.describe_phrase(self.prose());
        let mut related_items = Vec::new();
        let mut fix = None;
        let mut stating: Vec<&Reading> = stating
            .unwrap_or_default()
            .iter()
            .map(|&i| &readings[i])
            .collect();
        // A source that states the very figure first, then exact figures
        // before vague ones.
        stating.sort_by_key(|r| {
            let figures = r.figures.iter().map(|x| self.figs.figure(*x));
            let states = figures.clone().any(|c| compare::states(c, f));
            let exact = figures.clone().any(|c| c.vague.is_none());
            (!states, !exact)
        });
        let help = match stating.first() {
            Some(first) => {
                // The most exact figure of the first source that states it.
                let best = *first
                    .figures
                    .iter()
                    .min_by_key(|r| {
                        let c = self.figs.figure(**r);
                        (!compare::states(c, f), c.vague.is_some())
                    })
                    .expect("a reading has figures");
                let states = compare::states(self.figs.figure(best), f);
                let verb = if states { "states" } else { "allows" };
                let e = evidence(self.corpus, self.figs, best, |said| {
                    format!("{verb} it: {said}")
                });
                let line = cite_line(&e);
                let id = e.source.clone();
                related_items.push(e);
                if self.draft.format == Format::Markdown {
                    if let Some(at) = citation_point(self.draft, &self.sentences, f) {
                        fix = Some(Fix {
                            span: Span::new(at, at),
                            replacement: format!(" [@{id}]"),
                            applicability: Applicability::Unsafe,
                            message: format!("cite {id}"),
                        });
                    }
                }
                let mut others: Vec<String> = stating[1..]
                    .iter()
                    .map(|r| self.id(r.source).to_string())
                    .filter(|s| *s != id)
                    .collect();
                others.dedup();
                let also = match others.len() {
                    0 => String::new(),
                    1 => format!(" ({} also {verb} it)", others[0]),
                    _ => format!(" ({} also {} it)", and_list(&others), verb.trim_end_matches('s')),
                };
                if states {
                    format!(
                        "the corpus states it: {line}{also}. Cite it where the figure is: [@{id}], a footnote, or “according to …”"
                    )
                } else {
                    format!(
                        "the corpus gives a figure that allows it: {line}{also}. Cite the source of yours where the figure is, or give and cite {id}'s"
                    )
                }
            }
            None => "no source in the corpus states it: cite where it comes from ([@id], a footnote, or “according to …”), or add that source to the corpus".to_string(),
        };
        Diagnostic {
            code: rules::FIGURE_UNATTRIBUTED.code,
            severity,
            message: format!("figure “{what}” is credited to no source"),
            span: self.draft.doc.prose.to_original(f.span),
            label: "no citation or attribution covers this".to_string(),
            related: related_items,
            help: Some(help),
            diff: None,
            fix,
        }
    }

    fn wrong_source(
        &self,
        f: &Figure,
        cover: &Cover,
        said: Vec<FigRef>,
        known: Option<&Known>,
        severity: Severity,
    ) -> Diagnostic {
        let what = f.describe_phrase(self.prose());
        let credited: Vec<String> = cover
            .sources
            .iter()
            .map(|s| self.id(*s).to_string())
            .collect();
        let credited_list = and_list(&credited);
        let mut related_items = Vec::new();
        let mut says = Vec::new();
        let mut said = said;
        said.sort_by_key(|r| (self.figs.figure(*r).vague.is_some(), *r));
        for r in said.iter().take(3) {
            let id = self.id(r.source).to_string();
            let e = evidence(self.corpus, self.figs, *r, |s| {
                format!("what {id} says: {s}")
            });
            says.push(format!("“{}”", collapse(&e.text)));
            related_items.push(e);
        }
        // Who does state it, in the corpus.
        let mut right: Vec<SourceIdx> = Vec::new();
        let mut help = String::new();
        if let Some(k) = known {
            for r in k
                .readings
                .iter()
                .filter(|r| !cover.sources.contains(&r.source))
            {
                if let Some(s) = r
                    .figures
                    .iter()
                    .find(|s| compare::states(self.figs.figure(**s), f))
                {
                    if right.is_empty() {
                        let e = evidence(self.corpus, self.figs, *s, |t| format!("states it: {t}"));
                        help.push_str(&format!("the corpus states it: {}. ", cite_line(&e)));
                        related_items.push(e);
                    }
                    if !right.contains(&r.source) {
                        right.push(r.source);
                    }
                }
            }
        }
        help.push_str(&format!(
            "Cite the source the figure comes from, or give the figure {credited_list} gives"
        ));
        let credit = cover.main(f.span.start);
        let fix = match (credit, right.as_slice()) {
            (Some(c), [r]) if c.kind == CreditKind::Citation && cover.credits.len() == 1 => {
                Some(Fix {
                    span: c.span,
                    replacement: format!("@{}", self.id(*r)),
                    applicability: Applicability::Unsafe,
                    message: format!("cite {}", self.id(*r)),
                })
            }
            _ => None,
        };
        let message = if says.is_empty() {
            format!("figure “{what}” is credited to {credited_list}, which states no such figure")
        } else {
            format!(
                "figure “{what}” is credited to {credited_list}, which does not state it; it says {}",
                says.join(" and ")
            )
        };
        Diagnostic {
            code: rules::FIGURE_WRONG_SOURCE.code,
            severity,
            message,
            span: self.draft.doc.prose.to_original(f.span),
            label: format!("not in {credited_list}"),
            related: related_items,
            help: Some(help),
            diff: None,
            fix,
        }
    }

    fn conflict(
        &self,
        f: &Figure,
        known: &Known,
        against: &[usize],
        severity: Severity,
    ) -> Diagnostic {
        let what = f.describe_phrase(self.prose());
        let gives = self.readings_text(&known.readings, against);
        let all: Vec<usize> = (0..known.readings.len()).collect();
        let mut related_items = Vec::new();
        self.reading_evidence(
            &known.readings,
            against,
            "disagrees with the draft",
            &mut related_items,
        );
        let others: Vec<usize> = all
            .iter()
            .copied()
            .filter(|i| !against.contains(i))
            .collect();
        let mut help = format!("read as {}; ", known.label);
        if !others.is_empty() {
            let loose = self.readings_text(&known.readings, &others);
            help.push_str(&format!(
                "{} too: it allows the draft's figure, but does not dispute {}. ",
                and_list(&loose),
                and_list(&gives)
            ));
        }
        help.push_str("check the figure against the sources; if yours comes from a work outside the corpus, cite it and say that the sources differ");
        Diagnostic {
            code: rules::FIGURE_CONFLICT.code,
            severity,
            message: format!(
                "figure “{what}” disagrees with the corpus, which gives {}",
                and_list(&gives)
            ),
            span: self.draft.doc.prose.to_original(f.span),
            label: format!("{} here", f.describe(self.prose())),
            related: related_items,
            help: Some(help),
            diff: None,
            fix: None,
        }
    }

    fn disputed(
        &self,
        f: &Figure,
        known: &Known,
        (with, against): (&[usize], &[usize]),
        majority: bool,
        uncredited: bool,
        severity: Severity,
    ) -> Diagnostic {
        let what = f.describe_phrase(self.prose());
        let ours = self.readings_text(&known.readings, with);
        let theirs = self.readings_text(&known.readings, against);
        let n_ours = quantity::sources_of(&known.readings, with).len();
        let n_theirs = quantity::sources_of(&known.readings, against).len();
        let label = &known.label;
        let (message, span_label) = if majority {
            (
                format!(
                    "the sources disagree on {label}: figure “{what}” agrees with most of them, {}, but not with {}",
                    and_list(&ours),
                    and_list(&theirs)
                ),
                format!("as {} say", sources_count(n_ours)),
            )
        } else {
            (
                format!(
                    "the sources disagree on {label}, and figure “{what}” agrees with {} of them: with {}, not with {}",
                    if n_ours < n_theirs {
                        "fewer"
                    } else {
                        "only half"
                    },
                    and_list(&ours),
                    and_list(&theirs)
                ),
                format!("{} here", f.describe(self.prose())),
            )
        };
        let mut related_items = Vec::new();
        self.reading_evidence(
            &known.readings,
            with,
            "the draft's side",
            &mut related_items,
        );
        self.reading_evidence(
            &known.readings,
            against,
            "the other side",
            &mut related_items,
        );
        let mut help = if majority {
            "the draft follows most sources; `provlint corpus audit --figures` lists the corpus's disagreements on figures".to_string()
        } else {
            "check the sources shown; prefer the figure more sources give, or say that the sources differ".to_string()
        };
        if uncredited {
            help.push_str("; the figure is credited to no source: cite the one you follow");
        }
        Diagnostic {
            code: rules::FIGURE_DISPUTED.code,
            severity,
            message,
            span: self.draft.doc.prose.to_original(f.span),
            label: span_label,
            related: related_items,
            help: Some(help),
            diff: None,
            fix: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&s(&["a"])), "a");
        assert_eq!(and_list(&s(&["a", "b", "c"])), "a, b and c");
    }
}
