//! provlint: checks a draft's quotations, dates, figures and citations
//! against a corpus of source documents.
//!
//! The core is pure: text in, findings out. Files, the command line and
//! output formats live at the edges.

// An error carries the file's text and a labelled span so that it can point
// at the bad line; it is built once, on a cold path, and boxing it would only
// move that cost around.
#![allow(clippy::result_large_err)]

pub mod attribution;
pub mod baseline;
pub mod catalog;
pub mod checks;
pub mod config;
pub mod corpus;
pub mod dates;
pub mod diagnostic;
pub mod draft;
pub mod error;
pub mod events;
pub mod extract;
pub mod figures;
pub mod files;
pub mod fix;
pub mod gitdiff;
pub mod lsp;
pub mod matching;
pub mod parallel;
pub mod paths;
pub mod render;
pub mod report;
pub mod rules;
pub mod span;
pub mod suppress;
pub mod text;
