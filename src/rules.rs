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
directory above it (or the file given with `--config`; `--isolated` reads
none). Every key is optional; the built-in defaults are `rules/defaults.toml`.
Paths and globs are relative to the config file. `provlint config` prints the
settings in force; `provlint config --schema` prints the file's JSON Schema
(committed as `schema/provlint.schema.json`, for editor completion).

```toml
corpus = "corpus"          # the corpus directory (with its sources.toml)
rules_dir = "rules"        # the directory of rule data files
fail_on = "error"          # exit 1 when a finding at or above this severity is reported
include = ["drafts/**/*.md"]     # drafts taken when walking a directory (default: .md, .txt, ... by extension)
exclude = ["drafts/archive/**"]  # never checked, even when named on the command line

[quote]
profile = "chicago"        # or "strict" (see `provlint explain verbatim`)
min_words = 4              # shorter quotations are scare quotes or terms, not checked
mismatch_threshold = 0.6   # similarity from which a quotation is a misquotation, not unverified
max_elision_words = 250    # the most source words one ellipsis may stand for
max_insertion_words = 8    # the most source words one [bracketed insertion] may stand for
blockquotes = true         # check Markdown blockquotes as quotations

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
    &SUPPRESSION_UNUSED,
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
    ("config", CONFIG),
    ("formats", FORMATS),
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
