//! `provlint check`: check drafts, apply or show fixes, filter by a git
//! revision or a baseline, render, and pick the exit code.

use super::{load_corpus, plural, read_drafts, report_errors, settings, width};
use crate::cli::{CheckArgs, Cli, FailOn};
use provlint::diagnostic::{Severity, Summary};
use provlint::error::Error;
use provlint::render::{self, human::HumanOptions};
use provlint::{baseline, checks, fix, gitdiff, rules};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(cli: &Cli, args: &CheckArgs, color: bool) -> Result<ExitCode, Vec<Error>> {
    let mut settings = settings(cli)?;
    if let Some(f) = args.fail_on {
        settings.fail_on = match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        };
    }
    if let Some(date) = args.as_of {
        settings.as_of = Some(date);
    }
    let diff_base = match (&args.diff_base, args.changed_only) {
        (Some(rev), _) => Some(rev.as_str()),
        (None, true) => Some("HEAD"),
        (None, false) => None,
    };
    if let Some(rev) = diff_base {
        gitdiff::verify(rev).map_err(|e| vec![e])?;
    }
    // A bad baseline is an error before any work.
    let base = match &args.baseline {
        Some(path) => Some(baseline::Baseline::load(path).map_err(|e| vec![e])?),
        None => None,
    };
    let corpus = load_corpus(cli, &settings)?;
    let (mut drafts, mut errors) =
        read_drafts(&args.paths, args.stdin_filename.as_deref(), &settings);
    let stdin_name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let from_stdin =
        |path: &str| path == stdin_name && args.paths.iter().any(|p| p.as_os_str() == "-");
    let check = |d: &provlint::draft::Draft| {
        checks::check(d, &corpus, &settings.for_path(Path::new(&d.path)))
    };
    let mut reports: Vec<_> = drafts.iter().map(check).collect();

    if args.fix || args.diff {
        let mut diffs = String::new();
        let mut fixed = 0;
        let mut files_fixed = 0;
        for (draft, report) in drafts.iter_mut().zip(reports.iter_mut()) {
            let fixes = fix::applicable(report, args.unsafe_fixes);
            if fixes.is_empty() {
                continue;
            }
            let (text, n) = fix::apply(&draft.text, &fixes);
            if n == 0 {
                continue;
            }
            fixed += n;
            files_fixed += 1;
            if args.diff {
                diffs.push_str(&fix::unified_diff(&draft.path, &draft.text, &text));
                continue;
            }
            if from_stdin(&draft.path) {
                // Standard input: the fixed text goes to standard output.
                let _ = std::io::stdout().write_all(text.as_bytes());
            } else if let Err(e) = std::fs::write(&draft.path, &text) {
                errors.push(Error::io(Path::new(&draft.path), &e, "write fixes to"));
                continue;
            }
            *draft = provlint::draft::Draft::from_path_and_text(&draft.path, text);
            *report = check(draft);
        }
        if args.diff {
            let _ = std::io::stdout().write_all(diffs.as_bytes());
            let unsafe_left: usize = reports
                .iter()
                .map(|r| {
                    fix::applicable(r, true).len() - fix::applicable(r, args.unsafe_fixes).len()
                })
                .sum();
            if unsafe_left > 0 {
                eprintln!(
                    "provlint: {} not shown (--unsafe-fixes shows them)",
                    plural(unsafe_left, "unsafe fix")
                );
            }
            if !errors.is_empty() {
                report_errors(&errors, color);
                return Ok(ExitCode::from(2));
            }
            return Ok(ExitCode::from(u8::from(fixed > 0)));
        }
        eprintln!(
            "provlint: applied {} in {}",
            plural(fixed, "fix"),
            plural(files_fixed, "file")
        );
    }

    if let Some(rev) = diff_base {
        for report in &mut reports {
            if args.paths.iter().any(|p| p.as_os_str() == "-")
                && Some(report.path.as_str())
                    == Some(args.stdin_filename.as_deref().unwrap_or("<stdin>"))
            {
                continue;
            }
            match gitdiff::changed_lines(rev, Path::new(&report.path)) {
                Ok(changed) => {
                    let lines = provlint::span::LineIndex::new(&report.text);
                    let text = report.text.clone();
                    report.diagnostics.retain(|d| {
                        let first = lines.line_col(&text, d.span.start).line;
                        let last = lines
                            .line_col(&text, d.span.end.max(d.span.start + 1) - 1)
                            .line;
                        changed.touches(first, last.max(first))
                    });
                }
                Err(e) => errors.push(e),
            }
        }
    }

    if let Some(path) = &args.write_baseline {
        let n = baseline::write(path, &reports).map_err(|e| vec![e])?;
        eprintln!(
            "provlint: wrote {} to {}",
            if n == 1 {
                "1 baseline entry".to_string()
            } else {
                format!("{n} baseline entries")
            },
            path.display()
        );
        if !errors.is_empty() {
            report_errors(&errors, color);
            return Ok(ExitCode::from(2));
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(base) = &base
        && let Some(stale) = base.apply(&mut reports, settings.severity(rules::BASELINE_STALE.code))
    {
        reports.push(stale);
    }

    let out = match args.format {
        render::CheckFormat::Human => render::human::render(
            &reports,
            HumanOptions {
                color,
                width: width(),
            },
        ),
        render::CheckFormat::Json => render::json::render(&reports, args.show_verified),
        render::CheckFormat::Concise => render::concise::render(&reports),
        render::CheckFormat::JsonLines => render::json_lines::render(&reports),
        render::CheckFormat::Sarif => render::sarif::render(&reports, &settings),
        render::CheckFormat::Github => render::github::render(&reports),
        render::CheckFormat::Rdjson => render::rdjson::render(&reports),
        render::CheckFormat::Junit => render::junit::render(&reports, settings.fail_on),
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    if args.format == render::CheckFormat::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY")
    {
        use std::fs::OpenOptions;
        let summary = render::github::step_summary(&reports);
        if let Err(e) = OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .and_then(|mut f| f.write_all(summary.as_bytes()))
        {
            errors.push(Error::io(Path::new(&path), &e, "write the step summary to"));
        }
    }
    errors.extend(corpus.load_errors());
    let summary = Summary::of(&reports);
    if args.format == render::CheckFormat::Human
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
    Ok(if summary.fails(settings.fail_on) && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
