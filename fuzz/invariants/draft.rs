//! A draft of any text, Markdown or plain, through every check, `extract`
//! and the renderers. Beyond "no panic": every span of a finding, its
//! evidence and its fix lies inside the draft on character boundaries, and
//! a fix applied changes only its own span.

use provlint::config::Settings;
use provlint::corpus::Corpus;
use provlint::draft::Draft;
use provlint::text::Format;
use std::path::Path;
use std::sync::OnceLock;

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = Path::new(super::ROOT).join("corpus");
        Corpus::load(&dir).expect("the shipped corpus loads")
    })
}

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let mut s = Settings::defaults(Path::new("."));
        s.as_of = provlint::dates::Ymd::parse_iso("2026-11-21");
        s
    })
}

/// One input: panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let Some((format, text)) = super::common::draft_input(data) else {
        return;
    };
    let path = if format == Format::Markdown {
        "draft.md"
    } else {
        "draft.txt"
    };
    let draft = Draft::new(path, text, format);

    // The reader: every prose byte maps back into the original.
    for q in draft.quotations() {
        let span = q.span(&draft.doc);
        super::common::assert_inside(text, span.start, span.end, "quotation");
    }

    let report = provlint::checks::check(&draft, corpus(), settings());
    for d in &report.diagnostics {
        super::common::assert_inside(text, d.span.start, d.span.end, d.code);
        for r in &d.related {
            assert!(r.span.line >= 1, "{}: evidence without a line", d.code);
        }
        if let Some(fix) = &d.fix {
            super::common::assert_inside(text, fix.span.start, fix.span.end, "fix");
            let (fixed, n) = provlint::fix::apply(text, &[fix]);
            if n == 1 {
                // Only the fix's span changed.
                assert_eq!(&fixed[..fix.span.start], &text[..fix.span.start]);
                assert_eq!(
                    &fixed[fix.span.start + fix.replacement.len()..],
                    &text[fix.span.end..]
                );
            }
        }
    }
    for item in provlint::extract::extract(&draft, settings(), corpus()) {
        super::common::assert_inside(text, item.span.start, item.span.end, "extracted item");
    }
    let reports = [report];
    let _ = provlint::render::json::render(&reports, true);
    let _ = provlint::render::concise::render(&reports);
    let _ = provlint::render::sarif::render(&reports, settings());
    let _ = provlint::render::human::render(
        &reports,
        provlint::render::human::HumanOptions {
            color: false,
            width: 80,
        },
    );
}
