//! The `provlint` command: parses arguments, loads the config and corpus,
//! calls the library, renders, and picks the exit code. Nothing else.

use clap::{Parser, Subcommand, ValueEnum};
use provlint::config::Settings;
use provlint::corpus::{CacheOptions, Corpus};
use provlint::diagnostic::{Severity, Summary};
use provlint::error::Error;
use provlint::render::{self, human::HumanOptions};
use provlint::{baseline, checks, extract, files, fix, gitdiff, report, rules};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "provlint", version, about = "Checks the quotations and dates of a draft against a corpus of sources.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Use this config file instead of the provlint.toml found from the current directory upward.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore every provlint.toml: the built-in defaults (and --set) only.
    #[arg(long, global = true, conflicts_with = "config")]
    isolated: bool,
    /// Override a setting, as in provlint.toml: `--set quote.profile=strict`, `--set rules.quote::unverified=off`.
    #[arg(long = "set", global = true, value_name = "KEY=VALUE")]
    set: Vec<String>,
    /// Use this corpus directory (with its sources.toml) instead of the config's.
    #[arg(long, global = true, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// When to colour human output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Index the corpus in memory for this run: neither read nor write the index cache.
    #[arg(long, global = true)]
    no_cache: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
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
struct CheckArgs {
    /// Drafts to check: files, directories (Markdown and text files in them), or - for standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = render::CheckFormat::Human)]
    format: render::CheckFormat,
    /// The file name to report for standard input (its extension picks Markdown or text).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// List verified quotations with their source locations (JSON output).
    #[arg(long)]
    show_verified: bool,
    /// Exit with code 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Exit with code 0 even when findings are reported (errors reading input still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Hide the findings recorded in this baseline file; report its stale entries.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file, and exit.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report only findings on lines changed since this git revision (uncommitted changes included).
    #[arg(long, value_name = "REV")]
    diff_base: Option<String>,
    /// Report only findings on lines changed since HEAD (same as --diff-base HEAD).
    #[arg(long, conflicts_with = "diff_base")]
    changed_only: bool,
    /// Apply safe fixes to the drafts, then report what is left.
    #[arg(long)]
    fix: bool,
    /// Also apply unsafe fixes (ones that rewrite a writer's words, such as a quotation's), with --fix or --diff.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// The date the drafts were written on, for "N years ago" and anniversaries (a draft's front matter `date` comes first; without either, such counts are not checked).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<provlint::dates::Ymd>,
}

fn parse_date(s: &str) -> Result<provlint::dates::Ymd, String> {
    provlint::dates::Ymd::parse_iso(s)
        .ok_or_else(|| format!("`{s}` is not a date: write YYYY-MM-DD, such as 2023-09-11"))
}

#[derive(clap::Args)]
struct ReportArgs {
    /// Drafts: files, directories, or - for standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = render::Format::Human)]
    format: render::Format,
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Drafts: files, directories, or - for standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = render::Format::Human)]
    format: render::Format,
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
}

#[derive(Subcommand)]
enum CorpusCommand {
    /// List the sources loaded: id, title, author, date, size.
    List {
        #[arg(long, value_enum, default_value_t = render::Format::Human)]
        format: render::Format,
    },
    /// List every event whose sources disagree on its date, with each side's spans.
    Audit {
        #[arg(long, value_enum, default_value_t = render::Format::Human)]
        format: render::Format,
        /// Also list every dated claim the corpus makes, by event.
        #[arg(long)]
        all: bool,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let result = match &cli.command {
        Command::Check(args) => run_check(&cli, args, color),
        Command::Extract(args) => run_extract(&cli, args),
        Command::Corpus(CorpusCommand::List { format }) => run_corpus_list(&cli, *format),
        Command::Corpus(CorpusCommand::Index {
            rebuild,
            verify,
            no_facts,
        }) => run_corpus_index(&cli, *rebuild, *verify, !*no_facts),
        Command::Corpus(CorpusCommand::Stats { format, verify }) => {
            run_corpus_stats(&cli, *format, *verify)
        }
        Command::Corpus(CorpusCommand::Audit { format, all }) => {
            run_corpus_audit(&cli, *format, *all)
        }
        Command::Lsp => run_lsp(&cli),
        Command::Report(args) => run_report(&cli, args),
        Command::Config { schema } => {
            if *schema {
                let _ = std::io::stdout().write_all(provlint::config::schema().as_bytes());
                Ok(ExitCode::SUCCESS)
            } else {
                run_config(&cli)
            }
        }
        Command::Explain { code } => run_explain(code.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(errors) => {
            report_errors(&errors, color);
            ExitCode::from(2)
        }
    }
}

/// Prints user errors to standard error.
fn report_errors(errors: &[Error], color: bool) {
    let handler = render::human::handler(HumanOptions {
        color: color && std::io::stderr().is_terminal(),
        width: width(),
    });
    let mut out = String::new();
    for e in errors {
        let _ = handler.render_report(&mut out, e);
    }
    let _ = std::io::stderr().write_all(out.as_bytes());
}

fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn settings(cli: &Cli) -> Result<Settings, Vec<Error>> {
    let cwd = std::env::current_dir()
        .map_err(|e| vec![Error::io(Path::new("."), &e, "read the current directory")])?;
    let mut s = Settings::load_with(&cwd, cli.config.as_deref(), cli.isolated, &cli.set)
        .map_err(|e| vec![e])?;
    if let Some(dir) = &cli.corpus {
        s.corpus = cwd.join(dir);
    }
    Ok(s)
}

fn cache_options(settings: &Settings) -> CacheOptions {
    let mut opts = CacheOptions::new(files::relative(&settings.cache_dir));
    opts.progress = true;
    opts
}

fn load_corpus(cli: &Cli, settings: &Settings) -> Result<Corpus, Vec<Error>> {
    let dir = files::relative(&settings.corpus);
    if cli.no_cache {
        return Corpus::load(&dir).map_err(|e| vec![e]);
    }
    Corpus::open(&dir, &cache_options(settings)).map_err(|e| vec![e])
}

/// Reads the drafts named on the command line, in order; errors for the
/// ones that cannot be read, which do not stop the others.
fn read_drafts(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    settings: &Settings,
) -> (Vec<provlint::draft::Draft>, Vec<Error>) {
    let skip = [settings.corpus.clone()];
    let selection = settings.selection();
    let mut drafts = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            match files::read_stdin(stdin_name.unwrap_or("<stdin>")) {
                Ok(d) => drafts.push(d),
                Err(e) => errors.push(e),
            }
            continue;
        }
        let (found, walk_errors) =
            files::collect_selected(std::slice::from_ref(path), &skip, &selection);
        errors.extend(walk_errors);
        for file in found {
            match files::read_draft(&file) {
                Ok(d) => drafts.push(d),
                Err(e) => errors.push(e),
            }
        }
    }
    (drafts, errors)
}

fn run_check(cli: &Cli, args: &CheckArgs, color: bool) -> Result<ExitCode, Vec<Error>> {
    let mut settings = settings(cli)?;
    if let Some(f) = args.fail_on {
        settings.fail_on = match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        };
    }
    if let Some(date) = args.as_of {
        settings.as_of = Some(date);
    }
    let diff_base = match (&args.diff_base, args.changed_only) {
        (Some(rev), _) => Some(rev.as_str()),
        (None, true) => Some("HEAD"),
        (None, false) => None,
    };
    if let Some(rev) = diff_base {
        gitdiff::verify(rev).map_err(|e| vec![e])?;
    }
    // A bad baseline is an error before any work.
    let base = match &args.baseline {
        Some(path) => Some(baseline::Baseline::load(path).map_err(|e| vec![e])?),
        None => None,
    };
    let corpus = load_corpus(cli, &settings)?;
    let (mut drafts, mut errors) =
        read_drafts(&args.paths, args.stdin_filename.as_deref(), &settings);
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let from_stdin =
        |path: &str| path == stdin_name && args.paths.iter().any(|p| p.as_os_str() == "-");
    let check = |d: &provlint::draft::Draft| {
        checks::check(d, &corpus, &settings.for_path(Path::new(&d.path)))
    };
    let mut reports: Vec<_> = drafts.iter().map(check).collect();

    if args.fix || args.diff {
        let mut diffs = String::new();
        let mut fixed = 0;
        let mut files_fixed = 0;
        for (draft, report) in drafts.iter_mut().zip(reports.iter_mut()) {
            let fixes = fix::applicable(report, args.unsafe_fixes);
            if fixes.is_empty() {
                continue;
            }
            let (text, n) = fix::apply(&draft.text, &fixes);
            if n == 0 {
                continue;
            }
            fixed += n;
            files_fixed += 1;
            if args.diff {
                diffs.push_str(&fix::unified_diff(&draft.path, &draft.text, &text));
                continue;
            }
            if from_stdin(&draft.path) {
                // Standard input: the fixed text goes to standard output.
                let _ = std::io::stdout().write_all(text.as_bytes());
            } else if let Err(e) = std::fs::write(&draft.path, &text) {
                errors.push(Error::io(Path::new(&draft.path), &e, "write fixes to"));
                continue;
            }
            *draft = provlint::draft::Draft::from_path_and_text(&draft.path, text);
            *report = check(draft);
        }
        if args.diff {
            let _ = std::io::stdout().write_all(diffs.as_bytes());
            let unsafe_left: usize = reports
                .iter()
                .map(|r| {
                    fix::applicable(r, true).len() - fix::applicable(r, args.unsafe_fixes).len()
                })
                .sum();
            if unsafe_left > 0 {
                eprintln!(
                    "provlint: {} not shown (--unsafe-fixes shows them)",
                    plural(unsafe_left, "unsafe fix")
                );
            }
            if !errors.is_empty() {
                report_errors(&errors, color);
                return Ok(ExitCode::from(2));
            }
            return Ok(ExitCode::from(u8::from(fixed > 0)));
        }
        eprintln!(
            "provlint: applied {} in {}",
            plural(fixed, "fix"),
            plural(files_fixed, "file")
        );
    }

    if let Some(rev) = diff_base {
        for report in &mut reports {
            if args.paths.iter().any(|p| p.as_os_str() == "-")
                && Some(report.path.as_str())
                    == Some(args.stdin_filename.as_deref().unwrap_or("<stdin>"))
            {
                continue;
            }
            match gitdiff::changed_lines(rev, Path::new(&report.path)) {
                Ok(changed) => {
                    let lines = provlint::span::LineIndex::new(&report.text);
                    let text = report.text.clone();
                    report.diagnostics.retain(|d| {
                        let first = lines.line_col(&text, d.span.start).line;
                        let last = lines
                            .line_col(&text, d.span.end.max(d.span.start + 1) - 1)
                            .line;
                        changed.touches(first, last.max(first))
                    });
                }
                Err(e) => errors.push(e),
            }
        }
    }

    if let Some(path) = &args.write_baseline {
        let n = baseline::write(path, &reports).map_err(|e| vec![e])?;
        eprintln!(
            "provlint: wrote {} to {}",
            if n == 1 {
                "1 baseline entry".to_string()
            } else {
                format!("{n} baseline entries")
            },
            path.display()
        );
        if !errors.is_empty() {
            report_errors(&errors, color);
            return Ok(ExitCode::from(2));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(base) = &base
        && let Some(stale) = base.apply(&mut reports, settings.severity(rules::BASELINE_STALE.code))
    {
        reports.push(stale);
    }

    let out = match args.format {
        render::CheckFormat::Human => render::human::render(
            &reports,
            HumanOptions {
                color,
                width: width(),
            },
        ),
        render::CheckFormat::Json => render::json::render(&reports, args.show_verified),
        render::CheckFormat::Concise => render::concise::render(&reports),
        render::CheckFormat::JsonLines => render::json_lines::render(&reports),
        render::CheckFormat::Sarif => render::sarif::render(&reports, &settings),
        render::CheckFormat::Github => render::github::render(&reports),
        render::CheckFormat::Rdjson => render::rdjson::render(&reports),
        render::CheckFormat::Junit => render::junit::render(&reports, settings.fail_on),
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    if args.format == render::CheckFormat::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY")
    {
        use std::fs::OpenOptions;
        let summary = render::github::step_summary(&reports);
        if let Err(e) = OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .and_then(|mut f| f.write_all(summary.as_bytes()))
        {
            errors.push(Error::io(Path::new(&path), &e, "write the step summary to"));
        }
    }
    errors.extend(corpus.load_errors());
    let summary = Summary::of(&reports);
    if args.format == render::CheckFormat::Human
        && summary
            == (Summary {
                files: summary.files,
                ..Summary::default()
            })
        && std::io::stderr().is_terminal()
    {
        let verified: usize = reports.iter().map(|r| r.verified.len()).sum();
        eprintln!(
            "provlint: {} checked, {verified} quotations verified, no problems",
            plural(summary.files, "file")
        );
    }
    if !errors.is_empty() {
        report_errors(&errors, color);
        return Ok(ExitCode::from(2));
    }
    Ok(if summary.fails(settings.fail_on) && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_report(cli: &Cli, args: &ReportArgs) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let corpus = load_corpus(cli, &settings)?;
    let (drafts, errors) = read_drafts(&args.paths, args.stdin_filename.as_deref(), &settings);
    let summaries: Vec<_> = drafts
        .iter()
        .map(|d| {
            let s = settings.for_path(Path::new(&d.path));
            let r = checks::check(d, &corpus, &s);
            report::summarize(d, &r, &s, &corpus)
        })
        .collect();
    let out = match args.format {
        render::Format::Human => report::render_human(&summaries),
        render::Format::Json => report::render_json(&summaries),
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ExitCode::SUCCESS)
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn run_extract(cli: &Cli, args: &ExtractArgs) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let (drafts, errors) = read_drafts(&args.paths, args.stdin_filename.as_deref(), &settings);
    let corpus = load_corpus(cli, &settings)?;
    let items: Vec<_> = drafts
        .iter()
        .flat_map(|d| extract::extract(d, &settings, &corpus))
        .collect();
    let out = match args.format {
        render::Format::Human => extract::render_human(&items),
        render::Format::Json => {
            let doc = extract::ExtractDocument {
                version: render::json::VERSION,
                items: &items,
            };
            serde_json::to_string_pretty(&doc).expect("items serialize") + "\n"
        }
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ExitCode::SUCCESS)
}

fn run_corpus_list(cli: &Cli, format: render::Format) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let corpus = load_corpus(cli, &settings)?;
    #[derive(serde::Serialize)]
    struct Row<'a> {
        id: &'a str,
        file: &'a str,
        path: String,
        title: &'a str,
        authors: &'a [String],
        publication: &'a str,
        published: &'a str,
        url: Option<&'a str>,
        notes: Option<&'a str>,
        aliases: &'a [String],
        format: provlint::text::Format,
        bytes: usize,
        words: u32,
    }
    let rows: Vec<Row> = corpus
        .ids()
        .map(|i| {
            let s = corpus.source(i);
            let e = &s.entry;
            Row {
                id: &e.id,
                file: &e.file,
                path: corpus.display_path(i),
                title: &e.title,
                authors: &e.authors,
                publication: &e.publication,
                published: &e.published,
                url: e.url.as_deref(),
                notes: e.notes.as_deref(),
                aliases: &e.aliases,
                format: e.format,
                bytes: s.size() as usize,
                words: corpus.index.source_len(i),
            }
        })
        .collect();
    let out = match format {
        render::Format::Json => {
            #[derive(serde::Serialize)]
            struct Doc<'a> {
                version: u32,
                corpus: String,
                sources: &'a [Row<'a>],
            }
            let doc = Doc {
                version: render::json::VERSION,
                corpus: provlint::corpus::display_path(&corpus.dir),
                sources: &rows,
            };
            serde_json::to_string_pretty(&doc).expect("rows serialize") + "\n"
        }
        render::Format::Human => {
            let table: Vec<[String; 5]> = rows
                .iter()
                .map(|r| {
                    let author = if r.authors.is_empty() {
                        r.publication.to_string()
                    } else {
                        r.authors.join(", ")
                    };
                    [
                        r.id.to_string(),
                        truncate(r.title, 48),
                        truncate(&author, 30),
                        r.published.to_string(),
                        format!("{} words, {} bytes", r.words, r.bytes),
                    ]
                })
                .collect();
            let mut out = format_table(&["ID", "TITLE", "AUTHOR", "DATE", "SIZE"], &table);
            let words: u32 = rows.iter().map(|r| r.words).sum();
            out.push_str(&format!(
                "{} in {}, {words} words\n",
                plural(rows.len(), "source"),
                provlint::corpus::display_path(&corpus.dir)
            ));
            out
        }
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

fn run_corpus_audit(cli: &Cli, format: render::Format, all: bool) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let corpus = load_corpus(cli, &settings)?;
    let audit =
        provlint::events::audit::audit(&corpus, &settings.events, all, render::json::VERSION);
    let out = match format {
        render::Format::Human => provlint::events::audit::render_human(&audit),
        render::Format::Json => {
            serde_json::to_string_pretty(&audit).expect("audit serializes") + "\n"
        }
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    // A report, not a check: the corpus's disagreements are facts to show.
    Ok(ExitCode::SUCCESS)
}

fn run_corpus_index(
    cli: &Cli,
    rebuild: bool,
    verify: bool,
    facts: bool,
) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let dir = files::relative(&settings.corpus);
    let mut opts = cache_options(&settings);
    opts.rebuild = rebuild;
    opts.verify = verify;
    let (corpus, update) = Corpus::open_reporting(&dir, &opts).map_err(|e| vec![e])?;
    let Some(u) = update else {
        return Err(vec![
            Error::new(
                "cache::unusable",
                format!("cannot write the index cache in {}", opts.dir.display()),
            )
            .with_help("set `cache_dir` in provlint.toml to a directory you can write"),
        ]);
    };
    let bytes: u64 = corpus.sources.iter().map(|s| s.size()).sum();
    let mut out = if u.current {
        format!(
            "provlint: index of {} ({}) is current in {}\n",
            plural(corpus.sources.len(), "source"),
            human_bytes(bytes),
            files::relative(&opts.dir).display()
        )
    } else {
        format!(
            "provlint: indexed {} ({}) in {:.2} s ({:.1} MB/s); {} written, {} kept, in {}\n",
            plural(u.indexed, "source"),
            human_bytes(u.indexed_bytes),
            u.seconds,
            u.indexed_bytes as f64 / 1e6 / u.seconds.max(1e-9),
            plural(u.shards_written, "shard"),
            u.shards_kept,
            files::relative(&opts.dir).display()
        )
    };
    // The facts the checks compare drafts with, so the next check finds
    // them ready (see corpus/facts.rs).
    let start = std::time::Instant::now();
    if facts {
        provlint::figures::index::CorpusFigures::of(&corpus);
        settings.events.corpus_dates(&corpus);
    }
    if let Some(run) = corpus.facts_computed().filter(|r| r.computed > 0) {
        let seconds = start.elapsed().as_secs_f64();
        out.push_str(&format!(
            "provlint: found the facts (figures, dated claims) of {} ({}) in {:.2} s ({:.1} MB/s)\n",
            plural(run.computed, "source"),
            human_bytes(run.computed_bytes),
            seconds,
            run.computed_bytes as f64 / 1e6 / seconds.max(1e-9),
        ));
    }
    if !u.rejected.is_empty() {
        out.push_str(&format!(
            "provlint: replaced damaged or foreign cache files: {}\n",
            u.rejected.join(", ")
        ));
    }
    let _ = std::io::stderr().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

fn run_corpus_stats(
    cli: &Cli,
    format: render::Format,
    verify: bool,
) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let dir = files::relative(&settings.corpus);
    let manifest = provlint::corpus::Manifest::load(&dir).map_err(|e| vec![e])?;
    let stats = provlint::corpus::cache::stats(&manifest, &cache_options(&settings).dir, verify);
    let out = match format {
        render::Format::Json => {
            serde_json::to_string_pretty(&stats).expect("stats serialize") + "\n"
        }
        render::Format::Human => {
            let mut out = format!("cache       {}\nstate       {}\n", stats.dir, stats.state);
            out.push_str(&format!(
                "sources     {}, {}\n",
                stats.sources,
                human_bytes(stats.source_bytes)
            ));
            if !stats.shards.is_empty() {
                out.push_str(&format!(
                    "index       {} ({:.2} bytes per source byte), {} words, {} distinct, {}\n",
                    human_bytes(stats.index_bytes),
                    stats.bytes_per_source_byte,
                    stats.words,
                    stats.vocabulary,
                    plural(stats.shards.len(), "shard")
                ));
            }
            for s in &stats.shards {
                out.push_str(&format!(
                    "  {}  {}, {} of text, {}{}\n",
                    s.file,
                    plural(s.sources, "source"),
                    human_bytes(s.source_bytes),
                    human_bytes(s.file_bytes),
                    if s.ok { "" } else { "  DAMAGED" }
                ));
            }
            for c in &stats.changed {
                out.push_str(&format!("changed     {c}\n"));
            }
            for p in &stats.problems {
                out.push_str(&format!("problem     {p}\n"));
            }
            out
        }
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

fn human_bytes(b: u64) -> String {
    if b >= 1 << 20 {
        format!("{:.1} MB", b as f64 / 1e6)
    } else if b >= 1 << 10 {
        format!("{:.1} kB", b as f64 / 1e3)
    } else {
        format!("{b} bytes")
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

fn format_table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            s.push_str(cell);
            if i + 1 < N {
                s.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

fn run_config(cli: &Cli) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let out = match &settings.config {
        Some(path) => format!(
            "# from {} over the built-in defaults\n",
            files::relative(path).display()
        ),
        None => "# built-in defaults (no provlint.toml found)\n".to_string(),
    } + &settings.to_toml();
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

fn run_lsp(cli: &Cli) -> Result<ExitCode, Vec<Error>> {
    let options = provlint::lsp::Options {
        config: cli.config.clone(),
        corpus: cli.corpus.clone(),
    };
    provlint::lsp::run(options).map_err(|e| {
        vec![Error::io(
            Path::new("<stdio>"),
            &e,
            "serve the language server on",
        )]
    })?;
    Ok(ExitCode::SUCCESS)
}

fn run_explain(code: Option<&str>) -> Result<ExitCode, Vec<Error>> {
    let defaults = Settings::defaults(Path::new("."));
    let Some(code) = code else {
        let mut out = String::from("Rules (provlint explain CODE for one):\n\n");
        let width = rules::RULES.iter().map(|r| r.code.len()).max().unwrap_or(0);
        for r in rules::RULES {
            let level = defaults.severity(r.code).map_or("off", Severity::as_str);
            out.push_str(&format!(
                "  {:<width$} {:<8} {}\n",
                r.code, level, r.summary
            ));
        }
        out.push_str("\nTopics: ");
        out.push_str(
            &rules::TOPICS
                .iter()
                .map(|(t, _)| *t)
                .collect::<Vec<_>>()
                .join(", "),
        );
        out.push('\n');
        let _ = std::io::stdout().write_all(out.as_bytes());
        return Ok(ExitCode::SUCCESS);
    };
    if let Some(rule) = rules::lookup(code) {
        let level = defaults.severity(rule.code).map_or("off", Severity::as_str);
        let mut out = format!("{}\nDefault severity: {level}\n", rule.doc.trim_end());
        for topic in rules::appendix(rule.code) {
            out.push('\n');
            out.push_str(topic.trim_end());
            out.push('\n');
        }
        let _ = std::io::stdout().write_all(out.as_bytes());
        return Ok(ExitCode::SUCCESS);
    }
    if let Some((_, doc)) = rules::TOPICS.iter().find(|(t, _)| *t == code) {
        let _ = std::io::stdout().write_all(doc.as_bytes());
        return Ok(ExitCode::SUCCESS);
    }
    let mut err = Error::new(
        "usage::unknown-rule",
        format!("unknown rule or topic `{code}`"),
    );
    err = err.with_help(match rules::closest(code) {
        Some(c) => format!("did you mean `{c}`? `provlint explain` lists every rule"),
        None => "`provlint explain` lists every rule".to_string(),
    });
    Err(vec![err])
}
