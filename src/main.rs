//! The `provlint` command: parses arguments and runs the subcommand (one
//! module each in `commands/`), which loads the config and corpus, calls the
//! library, renders, and picks the exit code.

mod cli;
mod commands;

use clap::Parser;
use cli::{Cli, Color, Command, CorpusCommand};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let result = match &cli.command {
        Command::Check(args) => commands::check::run(&cli, args, color),
        Command::Extract(args) => commands::extract::run(&cli, args),
        Command::Corpus(CorpusCommand::List { format }) => commands::corpus::list(&cli, *format),
        Command::Corpus(CorpusCommand::Index {
            rebuild,
            verify,
            no_facts,
        }) => commands::corpus::index(&cli, *rebuild, *verify, !*no_facts),
        Command::Corpus(CorpusCommand::Stats { format, verify }) => {
            commands::corpus::stats(&cli, *format, *verify)
        }
        Command::Corpus(CorpusCommand::Audit {
            format,
            all,
            dates,
            figures,
        }) => commands::corpus::audit(&cli, *format, *all, !*figures, !*dates),
        Command::Lsp => commands::lsp::run(&cli),
        Command::Report(args) => commands::report::run(&cli, args),
        Command::Config { schema } => {
            if *schema {
                let _ = std::io::stdout().write_all(provlint::config::schema().as_bytes());
                Ok(ExitCode::SUCCESS)
            } else {
                commands::config::run(&cli)
            }
        }
        Command::Explain { code } => commands::explain::run(code.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(errors) => {
            commands::report_errors(&errors, color);
            ExitCode::from(2)
        }
    }
}
