//! What the draft and reader targets share: how an input becomes a draft,
//! and the span invariant.

use provlint::text::Format;

/// The first byte picks the format (even: Markdown, odd: plain text); the
/// rest, if it is UTF-8, is the draft's text.
pub fn draft_input(data: &[u8]) -> Option<(Format, &str)> {
    let (&first, rest) = data.split_first()?;
    let text = std::str::from_utf8(rest).ok()?;
    let format = if first & 1 == 0 {
        Format::Markdown
    } else {
        Format::Text
    };
    Some((format, text))
}

/// A span found in `text` lies inside it, on character boundaries.
pub fn assert_inside(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} not on character boundaries"
    );
}
