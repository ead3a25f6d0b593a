//! JSON Lines: one finding a line, each the same object as an entry of the
//! `json` format's `diagnostics` array. Nothing else is printed, so a
//! consumer can read it as a stream (`jq -c`, `while read`).

use crate::diagnostic::FileReport;

pub fn render(reports: &[FileReport]) -> String {
    let doc = super::json::document(reports, false);
    let mut out = String::new();
    for d in &doc.diagnostics {
        out.push_str(&serde_json::to_string(d).expect("diagnostics serialize"));
        out.push('\n');
    }
    out
}
