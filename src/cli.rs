//! The command line: what each subcommand takes (clap's derive).

use clap::{Parser, Subcommand, ValueEnum};
use provlint::render;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "provlint", version, about = "Checks the quotations and dates of a draft against a corpus of sources.", long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
    /// Use this config file instead of the provlint.toml found from the current directory upward.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Ignore every provlint.toml: the built-in defaults (and --set) only.
    #[arg(long, global = true, conflicts_with = "config")]
    pub(crate) isolated: bool,
    /// Override a setting, as in provlint.toml: `--set quote.profile=strict`, `--set rules.quote::unverified=off`.
    #[arg(long = "set", global = true, value_name = "KEY=VALUE")]
    pub(crate) set: Vec<String>,
    /// Use this corpus directory (with its sources.toml) instead of the config's.
    #[arg(long, global = true, value_name = "DIR")]
    pub(crate) corpus: Option<PathBuf>,
    /// When to colour human output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Index the corpus in memory for this run: neither read nor write the index cache.
    #[arg(long, global = true)]
    pub(crate) no_cache: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Check drafts (files, directories, or - for standard input).
    Check(CheckArgs),
    /// Show what provlint sees in drafts: every quotation, date, citation and figure, with its span.
    Extract(ExtractArgs),
    /// Work with the corpus.
    #[command(subcommand)]
    Corpus(CorpusCommand),
    /// Summarize drafts: quotations checked and verified, findings by rule.
    Report(ReportArgs),
    /// Print the settings in force (the defaults, the config file, the flags), as TOML.
    Config {
        /// Print the JSON Schema of provlint.toml instead (for editors).
        #[arg(long)]
        schema: bool,
    },
    /// Explain a rule (`provlint explain quote::mismatch`), or list them all.
    Explain {
        /// A rule code, or `verbatim`.
        code: Option<String>,
    },
    /// Run the language server on standard input and output, for editors.
    Lsp,
}

#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    /// Drafts to check: files, directories (Markdown and text files in them), or - for standard input.
    #[arg(default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = render::CheckFormat::Human)]
    pub(crate) format: render::CheckFormat,
    /// The file name to report for standard input (its extension picks Markdown or text).
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<String>,
    /// List verified quotations with their source locations (JSON output).
    #[arg(long)]
    pub(crate) show_verified: bool,
    /// Exit with code 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOn>,
    /// Exit with code 0 even when findings are reported (errors reading input still exit 2).
    #[arg(long)]
    pub(crate) exit_zero: bool,
    /// Hide the findings recorded in this baseline file; report its stale entries.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub(crate) baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file, and exit.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_baseline: Option<PathBuf>,
    /// Report only findings on lines changed since this git revision (uncommitted changes included).
    #[arg(long, value_name = "REV")]
    pub(crate) diff_base: Option<String>,
    /// Report only findings on lines changed since HEAD (same as --diff-base HEAD).
    #[arg(long, conflicts_with = "diff_base")]
    pub(crate) changed_only: bool,
    /// Apply safe fixes to the drafts, then report what is left.
    #[arg(long)]
    pub(crate) fix: bool,
    /// Also apply unsafe fixes (ones that rewrite a writer's words, such as a quotation's), with --fix or --diff.
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long, conflicts_with = "fix")]
    pub(crate) diff: bool,
    /// The date the drafts were written on, for "N years ago" and anniversaries (a draft's front matter `date` comes first; without either, such counts are not checked).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) as_of: Option<provlint::dates::Ymd>,
}

pub(crate) fn parse_date(s: &str) -> Result<provlint::dates::Ymd, String> {
    provlint::dates::Ymd::parse_iso(s)
        .ok_or_else(|| format!("`{s}` is not a date: write YYYY-MM-DD, such as 2023-09-11"))
}

#[derive(clap::Args)]
pub(crate) struct ReportArgs {
    /// Drafts: files, directories, or - for standard input.
    #[arg(default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = render::Format::Human)]
    pub(crate) format: render::Format,
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(clap::Args)]
pub(crate) struct ExtractArgs {
    /// Drafts: files, directories, or - for standard input.
    #[arg(default_value = ".")]
    pub(crate) paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = render::Format::Human)]
    pub(crate) format: render::Format,
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<String>,
}

#[derive(Subcommand)]
pub(crate) enum CorpusCommand {
    /// List the sources loaded: id, title, author, date, size.
    List {
        #[arg(long, value_enum, default_value_t = render::Format::Human)]
        format: render::Format,
    },
    /// List every event whose sources disagree on its date, and every quantity whose sources disagree on its figure, with each side's spans.
    Audit {
        #[arg(long, value_enum, default_value_t = render::Format::Human)]
        format: render::Format,
        /// Also list every dated claim the corpus makes, by event, and every figure, by quantity.
        #[arg(long)]
        all: bool,
        /// The dates only.
        #[arg(long, conflicts_with = "figures")]
        dates: bool,
        /// The figures only.
        #[arg(long)]
        figures: bool,
    },
    /// Build or update the index cache (only what changed), with a progress bar on a terminal.
    Index {
        /// Index every source again, whatever the cache holds.
        #[arg(long)]
        rebuild: bool,
        /// Verify the checksum of every cache file, not only of those that look changed.
        #[arg(long)]
        verify: bool,
        /// Index the words only: leave each source's figures and dated claims for the first check to find.
        #[arg(long)]
        no_facts: bool,
    },
    /// Show the index cache: where it is, its size, whether it is current.
    Stats {
        #[arg(long, value_enum, default_value_t = render::Format::Human)]
        format: render::Format,
        /// Verify the checksum of every cache file.
        #[arg(long)]
        verify: bool,
    },
}
