//! The event catalog: the events the corpus gives dates for, and the phrases
//! that name them.
//!
//! The catalog is data (`rules/events.toml`, compiled in). A user's
//! `events.toml` in the config's `rules_dir` extends it: an event with a new
//! id is added, and an event with the id of a built-in one replaces it
//! whole (label and patterns), so a user can narrow a pattern that misfires
//! in their drafts. `provlint explain events` documents the format.
//!
//! Phrases are matched on words, the way the quotation check sees them:
//! case, apostrophes, dashes, accents and line breaks do not matter
//! (`Enríquez` is `Enriquez`, `drivers’` is `drivers'`).

pub mod audit;
pub mod claims;
pub mod corpus;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::span::Span;
use crate::text::normalize;
use crate::text::tokenize;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use toml::Spanned;

pub use claims::{Analysis, Binding, Claim};
pub use corpus::{ClaimRef, CorpusDates, Dispute, Reading, Readings};

/// `provlint explain events`.
pub const TOPIC: &str = r#"# The event catalog

provlint checks a draft's dates against the corpus event by event. The
catalog says which events the corpus dates and which phrases name them. The
built-in catalog is `rules/events.toml`; `provlint corpus audit --all`
shows every dated claim it finds in the corpus.

```toml
[[event]]
id = "coup-1973"
label = "the military coup in Chile"
kind = "coup"                                       # others of its kind elsewhere are rivals
places = ["Chile", "Chilean", "Santiago"]           # where it happened
qualifiers = ["Allende", "Pinochet", "La Moneda"]   # what says it is this coup
patterns = ["Pinochet's coup", "overthrow of Allende"]   # its names
descriptions = ["coup", "military coup", "coup in Chile"] # phrases for any coup

[[event]]
id = "tanquetazo-1973"
label = "the Tanquetazo, the attempted coup of June 1973"
patterns = [
  "Tanquetazo",
  "failed * coup",                                  # `*`: any one word
  "nationali* the copper industry",                 # `word*`: any word starting so
  { phrase = "attempted coup", near = ["June"] },   # only with `June` in the clause
]
notes = "where the corpus dates it (optional, for maintainers)"

[[event]]
id = "municipal-elections-1971"
label = "the municipal elections of 1971"
descriptions = ["municipal elections"]
recurring = true   # another year's elections are other elections
extended = false   # true for events that last (a strike): compare years only
rivals = ["places", "offices", "people"]   # default ["places"]

# Words that say a description is about something else.
[context]
places = ["Argentina", "Syria"]
offices = ["senator", "deputy"]
people = ["Bachelet"]
```

Phrases are matched on words: case, apostrophes, a possessive `'s`, dashes,
accents and line breaks do not matter. Where two phrases overlap, the longer
one wins (`attempted coup` over `coup`). A `near` phrase must be in the same
clause; in a list item or a table row, the document's title counts (a
profile's lines are about its subject). `not_after` words, right before the
phrase, make it something else (`the democratically elected President
Allende` is not his election).

## Names and descriptions

A pattern names the event. A description names an event of its kind (`the
coup`, `was elected`), and dates this one only when its clause says so:

- one of the event's qualifiers or places is in the clause (`the coup in
  Chile`, `Allende was elected president`), and no rival stands as near on
  the same side: a place, office or person of the `[context]` groups the
  event lists as `rivals` that is not its own (`the military coup in Syria`,
  `Allende was elected senator`, `Bachelet was elected president`), or
  another event of its kind in another place;
- or nothing in the clause says which, and the document is about the event:
  it names the event, its qualifiers or places, and is not about many
  events of its kind (a list of coups in many countries, a career with many
  offices: where descriptions of it are about something else in at least
  two sentences, and in as many as name the event).

A date that a description alone ties to an event of a `kind` (a coup, an
election) may be another occurrence: it is compared with the sources only
when it shares their year or their day and month.

## Which event a date is about

Within a clause, a date goes to the event whose phrase contains it or
stands right next to it (`the failed June coup`, `the coup of 11 September
1973`, `the 1973 coup`, `a blow in July in Uruguay`); otherwise to the
nearest event named in its clause, when the date says when something
happened (`in June 1973`, `on 11 September`), nothing stands between them
(another event, a rival, another date), no other date is nearer the event,
and no other event is about as near. A date after `of` and a noun dates the
noun (`the Hungarian workers' revolt of 1956`); a subordinate clause at the
start of a sentence ends at its comma; a pair of dashes is a parenthesis.
An event that is only a point of reference is not dated by nearness (`a few
months before the coup`, `after the lorry drivers' strike`, `the 50th
anniversary of the coup`), nor are dates that bound a period (`until August
1973`, `between June 1973 and`), alternatives (`in June or September`) or
dates among the fixed words of a name (`the October Revolution` takes no
year from its sentence).

A line of a timeline (`29 June 1973: the Tanquetazo`, `1949 - Syria - ...`,
a table row `| 1973 | Military coup against Allende |`, a list line
`- Elected President: November 1970`) dates the one event it names, and
nothing when it names several. An event introduced by `the same day` after
a date takes that date's day and month only. `provlint extract` shows the
claims found in a draft, with the words that attached each.

Two flags tell provlint what kind of event it is:

- `recurring = true` (elections): a draft's date in a year that no source
  gives for the event is about another occurrence (`the 1969 congressional
  elections`), not a conflict.
- `extended = true` (a strike, negotiations): the event lasts, and the
  sources give dates inside it (`the El Teniente miners in June`), so dates
  are compared by their years only (`the strike began in April 1973` is
  fine; `the lorry owners' strike of October 1973` against October 1972 is
  not).

## Your own events

Put an `events.toml` in the config's `rules_dir` (default `rules/`, next to
`provlint.toml`). An event with a new id is added to the built-in ones; an
event with the id of a built-in one replaces it whole, label and patterns,
which is how to narrow a pattern that misfires in your drafts. Its
`[context]` adds words to the built-in groups. A malformed catalog is an
error that points at the line (exit code 2).
"#;

/// The built-in catalog.
pub const BUILTIN: &str = include_str!("../../rules/events.toml");
/// Its name in reports.
pub const BUILTIN_PATH: &str = "rules/events.toml";
/// The file name of a user's catalog in `rules_dir`.
pub const CATALOG_FILE: &str = "events.toml";

/// One word of a phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PWord {
    /// This word (its folded key).
    Word(String),
    /// Any word starting with this (`nationali*`).
    Prefix(String),
    /// Any one word (`*`).
    Any,
}

impl PWord {
    fn matches(&self, key: &str) -> bool {
        match self {
            PWord::Word(w) => w == key,
            PWord::Prefix(p) => key.starts_with(p.as_str()),
            PWord::Any => true,
        }
    }
}

/// A phrase: words in a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub words: Vec<PWord>,
}

impl Phrase {
    /// Parses a phrase as written in the catalog: words separated by spaces,
    /// `*` for any one word, `word*` for any word starting so. Punctuation
    /// other than apostrophes inside words is ignored.
    pub fn parse(text: &str) -> std::result::Result<Phrase, String> {
        let mut words = Vec::new();
        for piece in text.split_whitespace() {
            if piece == "*" {
                words.push(PWord::Any);
                continue;
            }
            if let Some(stem) = piece.strip_suffix('*') {
                let keys = word_keys(stem);
                match keys.as_slice() {
                    [] => return Err(format!("`{piece}` has no letters before the `*`")),
                    [rest @ .., last] => {
                        words.extend(rest.iter().cloned().map(PWord::Word));
                        words.push(PWord::Prefix(last.clone()));
                    }
                }
                continue;
            }
            words.extend(word_keys(piece).into_iter().map(PWord::Word));
        }
        match (words.first(), words.last()) {
            (None, _) => Err("the phrase has no words".to_string()),
            (Some(PWord::Any), _) | (_, Some(PWord::Any)) => {
                Err("a phrase cannot begin or end with `*` (any word)".to_string())
            }
            _ => Ok(Phrase { words }),
        }
    }

    /// Whether the phrase matches `words` starting at `at`.
    fn matches_at(&self, words: &[Word], at: usize) -> bool {
        at + self.words.len() <= words.len()
            && self
                .words
                .iter()
                .zip(&words[at..])
                .all(|(p, w)| p.matches(&w.key))
    }

    /// Whether the phrase occurs anywhere in `words`.
    fn occurs_in(&self, words: &[Word]) -> bool {
        (0..words.len()).any(|i| self.matches_at(words, i))
    }
}

/// The words of `text` as keys: the tokenizer's word keys with accents
/// dropped.
fn word_keys(text: &str) -> Vec<String> {
    tokenize::tokenize(text)
        .iter()
        .filter(|t| t.is_word())
        .map(|t| fold(&t.key(text)))
        .collect()
}

/// A word key without accents and without a possessive `'s`: `enríquez`
/// is `enriquez`, and `Allende's` matches `Allende`.
pub fn fold(key: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let key = key
        .strip_suffix("'s")
        .filter(|k| !k.is_empty())
        .unwrap_or(key);
    key.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// A word of a text being matched: its folded key and prose span.
#[derive(Clone, Debug)]
pub struct Word {
    pub key: String,
    pub span: Span,
}

/// The words of a stretch of prose, from its tokens.
pub fn words_of(prose: &str, tokens: &[tokenize::Token]) -> Vec<Word> {
    tokens
        .iter()
        .filter(|t| t.is_word())
        .map(|t| Word {
            key: fold(&normalize::key_of_surface(&t.surface(prose))),
            span: t.span,
        })
        .collect()
}

/// A pattern: a phrase, and phrases of which one must occur in the same
/// sentence (`attempted coup` near `June`).
#[derive(Clone, Debug)]
pub struct Pattern {
    /// As written in the catalog.
    pub text: String,
    pub phrase: Phrase,
    pub near: Vec<Phrase>,
    /// Words that, right before the phrase, make it something else: `the
    /// democratically elected President Allende` is an epithet, not his
    /// election.
    pub not_after: Vec<String>,
    /// A description (`coup`, `was elected`): it names an event of the
    /// kind, not this one, and dates this one only where its clause or the
    /// document says which (see [`Support`]).
    pub generic: bool,
}

/// An event the corpus dates.
#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    /// What to call it in reports (`the Tanquetazo, the attempted coup of
    /// June 1973`).
    pub label: String,
    pub patterns: Vec<Pattern>,
    /// It happens again and again (elections): a draft's date in a year no
    /// source gives for it is another occurrence, not a conflict.
    pub recurring: bool,
    /// It lasts weeks or months (a strike): the sources give dates inside
    /// it, so dates are compared by their years only.
    pub extended: bool,
    /// Words that say which event of its kind a description is about
    /// (`Pinochet`, `presidential`): with one in its clause, `the coup` is
    /// this event and no other.
    pub qualifiers: Vec<Phrase>,
    /// Where it happened (`Chile`): with one in its clause, `the coup` is a
    /// coup there, which may still be another year's.
    pub places: Vec<Phrase>,
    /// What kind of event it is (`coup`, `election`), if others of its kind
    /// are in the catalog: a document that names many events of a kind is
    /// about none of them in particular.
    pub kind: Option<String>,
    /// The groups of the catalog's `[context]` whose words, in a
    /// description's clause, say it is about something else (`places`,
    /// `offices`, `people`).
    pub rivals: Vec<String>,
    /// The catalog file that defines it.
    pub origin: String,
}

impl Event {
    /// Whether `phrase` is one of its own qualifiers or places.
    fn owns(&self, phrase: &Phrase) -> bool {
        self.qualifiers.contains(phrase) || self.places.contains(phrase)
    }
}

/// A phrase of the catalog found in a sentence.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// Index of the event in the catalog.
    pub event: usize,
    pub pattern: usize,
    /// Words `start..end` of the sentence's word list.
    pub words: (usize, usize),
    /// Prose span.
    pub span: Span,
    /// Whether it names the event, and what says so.
    pub support: Support,
    /// Only a point of reference in its sentence (`a few months before the
    /// coup`, `the anniversary of the coup`): not what the sentence dates.
    pub reference: bool,
}

impl Mention {
    /// Whether it can date its event.
    pub fn usable(&self) -> bool {
        !matches!(self.support, Support::Blocked { .. })
    }

    /// Whether it names its event and no other occurrence of its kind: a
    /// name of the catalog, or a description with one of the event's
    /// qualifiers in its clause. A description that only the place or the
    /// document ties to the event may be about another year's (`the 1924
    /// coup in Chile`).
    pub fn identifies(&self) -> bool {
        matches!(
            self.support,
            Support::Named
                | Support::Qualified {
                    identifying: true,
                    ..
                }
        )
    }
}

/// Why a phrase of the catalog is taken to be about its event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Support {
    /// One of the event's names (`Tanquetazo`, `Pinochet's coup`).
    Named,
    /// A description (`the coup`) with one of the event's qualifiers or
    /// places in its clause (`Pinochet`, `Chile`); `by` is its prose span.
    Qualified { by: Span, identifying: bool },
    /// A description with nothing in its clause to say which event, in a
    /// document that is about this one.
    Document,
    /// A description that is about something else: another place, office
    /// or person stands in its clause (`by`), or the document is about
    /// many events of the kind and the clause does not say which.
    Blocked { by: Option<Span> },
}

/// A word of the catalog's `[context]` or of an event's qualifiers found
/// in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub what: HitKind,
    /// Words `start..end` of the sentence's word list.
    pub words: (usize, usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitKind {
    /// A phrase of a `[context]` group (its index in `Catalog::groups`).
    Group(usize, usize),
    /// A qualifier of an event (event, phrase).
    Qualifier(usize, usize),
    /// A place of an event (event, phrase).
    Place(usize, usize),
}

/// The loaded catalog, with an index of the phrases by their first word.
pub struct Catalog {
    pub events: Vec<Event>,
    /// The `[context]` groups: places, offices, people, each a name and
    /// its phrases.
    pub groups: Vec<(String, Vec<Phrase>)>,
    /// Every phrase of the groups and of the events' qualifiers and places,
    /// by its first word (all are plain words, no `*`).
    context_first: HashMap<String, Vec<HitKind>>,
    /// Files it was read from, built-in first.
    pub files: Vec<String>,
    by_first: HashMap<String, Vec<(usize, usize)>>,
    /// Patterns whose first word is a prefix (`nationali*`).
    prefix_first: Vec<(usize, usize)>,
    /// The claims of the corpora last checked with this catalog (a few:
    /// tests, or a server with several workspaces, check more than one at
    /// once), by [`Corpus::generation`], so a new corpus is never mistaken
    /// for an old one.
    corpus_cache: Mutex<Vec<CorpusCache>>,
    /// See [`Catalog::fingerprint`].
    fingerprint: OnceLock<u64>,
}

/// The corpus (by [`Corpus::generation`]) and its claims.
type CorpusCache = (u64, Arc<CorpusDates>);

/// How many corpora's claims a catalog keeps (see `Catalog::corpus_cache`).
const CORPORA_REMEMBERED: usize = 4;

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("events", &self.events.len())
            .field("files", &self.files)
            .finish()
    }
}

impl Catalog {
    pub fn new(events: Vec<Event>, files: Vec<String>) -> Catalog {
        Catalog::with_context(events, Vec::new(), files)
    }

    pub fn with_context(
        events: Vec<Event>,
        groups: Vec<(String, Vec<Phrase>)>,
        files: Vec<String>,
    ) -> Catalog {
        let mut context_first: HashMap<String, Vec<HitKind>> = HashMap::new();
        let mut index = |phrase: &Phrase, kind: HitKind| {
            if let Some(PWord::Word(w)) = phrase.words.first() {
                context_first.entry(w.clone()).or_default().push(kind);
            }
        };
        for (g, (_, phrases)) in groups.iter().enumerate() {
            for (p, phrase) in phrases.iter().enumerate() {
                index(phrase, HitKind::Group(g, p));
            }
        }
        for (e, event) in events.iter().enumerate() {
            for (p, phrase) in event.qualifiers.iter().enumerate() {
                index(phrase, HitKind::Qualifier(e, p));
            }
            for (p, phrase) in event.places.iter().enumerate() {
                index(phrase, HitKind::Place(e, p));
            }
        }
        let mut by_first: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut prefix_first = Vec::new();
        for (e, event) in events.iter().enumerate() {
            for (p, pattern) in event.patterns.iter().enumerate() {
                match &pattern.phrase.words[0] {
                    PWord::Word(w) => by_first.entry(w.clone()).or_default().push((e, p)),
                    _ => prefix_first.push((e, p)),
                }
            }
        }
        Catalog {
            events,
            groups,
            context_first,
            files,
            by_first,
            prefix_first,
            corpus_cache: Mutex::new(Vec::new()),
            fingerprint: OnceLock::new(),
        }
    }

    /// The built-in catalog (parsed once).
    pub fn builtin() -> Arc<Catalog> {
        static BUILT_IN: OnceLock<Arc<Catalog>> = OnceLock::new();
        BUILT_IN
            .get_or_init(|| {
                let parsed = parse_file(BUILTIN, Path::new(BUILTIN_PATH))
                    .expect("the built-in event catalog is valid");
                Arc::new(Catalog::with_context(
                    parsed.events,
                    parsed.groups,
                    vec![BUILTIN_PATH.to_string()],
                ))
            })
            .clone()
    }

    /// The built-in catalog extended by `rules_dir/events.toml`, if there
    /// is one.
    pub fn load(rules_dir: &Path) -> Result<Arc<Catalog>> {
        let Some((text, path)) =
            crate::catalog::user_file(rules_dir, CATALOG_FILE, BUILTIN, "event catalog")?
        else {
            return Ok(Catalog::builtin());
        };
        let user = parse_file(&text, &path)?;
        let builtin = Catalog::builtin();
        let events = crate::catalog::merge_by_id(builtin.events.clone(), user.events, |e| &e.id);
        // A user's `[context]` adds phrases to the built-in groups.
        let mut groups = builtin.groups.clone();
        for (name, phrases) in user.groups {
            match groups.iter_mut().find(|(n, _)| *n == name) {
                Some((_, mine)) => mine.extend(phrases),
                None => groups.push((name, phrases)),
            }
        }
        let files = crate::catalog::files(BUILTIN_PATH, &path);
        Ok(Arc::new(Catalog::with_context(events, groups, files)))
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.events.iter().position(|e| e.id == id)
    }

    /// The catalog's phrases in one sentence's words, overlaps resolved:
    /// the longer phrase wins (`attempted coup` over `coup`), then the
    /// earlier event in the catalog.
    pub fn mentions(&self, words: &[Word]) -> Vec<Mention> {
        self.mentions_with(words, &[])
    }

    /// [`Catalog::mentions`], where a pattern's `near` phrase may also be
    /// among `implied`: the words of what the sentence is about without
    /// saying it (a profile's subject, in a line of the profile).
    pub fn mentions_with(&self, words: &[Word], implied: &[Word]) -> Vec<Mention> {
        let mut found: Vec<Mention> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let exact = self.by_first.get(&w.key).into_iter().flatten();
            for &(e, p) in exact.chain(self.prefix_first.iter()) {
                let pattern = &self.events[e].patterns[p];
                let after_excluded = i > 0 && pattern.not_after.contains(&words[i - 1].key);
                if pattern.phrase.matches_at(words, i) && !after_excluded {
                    let end = i + pattern.phrase.words.len();
                    found.push(Mention {
                        event: e,
                        pattern: p,
                        words: (i, end),
                        span: words[i].span.cover(words[end - 1].span),
                        support: Support::Named,
                        reference: false,
                    });
                }
            }
        }
        found.retain(|m| {
            let near = &self.events[m.event].patterns[m.pattern].near;
            near.is_empty()
                || near
                    .iter()
                    .any(|n| n.occurs_in(words) || n.occurs_in(implied))
        });
        found.sort_by(|a, b| {
            (b.words.1 - b.words.0)
                .cmp(&(a.words.1 - a.words.0))
                .then(a.event.cmp(&b.event))
                .then(a.words.0.cmp(&b.words.0))
        });
        let mut kept: Vec<Mention> = Vec::new();
        for m in found {
            if kept
                .iter()
                .all(|k| m.words.1 <= k.words.0 || k.words.1 <= m.words.0)
            {
                kept.push(m);
            }
        }
        kept.sort_by_key(|m| m.words.0);
        kept
    }

    /// The words of the `[context]` groups and of the events' qualifiers and
    /// places in one sentence's words. Overlaps are kept: `University of
    /// Chile` is an office's words and a place's.
    pub fn context(&self, words: &[Word]) -> Vec<Hit> {
        let mut out = Vec::new();
        for (i, w) in words.iter().enumerate() {
            for &what in self.context_first.get(&w.key).into_iter().flatten() {
                let phrase = self.context_phrase(what);
                if phrase.matches_at(words, i) {
                    out.push(Hit {
                        what,
                        words: (i, i + phrase.words.len()),
                    });
                }
            }
        }
        out
    }

    /// The phrase a hit matched.
    pub fn context_phrase(&self, what: HitKind) -> &Phrase {
        match what {
            HitKind::Group(g, p) => &self.groups[g].1[p],
            HitKind::Qualifier(e, p) => &self.events[e].qualifiers[p],
            HitKind::Place(e, p) => &self.events[e].places[p],
        }
    }

    /// Whether a hit of the `[context]` says that a description of `event`
    /// is about something else: a phrase of one of the event's rival groups
    /// that is not one of its own qualifiers or places.
    pub fn is_rival(&self, event: usize, what: HitKind) -> bool {
        let HitKind::Group(g, p) = what else {
            return false;
        };
        let e = &self.events[event];
        e.rivals.iter().any(|r| *r == self.groups[g].0) && !e.owns(&self.groups[g].1[p])
    }

    /// The dated claims of every source of `corpus`, computed once for a
    /// corpus and kept while its sources are in memory.
    pub fn corpus_dates(&self, corpus: &Corpus) -> Arc<CorpusDates> {
        let mut cache = self
            .corpus_cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, dates)) = cache.iter().find(|(g, _)| *g == corpus.generation()) {
            return dates.clone();
        }
        let claims = corpus.facts("dates", self.fingerprint(), |text, i| {
            corpus::source_claims(text, corpus.source(i).entry.format, self)
        });
        let dates = Arc::new(CorpusDates::build(claims, self));
        if cache.len() >= CORPORA_REMEMBERED {
            cache.remove(0);
        }
        cache.push((corpus.generation(), dates.clone()));
        dates
    }

    /// The corpus's claims about `events` only (indices in the catalog):
    /// read from the keyed facts file by event, so a check does not decode
    /// every source's claims. A corpus held in memory (or a keyed file
    /// found damaged) gives [`Catalog::corpus_dates`] instead.
    pub fn corpus_dates_for(&self, corpus: &Corpus, events: &[usize]) -> Arc<CorpusDates> {
        let fingerprint = self.fingerprint();
        let file = |c: &Corpus| {
            let claims = c.facts("dates", fingerprint, |text, i| {
                corpus::source_claims(text, c.source(i).entry.format, self)
            });
            let mut groups: std::collections::BTreeMap<String, Vec<corpus::Filed>> =
                Default::default();
            for f in corpus::filed(claims) {
                if let Some(e) = self.events.get(f.claim.event) {
                    groups.entry(corpus::event_key(&e.id)).or_default().push(f);
                }
            }
            groups
        };
        let Some(keyed) = corpus.keyed_facts("dates", fingerprint, file) else {
            return self.corpus_dates(corpus);
        };
        let mut filed = Vec::new();
        let mut events = events.to_vec();
        events.sort_unstable();
        events.dedup();
        for e in events {
            let Some(event) = self.events.get(e) else {
                continue;
            };
            match keyed.get::<corpus::Filed>(&corpus::event_key(&event.id)) {
                Ok(claims) => filed.extend(claims),
                Err(_) => {
                    corpus.discard_keyed("dates", fingerprint);
                    return self.corpus_dates(corpus);
                }
            }
        }
        Arc::new(CorpusDates::from_filed(filed, self))
    }

    /// What a source's dated claims depend on besides its text: this
    /// catalog's events and the reading code, as a hash of the events and of
    /// the analysis of a fixed sample (the key of the claims in the facts
    /// cache, see `corpus::facts`).
    pub fn fingerprint(&self) -> u64 {
        *self.fingerprint.get_or_init(|| {
            const SAMPLE: &str = "Allende was elected on 4 September 1970. The lorry owners' \
                strike of October 1972 came before the attempted coup of 29 June 1973, the \
                Tanquetazo, and the coup of Tuesday, 11 September 1973, fifty years ago; in \
                early 1973, in September-October 1970 and in 1964-65. 1949 - Syria - a \
                military coup. Allende was elected senator in 1945, and the coup in Chile of \
                1924 was another.";
            let sample = Corpus::from_texts(&[("sample", SAMPLE, crate::text::Format::Text)]);
            let analysis = corpus::source_claims(
                &sample.text(crate::corpus::SourceIdx(0)),
                crate::text::Format::Text,
                self,
            );
            let mut bytes = postcard::to_allocvec(&analysis).expect("an analysis serializes");
            bytes.extend_from_slice(format!("{:?}{:?}", self.events, self.groups).as_bytes());
            xxhash_rust::xxh3::xxh3_64(&bytes)
        })
    }
}

// ---- reading the TOML ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    /// Groups of words that, next to a description, say it is about
    /// something else: `places = [...]`, `offices = [...]`.
    #[serde(default)]
    context: std::collections::BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    event: Vec<Spanned<EventFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventFile {
    id: Spanned<String>,
    label: Spanned<String>,
    #[serde(default)]
    patterns: Option<Spanned<Vec<Spanned<PatternFile>>>>,
    #[serde(default)]
    descriptions: Option<Spanned<Vec<Spanned<PatternFile>>>>,
    #[serde(default)]
    qualifiers: Vec<Spanned<String>>,
    #[serde(default)]
    places: Vec<Spanned<String>>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    rivals: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    recurring: bool,
    #[serde(default)]
    extended: bool,
    /// Free text for the catalog's maintainers (which sources date it).
    #[serde(default)]
    #[allow(dead_code)]
    notes: Option<String>,
}

enum PatternFile {
    Phrase(String),
    Table(PatternTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternTable {
    phrase: String,
    #[serde(default)]
    near: OneOrMany,
    #[serde(default)]
    not_after: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for PatternFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PatternFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a phrase ("dry run") or a table ({ phrase = "attempted coup", near = ["June"] })"#)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> std::result::Result<PatternFile, E> {
                Ok(PatternFile::Phrase(s.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<PatternFile, A::Error> {
                PatternTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(PatternFile::Table)
            }
        }
        d.deserialize_any(V)
    }
}

/// The groups every catalog may name as `rivals` without defining them.
pub const BUILTIN_GROUPS: &[&str] = &["places", "offices", "people"];

/// A catalog file read: its events and its `[context]` groups.
pub struct Parsed {
    pub events: Vec<Event>,
    pub groups: Vec<(String, Vec<Phrase>)>,
}

/// Parses one catalog file's events. Every error points into the file.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Event>> {
    parse_file(text, path).map(|p| p.events)
}

/// Parses one catalog file. Every error points into the file.
pub fn parse_file(text: &str, path: &Path) -> Result<Parsed> {
    let shared: Arc<str> = Arc::from(text);
    let help = "`provlint explain events` describes the catalog's format";
    let at = |span: std::ops::Range<usize>, msg: String, label: &str| {
        Error::new("events::invalid", msg)
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
        at(span, format!("invalid event catalog: {msg}"), &msg)
    })?;
    // A word of the context or a qualifier: plain words, no `*`.
    let plain = |s: &Spanned<String>, what: &str| -> Result<Phrase> {
        let text = s.get_ref();
        if text.contains('*') {
            return Err(at(
                s.span(),
                format!("{what} `{text}`: only plain words, no `*`"),
                "no wildcards here",
            ));
        }
        Phrase::parse(text)
            .map_err(|m| at(s.span(), format!("{what} `{text}`: {m}"), "this phrase"))
    };
    let mut groups = Vec::new();
    for (name, phrases) in &file.context {
        let list = phrases
            .get_ref()
            .iter()
            .map(|p| plain(p, &format!("context `{name}`")))
            .collect::<Result<Vec<_>>>()?;
        groups.push((name.clone(), list));
    }
    let origin = crate::paths::display_path(path);
    let mut events: Vec<Event> = Vec::new();
    let mut seen: HashMap<String, Span> = HashMap::new();
    for entry in file.event {
        let entry_span = entry.span();
        let e = entry.into_inner();
        let id = e.id.get_ref().trim().to_string();
        if id.is_empty()
            || !id.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
            })
        {
            return Err(at(
                e.id.span(),
                format!("event id `{id}` must be lower-case letters, digits, `-`, `_` or `.`"),
                "not a valid id",
            ));
        }
        if let Some(first) = seen.get(&id) {
            let line = text[..first.start].matches('\n').count() + 1;
            return Err(at(
                e.id.span(),
                format!("event `{id}` is defined twice in this file (first at line {line})"),
                "defined again here",
            ));
        }
        seen.insert(id.clone(), Span::from(e.id.span()));
        if e.label.get_ref().trim().is_empty() {
            return Err(at(
                e.label.span(),
                format!("event `{id}` has an empty label"),
                "say what the event is",
            ));
        }
        let patterns_span = e
            .patterns
            .as_ref()
            .map(|p| p.span())
            .or_else(|| e.descriptions.as_ref().map(|p| p.span()))
            .unwrap_or(entry_span);
        let mut patterns = Vec::new();
        let lists = [(e.patterns, false), (e.descriptions, true)];
        for (list, generic) in lists {
            for p in list.map(Spanned::into_inner).unwrap_or_default() {
                let span = p.span();
                let (phrase_text, near, not_after) = match p.into_inner() {
                    PatternFile::Phrase(s) => (s, Vec::new(), Vec::new()),
                    PatternFile::Table(t) => (
                        t.phrase,
                        match t.near {
                            OneOrMany::None => Vec::new(),
                            OneOrMany::One(s) => vec![s],
                            OneOrMany::Many(v) => v,
                        },
                        t.not_after.iter().flat_map(|w| word_keys(w)).collect(),
                    ),
                };
                let phrase = Phrase::parse(&phrase_text).map_err(|m| {
                    at(
                        span.clone(),
                        format!("event `{id}`: pattern `{phrase_text}`: {m}"),
                        "this pattern",
                    )
                })?;
                let near = near
                    .iter()
                    .map(|n| {
                        Phrase::parse(n).map_err(|m| {
                            at(
                                span.clone(),
                                format!("event `{id}`: `near` phrase `{n}`: {m}"),
                                "this pattern",
                            )
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                patterns.push(Pattern {
                    text: phrase_text,
                    phrase,
                    near,
                    not_after,
                    generic,
                });
            }
        }
        if patterns.is_empty() {
            return Err(at(
                patterns_span,
                format!("event `{id}` has no patterns"),
                "give at least one phrase that names it",
            ));
        }
        let qualifiers = e
            .qualifiers
            .iter()
            .map(|q| plain(q, &format!("event `{id}`: qualifier")))
            .collect::<Result<Vec<_>>>()?;
        let places = e
            .places
            .iter()
            .map(|q| plain(q, &format!("event `{id}`: place")))
            .collect::<Result<Vec<_>>>()?;
        let rivals = match e.rivals {
            None => vec!["places".to_string()],
            Some(list) => {
                let mut out = Vec::new();
                for r in list {
                    let name = r.get_ref().trim().to_string();
                    let known = BUILTIN_GROUPS.contains(&name.as_str())
                        || groups.iter().any(|(g, _)| *g == name);
                    if !known {
                        return Err(at(
                            r.span(),
                            format!(
                                "event `{id}`: rival group `{name}` is not a group of `[context]` ({})",
                                BUILTIN_GROUPS.join(", ")
                            ),
                            "no such group",
                        ));
                    }
                    out.push(name);
                }
                out
            }
        };
        events.push(Event {
            id,
            label: e.label.into_inner().trim().to_string(),
            patterns,
            recurring: e.recurring,
            extended: e.extended,
            qualifiers,
            places,
            kind: e
                .kind
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty()),
            rivals,
            origin: origin.clone(),
        });
    }
    Ok(Parsed { events, groups })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word> {
        words_of(text, &tokenize::tokenize(text))
    }

    fn catalog(toml: &str) -> Catalog {
        Catalog::new(parse(toml, Path::new("t.toml")).unwrap(), vec![])
    }

    fn named(c: &Catalog, text: &str) -> Vec<(String, String)> {
        c.mentions(&words(text))
            .into_iter()
            .map(|m| {
                (
                    c.events[m.event].id.clone(),
                    text[m.span.range()].to_string(),
                )
            })
            .collect()
    }

    const TOML: &str = r#"
[[event]]
id = "coup"
label = "the coup"
patterns = ["coup", "coup d'état"]

[[event]]
id = "tanquetazo"
label = "the Tanquetazo"
patterns = [
  "Tanquetazo",
  { phrase = "attempted coup", near = ["June"] },
  "failed * coup",
  "Colonel Souper's attempted coup",
]

[[event]]
id = "copper"
label = "copper nationalisation"
patterns = ["nationali* the copper industry"]

[[event]]
id = "enriquez"
label = "Miguel Enríquez"
patterns = ["Miguel Enríquez"]
"#;

    #[test]
    fn phrases_match_words_not_characters() {
        let c = catalog(TOML);
        assert_eq!(
            named(&c, "the attempted coup of 20 June 1973"),
            vec![("tanquetazo".into(), "attempted coup".into())]
        );
        // Without June nearby, an attempted coup is just a coup.
        assert_eq!(
            named(&c, "an attempted coup in Bolivia"),
            vec![("coup".into(), "coup".into())]
        );
        assert_eq!(
            named(
                &c,
                "the failed June coup and Colonel Souper’s attempted coup"
            ),
            vec![
                ("tanquetazo".into(), "failed June coup".into()),
                (
                    "tanquetazo".into(),
                    "Colonel Souper’s attempted coup".into()
                )
            ]
        );
        assert_eq!(
            named(&c, "Allende nationalized the copper industry"),
            vec![("copper".into(), "nationalized the copper industry".into())]
        );
        assert_eq!(
            named(&c, "MIGUEL ENRIQUEZ and the coup d’etat"),
            vec![
                ("enriquez".into(), "MIGUEL ENRIQUEZ".into()),
                ("coup".into(), "coup d’etat".into())
            ]
        );
        // Across a PDF's line breaks.
        assert_eq!(
            named(&c, "the Tanque-\ntazo"),
            vec![("tanquetazo".into(), "Tanque-\ntazo".into())]
        );
    }

    fn error(toml: &str) -> Error {
        parse(toml, Path::new("events.toml")).unwrap_err()
    }

    #[test]
    fn malformed_catalogs_point_into_the_toml() {
        let e = error("[[event]]\nid = \"x\"\nlabel = \"X\"\npatterns = [\"* coup\"]\n");
        assert_eq!(e.code, "events::invalid");
        assert!(e.message.contains("cannot begin"), "{}", e.message);
        assert_eq!(e.position().unwrap(), "events.toml:4:13");

        let e = error("[[event]]\nid = \"x\"\nlabel = \"X\"\npatterns = []\n");
        assert!(e.message.contains("no patterns"), "{}", e.message);
        assert_eq!(e.position().unwrap(), "events.toml:4:12");

        let e = error(
            "[[event]]\nid = \"x\"\nlabel = \"X\"\npatterns = [\"a\"]\n[[event]]\nid = \"x\"\nlabel = \"Y\"\npatterns = [\"b\"]\n",
        );
        assert!(e.message.contains("defined twice"), "{}", e.message);
        assert!(e.message.contains("line 2"), "{}", e.message);
        assert_eq!(e.position().unwrap(), "events.toml:6:6");

        let e = error("[[event]]\nid = \"Bad Id\"\nlabel = \"X\"\npatterns = [\"a\"]\n");
        assert_eq!(e.position().unwrap(), "events.toml:2:6");

        let e = error(
            "[[event]]\nid = \"x\"\nlabel = \"X\"\npatterns = [{ phrase = \"a\", nearby = \"b\" }]\n",
        );
        assert!(e.message.contains("nearby"), "{}", e.message);
        assert_eq!(e.position().unwrap().split(':').nth(1), Some("4"));

        let e = error("[[event]]\nid = \"x\"\npatterns = [\"a\"]\n");
        assert!(e.message.contains("label"), "{}", e.message);

        let e = error("[[event]]\nid = \"x\"\nlabel = \"X\"\npatterns = [3]\n");
        assert!(e.message.contains("phrase"), "{}", e.message);
        assert_eq!(e.position().unwrap(), "events.toml:4:13");

        let e = error("[[event]\n");
        assert_eq!(e.code, "events::invalid");
        assert!(e.position().is_some());
    }

    #[test]
    fn the_built_in_catalog_is_valid() {
        let c = Catalog::builtin();
        assert!(c.events.len() >= 20);
        for id in [
            "coup-1973",
            "allende-election-1970",
            "tanquetazo-1973",
            "uruguay-coup-1973",
            "bolivia-coup-1971",
            "brazil-coup-1964",
            "argentina-coup-1976",
            "guatemala-1954",
            "lorry-strike-1972",
            "municipal-elections-1971",
            "congressional-elections-1973",
            "copper-nationalisation-1971",
            "jara-murder-1973",
            "enriquez-murder-1974",
            "dictatorship-end-1990",
        ] {
            assert!(c.find(id).is_some(), "{id} is missing from the catalog");
        }
    }

    #[test]
    fn a_user_catalog_extends_and_overrides() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CATALOG_FILE),
            "[[event]]\nid = \"coup-1973\"\nlabel = \"the golpe\"\npatterns = [\"golpe\"]\n\n[[event]]\nid = \"my-event\"\nlabel = \"mine\"\npatterns = [\"my event\"]\n",
        )
        .unwrap();
        let c = Catalog::load(dir.path()).unwrap();
        let builtin = Catalog::builtin();
        assert_eq!(c.events.len(), builtin.events.len() + 1);
        let coup = &c.events[c.find("coup-1973").unwrap()];
        assert_eq!(coup.label, "the golpe");
        assert_eq!(coup.patterns.len(), 1);
        assert!(c.find("my-event").is_some());
        assert_eq!(c.files.len(), 2);
        // No catalog in the directory: the built-in one.
        let empty = tempfile::tempdir().unwrap();
        assert!(Arc::ptr_eq(&Catalog::load(empty.path()).unwrap(), &builtin));
    }
}
