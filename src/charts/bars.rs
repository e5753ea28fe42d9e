//! Grouped bars: one group per wave (in time order), one bar per phase plus the wave's total,
//! the deck's table as a picture.

use super::palette;
use super::spec::{Axis, ChartKind, ChartSpec, LegendItem, Mark};
use super::{Counted, score_label, source_line};
use crate::analysis::Summary;
use crate::locale::Lang;

/// Width of a wave's group of bars, in x units (one unit per wave).
const GROUP_WIDTH: f64 = 0.8;

pub fn bars_chart(summary: &Summary, lang: Lang) -> ChartSpec {
    // With one phase (or none: a survey without a phase scheme) the total is that phase's mean
    // again, so it gets no bar of its own.
    let with_total = summary.phases.len() > 1;
    let series_count = summary.phases.len() + usize::from(with_total);
    let bar_width = GROUP_WIDTH / series_count as f64;
    let mut marks = Vec::new();
    let mut any_small = false;
    for (i, wave) in summary.waves.iter().enumerate() {
        let left = i as f64 - GROUP_WIDTH / 2.0;
        for (j, phase) in summary.phases.iter().enumerate() {
            let Some(stats) = wave.cell(phase).map(|c| c.stats) else {
                continue;
            };
            let Some(mean) = stats.mean else { continue };
            any_small |= stats.is_small();
            marks.push(bar(
                left,
                j,
                bar_width,
                mean,
                palette::phase_color(j, summary.phases.len()),
                score_label(mean, stats.is_small(), lang),
            ));
        }
        if let Some(total) = wave.total.mean_of_phases.filter(|_| with_total) {
            let j = series_count - 1;
            // Marked like the small cell it is built from, as in the table.
            let small = wave.total.from_small_cell;
            any_small |= small;
            marks.push(bar(
                left,
                j,
                bar_width,
                total,
                palette::TOTAL,
                score_label(total, small, lang),
            ));
        }
    }
    ChartSpec {
        kind: ChartKind::Bars,
        // Generic on purpose: the same chart serves the check-in survey and any other; the user
        // edits the title before export.
        title: lang
            .pick("Tilfredshed pr. rul og fase", "Satisfaction per wave and phase")
            .to_string(),
        subtitle: Some(subtitle(with_total, any_small, lang)),
        source: source_line(lang, summary.overall.n),
        counted: Counted::Answers(summary.overall.n),
        x_axis: Axis {
            label: String::new(),
            min: -0.5,
            max: summary.waves.len() as f64 - 0.5,
            ticks: summary
                .waves
                .iter()
                .enumerate()
                .map(|(i, w)| (i as f64, lang.data_value(&w.wave)))
                .collect(),
        },
        y_axis: super::mean_axis(lang),
        legend: legend(summary, with_total, lang),
        marks,
    }
}

/// A colour per phase, and the total's when it has bars.
fn legend(summary: &Summary, with_total: bool, lang: Lang) -> Vec<LegendItem> {
    let mut legend: Vec<LegendItem> = summary
        .phases
        .iter()
        .enumerate()
        .map(|(j, phase)| LegendItem {
            label: lang.data_value(phase),
            color: palette::phase_color(j, summary.phases.len()),
        })
        .collect();
    if with_total {
        legend.push(LegendItem {
            label: lang.pick("Total (gns. af faser)", "Total (mean of phases)").to_string(),
            color: palette::TOTAL,
        });
    }
    legend
}

/// What the bars are, what the total is, what * means.
fn subtitle(with_total: bool, any_small: bool, lang: Lang) -> String {
    let mut subtitle = lang
        .pick("Gennemsnit på skalaen 1-5", "Mean on the 1-5 scale")
        .to_string();
    if with_total {
        subtitle.push_str(lang.pick(
            "; total = gennemsnit af fasernes gennemsnit",
            "; total = mean of the phase means",
        ));
    }
    if any_small {
        subtitle.push_str(lang.pick(" · * færre end 10 svar", " · * fewer than 10 answers"));
    }
    subtitle
}

fn bar(left: f64, series: usize, width: f64, value: f64, fill: super::Rgba, label: String) -> Mark {
    // A thin gap between neighbouring bars keeps them apart in print.
    let gap = width * 0.08;
    let x0 = left + series as f64 * width + gap;
    Mark::Rect {
        x0,
        x1: x0 + width - 2.0 * gap,
        y0: super::SCALE_FLOOR,
        y1: value,
        fill,
        label: Some(label),
        series,
    }
}
