//! `provlint config`: the settings in force, as TOML.

use super::settings;
use crate::cli::Cli;
use provlint::error::Error;
use std::io::Write;
use std::process::ExitCode;

pub(crate) fn run(cli: &Cli) -> Result<ExitCode, Vec<Error>> {
    let settings = settings(cli)?;
    let out = match &settings.config {
        Some(path) => format!(
            "# from {} over the built-in defaults\n",
            provlint::paths::relative(path).display()
        ),
        None => "# built-in defaults (no provlint.toml found)\n".to_string(),
    } + &settings.to_toml();
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}
