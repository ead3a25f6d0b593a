//! `provlint extract`: what provlint sees in a draft.

use super::{load_corpus, read_drafts, settings};
use crate::cli::{Cli, ExtractArgs};
use provlint::error::Error;
use provlint::{extract, render};
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn run(cli: &Cli, args: &ExtractArgs) -> Result<ExitCode, Vec<Error>> {
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
