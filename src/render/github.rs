//! GitHub Actions workflow commands: one annotation a finding,
//! `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`,
//! escaped as `@actions/core` escapes them (`%`, CR and LF in the message;
//! also `:` and `,` in properties), with the properties in its order.
//!
//! `col` and `endColumn` (code points; `endColumn` is the last character's)
//! are given only for a finding on a single line, as GitHub requires. A step
//! shows at most 10 error and 10 warning annotations, so a plain summary
//! line follows them, and says so when some were not shown.

use super::{full_message, positioned};
use crate::diagnostic::{FileReport, Severity, Summary};

/// The most annotations of one kind GitHub shows for a step.
pub const SHOWN_PER_KIND: usize = 10;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for (r, d, positions) in positioned(reports) {
        let range = positions.range(d.span);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![
            ("title", d.code.to_string()),
            ("file", r.path.clone()),
            ("line", range.start.line.to_string()),
            ("endLine", range.end.line.to_string()),
        ];
        if range.single_line() {
            let last = (range.end.chars.max(range.start.chars + 1)) - 1;
            props.push(("col", range.start.chars.to_string()));
            props.push(("endColumn", last.to_string()));
        }
        let mut message = full_message(d);
        for rel in &d.related {
            message.push_str(&format!(
                "\n{}: {}:{}:{}: {}",
                rel.source, rel.path, rel.span.line, rel.span.column, rel.message
            ));
        }
        out.push_str("::");
        out.push_str(command);
        out.push(' ');
        let props: Vec<String> = props
            .iter()
            .map(|(k, v)| format!("{k}={}", escape_property(v)))
            .collect();
        out.push_str(&props.join(","));
        out.push_str("::");
        out.push_str(&escape_data(&message));
        out.push('\n');
    }
    let summary = Summary::of(reports);
    if summary.errors + summary.warnings + summary.infos > 0 {
        out.push_str(&super::human::summary_line(&summary));
        out.push('\n');
        if summary.errors.max(summary.warnings).max(summary.infos) > SHOWN_PER_KIND {
            out.push_str(&format!(
                "provlint: GitHub shows the first {SHOWN_PER_KIND} annotations of each kind in a step; every finding is in this log\n"
            ));
        }
    }
    out
}

/// Escapes a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A Markdown summary for the job's summary page (`$GITHUB_STEP_SUMMARY`):
/// the counts, and every finding, since annotations are capped per step.
pub fn step_summary(reports: &[FileReport]) -> String {
    let summary = Summary::of(reports);
    let mut out = String::from("### provlint\n\n");
    if summary.errors + summary.warnings + summary.infos == 0 {
        out.push_str(&format!(
            "No problems in {} checked.\n",
            plural(summary.files, "file")
        ));
        return out;
    }
    out.push_str(&format!(
        "{}\n\n| where | severity | rule | message |\n|---|---|---|---|\n",
        super::human::summary_line(&summary)
    ));
    for (r, d, positions) in positioned(reports) {
        let pos = positions.position(d.span.start);
        out.push_str(&format!(
            "| `{}:{}:{}` | {} | `{}` | {} |\n",
            r.path,
            pos.line,
            pos.chars,
            d.severity,
            d.code,
            super::concise::one_line(&d.message).replace('|', "\\|")
        ));
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_actions_core() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("quote::x, 5%"), "quote%3A%3Ax%2C 5%25");
    }
}
