//! The concise format: one line a finding,
//! `path:line:col: severity[code] message`, the form compilers print and
//! editors parse (Vim's quickfix, Emacs's compilation mode). Columns count
//! Unicode code points, as people do: in Vim use `%v` (the screen column)
//! in the `errorformat`, not `%c` (a byte index); `provlint explain formats`
//! gives the line to use.

use super::positioned;
use crate::diagnostic::FileReport;

/// One line per finding. The message is kept to one line.
pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for (r, d, positions) in positioned(reports) {
        let pos = positions.position(d.span.start);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            r.path,
            pos.line,
            pos.chars,
            d.severity,
            d.code,
            one_line(&d.message)
        ));
    }
    out
}

/// `s` with its line breaks (and runs of white space around them) folded to
/// single spaces.
pub fn one_line(s: &str) -> String {
    if !s.contains(['\n', '\r']) {
        return s.to_string();
    }
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
