//! A baseline file of any text: a baseline or an error pointing into it,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = provlint::baseline::Baseline::parse(text.into(), std::path::Path::new("baseline.json"));
});
