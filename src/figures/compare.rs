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
//! | `thousands`       | 2,000 up to (not including) 200,000               |
//! | `tens of thousands` | 20,000 up to (not including) 100,000            |
//!
//! Two figures agree when their intervals share a value: `about 37%` and
//! `36.3%` agree, and so do `about 37%` and `36.6%`; `36.6%` and `36.3%` do
//! not. A vague magnitude stands for its range: `tens of thousands` is 20,000
//! up to 100,000; a bare plural gives the number of digits, give or take one
//! (`thousands` is 2,000 up to 200,000: an understatement is not an error).

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
    pub fn closed(lo: f64, hi: f64) -> Interval {
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
    // How far an open-ended qualifier ("over", "up to") reaches: half as
    // much again ("over 10,000" is not 20,000, whatever its last digit).
    let reach = if tight { 0.15 * v } else { 0.5 * v };
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

impl Interval {
    /// Whether two intervals share a value.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let eps = 1e-9 * self.hi.abs().max(other.hi.abs()).max(1.0);
        let lo_open = if self.lo > other.lo {
            self.lo_open
        } else if other.lo > self.lo {
            other.lo_open
        } else {
            self.lo_open || other.lo_open
        };
        let hi_open = if self.hi < other.hi {
            self.hi_open
        } else if other.hi < self.hi {
            other.hi_open
        } else {
            self.hi_open || other.hi_open
        };
        let lo = self.lo.max(other.lo);
        let hi = self.hi.min(other.hi);
        if lo_open || hi_open {
            lo < hi - eps
        } else {
            lo <= hi + eps
        }
    }

    /// The values both intervals hold, if any.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        if !self.overlaps(other) {
            return None;
        }
        let (lo, lo_open) = if self.lo > other.lo {
            (self.lo, self.lo_open)
        } else if other.lo > self.lo {
            (other.lo, other.lo_open)
        } else {
            (self.lo, self.lo_open || other.lo_open)
        };
        let (hi, hi_open) = if self.hi < other.hi {
            (self.hi, self.hi_open)
        } else if other.hi < self.hi {
            (other.hi, other.hi_open)
        } else {
            (self.hi, self.hi_open || other.hi_open)
        };
        Some(Interval {
            lo,
            hi,
            lo_open,
            hi_open,
        })
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

/// Whether two figures in the same unit agree: some value is in both of
/// their intervals ("over 40%" and "45%", "about 37%" and "36.3%", "3,000"
/// and "thousands"; not "3,000" and "tens of thousands").
pub fn agree(a: &Figure, b: &Figure) -> bool {
    a.unit == b.unit && (same_words(a, b) || interval(a).overlaps(&interval(b)))
}

fn same_words(a: &Figure, b: &Figure) -> bool {
    a.qualifier == b.qualifier
        && a.vague == b.vague
        && (a.value - b.value).abs() <= 1e-9 * a.value.abs().max(1.0)
}

/// Whether source figure `b` states draft figure `a`: they agree, with
/// open-ended qualifiers kept near their number ("up to one million" does not
/// state "700,000"; "more than one thousand" states "more than 1,000"); a
/// vague magnitude does not state an exact figure, nor the other way.
pub fn states(b: &Figure, a: &Figure) -> bool {
    a.vague.is_some() == b.vague.is_some()
        && a.unit == b.unit
        && (same_words(a, b)
            || interval_with(b, true).contains(point(a))
            || interval_with(a, true).contains(point(b)))
}

/// Whether two figures may measure the same thing: the same unit, and their
/// measures (what is done to what they count) do not differ; a figure with
/// none is compatible with any. Used before saying that a credited source
/// does *not* state a figure, where a wrong "no" costs more than a wrong
/// "yes".
pub fn compatible(a: &Figure, b: &Figure) -> bool {
    a.unit == b.unit
        && (a.measures.is_empty()
            || b.measures.is_empty()
            || a.measures.iter().any(|m| b.measures.contains(m)))
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
        assert!(agree(&draft_366, &bensaid));
        assert!(!agree(&draft_366, &saunois));

        let more = fig("More than one thousand factories were occupied.");
        assert!(agree(&fig("more than 1,000 factories"), &more));
        assert!(!agree(&fig("Some 5,000 factories were occupied."), &more));
        assert!(agree(&fig("1,200 factories were occupied."), &more));
        assert!(states(&more, &fig("1,100 factories were occupied.")));
        assert!(!states(&more, &fig("1,200 factories were occupied.")));
        let million = fig("Up to one million people demonstrated.");
        assert!(agree(&fig("700,000 demonstrated"), &million));
        assert!(!states(&million, &fig("700,000 demonstrated")));
        assert!(states(&million, &fig("nearly a million demonstrated")));
    }

    #[test]
    fn honest_intervals() {
        // "around 500" does not reach 250.
        assert!(!agree(&fig("around 500 people"), &fig("250 people")));
        // "tens of thousands" is not half a million.
        assert!(!agree(
            &fig("tens of thousands of exiles"),
            &fig("500,000 exiles")
        ));
        assert!(agree(
            &fig("tens of thousands of exiles"),
            &fig("30,000 exiles")
        ));
        // "about 37%" covers 36.3%.
        assert!(agree(
            &fig("about 37% of the vote"),
            &fig("36.3% of the vote")
        ));
        // "at least 3,100" agrees with "thousands", not with "tens of thousands".
        assert!(agree(
            &fig("at least 3,100 leftists"),
            &fig("thousands of leftists")
        ));
        assert!(!agree(
            &fig("at least 3,100 leftists"),
            &fig("tens of thousands of leftists")
        ));
        assert!(agree(&fig("3,000 leftists"), &fig("thousands of leftists")));
        assert!(agree(
            &fig("15,000 leftists"),
            &fig("thousands of leftists")
        ));
        // A bare plural is an understatement of the next magnitude, not a
        // contradiction of it; two magnitudes up, it is.
        assert!(agree(
            &fig("around 30,000 tortured"),
            &fig("thousands were tortured")
        ));
        assert!(agree(
            &fig("thousands of exiles"),
            &fig("tens of thousands of exiles")
        ));
        assert!(!agree(
            &fig("thousands of exiles"),
            &fig("hundreds of thousands of exiles")
        ));
        assert!(!agree(
            &fig("hundreds of prisoners"),
            &fig("30,000 prisoners")
        ));
        assert!(!agree(&fig("thousands of leftists"), &fig("500 leftists")));
        // "over 10,000" is not 20,000.
        assert!(!agree(
            &fig("over 10,000 leftists"),
            &fig("tens of thousands of leftists")
        ));
    }
}
