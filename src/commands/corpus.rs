//! `provlint corpus list|audit|index|stats`.

use super::{cache_options, format_table, human_bytes, load_corpus, plural, settings, truncate};
use crate::cli::Cli;
use provlint::corpus::Corpus;
use provlint::error::Error;
use provlint::render;
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn list(cli: &Cli, format: render::Format) -> Result<ExitCode, Vec<Error>> {
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
                corpus: provlint::paths::display_path(&corpus.dir),
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
                provlint::paths::display_path(&corpus.dir)
            ));
            out
        }
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn audit(
    cli: &Cli,
    format: render::Format,
    all: bool,
    dates: bool,
    figures: bool,
) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let corpus = load_corpus(cli, &settings)?;
    let version = render::json::VERSION;
    let date_audit =
        dates.then(|| provlint::events::audit::audit(&corpus, &settings.events, all, version));
    let figure_audit = figures
        .then(|| provlint::figures::audit::audit(&corpus, &settings.quantities, all, version));
    let out = match format {
        render::Format::Human => {
            let mut out = String::new();
            if let Some(a) = &date_audit {
                out.push_str(&provlint::events::audit::render_human(a));
            }
            if let Some(a) = &figure_audit {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&provlint::figures::audit::render_human(a));
            }
            out
        }
        render::Format::Json => {
            // The date audit's document, with the figure audit as its
            // `figures` member; or the figure audit alone.
            let value = match (&date_audit, &figure_audit) {
                (Some(d), f) => {
                    let mut v = serde_json::to_value(d).expect("audit serializes");
                    if let (Some(f), Some(map)) = (f, v.as_object_mut()) {
                        map.insert(
                            "figures".to_string(),
                            serde_json::to_value(f).expect("audit serializes"),
                        );
                    }
                    v
                }
                (None, Some(f)) => serde_json::to_value(f).expect("audit serializes"),
                (None, None) => serde_json::Value::Null,
            };
            serde_json::to_string_pretty(&value).expect("audit serializes") + "\n"
        }
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    // A report, not a check: the corpus's disagreements are facts to show.
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn index(
    cli: &Cli,
    rebuild: bool,
    verify: bool,
    facts: bool,
) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let dir = provlint::paths::relative(&settings.corpus);
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
            provlint::paths::relative(&opts.dir).display()
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
            provlint::paths::relative(&opts.dir).display()
        )
    };
    // The facts the checks compare drafts with, so the next check finds
    // them ready (see corpus/facts.rs).
    let start = std::time::Instant::now();
    if facts {
        // Filed by what the checks compare on, too (corpus/keyed.rs).
        settings.quantities.corpus_for(&corpus, &[], &[]);
        settings.events.corpus_dates_for(&corpus, &[]);
        // Where each source may be read from partway (corpus/passage.rs).
        corpus.prepare_passages();
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

pub(crate) fn stats(
    cli: &Cli,
    format: render::Format,
    verify: bool,
) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let dir = provlint::paths::relative(&settings.corpus);
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
