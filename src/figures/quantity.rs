//! The quantity catalog: the quantities the corpus gives figures for, and
//! how to tell that a figure is one of them.
//!
//! Two figures are compared only when they are the same quantity: they
//! count the same thing, what is done to it is the same measure (killed,
//! tortured, exiled, a share of the vote), in the same event or period and
//! the same place. The catalog is data (`rules/quantities.toml`, compiled
//! in); a user's `quantities.toml` in the config's `rules_dir` extends it
//! as a user's `events.toml` extends the event catalog. A figure outside
//! the catalog is compared with a corpus figure only when their counted
//! noun, measure, year and place all agree ([`same_outside_catalog`]).
//!
//! The corpus's own figures for each quantity are its *readings*, one per
//! source (a source's figures for one quantity that agree are read
//! together: "3,000" and "thousands" are 3,000). A draft's figure is judged
//! against them ([`judge`]): it agrees with every reading, or it contradicts
//! a reading that no source disputes (a conflict), or it sides with some
//! sources against others in a dispute the corpus has.

use super::compare::{self, Interval};
use super::index::{CorpusFigures, FigRef, Filed, noun_key, quantity_key};
use super::{Figure, FigureRules, Unit, stem};
use crate::corpus::{Corpus, SourceIdx};
use crate::error::{Error, Result};
use crate::span::Span;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// `provlint explain quantities`.
pub const TOPIC: &str = r#"# The quantity catalog

A figure of a draft is compared with the corpus's figures only when both
are the same quantity: the same thing counted (`3,000 *leftists*`, not
`3,000 *soldiers*`), the same measure of it (killed, dead, massacred and
murdered are one measure; tortured, imprisoned, exiled, arrested,
demonstrators and votes are others; a share of the vote is not a poll
result), in the same event or period (the coup and the dictatorship, the
1970 presidential election), in the same place (Chile, not Angola). When
any of these is unknown or differs, nothing is compared.

The catalog of quantities the corpus states is `rules/quantities.toml`;
`provlint corpus audit --figures --all` shows every figure the corpus gives
for each, and the corpus's figures that are in none.

```toml
[[quantity]]
id = "exiled-dictatorship"
label = "the number of people forced into exile from Chile under the dictatorship"
unit = "count"                     # "percent", "money:USD", "area:acre" ...
measure = "exiled"                 # a [[measure]] of rules/figures.toml
with = []                          # other measures it may be named with
nouns = ["people", "chileans"]     # what may be counted (no noun is fine)
counts = []                        # words one of which must be counted
place = "chile"                    # a [[place]] of rules/figures.toml
years = [1973, 1990]
cues = ["coup", "dictatorship", "Pinochet"]   # one in its sentence or the one before
year_cues = true                   # a year in `years` is a cue too
needs = []                         # one of these too
not_near = []                      # none of these
whose = []                         # whose figure it is: a clause naming
                                   # someone else is not this quantity
```

What a figure measures is read from its own clause: the noun it counts
(`3,000 deaths`, `36.3% of the popular vote`), the verb before it
(`massacred 3,000`, `forced tens of thousands into exile`) and what its
clause says after it (`3,000 people were killed or disappeared`). Its place
is the one its own words name (`300,000 Angolans`), else its sentence's,
else its paragraph's, else the one its document names most; a sentence
that names two places gives none. A figure said as a goal (`they hoped to
win 66%`) is no figure of a quantity. Measures and places are in
`rules/figures.toml`.

A figure outside the catalog is compared with a corpus figure only when
their counted nouns, measures, years and places all agree.

## Your own quantities

Put a `quantities.toml` in the config's `rules_dir` (default `rules/`, next
to `provlint.toml`). A quantity with a new id is added to the built-in
ones; a quantity with the id of a built-in one replaces it whole. A
malformed catalog is an error that points at the line (exit code 2).
"#;

/// The built-in catalog.
pub const BUILTIN: &str = include_str!("../../rules/quantities.toml");
/// Its name in reports.
pub const BUILTIN_PATH: &str = "rules/quantities.toml";
/// The file name of a user's catalog in `rules_dir`.
pub const CATALOG_FILE: &str = "quantities.toml";

/// A word of a cue.
#[derive(Clone, Debug, PartialEq, Eq)]
enum CueWord {
    /// This word, case aside.
    Word(String),
    /// This word as written (a word in capitals: "UP", "MIR").
    Exact(String),
    /// Any word starting with this, case aside.
    Prefix(String),
}

/// A phrase that names an event: words in a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    words: Vec<CueWord>,
}

/// A word of a text as a cue sees it: without a possessive, and lower case
/// unless `exact`.
fn cue_key(word: &str, exact: bool) -> String {
    super::rules::place_key(word, exact)
}

impl Cue {
    pub fn parse(text: &str) -> std::result::Result<Cue, String> {
        let mut words = Vec::new();
        for t in crate::text::tokenize::tokenize(text)
            .iter()
            .filter(|t| t.is_word())
        {
            let w = t.text(text);
            let exact = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase());
            words.push(if exact {
                CueWord::Exact(cue_key(w, true))
            } else {
                CueWord::Word(cue_key(w, false))
            });
        }
        if text.trim_end().ends_with('*') {
            match words.pop() {
                Some(CueWord::Word(w) | CueWord::Exact(w)) => {
                    words.push(CueWord::Prefix(w.to_lowercase()))
                }
                _ => return Err("`*` needs letters before it".to_string()),
            }
        }
        if words.is_empty() {
            return Err("the phrase has no words".to_string());
        }
        Ok(Cue { words })
    }

    /// Whether the cue occurs in `words` (words as written).
    pub fn occurs_in(&self, words: &[String]) -> bool {
        let n = self.words.len();
        n <= words.len()
            && words.windows(n).any(|w| {
                self.words.iter().zip(w).all(|(c, word)| match c {
                    CueWord::Word(k) => *k == cue_key(word, false),
                    CueWord::Exact(k) => *k == cue_key(word, true),
                    CueWord::Prefix(p) => cue_key(word, false).starts_with(p.as_str()),
                })
            })
    }
}

/// A quantity the corpus states.
#[derive(Clone, Debug)]
pub struct Quantity {
    pub id: String,
    /// What to call it in reports ("the number of people killed ...").
    pub label: String,
    pub unit: Unit,
    pub measure: Option<String>,
    /// Other measures a figure of it may name too.
    pub with: Vec<String>,
    /// Stems of the nouns it may count.
    pub nouns: Vec<String>,
    /// Stems of which one must be in what it counts.
    pub counts: Vec<String>,
    pub place: String,
    pub years: (u32, u32),
    pub cues: Vec<Cue>,
    pub year_cues: bool,
    pub needs: Vec<Cue>,
    pub not_near: Vec<Cue>,
    /// Whose figure it is (a candidate, a party): a figure whose clause
    /// names someone else is not this quantity ("Alessandri received
    /// 35.3%").
    pub whose: Vec<Cue>,
    /// The catalog file that defines it.
    pub origin: String,
}

impl Quantity {
    /// Whether figure `f` is a figure of this quantity.
    pub fn fits(&self, f: &Figure, rules: &FigureRules) -> bool {
        if f.unit != self.unit || f.hypothetical {
            return false;
        }
        match &self.measure {
            Some(m) => {
                if !f.measures.contains(m) {
                    return false;
                }
            }
            None => {
                if self.counts.is_empty() && self.nouns.is_empty() {
                    return false;
                }
            }
        }
        if f.measures
            .iter()
            .any(|m| Some(m) != self.measure.as_ref() && !self.with.contains(m))
        {
            return false;
        }
        let counted = counted_stems(f);
        if let Some(head) = noun_of(f, rules) {
            if !self.nouns.is_empty() && !self.nouns.contains(&head) {
                return false;
            }
        }
        if !self.counts.is_empty() && !counted.iter().any(|w| self.counts.contains(w)) {
            return false;
        }
        if f.places.iter().any(|p| *p != self.place) {
            return false;
        }
        // Without cues, the place is all that anchors it: it must be known.
        if self.cues.is_empty() && f.places.is_empty() {
            return false;
        }
        let in_years = |y: &u32| (self.years.0..=self.years.1).contains(y);
        if !f.years.is_empty() && !f.years.iter().any(in_years) {
            return false;
        }
        let cued = self.cues.is_empty()
            || self.cues.iter().any(|c| c.occurs_in(&f.scene))
            || (self.year_cues && !f.years.is_empty() && f.years.iter().all(in_years));
        cued && (self.needs.is_empty() || self.needs.iter().any(|c| c.occurs_in(&f.scene)))
            && !self.not_near.iter().any(|c| c.occurs_in(&f.scene))
            && !self.someone_else(f, rules)
    }

    /// Whether the figure is someone else's than whose this quantity is: the
    /// nearest name before it in its sentence (a capitalised word that is no
    /// function word, place or month) is not one of `whose` ("Allende won
    /// 36.6%, ahead of Alessandri's 35.3%").
    fn someone_else(&self, f: &Figure, rules: &FigureRules) -> bool {
        if self.whose.is_empty() {
            return false;
        }
        let is_month = |w: &str| {
            w.split('-')
                .all(|p| rules.months.contains(&p.to_lowercase()))
        };
        let is_place =
            |w: &str| {
                rules.places.iter().flat_map(|p| &p.words).any(|p| {
                    p.words.len() == 1 && p.words[0] == super::rules::place_key(w, p.exact)
                })
            };
        let words = &f.lead;
        let Some(i) = (0..words.len()).rev().find(|&i| {
            let w = &words[i];
            w.chars().next().is_some_and(char::is_uppercase)
                && !rules.stop_words.contains(&w.to_lowercase())
                && !is_month(w)
                && !is_place(w)
        }) else {
            return false;
        };
        // Ours when one of `whose` ends or starts at that name.
        let ours = self.whose.iter().any(|c| {
            let n = c.words.len();
            (i + 1 >= n && c.occurs_in(&words[i + 1 - n..=i]))
                || (i + n <= words.len() && c.occurs_in(&words[i..i + n]))
        });
        !ours
    }
}

/// The stems of the words a figure counts.
fn counted_stems(f: &Figure) -> Vec<String> {
    f.counts
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .map(stem)
        .collect()
}

/// The noun a figure counts, if it has one of its own: not a word of a
/// measure ("3,000 *deaths*", "30,000 *tortured*" count no noun).
pub fn noun_of(f: &Figure, rules: &FigureRules) -> Option<String> {
    let head = f.counted.as_ref()?;
    let is_measure = rules
        .measures
        .iter()
        .any(|m| m.phrases.iter().any(|p| p.len() == 1 && p[0] == *head));
    (!is_measure).then(|| head.clone())
}

/// The loaded catalog.
pub struct Quantities {
    pub quantities: Vec<Quantity>,
    /// What the corpus is about.
    pub subject: Option<Subject>,
    /// Files it was read from, built-in first.
    pub files: Vec<String>,
    /// The corpus's figures for each quantity, for the corpus last asked
    /// about (by [`Corpus::generation`]).
    corpus_cache: Mutex<Option<(u64, Arc<CorpusQuantities>)>>,
    /// See [`Quantities::keyed_fingerprint`].
    keyed_fingerprint: OnceLock<u64>,
}

impl std::fmt::Debug for Quantities {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Quantities")
            .field("quantities", &self.quantities.len())
            .field("files", &self.files)
            .finish()
    }
}

/// The corpus's figures of each quantity of a catalog.
#[derive(Debug)]
pub struct CorpusQuantities {
    pub figures: Arc<CorpusFigures>,
    /// Per quantity, in catalog order: its figures in the corpus, in
    /// corpus order.
    pub statements: Vec<Vec<FigRef>>,
    /// Each corpus figure's quantity.
    of_figure: HashMap<FigRef, usize>,
}

impl CorpusQuantities {
    /// The quantity a corpus figure is a figure of.
    pub fn quantity_of(&self, r: FigRef) -> Option<usize> {
        self.of_figure.get(&r).copied()
    }
}

impl Quantities {
    pub fn new(
        quantities: Vec<Quantity>,
        subject: Option<Subject>,
        files: Vec<String>,
    ) -> Quantities {
        Quantities {
            quantities,
            subject,
            files,
            corpus_cache: Mutex::new(None),
            keyed_fingerprint: OnceLock::new(),
        }
    }

    /// The built-in catalog (parsed once).
    pub fn builtin() -> Arc<Quantities> {
        static BUILT_IN: OnceLock<Arc<Quantities>> = OnceLock::new();
        BUILT_IN
            .get_or_init(|| {
                let c = parse_file(BUILTIN, Path::new(BUILTIN_PATH))
                    .expect("the built-in quantity catalog is valid (a test checks)");
                Arc::new(Quantities::new(
                    c.quantities,
                    c.subject,
                    vec![BUILTIN_PATH.to_string()],
                ))
            })
            .clone()
    }

    /// The built-in catalog extended by `rules_dir/quantities.toml`, if
    /// there is one.
    pub fn load(rules_dir: &Path) -> Result<Arc<Quantities>> {
        let Some((text, path)) =
            crate::catalog::user_file(rules_dir, CATALOG_FILE, BUILTIN, "quantity catalog")?
        else {
            return Ok(Quantities::builtin());
        };
        let user = parse_file(&text, &path)?;
        let builtin = Quantities::builtin();
        let subject = user.subject.or_else(|| builtin.subject.clone());
        let quantities =
            crate::catalog::merge_by_id(builtin.quantities.clone(), user.quantities, |q| &q.id);
        let files = crate::catalog::files(BUILTIN_PATH, &path);
        Ok(Arc::new(Quantities::new(quantities, subject, files)))
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.quantities.iter().position(|q| q.id == id)
    }

    /// The quantity figure `f` is a figure of: the first that it fits.
    pub fn of(&self, f: &Figure) -> Option<usize> {
        let rules = FigureRules::built_in();
        self.quantities.iter().position(|q| q.fits(f, rules))
    }

    /// The corpus's figures of each quantity, found once for a corpus.
    pub fn corpus(&self, corpus: &Corpus) -> Arc<CorpusQuantities> {
        let mut cache = self
            .corpus_cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((generation, found)) = cache.as_ref()
            && *generation == corpus.generation()
        {
            return found.clone();
        }
        let figures = CorpusFigures::of(corpus);
        let mut statements = vec![Vec::new(); self.quantities.len()];
        let mut of_figure = HashMap::new();
        for source in corpus.ids() {
            for (n, f) in figures.in_source(source).iter().enumerate() {
                if let Some(q) = self.of(f) {
                    let r = FigRef {
                        source,
                        n: n as u32,
                    };
                    statements[q].push(r);
                    of_figure.insert(r, q);
                }
            }
        }
        let found = Arc::new(CorpusQuantities {
            figures,
            statements,
            of_figure,
        });
        *cache = Some((corpus.generation(), found.clone()));
        found
    }
}

impl Quantities {
    /// What the keyed file of figures depends on: the figures'
    /// fingerprint and this catalog (which files them by quantity).
    pub fn keyed_fingerprint(&self) -> u64 {
        *self.keyed_fingerprint.get_or_init(|| {
            let text = format!("{:016x}{:?}", super::index::fingerprint(), self.quantities);
            xxhash_rust::xxh3::xxh3_64(text.as_bytes())
        })
    }

    /// The corpus's figures filed by what a check compares on: a figure of
    /// a catalog quantity under that quantity, any other under its counted
    /// noun (outside the catalog, a figure is compared only with figures of
    /// no catalog quantity: see `checks::figure`). Built from every
    /// source's figures, once per state of the corpus.
    fn file(&self, corpus: &Corpus) -> BTreeMap<String, Vec<Filed>> {
        let mut groups: BTreeMap<String, Vec<Filed>> = BTreeMap::new();
        // A chunk of sources at a time (read in parallel): the corpus's
        // figures, scenes and all, are not held at once.
        let ids: Vec<SourceIdx> = corpus.ids().collect();
        for chunk in ids.chunks(256) {
            let read = crate::parallel::map(chunk.len(), 1, |i| {
                let figures: Vec<Figure> = corpus.source_facts(
                    "figures",
                    super::index::fingerprint(),
                    chunk[i],
                    &|text, _| super::index::of_source(text),
                );
                figures
            });
            for (&source, figures) in chunk.iter().zip(read) {
                self.file_source(source, figures, &mut groups);
            }
        }
        groups
    }

    /// Files the figures of `source` (see [`Quantities::file`]).
    fn file_source(
        &self,
        source: SourceIdx,
        figures: Vec<Figure>,
        groups: &mut BTreeMap<String, Vec<Filed>>,
    ) {
        for (n, mut figure) in figures.into_iter().enumerate() {
            let quantity = self.of(&figure);
            let key = match quantity {
                Some(q) => quantity_key(&self.quantities[q].id),
                None => match noun_key(&figure) {
                    Some(key) => key,
                    None => continue,
                },
            };
            // Its scene served to find its quantity, just done.
            figure.scene = Vec::new();
            groups.entry(key).or_default().push(Filed {
                source: source.0,
                n: n as u32,
                quantity: quantity.map(|q| q as u32),
                figure,
            });
        }
    }

    /// The corpus's figures that the draft's `figures` can meet, and every
    /// figure of the `whole` sources (those the draft credits): read from
    /// the keyed facts file by quantity and by counted noun, so a check
    /// does not decode every source's figures. A corpus held in memory (or
    /// a keyed file found damaged) gives [`Quantities::corpus`] instead.
    pub fn corpus_for(
        &self,
        corpus: &Corpus,
        figures: &[Figure],
        whole: &[SourceIdx],
    ) -> Arc<CorpusQuantities> {
        let fingerprint = self.keyed_fingerprint();
        let Some(keyed) = corpus.keyed_facts("figures", fingerprint, |c| self.file(c)) else {
            return self.corpus(corpus);
        };
        let mut keys: Vec<String> = Vec::new();
        for f in figures {
            if let Some(q) = self.of(f) {
                keys.push(quantity_key(&self.quantities[q].id));
            }
            keys.extend(noun_key(f));
        }
        keys.sort();
        keys.dedup();
        let mut filed: Vec<Filed> = Vec::new();
        for key in &keys {
            match keyed.get::<Filed>(key) {
                Ok(items) => filed.extend(items),
                Err(_) => {
                    corpus.discard_keyed("figures", fingerprint);
                    return self.corpus(corpus);
                }
            }
        }
        let mut statements = vec![Vec::new(); self.quantities.len()];
        let mut of_figure = HashMap::new();
        for f in &filed {
            if let Some(q) = f
                .quantity
                .map(|q| q as usize)
                .filter(|q| *q < statements.len())
            {
                statements[q].push(f.fig_ref());
                of_figure.insert(f.fig_ref(), q);
            }
        }
        let mut whole: Vec<SourceIdx> = whole.to_vec();
        whole.sort();
        whole.dedup();
        let read: Vec<(SourceIdx, Vec<Figure>)> = whole
            .iter()
            .map(|&s| {
                let figures: Vec<Figure> =
                    corpus.source_facts("figures", super::index::fingerprint(), s, &|text, _| {
                        super::index::of_source(text)
                    });
                (s, figures)
            })
            .collect();
        // A figure of a source read whole has its quantity too.
        for (s, figures) in &read {
            for (n, f) in figures.iter().enumerate() {
                if let Some(q) = self.of(f) {
                    let r = FigRef {
                        source: *s,
                        n: n as u32,
                    };
                    if of_figure.insert(r, q).is_none() {
                        statements[q].push(r);
                    }
                }
            }
        }
        for refs in &mut statements {
            refs.sort_unstable();
            refs.dedup();
        }
        let figures = Arc::new(CorpusFigures::sparse(
            read,
            filed.into_iter().map(|f| (f.fig_ref(), f.figure)),
        ));
        Arc::new(CorpusQuantities {
            figures,
            statements,
            of_figure,
        })
    }
}

/// Whether draft figure `a` and corpus figure `b`, neither of which need be
/// in the catalog, are the same quantity by everything they say: the same
/// unit, the same counted noun (one that says what is counted, not
/// "people"), the same measures, a year in common and the same place.
pub fn same_outside_catalog(a: &Figure, b: &Figure, rules: &FigureRules) -> bool {
    let noun = |f: &Figure| noun_of(f, rules).filter(|_| !f.generic);
    let (Some(na), Some(nb)) = (noun(a), noun(b)) else {
        return false;
    };
    let mut ma = a.measures.clone();
    let mut mb = b.measures.clone();
    ma.sort();
    mb.sort();
    a.unit == b.unit
        && !a.hypothetical
        && !b.hypothetical
        && na == nb
        && !ma.is_empty()
        && ma == mb
        && a.years.iter().any(|y| b.years.contains(y))
        && !a.places.is_empty()
        && a.places == b.places
}

/// One source's reading of a quantity: its figures for it, read together
/// when they agree (flakin-2019's "3,000" and "thousands" are 3,000).
#[derive(Clone, Debug)]
pub struct Reading {
    pub source: SourceIdx,
    pub figures: Vec<FigRef>,
    /// The values all its figures allow.
    pub interval: Interval,
}

/// The readings of `statements` (figures of one quantity), one per source,
/// in source order; a source whose figures disagree with each other gives a
/// reading per figure.
pub fn readings(statements: &[FigRef], figs: &CorpusFigures) -> Vec<Reading> {
    let mut out: Vec<Reading> = Vec::new();
    let mut by_source: Vec<(SourceIdx, Vec<FigRef>)> = Vec::new();
    for r in statements {
        match by_source.iter_mut().find(|(s, _)| *s == r.source) {
            Some((_, v)) => v.push(*r),
            None => by_source.push((r.source, vec![*r])),
        }
    }
    by_source.sort_by_key(|(s, _)| *s);
    for (source, refs) in by_source {
        let mut together: Option<Interval> = Some(compare::interval(figs.figure(refs[0])));
        for r in &refs[1..] {
            together = together.and_then(|i| i.intersect(&compare::interval(figs.figure(*r))));
        }
        match together {
            Some(interval) => out.push(Reading {
                source,
                figures: refs,
                interval,
            }),
            None => out.extend(refs.iter().map(|r| Reading {
                source,
                figures: vec![*r],
                interval: compare::interval(figs.figure(*r)),
            })),
        }
    }
    out
}

/// What the corpus's readings of a quantity say of a draft's figure.
#[derive(Clone, Debug, PartialEq)]
pub enum Judgement {
    /// Every reading allows it.
    Agrees,
    /// It contradicts these readings (indexes), which no source disputes,
    /// or every reading.
    Conflict { against: Vec<usize> },
    /// The corpus disputes the quantity, and the figure sides with the
    /// readings `with` against the readings `against`.
    Disputed {
        with: Vec<usize>,
        against: Vec<usize>,
    },
}

/// Judges the values `interval` (a draft figure's) against the corpus's
/// readings of its quantity.
pub fn judge(interval: &Interval, readings: &[Reading]) -> Judgement {
    let (with, against): (Vec<usize>, Vec<usize>) =
        (0..readings.len()).partition(|&i| readings[i].interval.overlaps(interval));
    if against.is_empty() {
        return Judgement::Agrees;
    }
    if with.is_empty() {
        return Judgement::Conflict { against };
    }
    // A reading every other source allows is the corpus's, undisputed.
    let undisputed: Vec<usize> = against
        .iter()
        .copied()
        .filter(|&i| {
            readings
                .iter()
                .enumerate()
                .all(|(j, r)| j == i || r.interval.overlaps(&readings[i].interval))
        })
        .collect();
    if !undisputed.is_empty() {
        return Judgement::Conflict {
            against: undisputed,
        };
    }
    Judgement::Disputed { with, against }
}

/// The distinct sources of some readings, in order.
pub fn sources_of(readings: &[Reading], which: &[usize]) -> Vec<SourceIdx> {
    let mut out: Vec<SourceIdx> = which.iter().map(|&i| readings[i].source).collect();
    out.sort();
    out.dedup();
    out
}

// ---- reading the TOML ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    subject: Option<toml::Spanned<SubjectFile>>,
    #[serde(default)]
    quantity: Vec<toml::Spanned<QuantityFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectFile {
    place: String,
    years: [u32; 2],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuantityFile {
    id: toml::Spanned<String>,
    label: String,
    unit: toml::Spanned<String>,
    #[serde(default)]
    measure: Option<toml::Spanned<String>>,
    #[serde(default)]
    with: Vec<toml::Spanned<String>>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    counts: Vec<String>,
    place: toml::Spanned<String>,
    years: toml::Spanned<[u32; 2]>,
    #[serde(default)]
    cues: Vec<toml::Spanned<String>>,
    #[serde(default)]
    year_cues: bool,
    #[serde(default)]
    needs: Vec<toml::Spanned<String>>,
    #[serde(default)]
    not_near: Vec<toml::Spanned<String>>,
    #[serde(default)]
    whose: Vec<toml::Spanned<String>>,
    /// Free text for the catalog's maintainers (what the corpus says).
    #[serde(default)]
    #[allow(dead_code)]
    notes: Option<String>,
}

/// What the corpus is about: a place and years.
#[derive(Clone, Debug, PartialEq)]
pub struct Subject {
    pub place: String,
    pub years: (u32, u32),
}

impl Subject {
    /// Whether a figure is about the corpus's subject: placed there, naming
    /// no year outside its years, and with the place or an event of a
    /// quantity there named in its sentence or the one before (a document
    /// about Chile has figures about other things too).
    pub fn covers(&self, f: &Figure, catalog: &Quantities) -> bool {
        let rules = FigureRules::built_in();
        let in_years = f
            .years
            .iter()
            .all(|y| (self.years.0..=self.years.1).contains(y));
        let named = rules
            .places
            .iter()
            .filter(|p| p.id == self.place)
            .flat_map(|p| &p.words)
            .any(|w| {
                let n = w.words.len();
                n > 0
                    && f.scene.windows(n).any(|s| {
                        s.iter()
                            .zip(&w.words)
                            .all(|(word, pw)| super::rules::place_key(word, w.exact) == *pw)
                    })
            });
        let cued = || {
            catalog
                .quantities
                .iter()
                .filter(|q| q.place == self.place)
                .any(|q| q.cues.iter().any(|c| c.occurs_in(&f.scene)))
        };
        f.places == [self.place.clone()] && in_years && (named || cued())
    }
}

/// One catalog file: its subject, if it says, and its quantities.
pub struct CatalogText {
    pub subject: Option<Subject>,
    pub quantities: Vec<Quantity>,
}

/// Parses one catalog file. Every error points into the file.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Quantity>> {
    parse_file(text, path).map(|c| c.quantities)
}

/// Parses one catalog file, subject included. Every error points into the
/// file.
pub fn parse_file(text: &str, path: &Path) -> Result<CatalogText> {
    let shared: Arc<str> = Arc::from(text);
    let help = "`provlint explain quantities` describes the catalog's format";
    let at = |span: std::ops::Range<usize>, msg: String, label: &str| {
        Error::new("quantities::invalid", msg)
            .with_path(path)
            .with_span(shared.clone(), Span::from(span), label)
            .with_help(help)
    };
    let file: CatalogFile = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let msg = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid catalog")
            .to_string();
        at(span, format!("invalid quantity catalog: {msg}"), &msg)
    })?;
    let rules = FigureRules::built_in();
    let origin = crate::paths::display_path(path);
    let subject = match file.subject {
        None => None,
        Some(s) => {
            let span = s.span();
            let s = s.into_inner();
            if !rules.has_place(&s.place) {
                return Err(at(
                    span,
                    format!("subject: no place `{}` in rules/figures.toml", s.place),
                    "not a place",
                ));
            }
            Some(Subject {
                place: s.place,
                years: (s.years[0], s.years[1]),
            })
        }
    };
    let mut out: Vec<Quantity> = Vec::new();
    for entry in file.quantity {
        let span = entry.span();
        let q = entry.into_inner();
        let id = q.id.get_ref().trim().to_string();
        if id.is_empty()
            || !id.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
            })
        {
            return Err(at(
                q.id.span(),
                format!("quantity id `{id}` must be lower-case letters, digits, `-`, `_` or `.`"),
                "not a valid id",
            ));
        }
        if out.iter().any(|o| o.id == id) {
            return Err(at(
                q.id.span(),
                format!("quantity `{id}` is defined twice in this file"),
                "defined again here",
            ));
        }
        if q.label.trim().is_empty() {
            return Err(at(
                span,
                format!("quantity `{id}` has an empty label"),
                "say what it counts",
            ));
        }
        let unit = Unit::from_key(q.unit.get_ref()).ok_or_else(|| {
            at(
                q.unit.span(),
                format!(
                    "quantity `{id}`: unit `{}` is not \"count\", \"percent\", \"money:CODE\" or \"area:UNIT\"",
                    q.unit.get_ref()
                ),
                "not a unit",
            )
        })?;
        let measure_id = |m: &toml::Spanned<String>| {
            if rules.has_measure(m.get_ref()) {
                Ok(m.get_ref().clone())
            } else {
                Err(at(
                    m.span(),
                    format!(
                        "quantity `{id}`: no measure `{}` in rules/figures.toml",
                        m.get_ref()
                    ),
                    "not a measure",
                ))
            }
        };
        let measure = q.measure.as_ref().map(measure_id).transpose()?;
        let with = q.with.iter().map(measure_id).collect::<Result<Vec<_>>>()?;
        if !rules.has_place(q.place.get_ref()) {
            return Err(at(
                q.place.span(),
                format!(
                    "quantity `{id}`: no place `{}` in rules/figures.toml",
                    q.place.get_ref()
                ),
                "not a place",
            ));
        }
        let years = *q.years.get_ref();
        if years[0] > years[1] {
            return Err(at(
                q.years.span(),
                format!("quantity `{id}`: the years run backwards"),
                "first year, then last",
            ));
        }
        if measure.is_none() && q.nouns.is_empty() && q.counts.is_empty() {
            return Err(at(
                span,
                format!("quantity `{id}` needs a `measure`, `nouns` or `counts`"),
                "say what it counts",
            ));
        }
        let cues = |list: &[toml::Spanned<String>], field: &str| {
            list.iter()
                .map(|c| {
                    Cue::parse(c.get_ref()).map_err(|m| {
                        at(
                            c.span(),
                            format!("quantity `{id}`: {field} `{}`: {m}", c.get_ref()),
                            "this phrase",
                        )
                    })
                })
                .collect::<Result<Vec<_>>>()
        };
        let last_stem = |w: &String| w.split_whitespace().last().map(stem).unwrap_or_default();
        out.push(Quantity {
            id: id.clone(),
            label: q.label.trim().to_string(),
            unit,
            measure,
            with,
            nouns: q.nouns.iter().map(last_stem).collect(),
            counts: q.counts.iter().map(|w| stem(w)).collect(),
            place: q.place.get_ref().clone(),
            years: (years[0], years[1]),
            cues: cues(&q.cues, "cue")?,
            year_cues: q.year_cues,
            needs: cues(&q.needs, "needs")?,
            not_near: cues(&q.not_near, "not_near")?,
            whose: cues(&q.whose, "whose")?,
            origin: origin.clone(),
        });
    }
    Ok(CatalogText {
        subject,
        quantities: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::extract;

    fn fig(text: &str) -> Figure {
        let rules = FigureRules::built_in();
        let s = crate::text::sentences::split(text, Span::new(0, text.len()));
        extract(text, &s, rules, 0.0)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no figure in {text}"))
    }

    fn quantity(text: &str) -> Option<String> {
        let q = Quantities::builtin();
        q.of(&fig(text)).map(|i| q.quantities[i].id.clone())
    }

    #[test]
    fn the_built_in_catalog_parses() {
        let q = Quantities::builtin();
        assert!(q.find("killed-dictatorship").is_some());
        assert!(q.find("vote-1970").is_some());
    }

    #[test]
    fn cues_match_words_case_aside_but_capitals_exactly() {
        let words = |t: &str| t.split_whitespace().map(String::from).collect::<Vec<_>>();
        let up = Cue::parse("UP").unwrap();
        assert!(up.occurs_in(&words("the UP won")));
        assert!(!up.occurs_in(&words("rounded up thousands")));
        let coup = Cue::parse("attempted coup").unwrap();
        assert!(coup.occurs_in(&words("Souper's Attempted coup failed")));
        assert!(
            Cue::parse("cordon*")
                .unwrap()
                .occurs_in(&words("the cordones industriales"))
        );
        assert!(
            Cue::parse("Allende")
                .unwrap()
                .occurs_in(&words("Allende's victory"))
        );
    }

    #[test]
    fn figures_of_the_corpus_quantities() {
        for (text, id) in [
            (
                "In the following months and years, the new military dictatorship under general Augusto Pinochet massacred 3,000 leftists, and forced tens of thousands into exile.",
                Some("killed-dictatorship"),
            ),
            (
                "Chilean general who overthrew Salvador Allende in a 1973 coup and ruled for 17 years while over 3,000 people were killed or disappeared.",
                Some("killed-dictatorship"),
            ),
            (
                "Allende won the election with 36.3% of the popular vote.",
                Some("vote-1970"),
            ),
            (
                "Allende was elected in September-October 1970, in a presidential election, but only with a relative majority of about 37%.",
                Some("vote-1970"),
            ),
            (
                "On the same day, the military rounded up tens of thousands of workers and youth, herding them into concentration camps.",
                Some("detained-coup"),
            ),
            // Another place.
            (
                "After the coup in Angola, over 300,000 Angolans were killed.",
                None,
            ),
            ("The junta killed 7000 Soviet soldiers.", None),
            // Another thing counted.
            (
                "After the coup, the army lost 649 soldiers killed in action in Chile.",
                None,
            ),
            // Another measure: a poll is not a vote.
            ("Allende's approval stood at 84% in a poll.", None),
            // Another election.
            (
                "During the 1971 mayoral elections, UP candidates took over 51% of the vote.",
                Some("vote-municipal-1971"),
            ),
            // A goal, not a fact.
            ("Allende's opponents hoped to win 66% of the vote.", None),
            // Several measures at once.
            (
                "After the coup, thousands more were imprisoned, tortured and exiled.",
                None,
            ),
            // Over the years, not the coup's day.
            (
                "Pinochet over the next 20 years will forcibly intern over 80,000.",
                None,
            ),
            // One event of the dictatorship, not all of it.
            ("The failed coup of June 1973 left 22 people dead.", None),
            (
                "After the coup, the Caravan of Death executed at least 97 people.",
                None,
            ),
        ] {
            assert_eq!(quantity(text).as_deref(), id, "{text}");
        }
        // Another election's share, in the same sentence.
        let text = "Allende won 36.6% of the vote in 1970, while in 1964 he had won 38.9%.";
        let rules = FigureRules::built_in();
        let s = crate::text::sentences::split(text, Span::new(0, text.len()));
        let figures = extract(text, &s, rules, 0.0);
        let q = Quantities::builtin();
        assert_eq!(q.of(&figures[0]), q.find("vote-1970"));
        assert_eq!(figures[1].years, [1964]);
        assert_eq!(q.of(&figures[1]), None);
        // Another candidate's share.
        let text =
            "In 1970 Allende won 36.6% of the vote, while Alessandri received 35.3% of the vote.";
        let rules = FigureRules::built_in();
        let s = crate::text::sentences::split(text, Span::new(0, text.len()));
        let figures = extract(text, &s, rules, 0.0);
        let q = Quantities::builtin();
        assert_eq!(q.of(&figures[0]), q.find("vote-1970"));
        assert_eq!(q.of(&figures[1]), None);
        for text in [
            "Allende won 36.6% of the vote in 1970, narrowly ahead of Alessandri's 35.3% of the vote.",
            "In 1970 Allende won 36.6%. His nearest rival, Jorge Alessandri, received 35.3% of the vote.",
        ] {
            let s = crate::text::sentences::split(text, Span::new(0, text.len()));
            let figures = extract(text, &s, rules, 0.0);
            assert_eq!(q.of(&figures[1]), None, "{text}");
        }
    }

    #[test]
    fn judgements() {
        let i = |f: &str| compare::interval(&fig(f));
        let reading = |f: &str, s: usize| Reading {
            source: SourceIdx(s as u32),
            figures: Vec::new(),
            interval: i(f),
        };
        let vote = [
            reading("36.3% of the vote", 0),
            reading("about 37% of the vote", 1),
        ];
        assert_eq!(judge(&i("36.3% of the vote"), &vote), Judgement::Agrees);
        assert_eq!(judge(&i("about 37% of the vote"), &vote), Judgement::Agrees);
        assert_eq!(
            judge(&i("36.6% of the vote"), &vote),
            Judgement::Conflict { against: vec![0] }
        );
        let killed = [
            reading("3,000 leftists", 0),
            reading("thousands of leftists", 1),
            reading("probably tens of thousands of dead", 2),
        ];
        // "Thousands" understates 30,000; "3,000" contradicts it.
        assert_eq!(
            judge(&i("30,000 leftists"), &killed),
            Judgement::Disputed {
                with: vec![1, 2],
                against: vec![0]
            }
        );
        assert_eq!(
            judge(&i("at least 3,100 leftists"), &killed),
            Judgement::Disputed {
                with: vec![0, 1],
                against: vec![2]
            }
        );
        assert_eq!(
            judge(&i("300,000 leftists"), &killed),
            Judgement::Conflict {
                against: vec![0, 1, 2]
            }
        );
        let exiled = [reading("tens of thousands of exiles", 0)];
        assert!(matches!(
            judge(&i("200,000 exiles"), &exiled),
            Judgement::Conflict { .. }
        ));
        assert_eq!(judge(&i("30,000 exiles"), &exiled), Judgement::Agrees);
    }
}
