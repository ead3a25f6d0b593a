//! The editor re-check benchmark (issue 15): drives `provlint lsp` over
//! stdio, as an editor does, with a document of about 15,000 words (the
//! canary's real articles, end to end) against the shipped corpus, and
//! measures how long a re-check takes after typing one word.
//!
//!   cargo build --release --bin provlint --example lsp_bench
//!   target/release/examples/lsp_bench [--runs 20]
//!
//! A re-check is timed from the edit to the answer of a hover request sent
//! right after it: the hover waits for the check of the edited text (the
//! server checks at once for a request, without the debounce it waits
//! before checking in the background). The first check of the document is
//! timed the same way, as the baseline of the same run.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Diagnostics published so far: (version, count).
    published: Vec<(i64, usize)>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(root.join("target/release/provlint"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start provlint lsp (build it first: cargo build --release)");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().expect("a length");
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(v) = serde_json::from_slice::<Value>(&body) else {
                    return;
                };
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            next_id: 1,
            published: Vec::new(),
        }
    }

    fn send(&mut self, v: Value) {
        let body = serde_json::to_string(&v).expect("json");
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its answer (answering the server's own
    /// requests on the way).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(120))
                .expect("an answer");
            if m.get("id") == Some(&json!(id)) && m.get("method").is_none() {
                return m;
            }
            self.answer_server_request(&m);
        }
    }

    /// Answers the server's own requests, and notes its diagnostics.
    fn answer_server_request(&mut self, m: &Value) {
        if let (Some(id), Some(_)) = (m.get("id"), m.get("method")) {
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
        }
        if m["method"] == "textDocument/publishDiagnostics" {
            if let Some(v) = m["params"]["version"].as_i64() {
                let n = m["params"]["diagnostics"].as_array().map_or(0, Vec::len);
                self.published.push((v, n));
            }
        }
    }

    /// Waits for the diagnostics of `version`.
    fn diagnostics(&mut self, version: i64) -> usize {
        loop {
            if let Some(&(_, n)) = self.published.iter().find(|(v, _)| *v == version) {
                return n;
            }
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(120))
                .expect("diagnostics");
            self.answer_server_request(&m);
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The canary's real articles, end to end, to about 15,000 words.
    let mut names: Vec<_> = std::fs::read_dir(root.join("tests/canary/texts"))
        .expect("the canary")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("README.md"))
        .collect();
    names.sort();
    let mut text = String::new();
    for p in names.iter().cycle() {
        if text.split_whitespace().count() >= 15_000 {
            break;
        }
        text.push_str(&std::fs::read_to_string(p).expect("an article"));
        text.push_str("\n\n");
    }
    let words = text.split_whitespace().count();
    // The edit: a word typed in the middle of the document, at the start
    // of a line of prose.
    let lines: Vec<&str> = text.lines().collect();
    let edit_line = (lines.len() / 2..lines.len())
        .find(|&i| lines[i].starts_with(|c: char| c.is_ascii_uppercase()))
        .expect("a line of prose");

    let mut server = Server::start(root);
    let uri = format!("file://{}/bench-draft.md", root.display());
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    let t = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    let first = t.elapsed().as_secs_f64();
    let found = server.diagnostics(1);

    let mut times = Vec::new();
    let mut version = 1;
    for i in 0..runs {
        version += 1;
        // Type a word, then (next run) delete it again: the document stays
        // the same size.
        let change = if i % 2 == 0 {
            json!({"range": {"start": {"line": edit_line, "character": 0}, "end": {"line": edit_line, "character": 0}}, "text": "Indeed "})
        } else {
            json!({"range": {"start": {"line": edit_line, "character": 0}, "end": {"line": edit_line, "character": 7}}, "text": ""})
        };
        let t = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        server.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": edit_line, "character": 0}}),
        );
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        server.diagnostics(version);
    }
    server.request("shutdown", json!(null));
    server.notify("exit", json!(null));
    let _ = server.child.wait();
    let re = median(times.clone());
    let max = times.iter().copied().fold(0.0, f64::max);
    println!(
        "| document | first check | re-check after one word (median of {runs}) | slowest re-check | re-check ÷ first | diagnostics |"
    );
    println!("|---|---|---|---|---|---|");
    println!(
        "| {words} words, {} lines | {:.0} ms | {re:.1} ms | {max:.1} ms | {:.3} | {found} |",
        lines.len(),
        first * 1000.0,
        re / (first * 1000.0)
    );
}
