//! `rules/apparatus.toml`, compiled in: the headings of a document's
//! reference sections (references, bibliography, see also, …), whose blocks
//! are apparatus, not prose to check.

use serde::Deserialize;
use std::collections::HashSet;
use std::sync::OnceLock;

pub const BUILT_IN: &str = include_str!("../../rules/apparatus.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    sections: Vec<String>,
}

fn sections() -> &'static HashSet<String> {
    static SECTIONS: OnceLock<HashSet<String>> = OnceLock::new();
    SECTIONS.get_or_init(|| {
        let raw: Raw =
            toml::from_str(BUILT_IN).expect("rules/apparatus.toml is valid (a test checks)");
        raw.sections.iter().map(|s| key(s)).collect()
    })
}

/// A heading reduced to its words: lower case, without a leading section
/// number or trailing punctuation.
fn key(heading: &str) -> String {
    let words: Vec<String> = heading
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .skip_while(|w| w.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .collect();
    words.join(" ")
}

/// Whether a heading names a reference section.
pub fn is_reference_heading(heading: &str) -> bool {
    sections().contains(&key(heading))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_parses() {
        assert!(sections().len() > 10);
    }

    #[test]
    fn headings_are_matched_whole() {
        assert!(is_reference_heading("References"));
        assert!(is_reference_heading("7. Further Reading:"));
        assert!(is_reference_heading("See Also"));
        assert!(!is_reference_heading("References to the coup in the press"));
        assert!(!is_reference_heading("Legacy"));
    }
}
