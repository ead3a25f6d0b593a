//! The `provlint` command: parses arguments, loads the config and corpus,
//! calls the library, renders, and picks the exit code. Nothing else.

use clap::{Parser, Subcommand, ValueEnum};
use provlint::config::Settings;
use provlint::corpus::{CacheOptions, Corpus};
use provlint::diagnostic::{Severity, Summary};
use provlint::error::Error;
use provlint::render::{self, human::HumanOptions};
use provlint::{checks, extract, files, rules};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "provlint", version, about = "Checks the quotations of a draft against a corpus of sources.", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Use this config file instead of the provlint.toml found from the current directory upward.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
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
    /// Show what provlint sees in drafts: every quotation, with its span.
    Extract(ExtractArgs),
    /// Work with the corpus.
    #[command(subcommand)]
    Corpus(CorpusCommand),
    /// Print the settings in force (the defaults, the config file, the flags), as TOML.
    Config,
    /// Explain a rule (`provlint explain quote::mismatch`), or list them all.
    Explain {
        /// A rule code, or `verbatim`.
        code: Option<String>,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Drafts to check: files, directories (Markdown and text files in them), or - for standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = render::Format::Human)]
    format: render::Format,
    /// The file name to report for standard input (its extension picks Markdown or text).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// List verified quotations with their source locations (JSON output).
    #[arg(long)]
    show_verified: bool,
    /// Exit with code 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
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
    /// Build or update the index cache (only what changed), with a progress bar on a terminal.
    Index {
        /// Index every source again, whatever the cache holds.
        #[arg(long)]
        rebuild: bool,
        /// Verify the checksum of every cache file, not only of those that look changed.
        #[arg(long)]
        verify: bool,
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
        Command::Corpus(CorpusCommand::Index { rebuild, verify }) => {
            run_corpus_index(&cli, *rebuild, *verify)
        }
        Command::Corpus(CorpusCommand::Stats { format, verify }) => {
            run_corpus_stats(&cli, *format, *verify)
        }
        Command::Config => run_config(&cli),
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
    let mut s = Settings::load(&cwd, cli.config.as_deref()).map_err(|e| vec![e])?;
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
    skip: &[PathBuf],
) -> (Vec<provlint::draft::Draft>, Vec<Error>) {
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
        let (found, walk_errors) = files::collect(std::slice::from_ref(path), skip);
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
    let corpus = load_corpus(cli, &settings)?;
    let (drafts, mut errors) = read_drafts(
        &args.paths,
        args.stdin_filename.as_deref(),
        &[settings.corpus.clone()],
    );
    let reports: Vec<_> = drafts
        .iter()
        .map(|d| checks::check(d, &corpus, &settings))
        .collect();
    let out = match args.format {
        render::Format::Human => render::human::render(
            &reports,
            HumanOptions {
                color,
                width: width(),
            },
        ),
        render::Format::Json => render::json::render(&reports, args.show_verified),
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    errors.extend(corpus.load_errors());
    let summary = Summary::of(&reports);
    if args.format == render::Format::Human
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
    Ok(if summary.fails(settings.fail_on) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn run_extract(cli: &Cli, args: &ExtractArgs) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let (drafts, errors) = read_drafts(
        &args.paths,
        args.stdin_filename.as_deref(),
        &[settings.corpus.clone()],
    );
    let items: Vec<_> = drafts
        .iter()
        .flat_map(|d| extract::extract(d, &settings))
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

fn run_corpus_index(cli: &Cli, rebuild: bool, verify: bool) -> Result<ExitCode, Vec<Error>> {
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

fn run_explain(code: Option<&str>) -> Result<ExitCode, Vec<Error>> {
    let defaults = Settings::defaults(Path::new("."));
    let Some(code) = code else {
        let mut out = String::from("Rules (provlint explain CODE for one):\n\n");
        for r in rules::RULES {
            let level = defaults.severity(r.code).map_or("off", Severity::as_str);
            out.push_str(&format!("  {:<20} {:<8} {}\n", r.code, level, r.summary));
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
        if rule.code.starts_with("quote::") {
            out.push('\n');
            out.push_str(rules::VERBATIM.trim_end());
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
