//! The readers alone, on any text, fast: the draft reader (Markdown and
//! plain text), its quotations, and date and figure extraction over its
//! sentences, with no corpus and no check. The `draft` target runs every
//! check too and so runs slowly; this one covers the parsers many times
//! more often. Beyond "no panic": every span lies inside the text it was
//! found in, on character boundaries, and every prose span maps back into
//! the original bytes on character boundaries.

use provlint::draft::Draft;
use provlint::span::Span;

/// One input: panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let Some((format, text)) = super::common::draft_input(data) else {
        return;
    };
    let draft = Draft::new("draft", text, format);
    let prose = draft.doc.prose.text();
    let inside =
        |text: &str, s: Span, what: &str| super::common::assert_inside(text, s.start, s.end, what);
    let to_original = |s: Span, what: &str| {
        inside(prose, s, what);
        inside(text, draft.doc.prose.to_original(s), what);
    };
    for q in draft.quotations() {
        to_original(q.prose, "quotation");
        inside(text, q.span(&draft.doc), "quotation");
    }
    let sentences: Vec<Span> = draft.doc.sentences().into_iter().map(|(_, s)| s).collect();
    for &s in &sentences {
        to_original(s, "sentence");
    }
    for d in provlint::dates::expr::in_sentences(prose, &sentences) {
        to_original(d.span, "date");
    }
    for s in &sentences {
        for r in provlint::dates::relative::find(prose, *s) {
            to_original(r.span, "relative date");
        }
    }
    let rules = provlint::figures::FigureRules::built_in();
    for f in provlint::figures::extract(prose, &sentences, rules, 0.0) {
        to_original(f.span, "figure");
        to_original(f.statement, "figure statement");
    }
}
