//! Each output format read by the real tool that consumes it, installed by
//! `.ci/run` (npm and PyPI packages under `tests/consumers/`, Vim from
//! Debian's packages):
//!
//! - `sarif`: Microsoft's SARIF Multitool `validate` with the GitHub rules,
//!   and the SARIF 2.1.0 JSON schema with Python's `jsonschema`;
//! - `concise`: Vim's quickfix list, with the `errorformat` that `provlint
//!   explain formats` documents, lands on each finding's line and column;
//! - `rdjson`: `@umbrelladocs/rdformat-validator`, strict;
//! - `github`: the same lines as `@actions/core` prints for the findings;
//! - `junit`: `junitparser`, the reader behind CI test-report actions.
//!
//! When a tool is missing, a test fails if `CI` is set and otherwise skips,
//! saying so.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const DRAFT: &str = "tests/data/formats.md";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn consumers() -> PathBuf {
    repo().join("tests/consumers")
}

/// Runs provlint from the repository root.
fn provlint(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_provlint"));
    cmd.args(args)
        .current_dir(repo())
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("provlint runs");
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A tool the test needs: the first candidate that exists, or `name` on
/// the PATH. Missing: a failure under CI, else a skip.
fn require(name: &str, candidates: &[PathBuf]) -> Option<PathBuf> {
    let found = candidates.iter().find(|c| c.exists()).cloned().or_else(|| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
    });
    if found.is_none() {
        missing(name);
    }
    found
}

fn missing(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is not installed; `bash .ci/run` installs it (see tests/consumers/)");
    }
    eprintln!("skipped: {what} is not installed (`bash .ci/run` installs it)");
}

/// A Python that can import `module`: the consumers' virtual environment,
/// or the system's.
fn python_with(module: &str) -> Option<PathBuf> {
    let candidates = [
        consumers().join(".venv/bin/python"),
        PathBuf::from("python3"),
    ];
    for py in candidates {
        let ok = Command::new(&py)
            .args(["-c", &format!("import {module}")])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(py);
        }
    }
    missing(&format!("Python package {module}"));
    None
}

fn node_module(name: &str) -> Option<PathBuf> {
    let node = require("node", &[])?;
    let dir = consumers().join("node_modules").join(name);
    if !dir.exists() {
        missing(&format!("npm package {name}"));
        return None;
    }
    Some(node)
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("the consumer runs");
    eprintln!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn sarif_multitool() -> Option<PathBuf> {
    // The platform binary itself: the npm wrapper runs it through a shell,
    // which would split `--rule-kind Gh;Sarif` at the semicolon.
    require(
        "Sarif.Multitool",
        &[consumers().join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool")],
    )
}

/// `(rule, level)` of every result of a Multitool validation of `sarif`.
fn multitool_validate(tool: &Path, sarif: &Path) -> Vec<(String, String, String)> {
    let dir = temp();
    let log = dir.path().join("validation.sarif");
    let out = run(Command::new(tool)
        .args(["validate", "--rule-kind", "Gh;Sarif", "--output"])
        .arg(&log)
        .arg(sarif)
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1"));
    // It exits 0 even when it reports errors: read its log.
    assert!(out.status.success(), "the Multitool failed to run");
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["level"].as_str().unwrap_or("warning").to_string(),
                r["message"]["arguments"].to_string(),
            )
        })
        .collect()
}

#[test]
fn sarif_passes_the_sarif_multitool_with_the_github_rules() {
    let Some(tool) = sarif_multitool() else {
        return;
    };
    let dir = temp();
    let sarif = dir.path().join("provlint.sarif");
    std::fs::write(
        &sarif,
        stdout(&provlint(&["check", DRAFT, "--format", "sarif"], None)),
    )
    .unwrap();
    let results = multitool_validate(&tool, &sarif);
    // The one thing it asks for that provlint cannot give: a web page about
    // the tool (SARIF2005, a warning), since the project has none yet.
    let unexpected: Vec<_> = results
        .iter()
        .filter(|(rule, _, _)| rule != "SARIF2005")
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");

    // It does read the file: a result without locations breaks GitHub rules.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    doc["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("locations");
    let broken = dir.path().join("broken.sarif");
    std::fs::write(&broken, doc.to_string()).unwrap();
    let results = multitool_validate(&tool, &broken);
    assert!(
        results
            .iter()
            .any(|(rule, level, _)| rule.starts_with("GH") && level == "error"),
        "{results:#?}"
    );
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let Some(python) = python_with("jsonschema") else {
        return;
    };
    // The schema as Microsoft's SARIF SDK ships it in the Multitool package.
    let schema = consumers().join("node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json");
    if !schema.exists() {
        missing("the SARIF 2.1.0 schema (npm package @microsoft/sarif-multitool-linux)");
        return;
    }
    let dir = temp();
    let sarif = dir.path().join("provlint.sarif");
    std::fs::write(
        &sarif,
        stdout(&provlint(&["check", DRAFT, "--format", "sarif"], None)),
    )
    .unwrap();
    let script = consumers().join("sarif_schema.py");
    let out = run(Command::new(&python).arg(&script).arg(&schema).arg(&sarif));
    assert!(out.status.success());
    assert!(stdout(&out).ends_with("0 errors, 4 results\n"));

    // And it does check: a level SARIF does not have is an error.
    let text = std::fs::read_to_string(&sarif).unwrap().replacen(
        "\"level\": \"error\"",
        "\"level\": \"fatal\"",
        1,
    );
    std::fs::write(&sarif, text).unwrap();
    let out = run(Command::new(&python).arg(&script).arg(&schema).arg(&sarif));
    assert!(!out.status.success());
}

/// The `errorformat` line `provlint explain formats` tells Vim users to use.
fn documented_errorformat() -> String {
    let doc = stdout(&provlint(&["explain", "formats"], None));
    let line = doc
        .lines()
        .find(|l| l.starts_with("set errorformat="))
        .expect("the formats topic documents an errorformat");
    line.to_string()
}

#[test]
fn concise_lands_on_each_finding_in_vims_quickfix() {
    let Some(vim) = require("vim", &[]).or_else(|| require("nvim", &[])) else {
        return;
    };
    let dir = temp();
    let errors = dir.path().join("errors.txt");
    std::fs::write(
        &errors,
        stdout(&provlint(&["check", DRAFT, "--format", "concise"], None)),
    )
    .unwrap();
    let result = dir.path().join("result.json");
    let script = dir.path().join("quickfix.vim");
    std::fs::write(
        &script,
        format!(
            r#"{errorformat}
set encoding=utf-8
execute 'cgetfile ' . fnameescape('{errors}')
let s:out = []
for s:i in range(1, len(getqflist()))
  execute 'silent cc ' . s:i
  let s:e = getqflist()[s:i - 1]
  call add(s:out, {{'file': bufname('%'), 'line': line('.'), 'charcol': charcol('.'), 'type': s:e.type, 'char': strcharpart(getline('.'), charcol('.') - 1, 1), 'text': s:e.text}})
endfor
call writefile([json_encode(s:out)], '{result}')
qall!
"#,
            errorformat = documented_errorformat(),
            errors = errors.display(),
            result = result.display()
        ),
    )
    .unwrap();
    let out = run(Command::new(&vim)
        .args(["-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "-S"])
        .arg(&script)
        .current_dir(repo())
        .stdin(Stdio::null()));
    assert!(out.status.success(), "vim failed");
    let landed: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&result).unwrap()).unwrap();

    let json: serde_json::Value = serde_json::from_str(&stdout(&provlint(
        &["check", DRAFT, "--format", "json"],
        None,
    )))
    .unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(landed.len(), diagnostics.len(), "{landed:#?}");
    let text = std::fs::read_to_string(repo().join(DRAFT)).unwrap();
    for (at, d) in landed.iter().zip(diagnostics) {
        assert_eq!(at["file"], DRAFT);
        assert_eq!(at["line"], d["span"]["line"], "{at}");
        assert_eq!(at["charcol"], d["span"]["column"], "{at}");
        // The cursor is on the finding's first character.
        let first = text[d["span"]["start"].as_u64().unwrap() as usize..]
            .chars()
            .next()
            .unwrap()
            .to_string();
        assert_eq!(at["char"], first.as_str(), "{at}");
        // %t: the severity's first letter.
        assert_eq!(at["type"], &d["severity"].as_str().unwrap()[..1], "{at}");
        assert!(
            at["text"]
                .as_str()
                .unwrap()
                .contains(d["code"].as_str().unwrap()),
            "{at}"
        );
    }
}

#[test]
fn rdjson_passes_the_rdformat_validator() {
    let Some(validator) = require(
        "rdformat-validator",
        &[consumers().join("node_modules/.bin/rdformat-validator")],
    ) else {
        return;
    };
    let dir = temp();
    let file = dir.path().join("provlint.rdjson");
    std::fs::write(
        &file,
        stdout(&provlint(&["check", DRAFT, "--format", "rdjson"], None)),
    )
    .unwrap();
    let validate = |file: &Path| {
        let out = run(Command::new(&validator)
            .args(["--strict", "--no-extra-fields", "--format", "json"])
            .arg(file));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| {
            panic!(
                "rdformat-validator's output is not JSON ({e}): {}",
                stdout(&out)
            )
        });
        (out.status.success(), v)
    };
    let (ok, v) = validate(&file);
    assert!(ok, "{v:#}");
    assert!(v.to_string().contains("\"valid\":true"), "{v:#}");

    // It does check: a column 0 is not a position.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replacen("\"column\": ", "\"column\": -", 1);
    std::fs::write(&file, text).unwrap();
    let (ok, v) = validate(&file);
    assert!(!ok, "{v:#}");
}

#[test]
fn github_annotations_are_what_actions_core_prints() {
    let Some(node) = node_module("@actions/core") else {
        return;
    };
    // A file name with the characters properties must escape.
    let name = "notas: 1973, 100% «Enríquez».md";
    let input = std::fs::read_to_string(repo().join(DRAFT)).unwrap();
    let args =
        |format: &'static str| vec!["check", "-", "--stdin-filename", name, "--format", format];
    let ours = stdout(&provlint(&args("github"), Some(&input)));
    let dir = temp();
    let lines = dir.path().join("findings.jsonl");
    std::fs::write(&lines, stdout(&provlint(&args("json-lines"), Some(&input)))).unwrap();
    let out = run(Command::new(&node)
        .arg(consumers().join("github.mjs"))
        .arg(&lines)
        .current_dir(consumers()));
    assert!(out.status.success());
    let theirs = stdout(&out);
    let annotations: Vec<&str> = ours.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 4);
    assert_eq!(annotations, theirs.lines().collect::<Vec<_>>());
    assert!(annotations[0].contains("file=notas%3A 1973%2C 100%25 «Enríquez».md,"));
}

#[test]
fn junit_reads_as_the_findings() {
    let Some(python) = python_with("junitparser") else {
        return;
    };
    let dir = temp();
    let xml = dir.path().join("provlint.xml");
    std::fs::write(
        &xml,
        stdout(&provlint(&["check", DRAFT, "--format", "junit"], None)),
    )
    .unwrap();
    let out = run(Command::new(&python)
        .arg(consumers().join("junit.py"))
        .arg(&xml));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        v["totals"],
        serde_json::json!({"tests": 4, "failures": 2, "errors": 0})
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&provlint(
        &["check", DRAFT, "--format", "json"],
        None,
    )))
    .unwrap();
    for (case, d) in v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .zip(json["diagnostics"].as_array().unwrap())
    {
        assert_eq!(case[0], DRAFT);
        assert_eq!(
            case[1],
            format!(
                "{} at {}:{}",
                d["code"].as_str().unwrap(),
                d["span"]["line"],
                d["span"]["column"]
            )
            .as_str()
        );
        let failed = d["severity"] == "error";
        assert_eq!(case[2], if failed { "Failure" } else { "passed" });
        if failed {
            assert_eq!(case[3], d["message"]);
        }
        assert_eq!(case[4], d["span"]["line"].to_string().as_str());
    }
}

/// `check-jsonschema` (PyPI), as an editor would use the schema: the
/// committed config schema accepts every key, and rejects unknown ones.
#[test]
fn the_config_schema_accepts_real_configs_and_rejects_unknown_keys() {
    let Some(tool) = require(
        "check-jsonschema",
        &[consumers().join(".venv/bin/check-jsonschema")],
    ) else {
        return;
    };
    let schema = repo().join("schema/provlint.schema.json");
    let check = |file: &Path| {
        run(Command::new(&tool)
            .arg("--schemafile")
            .arg(&schema)
            .arg(file))
        .status
        .success()
    };
    assert!(check(&repo().join("provlint.toml")));
    assert!(check(&repo().join("tests/data/full-config.toml")));
    assert!(check(&repo().join("rules/defaults.toml")));
    // provlint itself reads the same file.
    let r = provlint(&["config", "--config", "tests/data/full-config.toml"], None);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));

    let dir = temp();
    let bad = dir.path().join("provlint.toml");
    std::fs::write(&bad, "[quote]\nprofil = \"strict\"\n").unwrap();
    assert!(!check(&bad));
    std::fs::write(&bad, "[rules]\n\"quote::mismatc\" = \"off\"\n").unwrap();
    assert!(!check(&bad));
}

/// The CI recipe the README points to is a valid GitHub Actions workflow
/// (check-jsonschema's copy of the workflow schema, offline).
#[test]
fn the_github_actions_recipe_is_a_valid_workflow() {
    let Some(tool) = require(
        "check-jsonschema",
        &[consumers().join(".venv/bin/check-jsonschema")],
    ) else {
        return;
    };
    let out = run(Command::new(&tool)
        .args(["--builtin-schema", "vendor.github-workflows"])
        .arg(repo().join("docs/github-actions.yml")));
    assert!(out.status.success());
}
