//! `provlint report`: a summary per draft.

use super::{load_corpus, read_drafts, settings};
use crate::cli::{Cli, ReportArgs};
use provlint::error::Error;
use provlint::render;
use provlint::{checks, report};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(cli: &Cli, args: &ReportArgs) -> Result<ExitCode, Vec<Error>> {
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
