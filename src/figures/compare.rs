//! When two figures agree, and when they count the same thing.
//!
//! Each figure stands for an interval of values, from its value, qualifier
//! and precision:
//!
//! | figure            | stands for                                        |
//! |-------------------|---------------------------------------------------|
//! | `36.3%`           | 36.25 to 36.35 (half its last digit either side)  |
//! | `38%`             | 37.5 to 38.5 (whole percentages are exact to the point) |
//! | `3,000`           | 2,700 to 3,300 (half its last digit, at most 10%) |
//! | `about 37%`       | above 36 and below 38 (a point either side)      |
//! | `some 5,000`      | 4,250 to 5,750 (15% either side)                  |
//! | `over 40%`        | above 40, up to 60                                |
//! | `at least 3,000`  | 3,000 up to 4,500                                 |
//! | `nearly 100`      | 85 up to (not including) 100                      |
//! | `up to 1 million` | 500,000 to 1 million                              |
//! | `fewer than 100`  | 50 up to (not including) 100                      |
//! | `tens of thousands` | 20,000 up to (not including) 100,000            |
//!
//! Two figures agree when either one's value lies in the other's interval:
//! `about 37%` and `36.3%` agree, and so do `about 37%` and `36.6%`; `38%`
//! agrees with neither.

use super::{Figure, Qualifier, Unit};

/// An interval of values; each end open or closed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
    pub lo_open: bool,
    pub hi_open: bool,
}

impl Interval {
    fn closed(lo: f64, hi: f64) -> Interval {
        Interval {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
        }
    }

    pub fn contains(&self, x: f64) -> bool {
        // Values are compared with a little slack for binary fractions.
        let eps = 1e-9 * x.abs().max(1.0);
        let above = if self.lo_open {
            x > self.lo + eps
        } else {
            x >= self.lo - eps
        };
        let below = if self.hi_open {
            x < self.hi - eps
        } else {
            x <= self.hi + eps
        };
        above && below
    }
}

/// The values a figure stands for.
pub fn interval(f: &Figure) -> Interval {
    interval_with(f, false)
}

/// The values a figure stands for; `tight` keeps open-ended qualifiers near
/// their number ("up to one million" is 850,000 to a million, not half a
/// million up), for deciding what a source *states* rather than what it
/// allows.
fn interval_with(f: &Figure, tight: bool) -> Interval {
    if let Some((lo, hi)) = f.vague {
        return Interval {
            lo,
            hi,
            lo_open: false,
            hi_open: true,
        };
    }
    if let Some(hi) = f.high {
        return Interval::closed(f.value.min(hi), f.value.max(hi));
    }
    let v = f.value;
    let u = f.precision;
    let percent = f.unit == Unit::Percent;
    // How far an unqualified figure may have been rounded.
    let rounding = if percent {
        u / 2.0
    } else {
        (u / 2.0).min(0.1 * v)
    };
    // How far an open-ended qualifier ("over", "up to") reaches.
    let reach = if tight { 0.15 * v } else { u.max(0.5 * v) };
    match f.qualifier {
        None => Interval::closed(v - rounding, v + rounding),
        Some(Qualifier::Exactly) => Interval::closed(v, v),
        Some(Qualifier::About) => {
            if percent {
                Interval {
                    lo: v - u,
                    hi: v + u,
                    lo_open: true,
                    hi_open: true,
                }
            } else {
                let t = (0.15 * v).max(rounding);
                Interval::closed(v - t, v + t)
            }
        }
        Some(Qualifier::Over) => Interval {
            lo: v,
            hi: v + reach,
            lo_open: true,
            hi_open: false,
        },
        Some(Qualifier::AtLeast) => Interval::closed(v, v + reach),
        Some(Qualifier::Nearly) => Interval {
            lo: v - u.min(0.15 * v).max(if percent { u } else { 0.0 }),
            hi: v,
            lo_open: false,
            hi_open: true,
        },
        Some(Qualifier::UpTo) => Interval::closed(v - reach.min(v / 2.0), v),
        Some(Qualifier::Under) => Interval {
            lo: (v - reach).max(0.0),
            hi: v,
            lo_open: false,
            hi_open: true,
        },
    }
}

/// A value standing for a figure when it is compared: a vague magnitude's
/// middle, a range's middle, else its value.
fn point(f: &Figure) -> f64 {
    if let Some((lo, hi)) = f.vague {
        return (lo * hi).sqrt();
    }
    if let Some(hi) = f.high {
        return (f.value + hi) / 2.0;
    }
    f.value
}

/// Whether two figures in the same unit agree: neither contradicts the
/// other ("over 40%" and "45%" agree).
pub fn agree(a: &Figure, b: &Figure) -> bool {
    agree_with(a, b, false)
}

/// Whether source figure `b` states draft figure `a`: they agree, with
/// open-ended qualifiers kept near their number ("up to one million" does not
/// state "700,000"; "more than one thousand" states "more than 1,000").
pub fn states(b: &Figure, a: &Figure) -> bool {
    // "Tens of thousands" does not state "30,000", nor the other way.
    a.vague.is_some() == b.vague.is_some() && agree_with(a, b, true)
}

fn agree_with(a: &Figure, b: &Figure, tight: bool) -> bool {
    let same_words = a.qualifier == b.qualifier
        && a.vague == b.vague
        && (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(1.0);
    a.unit == b.unit
        && (same_words
            || interval_with(b, tight).contains(point(a))
            || interval_with(a, tight).contains(point(b)))
}

/// How surely two figures count the same thing in the same event, or
/// `None` when they do not: the same unit; no different years named; and a
/// concept in common (or, when either has none, the same counted noun).
/// Higher is surer.
pub fn same_quantity(a: &Figure, b: &Figure) -> Option<u32> {
    if a.unit != b.unit {
        return None;
    }
    let years_shared = a.years.iter().any(|y| b.years.contains(y));
    if !a.years.is_empty() && !b.years.is_empty() && !years_shared {
        return None;
    }
    let shared_concepts = a.concepts.iter().filter(|c| b.concepts.contains(c)).count() as u32;
    let mut score = if !a.concepts.is_empty() && !b.concepts.is_empty() {
        if shared_concepts == 0 {
            return None;
        }
        2 * shared_concepts
    } else {
        // No concepts to go by: the same counted noun; a noun that says
        // little ("workers") needs another word in common too.
        let shared_context = a.context.iter().filter(|w| b.context.contains(w)).count();
        match (&a.counted, &b.counted) {
            (Some(x), Some(y)) if x == y && (!a.generic || shared_context > 0) => 1,
            _ => return None,
        }
    };
    if a.counted.is_some() && a.counted == b.counted && !a.generic {
        score += 2;
    }
    score += a.context.iter().filter(|w| b.context.contains(w)).count() as u32;
    if years_shared {
        score += 1;
    }
    Some(score)
}

/// Whether two figures may count the same thing: the same unit and no
/// different concepts (a figure with none is compatible with any). Looser
/// than [`same_quantity`], and blind to years (a sentence's years are often
/// another clause's): used before saying that a credited source does *not*
/// state a figure, where a wrong "no" costs more than a wrong "yes".
pub fn compatible(a: &Figure, b: &Figure) -> bool {
    // A vague magnitude ("thousands") does not state an exact figure.
    let vague_for_exact = a.vague.is_some() != b.vague.is_some();
    !vague_for_exact
        && a.unit == b.unit
        && (a.concepts.is_empty()
            || b.concepts.is_empty()
            || a.concepts.iter().any(|c| b.concepts.contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{FigureRules, extract};
    use crate::span::Span;

    fn fig(text: &str) -> Figure {
        let rules = FigureRules::built_in();
        let s = crate::text::sentences::split(text, Span::new(0, text.len()));
        extract(text, &s, rules, 0.0)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no figure in {text}"))
    }

    #[test]
    fn qualifiers_decide_what_agrees() {
        let saunois = fig("Allende won the election with 36.3% of the popular vote.");
        let bensaid = fig("Allende was elected in 1970 with a relative majority of about 37%.");
        let draft_38 = fig("Allende won 38% of the vote in 1970.");
        let draft_366 = fig("Allende won 36.6% of the vote in 1970.");
        assert!(agree(&saunois, &bensaid));
        assert!(!agree(&draft_38, &saunois));
        assert!(!agree(&draft_38, &bensaid));
        assert!(agree(&draft_366, &bensaid));
        assert!(!agree(&draft_366, &saunois));

        let more = fig("More than one thousand factories were occupied.");
        assert!(agree(&fig("more than 1,000 factories"), &more));
        assert!(!agree(&fig("Some 5,000 factories were occupied."), &more));
        assert!(agree(&fig("1,000 factories were occupied."), &more));
        assert!(agree(&fig("1,200 factories were occupied."), &more));
        assert!(states(&more, &fig("1,100 factories were occupied.")));
        assert!(!states(&more, &fig("1,200 factories were occupied.")));
        let million = fig("Up to one million people demonstrated.");
        assert!(agree(&fig("700,000 demonstrated"), &million));
        assert!(!states(&million, &fig("700,000 demonstrated")));
        assert!(states(&million, &fig("nearly a million demonstrated")));
        assert!(agree(&fig("3,000 leftists"), &fig("thousands of leftists")));
        assert!(!agree(
            &fig("30,000 leftists"),
            &fig("thousands of leftists")
        ));
    }

    #[test]
    fn quantities_match_by_what_they_count_and_their_event() {
        let vote = fig("Allende won 38% of the vote in 1970.");
        assert!(
            same_quantity(
                &vote,
                &fig("Allende won the election with 36.3% of the popular vote.")
            )
            .is_some()
        );
        assert!(
            same_quantity(&vote, &fig("Allende was elected in 1970 with about 37%.")).is_some()
        );
        // Another election.
        assert!(
            same_quantity(
                &vote,
                &fig("In March 1973 the UP won over 44% of the vote.")
            )
            .is_none()
        );
        // Another share.
        assert!(
            same_quantity(
                &vote,
                &fig("By 1973, over 40% of the economy was publicly owned.")
            )
            .is_none()
        );
        let killed = fig("The junta killed 3,000 leftists.");
        assert!(
            same_quantity(
                &killed,
                &fig("Pinochet massacred 3,000 leftists, and others")
            )
            .is_some()
        );
        assert!(same_quantity(&killed, &fig("It forced tens of thousands into exile.")).is_none());
        assert!(same_quantity(&killed, &fig("Around 30,000 were tortured.")).is_none());
    }
}
