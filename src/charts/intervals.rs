//! The bar chart's 95% intervals as error bars: a thin dark bar from the interval's low to its
//! high end over each bar, with caps, and the bar's label moved above the interval. Each bar
//! gets the interval of its own number: a phase its cell's, the total the mean of phase means'.

use super::spec::{Anchor, ChartKind, ChartSpec, Mark, Rgba};
use crate::analysis::Summary;
use crate::locale::Lang;

const INK: Rgba = Rgba::rgb(40, 40, 40);

/// Adds error bars to a chart made by [`super::bars_chart`] from `summary`.
pub fn add_error_bars(spec: &mut ChartSpec, summary: &Summary, lang: Lang) {
    if spec.kind != ChartKind::Bars {
        return;
    }
    let phases = summary.phases.len();
    let mut added = Vec::new();
    for mark in &mut spec.marks {
        let Mark::Rect {
            x0,
            x1,
            y1,
            label,
            series,
            ..
        } = mark
        else {
            continue;
        };
        // The bar's wave is the group its middle lies in (one unit per wave).
        let middle = (*x0 + *x1) / 2.0;
        let Some(wave) = summary.waves.get(middle.round().max(0.0) as usize) else {
            continue;
        };
        let interval = match summary.phases.get(*series) {
            Some(phase) => wave.cell(phase).and_then(|c| c.stats.ci95),
            None if *series == phases => wave.total.mean_of_phases_ci95,
            None => None,
        };
        let Some([low, high]) = interval else { continue };
        let width = (*x1 - *x0).abs();
        let (stem, cap) = (width * 0.03, width * 0.18);
        added.push(Mark::Rect {
            x0: middle - stem,
            x1: middle + stem,
            y0: low,
            y1: high,
            fill: INK,
            label: None,
            series: *series,
        });
        for y in [low, high] {
            added.push(Mark::Rect {
                x0: middle - cap,
                x1: middle + cap,
                y0: y - 0.008,
                y1: y + 0.008,
                fill: INK,
                label: None,
                series: *series,
            });
        }
        if let Some(text) = label.take() {
            added.push(Mark::Text {
                x: middle,
                y: high.max(*y1) + 0.22,
                text,
                anchor: Anchor::Middle,
                color: INK,
            });
        }
    }
    spec.marks.extend(added);
    if let Some(subtitle) = &mut spec.subtitle {
        subtitle.push_str(lang.pick(
            " · streger: 95 %-konfidensinterval",
            " · lines: 95% confidence interval",
        ));
    }
}
