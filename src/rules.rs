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
  A word may also be respelled in British or American spelling
  (`organisations` as `organizations`, `labour` as `labor`), as many house
  styles do: the endings are `spelling_endings` in `rules/quotations.toml`.
- `strict`: no change of the first letter's case, no respelling and no
  silent corrections; write `[sic]` after a slip you keep, or bracket the
  letter you change.

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
When the words and their punctuation are the source's and only capitals
inside differ ("fascism" for "Fascism"), it is a house style's typography
rather than other words: a warning, not an error (in the `chicago` profile;
`strict` keeps it an error).

The report shows the quotation, the closest source passage (its file, line and
column, title, author and date), and a word diff from the source's words to
the draft's: `[-words-]` are in the source but not the draft, `{+words+}` in
the draft but not the source. Its fix replaces the quoted words with the
source's exact words, keeping your ellipses and brackets; since that rewrites
your text, it is an unsafe fix.

How close is close: not the share of words in common (any two sentences
share "of the"), but how unlikely the likeness would be by chance in a corpus
of this size. A passage is a misquotation's source only when all of these
hold:

- **Significant.** Each word in common weighs its information in the corpus
  (−log₂ of its frequency, the passage itself left out; a word that follows
  another in common weighs its information given that word when that is
  less, so a phrase the corpus repeats, such as "Salvador Allende", weighs
  what one word does). The number of passages as like the quotation that
  chance would give in a corpus of this size (an E-value: the corpus's words
  × the ways to pair the words up × the probability of the words in common)
  must be at most `quote.chance_matches` (default 0.01). A bigger corpus
  needs stronger evidence.
- **Covering.** The words in common carry at least 60% of the quotation's
  information: most of its content words, not only its function words.
- **An edit of the passage.** No run of more than three of the quotation's
  words (or a quarter of them, in a long quotation) is missing from the
  passage: words changed, dropped, added or fragments joined, not another
  sentence that shares a phrase.
- **Short quotations** (under eight words) are compared only when they are
  at most one word from the passage and share a rare word with it (one at
  most once in about a thousand words of the corpus): "a flash in the pan" is
  not a misquotation of "a lot in the army".

Otherwise the quotation is `quote::unverified` (or `quote::external` when
the draft credits it to a work outside the corpus). The defaults are
measured: `tests/thresholds.rs` records the measurements.

When a credit names a corpus source, that source's passages are compared
first; when the words are close to another source's, the message says so.

## Example

Source (flakin-2019): `the Chilean Air Force began bombing La Moneda`

Draft: `“the Chilean Army began bombing La Moneda”` is reported with the diff
`the Chilean [-Air Force-]{+Army+} began bombing La Moneda`.
"#,
};

pub static QUOTE_UNVERIFIED: Rule = Rule {
    code: "quote::unverified",
    summary: "A quotation no source has, not even misquoted, and the draft credits to nothing.",
    doc: r#"# quote::unverified

A quotation in the draft matches no passage of any source in the corpus,
not even as a misquotation (see `provlint explain quote::mismatch` for what
makes a near miss), and the draft credits it to nothing, or to a corpus
source that does not have it. It is the quotation a fact-checker asks about
first: where is it from? A quotation the draft credits to a work or a
speaker outside the corpus is `quote::external` instead.

Not every pair of quotation marks holds a quotation to verify: titles of
works (after "titled", "the novel", "the article" and the like, in link
text, or in Title Case), names of organisations, places and programmes,
scare quotes, terms glossed in another language and anything in a reference
list are not checked. `provlint extract` shows for each quoted span whether
it is checked, and why not. A quotation in another language ("la vía
chilena al socialismo": its function words are another language's, none
English) is checked, but not finding it in an English corpus is no evidence
against it: it is said as a note (info).

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

/// The settings of `provlint.toml`.
pub const CONFIG: &str = r#"# provlint.toml

provlint reads `provlint.toml` from the current directory or the nearest
directory above it (or the file given with `--config`; `--isolated` reads
none). Every key is optional; the built-in defaults are `rules/defaults.toml`.
Paths and globs are relative to the config file. `provlint config` prints the
settings in force; `provlint config --schema` prints the file's JSON Schema
(committed as `schema/provlint.schema.json`, for editor completion).

```toml
corpus = "corpus"          # the corpus directory (with its sources.toml)
rules_dir = "rules"        # the directory of rule data files
cache_dir = ".provlint-cache"  # where the corpus index is cached (`provlint corpus stats`)
fail_on = "error"          # exit 1 when a finding at or above this severity is reported
max_draft_bytes = 16777216 # a larger draft is refused with an error, unread (16 MiB)
include = ["drafts/**/*.md"]     # drafts taken when walking a directory (default: .md, .txt, ... by extension)
exclude = ["drafts/archive/**"]  # never checked, even when named on the command line

[quote]
profile = "chicago"        # or "strict" (see `provlint explain verbatim`)
min_words = 4              # shorter quotations are scare quotes or terms, not checked
chance_matches = 0.01      # at most this many passages as like a quotation by chance, for a misquotation
max_elision_words = 250    # the most source words one ellipsis may stand for
max_insertion_words = 8    # the most source words one [bracketed insertion] may stand for
blockquotes = true         # check Markdown blockquotes as quotations

[figures]
min_count = 10             # smaller counts are everyday numbers, not figures (see `provlint explain figures`)

[provenance]
min_words = 8              # a run of this many source words outside quotation marks is copied text
boilerplate_sources = 3    # a run found in this many sources is a stock phrase, not copied

[rules]                    # each rule's level: "error", "warning", "info" or "off"
"quote::unverified" = "warning"

[[overrides]]              # for some drafts: every table whose globs match applies, in order
files = ["drafts/interviews/**"]
quote = { profile = "strict" }
rules = { "quote::unverified" = "off" }
```

Globs: `*` stays within a directory, `**` crosses them. The corpus's own
files are never drafts.

An unknown key or rule is an error that points at it and names the closest
valid one. `--corpus DIR` and `--fail-on LEVEL` override the file, and so
does `--set KEY=VALUE` for any key, with the same checks:
`--set quote.profile=strict`, `--set rules.quote::unverified=off`,
`--set 'exclude=["old/**"]'` (the value is TOML, or else a string).
"#;

pub static SUPPRESSION_UNUSED: Rule = Rule {
    code: "suppression::unused",
    summary: "A provlint comment suppresses nothing, or cannot be read.",
    doc: r#"# suppression::unused

Findings can be suppressed where they occur, with HTML comments (they work
anywhere in Markdown, in lists and headings too):

```markdown
<!-- provlint-disable-next-line quote::unverified -- from an interview -->
"A quotation from a source outside the corpus."

A line with a finding <!-- provlint-disable-line figure::unattributed -->

<!-- provlint-disable date::disputed -- we follow the FI statement here -->
...
<!-- provlint-enable date::disputed -->

<!-- provlint-disable-file quote::mismatch -->
```

Codes are separated by spaces or commas; without codes a comment covers
every rule. A reason may follow `--`; write one, for the next editor.

This rule reports a suppression that suppresses nothing (the finding it was
written for is gone, so the comment should go too: its fix removes it), and a
provlint comment that cannot be read (an unknown rule or directive, an
`enable` with no `disable` before it).
"#,
};

pub static QUOTE_EXTERNAL: Rule = Rule {
    code: "quote::external",
    summary: "A quotation is credited to a work or outlet outside the corpus, so it is not checked.",
    doc: r#"# quote::external

A quotation in the draft is not in the corpus, and the draft credits it to
a work outside the corpus: a footnote or numbered reference to another
work, a link to another page, or a prose attribution that names a record or
an outlet ("she told the BBC", "in his 1987 speech", "in an interview he
said", "according to Human Rights Watch"; the words are
`rules/attribution.toml`'s `record_nouns` and `organisation_words`).
provlint can only check words against the corpus, so it says where the
quotation is credited and leaves it: an `info` note, counted in `provlint
report`, never a warning.

A speaker alone ("Johnson said", "according to the Dalai Lama", "his
motto") says whose words they are, not where a reader could find them: such
a quotation is `quote::unverified`, the one a fact-checker asks about first.

A quotation that is a misquotation of a corpus passage is
`quote::mismatch` whoever it is credited to: the corpus has those words
otherwise. A quotation credited to a corpus source is compared with that
source. One credited to nothing, or to no one a reader could look up ("one
historian wrote", "according to analysts"), is `quote::unverified`.

A blockquote is credited by a sentence ending with a colon before it, by a
credit in its last paragraph, or by a paragraph right after it that points
back at it ("This quote, which appears in her memoir …", with its footnote).

## Example

Draft: `He told reporters that "we will never surrender".[^3]` with `[^3]:
Interview, The Guardian, 1990.` is reported as credited to that footnote's
work, which is not in the corpus.

## What to do

Nothing, if the credit is right. To check the quotation, add the work it is
from to the corpus.
"#,
};

pub static QUOTE_WRONG_SOURCE: Rule = Rule {
    code: "quote::wrong-source",
    summary: "A quotation is found verbatim, but not in the source it is credited to.",
    doc: r#"# quote::wrong-source

A quotation in the draft matches a source of the corpus verbatim, but the
citation or attribution that covers it names a different source, one that
does not contain these words.

The report names the source (or sources) that have the quotation, shows the
passage there, and the closest passage of the credited source when it has
one. When a single citation key covers the quotation and a single source has
it, its fix replaces the key (unsafe: it changes what you cite).

Which credit covers a quotation follows the scope rules (`provlint explain
credits`): a citation covers its sentence, a prose attribution its clause.
A quotation credited to a source is looked up in that source first: when
several sources have it, the credited one is shown; when the credited
source has a near match, that passage is the one a `quote::mismatch` shows.

## Example

Draft: `Nixon wanted "to make the economy scream" [@flakin-2019].`

Only saunois-2013 has these words: the finding names saunois-2013 and its
line. Crediting correctly one of several sources that have the words (for
example `"the working class in the face of" [@wsws-2023]`, which flakin-2019
also has) is not reported.

## What to do

Credit the source that has the words. If the credited source quotes them
from another, say so: "as quoted in …".
"#,
};

pub static CITATION_UNKNOWN: Rule = Rule {
    code: "citation::unknown",
    summary: "A citation claims a corpus source and resolves to none.",
    doc: r#"# citation::unknown

A citation is written as a citation of a corpus source, and no source of
the corpus is the one it names:

- a Pandoc citation key (`[@flakn-2019]`) that is no source's `id`: a key
  claims a manifest id;
- a footnote whose definition nearly names a corpus source without
  identifying it: most of the source's title, with its author or
  publication, but not the title as the manifest gives it.

A credit resolves to a source only exactly: the source's `url`, its `id`,
its full title with its author, publication or year (or alone, when the
title is long enough to be distinctive), or its author with its
publication or year ("Flakin, Left Voice", "Flakin (2019)"). A few shared
title words never resolve a credit.

Not reported: a footnote, link or numbered marker (`[3]`) that names a work
outside the corpus (Britannica, a newspaper, another article of a corpus
author or of a corpus site): that is a credit all the same, and what it
covers is attributed, though it cannot be checked. Nor explanatory
footnotes, or prose attributions to people outside the corpus ("according
to the junta"). A footnote reference with no definition is
`citation::undefined-footnote`.

The report suggests the closest source: the id closest in spelling, or the
source whose author the key names, or the source the footnote nearly names.
For a mistyped key its fix is the suggested key (unsafe: it changes what
is cited).

## What to do

Fix the key (`provlint corpus list` shows the ids) or the footnote, or add
the work you cite to the corpus: copy its text into the corpus directory
and add a `[[source]]` table (with `url`, and `aliases` for the names a
draft may call it by) to `sources.toml`.

See `provlint explain credits` for how citations, footnotes, links and
attributions resolve.
"#,
};

pub static CITATION_UNDEFINED_FOOTNOTE: Rule = Rule {
    code: "citation::undefined-footnote",
    summary: "A footnote reference has no definition.",
    doc: r#"# citation::undefined-footnote

A footnote reference (`[^7]`) whose label no footnote definition
(`[^7]: …`) in the draft defines. Markdown renders it as the literal text
`[^7]`, and the reader cannot tell what it credits. The claim it stands
after still counts as credited (the writer meant to cite something), so no
figure or quotation rule reports it again.

## What to do

Add the definition (`[^7]: Author, Title, Publication, year.`), or fix the
label if the definition exists under another one.
"#,
};

pub static FIGURE_UNATTRIBUTED: Rule = Rule {
    code: "figure::unattributed",
    summary: "A figure is credited to no source.",
    doc: r#"# figure::unattributed

A figure in the draft (a count, a percentage, an amount of money, an area, a
number in words, a vague magnitude like "tens of thousands") that no
citation, footnote, link or prose attribution covers, where a fact-checker
holding the corpus would ask for a credit:

- **warning**: the figure is of a quantity the corpus states (`provlint
  explain quantities`), and a source gives a figure that agrees with it.
  The report names the source and the passage to cite ("flakin-2019, line
  12: massacred 3,000 leftists"), and offers to add a citation key at the
  end of the sentence (unsafe, Markdown drafts only).
- **info**: the figure is about the corpus's subject (placed in Chile, in
  its years; `[subject]` in `rules/quantities.toml`) but of no quantity the
  corpus states: no source can be named.

A figure about anything else (another country's war, a budget, a book's
sales) is not the corpus's business, and is not reported. A figure the
corpus gives otherwise is reported as `figure::conflict` or
`figure::disputed` instead.

What a figure is, and what is not, is in `provlint explain figures`. Figures
inside quotations are the quotation check's business, not this rule's.

## Example

    Pinochet's dictatorship massacred 3,000 leftists.

is reported; each of these is not:

    Pinochet's dictatorship massacred 3,000 leftists [@flakin-2019].
    As Flakin writes, the dictatorship massacred 3,000 leftists.
    The dictatorship massacred 3,000 leftists.[^1]   (a footnote at the end
                                                       of the paragraph covers it)
    In 1956, 30,000 Hungarians died.                 (not the corpus's subject)

An attribution two sentences earlier does not cover it (`provlint explain
credits`); a numbered marker at the end of its sentence (`[12]`,
`<sup>[3]</sup>`) does, and so does a credit to a work outside the corpus.

## What to do

Cite the source of the figure where the figure is.
"#,
};

pub static FIGURE_WRONG_SOURCE: Rule = Rule {
    code: "figure::wrong-source",
    summary: "A figure is credited to a source that does not state it.",
    doc: r#"# figure::wrong-source

A figure is credited to a corpus source (the credit names it exactly: a
citation key, a footnote or link that resolves to it, "according to
Flakin"), and that source either gives the same quantity with a value that
does not state the draft's, or states no such figure at all. The report
shows what the credited source says of the same quantity, and which source,
if any, states the draft's figure.

"States it" means: the source has a figure of the same quantity (`provlint
explain quantities`) whose value agrees with the draft's, qualifiers and
rounding allowed, with open-ended qualifiers kept near their number (`more
than one thousand factories` states `1,100 factories`, not `some 5,000
factories`; `up to one million` does not state `up to 700,000`). A source
that gives only a vague magnitude (`thousands`) does not state an exact
figure. When the credited source gives no figure of the quantity, any
figure of it that agrees, in the same unit and measure, will do; when the
draft's number is written in its text, or the credit also names a work
outside the corpus, nothing is said.

## Example

    Some 5,000 factories were occupied after the June attempt [@fi-1973].

fi-1973 says "More than one thousand factories were occupied": reported,
with that passage.

## What to do

Give the figure the credited source gives, or cite the source the figure
comes from. When a single key covers it and a single source states the
figure, the fix replaces the key (unsafe).
"#,
};

pub static FIGURE_CONFLICT: Rule = Rule {
    code: "figure::conflict",
    summary: "The corpus gives a different figure for the same quantity.",
    doc: r#"# figure::conflict

The draft's figure is of a quantity the corpus states (`provlint explain
quantities`: the same thing counted, the same measure, the same event or
period, the same place), and it contradicts what the sources say of it:
either every source's figure, or a figure that no source disputes.

Values are intervals (`provlint explain figures`): `about 37%` allows
`36.3%`; `tens of thousands` is 20,000 up to 100,000, not half a million.
So `36.6%` for Allende's vote in 1970 is a conflict: saunois-2013 gives
36.3%, and bensaid-2023's `about 37%` allows both without disputing the
exact one. When the sources themselves disagree and the draft sides with
some of them, it is `figure::disputed`, not a conflict.

Not reported: a figure its credited source states (you follow your
source); a figure already reported as `figure::wrong-source`; a figure of
another quantity, or of an unknown one (another country, another election,
soldiers killed in one clash, a poll), however its number compares.

## Example

    Allende won 38% of the vote in 1970.

saunois-2013 gives 36.3%: reported, with bensaid-2023's about 37% shown as
allowing it.

## What to do

Check the figure. If it comes from a work outside the corpus, cite it and
say that the sources differ.
"#,
};

pub static FIGURE_DISPUTED: Rule = Rule {
    code: "figure::disputed",
    summary: "The corpus disagrees on a figure, and the draft takes a side.",
    doc: r#"# figure::disputed

The sources give incompatible figures for the same quantity, and the
draft's figure agrees with some of them and not with others. Every side is
shown, with its sources and passages. `provlint corpus audit --figures`
lists the corpus's disagreements on figures.

- **warning**: the draft sides with fewer sources than the other side, or
  as many.
- **info**: the draft sides with most sources (said once per quantity in a
  draft).

A figure its credited source states is not reported: you follow your
source.

## Example

The corpus gives the number killed after the coup as 3,000 (flakin-2019),
thousands (saunois-2013, wsws-2023), and probably tens of thousands
(fi-1973). `One historian writes that the dictatorship killed over 10,000
opponents.` is a warning: it agrees with two sources (`thousands`) and not
with the other two. `Pinochet's dictatorship massacred 3,000 leftists.` is
an info note.

## What to do

Prefer the figure more sources give, or say that the sources differ and
which you follow.
"#,
};

pub static PROVENANCE_UNQUOTED: Rule = Rule {
    code: "provenance::unquoted",
    summary: "Source text is reproduced outside quotation marks.",
    doc: r#"# provenance::unquoted

A run of at least `provenance.min_words` (default 8) consecutive words of a
source is written in the draft outside quotation marks. Words are compared
as quotations are (case, quotation marks, dashes and line breaks do not
matter; punctuation between words is not compared).

- If a citation or attribution covering the run credits the source it comes
  from, the words are "copied without quotation marks": the fix puts them in
  quotation marks. It is a safe fix: it changes none of your words, and the
  credit is already there.
- If nothing credits that source, they are "uncredited": the fix quotes them
  and adds a citation key (unsafe: you may rather rewrite them).
- If what covers them credits only a work outside the corpus ("according to
  the Rettig Report"), the draft and the source most likely both copy that
  work: it is said as a note (info), naming the credit.

Not counted: text inside quotation marks or blockquotes, citation brackets,
footnote definitions, a source's title, and boilerplate or stock phrases: a
run found in `provenance.boilerplate_sources` (default 3) or more sources.
Runs shorter than the minimum ("in the following months and years") are
common phrases, shared by chance.

## What to do

Quote and credit the words, or say it in your own words.
"#,
};

/// The scope rules of credits: which claims a citation or attribution
/// covers. Shown with every rule that depends on them.
pub const CREDITS: &str = r#"## Credits and what they cover

A draft credits a source in five ways, each resolved against the corpus
manifest (`sources.toml`: ids, authors, publication, title, url, aliases):

- **Pandoc citations**: `[@flakin-2019]`, `[@fi-1973, p. 3]`,
  `[see @saunois-2013; @wsws-2023]`; in-text `@flakin-2019` when the key is a
  source's id. A key resolves by id.
- **Footnotes**: `[^1]`, resolved by what its definition names (below).
- **Numbered markers**: `[3]`, `[3, 4]`, `<sup>[3]</sup>`, `<sup>3</sup>`,
  `\[3\]` (Wikipedia's style). They are read as footnote references whose
  reference list is not read (it is often missing from a copy): they credit
  a work outside the corpus. Their numbers are never figures.
- **Links**: an inline link, autolink or bare URL to a source's `url`
  (compared without scheme, `www.`, fragment or trailing slash).
- **Prose attributions**: a cue next to a name: "according to the Fourth
  International", "as Flakin wrote", "Left Voice reported", "…,” wrote
  Saunois", "in Flakin's account", "(Flakin 2019)", and "he/she/they wrote"
  or "his motto", "in her 1987 speech" for the last person named in the
  paragraph. The cues are in `rules/attribution.toml`.

A credit resolves to a corpus source only exactly:

- a link or URL: the source's `url`;
- a key: the source's `id`;
- a footnote's definition: the source's `url` or `id`; its full title with
  its author, publication or year (or alone, when the title has six words
  or more); its short title (the words before a colon, or its first three)
  with its author or publication; or its author with its year, or with its
  publication when no other year is given ("Flakin, Left Voice", "Flakin
  (2019)", "Saunois, “Chile 1973”").

A few shared title words never resolve a credit. A credit that resolves to
no source credits a work **outside the corpus** (Britannica, a newspaper,
another article of a corpus author or of a corpus site, a person the
manifest does not know, "the US Ambassador cabled"): what it covers is
attributed, but cannot be checked against the corpus. A quotation asks for
more: a speaker alone ("Johnson said") says whose words they are, not where
they are recorded, and leaves it `quote::unverified`; only a credit that
names a work, a record or an outlet makes it `quote::external`.

Only a key that is no source's id, and a footnote that nearly names a
corpus source (most of its title with its author or publication), are
`citation::unknown`; a footnote reference with no definition is
`citation::undefined-footnote`.

The **reference apparatus** is not prose: footnote definitions, and every
block under a heading that names a reference section ("References", "See
also", "Bibliography", "Further reading", "External links"…; the list is
`rules/apparatus.toml`), up to the next heading of the same or a higher
level. What is quoted there is a title, what is numbered there a page, a
year or an id: no rule reads it as a claim. A footnote's definition is
still read for what it credits.

What a credit covers (its scope):

1. A citation, footnote reference, marker or link covers the sentence it is
   in.
2. One standing alone after a sentence's end ("… leftists. [@flakin-2019]",
   "… leftists.[3] Then …") covers that sentence.
3. A footnote reference or marker at the end of a paragraph covers the
   whole paragraph.
4. A prose attribution covers the clause it introduces: its sentence, up to
   a semicolon on either side. When its sentence ends with a colon, it also
   covers the blockquote that follows.
5. A credit in the last paragraph of a blockquote ("— Víctor Jara, as quoted
   by the World Socialist Web Site") covers the whole blockquote.
6. Nothing else: a credit does not reach into the next sentence, so an
   attribution two sentences before a figure does not cover it.

A quotation is credited by what covers its first words or its last (a
footnote right after a quotation of two sentences credits both), never by a
cue inside its own words. A blockquote nothing covers is credited by a
paragraph right after it that points back at it ("This quote, which appears
in her memoir …", "From his love poetry, this line …"; the words are in
`rules/quotations.toml`): by that paragraph's credits, or, when it has none
but names someone, by that paragraph itself.

A claim covered by several credits is checked against all the sources they
name: it is right if any of them has it.
"#;

/// What a figure is, and how figures compare.
pub const FIGURES: &str = r#"## Figures

A figure is a number that says how many or how much: a count with what it
counts (`3,000 leftists`, `700,000 demonstrators`, `100 sailors`), a
percentage (`36.3%`, `over 40%`, `about 37 per cent`), money (`$3 million`,
`one billion dollars`), an area (`ten million acres`), a number in words
(`one million`, `two-thirds`), or a vague magnitude (`tens of thousands`,
`thousands`), with its qualifier (`about`, `some`, `over`, `more than`, `up
to`, `nearly`, `at least`, `fewer than`).

Not figures (the lists are in `rules/figures.toml`):

- years and ranges of years: a whole number from 1000 to 2100 written
  without a separator (`1973`, "the 1971 mayoral elections"), unless a unit
  goes with it; `1954-1958`, `1973-90`;
- dates: a number next to a month (`11 September`, `September 11, 1973`,
  `24 and 25 August`), or with slashes (`9/11/1973`);
- ordinals (`50th`, "the 8th Infantry Regiment"), decades (`1930s`), times
  of day (`3 p.m.`, `10:30`);
- durations and ages: a number before a unit of time (`three years`, `46
  years ago`, `two long decades`, `thousands of years`), after `age` or
  `aged` (`at age 17`, `at the age of fifteen`);
- labels and addresses: a number after `page`, `p.`, `Volume`, `Number`,
  `Box`, `Article`, `No.`, `#`…; a street number (`1600 Pennsylvania
  Avenue`); telephone numbers and codes (`020 8988 8777`);
- numbers in names and titles: a number in words with a capital inside a
  sentence before a capitalised word (`Twenty Love Poems`), or in digits
  before two capitalised words (`100 Love Sonnets`);
- citation markers (`[12]`, `<sup>[3]</sup>`) and the reference apparatus;
- small everyday counts: below `figures.min_count` (default 10) (`two days`,
  `the three branches`, `six of us`); percentages, money and areas count
  whatever their size.

Comparing figures: each stands for an interval of values. An unqualified
figure may be rounded by half its last significant digit (at most 10%;
whole percentages are exact to the point: `38%` is 37.5–38.5); `about`
allows 15% (a point either side for percentages: `about 37%` is 36–38, and
covers 36.3%; `around 500` is 425–575, not 250); `over`/`more than` is above
it (up to half as much again); `at least` it or above (`at least 3,100`
agrees with `thousands`); `nearly` a little below; `up to` it or below (down
to half). Vague magnitudes stand for their ranges: `tens of thousands`
20,000–100,000 (not half a million), `a few thousand` 2,000–10,000. A bare
plural gives the number of digits, give or take one: `hundreds` is
200–20,000, `thousands` 2,000–200,000 (`thousands were tortured` is an
understatement of `around 30,000 tortured`, not a contradiction; it does
contradict `hundreds of thousands`). Two figures agree when their intervals
share a value. Which
figures are compared at all is decided by what they are of: `provlint
explain quantities`.
"#;

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

A date dates an event only when its clause is about it: the event's name,
or a description (`the coup`, `was elected`) with the event's qualifiers or
place in the clause and nothing else as near (another country, office,
person, event or date), or in a document about that event. A line of a
timeline or a table row dates only the one event it names. A description
that only its place or the document ties to an event that recurs (coups,
elections) may be about another of its kind: its date is compared only when
it shares the sources' year or their day and month (`the coup of September
1924` is another coup; `the coup of 11 September 1974` is a wrong year).
`provlint extract` shows each claim with the words that attached it.

It is a conflict when a source contradicts the draft's date and no source
agrees with it as precisely as the most precise contradiction. `November
1972` for the lorry owners' strike conflicts with the three sources that say
October 1972, although a fourth says only 1972: that one cannot tell the
month. `27 June 1973` for the coup in Uruguay is not a conflict: one source
says June 1973 and another July, and the draft sides with one of them
(`date::disputed`). A source that gives the month without the year agrees
on the month only: where every source that gives a year says another one,
the draft's year conflicts.

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
- When no other source disagrees, only a source that gives the draft's date
  and another one elsewhere (fi-1973 dates Guatemala 1954 and 1964), it is
  an info note: the source contradicts itself, not the sources each other.

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

- `N years ago` (and `N years ago today`, `Today, N years ago`, and `N years
  on` at the start of a sentence) counts back from the draft's date to the
  date of the one event the sentence names, not as a point of reference
  (`thirty years ago, twenty years after the coup` counts from something
  else);
- `the Nth anniversary` of an event counts the years from the event to the
  draft's date (the last anniversary or the next one);
- `N years later` counts from the date given before it in the draft to the
  date in its sentence (or the date of the event the sentence names).

The event's date is the draft's own, when the sentence gives one, else the
date all the sources that date it agree on (when they disagree, nothing is
checked). Without a month and day, a year either way is allowed: "46 years
ago" of 1973 is right in 2019 and, before September, "45 years ago" too.

The draft's date is its front matter `date` (`date: 2023-09-11` in YAML, or
`date = 2023-09-11` in TOML), else `provlint check --as-of 2023-09-11`. A
draft with neither is not checked for counts from its own date: the day it
is read on says nothing about the day it was written.

## Example

In a draft dated 2023-09-11, `the 40th anniversary of the coup` is reported:
the coup was on 11 September 1973, 50 years before.

## What to do

Correct the count, or give the draft its date in its front matter.
"#,
};

pub static BASELINE_STALE: Rule = Rule {
    code: "baseline::stale",
    summary: "A baseline entry hides no finding any more: its words or its sources changed.",
    doc: r#"# baseline::stale

A baseline lets a team adopt provlint on a manuscript that already has
findings: `provlint check --write-baseline provlint-baseline.json` records
them, and `provlint check --baseline provlint-baseline.json` hides them, so
only new findings are reported.

Entries are keyed by content, not by line: the rule, the draft's words at the
finding (the quotation, the claim, white space aside) and the source passages
it was compared with (their ids and words). Editing around a finding, or
moving it, keeps it hidden. An entry goes stale when nothing matches it any
more:

- the finding was fixed (the quotation now matches its source);
- its words were edited (it may now be a new finding, which is reported);
- its sources changed (a source's text was corrected, or another source is
  now the closest passage).

A stale entry is reported at its line in the baseline file, for drafts
checked in the run (entries for drafts not checked are left alone). Write the
baseline again to drop it: `--write-baseline` keeps the entries of drafts it
did not check.
"#,
};

/// Every rule, in a stable order.
pub static RULES: &[&Rule] = &[
    &QUOTE_MISMATCH,
    &QUOTE_UNVERIFIED,
    &QUOTE_EXTERNAL,
    &QUOTE_WRONG_SOURCE,
    &CITATION_UNKNOWN,
    &CITATION_UNDEFINED_FOOTNOTE,
    &FIGURE_UNATTRIBUTED,
    &FIGURE_WRONG_SOURCE,
    &FIGURE_CONFLICT,
    &FIGURE_DISPUTED,
    &PROVENANCE_UNQUOTED,
    &SUPPRESSION_UNUSED,
    &DATE_CONFLICT,
    &DATE_DISPUTED,
    &DATE_INVALID,
    &DATE_WEEKDAY,
    &DATE_ANNIVERSARY,
    &BASELINE_STALE,
];

/// The output formats, their column units and how editors and CI read them.
pub const FORMATS: &str = r#"# Output formats

`provlint check --format FORMAT`:

| format | what | columns |
|---|---|---|
| `human` | graphical reports with snippets of the draft and the source (default) | code points |
| `concise` | one line a finding: `path:line:col: severity[code] message` | code points |
| `json` | one versioned document: `{"version":1,"diagnostics":[...],"summary":{...}}` | code points, and byte offsets |
| `json-lines` | one finding a line, each an entry of `json`'s `diagnostics` | code points, and byte offsets |
| `sarif` | SARIF 2.1.0 with rules, related corpus locations and fixes | UTF-16 code units (`columnKind`) |
| `github` | GitHub Actions annotations (workflow commands), then a summary line | code points, single-line findings only |
| `rdjson` | reviewdog's diagnostic format, with related locations and suggestions | UTF-8 bytes, end exclusive |
| `junit` | JUnit XML: a test suite a draft, a test case a finding | code points |

Lines are 1-based everywhere, and so are columns.

## Vim and Neovim

`concise` columns count characters, which Vim calls virtual columns (`%v`);
`%c` would take them as byte indexes and land early on a line with accented
letters:

```vim
set makeprg=provlint\ check\ --format\ concise
set errorformat=%f:%l:%v:\ %trror%m,%f:%l:%v:\ %tarning%m,%f:%l:%v:\ %tnfo%m
```

then `:make` and `:copen`. (`%v` counts a tab as up to 8 columns; drafts
seldom have tabs inside a line.)

## Emacs

`compilation-mode` reads `concise` as it is: `M-x compile RET provlint
check --format concise RET`.

## GitHub Actions

`--format github` annotates the pull request; a step shows 10 errors and 10
warnings at most, so the log also gets a summary line, and with
`GITHUB_STEP_SUMMARY` set the job summary gets a table of every finding.
`--format sarif` goes to code scanning (`github/codeql-action/upload-sarif`).
"#;

/// Other topics `provlint explain` knows.
pub static TOPICS: &[(&str, &str)] = &[
    ("verbatim", VERBATIM),
    ("credits", CREDITS),
    ("figures", FIGURES),
    ("quantities", crate::figures::quantity::TOPIC),
    ("config", CONFIG),
    ("dates", crate::dates::TOPIC),
    ("events", crate::events::TOPIC),
    ("formats", FORMATS),
];

/// The topics printed after a rule's own documentation.
pub fn appendix(code: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    if code.starts_with("quote::") {
        out.push(VERBATIM);
    }
    if matches!(
        code,
        "quote::wrong-source"
            | "citation::unknown"
            | "figure::unattributed"
            | "figure::wrong-source"
            | "figure::conflict"
            | "figure::disputed"
            | "provenance::unquoted"
    ) {
        out.push(CREDITS);
    }
    if code.starts_with("figure::") {
        out.push(FIGURES);
        out.push(crate::figures::quantity::TOPIC);
    }
    if code.starts_with("date::") {
        out.push(crate::dates::TOPIC);
        out.push(crate::events::TOPIC);
    }
    out
}

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
