//! A keyed facts file of any bytes (corpus/keyed.rs): refused when its
//! directory is damaged, and a damaged group is reported, never trusted
//! and never a panic. A group that reads back must hold the key asked for.

use provlint::corpus::keyed::Keyed;

/// One input: panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let Some(keyed) = Keyed::in_memory(data.to_vec()) else {
        return;
    };
    for key in ["q:killed", "e:coup-1973", "n:count\u{1f}leftist", ""] {
        let _ = keyed.get::<(u32, String)>(key);
        let _ = keyed.get::<provlint::figures::index::Filed>(key);
        let _ = keyed.get::<provlint::events::corpus::Filed>(key);
    }
}
