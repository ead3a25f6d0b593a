//! `provlint corpus audit --figures`: the quantities whose sources disagree
//! on the figure, with every source's figures and passages, so an editor
//! can see the corpus's weak points. With `--all`, every quantity the
//! corpus gives figures for, and the corpus's figures that are in none
//! (what the catalog may be missing).

use super::index::FigRef;
use super::quantity::{self, Quantities, Reading};
use crate::corpus::Corpus;
use crate::span::{Location, Span};
use serde::Serialize;

/// One figure of a source, as reported.
#[derive(Clone, Debug, Serialize)]
pub struct AuditFigure {
    pub source: String,
    pub path: String,
    /// What it says ("massacred 3,000 leftists").
    pub span: Location,
    /// The source's text at `span`.
    pub text: String,
    /// The figure as written ("3,000").
    pub value: String,
}

/// Sources whose figures for a quantity agree with each other.
#[derive(Clone, Debug, Serialize)]
pub struct AuditSide {
    /// The figures as written, each once.
    pub values: Vec<String>,
    /// Distinct sources on this side.
    pub sources: Vec<String>,
    pub figures: Vec<AuditFigure>,
}

#[derive(Clone, Debug, Serialize)]
pub struct AuditQuantity {
    pub quantity: String,
    pub label: String,
    pub unit: String,
    /// Two or more when the sources disagree.
    pub sides: Vec<AuditSide>,
    /// Sources whose own figures disagree.
    pub self_contradicting: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FigureAudit {
    pub version: u32,
    pub corpus: String,
    /// The quantities whose sources disagree.
    pub disputes: Vec<AuditQuantity>,
    /// Every quantity the corpus gives figures for (only with `--all`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantities: Option<Vec<AuditQuantity>>,
    /// The corpus's figures of no quantity in the catalog (only with
    /// `--all`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside: Option<Vec<AuditFigure>>,
    pub summary: AuditSummary,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct AuditSummary {
    pub sources: usize,
    pub catalog_quantities: usize,
    /// Quantities the corpus gives figures for.
    pub stated_quantities: usize,
    /// Figures of a quantity.
    pub figures: usize,
    pub disputes: usize,
}

/// The sides of a quantity: the largest groups of readings that share a
/// value (every reading of a side agrees with every other), most sources
/// first. A wide reading may stand on two sides: "thousands" agrees with
/// "3,000" and with "probably tens of thousands", which disagree with each
/// other, so there are two sides, and "thousands" is on both. Chaining
/// agreement instead would make one side of the three and hide the dispute.
pub fn sides(readings: &[Reading]) -> Vec<Vec<usize>> {
    // Intervals on a line, taken by where they start (a closed start before
    // an open one at the same value). The readings taken so far that share a
    // value with reading i all hold the values just past its start: a group.
    // It is a side unless the next reading to start shares a value with all
    // of it, and so makes it larger. Quadratic, as the pairs are.
    let mut order: Vec<usize> = (0..readings.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&readings[a].interval, &readings[b].interval);
        x.lo.total_cmp(&y.lo)
            .then(x.lo_open.cmp(&y.lo_open))
            .then(a.cmp(&b))
    });
    let overlap = |a: usize, b: usize| readings[a].interval.overlaps(&readings[b].interval);
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (n, &i) in order.iter().enumerate() {
        let group: Vec<usize> = order[..=n]
            .iter()
            .copied()
            .filter(|&j| j == i || overlap(j, i))
            .collect();
        let grows = order
            .get(n + 1)
            .is_some_and(|&next| group.iter().all(|&j| overlap(j, next)));
        if !grows {
            let mut group = group;
            group.sort_unstable();
            out.push(group);
        }
    }
    let count = |v: &Vec<usize>| quantity::sources_of(readings, v).len();
    out.sort_by_key(|v| std::cmp::Reverse(count(v)));
    out
}

/// The figure audit of `corpus` under `catalog`; `all` adds every
/// quantity's figures and the figures of none.
pub fn audit(corpus: &Corpus, catalog: &Quantities, all: bool, version: u32) -> FigureAudit {
    let found = catalog.corpus(corpus);
    let figs = &found.figures;
    let figure = |r: FigRef| {
        let source = corpus.source(r.source);
        let f = figs.figure(r);
        let span = match &f.in_source {
            Some(at) => at.statement,
            None => corpus.text(r.source).doc.prose.to_original(f.statement),
        };
        let at = |span: Span| Location::resolve(source.text(), source.lines(), span);
        AuditFigure {
            source: source.id().to_string(),
            path: corpus.display_path(r.source),
            span: at(span),
            text: source.text()[span.range()].to_string(),
            value: match &f.in_source {
                Some(at) => at.written.clone(),
                None => f.describe(corpus.text(r.source).prose()),
            },
        }
    };
    let mut stated: Vec<AuditQuantity> = Vec::new();
    for (q, statements) in found.statements.iter().enumerate() {
        if statements.is_empty() {
            continue;
        }
        let readings = quantity::readings(statements, figs);
        let mut audit_sides = Vec::new();
        for side in sides(&readings) {
            let figures: Vec<AuditFigure> = side
                .iter()
                .flat_map(|&i| readings[i].figures.iter().map(|r| figure(*r)))
                .collect();
            let mut values: Vec<String> = Vec::new();
            for f in &figures {
                if !values.contains(&f.value) {
                    values.push(f.value.clone());
                }
            }
            let sources: Vec<String> = quantity::sources_of(&readings, &side)
                .into_iter()
                .map(|s| corpus.source(s).id().to_string())
                .collect();
            audit_sides.push(AuditSide {
                values,
                sources,
                figures,
            });
        }
        // A source gives more than one reading only when its own figures
        // disagree (see `quantity::readings`).
        let mut self_contradicting: Vec<String> = Vec::new();
        for (i, r) in readings.iter().enumerate() {
            let id = corpus.source(r.source).id().to_string();
            if readings[..i].iter().any(|o| o.source == r.source)
                && !self_contradicting.contains(&id)
            {
                self_contradicting.push(id);
            }
        }
        let quantity = &catalog.quantities[q];
        stated.push(AuditQuantity {
            quantity: quantity.id.clone(),
            label: quantity.label.clone(),
            unit: quantity.unit.key(),
            sides: audit_sides,
            self_contradicting,
        });
    }
    let disputes: Vec<AuditQuantity> = stated
        .iter()
        .filter(|q| q.sides.len() >= 2)
        .cloned()
        .collect();
    let outside = all.then(|| {
        corpus
            .ids()
            .flat_map(|source| {
                (0..figs.in_source(source).len()).map(move |n| FigRef {
                    source,
                    n: n as u32,
                })
            })
            .filter(|r| found.quantity_of(*r).is_none())
            .filter(|r| super::is_figure(figs.figure(*r), 10.0))
            .map(figure)
            .collect()
    });
    let summary = AuditSummary {
        sources: corpus.sources.len(),
        catalog_quantities: catalog.quantities.len(),
        stated_quantities: stated.len(),
        figures: found.statements.iter().map(Vec::len).sum(),
        disputes: disputes.len(),
    };
    FigureAudit {
        version,
        corpus: crate::paths::display_path(&corpus.dir),
        disputes,
        quantities: all.then_some(stated),
        outside,
        summary,
    }
}

fn figure_line(f: &AuditFigure, width: usize) -> String {
    let text = super::collapse(&f.text);
    let text = if text.chars().count() > 90 {
        text.chars().take(89).collect::<String>() + "…"
    } else {
        text
    };
    format!(
        "    {:<width$}  {}:{}:{}  “{text}”\n",
        f.source, f.path, f.span.line, f.span.column
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn render_quantity(q: &AuditQuantity, width: usize, out: &mut String) {
    for side in &q.sides {
        out.push_str(&format!(
            "  {} — {} ({})\n",
            side.values.join(", "),
            plural(side.sources.len(), "source", "sources"),
            side.sources.join(", ")
        ));
        for f in &side.figures {
            out.push_str(&figure_line(f, width));
        }
    }
    match q.self_contradicting.len() {
        0 => {}
        1 => out.push_str(&format!(
            "  {} contradicts itself.\n",
            q.self_contradicting[0]
        )),
        _ => out.push_str(&format!(
            "  {} contradict themselves.\n",
            q.self_contradicting.join(" and ")
        )),
    }
}

/// The human form.
pub fn render_human(audit: &FigureAudit) -> String {
    let width = audit
        .disputes
        .iter()
        .chain(audit.quantities.iter().flatten())
        .flat_map(|q| q.sides.iter().flat_map(|s| &s.figures))
        .chain(audit.outside.iter().flatten())
        .map(|f| f.source.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for q in &audit.disputes {
        out.push_str(&format!("{}: {}\n", q.quantity, q.label));
        render_quantity(q, width, &mut out);
        out.push('\n');
    }
    if let Some(all) = &audit.quantities {
        out.push_str("Every quantity the corpus gives figures for:\n\n");
        for q in all {
            let state = if q.sides.len() >= 2 {
                "disputed"
            } else {
                "agreed"
            };
            out.push_str(&format!("{}: {} — {state}\n", q.quantity, q.label));
            render_quantity(q, width, &mut out);
            out.push('\n');
        }
    }
    if let Some(outside) = &audit.outside {
        out.push_str("Figures of no quantity in the catalog:\n\n");
        for f in outside {
            out.push_str(&format!("  {:<16}{}", f.value, figure_line(f, width)));
        }
        out.push('\n');
    }
    let s = &audit.summary;
    out.push_str(&format!(
        "provlint: the sources disagree on {} ({} given by {} in {}; {} in the catalog)\n",
        plural(s.disputes, "quantity", "quantities"),
        plural(s.stated_quantities, "quantity", "quantities"),
        plural(s.figures, "figure", "figures"),
        plural(s.sources, "source", "sources"),
        s.catalog_quantities
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::SourceIdx;
    use crate::figures::compare::Interval;

    fn reading(source: u32, lo: f64, hi: f64) -> Reading {
        Reading {
            source: SourceIdx(source),
            figures: Vec::new(),
            interval: Interval::closed(lo, hi),
        }
    }

    #[test]
    fn sides_share_a_value() {
        // Apart: two sides.
        let r = [reading(0, 1.0, 2.0), reading(1, 3.0, 4.0)];
        assert_eq!(sides(&r), [vec![0], vec![1]]);
        // One agrees with both, which disagree: two sides, it on both.
        let r = [
            reading(0, 1.0, 2.0),
            reading(1, 1.5, 3.5),
            reading(2, 3.0, 4.0),
        ];
        assert_eq!(sides(&r), [vec![0, 1], vec![1, 2]]);
        // All share a value: one side.
        let r = [
            reading(0, 1.0, 2.0),
            reading(1, 1.5, 3.5),
            reading(2, 1.8, 4.0),
        ];
        assert_eq!(sides(&r), [vec![0, 1, 2]]);
        // One inside another, started later: one side.
        let r = [reading(0, 1.0, 10.0), reading(1, 2.0, 3.0)];
        assert_eq!(sides(&r), [vec![0, 1]]);
        // A wide one and two apart inside it: two sides, it on both.
        let r = [
            reading(0, 1.0, 10.0),
            reading(1, 2.0, 3.0),
            reading(2, 5.0, 6.0),
        ];
        assert_eq!(sides(&r), [vec![0, 1], vec![0, 2]]);
        // The same interval twice is one side, not two.
        let r = [reading(0, 1.0, 2.0), reading(1, 1.0, 2.0)];
        assert_eq!(sides(&r), [vec![0, 1]]);
    }
}
