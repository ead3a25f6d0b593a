//! The figures the corpus states: extracted once per source, and looked up
//! by what they count (or within the few sources a credit names), never by
//! scanning the corpus again.

use super::compare;
use super::{Figure, FigureRules, extract};
use crate::corpus::{Corpus, SourceIdx, SourceText};
use std::collections::HashMap;
use std::sync::Arc;

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
    extract(
        text.prose(),
        &text.sentences(),
        FigureRules::built_in(),
        0.0,
    )
}

impl CorpusFigures {
    /// The corpus's figures, extracted on first use.
    pub fn of(corpus: &Corpus) -> Arc<CorpusFigures> {
        corpus.derived("figures", |c| {
            CorpusFigures::build(c.ids().map(|i| (i, of_source(&c.text(i)))))
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
