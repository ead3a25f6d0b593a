//! The corpus's dated claims, and where the corpus disagrees with itself.
//!
//! Each source's claims are found once (a pure function of its text and the
//! catalog) and filed by event, so checking a draft's claim looks up the
//! event instead of reading the sources again.
//!
//! The sources *disagree* on an event's date when two of their claims cannot
//! both be right (`20 June 1973` and `29 June 1973`). Claims that agree with
//! every other (`June 1973`) take no side. The sides, or *readings*, are
//! groups of claims that agree with each other: a claim joins the reading
//! whose date it agrees with, the most precise dates first, so `29 June`
//! (no year) joins `29 June 1973`.

use super::Catalog;
use super::claims::{Analysis, Claim};
use crate::corpus::{SourceIdx, SourceText};
use crate::dates::{self, DateValue, width};
use crate::span::Span;
use crate::text::Format;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A claim of a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimRef {
    pub source: SourceIdx,
    /// Index in that source's `Analysis::claims`.
    pub claim: usize,
}

/// The corpus's dated claims, filed by event: of every event, or (for a
/// check against a cached corpus, see [`Catalog::corpus_dates_for`]) of the
/// events a draft's claims are about.
///
/// [`Catalog::corpus_dates_for`]: super::Catalog::corpus_dates_for
#[derive(Debug)]
pub struct CorpusDates {
    /// Every claim held, with the original byte spans of its date and of
    /// the whole claim (see [`SourceClaims`]).
    claims: HashMap<ClaimRef, Filed>,
    /// Per event of the catalog, the claims about it in corpus order.
    by_event: Vec<Vec<ClaimRef>>,
    /// Per event, whether it lasts (its dates compare by year).
    extended: Vec<bool>,
    /// Per event, its readings, on first use.
    readings: Vec<OnceLock<Readings>>,
}

/// A corpus claim as the keyed facts file keeps it (see `corpus::keyed`),
/// filed under its event.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Filed {
    pub source: u32,
    pub n: u32,
    pub claim: Claim,
    /// The original byte spans of its date and of the claim.
    pub date_span: Span,
    pub claim_span: Span,
}

impl Filed {
    pub fn claim_ref(&self) -> ClaimRef {
        ClaimRef {
            source: SourceIdx(self.source),
            claim: self.n as usize,
        }
    }
}

/// The key under which the claims about event `id` are filed.
pub fn event_key(id: &str) -> String {
    format!("e:{id}")
}

/// Every claim of `claims` (each source's, in corpus order), as filed.
pub fn filed(claims: Vec<SourceClaims>) -> impl Iterator<Item = Filed> {
    claims.into_iter().enumerate().flat_map(|(s, c)| {
        c.analysis
            .claims
            .into_iter()
            .zip(c.original)
            .enumerate()
            .map(move |(n, (claim, (date_span, claim_span)))| Filed {
                source: s as u32,
                n: n as u32,
                claim,
                date_span,
                claim_span,
            })
    })
}

/// The sentences of a source as claims are read in: a Markdown source's
/// blocks are real, so sentences stay inside them; a plain-text copy may
/// break paragraphs anywhere (a PDF), so punctuation alone decides.
pub fn source_sentences(text: &SourceText, format: Format) -> Vec<Span> {
    match format {
        Format::Markdown => text.doc.sentences().into_iter().map(|(_, s)| s).collect(),
        Format::Text => text.sentences(),
    }
}

/// A source's claims: a pure function of its text and the catalog.
pub fn source_analysis(text: &SourceText, format: Format, catalog: &Catalog) -> Analysis {
    let sentences = source_sentences(text, format);
    super::claims::analyze(text.prose(), &sentences, &text.tokens, catalog)
}

/// A source's claims, as the facts cache keeps them: with each claim's
/// original spans, so that showing a claim needs no reading of its source
/// into prose.
#[derive(Debug, Serialize, Deserialize)]
pub struct SourceClaims {
    pub analysis: Analysis,
    /// Per claim: the original byte spans of its date and of the claim.
    pub original: Vec<(Span, Span)>,
}

/// [`source_analysis`], with each claim's original spans.
pub fn source_claims(text: &SourceText, format: Format, catalog: &Catalog) -> SourceClaims {
    let analysis = source_analysis(text, format, catalog);
    let to_original = |span| text.doc.prose.to_original(span);
    let original = analysis
        .claims
        .iter()
        .map(|c| {
            let mut date = analysis.dates[c.date].span;
            if let Some(also) = c.also {
                date = date.cover(analysis.dates[also].span);
            }
            (to_original(date), to_original(analysis.claim_span(c)))
        })
        .collect();
    SourceClaims { analysis, original }
}

impl CorpusDates {
    /// Files every source's claims (`sources`, in corpus order) by event.
    pub fn build(claims: Vec<SourceClaims>, catalog: &Catalog) -> CorpusDates {
        CorpusDates::from_filed(filed(claims), catalog)
    }

    /// Files `claims` by event. For an event, either every claim about it
    /// in the corpus or none must be given: a year missing from a claim is
    /// taken from the others.
    pub fn from_filed(claims: impl IntoIterator<Item = Filed>, catalog: &Catalog) -> CorpusDates {
        let mut by_event = vec![Vec::new(); catalog.events.len()];
        let mut held = HashMap::new();
        for f in claims {
            let Some(refs) = by_event.get_mut(f.claim.event) else {
                continue;
            };
            refs.push(f.claim_ref());
            held.insert(f.claim_ref(), f);
        }
        for refs in &mut by_event {
            refs.sort_unstable();
            refs.dedup();
            let mut years: Vec<i32> = Vec::new();
            for r in refs.iter() {
                if let Some((lo, hi)) = held[r].claim.value.interval() {
                    years.extend(lo.year..=hi.year);
                }
            }
            years.sort_unstable();
            years.dedup();
            let [year] = years[..] else {
                continue;
            };
            for r in refs.iter() {
                let c = &mut held.get_mut(r).expect("held").claim;
                if !c.value.has_year() {
                    c.value = c.value.with_year(year);
                    c.year_from_corpus = true;
                }
            }
        }
        let extended = catalog.events.iter().map(|e| e.extended).collect();
        let readings = catalog.events.iter().map(|_| OnceLock::new()).collect();
        CorpusDates {
            claims: held,
            by_event,
            extended,
            readings,
        }
    }

    /// The claims about event `event` (its index in the catalog).
    pub fn claims_for(&self, event: usize) -> &[ClaimRef] {
        self.by_event.get(event).map_or(&[], Vec::as_slice)
    }

    pub fn claim(&self, r: ClaimRef) -> &Claim {
        &self.claims[&r].claim
    }

    /// The number of claims held.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// The original byte span, in its source file, of a claim's date.
    pub fn date_span(&self, r: ClaimRef) -> Span {
        self.claims[&r].date_span
    }

    /// The original byte span of a claim: the event's phrase and the date.
    pub fn claim_span(&self, r: ClaimRef) -> Span {
        self.claims[&r].claim_span
    }

    /// A claim's date as it is compared: by year for an event that lasts.
    pub fn compared(&self, r: ClaimRef) -> DateValue {
        let c = self.claim(r);
        if self.extended.get(c.event).copied().unwrap_or(false) {
            dates::to_years(&c.value)
        } else {
            c.value.clone()
        }
    }

    /// The readings of an event's date in the corpus (computed once).
    pub fn readings(&self, event: usize) -> &Readings {
        self.readings[event].get_or_init(|| {
            let claims: Vec<(ClaimRef, DateValue)> = self
                .claims_for(event)
                .iter()
                .map(|r| (*r, self.compared(*r)))
                .collect();
            readings(&claims)
        })
    }
}

/// One side of a disagreement: claims that give compatible dates.
#[derive(Clone, Debug)]
pub struct Reading {
    /// The most precise date of the side.
    pub value: DateValue,
    pub claims: Vec<ClaimRef>,
    /// Distinct sources, in corpus order.
    pub sources: Vec<SourceIdx>,
}

/// How the corpus dates an event.
#[derive(Clone, Debug, Default)]
pub struct Readings {
    /// The sides, most sources first. Two or more when the corpus disagrees.
    pub sides: Vec<Reading>,
    /// Claims that take no side: they agree with every other claim
    /// (`June 1973` between `20` and `29 June 1973`), or with more than one
    /// side.
    pub neutral: Vec<ClaimRef>,
}

impl Readings {
    pub fn disputed(&self) -> bool {
        self.sides.len() >= 2
    }

    /// Sources that are on more than one side.
    pub fn self_contradicting(&self) -> Vec<SourceIdx> {
        let mut out: Vec<SourceIdx> = Vec::new();
        for (i, a) in self.sides.iter().enumerate() {
            for s in &a.sources {
                if self.sides[i + 1..].iter().any(|b| b.sources.contains(s)) && !out.contains(s) {
                    out.push(*s);
                }
            }
        }
        out.sort();
        out
    }
}

/// Groups `claims` (each with the date it is compared by) into readings
/// (see the module's documentation). Claims are grouped by their date first,
/// so a corpus where thousands of passages give the same few dates costs
/// little.
pub fn readings(claims: &[(ClaimRef, DateValue)]) -> Readings {
    let mut by_value: Vec<(&DateValue, Vec<ClaimRef>)> = Vec::new();
    let mut index: HashMap<&DateValue, usize> = HashMap::new();
    for (r, v) in claims {
        match index.get(v) {
            Some(&i) => by_value[i].1.push(*r),
            None => {
                index.insert(v, by_value.len());
                by_value.push((v, vec![*r]));
            }
        }
    }
    // A date is decisive when another date in the corpus contradicts it.
    let decisive: Vec<bool> = by_value
        .iter()
        .map(|(a, _)| by_value.iter().any(|(b, _)| !dates::compatible(a, b)))
        .collect();
    let mut out = Readings::default();
    for (i, (_, refs)) in by_value.iter().enumerate() {
        if !decisive[i] {
            out.neutral.extend(refs.iter().copied());
        }
    }
    let mut order: Vec<usize> = (0..by_value.len()).filter(|&i| decisive[i]).collect();
    // The most precise first, and those with a year before those without.
    order.sort_by_key(|&i| {
        let v = by_value[i].0;
        (width(v), !v.has_year(), by_value[i].1[0])
    });
    for i in order {
        let (v, refs) = &by_value[i];
        let agreeing: Vec<usize> = (0..out.sides.len())
            .filter(|&k| dates::compatible(&out.sides[k].value, v))
            .collect();
        match agreeing[..] {
            [] => out.sides.push(Reading {
                value: (*v).clone(),
                claims: refs.clone(),
                sources: Vec::new(),
            }),
            [k] => out.sides[k].claims.extend(refs.iter().copied()),
            _ => out.neutral.extend(refs.iter().copied()),
        }
    }
    for side in &mut out.sides {
        side.claims.sort();
        side.sources = side.claims.iter().map(|c| c.source).collect();
        side.sources.dedup();
    }
    out.sides.sort_by(|a, b| {
        b.sources
            .len()
            .cmp(&a.sources.len())
            .then(a.claims[0].cmp(&b.claims[0]))
    });
    out.neutral.sort();
    out
}

/// An event on which the corpus disagrees.
#[derive(Clone, Debug)]
pub struct Dispute {
    pub event: usize,
    pub readings: Readings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sources_claims_survive_the_facts_cache_format() {
        let text = "In Chile, on Tuesday, 11 September 1973, the coup came, after the attempted coup of \
            29 June 1973. Fifty years ago, in September-October 1970, Allende was elected.";
        let corpus = crate::corpus::Corpus::from_texts(&[("a", text, Format::Text)]);
        let catalog = Catalog::builtin();
        let claims = source_claims(&corpus.text(SourceIdx(0)), Format::Text, &catalog);
        assert!(claims.analysis.claims.len() >= 2, "{claims:?}");
        let bytes = postcard::to_allocvec(&claims).unwrap();
        let back: SourceClaims = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(format!("{back:?}"), format!("{claims:?}"));
        let (date, claim) = back.original[0];
        assert!(text[date.range()].contains("1973"));
        assert!(claim.start <= date.start && date.end <= claim.end);
    }

    fn day(y: Option<i32>, m: u8, d: u8) -> DateValue {
        DateValue::Day {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn readings_group_agreeing_claims() {
        let values = [
            day(Some(1973), 6, 20),
            day(None, 6, 29),
            day(Some(1973), 6, 29),
            DateValue::Month {
                year: Some(1973),
                month: 6,
            },
        ];
        let sources = [3, 3, 4, 0];
        let refs: Vec<ClaimRef> = (0..values.len())
            .map(|i| ClaimRef {
                source: SourceIdx(sources[i]),
                claim: i,
            })
            .collect();
        let pairs: Vec<(ClaimRef, DateValue)> =
            refs.iter().map(|r| (*r, values[r.claim].clone())).collect();
        let r = readings(&pairs);
        assert!(r.disputed());
        assert_eq!(r.sides.len(), 2);
        assert_eq!(r.sides[0].value, day(Some(1973), 6, 29));
        assert_eq!(r.sides[0].sources, vec![SourceIdx(3), SourceIdx(4)]);
        assert_eq!(r.sides[1].sources, vec![SourceIdx(3)]);
        assert_eq!(r.neutral, vec![refs[3]]);
        assert_eq!(r.self_contradicting(), vec![SourceIdx(3)]);
    }

    #[test]
    fn agreeing_claims_are_not_a_dispute() {
        let values = [
            DateValue::Month {
                year: Some(1972),
                month: 10,
            },
            DateValue::Year(1972),
        ];
        let refs: Vec<ClaimRef> = (0..2)
            .map(|i| ClaimRef {
                source: SourceIdx(i as u32),
                claim: i,
            })
            .collect();
        let pairs: Vec<(ClaimRef, DateValue)> =
            refs.iter().map(|r| (*r, values[r.claim].clone())).collect();
        let r = readings(&pairs);
        assert!(!r.disputed());
        assert!(r.sides.is_empty());
        assert_eq!(r.neutral.len(), 2);
    }
}
