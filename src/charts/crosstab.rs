//! Mean score by the values of one column (e.g. how often a respondent uses KLIK), as
//! horizontal bars with the mean and n at the end of each bar.

use super::palette;
use super::spec::{ChartKind, ChartSpec, Mark};
use super::{Counted, source_line};
use crate::analysis::{CrossTab, GroupBy};
use crate::locale::Lang;

pub fn crosstab_chart(tab: &CrossTab, lang: Lang) -> ChartSpec {
    let rows: Vec<_> = tab.rows.iter().filter(|r| r.stats.mean.is_some()).collect();
    let count = rows.len();
    let color = palette::wave_color(0);
    let mut marks = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(mean) = row.stats.mean else { continue };
        // First value on top: y counts upwards, so the first row gets the highest y.
        let y = (count - 1 - i) as f64;
        let mut label = format!("{} · n = {}", lang.number(mean, 2), lang.count(row.stats.n));
        if row.stats.is_small() {
            label.push_str(" *");
        }
        marks.push(Mark::Rect {
            x0: super::SCALE_FLOOR,
            x1: mean,
            y0: y - 0.32,
            y1: y + 0.32,
            fill: color,
            label: Some(label),
            series: 0,
        });
    }
    let by = match &tab.by {
        GroupBy::Wave => lang.pick("rul", "wave").to_string(),
        GroupBy::Phase => lang.pick("fase", "phase").to_string(),
        GroupBy::Question => lang.pick("spørgsmål", "question").to_string(),
        GroupBy::Municipality => lang.pick("kommune", "municipality").to_string(),
        GroupBy::Category(header) => format!("«{header}»"),
    };
    let subtitle = match tab.total.mean {
        Some(mean) => format!(
            "{}: {} (n = {}){}",
            lang.pick("Alle svar", "All answers"),
            lang.number(mean, 2),
            lang.count(tab.total.n),
            if rows.iter().any(|r| r.stats.is_small()) {
                lang.pick(" · * færre end 10 svar", " · * fewer than 10 answers")
            } else {
                ""
            }
        ),
        None => lang.pick("Ingen svar", "No answers").to_string(),
    };
    ChartSpec {
        kind: ChartKind::CrossTab,
        title: format!(
            "{} {by}",
            lang.pick("Gennemsnitlig tilfredshed efter", "Mean satisfaction by")
        ),
        subtitle: Some(subtitle),
        source: source_line(lang, tab.total.n),
        counted: Counted::Answers(tab.total.n),
        x_axis: super::mean_axis(lang),
        y_axis: super::category_axis(rows.iter().map(|r| lang.data_value(&r.value))),
        legend: Vec::new(),
        marks,
    }
}
