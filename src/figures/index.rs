//! The figures the corpus states: extracted once per source, and looked up
//! by what they count (or within the few sources a credit names), never by
//! scanning the corpus again.

use super::compare;
use super::{Figure, FigureRules, InSource, extract};
use crate::corpus::{Corpus, SourceIdx, SourceText};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// A figure of a source: the source and its number among the source's
/// figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigRef {
    pub source: SourceIdx,
    pub n: u32,
}

/// The figures the corpus states, indexed: every one of them, or (for a
/// check against a cached corpus, see [`Quantities::corpus_for`]) only
/// those a draft's figures can meet.
///
/// [`Quantities::corpus_for`]: super::quantity::Quantities::corpus_for
#[derive(Debug, Default)]
pub struct CorpusFigures {
    /// The figures of the sources read whole, in source order (the others
    /// are empty).
    by_source: Vec<Vec<Figure>>,
    /// Figures read on their own from the keyed file, their sources not
    /// read whole.
    loose: HashMap<FigRef, Figure>,
    /// (unit, counted noun) → figures.
    by_noun: HashMap<(String, String), Vec<FigRef>>,
}

/// A corpus figure as the keyed facts file keeps it (see
/// `corpus::keyed`): which figure it is, the catalog quantity it is a
/// figure of, and the figure.
#[derive(Debug, Serialize, Deserialize)]
pub struct Filed {
    pub source: u32,
    pub n: u32,
    pub quantity: Option<u32>,
    pub figure: Figure,
}

impl Filed {
    pub fn fig_ref(&self) -> FigRef {
        FigRef {
            source: SourceIdx(self.source),
            n: self.n,
        }
    }
}

/// The key under which the figures of catalog quantity `id` are filed.
pub fn quantity_key(id: &str) -> String {
    format!("q:{id}")
}

/// The key under which the figures counting `f`'s noun in `f`'s unit are
/// filed (see [`CorpusFigures::counting`]).
pub fn noun_key(f: &Figure) -> Option<String> {
    let head = f.counted.as_ref()?;
    Some(format!("n:{}\u{1f}{head}", f.unit.key()))
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
/// and the built-in rules), as a hash of the figures of a fixed sample, of
/// the rules and of the extraction's code: the key of the figures in the
/// facts cache (see `corpus::facts`).
pub fn fingerprint() -> u64 {
    static FINGERPRINT: OnceLock<u64> = OnceLock::new();
    *FINGERPRINT.get_or_init(|| {
        const SAMPLE: &str = "Allende won 36.3% of the popular vote in 1970, about 37 per cent \
            by another count. Some 3,000 leftists were killed and tens of thousands arrested; \
            more than one thousand factories were occupied, two-thirds of them in Santiago, \
            and ten million acres were expropriated for $1.5 million, up to 700,000 marched.";
        let sample = Corpus::from_texts(&[("sample", SAMPLE, crate::text::Format::Text)]);
        let figures = of_source(&sample.text(SourceIdx(0)));
        let mut bytes = postcard::to_allocvec(&figures).expect("figures serialize");
        // The code and the rules too: a change that the sample does not
        // show must not leave stale figures in the cache.
        bytes.extend_from_slice(super::rules::BUILT_IN.as_bytes());
        bytes.extend_from_slice(include_str!("mod.rs").as_bytes());
        bytes.extend_from_slice(include_str!("rules.rs").as_bytes());
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
                if let Some(head) = &f.counted {
                    out.by_noun
                        .entry((f.unit.key(), head.clone()))
                        .or_default()
                        .push(r);
                }
            }
            out.by_source[s] = figures;
        }
        out
    }

    /// The figures of `whole` sources (read whole) and `loose` figures
    /// (read by key), the latter filed by noun too.
    pub fn sparse(
        whole: Vec<(SourceIdx, Vec<Figure>)>,
        loose: impl IntoIterator<Item = (FigRef, Figure)>,
    ) -> CorpusFigures {
        let mut out = CorpusFigures::build(whole.into_iter());
        for (r, f) in loose {
            if out
                .by_source
                .get(r.source.get())
                .is_some_and(|v| !v.is_empty())
            {
                // Its source is read whole, and filed already.
                continue;
            }
            if let Some(head) = &f.counted {
                out.by_noun
                    .entry((f.unit.key(), head.clone()))
                    .or_default()
                    .push(r);
            }
            out.loose.insert(r, f);
        }
        // In corpus order, as when every source is read.
        for refs in out.by_noun.values_mut() {
            refs.sort_unstable();
            refs.dedup();
        }
        out
    }

    pub fn figure(&self, r: FigRef) -> &Figure {
        self.by_source
            .get(r.source.get())
            .and_then(|v| v.get(r.n as usize))
            .or_else(|| self.loose.get(&r))
            .expect("a figure of the corpus's figures")
    }

    /// The figures of source `s`, in text order.
    pub fn in_source(&self, s: SourceIdx) -> &[Figure] {
        self.by_source.get(s.get()).map_or(&[], Vec::as_slice)
    }

    /// The figures that count the noun `f` counts, in the same unit, in
    /// corpus order.
    pub fn counting(&self, f: &Figure) -> &[FigRef] {
        f.counted
            .as_ref()
            .and_then(|head| self.by_noun.get(&(f.unit.key(), head.clone())))
            .map_or(&[], Vec::as_slice)
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
    fn lookups_by_noun_and_by_value() {
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
        assert_eq!(figs.counting(f).len(), 2);
        let agreeing = figs.agreeing_in(f, &[SourceIdx(0), SourceIdx(1)]);
        assert_eq!(agreeing.len(), 1);
        assert_eq!(agreeing[0].source, SourceIdx(0));
        // Built once: the same value comes back.
        assert!(Arc::ptr_eq(&figs, &CorpusFigures::of(&corpus)));
    }
}
