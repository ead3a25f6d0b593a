//! Numbers written in words, shared by the date and figure extractors.

/// `zero` to `nineteen`, by value.
pub const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// The tens, by value / 10 (`twenty` is at 2; 0 and 1 are empty).
pub const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A number below a hundred in words, lower-case: `seven`, `forty`,
/// `forty-six`, `forty six`.
pub fn below_hundred(word: &str) -> Option<u32> {
    if let Some(n) = UNITS.iter().position(|u| *u == word) {
        return Some(n as u32);
    }
    let (tens, unit) = match word.split_once(['-', ' ']) {
        Some((t, u)) => (t, Some(u)),
        None => (word, None),
    };
    let t = TENS.iter().position(|x| !x.is_empty() && *x == tens)? as u32;
    let u = match unit {
        Some(u) => UNITS[1..10].iter().position(|x| *x == u)? as u32 + 1,
        None => 0,
    };
    Some(t * 10 + u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_below_a_hundred() {
        assert_eq!(below_hundred("seven"), Some(7));
        assert_eq!(below_hundred("nineteen"), Some(19));
        assert_eq!(below_hundred("forty"), Some(40));
        assert_eq!(below_hundred("forty-six"), Some(46));
        assert_eq!(below_hundred("forty six"), Some(46));
        assert_eq!(below_hundred("forty-twelve"), None);
        assert_eq!(below_hundred("hundred"), None);
    }
}
