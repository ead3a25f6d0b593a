//! The command line, tested as a user runs it: each `tests/cmd/*.toml` case
//! gives the arguments, the input, and the exact output and exit code.
//! `TRYCMD=overwrite cargo test --test cli` rewrites the expected output.

#[test]
fn cli() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
