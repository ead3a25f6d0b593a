//! `provlint explain [CODE]`: a rule's documentation, a topic, or the list.

use provlint::config::Settings;
use provlint::diagnostic::Severity;
use provlint::error::Error;
use provlint::rules;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(code: Option<&str>) -> Result<ExitCode, Vec<Error>> {
    let defaults = Settings::defaults(Path::new("."));
    let Some(code) = code else {
        let mut out = String::from("Rules (provlint explain CODE for one):\n\n");
        let width = rules::RULES.iter().map(|r| r.code.len()).max().unwrap_or(0);
        for r in rules::RULES {
            let level = defaults.severity(r.code).map_or("off", Severity::as_str);
            out.push_str(&format!(
                "  {:<width$} {:<8} {}\n",
                r.code, level, r.summary
            ));
        }
        out.push_str("\nTopics: ");
        out.push_str(
            &rules::TOPICS
                .iter()
                .map(|(t, _)| *t)
                .collect::<Vec<_>>()
                .join(", "),
        );
        out.push('\n');
        let _ = std::io::stdout().write_all(out.as_bytes());
        return Ok(ExitCode::SUCCESS);
    };
    if let Some(rule) = rules::lookup(code) {
        let level = defaults.severity(rule.code).map_or("off", Severity::as_str);
        let mut out = format!("{}\nDefault severity: {level}\n", rule.doc.trim_end());
        for topic in rules::appendix(rule.code) {
            out.push('\n');
            out.push_str(topic.trim_end());
            out.push('\n');
        }
        let _ = std::io::stdout().write_all(out.as_bytes());
        return Ok(ExitCode::SUCCESS);
    }
    if let Some((_, doc)) = rules::TOPICS.iter().find(|(t, _)| *t == code) {
        let _ = std::io::stdout().write_all(doc.as_bytes());
        return Ok(ExitCode::SUCCESS);
    }
    let mut err = Error::new(
        "usage::unknown-rule",
        format!("unknown rule or topic `{code}`"),
    );
    err = err.with_help(match rules::closest(code) {
        Some(c) => format!("did you mean `{c}`? `provlint explain` lists every rule"),
        None => "`provlint explain` lists every rule".to_string(),
    });
    Err(vec![err])
}
