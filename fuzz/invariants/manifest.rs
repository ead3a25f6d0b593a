//! `sources.toml` of any text: a manifest or an error, never a panic.

use provlint::corpus::Manifest;
use std::path::Path;

/// One input: panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dir = Path::new(super::ROOT).join("corpus");
    let _ = Manifest::parse(&dir, &dir.join("sources.toml"), text.into());
}
