//! A baseline file of any text: a baseline or an error pointing into it,
//! never a panic.

/// One input: panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = provlint::baseline::Baseline::parse(text.into(), std::path::Path::new("baseline.json"));
}
