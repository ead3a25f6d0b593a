//! Splitting prose into sentences.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotation marks or
//! brackets after it) followed by white space and something that can start
//! a sentence: a capital, a digit, an opening mark. Abbreviations (`Gen.`,
//! `U.S.`, `Sept.`, `p.`) and initials (`J. Smith`) do not end sentences.
//! Line breaks alone never end a sentence: a PDF copy breaks lines, and even
//! blank lines, in the middle of sentences.

use crate::span::Span;
use crate::text::normalize::is_quote_mark;

/// Words that end with a period without ending a sentence (compared without
/// the period, case-insensitively).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "capt", "cpt", "maj", "sgt", "adm", "gov",
    "sen", "rep", "pres", "rev", "st", "mt", "ft", "jr", "sr", "co", "corp", "inc", "ltd", "no",
    "nos", "vol", "vols", "p", "pp", "ed", "eds", "trans", "cf", "e.g", "i.e", "etc", "vs", "viz",
    "al", "approx", "ca", "c", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "u.s", "u.k", "u.n", "a.m", "p.m", "fig", "ch", "sec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri",
];

/// The sentences of `text[span]`, as spans of `text`, trimmed of white space.
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let body = &text[span.range()];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take the whole run of terminal punctuation and closers.
            let mut j = i + 1;
            while j < chars.len()
                && (matches!(chars[j].1, '.' | '!' | '?' | ')' | ']' | '»' | '›')
                    || is_quote_mark(chars[j].1))
            {
                j += 1;
            }
            // A citation marker after the period belongs to the sentence it
            // closes: "died.[12] Then", "died.<sup>12</sup> Then".
            j = skip_markers(&chars, i, j);
            let end = chars.get(j).map_or(body.len(), |(k, _)| *k);
            let next_is_space = chars.get(j).is_none_or(|(_, n)| n.is_whitespace());
            if next_is_space && (c != '.' || !is_abbreviation(&body[..at])) {
                // The next non-space character must be able to start a sentence.
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let starts = chars.get(k).is_none_or(|(_, n)| {
                    n.is_uppercase()
                        || n.is_numeric()
                        || is_quote_mark(*n)
                        || matches!(n, '(' | '[' | '¿' | '¡' | '—' | '–' | '-' | '*' | '_')
                });
                if starts {
                    push(&mut out, body, span.start, start, end);
                    start = chars.get(k).map_or(body.len(), |(x, _)| *x);
                    i = k;
                    continue;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, body, span.start, start, body.len());
    out
}

/// Past the citation markers (`[12]`, `[3, 4]`, or the digits of a
/// superscript) that follow terminal punctuation at `period`, from `j`.
fn skip_markers(chars: &[(usize, char)], period: usize, mut j: usize) -> usize {
    let digits_from = |k: usize| {
        chars[k..]
            .iter()
            .take_while(|(_, c)| c.is_ascii_digit())
            .count()
    };
    loop {
        if chars.get(j).is_some_and(|(_, c)| *c == '[') {
            let mut k = j + 1;
            while k < chars.len()
                && (chars[k].1.is_ascii_digit() || matches!(chars[k].1, ',' | ' ' | '-' | '–'))
            {
                k += 1;
            }
            if k > j + 1 && chars.get(k).is_some_and(|(_, c)| *c == ']') {
                j = k + 1;
                continue;
            }
        }
        break;
    }
    // Bare superscript digits: only after a word's period, and only when a
    // space and a capital follow (so "3.5" stays a number).
    let n = if j < chars.len() { digits_from(j) } else { 0 };
    let after_word = period > 0 && chars[period - 1].1.is_alphabetic();
    if (1..=3).contains(&n)
        && after_word
        && chars.get(j + n).is_some_and(|(_, c)| *c == ' ')
        && chars.get(j + n + 1).is_some_and(|(_, c)| c.is_uppercase())
    {
        j += n;
    }
    j
}

fn push(out: &mut Vec<Span>, body: &str, base: usize, start: usize, end: usize) {
    let piece = &body[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(
            base + start + lead,
            base + start + lead + trimmed.len(),
        ));
    }
}

/// Whether the word before a period (the end of `before`) is an
/// abbreviation or an initial.
pub fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || is_quote_mark(c))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // A single capital is an initial (J. Smith), unless it is "I".
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    if let (Some(first), None) = (letters.next(), letters.next()) {
        if first.is_uppercase() && word.chars().count() == 1 && first != 'I' {
            return true;
        }
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn ordinary_sentences() {
        assert_eq!(
            sentences("One. Two? Three! Four"),
            vec!["One.", "Two?", "Three!", "Four"]
        );
        assert_eq!(
            sentences("He said “go home.” Then he left."),
            vec!["He said “go home.”", "Then he left."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences(
                "Gen. Augusto Pinochet and the U.S. government met on Sept. 11. J. Smith wrote it."
            ),
            vec![
                "Gen. Augusto Pinochet and the U.S. government met on Sept. 11.",
                "J. Smith wrote it."
            ]
        );
        assert_eq!(
            sentences("It was 3 p.m. on Tuesday."),
            vec!["It was 3 p.m. on Tuesday."]
        );
        assert_eq!(
            sentences("On Wed. 12 September the junta spoke."),
            vec!["On Wed. 12 September the junta spoke."]
        );
    }

    #[test]
    fn citation_markers_close_their_sentence() {
        assert_eq!(
            sentences("Many died.[12] Then more.[3, 4] At 3.5 percent. Also.4 Last."),
            vec![
                "Many died.[12]",
                "Then more.[3, 4]",
                "At 3.5 percent.",
                "Also.4",
                "Last."
            ]
        );
    }

    #[test]
    fn line_breaks_do_not_end_sentences() {
        let pdf = "In June 1973, a rebel wing of the Army made a failed coup attempt by sending a column \n\nof tanks against the palace. The UP’s response";
        assert_eq!(sentences(pdf).len(), 2);
        assert!(sentences(pdf)[0].ends_with("palace."));
    }

    #[test]
    fn lower_case_after_a_period_continues() {
        assert_eq!(
            sentences("about 37 per cent. of the vote"),
            vec!["about 37 per cent. of the vote"]
        );
    }
}
