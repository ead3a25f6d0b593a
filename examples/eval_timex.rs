//! Measures provlint's date extractor on annotated TIMEX3 data: TimeBank
//! (TempEval-3 TBAQ-cleaned, `.tml`) and MEANTIME English (NewsReader CAT
//! XML).
//!
//! ```text
//! cargo run --release --example eval_timex -- ../shared/external/timex
//! ```
//!
//! For each set it reports, against the gold DATE expressions:
//! - span precision and recall, strict (same extent) and relaxed (overlap);
//! - recall on the explicit calendar dates provlint is meant for (gold text
//!   with a month name, a four-digit year, a decade or a numeric date);
//! - value accuracy on the matched pairs whose gold value is a calendar value
//!   (`1998`, `1998-01`, `1998-01-08`, `199`, `1998-SU`), as extracted and
//!   with year-less dates given the document date's year (what an annotator
//!   does; provlint compares them as year-less instead).
//!
//! Documents go through provlint's own reading of a plain-text draft:
//! paragraphs, the shared sentence splitter, the extractor with its
//! sentence-level year inference.

use provlint::dates::DateValue;
use provlint::dates::expr::{self, DateExpr};
use provlint::span::Span;
use provlint::text::{Format, document};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
struct Gold {
    span: Span,
    kind: String,
    value: String,
}

struct Doc {
    name: String,
    text: String,
    gold: Vec<Gold>,
    /// The document's creation date, `YYYY-MM-DD`.
    dct: Option<String>,
}

fn main() {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --release --example eval_timex -- <timex dir>");
        eprintln!("  (the folder holding timebank-tbaq-cleaned/ and meantime-en/)");
        std::process::exit(2);
    };
    let timebank = root.join("timebank-tbaq-cleaned");
    let meantime = root.join("meantime-en");
    if !timebank.is_dir() && !meantime.is_dir() {
        eprintln!(
            "{}: neither timebank-tbaq-cleaned/ nor meantime-en/ is there",
            root.display()
        );
        std::process::exit(2);
    }
    let verbose = std::env::args().any(|a| a == "--verbose");
    if timebank.is_dir() {
        let docs = files(&timebank, "tml")
            .iter()
            .filter_map(|p| read_tml(p))
            .collect::<Vec<_>>();
        report("TimeBank (TBAQ-cleaned)", &docs, verbose);
    }
    if meantime.is_dir() {
        let docs = files(&meantime, "xml")
            .iter()
            .filter_map(|p| read_meantime(p))
            .collect::<Vec<_>>();
        report("MEANTIME English", &docs, verbose);
    }
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().and_then(|e| e.to_str()) == Some(ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

fn decode(entity: &str) -> Option<char> {
    Some(match entity {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// A TimeML file: the text of `<TEXT>` with its TIMEX3 spans.
fn read_tml(path: &Path) -> Option<Doc> {
    let raw = std::fs::read_to_string(path).ok()?;
    let dct = raw
        .find("<DCT>")
        .and_then(|i| attr(&raw[i..raw[i..].find("</DCT>")? + i], "value"))
        .map(|v| v.chars().take(10).collect());
    let start = raw.find("<TEXT>")? + "<TEXT>".len();
    let end = raw.find("</TEXT>")?;
    let body = &raw[start..end];
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                let close = body[i..].find('>')? + i;
                let tag = &body[i + 1..close];
                if tag.starts_with("TIMEX3") {
                    open = Some((
                        text.len(),
                        attr(tag, "type").unwrap_or_default(),
                        attr(tag, "value").unwrap_or_default(),
                    ));
                } else if tag.starts_with("/TIMEX3") {
                    if let Some((s, kind, value)) = open.take() {
                        gold.push(Gold {
                            span: Span::new(s, text.len()),
                            kind,
                            value,
                        });
                    }
                }
                while chars.peek().is_some_and(|(k, _)| *k <= close) {
                    chars.next();
                }
            }
            '&' => {
                let semi = body[i..].find(';').map(|k| k + i);
                match semi.and_then(|k| decode(&body[i + 1..k]).map(|c| (k, c))) {
                    Some((k, c)) => {
                        text.push(c);
                        while chars.peek().is_some_and(|(j, _)| *j <= k) {
                            chars.next();
                        }
                    }
                    None => text.push('&'),
                }
            }
            c => text.push(c),
        }
    }
    Some(Doc {
        name: path.file_name()?.to_string_lossy().to_string(),
        text,
        gold,
        dct,
    })
}

/// A MEANTIME CAT file: tokens joined as ordinary text (no space before
/// closing punctuation), a paragraph per sentence, with TIMEX3 spans over
/// their tokens. MEANTIME annotates the title and the first five sentences
/// of each article (sentences 0 to 5); the rest is left out, or every date
/// in it would count as a false positive.
fn read_meantime(path: &Path) -> Option<Doc> {
    let raw = std::fs::read_to_string(path).ok()?;
    let mut text = String::new();
    let mut spans: HashMap<String, Span> = HashMap::new();
    let mut sentence: Option<String> = None;
    let mut from = 0;
    while let Some(i) = raw[from..].find("<token ") {
        let i = i + from;
        let gt = raw[i..].find('>')? + i;
        let end = raw[gt..].find("</token>")? + gt;
        let tag = &raw[i..gt];
        let mut word = raw[gt + 1..end].to_string();
        for (e, c) in [
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&apos;", "'"),
        ] {
            word = word.replace(e, c);
        }
        let s = attr(tag, "sentence");
        if s.as_deref()
            .and_then(|n| n.parse::<u32>().ok())
            .is_none_or(|n| n > ANNOTATED_SENTENCES)
        {
            from = end;
            continue;
        }
        if !text.is_empty() {
            if s != sentence {
                text.push_str("\n\n");
            } else {
                // No space before closing punctuation and clitics (`'s`),
                // nor after an opening bracket or a currency sign.
                let closing =
                    matches!(word.as_str(), "," | "." | ";" | ":" | "?" | "!" | ")" | "%")
                        || word.starts_with('\'');
                if !closing && !text.ends_with(['(', '$']) {
                    text.push(' ');
                }
            }
        }
        sentence = s;
        let a = text.len();
        text.push_str(&word);
        spans.insert(attr(tag, "t_id")?, Span::new(a, text.len()));
        from = end;
    }
    let mut gold = Vec::new();
    let mut dct = None;
    let mut from = 0;
    while let Some(i) = raw[from..].find("<TIMEX3 ") {
        let i = i + from;
        let gt = raw[i..].find('>')? + i;
        if raw[..gt].ends_with('/') {
            // An empty TIMEX3 (a time no words express).
            from = gt;
            continue;
        }
        let end = raw[i..].find("</TIMEX3>")? + i;
        let block = &raw[i..end];
        let tag = &block[..block.find('>')?];
        let value = attr(tag, "value").unwrap_or_default();
        if attr(tag, "functionInDocument").as_deref() == Some("CREATION_TIME") {
            dct = Some(value.chars().take(10).collect());
        }
        let mut covered: Option<Span> = None;
        let mut k = 0;
        while let Some(j) = block[k..].find("<token_anchor t_id=\"") {
            let j = j + k + "<token_anchor t_id=\"".len();
            let q = block[j..].find('"')? + j;
            if let Some(s) = spans.get(&block[j..q]) {
                covered = Some(covered.map_or(*s, |c| c.cover(*s)));
            }
            k = q;
        }
        if let Some(span) = covered {
            gold.push(Gold {
                span,
                kind: attr(tag, "type").unwrap_or_default(),
                value,
            });
        }
        from = end;
    }
    Some(Doc {
        name: path.file_name()?.to_string_lossy().to_string(),
        text,
        gold,
        dct,
    })
}

/// The last sentence MEANTIME annotates (0 is the title).
const ANNOTATED_SENTENCES: u32 = 5;

/// The dates provlint finds in a text read as a plain-text draft.
fn extract(text: &str) -> Vec<DateExpr> {
    let doc = document::read(text, Format::Text, &document::keep_all_lines);
    let sentences: Vec<Span> = doc.sentences().into_iter().map(|(_, s)| s).collect();
    // Plain text is read verbatim: prose offsets are the text's offsets.
    debug_assert_eq!(doc.prose.text(), text);
    expr::in_sentences(doc.prose.text(), &sentences)
}

/// Our value in TimeML's notation: a decade is `193`, a part of a year
/// or month is its base value (TimeML puts `early` in a `mod`), a range has
/// no single value.
fn timeml(v: &DateValue) -> Option<String> {
    match v {
        DateValue::Decade(y) => Some(format!("{}", y / 10)),
        DateValue::Part(_, base) => timeml(base),
        DateValue::Range(..) => None,
        other => Some(other.normalized()),
    }
}

fn is_calendar_value(v: &str) -> bool {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    match b.len() {
        3 => digits(0..3),
        4 => digits(0..4),
        7 => {
            (digits(0..4) && b[4] == b'-' && digits(5..7))
                || (digits(0..4) && matches!(&v[4..], "-SP" | "-SU" | "-FA" | "-WI"))
        }
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// Whether the gold text is an explicit calendar date: a month name, a
/// four-digit year, a decade, a numeric date.
fn is_explicit(text: &str) -> bool {
    let lower = text.to_lowercase();
    let months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan.",
        "feb.",
        "aug.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
    ];
    months.iter().any(|m| {
        lower
            .split(|c: char| !c.is_alphanumeric() && c != '.')
            .any(|w| w == *m || w == m.trim_end_matches('.'))
    }) || text
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with('1') || d.starts_with('2')))
}

#[derive(Default)]
struct Tally {
    gold: usize,
    explicit_gold: usize,
    predicted: usize,
    strict_pred: usize,
    relaxed_pred: usize,
    other_type_pred: usize,
    strict_gold: usize,
    relaxed_gold: usize,
    explicit_relaxed_gold: usize,
    explicit_strict_gold: usize,
    values: usize,
    values_right: usize,
    values_right_anchored: usize,
    missed: HashMap<String, usize>,
    spurious: HashMap<String, usize>,
    wrong_values: Vec<String>,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn report(name: &str, docs: &[Doc], verbose: bool) {
    let mut t = Tally::default();
    for doc in docs {
        let found = extract(&doc.text);
        let dates: Vec<&Gold> = doc.gold.iter().filter(|g| g.kind == "DATE").collect();
        t.gold += dates.len();
        t.predicted += found.len();
        let clean = |s: Span| {
            doc.text[s.range()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        for f in &found {
            if dates.iter().any(|g| g.span == f.span) {
                t.strict_pred += 1;
            } else if let Some(g) = dates.iter().find(|g| g.span.overlaps(f.span)) {
                if verbose {
                    println!("  span: gold “{}” ours “{}”", clean(g.span), clean(f.span));
                }
            }
            if dates.iter().any(|g| g.span.overlaps(f.span)) {
                t.relaxed_pred += 1;
            } else {
                if doc.gold.iter().any(|g| g.span.overlaps(f.span)) {
                    t.other_type_pred += 1;
                }
                *t.spurious.entry(clean(f.span)).or_default() += 1;
            }
        }
        for g in &dates {
            let explicit = is_explicit(&doc.text[g.span.range()]);
            t.explicit_gold += usize::from(explicit);
            if found.iter().any(|f| f.span == g.span) {
                t.strict_gold += 1;
                t.explicit_strict_gold += usize::from(explicit);
            }
            let Some(f) = found.iter().find(|f| f.span.overlaps(g.span)) else {
                *t.missed.entry(clean(g.span)).or_default() += 1;
                continue;
            };
            t.relaxed_gold += 1;
            t.explicit_relaxed_gold += usize::from(explicit);
            if !is_calendar_value(&g.value) {
                continue;
            }
            t.values += 1;
            let ours = timeml(&f.value);
            if ours.as_deref() == Some(g.value.as_str()) {
                t.values_right += 1;
                t.values_right_anchored += 1;
                continue;
            }
            let anchored = match (&f.value, &doc.dct) {
                (v, Some(dct)) if !v.has_year() => {
                    let y: i32 = dct[..4].parse().unwrap_or(0);
                    timeml(&v.with_year(y))
                }
                _ => None,
            };
            if anchored.as_deref() == Some(g.value.as_str()) {
                t.values_right_anchored += 1;
            } else if t.wrong_values.len() < 400 {
                t.wrong_values.push(format!(
                    "{}: “{}” gold {} ours {}",
                    doc.name,
                    clean(g.span),
                    g.value,
                    ours.unwrap_or_else(|| f.value.normalized())
                ));
            }
        }
    }
    let sp = pct(t.strict_pred, t.predicted);
    let sr = pct(t.strict_gold, t.gold);
    let rp = pct(t.relaxed_pred, t.predicted);
    let rr = pct(t.relaxed_gold, t.gold);
    println!("== {name}: {} documents", docs.len());
    println!(
        "  gold DATE expressions: {} ({} explicit calendar dates); provlint found {}",
        t.gold, t.explicit_gold, t.predicted
    );
    println!(
        "  strict  (same span):  precision {sp:5.1}%  recall {sr:5.1}%  F1 {:5.1}",
        f1(sp, sr)
    );
    println!(
        "  relaxed (overlap):    precision {rp:5.1}%  recall {rr:5.1}%  F1 {:5.1}",
        f1(rp, rr)
    );
    println!(
        "  recall on explicit calendar dates: strict {:5.1}%  relaxed {:5.1}%",
        pct(t.explicit_strict_gold, t.explicit_gold),
        pct(t.explicit_relaxed_gold, t.explicit_gold)
    );
    println!(
        "  not DATE: {} of the unmatched predictions overlap a TIME, DURATION or SET",
        t.other_type_pred
    );
    println!(
        "  value accuracy on {} matched calendar values: {:5.1}% as extracted, {:5.1}% with year-less dates given the document date's year",
        t.values,
        pct(t.values_right, t.values),
        pct(t.values_right_anchored, t.values)
    );
    let top = |m: &HashMap<String, usize>| {
        let mut v: Vec<(&String, &usize)> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.into_iter()
            .take(if verbose { 60 } else { 15 })
            .map(|(k, n)| format!("{k} ({n})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("  most missed: {}", top(&t.missed));
    println!("  false positives: {}", top(&t.spurious));
    if verbose {
        for w in &t.wrong_values {
            println!("  wrong value: {w}");
        }
    }
    println!();
}
