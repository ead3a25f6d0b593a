//! The figures the corpus states: extracted once per source, and looked up
//! by what they count (or within the few sources a credit names), never by
//! scanning the corpus again.

use super::compare;
use super::{Figure, FigureRules, InSource, extract};
use crate::corpus::{Corpus, SourceIdx, SourceText};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// A figure of a source: the source and its number among the source's
/// figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigRef {
    pub source: SourceIdx,
    pub n: u32,
}

/// Every figure the corpus states, indexed.
#[derive(Debug, Default)]
pub struct CorpusFigures {
    by_source: Vec<Vec<Figure>>,
    /// (unit, concept or `=counted noun`) → figures.
    by_what: HashMap<(String, String), Vec<FigRef>>,
}

/// The figures one source states: a pure function of its text and the
/// built-in rules (small counts included, since a draft may set a lower
/// `figures.min_count`), so it can be cached with the source.
pub fn of_source(text: &SourceText) -> Vec<Figure> {
    let mut figures = extract(
        text.prose(),
        &text.sentences(),
        FigureRules::built_in(),
        0.0,
    );
    for f in &mut figures {
        f.in_source = Some(InSource {
            statement: text.doc.prose.to_original(f.statement),
            written: f.describe(text.prose()),
        });
    }
    figures
}

/// What a source's figures depend on besides its text (the extraction code
/// and the built-in rules), as a hash of the figures of a fixed sample: the
/// key of the figures in the facts cache (see `corpus::facts`).
pub fn fingerprint() -> u64 {
    static FINGERPRINT: OnceLock<u64> = OnceLock::new();
    *FINGERPRINT.get_or_init(|| {
        const SAMPLE: &str = "Allende won 36.3% of the popular vote in 1970, about 37 per cent \
            by another count. Some 3,000 leftists were killed and tens of thousands arrested; \
            more than one thousand factories were occupied, two-thirds of them in Santiago, \
            and ten million acres were expropriated for $1.5 million, up to 700,000 marched.";
        let sample = Corpus::from_texts(&[("sample", SAMPLE, crate::text::Format::Text)]);
        let figures = of_source(&sample.text(SourceIdx(0)));
        let bytes = postcard::to_allocvec(&figures).expect("figures serialize");
        xxhash_rust::xxh3::xxh3_64(&bytes)
    })
}

impl CorpusFigures {
    /// The corpus's figures, extracted on first use.
    pub fn of(corpus: &Corpus) -> Arc<CorpusFigures> {
        corpus.derived("figures", |c| {
            let per_source = c.facts("figures", fingerprint(), |text, _| of_source(text));
            CorpusFigures::build(c.ids().zip(per_source))
        })
    }

    pub fn build(sources: impl Iterator<Item = (SourceIdx, Vec<Figure>)>) -> CorpusFigures {
        let mut out = CorpusFigures::default();
        for (source, figures) in sources {
            let s = source.get();
            if out.by_source.len() <= s {
                out.by_source.resize_with(s + 1, Vec::new);
            }
            for (n, f) in figures.iter().enumerate() {
                let r = FigRef {
                    source,
                    n: n as u32,
                };
                let unit = f.unit.key();
                for c in &f.concepts {
                    out.by_what
                        .entry((unit.clone(), c.clone()))
                        .or_default()
                        .push(r);
                }
                if let Some(head) = &f.counted {
                    out.by_what
                        .entry((unit.clone(), format!("={head}")))
                        .or_default()
                        .push(r);
                }
            }
            out.by_source[s] = figures;
        }
        out
    }

    pub fn figure(&self, r: FigRef) -> &Figure {
        &self.by_source[r.source.get()][r.n as usize]
    }

    /// The figures of source `s`, in text order.
    pub fn in_source(&self, s: SourceIdx) -> &[Figure] {
        self.by_source.get(s.get()).map_or(&[], Vec::as_slice)
    }

    /// Figures that state what `f` states: they give its value (see
    /// [`compare::states`]) and count the same thing. Surest first.
    pub fn stating(&self, f: &Figure) -> Vec<(FigRef, u32)> {
        // Looked up by what is counted, which few figures share, not by
        // value: a value's range holds a good part of a large corpus.
        let mut out: Vec<(FigRef, u32)> = self
            .counting(f)
            .into_iter()
            .filter(|r| compare::agree(f, self.figure(*r)) && compare::states(self.figure(*r), f))
            .filter_map(|r| compare::same_quantity(f, self.figure(r)).map(|score| (r, score)))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Figures of the `sources` whose value agrees with `f`'s, in source
    /// order.
    pub fn agreeing_in(&self, f: &Figure, sources: &[SourceIdx]) -> Vec<FigRef> {
        let mut out = Vec::new();
        for &source in sources {
            for (n, c) in self.in_source(source).iter().enumerate() {
                if compare::agree(f, c) {
                    out.push(FigRef {
                        source,
                        n: n as u32,
                    });
                }
            }
        }
        out
    }

    /// Every figure filed under one of `f`'s concepts or its counted noun:
    /// all that [`compare::same_quantity`] can pair with `f`, and more.
    fn counting(&self, f: &Figure) -> Vec<FigRef> {
        let unit = f.unit.key();
        let counted = f.counted.iter().map(|h| format!("={h}"));
        let mut refs: Vec<FigRef> = f
            .concepts
            .iter()
            .cloned()
            .chain(counted)
            .filter_map(|k| self.by_what.get(&(unit.clone(), k)))
            .flatten()
            .copied()
            .collect();
        refs.sort();
        refs.dedup();
        refs
    }

    /// Figures that count the same thing as `f`, whatever their value. Surest
    /// first.
    pub fn same_quantity(&self, f: &Figure) -> Vec<(FigRef, u32)> {
        let unit = f.unit.key();
        let mut keys: Vec<String> = f.concepts.clone();
        // A noun that says little is looked up by only when nothing else
        // says what is counted.
        if let Some(head) = f
            .counted
            .as_ref()
            .filter(|_| !f.generic || f.concepts.is_empty())
        {
            keys.push(format!("={head}"));
        }
        let mut refs: Vec<FigRef> = keys
            .iter()
            .filter_map(|k| self.by_what.get(&(unit.clone(), k.clone())))
            .flatten()
            .copied()
            .collect();
        refs.sort();
        refs.dedup();
        let mut out: Vec<(FigRef, u32)> = refs
            .into_iter()
            .filter_map(|r| compare::same_quantity(f, self.figure(r)).map(|s| (r, s)))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Format;

    #[test]
    fn a_sources_figures_survive_the_facts_cache_format() {
        let corpus = Corpus::from_texts(&[(
            "a",
            "Some 3,000 leftists; 36.3% of the vote; $1.5 million; ten million acres.",
            Format::Text,
        )]);
        let figures = of_source(&corpus.text(SourceIdx(0)));
        assert_eq!(figures.len(), 4);
        let bytes = postcard::to_allocvec(&figures).unwrap();
        let back: Vec<Figure> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(format!("{back:?}"), format!("{figures:?}"));
    }

    #[test]
    fn lookups_by_value_and_by_what_is_counted() {
        let corpus = Corpus::from_texts(&[
            (
                "a",
                "Pinochet massacred 3,000 leftists. More than one thousand factories were occupied.",
                Format::Text,
            ),
            ("b", "The junta killed 30,000 leftists.", Format::Text),
        ]);
        let figs = CorpusFigures::of(&corpus);
        assert_eq!(figs.in_source(SourceIdx(0)).len(), 2);
        let draft = "They killed some 3,000 leftists.";
        let rules = FigureRules::built_in();
        let s = crate::text::sentences::split(draft, crate::span::Span::new(0, draft.len()));
        let f = &extract(draft, &s, rules, 10.0)[0];
        let stating = figs.stating(f);
        assert_eq!(stating.len(), 1);
        assert_eq!(stating[0].0.source, SourceIdx(0));
        let same = figs.same_quantity(f);
        assert_eq!(same.len(), 2, "{same:?}");
        // Built once: the same value comes back.
        assert!(Arc::ptr_eq(&figs, &CorpusFigures::of(&corpus)));
    }
}
