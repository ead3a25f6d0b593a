//! `sources.toml` of any text: a manifest or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use provlint::corpus::Manifest;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let _ = Manifest::parse(&dir, &dir.join("sources.toml"), text.into());
});
