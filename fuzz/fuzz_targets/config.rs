//! The `config` target: see `fuzz/invariants/config.rs` for what must hold.
//! The invariants live there so that `tests/fuzz_replay.rs` can run them on
//! the stable toolchain over the seeds and the minimized corpus.
#![no_main]

#[path = "../invariants/config.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::run(data));
