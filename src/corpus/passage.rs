//! Reading a passage of a source, not the whole source.
//!
//! A quotation is aligned with a window of a few dozen source words, and a
//! copied run is shown by its words' place; reading and analyzing the whole
//! source (Markdown and all) for that costs far more than the index lookups
//! that found the window. So each source keeps *checkpoints*: every couple
//! of hundred words, a line where reading may start afresh (the first word
//! of the line begins there, no word runs across from the line before, and
//! the line before is blank in Markdown or not hyphenated in plain text),
//! with that word's number as the index counts words. A passage is then
//! read from the checkpoint before it to the checkpoint after it.
//!
//! Reading from a line is not always reading as the whole source reads
//! (a Markdown list or code block may start before it), so a passage is
//! used only when its words are the very words the index holds for that
//! stretch; otherwise the whole source is read, as before. Checkpoints are
//! kept in the facts cache (see `corpus::facts`), so they are found once.

use super::{Corpus, SourceIdx, SourceText};
use crate::span::Span;
use crate::text::Format;
use crate::text::tokenize::Token;
use serde::{Deserialize, Serialize};
use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

/// The facts kind, and its fingerprint: bump when the choice of checkpoints
/// changes. (A changed reader or tokenizer cannot give wrong passages: a
/// passage whose words differ from the index's is not used.)
const KIND: &str = "passages";
const FINGERPRINT: u64 = 1;

/// Words between checkpoints, at least.
const STRIDE: u32 = 200;

/// Where a source may be read from partway.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Checkpoints {
    /// (word number, byte offset in the original file of the start of the
    /// word's line), ascending; the first is (0, 0).
    points: Vec<(u32, u64)>,
    /// The source's words.
    words: u32,
}

/// The checkpoints of a source (`text`, read from `original`).
pub fn checkpoints(text: &SourceText, original: &str, format: Format) -> Checkpoints {
    let prose = &text.doc.prose;
    let mut points = vec![(0u32, 0u64)];
    let mut last = 0u32;
    let mut prev_end = 0usize;
    for w in 0..text.words.len() {
        let at = prose.to_original(text.word(w).span);
        let n = w as u32;
        if n >= last + STRIDE {
            let line = original[..at.start].rfind('\n').map_or(0, |i| i + 1);
            if prev_end <= line && restartable(original, line, format) {
                points.push((n, line as u64));
                last = n;
            }
        }
        prev_end = at.end;
    }
    Checkpoints {
        points,
        words: text.words.len() as u32,
    }
}

/// Whether reading may start afresh at `line` (a line's first byte).
fn restartable(original: &str, line: usize, format: Format) -> bool {
    if line == 0 {
        return true;
    }
    let before = &original[..line - 1];
    let prev = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    match format {
        // A blank line ends every Markdown block but a fenced one (which
        // the check of the words catches).
        Format::Markdown => prev.trim().is_empty(),
        // A PDF copy joins a word hyphenated across lines.
        Format::Text => !prev.trim_end().ends_with('-'),
    }
}

/// Source words read for a passage: the whole source's, or a stretch of
/// them starting at word `base`, at byte `offset` of the original file.
#[derive(Debug)]
pub struct PassageText {
    text: Arc<SourceText>,
    base: usize,
    offset: usize,
    /// A stretch, checked against the index when read.
    partial: bool,
}

impl PassageText {
    pub fn whole(text: Arc<SourceText>) -> PassageText {
        PassageText {
            text,
            base: 0,
            offset: 0,
            partial: false,
        }
    }

    /// Source word `w` (numbered as in the whole source); its span is in
    /// [`PassageText::prose`].
    pub fn word(&self, w: usize) -> &Token {
        self.text.word(w - self.base)
    }

    pub fn prose(&self) -> &str {
        self.text.prose()
    }

    /// A span of [`PassageText::prose`] in the original file's bytes.
    pub fn to_original(&self, span: Span) -> Span {
        let s = self.text.doc.prose.to_original(span);
        Span::new(s.start + self.offset, s.end + self.offset)
    }

    /// Whether this is a stretch of the source rather than all of it.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// Whether its words are the words the index holds for the source (a
    /// stretch read is checked when read; a whole source may have changed
    /// since it was indexed, see `Source::load_error`).
    pub fn as_indexed(&self, corpus: &Corpus, s: SourceIdx) -> bool {
        self.partial || self.text.words.len() == corpus.index.source_len(s) as usize
    }
}

impl Corpus {
    /// Source `s`'s words `from..to` (and some around them) for aligning
    /// or showing: read from checkpoints when the corpus has a cache and
    /// the source is not read already, else the whole source.
    pub fn passage(&self, s: SourceIdx, from: u32, to: u32) -> PassageText {
        if self.texts[s.get()].get().is_some() || self.facts.is_none() {
            return PassageText::whole(self.text(s));
        }
        self.read_passage(s, from, to)
            .unwrap_or_else(|| PassageText::whole(self.text(s)))
    }

    fn read_passage(&self, s: SourceIdx, from: u32, to: u32) -> Option<PassageText> {
        let source = self.source(s);
        let format = source.entry.format;
        let cps: Checkpoints = self.source_facts_with(KIND, FINGERPRINT, s, &|text, orig, _| {
            checkpoints(text, orig, format)
        });
        if cps.words != self.index.source_len(s) || to > cps.words || from > to {
            return None;
        }
        // A word before the window and one after it are read too: the
        // alignment looks at what comes between a word and the one before.
        let i = cps
            .points
            .partition_point(|p| p.0 < from.max(1))
            .checked_sub(1)?;
        let (first, start) = cps.points[i];
        let (last, end) = match cps.points.get(cps.points.partition_point(|p| p.0 <= to)) {
            Some(&(w, at)) => (w, at),
            None => (cps.words, source.size()),
        };
        if start == 0 && end == source.size() {
            // The whole source: no saving.
            return None;
        }
        let mut file = std::fs::File::open(&source.entry.path).ok()?;
        if file.metadata().ok()?.len() != source.size() {
            // Changed since it was indexed: the whole reading reports it.
            return None;
        }
        file.seek(SeekFrom::Start(start)).ok()?;
        let mut bytes = vec![0; usize::try_from(end.checked_sub(start)?).ok()?];
        file.read_exact(&mut bytes).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let analyzed = super::source::analyze_text(&source.entry, &text);
        // The very words the index holds for this stretch, or none.
        let ids = self.index.ids_of(s, first, last - first);
        if analyzed.words.len() != ids.len() {
            return None;
        }
        let vocab = self.index.vocab();
        let prose = analyzed.prose();
        for (w, id) in ids.iter().enumerate() {
            if vocab.id(&analyzed.word(w).key(prose)) != Some(*id) {
                return None;
            }
        }
        Some(PassageText {
            text: Arc::new(analyzed),
            base: first as usize,
            offset: start as usize,
            partial: true,
        })
    }
}

impl Corpus {
    /// Finds (or reads from the cache) every source's checkpoints, so that
    /// the next check finds them ready.
    pub fn prepare_passages(&self) {
        if self.facts.is_none() {
            return;
        }
        crate::parallel::map(self.sources.len(), 1, |i| {
            let s = SourceIdx(i as u32);
            let format = self.source(s).entry.format;
            let _: Checkpoints = self.source_facts_with(KIND, FINGERPRINT, s, &|text, orig, _| {
                checkpoints(text, orig, format)
            });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzed(text: &str, format: Format) -> SourceText {
        let corpus = Corpus::from_texts(&[("s", "", format)]);
        super::super::source::analyze_text(&corpus.source(SourceIdx(0)).entry, text)
    }

    /// Reading from each checkpoint gives the words the whole reading
    /// gives from there.
    fn assert_restartable(text: &str, format: Format) -> usize {
        let whole = analyzed(text, format);
        let cps = checkpoints(&whole, text, format);
        assert_eq!(cps.words as usize, whole.words.len());
        let key = |t: &SourceText, w: usize| t.word(w).key(t.prose());
        for &(w, at) in &cps.points[1..] {
            let part = analyzed(&text[at as usize..], format);
            let n = whole.words.len() - w as usize;
            assert_eq!(part.words.len(), n, "from word {w}");
            for k in 0..n {
                assert_eq!(
                    key(&part, k),
                    key(&whole, w as usize + k),
                    "word {}",
                    w as usize + k
                );
            }
        }
        cps.points.len()
    }

    #[test]
    fn plain_text_restarts_at_lines_not_inside_hyphenated_words() {
        let mut text = String::new();
        for i in 0..400 {
            // Every third line ends in a hyphenated word that the next
            // line finishes: no checkpoint may fall there.
            if i % 3 == 0 {
                text.push_str(&format!("line {i} has a revolu-\n"));
            } else {
                text.push_str(&format!("tionary word and line {i} more words here\n"));
            }
        }
        let n = assert_restartable(&text, Format::Text);
        assert!(n > 5, "{n} checkpoints");
        let whole = analyzed(&text, Format::Text);
        let cps = checkpoints(&whole, &text, Format::Text);
        for &(_, at) in &cps.points[1..] {
            let before = &text[..at as usize - 1];
            assert!(
                !before.ends_with('-'),
                "{:?}",
                &text[at as usize..at as usize + 20]
            );
        }
    }

    #[test]
    fn markdown_restarts_only_after_a_blank_line() {
        let mut text = String::from("---\ntitle: x\n---\n\n");
        for i in 0..120 {
            text.push_str(&format!(
                "Paragraph {i} says *something\nacross* two lines, with a [link\ntext](http://x.org/{i}).\n\n"
            ));
        }
        let n = assert_restartable(&text, Format::Markdown);
        assert!(n > 3, "{n} checkpoints");
    }
}
