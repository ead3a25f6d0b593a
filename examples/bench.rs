//! The scale benchmark: generates corpora of about 3, 30 and 300 MB of
//! English prose from a fixed seed, drafts of 5,000 words with quotations
//! (verbatim, misquoted, absent), dates and figures, and measures
//! `provlint corpus index` and `provlint check` as whole processes against
//! the baselines a user would otherwise reach for (`rg -F` and a naive scan),
//! in the same run. See `scripts/bench.sh` and the README's "Performance".
//!
//! ```text
//! cargo run --release --example bench -- run [--sizes 3,30,300] [--out docs/bench] [--work target/bench] [--runs 10]
//! cargo run --release --example bench -- generate DIR MB [SEED]   # a corpus only
//! cargo run --release --example bench -- naive QUOTES DIR         # the naive-scan baseline
//! ```
//!
//! The prose: an order-2 Markov chain over the words of the shipped corpus
//! (`corpus/*.txt`), with about one word in six replaced by a word drawn
//! from a Zipf distribution over 300,000 generated words and names, and
//! numbers and dates drawn at random, so the corpus has the vocabulary and
//! the rare n-grams of a real archive rather than one text repeated.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const SEED: u64 = 0x7072_6f76_6c69_6e74; // "provlint"

/// The share of words of four letters or more replaced by a generated word:
/// the shipped corpus is small, so without this an order-2 chain mostly
/// copies its phrases, and every phrase would recur thousands of times.
const SUBSTITUTE: f64 = 0.5;
/// The share of such words replaced by a number instead, so that the corpus
/// states figures and years about as often as the shipped sources do.
const NUMBERS: f64 = 0.01;

// ---------------------------------------------------------------------------
// Randomness (SplitMix64: small, fixed, the same everywhere)

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

// ---------------------------------------------------------------------------
// The text model

struct Model {
    /// (w1, w2) -> possible next words; "" marks a sentence start.
    chain: HashMap<(u32, u32), Vec<u32>>,
    words: Vec<String>,
    starts: Vec<(u32, u32)>,
    /// Generated words, most frequent first (Zipf).
    pool: Vec<String>,
    /// Cumulative Zipf weights over `pool`.
    cdf: Vec<f64>,
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "te", "no", "vi", "sa", "du", "pe", "ri", "an", "or", "el", "us", "ta",
    "gon", "ber", "li", "mar", "sen", "tro", "qui", "val", "der", "cos", "fi", "ne", "ul", "zo",
    "bra", "ham", "pil", "tes", "ron", "mun", "dal", "cha", "ver", "sol",
];

impl Model {
    fn new(corpus_dir: &Path) -> Model {
        let mut text = String::new();
        let mut files: Vec<PathBuf> = fs::read_dir(corpus_dir)
            .expect("the shipped corpus")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
            .collect();
        files.sort();
        for f in files {
            text.push_str(&fs::read_to_string(f).unwrap_or_default());
            text.push('\n');
        }
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut words: Vec<String> = vec![String::new()];
        ids.insert(String::new(), 0);
        let mut chain: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
        let mut starts = Vec::new();
        let (mut a, mut b) = (0u32, 0u32);
        for tok in text.split_whitespace() {
            // Keep prose-like tokens only.
            if tok.contains("http") || tok.contains('@') || tok.len() > 30 || tok.starts_with('#') {
                continue;
            }
            let id = *ids.entry(tok.to_string()).or_insert_with(|| {
                words.push(tok.to_string());
                words.len() as u32 - 1
            });
            chain.entry((a, b)).or_default().push(id);
            if a == 0 && b == 0 {
                starts.push((0, id));
            }
            (a, b) = (b, id);
            if tok.ends_with(['.', '!', '?']) {
                chain.entry((a, b)).or_default().push(0);
                (a, b) = (0, 0);
            }
        }
        let mut rng = Rng(SEED ^ 1);
        let mut seen = std::collections::HashSet::new();
        let mut pool = Vec::new();
        while pool.len() < 300_000 {
            let n = 2 + rng.below(3);
            let mut w = String::new();
            for _ in 0..n {
                w.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
            }
            if seen.insert(w.clone()) {
                pool.push(w);
            }
        }
        let mut cdf = Vec::with_capacity(pool.len());
        let mut total = 0.0;
        for r in 0..pool.len() {
            total += 1.0 / (r as f64 + 10.0);
            cdf.push(total);
        }
        for c in &mut cdf {
            *c /= total;
        }
        Model {
            chain,
            words,
            starts,
            pool,
            cdf,
        }
    }

    fn rare(&self, rng: &mut Rng) -> &str {
        let u = rng.unit();
        let i = self
            .cdf
            .partition_point(|&c| c < u)
            .min(self.pool.len() - 1);
        &self.pool[i]
    }

    /// One sentence.
    fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let (mut a, mut b) = self.starts[rng.below(self.starts.len())];
        let mut n = 0;
        loop {
            // No quotation marks: the drafts put their own around quotations.
            let w = self.words[b as usize].replace(['"', '“', '”', '‘', '’', '«', '»'], "");
            if !w.is_empty() {
                if !out.is_empty() && !out.ends_with(['\n', ' ']) {
                    out.push(' ');
                }
                let r = rng.unit();
                // Not the first word, and a word of four letters or more.
                let long = n > 0 && w.len() >= 4 && w.chars().all(|c| c.is_alphabetic());
                if long && r < SUBSTITUTE {
                    let rare = self.rare(rng);
                    if w.starts_with(char::is_uppercase) {
                        let mut c = rare.chars();
                        let first = c.next().map(|f| f.to_uppercase().collect::<String>());
                        out.push_str(&first.unwrap_or_default());
                        out.push_str(c.as_str());
                    } else {
                        out.push_str(rare);
                    }
                } else if long && r < SUBSTITUTE + NUMBERS {
                    let _ = write!(out, "{}", 2 + rng.below(9000));
                } else {
                    out.push_str(&w);
                }
                n += 1;
            }
            let next = match self.chain.get(&(a, b)) {
                Some(v) => v[rng.below(v.len())],
                None => 0,
            };
            if next == 0 || n > 60 {
                if !out.ends_with(['.', '!', '?']) {
                    out.push('.');
                }
                return;
            }
            (a, b) = (b, next);
        }
    }

    fn paragraph(&self, rng: &mut Rng, out: &mut String) {
        for _ in 0..3 + rng.below(6) {
            self.sentence(rng, out);
        }
        out.push_str("\n\n");
    }
}

// ---------------------------------------------------------------------------
// Corpora

/// Writes documents to `dir` until it holds `mb` MB; returns the files.
fn generate(model: &Model, dir: &Path, mb: usize, seed: u64) -> Vec<(String, usize)> {
    fs::create_dir_all(dir).expect("corpus dir");
    let mut rng = Rng(seed);
    let target = mb * 1_000_000;
    let mut total = 0;
    let mut files = Vec::new();
    let mut manifest =
        String::from("# Generated by examples/bench.rs: a fixed seed, not real documents.\n");
    let mut n = 0;
    while total < target {
        // 20 kB to ~400 kB, most around 60-100 kB.
        let size = (20_000.0 * (1.0 + 19.0 * rng.unit().powi(3))) as usize;
        let mut text = String::with_capacity(size + 2000);
        let mut title = String::new();
        model.sentence(&mut rng, &mut title);
        let _ = writeln!(text, "{}\n", title.trim_end_matches('.'));
        while text.len() < size {
            model.paragraph(&mut rng, &mut text);
        }
        let file = format!("doc{n:05}.txt");
        fs::write(dir.join(&file), &text).expect("write doc");
        let _ = write!(
            manifest,
            "\n[[source]]\nid = \"doc-{n:05}\"\nfile = \"{file}\"\ntitle = \"{}\"\nauthors = [\"{}\"]\npublication = \"The Archive\"\npublished = {}-{:02}-{:02}\n",
            title
                .trim_end_matches('.')
                .replace(['"', '\\'], "")
                .chars()
                .take(80)
                .collect::<String>(),
            model.rare(&mut rng),
            1950 + rng.below(70),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        total += text.len();
        files.push((file, text.len()));
        n += 1;
    }
    fs::write(dir.join("sources.toml"), manifest).expect("write manifest");
    files
}

/// Links the first documents of `from` (up to `mb` MB) into `dir`.
fn subset(from: &Path, files: &[(String, usize)], dir: &Path, mb: usize) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).expect("subset dir");
    let manifest = fs::read_to_string(from.join("sources.toml")).expect("manifest");
    let mut total = 0;
    let mut n = 0;
    for (f, len) in files {
        if total >= mb * 1_000_000 {
            break;
        }
        fs::hard_link(from.join(f), dir.join(f))
            .or_else(|_| fs::copy(from.join(f), dir.join(f)).map(|_| ()))
            .expect("link doc");
        total += len;
        n += 1;
    }
    let tables: Vec<&str> = manifest.split("\n[[source]]\n").collect();
    let mut out = tables[0].to_string();
    for t in &tables[1..=n] {
        out.push_str("\n[[source]]\n");
        out.push_str(t);
    }
    fs::write(dir.join("sources.toml"), out).expect("subset manifest");
}

// ---------------------------------------------------------------------------
// Drafts

/// A draft of about 5,000 words: generated prose (with dates and figures)
/// and quotations: 20 verbatim from the corpus, 10 misquoted, 10 absent.
/// Returns the draft and its quotations (for the baselines).
fn draft(
    model: &Model,
    corpus: &Path,
    files: &[(String, usize)],
    seed: u64,
) -> (String, Vec<String>) {
    let mut rng = Rng(seed);
    let mut quotes: Vec<(String, &str)> = Vec::new();
    let take = |rng: &mut Rng| -> String {
        loop {
            let (f, _) = &files[rng.below(files.len())];
            let text = fs::read_to_string(corpus.join(f)).expect("doc");
            let paras: Vec<&str> = text
                .split("\n\n")
                .skip(1)
                .filter(|p| p.len() > 200)
                .collect();
            if paras.is_empty() {
                continue;
            }
            let p = paras[rng.below(paras.len())];
            let words: Vec<&str> = p.split_whitespace().collect();
            let n = 8 + rng.below(18);
            if words.len() <= n + 2 {
                continue;
            }
            let s = rng.below(words.len() - n);
            let q: Vec<&str> = words[s..s + n].to_vec();
            let q = q.join(" ");
            let q = q.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
            if q.contains('"') || q.split_whitespace().count() < 6 {
                continue;
            }
            return q;
        }
    };
    for _ in 0..20 {
        quotes.push((take(&mut rng), "verbatim"));
    }
    for _ in 0..10 {
        let q = take(&mut rng);
        let mut w: Vec<String> = q.split_whitespace().map(str::to_string).collect();
        let i = 1 + rng.below(w.len() - 2);
        if rng.below(2) == 0 {
            w[i] = "remarkably".to_string();
        } else {
            w.remove(i);
        }
        quotes.push((w.join(" "), "misquoted"));
    }
    for _ in 0..10 {
        let mut s = String::new();
        model.sentence(&mut rng, &mut s);
        // Its longer words replaced by words no corpus document has.
        let words: Vec<String> = s
            .split_whitespace()
            .take(14)
            .map(|w| {
                if w.len() >= 4 {
                    format!(
                        "zq{}{}",
                        SYLLABLES[rng.below(SYLLABLES.len())],
                        SYLLABLES[rng.below(SYLLABLES.len())]
                    )
                } else {
                    w.to_string()
                }
            })
            .collect();
        quotes.push((words.join(" ").trim_end_matches('.').to_string(), "absent"));
    }
    // Interleave prose and quotations.
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut out = String::from("# A draft for the benchmark\n\n");
    let per = 3_900 / quotes.len();
    for &qi in &order {
        let mut para = String::new();
        while para.split_whitespace().count() < per {
            model.sentence(&mut rng, &mut para);
        }
        let _ = write!(
            out,
            "{para} On {} September {}, {} people marched, {}% of them workers. As one account put it, \"{}\".\n\n",
            1 + rng.below(28),
            1960 + rng.below(40),
            1000 + rng.below(50_000),
            1 + rng.below(99),
            quotes[qi].0
        );
    }
    let list = quotes.into_iter().map(|(q, _)| q).collect();
    (out, list)
}

// ---------------------------------------------------------------------------
// Measuring whole processes

struct Run {
    wall: f64,
    /// User and system CPU time: what the machine's load does not inflate.
    cpu: f64,
    peak_kb: u64,
    ok: bool,
}

/// Runs a command to completion; its wall time and peak resident memory.
fn run(cmd: &mut Command) -> Run {
    let start = Instant::now();
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain wait4 on our own child; the rusage is written by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    std::mem::forget(child);
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Run {
        wall,
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        peak_kb: usage.ru_maxrss as u64,
        ok: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) <= 1,
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Drops a directory's files from the page cache.
fn evict(dir: &Path) {
    for e in walk(dir) {
        if let Ok(f) = fs::File::open(&e) {
            use std::os::unix::io::AsRawFd;
            // SAFETY: advice on an open file descriptor.
            unsafe { libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn dir_bytes(dir: &Path) -> u64 {
    walk(dir)
        .iter()
        .filter(|p| p.file_name().is_none_or(|n| n != "lock"))
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Row {
    mb: usize,
    sources: usize,
    source_bytes: u64,
    build_s: f64,
    build_mb_s: f64,
    build_cpu_s: f64,
    /// Source MB per CPU second: the throughput per core when the machine
    /// is not shared.
    build_mb_per_cpu_s: f64,
    build_peak_mb: f64,
    /// `corpus index` finding each source's figures and dated claims.
    #[serde(default)]
    facts_s: f64,
    #[serde(default)]
    facts_mb_s: f64,
    #[serde(default)]
    facts_bytes: u64,
    #[serde(default)]
    facts_per_source_byte: f64,
    index_bytes: u64,
    index_per_source_byte: f64,
    check_cold_s: f64,
    check_cold_evicted_s: f64,
    check_warm_s: f64,
    check_warm_cpu_s: f64,
    check_peak_mb: f64,
    check_peak_per_index: f64,
    rg_s: f64,
    naive_s: f64,
    warm_vs_rg: f64,
    warm_vs_naive: f64,
    quotations: usize,
    draft_words: usize,
}

fn bench(sizes: &[usize], out: &Path, work: &Path, runs: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let provlint = root.join("target/release/provlint");
    assert!(provlint.exists(), "build first: cargo build --release");
    let me = std::env::current_exe().expect("bench binary");
    let model = Model::new(&root.join("corpus"));
    let max = *sizes.iter().max().expect("a size");
    let full = work.join(format!("gen-{max}"));
    eprintln!("generating {max} MB in {}", full.display());
    let t = Instant::now();
    let _ = fs::remove_dir_all(&full);
    let files = generate(&model, &full, max, SEED);
    eprintln!(
        "  {} documents in {:.1} s",
        files.len(),
        t.elapsed().as_secs_f64()
    );
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut rows = Vec::new();
    for &mb in sizes {
        let dir = work.join(format!("run-{mb}"));
        let corpus = dir.join("corpus");
        let n = files
            .iter()
            .scan(0usize, |t, (_, len)| {
                let before = *t;
                *t += len;
                Some(before)
            })
            .take_while(|before| *before < mb * 1_000_000)
            .count();
        subset(&full, &files, &corpus, mb);
        let source_bytes: u64 = files[..n].iter().map(|(_, l)| *l as u64).sum();
        fs::write(dir.join("provlint.toml"), "corpus = \"corpus\"\n").expect("config");
        let (draft_text, quotes) = draft(&model, &corpus, &files[..n], SEED ^ mb as u64);
        fs::write(dir.join("draft.md"), &draft_text).expect("draft");
        fs::write(dir.join("quotes.txt"), quotes.join("\n") + "\n").expect("quotes");
        let cache = dir.join(".provlint-cache");
        let _ = fs::remove_dir_all(&cache);
        let provlint_in = |args: &[&str]| {
            let mut c = Command::new(&provlint);
            c.current_dir(&dir).args(args);
            c
        };
        eprintln!("{mb} MB: {n} sources, {source_bytes} bytes");
        // Build (from nothing), as a whole process.
        let build = run(&mut provlint_in(&[
            "corpus",
            "index",
            "--rebuild",
            "--no-facts",
        ]));
        assert!(build.ok, "corpus index failed");
        let index_bytes = dir_bytes(&cache);
        // Then each source's figures and dated claims (corpus/facts.rs).
        let facts = run(&mut provlint_in(&["corpus", "index"]));
        assert!(facts.ok, "corpus index (facts) failed");
        let facts_bytes = dir_bytes(&cache) - index_bytes;
        // Cold: the first check after the build; then with the page cache
        // dropped for the corpus and the index.
        let cold = run(&mut provlint_in(&["check", "draft.md"]));
        assert!(cold.ok, "check failed");
        evict(&corpus);
        evict(&cache);
        let evicted = run(&mut provlint_in(&["check", "draft.md"]));
        // Warm.
        let mut warm = Vec::new();
        let mut warm_cpu = Vec::new();
        let mut peak = 0;
        for _ in 0..runs {
            let r = run(&mut provlint_in(&["check", "draft.md"]));
            peak = peak.max(r.peak_kb);
            warm.push(r.wall);
            warm_cpu.push(r.cpu);
        }
        // Baselines, warm too (one run first to warm the page cache).
        let rg = |_: ()| {
            run(Command::new("rg").current_dir(&dir).args([
                "-F",
                "-c",
                "-f",
                "quotes.txt",
                "corpus",
            ]))
        };
        rg(());
        let rg_s = median((0..runs).map(|_| rg(()).wall).collect());
        let naive_runs = if mb >= 100 { 3 } else { runs };
        let naive = |_: ()| {
            run(Command::new(&me)
                .current_dir(&dir)
                .args(["naive", "quotes.txt", "corpus"]))
        };
        naive(());
        let naive_s = median((0..naive_runs).map(|_| naive(()).wall).collect());
        let check_warm_s = median(warm);
        let row = Row {
            mb,
            sources: n,
            source_bytes,
            build_s: build.wall,
            build_mb_s: source_bytes as f64 / 1e6 / build.wall,
            build_cpu_s: build.cpu,
            build_mb_per_cpu_s: source_bytes as f64 / 1e6 / build.cpu,
            build_peak_mb: build.peak_kb as f64 / 1024.0,
            facts_s: facts.wall,
            facts_mb_s: source_bytes as f64 / 1e6 / facts.wall,
            facts_bytes,
            facts_per_source_byte: facts_bytes as f64 / source_bytes as f64,
            index_bytes,
            index_per_source_byte: index_bytes as f64 / source_bytes as f64,
            check_cold_s: cold.wall,
            check_cold_evicted_s: evicted.wall,
            check_warm_s,
            check_warm_cpu_s: median(warm_cpu),
            check_peak_mb: peak as f64 / 1024.0,
            check_peak_per_index: peak as f64 * 1024.0 / index_bytes as f64,
            rg_s,
            naive_s,
            warm_vs_rg: check_warm_s / rg_s,
            warm_vs_naive: check_warm_s / naive_s,
            quotations: quotes.len(),
            draft_words: draft_text.split_whitespace().count(),
        };
        eprintln!(
            "  build {:.2} s ({:.1} MB/s, {:.1} MB per CPU s, peak {:.0} MB), index {:.2} B/B, check cold {:.3} s (evicted {:.3} s), warm {:.3} s (peak {:.0} MB = {:.2}x index), rg -F {:.3} s, naive {:.3} s",
            row.build_s,
            row.build_mb_s,
            row.build_mb_per_cpu_s,
            row.build_peak_mb,
            row.index_per_source_byte,
            row.check_cold_s,
            row.check_cold_evicted_s,
            row.check_warm_s,
            row.check_peak_mb,
            row.check_peak_per_index,
            row.rg_s,
            row.naive_s
        );
        rows.push(row);
    }
    fs::create_dir_all(out).expect("out dir");
    let meta = serde_json::json!({
        "command": format!("scripts/bench.sh (sizes {:?}, {runs} warm runs)", sizes),
        "machine": format!("{} cores; load average at start: {}", std::thread::available_parallelism().map_or(0, |n| n.get()), load.trim()),
        "rows": rows,
    });
    fs::write(
        out.join("results.json"),
        serde_json::to_string_pretty(&meta).expect("json") + "\n",
    )
    .expect("write json");
    fs::write(out.join("results.md"), table(&rows, load.trim())).expect("write md");
    fs::write(out.join("check-time.svg"), plot(&rows)).expect("write svg");
    print!("{}", table(&rows, load.trim()));
}

fn table(rows: &[Row], load: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| corpus | sources | build | build MB/s (MB per CPU s) | index size | index B per source B | build peak | facts | facts MB/s | facts B per source B | check cold | check cold, page cache dropped | check warm (CPU) | check peak (× index) | `rg -F` | naive scan | warm ÷ `rg -F` | warm ÷ naive |"
    );
    let _ = writeln!(
        s,
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    );
    for r in rows {
        let _ = writeln!(
            s,
            "| {:.0} MB | {} | {:.2} s | {:.1} ({:.1}) | {:.1} MB | {:.2} | {:.0} MB | {:.2} s | {:.1} | {:.2} | {:.0} ms | {:.0} ms | {:.0} ms ({:.0} ms) | {:.0} MB ({:.2}×) | {:.0} ms | {:.0} ms | {:.2} | {:.3} |",
            r.source_bytes as f64 / 1e6,
            r.sources,
            r.build_s,
            r.build_mb_s,
            r.build_mb_per_cpu_s,
            r.index_bytes as f64 / 1e6,
            r.index_per_source_byte,
            r.build_peak_mb,
            r.facts_s,
            r.facts_mb_s,
            r.facts_per_source_byte,
            r.check_cold_s * 1e3,
            r.check_cold_evicted_s * 1e3,
            r.check_warm_s * 1e3,
            r.check_warm_cpu_s * 1e3,
            r.check_peak_mb,
            r.check_peak_per_index,
            r.rg_s * 1e3,
            r.naive_s * 1e3,
            r.warm_vs_rg,
            r.warm_vs_naive
        );
    }
    let _ = writeln!(
        s,
        "\nDraft: {} words, {} quotations (20 verbatim, 10 misquoted, 10 absent). Load average when the run started: {load}.",
        rows.first().map_or(0, |r| r.draft_words),
        rows.first().map_or(0, |r| r.quotations)
    );
    s
}

/// Check time against corpus size, log-log, hand-written SVG.
fn plot(rows: &[Row]) -> String {
    let (w, h, l, r, t, b) = (640.0, 400.0, 70.0, 170.0, 30.0, 50.0);
    // A series: its name, its colour, and what it plots of a row.
    type Series<'a> = (&'a str, &'a str, Box<dyn Fn(&Row) -> f64>);
    let series: [Series; 4] = [
        (
            "provlint warm",
            "#1b7837",
            Box::new(|r: &Row| r.check_warm_s),
        ),
        (
            "provlint cold",
            "#7fbf7b",
            Box::new(|r: &Row| r.check_cold_s),
        ),
        ("rg -F", "#2166ac", Box::new(|r: &Row| r.rg_s)),
        ("naive scan", "#b2182b", Box::new(|r: &Row| r.naive_s)),
    ];
    let xs: Vec<f64> = rows
        .iter()
        .map(|r| (r.source_bytes as f64 / 1e6).log10())
        .collect();
    let all: Vec<f64> = rows
        .iter()
        .flat_map(|r| series.iter().map(move |(_, _, f)| f(r).max(1e-4).log10()))
        .collect();
    let (x0, x1) = (
        xs.iter().cloned().fold(f64::MAX, f64::min) - 0.1,
        xs.iter().cloned().fold(f64::MIN, f64::max) + 0.1,
    );
    let (y0, y1) = (
        all.iter().cloned().fold(f64::MAX, f64::min).floor(),
        all.iter().cloned().fold(f64::MIN, f64::max).ceil(),
    );
    let px = |x: f64| l + (x - x0) / (x1 - x0) * (w - l - r);
    let py = |y: f64| h - b - (y - y0) / (y1 - y0).max(1e-9) * (h - t - b);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">check time of a 5,000-word draft against corpus size</text>",
        (l + w - r) / 2.0
    );
    let mut y = y0;
    while y <= y1 + 1e-9 {
        let label = if y < 0.0 {
            format!("{} ms", 10f64.powf(y + 3.0).round())
        } else {
            format!("{} s", 10f64.powf(y).round())
        };
        let _ = writeln!(
            s,
            "<line x1=\"{l}\" x2=\"{}\" y1=\"{py:.1}\" y2=\"{py:.1}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text>",
            w - r,
            l - 6.0,
            py(y) + 4.0,
            py = py(y)
        );
        y += 1.0;
    }
    for (i, row) in rows.iter().enumerate() {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{:.0} MB</text>",
            px(xs[i]),
            h - b + 18.0,
            row.source_bytes as f64 / 1e6
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">corpus size (log scale)</text>",
        (l + w - r) / 2.0,
        h - 10.0
    );
    let _ = writeln!(
        s,
        "<line x1=\"{l}\" x2=\"{l}\" y1=\"{t}\" y2=\"{}\" stroke=\"black\"/><line x1=\"{l}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"black\"/>",
        h - b,
        w - r,
        h - b,
        h - b
    );
    for (k, (name, color, f)) in series.iter().enumerate() {
        let pts: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(i, row)| format!("{:.1},{:.1}", px(xs[i]), py(f(row).max(1e-4).log10())))
            .collect();
        let _ = writeln!(
            s,
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>",
            pts.join(" ")
        );
        for p in &pts {
            let (x, y) = p.split_once(',').expect("point");
            let _ = writeln!(
                s,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"3\" fill=\"{color}\"/>"
            );
        }
        let ly = t + 20.0 + k as f64 * 20.0;
        let _ = writeln!(
            s,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"{color}\" stroke-width=\"2\"/><text x=\"{}\" y=\"{}\">{name}</text>",
            w - r + 10.0,
            w - r + 30.0,
            w - r + 36.0,
            ly + 4.0
        );
    }
    s.push_str("</svg>\n");
    s
}

/// The naive baseline: for each quotation, scan every file of the corpus.
fn naive(quotes: &Path, dir: &Path) {
    let quotes = fs::read_to_string(quotes).expect("quotes");
    let files: Vec<String> = walk(dir)
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .collect();
    let mut found = 0;
    for q in quotes.lines().filter(|q| !q.is_empty()) {
        for text in &files {
            if text.contains(q) {
                found += 1;
                break;
            }
        }
    }
    let _ = writeln!(std::io::stdout(), "{found}");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    match args.first().map(String::as_str) {
        Some("naive") => naive(Path::new(&args[1]), Path::new(&args[2])),
        Some("report") => {
            // Rewrites results.md and check-time.svg from results.json.
            let out = PathBuf::from(arg("--out").unwrap_or_else(|| "docs/bench".into()));
            let json: serde_json::Value = serde_json::from_str(
                &fs::read_to_string(out.join("results.json")).expect("results.json"),
            )
            .expect("json");
            let rows: Vec<Row> = serde_json::from_value(json["rows"].clone()).expect("rows");
            let load = json["machine"]
                .as_str()
                .unwrap_or("")
                .rsplit(": ")
                .next()
                .unwrap_or("")
                .to_string();
            fs::write(out.join("results.md"), table(&rows, &load)).expect("write md");
            fs::write(out.join("check-time.svg"), plot(&rows)).expect("write svg");
            print!("{}", table(&rows, &load));
        }
        Some("generate") => {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let model = Model::new(&root.join("corpus"));
            let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(SEED);
            let mb: usize = args[2].parse().expect("MB");
            let files = generate(&model, Path::new(&args[1]), mb, seed);
            eprintln!("{} documents", files.len());
        }
        Some("run") | None => {
            let sizes: Vec<usize> = arg("--sizes")
                .unwrap_or_else(|| "3,30,300".into())
                .split(',')
                .map(|s| s.parse().expect("sizes in MB"))
                .collect();
            let out = PathBuf::from(arg("--out").unwrap_or_else(|| "docs/bench".into()));
            let work = PathBuf::from(arg("--work").unwrap_or_else(|| "target/bench".into()));
            let runs = arg("--runs").and_then(|r| r.parse().ok()).unwrap_or(10);
            bench(&sizes, &out, &work, runs);
        }
        Some(other) => {
            eprintln!("unknown command {other}: run, generate DIR MB [SEED], naive QUOTES DIR");
            std::process::exit(2);
        }
    }
}
