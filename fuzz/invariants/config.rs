//! `provlint.toml` of any text: a settings value or an error, never a panic;
//! an error points inside the file.

use provlint::config::Settings;
use std::path::Path;

/// One input: panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut settings = Settings::defaults(Path::new("."));
    let _ = settings.apply(text, Path::new("provlint.toml"), Path::new("."));
}
