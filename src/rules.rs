//! The rule registry: every rule's stable code, summary and documentation.
//!
//! The documentation written here is what `provlint explain CODE` prints and
//! what the README's rule list is checked against. Default severities are
//! data, in `rules/defaults.toml`.

/// A rule provlint can report.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, `family::name`.
    pub code: &'static str,
    /// One line: what a finding of this rule means.
    pub summary: &'static str,
    /// The full explanation, in Markdown.
    pub doc: &'static str,
}

/// What "verbatim" means, shared by the quotation rules' documentation.
pub const VERBATIM: &str = r#"## What "verbatim" means

A quotation matches its source when their words are the same under this
normalization:

- Unicode NFKC (`…` is `...`, `ﬁ` is `fi`, a no-break space is a space);
- all single quotation marks and apostrophes alike (`'` `‘` `’`), all double
  quotation marks alike (`"` `“` `”` `„`), all dashes alike (`-` `–` `—` `--`);
- soft hyphens and zero-width characters dropped;
- white space and line breaks collapsed, so a quotation matches across the
  line breaks, blank lines and page footers of a PDF copy; a word hyphenated
  across a line break (`revolu-` / `tionary`) is joined;
- the case of the first letter of the quotation may differ (in the `chicago`
  profile).

Punctuation between words counts (`the workers, the army` is not `the workers
the army`), except at the quotation's ends: changes of quotation-mark style and
of terminal punctuation are allowed. Word boundaries hold: "foundation of the
revolution" does not match "foundation of the revolutionary process".

Editorial marks are allowed:

- An ellipsis (`...`, `…`, `. . .`, `[...]`, `[…]`, `(...)`) marks an elision:
  the pieces on either side must each match exactly, in order, in one passage of
  one source (an ellipsis may stand for up to `quote.max_elision_words` words).
- Square brackets mark an insertion or change and match the source words they
  stand for: `[t]rust` matches `Trust`, `[the army]` stands for up to
  `quote.max_insertion_words` source words, and `[sic]`, `[emphasis added]`
  stand for nothing.

Two profiles, set with `quote.profile` in `provlint.toml`:

- `chicago` (default): as above, and obvious slips in the source may be
  corrected silently, as the Chicago Manual of Style allows: a word that the
  `typos` spell checker's list of common misspellings knows (`goverment` for
  `government`), or a slip listed for that source under `errata` in
  `sources.toml`. Words one letter apart are often both real (`wound` and
  `would`, `billion` and `million`), so nothing else counts as a slip.
- `strict`: no change of the first letter's case and no silent corrections;
  write `[sic]` after a slip you keep, or bracket the letter you change.

Quotations are text between quotation marks (`“…”`, `"…"`, `‘…’`, `'…'`,
`«…»`, `„…“`, nested) and Markdown blockquotes. Apostrophes (`don't`,
`Allende's`, `workers’`) are not quotation marks. A quotation shorter than
`quote.min_words` words (default 4) is a scare quote or a term (`'Tancazo'`,
`"democratic"`) and is not checked.
"#;

pub static QUOTE_MISMATCH: Rule = Rule {
    code: "quote::mismatch",
    summary: "A quotation is close to a source passage but does not match it verbatim.",
    doc: r#"# quote::mismatch

A quotation in the draft is close to a passage of a source in the corpus but
not the same words: a word was changed, added or dropped, the punctuation or
capitals differ, or the pieces around an ellipsis are not in the source's order.

The report shows the quotation, the closest source passage (its file, line and
column, title, author and date), and a word diff from the source's words to
the draft's: `[-words-]` are in the source but not the draft, `{+words+}` in
the draft but not the source. Its fix replaces the quoted words with the
source's exact words, keeping your ellipses and brackets; since that rewrites
your text, it is an unsafe fix.

How close is close: the similarity of the quotation and the passage (twice
the words in common over the words of both) must be at least
`quote.mismatch_threshold` (default 0.6, about four words in ten changed at
most). Below that the quotation is `quote::unverified`.

## Example

Source (flakin-2019): `the Chilean Air Force began bombing La Moneda`

Draft: `“the Chilean Army began bombing La Moneda”` is reported with the diff
`the Chilean [-Air Force-]{+Army+} began bombing La Moneda`.
"#,
};

pub static QUOTE_UNVERIFIED: Rule = Rule {
    code: "quote::unverified",
    summary: "No source passage is close enough to a quotation to check it.",
    doc: r#"# quote::unverified

A quotation in the draft matches no passage of any source in the corpus, not
even closely (similarity below `quote.mismatch_threshold`). Either it comes
from a source that is not in the corpus, or it is too far from the source's
words to tell.

What to do:

- If it comes from a document you have, add the document to the corpus:
  copy its text into the corpus directory and add a `[[source]]` table to
  `sources.toml` (`provlint corpus list` shows what is loaded).
- If it comes from a source outside the corpus (an interview, a book you
  cannot add), say so where it is quoted:
  `<!-- provlint-disable-next-line quote::unverified -- from an interview -->`
  on the line before it.
"#,
};

pub static DATE_CONFLICT: Rule = Rule {
    code: "date::conflict",
    summary: "The draft dates an event differently from every source that dates it.",
    doc: r#"# date::conflict

The draft gives a date for an event (the coup, Allende's election, the
Tanquetazo...) that no source in the corpus supports, and at least one source
contradicts. Which sentences date which events is decided by the event
catalog (`provlint explain events`); how dates compare, by their granularity
(`provlint explain dates`): `1972` does not contradict `October 1972`, and
`June 1973` does not contradict `29 June 1973`.

It is a conflict when a source contradicts the draft's date and no source
agrees with it as precisely as the most precise contradiction. `November
1972` for the lorry owners' strike conflicts with the three sources that say
October 1972, although a fourth says only 1972: that one cannot tell the
month. `27 June 1973` for the coup in Uruguay is not a conflict: one source
says June 1973 and another July, and the draft sides with one of them
(`date::disputed`).

The report shows the draft's date and, as related places, every source's
date for the event with its span, grouped by the date they give.

## Example

Sources: bensaid-2023 "the lorry drivers' strike in October 1972",
wsws-2023 "In October 1972 ... a massive employers' lockout", fi-1973 "the
struggles of October 1972", saunois-2013 "The bosses' strike in 1972".

Draft: `the lorry owners' strike of October 1973` is reported: the sources
give October 1972 (3 sources) and 1972 (1 source).

## What to do

Correct the date. If you have a source for your date, add it to the corpus
(`provlint corpus list`); if the sentence is not about the event provlint
names, say so on the line before it:
`<!-- provlint-disable-next-line date::conflict -- why -->`.
Dates inside quotations are not checked against the sources: they are the
quoted author's.
"#,
};

pub static DATE_DISPUTED: Rule = Rule {
    code: "date::disputed",
    summary: "The corpus disagrees on an event's date, and the draft takes a side.",
    doc: r#"# date::disputed

The sources disagree on the date of an event, and the draft's date agrees
with some of them and not others. Sources are counted, not passages: a
source that gives both dates is on both sides, and the report says that it
contradicts itself.

- When the draft's date is the reading of fewer sources than another one, or
  the sides are even, it is reported at this rule's level (a warning by
  default).
- When the draft's date is the reading of clearly more sources than any
  other, it is an info note naming the dissenting passages (once per event
  in a file).

A draft date that agrees with every side (`June 1973` when the sources say
`20 June 1973` and `29 June 1973`) takes no side and is not reported.
`provlint corpus audit` lists every event the corpus disagrees on.

## Example

fi-1973 says the attempted coup came on 20 June 1973 in one paragraph and on
29 June in a later one; flakin-2019 says June 29, 1973.

Draft: `the Tanquetazo of 20 June 1973` is a warning: 1 source says 20 June
1973, 2 sources say 29 June 1973, and fi-1973 contradicts itself.
`the Tanquetazo of 29 June 1973` is an info note naming fi-1973's 20 June.

## What to do

Check the sources (the report shows every side with its spans). Prefer the
reading more sources give, or say in the text that the date is disputed.
"#,
};

pub static DATE_INVALID: Rule = Rule {
    code: "date::invalid",
    summary: "A date names a day that does not exist.",
    doc: r#"# date::invalid

The draft names a day that does not exist: `31 June 1973` (June has 30
days), `29 February 1973` (1973 was not a leap year), `April 31`. Without a
year, `29 February` may exist and is not reported.

Dates inside quotations are checked too: a quotation that names an
impossible day is probably misquoted.

## What to do

Correct the day against your source.
"#,
};

pub static DATE_WEEKDAY: Rule = Rule {
    code: "date::weekday",
    summary: "The weekday given with a date is not that date's weekday.",
    doc: r#"# date::weekday

A date is given with a weekday, and the date fell on another day of the
week (proleptic Gregorian calendar). Only dates with a year are checked; a
year taken from the same sentence counts.

## Example

`Monday, 11 September 1973` is reported: 11 September 1973 was a Tuesday.
Its fix (unsafe: perhaps the date is what is wrong) writes `Tuesday`.
Inside quotations the weekday is checked but never rewritten.

## What to do

Correct the weekday or the date.
"#,
};

pub static DATE_ANNIVERSARY: Rule = Rule {
    code: "date::anniversary",
    summary: "\"N years ago\", \"Nth anniversary\" or \"N years later\" does not fit the dates.",
    doc: r#"# date::anniversary

A count of years does not fit the dates it counts between:

- `N years ago` (and `N years ago today`) counts back from the draft's date
  to the date of the event named in the sentence;
- `the Nth anniversary` of an event counts the years from the event to the
  draft's date (the last anniversary or the next one);
- `N years later` counts from the date given before it in the draft to the
  date in its sentence (or the date of the event the sentence names).

The event's date is the draft's own, when the sentence gives one, else the
date all the sources that date it agree on (when they disagree, nothing is
checked). Without a month and day, a year either way is allowed: "46 years
ago" of 1973 is right in 2019 and, before September, "45 years ago" too.

The draft's date is its front matter `date` (`date: 2023-09-11` in YAML, or
`date = 2023-09-11` in TOML), else `provlint check --as-of 2023-09-11`, else
today.

## Example

In a draft dated 2023-09-11, `the 40th anniversary of the coup` is reported:
the coup was on 11 September 1973, 50 years before.

## What to do

Correct the count, or give the draft its date in its front matter.
"#,
};

/// Every rule, in a stable order.
pub static RULES: &[&Rule] = &[
    &QUOTE_MISMATCH,
    &QUOTE_UNVERIFIED,
    &DATE_CONFLICT,
    &DATE_DISPUTED,
    &DATE_INVALID,
    &DATE_WEEKDAY,
    &DATE_ANNIVERSARY,
];

/// Other topics `provlint explain` knows.
pub static TOPICS: &[(&str, &str)] = &[
    ("verbatim", VERBATIM),
    ("dates", crate::dates::TOPIC),
    ("events", crate::events::TOPIC),
];

pub fn lookup(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// The known code or topic closest to `code`, for "did you mean".
pub fn closest(code: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|r| r.code)
        .chain(TOPICS.iter().map(|(t, _)| *t))
        .map(|c| (strsim::jaro_winkler(code, c), c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
