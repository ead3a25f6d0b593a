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

/// The settings of `provlint.toml`.
pub const CONFIG: &str = r#"# provlint.toml

provlint reads `provlint.toml` from the current directory or the nearest
directory above it (or the file given with `--config`). Every key is
optional; the built-in defaults are `rules/defaults.toml`. Paths are relative
to the config file. `provlint config` prints the settings in force.

```toml
corpus = "corpus"          # the corpus directory (with its sources.toml)
rules_dir = "rules"        # the directory of rule data files
cache_dir = ".provlint-cache"  # where the corpus index is cached (`provlint corpus stats`)
fail_on = "error"          # exit 1 when a finding at or above this severity is reported

[quote]
profile = "chicago"        # or "strict" (see `provlint explain verbatim`)
min_words = 4              # shorter quotations are scare quotes or terms, not checked
mismatch_threshold = 0.6   # similarity from which a quotation is a misquotation, not unverified
max_elision_words = 250    # the most source words one ellipsis may stand for
max_insertion_words = 8    # the most source words one [bracketed insertion] may stand for
blockquotes = true         # check Markdown blockquotes as quotations

[rules]                    # each rule's level: "error", "warning", "info" or "off"
"quote::unverified" = "warning"
```

An unknown key or rule is an error that points at it. `--corpus DIR` and
`--fail-on LEVEL` override the file.
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

/// Every rule, in a stable order.
pub static RULES: &[&Rule] = &[&QUOTE_MISMATCH, &QUOTE_UNVERIFIED, &SUPPRESSION_UNUSED];

/// Other topics `provlint explain` knows.
pub static TOPICS: &[(&str, &str)] = &[("verbatim", VERBATIM), ("config", CONFIG)];

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
