//! `provlint lsp`: the language server on standard input and output.

use crate::cli::Cli;
use provlint::error::Error;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(cli: &Cli) -> Result<ExitCode, Vec<Error>> {
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
