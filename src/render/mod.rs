//! Output formats. Each is a pure function of the findings: the checks
//! never format, and no renderer adds facts of its own.

pub mod human;
pub mod json;

use clap::ValueEnum;

/// The `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical reports with the draft and source snippets (default).
    Human,
    /// One versioned JSON document.
    Json,
}
