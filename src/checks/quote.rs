//! `quote::mismatch`, `quote::unverified`, `quote::external` and
//! `quote::wrong-source`: every quotation checked against the corpus,
//! verbatim, and against the source credited for it; a quotation credited
//! only outside the corpus is noted, not checked.

use super::{describe_credit, related, shorten};
use crate::attribution::{Cover, Credit, CreditKind, Credits};
use crate::config::Settings;
use crate::corpus::{Corpus, PassageText, SourceIdx, SourceText};
use crate::diagnostic::{
    Applicability, Diagnostic, DiffChunk, DiffOp, FileReport, Fix, Related, Severity, Verified,
};
use crate::draft::cues::QuoteRules;
use crate::draft::{Draft, Quotation, QuoteKind};
use crate::figures::collapse;
use crate::matching::evidence::Judgement;
use crate::matching::{self, Elem, Op, PWord, Passage, Pattern, WordMatch};
use crate::rules;
use crate::span::Span;
use crate::text::document::BlockKind;
use crate::text::normalize::{self, is_double_quote};
use crate::text::tokenize::{self, Token, TokenKind};
use std::collections::HashMap;
use std::time::Duration;

/// The outcome for one quotation.
#[derive(Debug)]
pub enum Outcome {
    /// Too short to check (a scare quote or a term).
    Skipped,
    /// Found verbatim: every passage that has it.
    Verified(Vec<Passage>),
    /// Close to this passage, not verbatim.
    Mismatch(Passage),
    /// Nothing close enough; the nearest passage, if any.
    Unverified(Option<Passage>),
}

/// Checks one quotation.
pub fn verify(
    draft: &Draft,
    q: &Quotation,
    corpus: &Corpus,
    settings: &Settings,
) -> (Pattern, Outcome) {
    verify_credited(draft, q, corpus, settings, &[])
}

/// Checks one quotation credited to `credited` (empty when nothing credits
/// it): a misquotation of a credited source comes first, then any other;
/// the nearest passage of an unverified one is a credited source's when it
/// has one close enough to show.
pub fn verify_credited(
    draft: &Draft,
    q: &Quotation,
    corpus: &Corpus,
    settings: &Settings,
    credited: &[SourceIdx],
) -> (Pattern, Outcome) {
    let pattern = Pattern::parse(draft.doc.prose.text(), q.prose);
    if pattern.word_count() < settings.quote.min_words {
        return (pattern, Outcome::Skipped);
    }
    let passages = matching::find_remembered(
        corpus,
        &draft.doc.prose.text()[q.prose.range()],
        &pattern,
        &settings.quote.match_options(),
        credited,
        NEAREST_SHOWN,
    );
    let criteria = settings.quote.criteria();
    let near_miss = |p: &&Passage| p.evidence.judge(&criteria) == Judgement::NearMiss;
    let is_credited = |p: &&Passage| credited.contains(&p.source);
    let outcome = match passages.first() {
        Some(p) if p.verbatim => {
            let mut verbatim: Vec<Passage> = passages.into_iter().filter(|p| p.verbatim).collect();
            // Stable: otherwise in the order `find` gives.
            verbatim.sort_by_key(|p| !credited.contains(&p.source));
            Outcome::Verified(verbatim)
        }
        Some(best) => {
            let misquoted = passages
                .iter()
                .filter(near_miss)
                .find(is_credited)
                .or_else(|| passages.iter().find(near_miss));
            match misquoted {
                Some(p) => Outcome::Mismatch(p.clone()),
                None => Outcome::Unverified(Some(
                    passages
                        .iter()
                        .filter(is_credited)
                        .find(|p| p.similarity >= NEAREST_SHOWN)
                        .unwrap_or(best)
                        .clone(),
                )),
            }
        }
        None => Outcome::Unverified(None),
    };
    (pattern, outcome)
}

/// A source passage as evidence, pointing at its original bytes.
fn passage_related(corpus: &Corpus, p: &Passage, message: String) -> Related {
    let text = corpus.passage(p.source, p.first, p.end);
    related(corpus, p.source, passage_span(&text, p), message)
}

/// How similar the nearest passage of an unverified quotation must be to
/// be shown.
const NEAREST_SHOWN: f64 = 0.4;

/// [`verify`] for each quotation, on every core (most of the time goes to
/// reading the few sources whose passages are candidates), in order.
fn verify_all(
    draft: &Draft,
    quotations: &[&Quotation],
    credited: &[&[SourceIdx]],
    corpus: &Corpus,
    settings: &Settings,
) -> Vec<(Pattern, Outcome)> {
    crate::parallel::map(quotations.len(), 4, |i| {
        verify_credited(draft, quotations[i], corpus, settings, credited[i])
    })
}

/// Whether a quotation is one the check looks at: not inside another, not
/// a title, a name or a gloss (see `draft::quotes`), and not a blockquote
/// when those are not checked.
pub fn is_checked(q: &Quotation, settings: &Settings) -> bool {
    q.depth == 0
        && q.not_a_quotation.is_none()
        && (q.kind == QuoteKind::Inline || settings.quote.blockquotes)
}

pub fn check(draft: &Draft, corpus: &Corpus, settings: &Settings, report: &mut FileReport) {
    let credits = Credits::find(draft, corpus);
    check_credited(draft, corpus, settings, &credits, report);
}

/// Checks every quotation, each against the sources its credits name
/// first (see `provlint explain credits`).
pub fn check_credited(
    draft: &Draft,
    corpus: &Corpus,
    settings: &Settings,
    credits: &Credits,
    report: &mut FileReport,
) {
    let mismatch = settings.severity(rules::QUOTE_MISMATCH.code);
    let unverified = settings.severity(rules::QUOTE_UNVERIFIED.code);
    let wrong_source = settings.severity(rules::QUOTE_WRONG_SOURCE.code);
    let external = settings.severity(rules::QUOTE_EXTERNAL.code);
    let all = draft.quotations();
    let quotations: Vec<&Quotation> = all.iter().filter(|q| is_checked(q, settings)).collect();
    let covers: Vec<(Cover, Option<Span>)> = quotations
        .iter()
        .map(|q| credits_of(draft, credits, q))
        .collect();
    let (covers, pointers): (Vec<Cover>, Vec<Option<Span>>) = covers.into_iter().unzip();
    let credited: Vec<&[SourceIdx]> = covers.iter().map(|c| c.sources.as_slice()).collect();
    let outcomes = verify_all(draft, &quotations, &credited, corpus, settings);
    for (((q, cover), pointer), (pattern, outcome)) in
        quotations.iter().zip(&covers).zip(&pointers).zip(outcomes)
    {
        let q = *q;
        let span = q.span(&draft.doc);
        match outcome {
            Outcome::Skipped => {}
            Outcome::Verified(passages) => {
                if let Some(severity) = wrong_source {
                    if !cover.sources.is_empty()
                        && !passages.iter().any(|p| cover.sources.contains(&p.source))
                        && !in_credited_sources(corpus, &pattern, &cover.sources)
                    {
                        report.diagnostics.push(wrong_source_diagnostic(
                            draft, q, &pattern, &passages, cover, corpus, settings, severity,
                        ));
                    }
                }
                report.verified.push(Verified {
                    span,
                    text: q.text(&draft.doc).to_string(),
                    sources: passages
                        .iter()
                        .map(|p| passage_related(corpus, p, "found verbatim".to_string()))
                        .collect(),
                })
            }
            // Not in the corpus, and credited only to a work or a speaker
            // outside it: noted, not checked. (A misquotation of a corpus
            // passage is one whoever it is credited to.)
            Outcome::Unverified(_)
                if is_external(draft, cover)
                    || pointer.is_some_and(|p| {
                        names_a_work(&draft.doc.prose.text()[p.range()], "", "")
                    }) =>
            {
                if let Some(severity) = external {
                    // The work it is from (a footnote, a reference, a link)
                    // before the speaker, then the nearest.
                    let who = match outside(draft, cover).min_by_key(|c| {
                        (
                            c.kind == CreditKind::Attribution,
                            c.prose.start.abs_diff(q.prose.start),
                        )
                    }) {
                        Some(credit) => describe_credit(draft, credit),
                        None => {
                            let prose = draft.doc.prose.text();
                            let said = pointer.map_or("", |p| &prose[p.range()]);
                            format!(
                                "the paragraph after it (“{}”)",
                                shorten(&collapse(said), 60)
                            )
                        }
                    };
                    report
                        .diagnostics
                        .push(external_diagnostic(draft, q, &who, corpus, severity));
                }
            }
            Outcome::Mismatch(p) => {
                if let Some(severity) = mismatch {
                    // The source's words, with only other capitals inside
                    // ("fascism" for "Fascism"): a house style's
                    // typography, not other words. A warning, unless the
                    // profile is strict.
                    let severity = if only_capitals_differ(&p, settings.quote.profile) {
                        severity.min(Severity::Warning)
                    } else {
                        severity
                    };
                    report.diagnostics.push(mismatch_diagnostic(
                        draft, q, &pattern, &p, cover, corpus, settings, severity,
                    ));
                }
            }
            Outcome::Unverified(nearest) => {
                if let Some(severity) = unverified {
                    report.diagnostics.push(unverified_diagnostic(
                        draft,
                        q,
                        nearest.as_ref(),
                        corpus,
                        settings,
                        severity,
                    ));
                }
            }
        }
    }
}

/// Whether a near miss has the source's words, in its order and with its
/// punctuation, and differs only in capitals inside the quotation, under
/// the `chicago` profile.
fn only_capitals_differ(p: &Passage, profile: matching::Profile) -> bool {
    profile == matching::Profile::Chicago
        && p.punct.is_empty()
        && p.ops.iter().all(|op| match op {
            Op::Pair { how, .. } => how.allowed(profile) || *how == WordMatch::Case,
            Op::Skipped { .. } => true,
            Op::Added { .. } | Op::Dropped { .. } => false,
        })
}

/// Whether every stretch of the quotation between editorial marks occurs in
/// one of `credited`: a second look, through the index, for a quotation
/// found verbatim in so many sources that the credited one was not among the
/// passages aligned.
fn in_credited_sources(corpus: &Corpus, pattern: &Pattern, credited: &[SourceIdx]) -> bool {
    let mut runs: Vec<Vec<Option<u32>>> = vec![Vec::new()];
    for e in &pattern.elems {
        match e {
            Elem::Word(w) => runs
                .last_mut()
                .expect("never empty")
                .push(corpus.index.vocab().id(&w.key)),
            Elem::Gap(_) => runs.push(Vec::new()),
        }
    }
    let runs: Vec<Vec<u32>> = runs
        .into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect::<Option<Vec<u32>>>())
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default();
    !runs.is_empty()
        && credited.iter().any(|s| {
            runs.iter().all(|ids| {
                corpus
                    .index
                    .occurrences(ids, 100_000)
                    .iter()
                    .any(|pos| pos.source == *s)
            })
        })
}

/// `quote::wrong-source`: found verbatim, but not in the source credited.
#[allow(clippy::too_many_arguments)]
fn wrong_source_diagnostic(
    draft: &Draft,
    q: &Quotation,
    pattern: &Pattern,
    passages: &[Passage],
    cover: &Cover,
    corpus: &Corpus,
    settings: &Settings,
    severity: crate::diagnostic::Severity,
) -> Diagnostic {
    let ids = |sources: &mut dyn Iterator<Item = SourceIdx>| {
        let mut v: Vec<&str> = sources.map(|s| corpus.source(s).id()).collect();
        v.dedup();
        v
    };
    let credited = ids(&mut cover.sources.iter().copied());
    let mut having: Vec<SourceIdx> = passages.iter().map(|p| p.source).collect();
    having.sort();
    having.dedup();
    let found_in = ids(&mut having.iter().copied());
    let mut related_items: Vec<Related> = passages
        .iter()
        .take(3)
        .map(|p| {
            let message = format!("found verbatim in {}", corpus.source(p.source).id());
            passage_related(corpus, p, message)
        })
        .collect();
    // What the credited source has that comes closest, if anything does.
    let near = matching::find_preferring(
        corpus,
        pattern,
        &settings.quote.match_options(),
        &cover.sources,
        NEAREST_SHOWN,
    );
    if let Some(p) = near
        .iter()
        .find(|p| cover.sources.contains(&p.source) && p.similarity >= NEAREST_SHOWN)
    {
        related_items.push(passage_related(
            corpus,
            p,
            format!(
                "closest passage in {} ({:.0}% similar)",
                corpus.source(p.source).id(),
                p.similarity * 100.0
            ),
        ));
    }
    let credit = cover.main(q.prose.start);
    // One key to swap for one source that has it: a fix, unsafe since it
    // changes what is cited.
    let fix = match (credit, having.as_slice()) {
        (Some(c), [right]) if c.kind == CreditKind::Citation && cover.credits.len() == 1 => {
            Some(Fix {
                span: c.span,
                replacement: format!("@{}", corpus.source(*right).id()),
                applicability: Applicability::Unsafe,
                message: format!("cite {}", corpus.source(*right).id()),
            })
        }
        _ => None,
    };
    let credited_list = credited.join(" and ");
    let credit_text = credit.map_or(String::new(), |c| {
        format!(
            " (by “{}”)",
            draft.text[c.span.range()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        )
    });
    Diagnostic {
        code: rules::QUOTE_WRONG_SOURCE.code,
        severity,
        message: format!(
            "quotation credited to {credited_list} is not in {}; it is verbatim in {}",
            if credited.len() == 1 { "it" } else { "them" },
            found_in.join(" and ")
        ),
        span: q.span(&draft.doc),
        label: format!("credited to {credited_list}{credit_text}"),
        related: related_items,
        help: Some(format!(
            "credit {} for these words (`[@{}]`); if {credited_list} quotes them from there, say so (“as quoted in …”)",
            found_in.join(" or "),
            found_in[0]
        )),
        diff: None,
        fix,
    }
}

/// The passage's span in the original bytes of its source file.
pub fn passage_span(text: &PassageText, p: &Passage) -> Span {
    let a = text.word(p.first as usize).span.start;
    let b = text.word(p.end as usize - 1).span.end;
    text.to_original(Span::new(a, b))
}

#[allow(clippy::too_many_arguments)]
fn mismatch_diagnostic(
    draft: &Draft,
    q: &Quotation,
    pattern: &Pattern,
    p: &Passage,
    cover: &Cover,
    corpus: &Corpus,
    settings: &Settings,
    severity: crate::diagnostic::Severity,
) -> Diagnostic {
    let source = corpus.source(p.source);
    let text = corpus.text(p.source);
    let words: Vec<&PWord> = pattern.words().collect();
    let pieces = pieces(pattern, p);
    let prose = draft.doc.prose.text();
    let inner_single = q
        .marks
        .is_some_and(|(open, _)| is_double_quote(open) || matches!(open, '«' | '»'));

    // What each source word becomes in the fix and the diff: allowed
    // differences keep the writer's form.
    let mut keep: HashMap<u32, String> = HashMap::new();
    for op in &p.ops {
        if let Op::Pair { q: qi, s, how } = op
            && matches!(
                how,
                WordMatch::TypoFix | WordMatch::FirstLetterCase | WordMatch::Spelling
            )
            && how.allowed(settings.quote.profile)
        {
            keep.insert(*s, prose[words[*qi].span.range()].to_string());
        }
    }

    let mut replacement = String::new();
    let mut source_side = String::new();
    let mut draft_side = String::new();
    let fix_start = draft
        .doc
        .prose
        .to_original(Span::new(pieces[0].draft.start, pieces[0].draft.start))
        .start;
    let mut cursor_orig = fix_start;
    for (i, piece) in pieces.iter().enumerate() {
        let orig = draft.doc.prose.to_original(piece.draft);
        if i > 0 {
            let between = &draft.text[cursor_orig..orig.start];
            replacement.push_str(between);
            let marker = format!(
                " {} ",
                between.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            source_side.push_str(&marker);
            draft_side.push_str(&marker);
        }
        if let Some((a, b)) = piece.source {
            replacement.push_str(&source_words(&text, a, b, &keep, inner_single, false));
            source_side.push_str(&source_words(&text, a, b, &keep, false, true));
        }
        draft_side.push_str(&render_tokens(
            prose,
            &tokenize_span(prose, piece.draft),
            true,
        ));
        cursor_orig = orig.end;
    }
    let fix_span = Span::new(fix_start, cursor_orig);
    let diff = word_diff(source_side.trim(), draft_side.trim());

    let mut counts = describe_changes(p, settings);
    // A piece between ellipses that pairs with nothing cannot be put right
    // from this passage: no fix, and say why when the piece is elsewhere.
    let lost: Vec<&Piece> = pieces.iter().filter(|pc| pc.matched == 0).collect();
    let fixable = lost.is_empty();
    if let Some(pc) = lost.first() {
        let ids: Option<Vec<u32>> = words[pc.words.0..pc.words.1]
            .iter()
            .map(|w| corpus.index.vocab().id(&w.key))
            .collect();
        let earlier = ids.is_some_and(|ids| {
            corpus
                .index
                .occurrences(&ids, 64)
                .iter()
                .any(|pos| pos.source == p.source && pos.word < p.first)
        });
        counts = if earlier {
            format!("the pieces around an ellipsis are not in the source's order; {counts}")
        } else {
            format!("a piece around an ellipsis is not in this passage; {counts}")
        };
    }
    let passage = passage_span(&PassageText::whole(text.clone()), p);
    let related = related(
        corpus,
        p.source,
        passage,
        format!("closest passage ({:.0}% similar)", p.similarity * 100.0),
    );
    let help = format!(
        "word diff from the source to the draft: {}",
        crate::diagnostic::inline_diff(&diff)
    );
    // Credited to corpus sources, none of which has a passage this close:
    // say so.
    let message = if !cover.sources.is_empty() && !cover.sources.contains(&p.source) {
        let credited: Vec<&str> = cover
            .sources
            .iter()
            .map(|s| corpus.source(*s).id())
            .collect();
        format!(
            "quotation credited to {} is not in it; it is close to {} but not verbatim ({counts})",
            credited.join(" and "),
            source.id()
        )
    } else {
        format!(
            "quotation does not match {} verbatim ({counts})",
            source.id()
        )
    };
    Diagnostic {
        code: rules::QUOTE_MISMATCH.code,
        severity,
        message,
        span: q.span(&draft.doc),
        label: format!("differs from {}", source.id()),
        related: vec![related],
        help: Some(help),
        diff: Some(diff),
        fix: fixable.then(|| Fix {
            span: fix_span,
            replacement,
            applicability: Applicability::Unsafe,
            message: format!("use the exact words of {}", source.id()),
        }),
    }
}

/// Whether what covers a quotation credits it only outside the corpus: to a
/// work, a record or an outlet outside it, and to no corpus source.
fn is_external(draft: &Draft, cover: &Cover) -> bool {
    cover.sources.is_empty() && outside(draft, cover).next().is_some()
}

/// The credits of `cover` that name a work outside the corpus: a footnote, a
/// reference or a link names one; a prose attribution names one when it
/// names a record ("in his 1987 speech", "in an interview") or an
/// organisation or outlet ("Boric told the BBC", "according to Human Rights
/// Watch"). A speaker alone ("Johnson said", "according to the 14th Dalai
/// Lama", "His motto") says whose words they are, not where a reader could
/// find them: the quotation is still uncredited, and a fact-checker asks for
/// its source first.
pub(super) fn outside<'c>(draft: &Draft, cover: &'c Cover) -> impl Iterator<Item = &'c Credit> {
    let prose = draft.doc.prose.text();
    cover.external().filter(move |c| {
        c.kind != CreditKind::Attribution
            || names_a_work(
                &prose[c.prose.range()],
                before(prose, c.prose),
                after(prose, c.prose),
            )
    })
}

/// The few words right after a credit, up to a quotation mark or a
/// punctuation mark: whom it was told to ("Boric told| the BBC: “…”").
fn after(prose: &str, span: Span) -> &str {
    // Sixty bytes at most: a window, searched, not the rest of the draft.
    let rest = &prose[span.end..crate::span::floor_char_boundary(prose, span.end + 60)];
    let end = rest
        .char_indices()
        .find(|&(_, ch)| {
            crate::text::normalize::is_quote_mark(ch) || matches!(ch, '.' | ',' | ':' | ';' | '\n')
        })
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// The few words right before a credit, back to a quotation mark or the
/// start of its clause ("In an interview |she said").
fn before(prose: &str, span: Span) -> &str {
    let mut from = span.start.saturating_sub(60);
    while !prose.is_char_boundary(from) {
        from += 1;
    }
    let head = &prose[from..span.start];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, ch)| {
            crate::text::normalize::is_quote_mark(ch) || matches!(ch, '.' | ';' | '\n')
        })
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    &head[start..]
}

/// Whether a credit names a record or an organisation: a word of
/// `record_nouns` in its words (`cue`) or its clause (`before`, `after`:
/// "In an interview she said"), or an organisation or outlet (a name ending
/// with one of `organisation_words`, or in capitals: "BBC") as the one
/// credited or the one told ("Boric told the BBC"). An organisation merely
/// named nearby ("According to the Dalai Lama, the CIA …") credits nothing.
fn names_a_work(cue: &str, before: &str, after: &str) -> bool {
    let rules = crate::attribution::AttributionRules::built_in();
    let words = |s: &str| -> Vec<String> {
        s.split(|ch: char| !(ch.is_alphanumeric() || ch == '-' || ch == '\''))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let record = |s: &str| {
        words(s)
            .iter()
            .any(|w| rules.record_nouns.contains(&w.to_lowercase()))
    };
    let organisation = |s: &str| {
        words(s).iter().any(|w| {
            rules.organisation_words.contains(w.as_str())
                || (w.chars().count() >= 2 && w.chars().all(|ch| ch.is_uppercase()))
        })
    };
    record(cue) || record(before) || record(after) || organisation(cue) || organisation(after)
}

/// What credits a quotation (see `provlint explain credits`), and, when
/// nothing does but a paragraph right after it points back at it and names
/// someone ("This quotation reflects Allende's …"), that paragraph's first
/// sentence.
///
/// - A cue inside the quotation's own words credits nothing: in "all I
///   haven't said", "haven't said" is the speaker's, not the writer's, credit.
/// - A blockquote that nothing covers takes the credits of a paragraph right
///   after it that opens by pointing back at it ("This quote, which appears
///   in her memoir …", with its footnote): such a paragraph says whose words they are, as a
///   sentence ending with a colon before it does (`rules/quotations.toml`).
fn credits_of<'a>(draft: &Draft, credits: &'a Credits, q: &Quotation) -> (Cover<'a>, Option<Span>) {
    let own = |cover: Cover<'a>| {
        let credits: Vec<&Credit> = cover
            .credits
            .into_iter()
            .filter(|c| !(c.kind == CreditKind::Attribution && q.prose.contains(c.prose)))
            .collect();
        let mut sources: Vec<SourceIdx> = credits
            .iter()
            .flat_map(|c| c.sources.iter().copied())
            .collect();
        sources.sort();
        sources.dedup();
        Cover { credits, sources }
    };
    // What covers its first words or its last: a footnote right after a
    // quotation of two sentences credits both.
    let mut cover = credits.covering(q.prose.start);
    for c in credits.covering(q.prose.end.saturating_sub(1)).credits {
        if !cover.credits.iter().any(|x| std::ptr::eq(*x, c)) {
            cover.credits.push(c);
        }
    }
    let cover = own(cover);
    let blocks = &draft.doc.blocks;
    if !cover.is_empty() || blocks[q.block].blockquote_depth == 0 {
        return (cover, None);
    }
    let Some(next) = (q.block + 1..blocks.len()).find(|&b| blocks[b].blockquote_depth == 0) else {
        return (cover, None);
    };
    let block = &blocks[next];
    if block.apparatus || block.kind != BlockKind::Paragraph {
        return (cover, None);
    }
    let prose = draft.doc.prose.text();
    let Some(first) = crate::text::sentences::split(prose, block.prose)
        .into_iter()
        .next()
    else {
        return (cover, None);
    };
    let rules = QuoteRules::built_in();
    // "This quote …", "From his love poetry, this line …": a pointer (a
    // determiner, up to two words, a noun for quoted words) among the
    // sentence's first words.
    let words: Vec<String> = prose[first.range()]
        .split_whitespace()
        .take(8)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let points_back = words.iter().enumerate().any(|(i, w)| {
        rules.back_reference_words.contains(w)
            && words[i + 1..]
                .iter()
                .take(3)
                .any(|n| rules.back_reference_nouns.contains(n))
    });
    if !points_back {
        return (cover, None);
    }
    let theirs = own(credits.covering(first.start));
    if !theirs.is_empty() {
        return (theirs, None);
    }
    // Names someone: a capitalised word after the first.
    let names = prose[first.range()]
        .split_whitespace()
        .skip(1)
        .any(|w| w.starts_with(char::is_uppercase));
    (cover, names.then_some(first))
}

/// `quote::external`: not in the corpus, and credited outside it, to `who`.
fn external_diagnostic(
    draft: &Draft,
    q: &Quotation,
    who: &str,
    corpus: &Corpus,
    severity: crate::diagnostic::Severity,
) -> Diagnostic {
    let corpus_dir = crate::paths::display_path(&corpus.dir);
    Diagnostic {
        code: rules::QUOTE_EXTERNAL.code,
        severity,
        message: format!("quotation credited to {who}, which is not in the corpus: not checked"),
        span: q.span(&draft.doc),
        label: "credited outside the corpus".to_string(),
        related: Vec::new(),
        help: Some(format!(
            "provlint checks quotations against the corpus only. To check this one, add the work it is from to the corpus: copy the file into {corpus_dir}/ and add a [[source]] table to {corpus_dir}/sources.toml."
        )),
        diff: None,
        fix: None,
    }
}

fn unverified_diagnostic(
    draft: &Draft,
    q: &Quotation,
    nearest: Option<&Passage>,
    corpus: &Corpus,
    settings: &Settings,
    severity: crate::diagnostic::Severity,
) -> Diagnostic {
    let criteria = settings.quote.criteria();
    let mut related_items = Vec::new();
    let mut nearest_note = String::new();
    // Only a passage chance would not give (it shares something rare with
    // the quotation, yet is not its source misquoted): "a lot in the army"
    // is no lead for "a flash in the pan".
    let telling =
        |p: &&Passage| p.similarity >= NEAREST_SHOWN && p.evidence.chance() <= criteria.max_chance;
    if let Some(p) = nearest.filter(telling) {
        let why = p.evidence.judge(&criteria).describe();
        let r = passage_related(
            corpus,
            p,
            format!(
                "nearest passage, in {} ({:.0}% similar, but {why})",
                corpus.source(p.source).id(),
                p.similarity * 100.0,
            ),
        );
        nearest_note = format!(
            "the nearest passage ({}, line {}) is {:.0}% similar, but {why}: not a misquotation of it. ",
            r.source,
            r.span.line,
            p.similarity * 100.0
        );
        related_items.push(r);
    }
    let corpus_dir = crate::paths::display_path(&corpus.dir);
    // Words of another language are no evidence against an English corpus:
    // a note (see `foreign_words` in rules/quotations.toml).
    let foreign = QuoteRules::built_in().is_foreign(q.text(&draft.doc));
    Diagnostic {
        code: rules::QUOTE_UNVERIFIED.code,
        severity: if foreign {
            severity.min(Severity::Info)
        } else {
            severity
        },
        message: format!(
            "quotation not found in the corpus ({} sources searched){}",
            corpus.sources.len(),
            if foreign {
                "; it is in another language than the corpus"
            } else {
                ""
            }
        ),
        span: q.span(&draft.doc),
        label: "no source has these words".to_string(),
        related: related_items,
        help: Some(format!(
            "{nearest_note}If it comes from a document you have, add it to the corpus: copy the file into {corpus_dir}/ and add a [[source]] table to {corpus_dir}/sources.toml. If its source is outside the corpus, say so on the line before it: <!-- provlint-disable-next-line quote::unverified -- where it is from -->"
        )),
        diff: None,
        fix: None,
    }
}

/// "1 word changed, 2 dropped, punctuation differs".
fn describe_changes(p: &Passage, settings: &Settings) -> String {
    let profile = settings.quote.profile;
    let (mut changed, mut case, mut added, mut dropped) = (0, 0, 0, 0);
    for op in &p.ops {
        match op {
            Op::Pair {
                how: WordMatch::Case,
                ..
            } => case += 1,
            Op::Pair { how, .. } if *how == WordMatch::Changed => changed += 1,
            Op::Pair {
                how: WordMatch::FirstLetterCase | WordMatch::TypoFix | WordMatch::Spelling,
                ..
            } if profile == matching::Profile::Strict => case += 1,
            Op::Added { .. } => added += 1,
            Op::Dropped { .. } => dropped += 1,
            _ => {}
        }
    }
    let mut parts = Vec::new();
    let words = |n: usize| if n == 1 { "word" } else { "words" };
    if changed > 0 {
        parts.push(format!("{changed} {} changed", words(changed)));
    }
    if added > 0 {
        parts.push(format!("{added} {} added", words(added)));
    }
    if dropped > 0 {
        parts.push(format!("{dropped} {} dropped", words(dropped)));
    }
    if case > 0 {
        parts.push(format!(
            "{case} {} with other capitals or spelling",
            words(case)
        ));
    }
    if !p.punct.is_empty() {
        parts.push("punctuation differs".to_string());
    }
    if parts.is_empty() {
        parts.push("the pieces are not in the source's order".to_string());
    }
    parts.join(", ")
}

/// A stretch of the quotation between editorial marks, and the source words
/// it was aligned with.
#[derive(Debug)]
struct Piece {
    /// Draft prose span, first word to last.
    draft: Span,
    /// Source words `a..b`, if any.
    source: Option<(u32, u32)>,
    /// Quotation words `a..b`.
    words: (usize, usize),
    /// How many of its words pair with the same source word.
    matched: usize,
}

fn pieces(pattern: &Pattern, p: &Passage) -> Vec<Piece> {
    let words: Vec<&PWord> = pattern.words().collect();
    #[derive(Default)]
    struct Building {
        draft: Option<Span>,
        source: Option<(u32, u32)>,
        words: Option<(usize, usize)>,
        matched: usize,
    }
    let mut pieces: Vec<Building> = vec![Building::default()];
    for op in &p.ops {
        let (qi, si) = match *op {
            Op::Pair { q, s, how } => {
                if how != WordMatch::Changed {
                    pieces.last_mut().expect("never empty").matched += 1;
                }
                (Some(q), Some(s))
            }
            Op::Added { q } => (Some(q), None),
            Op::Dropped { s } => (None, Some(s)),
            Op::Skipped { .. } => {
                pieces.push(Building::default());
                continue;
            }
        };
        let b = pieces.last_mut().expect("never empty");
        if let Some(qi) = qi {
            let sp = words[qi].span;
            b.draft = Some(b.draft.map_or(sp, |d| d.cover(sp)));
            b.words = Some(
                b.words
                    .map_or((qi, qi + 1), |(a, z)| (a.min(qi), z.max(qi + 1))),
            );
        }
        if let Some(si) = si {
            b.source = Some(
                b.source
                    .map_or((si, si + 1), |(a, z)| (a.min(si), z.max(si + 1))),
            );
        }
    }
    // A piece made only of dropped source words has no place in the draft.
    pieces
        .into_iter()
        .filter_map(|b| {
            Some(Piece {
                draft: b.draft?,
                source: b.source,
                words: b.words?,
                matched: b.matched,
            })
        })
        .collect()
}

fn tokenize_span(prose: &str, span: Span) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize::tokenize_into(&prose[span.range()], span.start, &mut tokens);
    tokens
}

/// The source's words `a..b` as text: the tokens in order, white space
/// collapsed, line-break hyphens joined. `keep` replaces words with the
/// writer's form where a difference is allowed; `inner_single` turns double
/// quotation marks into single ones (they will sit inside the draft's double
/// marks); `normalized` gives the normalized forms used for diffs.
fn source_words(
    text: &SourceText,
    a: u32,
    b: u32,
    keep: &HashMap<u32, String>,
    inner_single: bool,
    normalized: bool,
) -> String {
    let prose = text.prose();
    let first = text.words[a as usize] as usize;
    let last = text.words[b as usize - 1] as usize;
    // Word number of each token, to apply `keep`.
    let mut word_no = a;
    let mut out = String::new();
    let mut prev_end: Option<usize> = None;
    for t in &text.tokens[first..=last] {
        if let Some(end) = prev_end {
            if prose[end..t.span.start].chars().any(char::is_whitespace) {
                out.push(' ');
            }
        }
        prev_end = Some(t.span.end);
        let piece = if t.is_word() {
            let s = match keep.get(&word_no) {
                Some(w) => w.clone(),
                None if t.line_break_hyphen => normalize::surface_joined(t.text(prose)),
                None => t.text(prose).to_string(),
            };
            word_no += 1;
            if normalized {
                normalize::surface(&s)
            } else {
                s
            }
        } else if normalized {
            display_punct(t.text(prose))
        } else if inner_single && t.kind == TokenKind::Mark {
            t.text(prose).chars().map(to_single).collect()
        } else {
            t.text(prose).to_string()
        };
        out.push_str(&piece);
    }
    out.split(' ')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Punctuation as a diff shows it: normalized, with the folded dash shown as
/// an em dash so `[-—-]` reads as a dash, not as diff markup.
fn display_punct(run: &str) -> String {
    normalize::punct(run).replace('-', "—")
}

fn to_single(c: char) -> char {
    match c {
        '“' => '‘',
        '”' => '’',
        '"' => '\'',
        '„' => '‚',
        '«' => '‹',
        '»' => '›',
        other => other,
    }
}

/// Tokens as normalized text, spaced as in the original.
fn render_tokens(prose: &str, tokens: &[Token], normalized: bool) -> String {
    let mut out = String::new();
    let mut prev_end: Option<usize> = None;
    for t in tokens {
        if let Some(end) = prev_end {
            if prose[end..t.span.start].chars().any(char::is_whitespace) {
                out.push(' ');
            }
        }
        prev_end = Some(t.span.end);
        out.push_str(&match (t.kind, normalized) {
            (TokenKind::Word, true) => t.surface(prose),
            (_, true) => display_punct(t.text(prose)),
            (_, false) => t.text(prose).to_string(),
        });
    }
    out.split(' ')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word diff from the source's words to the draft's.
pub fn word_diff(source: &str, draft: &str) -> Vec<DiffChunk> {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .timeout(Duration::from_millis(200))
        .diff_unicode_words(source, draft);
    let mut out: Vec<DiffChunk> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            similar::ChangeTag::Equal => DiffOp::Equal,
            similar::ChangeTag::Delete => DiffOp::Delete,
            similar::ChangeTag::Insert => DiffOp::Insert,
        };
        let value = change.value();
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(value),
            _ => out.push(DiffChunk {
                op,
                text: value.to_string(),
            }),
        }
    }
    tidy_diff(out)
}

/// Moves white space at the edges of changed chunks into the equal text
/// around them, so `[- must-]` reads `[-must-]`.
fn tidy_diff(chunks: Vec<DiffChunk>) -> Vec<DiffChunk> {
    let mut out: Vec<DiffChunk> = Vec::new();
    for c in chunks {
        if c.op != DiffOp::Equal && c.text.trim().is_empty() {
            // A change of white space only: nothing a reader needs.
            match out.last_mut() {
                Some(last) if last.op == DiffOp::Equal => last.text.push(' '),
                _ => out.push(DiffChunk {
                    op: DiffOp::Equal,
                    text: " ".into(),
                }),
            }
            continue;
        }
        match out.last_mut() {
            Some(last) if last.op == c.op => last.text.push_str(&c.text),
            _ => out.push(c),
        }
    }
    // Collapse runs of spaces introduced above.
    for c in &mut out {
        while c.text.contains("  ") {
            c.text = c.text.replace("  ", " ");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::inline_diff;

    #[test]
    fn diffs_read_as_words() {
        let d = word_diff("the workers must be armed", "the workers should be armed");
        assert_eq!(inline_diff(&d), "the workers [-must-]{+should+} be armed");
        let d = word_diff("the Chilean Air Force began", "the Chilean Army began");
        assert_eq!(inline_diff(&d), "the Chilean [-Air Force-]{+Army+} began");
    }
}
