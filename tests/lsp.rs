//! Runs the language server's client tests (`tests/lsp/`, Python): pytest-lsp
//! drives `provlint lsp` over stdio with the recorded capabilities of Neovim,
//! VS Code and Emacs, and headless Neovim runs it through its own client.
//!
//! They need python3 with the packages of `tests/lsp/requirements.txt` (and
//! `nvim` for the Neovim test). Where those are missing the tests are
//! skipped, saying so, unless the environment variable `CI` is set, when
//! they fail: `.ci/run` installs them.

use std::io::Write;
use std::path::Path;
use std::process::Command;

/// Says something the test harness does not swallow.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

fn missing(what: &str) {
    let message = format!(
        "the language server's client tests need {what}: python3 -m pip install -r tests/lsp/requirements.txt (.ci/run does)"
    );
    if std::env::var_os("CI").is_some() {
        panic!("{message}");
    }
    say(&format!("skipped: {message}"));
}

#[test]
fn the_language_server_passes_its_client_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let has_pytest_lsp = Command::new("python3")
        .args(["-c", "import pytest_lsp"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pytest_lsp {
        return missing("python3 with pytest-lsp");
    }
    let out = Command::new("python3")
        .args([
            "-m",
            "pytest",
            "tests/lsp",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
        ])
        .env("PROVLINT_BIN", env!("CARGO_BIN_EXE_provlint"))
        .current_dir(root)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the client tests failed:\n{stdout}\n{stderr}"
    );
    // pytest's summary ("45 passed in 30.1s"), and any test it skipped.
    for line in stdout.lines() {
        if line.starts_with("SKIPPED") || line.contains(" passed") {
            say(&format!("tests/lsp: {line}"));
        }
    }
}
