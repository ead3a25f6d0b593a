//! One module per subcommand (`provlint check` is `check::run`), and what
//! they share: the settings and corpus of a run, the drafts named on the
//! command line, error reports, and small text tables.

pub(crate) mod check;
pub(crate) mod config;
pub(crate) mod corpus;
pub(crate) mod explain;
pub(crate) mod extract;
pub(crate) mod lsp;
pub(crate) mod report;

use crate::cli::Cli;
use provlint::config::Settings;
use provlint::corpus::{CacheOptions, Corpus};
use provlint::error::Error;
use provlint::files;
use provlint::render::{self, human::HumanOptions};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Prints user errors to standard error.
pub(crate) fn report_errors(errors: &[Error], color: bool) {
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

pub(crate) fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

pub(crate) fn settings(cli: &Cli) -> Result<Settings, Vec<Error>> {
    let cwd = std::env::current_dir()
        .map_err(|e| vec![Error::io(Path::new("."), &e, "read the current directory")])?;
    let mut s = Settings::load_with(&cwd, cli.config.as_deref(), cli.isolated, &cli.set)
        .map_err(|e| vec![e])?;
    if let Some(dir) = &cli.corpus {
        s.corpus = cwd.join(dir);
    }
    Ok(s)
}

pub(crate) fn cache_options(settings: &Settings) -> CacheOptions {
    let mut opts = CacheOptions::new(provlint::paths::relative(&settings.cache_dir));
    opts.progress = true;
    opts
}

pub(crate) fn load_corpus(cli: &Cli, settings: &Settings) -> Result<Corpus, Vec<Error>> {
    let dir = provlint::paths::relative(&settings.corpus);
    if cli.no_cache {
        return Corpus::load(&dir).map_err(|e| vec![e]);
    }
    Corpus::open(&dir, &cache_options(settings)).map_err(|e| vec![e])
}

/// Reads the drafts named on the command line, in order; errors for the
/// ones that cannot be read, which do not stop the others.
pub(crate) fn read_drafts(
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
            match files::read_stdin(stdin_name.unwrap_or("<stdin>"), settings.max_draft_bytes) {
                Ok(d) => drafts.push(d),
                Err(e) => errors.push(e),
            }
            continue;
        }
        let (found, walk_errors) =
            files::collect_selected(std::slice::from_ref(path), &skip, &selection);
        errors.extend(walk_errors);
        for file in found {
            match files::read_draft(&file, settings.max_draft_bytes) {
                Ok(d) => drafts.push(d),
                Err(e) => errors.push(e),
            }
        }
    }
    (drafts, errors)
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub(crate) fn human_bytes(b: u64) -> String {
    if b >= 1 << 20 {
        format!("{:.1} MB", b as f64 / 1e6)
    } else if b >= 1 << 10 {
        format!("{:.1} kB", b as f64 / 1e3)
    } else {
        format!("{b} bytes")
    }
}

pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

pub(crate) fn format_table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
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
