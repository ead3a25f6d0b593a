//! Dates: calendar days, normalised date values with their granularity, and
//! how two values compare.
//!
//! A date in prose is rarely a day. `June 1973`, `early 1973`, `the 1930s`,
//! `September-October 1970` and `29 June` (no year) are all dates, and each
//! keeps what it says and no more: `June 1973` agrees with `29 June 1973`
//! and with `20 June 1973`, and only days disagree with days. Values compare
//! as the stretch of calendar they cover; a value without a year compares by
//! the month and day it has.

pub mod expr;
pub mod relative;

/// `provlint explain dates`.
pub const TOPIC: &str = r#"# Dates

provlint reads these date expressions in prose, each with its granularity:

| written                                   | value                 | granularity |
|-------------------------------------------|-----------------------|-------------|
| `11 September 1973`, `September 11, 1973` | `1973-09-11`          | day         |
| `Tuesday, 11 September 1973`              | `1973-09-11`          | day (the weekday is checked) |
| `11th September`, `Sept. 11`, `9/11`      | `XXXX-09-11`          | day, no year |
| `9/11/1973` (month first unless the first number is above 12), `1973-09-11`, `16.09.2023` | `1973-09-11` | day |
| `June 1973`, `in June`, `last August`     | `1973-06`, `XXXX-06`  | month       |
| `1971`, `the 1973 coup`                   | `1971`                | year        |
| `the 1930s`                               | `193X`                | decade      |
| `early 1973`, `mid-1973`, `the end of 1972`, `the early 1930s` | `early 1973` | part |
| `the autumn of 1972`, `Summer 1973`       | `1972-FA`             | season      |
| `September-October 1970`, `July/August`, `24 and 25 August`, `1964-65` | `1970-09/1970-10` | range |

A year used as an adjective (`the 1973 coup`) is a date. A four-digit number
is not a year when it is a count, a price, a page or part of a phone number
(`1500 workers`, `$1973`, `p. 1971`, `079 8202 1969`). Weekdays alone (`on
Tuesday`) and relative dates (`last year`, `two days later`) have no value
without the date of writing and are not read as dates; `N years ago`, `the
Nth anniversary` and `N years later` are checked by `date::anniversary`.

## Dates without a year

A day or month without a year (`on 11 September`) takes the year of its
sentence when the sentence names exactly one year and the months follow the
calendar (`the attempted coup of 20 June 1973 ... took place on 11
September` is 11 September 1973). Otherwise it stays without a year, and is
compared by its month and day.

## When two dates agree

Two dates agree when they can both be right: they cover a common day.
`June 1973` agrees with `29 June 1973` and with `20 June 1973`; only the two
days disagree with each other. `1972` agrees with `October 1972`. A date
without a year agrees with one that has it when the months (and days) match:
`29 June` agrees with `29 June 1973`. Early, mid and late overlap (early is
January to May, mid April to September, late August to December); a season
compares as its whole year, since which months it covers depends on the
hemisphere.

How a draft's date is judged against the sources' dates: `provlint explain
date::conflict` and `date::disputed`.
"#;

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A calendar day (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Ymd {
    /// The day, if it exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Ymd> {
        let exists =
            (1..=12).contains(&month) && day >= 1 && day <= days_in_month(Some(year), month);
        exists.then_some(Ymd { year, month, day })
    }

    /// `YYYY-MM-DD` (anything after the day, such as a time, is ignored by
    /// callers that cut it off first).
    pub fn parse_iso(s: &str) -> Option<Ymd> {
        let s = s.trim();
        let mut parts = s.splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Ymd::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    pub fn from_days(days: i64) -> Ymd {
        civil_from_days(days)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days() + 3).rem_euclid(7) as usize]
    }

    /// Today's date (UTC), from the system clock.
    pub fn today() -> Ymd {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Ymd::from_days((secs / 86_400) as i64)
    }

    /// `29 June 1973`.
    pub fn describe(self) -> String {
        format!("{} {} {}", self.day, month_name(self.month), self.year)
    }
}

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Ymd {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month`; without a year, February has 29 (the 29th may exist).
pub fn days_in_month(year: Option<i32>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

// Howard Hinnant's days_from_civil and civil_from_days.
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Ymd {
        year: y as i32,
        month: m as u8,
        day: d as u8,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    /// A weekday's name or abbreviation (`Tue`, `Tues.`), any case.
    pub fn parse(word: &str) -> Option<Weekday> {
        let w = word.trim_end_matches('.').to_ascii_lowercase();
        Weekday::ALL.into_iter().find(|d| {
            let name = d.name().to_ascii_lowercase();
            w == name || (w.len() >= 3 && name.starts_with(&w) && w.len() <= 5)
        })
    }
}

/// The early, middle or late part of a year, month or decade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Early,
    Mid,
    Late,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Early => "early",
            Part::Mid => "mid",
            Part::Late => "late",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    pub fn name(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
            Season::Winter => "winter",
        }
    }

    /// TimeML's season codes.
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }
}

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Month,
    Year,
    Decade,
    /// early, mid or late part of a year, month or decade.
    Part,
    Season,
    /// From one date to another (`September-October 1970`, `1964-65`).
    Range,
}

/// What a date expression says, normalised.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateValue {
    /// A day; the year may be unknown (`29 June`).
    Day {
        year: Option<i32>,
        month: u8,
        day: u8,
    },
    /// A month; the year may be unknown (`in June`).
    Month {
        year: Option<i32>,
        month: u8,
    },
    Year(i32),
    /// A decade, by its first year (`the 1930s` is 1930).
    Decade(i32),
    /// The early, middle or late part of a year, month or decade.
    Part(Part, Box<DateValue>),
    /// A season of a year. Which months it covers depends on the hemisphere
    /// (a Chilean autumn is March to May), so it compares as its year.
    Season(Season, i32),
    /// From one value to another, both included.
    Range(Box<DateValue>, Box<DateValue>),
}

impl DateValue {
    pub fn granularity(&self) -> Granularity {
        match self {
            DateValue::Day { .. } => Granularity::Day,
            DateValue::Month { .. } => Granularity::Month,
            DateValue::Year(_) => Granularity::Year,
            DateValue::Decade(_) => Granularity::Decade,
            DateValue::Part(..) => Granularity::Part,
            DateValue::Season(..) => Granularity::Season,
            DateValue::Range(..) => Granularity::Range,
        }
    }

    /// The year it names, when it names one year.
    pub fn year(&self) -> Option<i32> {
        match self {
            DateValue::Day { year, .. } | DateValue::Month { year, .. } => *year,
            DateValue::Year(y) | DateValue::Season(_, y) => Some(*y),
            DateValue::Part(_, base) => base.year(),
            DateValue::Range(a, b) => a.year().filter(|y| b.year() == Some(*y)),
            DateValue::Decade(_) => None,
        }
    }

    /// Whether it says which year (or years) it is in.
    pub fn has_year(&self) -> bool {
        match self {
            DateValue::Day { year, .. } | DateValue::Month { year, .. } => year.is_some(),
            DateValue::Part(_, base) => base.has_year(),
            DateValue::Range(a, b) => a.has_year() && b.has_year(),
            _ => true,
        }
    }

    /// The same value in `year`, for a day or month (or a range of them)
    /// that did not say its year.
    pub fn with_year(&self, y: i32) -> DateValue {
        match self {
            DateValue::Day {
                year: None,
                month,
                day,
            } => DateValue::Day {
                year: Some(y),
                month: *month,
                day: *day,
            },
            DateValue::Month { year: None, month } => DateValue::Month {
                year: Some(y),
                month: *month,
            },
            DateValue::Part(p, base) => DateValue::Part(*p, Box::new(base.with_year(y))),
            DateValue::Range(a, b) => {
                DateValue::Range(Box::new(a.with_year(y)), Box::new(b.with_year(y)))
            }
            other => other.clone(),
        }
    }

    /// The month and day only (for "the same day" as another date).
    pub fn without_year(&self) -> DateValue {
        match self {
            DateValue::Day { month, day, .. } => DateValue::Day {
                year: None,
                month: *month,
                day: *day,
            },
            DateValue::Month { month, .. } => DateValue::Month {
                year: None,
                month: *month,
            },
            other => other.clone(),
        }
    }

    /// Whether the day it names exists (`31 June` and `29 February 1973` do
    /// not).
    pub fn is_valid(&self) -> bool {
        match self {
            DateValue::Day { year, month, day } => {
                (1..=12).contains(month) && *day >= 1 && *day <= days_in_month(*year, *month)
            }
            DateValue::Month { month, .. } => (1..=12).contains(month),
            DateValue::Part(_, base) => base.is_valid(),
            DateValue::Range(a, b) => a.is_valid() && b.is_valid(),
            _ => true,
        }
    }

    /// The normalised value: ISO 8601 where it can say it (`1973-06-29`,
    /// `1973-06`, `1973`), `XXXX` for an unknown year (`XXXX-06-29`), `193X`
    /// for a decade, `/` between the ends of a range (`1970-09/1970-10`),
    /// TimeML's season codes (`1972-FA`), and `early`/`mid`/`late` before a
    /// part (`early 1973`).
    pub fn normalized(&self) -> String {
        let year = |y: Option<i32>| y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
        match self {
            DateValue::Day {
                year: y,
                month,
                day,
            } => {
                format!("{}-{month:02}-{day:02}", year(*y))
            }
            DateValue::Month { year: y, month } => format!("{}-{month:02}", year(*y)),
            DateValue::Year(y) => format!("{y:04}"),
            DateValue::Decade(y) => format!("{:03}X", y / 10),
            DateValue::Part(p, base) => format!("{} {}", p.name(), base.normalized()),
            DateValue::Season(s, y) => format!("{y:04}-{}", s.code()),
            DateValue::Range(a, b) => format!("{}/{}", a.normalized(), b.normalized()),
        }
    }

    /// For people: `29 June 1973`, `June 1973`, `29 June (no year)`,
    /// `September–October 1970`, `the 1930s`, `early 1973`.
    pub fn describe(&self) -> String {
        match self {
            DateValue::Day { year, month, day } => match year {
                Some(y) => format!("{day} {} {y}", month_name(*month)),
                None => format!("{day} {} (no year)", month_name(*month)),
            },
            DateValue::Month { year, month } => match year {
                Some(y) => format!("{} {y}", month_name(*month)),
                None => format!("{} (no year)", month_name(*month)),
            },
            DateValue::Year(y) => y.to_string(),
            DateValue::Decade(y) => format!("the {y}s"),
            DateValue::Part(p, base) => match base.as_ref() {
                DateValue::Decade(y) => format!("the {} {y}s", p.name()),
                other => format!("{} {}", p.name(), other.describe()),
            },
            DateValue::Season(s, y) => format!("{} {y}", s.name()),
            DateValue::Range(a, b) => describe_range(a, b),
        }
    }

    /// The first and last day it covers, when it has a year.
    pub fn interval(&self) -> Option<(Ymd, Ymd)> {
        let day = |y, m, d| Ymd::new(y, m, d);
        let month_end = |y: i32, m: u8| day(y, m, days_in_month(Some(y), m));
        match self {
            DateValue::Day {
                year: Some(y),
                month,
                day: d,
            } => {
                let ymd = day(*y, *month, *d)?;
                Some((ymd, ymd))
            }
            DateValue::Month {
                year: Some(y),
                month,
            } => Some((day(*y, *month, 1)?, month_end(*y, *month)?)),
            DateValue::Year(y) => Some((day(*y, 1, 1)?, day(*y, 12, 31)?)),
            DateValue::Decade(y) => Some((day(*y, 1, 1)?, day(*y + 9, 12, 31)?)),
            DateValue::Season(Season::Winter, y) => Some((day(*y, 1, 1)?, day(*y + 1, 3, 31)?)),
            DateValue::Season(_, y) => Some((day(*y, 1, 1)?, day(*y, 12, 31)?)),
            DateValue::Part(p, base) => {
                let (lo, hi) = base.interval()?;
                part_of(*p, base, lo, hi)
            }
            DateValue::Range(a, b) => {
                let (lo, _) = a.interval()?;
                let (_, hi) = b.interval()?;
                (lo <= hi).then_some((lo, hi))
            }
            _ => None,
        }
    }

    /// The months (first, last) and the day it names within a year, as far
    /// as it says them: how a value without a year is compared.
    fn calendar(&self) -> Option<(u8, u8, Option<u8>)> {
        match self {
            DateValue::Day { month, day, .. } => Some((*month, *month, Some(*day))),
            DateValue::Month { month, .. } => Some((*month, *month, None)),
            DateValue::Part(p, base) => match base.as_ref() {
                DateValue::Month { month, .. } => Some((*month, *month, None)),
                DateValue::Year(_) => Some(match p {
                    Part::Early => (1, 5, None),
                    Part::Mid => (4, 9, None),
                    Part::Late => (8, 12, None),
                }),
                _ => None,
            },
            DateValue::Range(a, b) => {
                let (a_lo, _, _) = a.calendar()?;
                let (_, b_hi, _) = b.calendar()?;
                // A range that runs into the next year says nothing simple.
                let same_year = a.year() == b.year() || (!a.has_year() && !b.has_year());
                (same_year && a_lo <= b_hi).then_some((a_lo, b_hi, None))
            }
            _ => None,
        }
    }
}

fn describe_range(a: &DateValue, b: &DateValue) -> String {
    match (a, b) {
        (
            DateValue::Month {
                year: ya,
                month: ma,
            },
            DateValue::Month {
                year: yb,
                month: mb,
            },
        ) if ya == yb => {
            let y = ya.map_or(" (no year)".to_string(), |y| format!(" {y}"));
            format!("{}–{}{y}", month_name(*ma), month_name(*mb))
        }
        (
            DateValue::Day {
                year: ya,
                month: ma,
                day: da,
            },
            DateValue::Day {
                year: yb,
                month: mb,
                day: db,
            },
        ) if ya == yb && ma == mb => {
            let y = ya.map_or(" (no year)".to_string(), |y| format!(" {y}"));
            format!("{da}–{db} {}{y}", month_name(*ma))
        }
        _ => format!("{}–{}", a.describe(), b.describe()),
    }
}

/// The early, middle or late part of `lo..=hi`. The parts overlap: "early
/// 1973" and "mid-1973" both take in April, since writers draw the line in
/// different places.
fn part_of(p: Part, base: &DateValue, lo: Ymd, hi: Ymd) -> Option<(Ymd, Ymd)> {
    match base {
        DateValue::Year(y) => {
            let (a, b) = match p {
                Part::Early => ((1, 1), (5, 31)),
                Part::Mid => ((4, 1), (9, 30)),
                Part::Late => ((8, 1), (12, 31)),
            };
            Some((Ymd::new(*y, a.0, a.1)?, Ymd::new(*y, b.0, b.1)?))
        }
        DateValue::Month { .. } => {
            let last = hi.day;
            let (a, b) = match p {
                Part::Early => (1, 10),
                Part::Mid => (10, 20),
                Part::Late => (20, last),
            };
            Some((
                Ymd::new(lo.year, lo.month, a)?,
                Ymd::new(lo.year, lo.month, b)?,
            ))
        }
        DateValue::Decade(y) => {
            let (a, b) = match p {
                Part::Early => (0, 3),
                Part::Mid => (3, 6),
                Part::Late => (6, 9),
            };
            Some((Ymd::new(y + a, 1, 1)?, Ymd::new(y + b, 12, 31)?))
        }
        _ => Some((lo, hi)),
    }
}

/// Whether two dates can both be right: they cover some common day. A value
/// without a year compares by the months and day it names (`29 June` agrees
/// with `29 June 1973` and disagrees with `20 June 1973`); a value that
/// names neither month nor year (`the 1930s` against `June`) cannot
/// disagree.
pub fn compatible(a: &DateValue, b: &DateValue) -> bool {
    if let (Some((alo, ahi)), Some((blo, bhi))) = (a.interval(), b.interval()) {
        return alo <= bhi && blo <= ahi;
    }
    calendar_compatible(a, b)
}

fn calendar_compatible(a: &DateValue, b: &DateValue) -> bool {
    let (Some(ca), Some(cb)) = (calendar_of(a), calendar_of(b)) else {
        return true;
    };
    let months_overlap = ca.0 <= cb.1 && cb.0 <= ca.1;
    if !months_overlap {
        return false;
    }
    match (ca, cb) {
        ((ma, mb, Some(da)), (mc, md, Some(db))) if ma == mb && mc == md && ma == mc => da == db,
        _ => true,
    }
}

/// The calendar of a value for comparison with a value that has no year: a
/// value with a year that lies within one year gives its months.
fn calendar_of(v: &DateValue) -> Option<(u8, u8, Option<u8>)> {
    if let Some(c) = v.calendar() {
        return Some(c);
    }
    let (lo, hi) = v.interval()?;
    if lo.year != hi.year || (lo.month == 1 && hi.month == 12 && lo.day == 1 && hi.day == 31) {
        return None;
    }
    let day = (lo == hi).then_some(lo.day);
    Some((lo.month, hi.month, day))
}

/// How wide a date is, in days (a day is 0); a date without a year by what
/// it names.
pub fn width(v: &DateValue) -> i64 {
    match v.interval() {
        Some((lo, hi)) => hi.days() - lo.days(),
        None => match v.calendar() {
            Some((a, b, Some(_))) if a == b => 0,
            Some((a, b, None)) if a == b => 30,
            _ => 366,
        },
    }
}

/// The years a date covers: a year, or a range of years. A date without a
/// year stays as it is. Used to compare the dates of events that last.
pub fn to_years(v: &DateValue) -> DateValue {
    match v.interval() {
        Some((lo, hi)) if lo.year == hi.year => DateValue::Year(lo.year),
        Some((lo, hi)) => DateValue::Range(
            Box::new(DateValue::Year(lo.year)),
            Box::new(DateValue::Year(hi.year)),
        ),
        None => v.clone(),
    }
}

/// Whether the sources' dates `sources` contradict `claim`: some of them
/// cannot be right with it, and none agrees with it as precisely as the
/// most precise of those. `November 1972` conflicts with `October 1972`
/// even where another source says `1972`, which cannot tell the month; `27
/// June 1973` does not conflict with `July 1973` where another source says
/// `June 1973`: the sources disagree, and it sides with one of them.
///
/// A source that gives no year agrees with a claim only on the day and
/// month: where every source that gives a year contradicts the claim's year
/// (`June 1974` against `1973` and a year-less `June`), the claim conflicts.
pub fn conflicts(claim: &DateValue, sources: &[&DateValue]) -> bool {
    if claim.has_year() {
        let with_year: Vec<&&DateValue> = sources.iter().filter(|s| s.has_year()).collect();
        let years_of = |v: &DateValue| to_years(v);
        if !with_year.is_empty()
            && with_year
                .iter()
                .all(|s| !compatible(&years_of(s), &years_of(claim)))
        {
            return true;
        }
    }
    let finest_against = sources
        .iter()
        .filter(|s| !compatible(s, claim))
        .map(|s| precision(s))
        .max();
    let Some(finest_against) = finest_against else {
        return false;
    };
    !sources
        .iter()
        .any(|s| compatible(s, claim) && precision(s) >= finest_against)
}

/// How precise a date is, in steps: 3 for a day, 2 for up to a month, 1 for
/// up to a year, 0 for anything wider. (Days would make July less precise
/// than June.)
pub fn precision(v: &DateValue) -> u8 {
    match width(v) {
        0 => 3,
        1..=30 => 2,
        31..=365 => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> DateValue {
        DateValue::Day {
            year: Some(y),
            month: m,
            day: d,
        }
    }
    fn month(y: Option<i32>, m: u8) -> DateValue {
        DateValue::Month { year: y, month: m }
    }

    #[test]
    fn a_year_no_source_gives_conflicts_whatever_the_year_less_sources_say() {
        // One source dates it 1973, another June with no year.
        let sources = [DateValue::Year(1973), month(None, 6)];
        let refs: Vec<&DateValue> = sources.iter().collect();
        assert!(conflicts(&month(Some(1974), 6), &refs));
        assert!(conflicts(&day(1974, 6, 29), &refs));
        assert!(!conflicts(&month(Some(1973), 6), &refs));
        // A day in the year every source gives, in the month the year-less
        // one gives, agrees.
        assert!(!conflicts(&day(1973, 6, 29), &refs));
        // Without a year the claim is compared by its month.
        assert!(conflicts(&month(None, 7), &refs));
        assert!(!conflicts(&month(None, 6), &refs));
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(Ymd::new(1973, 9, 11).unwrap().weekday(), Weekday::Tuesday);
        assert_eq!(Ymd::new(2023, 9, 4).unwrap().weekday(), Weekday::Monday);
        assert_eq!(Ymd::new(1970, 1, 1).unwrap().days(), 0);
        for d in [-800_000, -1, 0, 1, 1_234, 19_000, 800_000] {
            assert_eq!(Ymd::from_days(d).days(), d);
        }
        assert!(Ymd::new(1973, 6, 31).is_none());
        assert!(Ymd::new(1973, 2, 29).is_none());
        assert!(Ymd::new(1972, 2, 29).is_some());
        assert!(Ymd::new(2000, 2, 29).is_some());
        assert!(Ymd::new(1900, 2, 29).is_none());
        assert_eq!(
            Ymd::parse_iso("2023-09-11"),
            Some(Ymd {
                year: 2023,
                month: 9,
                day: 11
            })
        );
        assert_eq!(Ymd::parse_iso("2023-9-11"), None);
        assert_eq!(Weekday::parse("Tues."), Some(Weekday::Tuesday));
        assert_eq!(Weekday::parse("thu"), Some(Weekday::Thursday));
        assert_eq!(Weekday::parse("Tu"), None);
    }

    #[test]
    fn normalized_values() {
        assert_eq!(day(1973, 6, 29).normalized(), "1973-06-29");
        assert_eq!(month(Some(1973), 6).normalized(), "1973-06");
        assert_eq!(month(None, 7).normalized(), "XXXX-07");
        assert_eq!(DateValue::Year(1971).normalized(), "1971");
        assert_eq!(DateValue::Decade(1930).normalized(), "193X");
        assert_eq!(
            DateValue::Range(
                Box::new(month(Some(1970), 9)),
                Box::new(month(Some(1970), 10))
            )
            .normalized(),
            "1970-09/1970-10"
        );
        assert_eq!(
            DateValue::Season(Season::Autumn, 1972).normalized(),
            "1972-FA"
        );
        assert_eq!(
            DateValue::Part(Part::Early, Box::new(DateValue::Year(1973))).normalized(),
            "early 1973"
        );
    }

    #[test]
    fn granularity_decides_agreement() {
        let june = month(Some(1973), 6);
        assert!(compatible(&june, &day(1973, 6, 29)));
        assert!(compatible(&june, &day(1973, 6, 20)));
        assert!(!compatible(&day(1973, 6, 20), &day(1973, 6, 29)));
        assert!(!compatible(&june, &month(Some(1973), 7)));
        // Without a year: by month and day.
        let june_29 = DateValue::Day {
            year: None,
            month: 6,
            day: 29,
        };
        assert!(compatible(&june_29, &day(1973, 6, 29)));
        assert!(!compatible(&june_29, &day(1973, 6, 20)));
        assert!(!compatible(&month(None, 7), &june));
        assert!(compatible(&month(None, 7), &DateValue::Year(1973)));
        // Ranges and parts.
        let sep_oct = DateValue::Range(
            Box::new(month(Some(1970), 9)),
            Box::new(month(Some(1970), 10)),
        );
        assert!(compatible(&sep_oct, &day(1970, 9, 4)));
        assert!(!compatible(&sep_oct, &day(1970, 11, 4)));
        let mir = DateValue::Range(
            Box::new(DateValue::Year(1964)),
            Box::new(DateValue::Year(1965)),
        );
        assert!(compatible(&mir, &DateValue::Year(1965)));
        let early = DateValue::Part(Part::Early, Box::new(DateValue::Decade(1930)));
        assert!(compatible(&early, &DateValue::Decade(1930)));
        assert!(compatible(&early, &DateValue::Year(1933)));
        assert!(!compatible(&early, &DateValue::Year(1938)));
        assert!(!compatible(&DateValue::Year(1954), &DateValue::Year(1964)));
    }

    #[test]
    fn a_conflict_is_a_contradiction_no_source_answers() {
        let oct72 = month(Some(1972), 10);
        let y72 = DateValue::Year(1972);
        let lorry = [&oct72, &oct72, &oct72, &y72];
        assert!(conflicts(&month(Some(1973), 10), &lorry));
        // 1972 cannot tell the month: three sources say October.
        assert!(conflicts(&month(Some(1972), 11), &lorry));
        assert!(!conflicts(&y72, &lorry));
        assert!(!conflicts(&day(1972, 10, 9), &lorry));
        // A disagreement in the corpus: June against July.
        let (june, july) = (month(Some(1973), 6), month(Some(1973), 7));
        let y73 = DateValue::Year(1973);
        let uruguay = [&june, &july, &y73];
        assert!(!conflicts(&day(1973, 6, 27), &uruguay));
        assert!(!conflicts(&june, &uruguay));
        assert!(!conflicts(&july, &uruguay));
        assert!(!conflicts(&day(1973, 7, 31), &uruguay));
        assert!(conflicts(&month(Some(1973), 8), &uruguay));
        // Both days say otherwise; the month cannot tell the day.
        let (d20, d29) = (day(1973, 6, 20), day(1973, 6, 29));
        let tanquetazo = [&d20, &d29, &june];
        assert!(conflicts(&day(1973, 6, 21), &tanquetazo));
        assert!(!conflicts(&d20, &tanquetazo));
        assert!(!conflicts(&june, &tanquetazo));
        // A source without a year agrees by its month and day.
        let no_year = DateValue::Day {
            year: None,
            month: 7,
            day: 11,
        };
        assert!(!conflicts(&day(1971, 7, 11), &[&no_year]));
        assert!(conflicts(&day(1971, 8, 11), &[&no_year]));
    }

    #[test]
    fn validity() {
        assert!(!day(1973, 6, 31).is_valid());
        assert!(!day(1973, 2, 29).is_valid());
        assert!(day(1972, 2, 29).is_valid());
        assert!(
            DateValue::Day {
                year: None,
                month: 2,
                day: 29
            }
            .is_valid()
        );
        assert!(
            !DateValue::Day {
                year: None,
                month: 4,
                day: 31
            }
            .is_valid()
        );
    }
}
