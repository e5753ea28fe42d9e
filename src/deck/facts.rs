//! A chart's numbers in words, for the alt text a screen reader says and the speaker notes:
//! every bar, point or row with its value and its n.

use super::{BuiltChart, Fact};
use crate::analysis::{CrossTab, DistributionRow, Summary, TrendPoint};
use crate::locale::Lang;

pub fn summary(summary: &Summary, lang: Lang) -> Vec<Fact> {
    let mut out = Vec::new();
    for wave in &summary.waves {
        let name = lang.data_value(&wave.wave);
        for cell in &wave.cells {
            if let Some(mean) = cell.stats.mean {
                out.push(Fact {
                    what: format!("{name}, {}", lang.data_value(&cell.phase)),
                    value: lang.number(mean, 2),
                    n: cell.stats.n,
                });
            }
        }
        if let Some(total) = wave.total.mean_of_phases {
            out.push(Fact {
                what: format!("{name}, {}", lang.pick("total udrulning", "total rollout")),
                value: lang.number(total, 2),
                n: wave.total.phases_n,
            });
        }
    }
    out
}

pub fn distribution(rows: &[DistributionRow], wave: &str, lang: Lang) -> Vec<Fact> {
    rows.iter()
        .filter(|r| r.wave == wave && r.answered() > 0)
        .map(|r| {
            let n = r.answered();
            let share = |count: u64| lang.number(100.0 * count as f64 / n as f64, 0);
            let [a, b, c, d, e] = r.counts;
            Fact {
                what: lang.data_value(&r.question),
                value: format!(
                    "{} % {}, {} % {}, {} % {}",
                    share(a + b),
                    lang.pick("utilfredse (1-2)", "dissatisfied (1-2)"),
                    share(c),
                    lang.pick("hverken/eller (3)", "neutral (3)"),
                    share(d + e),
                    lang.pick("tilfredse (4-5)", "satisfied (4-5)"),
                ),
                n,
            }
        })
        .collect()
}

pub fn trend(points: &[TrendPoint], lang: Lang) -> Vec<Fact> {
    points
        .iter()
        .filter_map(|p| {
            let mean = p.stats.mean?;
            let mut what = lang.data_value(&p.wave);
            if let Some(week) = p.week {
                what.push_str(&format!(", {} {week}", lang.pick("uge", "week")));
            }
            if let Some(date) = p.date {
                what.push_str(&format!(" ({})", lang.date(date)));
            }
            Some(Fact {
                what,
                value: lang.number(mean, 2),
                n: p.stats.n,
            })
        })
        .collect()
}

pub fn crosstab(tab: &CrossTab, lang: Lang) -> Vec<Fact> {
    tab.rows
        .iter()
        .filter_map(|r| {
            Some(Fact {
                what: lang.data_value(&r.value),
                value: lang.number(r.stats.mean?, 2),
                n: r.stats.n,
            })
        })
        .collect()
}

/// The alt text of a chart picture: what it is, then every number, in sentences.
pub fn facts_for(chart: &BuiltChart, lang: Lang) -> String {
    let kind = match chart.spec.kind {
        crate::charts::ChartKind::Bars => lang.pick("Søjlediagram", "Bar chart"),
        crate::charts::ChartKind::Distribution => lang.pick("Stablet søjlediagram", "Stacked bar chart"),
        crate::charts::ChartKind::Trend => lang.pick("Kurvediagram over tid", "Line chart over time"),
        crate::charts::ChartKind::CrossTab => lang.pick("Vandret søjlediagram", "Horizontal bar chart"),
    };
    let mut text = format!("{kind}: {}.", chart.spec.title);
    if let Some(sub) = chart.spec.subtitle.as_deref().filter(|s| !s.trim().is_empty()) {
        text.push_str(&format!(" {sub}."));
    }
    for fact in &chart.facts {
        text.push_str(&format!(
            " {}: {} ({} {}).",
            fact.what,
            fact.value,
            lang.count(fact.n),
            lang.pick("svar", "answers")
        ));
    }
    text
}
