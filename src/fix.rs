//! Applying fixes: `--fix` (safe fixes), `--unsafe-fixes` (also the ones
//! that rewrite a writer's words, such as a quotation's), `--diff` (show,
//! don't write).

use crate::diagnostic::{Applicability, FileReport, Fix};

/// The fixes of `report` that may be applied: safe ones, and unsafe ones
/// when `unsafe_fixes`.
pub fn applicable(report: &FileReport, unsafe_fixes: bool) -> Vec<&Fix> {
    report
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| unsafe_fixes || f.applicability == Applicability::Safe)
        .collect()
}

/// `text` with `fixes` applied, from the end of the text backwards so each
/// span is still right when it is applied; a fix that overlaps one already
/// applied is skipped (run again to apply it). Returns the new text and how
/// many fixes were applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| {
            f.span.end <= text.len()
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end)
        })
        .collect();
    fixes.sort_by(|a, b| {
        b.span
            .start
            .cmp(&a.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    let mut out = text.to_string();
    let mut applied = 0;
    let mut limit = usize::MAX;
    for f in fixes {
        // Overlap with the previous (later) one; touching is fine, except
        // two insertions at one point.
        if f.span.end > limit || (f.span.end == limit && f.span.is_empty()) {
            continue;
        }
        out.replace_range(f.span.range(), &f.replacement);
        limit = f.span.start;
        applied += 1;
    }
    (out, applied)
}

/// A unified diff of `old` to `new` for `path`, as `git diff` shows it.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn fix(a: usize, b: usize, r: &str) -> Fix {
        Fix {
            span: Span::new(a, b),
            replacement: r.into(),
            applicability: Applicability::Safe,
            message: String::new(),
        }
    }

    #[test]
    fn back_to_front_and_overlaps_skipped() {
        let text = "one two three four";
        let f1 = fix(0, 3, "ONE");
        let f2 = fix(8, 13, "3");
        let f3 = fix(10, 18, "overlapping");
        let (out, n) = apply(text, &[&f1, &f2, &f3]);
        // f3 starts later, so it is applied first; f2 overlaps it.
        assert_eq!(out, "ONE two thoverlapping");
        assert_eq!(n, 2);
        let (out, n) = apply(text, &[&f1, &f2]);
        assert_eq!((out.as_str(), n), ("ONE two 3 four", 2));
    }

    #[test]
    fn diff_shows_the_change() {
        let d = unified_diff("a.md", "x\ny\n", "x\nz\n");
        assert!(d.contains("--- a/a.md\n+++ b/a.md\n"), "{d}");
        assert!(d.contains("-y\n+z\n"), "{d}");
    }
}
