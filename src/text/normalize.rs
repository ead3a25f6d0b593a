//! Character-level normalization shared by drafts and sources.
//!
//! This is where "verbatim" is defined, character by character (see
//! `provlint explain quote::mismatch`):
//! - NFKC (so `…` is `...`, a ligature `ﬁ` is `fi`, a no-break space a space);
//! - all single quotes and apostrophes alike, all double quotes alike;
//! - all dashes alike;
//! - soft hyphens and zero-width characters dropped.
//!
//! Two forms of a word come out of here: its *surface* (normalized as above,
//! case kept) which decides whether two words are the same, and its *key*
//! (surface, lower-cased, hyphens removed) under which the index files it, so
//! that candidates are found even when case or a line-break hyphen differ.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters that vanish: soft hyphen, zero-width space/joiners, word
/// joiner, byte-order mark.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Apostrophes and single quotation marks, which are folded together.
pub fn is_single_quote(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{02BC}'
            | '\u{2032}'
            | '\u{FF07}'
    )
}

/// Double quotation marks, folded together.
pub fn is_double_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}'
    )
}

pub fn is_guillemet(c: char) -> bool {
    matches!(c, '«' | '»' | '‹' | '›')
}

/// Any character that can open or close a quotation.
pub fn is_quote_mark(c: char) -> bool {
    is_single_quote(c) || is_double_quote(c) || is_guillemet(c)
}

/// Hyphens that may join the parts of a word (`so-called`, `1964-65`).
pub fn is_word_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Every dash, hyphen and minus, which all compare alike as punctuation.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
            | '\u{FE58}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// Characters that make up words: letters, digits and combining marks.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The surface form of a word: NFKC, quotes and dashes folded, invisible
/// characters dropped. Case is kept.
pub fn surface(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().filter(|c| !is_invisible(*c)).nfkc() {
        out.push(if is_single_quote(c) {
            '\''
        } else if is_dash(c) {
            '-'
        } else {
            c
        });
    }
    out
}

/// The index key of a word: its surface, lower-cased, without hyphens.
pub fn key(word: &str) -> String {
    key_of_surface(&surface(word))
}

/// The index key of a word already in surface form.
pub fn key_of_surface(surface: &str) -> String {
    surface
        .chars()
        .filter(|c| *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The surface of a word that was hyphenated across a line break: the
/// hyphen and the line break are taken out (`revolu-\ntionary` is
/// `revolutionary`).
pub fn surface_joined(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if (is_word_hyphen(c) || c == '\u{00AD}')
            && word[i + c.len_utf8()..].starts_with(char::is_whitespace)
        {
            while chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
                chars.next();
            }
            continue;
        }
        out.push(c);
    }
    surface(&out)
}

/// The normalized form of a run of punctuation: NFKC, dashes folded to one
/// `-`, quotation marks and emphasis marks dropped, whitespace dropped.
pub fn punct(run: &str) -> String {
    let mut out = String::new();
    for c in run.chars().filter(|c| !is_invisible(*c)).nfkc() {
        if c.is_whitespace() || is_quote_mark(c) || is_ignorable_mark(c) {
            continue;
        }
        if is_dash(c) {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Marks that carry no words: emphasis asterisks and underscores left in
/// plain-text copies of Markdown.
pub fn is_ignorable_mark(c: char) -> bool {
    matches!(c, '*' | '_' | '~' | '`')
}

/// Whether two word surfaces are the same up to the case of the first letter.
pub fn equal_ignoring_first_case(a: &str, b: &str) -> bool {
    let mut ac = a.chars();
    let mut bc = b.chars();
    match (ac.next(), bc.next()) {
        (Some(x), Some(y)) => {
            (x == y || x.to_lowercase().eq(y.to_lowercase())) && ac.as_str() == bc.as_str()
        }
        (None, None) => true,
        _ => false,
    }
}

/// Damerau-Levenshtein distance at most 1 (one insertion, deletion,
/// substitution or transposition of adjacent characters).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if la == lb {
        // substitution, or a transposition of two adjacent characters
        if a[prefix + 1..] == b[prefix + 1..] {
            return true;
        }
        prefix + 1 < la
            && a[prefix] == b[prefix + 1]
            && a[prefix + 1] == b[prefix]
            && a[prefix + 2..] == b[prefix + 2..]
    } else if la > lb {
        a[prefix + 1..] == b[prefix..]
    } else {
        a[prefix..] == b[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_dashes_and_invisibles_fold() {
        assert_eq!(surface("Allende’s"), "Allende's");
        assert_eq!(surface("Allende\u{02BC}s"), "Allende's");
        assert_eq!(surface("so‐called"), "so-called");
        assert_eq!(surface("revo\u{00AD}lution"), "revolution");
        assert_eq!(surface("ﬁght"), "fight");
        assert_eq!(key("US-backed"), "usbacked");
        assert_eq!(key("Víctor"), "víctor");
        // NFKC composes a decomposed accent so both spellings meet.
        assert_eq!(key("Vi\u{0301}ctor"), key("Víctor"));
    }

    #[test]
    fn punctuation_runs_fold() {
        assert_eq!(punct(" -- "), "-");
        assert_eq!(punct("—"), "-");
        assert_eq!(punct(", “"), ",");
        assert_eq!(punct("…"), "...");
        assert_eq!(punct("** "), "");
    }

    #[test]
    fn first_letter_case() {
        assert!(equal_ignoring_first_case("The", "the"));
        assert!(equal_ignoring_first_case("Élan", "élan"));
        assert!(!equal_ignoring_first_case("THe", "the"));
        assert!(!equal_ignoring_first_case("the", "then"));
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("goverment", "government"));
        assert!(within_one_edit("recieve", "receive"));
        assert!(within_one_edit("form", "from"));
        assert!(within_one_edit("cat", "cut"));
        assert!(!within_one_edit("cat", "dog"));
        assert!(!within_one_edit("workers", "work"));
    }
}
