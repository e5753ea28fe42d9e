//! The mean per check-in (week or date) per wave on a date axis, with the project's timeline
//! drawn in: spans as shaded bands, events as vertical lines. x is days since 1970-01-01.

use chrono::{Datelike, NaiveDate};

use super::palette;
use super::source_line;
use super::spec::{Axis, ChartKind, ChartSpec, LegendItem, Mark};
use crate::analysis::TrendPoint;
use crate::dates::{date_from_days, days_since_epoch};
use crate::locale::Lang;
use crate::timeline::{EntryKind, Timeline};

const MONTHS_DA: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Spans longer than this (about four months) are drawn faint.
const LONG_SPAN_DAYS: f64 = 120.0;

pub fn trend_chart(points: &[TrendPoint], timeline: &Timeline, lang: Lang) -> ChartSpec {
    trend_chart_coloured(points, timeline, lang, &|_, i| palette::wave_color(i))
}

/// As [`trend_chart`], each wave in the colour `colour(wave, position)` gives: the window keeps
/// a wave's colour whatever is filtered.
pub fn trend_chart_coloured(
    points: &[TrendPoint],
    timeline: &Timeline,
    lang: Lang,
    colour: &dyn Fn(&str, usize) -> super::Rgba,
) -> ChartSpec {
    let mut marks = Vec::new();
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    // Spans first, so bars of colour lie under the data lines.
    for (i, entry) in timeline
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Span)
        .enumerate()
    {
        let x0 = f64::from(days_since_epoch(entry.start));
        let x1 = f64::from(days_since_epoch(entry.end.unwrap_or(entry.start)));
        lo = lo.min(x0);
        hi = hi.max(x1);
        // A long span (a contract period) would tint the whole chart and muddy the shorter
        // spans on top of it: it gets a fainter fill; its bracket above the plot still shows it.
        let mut fill = palette::span_color(i);
        if x1 - x0 > LONG_SPAN_DAYS {
            fill.3 /= 3;
        }
        marks.push(Mark::Span {
            x0,
            x1,
            label: entry.label(lang).to_string(),
            fill,
        });
    }
    for entry in timeline.entries.iter().filter(|e| e.kind == EntryKind::Event) {
        let x = f64::from(days_since_epoch(entry.start));
        lo = lo.min(x);
        hi = hi.max(x);
        marks.push(Mark::Event {
            x,
            label: entry.label(lang).to_string(),
            color: palette::EVENT,
        });
    }
    let mut waves: Vec<&str> = Vec::new();
    for point in points {
        if !waves.contains(&point.wave.as_str()) {
            waves.push(&point.wave);
        }
    }
    let mut n = 0;
    let mut legend = Vec::new();
    for (i, wave) in waves.iter().enumerate() {
        let line: Vec<[f64; 2]> = points
            .iter()
            .filter(|p| p.wave == *wave)
            .filter_map(|p| Some([f64::from(days_since_epoch(p.date?)), p.stats.mean?]))
            .collect();
        n += points
            .iter()
            .filter(|p| p.wave == *wave)
            .map(|p| p.stats.n)
            .sum::<u64>();
        for [x, _] in &line {
            lo = lo.min(*x);
            hi = hi.max(*x);
        }
        let color = colour(wave, i);
        legend.push(LegendItem {
            label: lang.data_value(wave),
            color,
        });
        marks.push(Mark::Line {
            points: line,
            color,
            width: 3.0,
            series: i,
        });
    }
    if !lo.is_finite() || !hi.is_finite() {
        lo = 0.0;
        hi = 1.0;
    }
    let (min, max, ticks) = month_ticks(lo, hi, lang);
    marks.push(Mark::HLine {
        y: 3.0,
        color: palette::EVENT,
        label: None,
    });
    ChartSpec {
        kind: ChartKind::Trend,
        title: lang.pick("Tilfredshed over tid", "Satisfaction over time").to_string(),
        subtitle: Some(
            lang.pick(
                "Gennemsnit pr. check-in pr. rul, skala 1-5, med projektets tidslinje",
                "Mean per check-in per wave, scale 1-5, with the project timeline",
            )
            .to_string(),
        ),
        source: source_line(lang, n),
        x_axis: Axis {
            label: String::new(),
            min,
            max,
            ticks,
        },
        // Lines need no zero: the scale's own range, 1-5, is the honest frame.
        y_axis: Axis {
            label: lang.pick("Gennemsnit (1-5)", "Mean (1-5)").to_string(),
            min: 1.0,
            max: 5.0,
            ticks: (1..=5).map(|v| (f64::from(v), lang.number(f64::from(v), 0))).collect(),
        },
        legend,
        marks,
    }
}

/// The x range widened to whole months, with a tick on the first of each month ("nov 2024").
fn month_ticks(lo: f64, hi: f64, lang: Lang) -> (f64, f64, Vec<(f64, String)>) {
    let first = |days: f64| {
        date_from_days(days.floor() as i32)
            .and_then(|d| NaiveDate::from_ymd_opt(d.year(), d.month(), 1))
            .unwrap_or_default()
    };
    let start = first(lo);
    let end = first(hi).checked_add_months(chrono::Months::new(1)).unwrap_or(start);
    let names = match lang {
        Lang::Da => MONTHS_DA,
        Lang::En => MONTHS_EN,
    };
    let mut ticks = Vec::new();
    let mut month = start;
    while month <= end {
        let name = names.get(month.month0() as usize).copied().unwrap_or("");
        ticks.push((f64::from(days_since_epoch(month)), format!("{name} {}", month.year())));
        match month.checked_add_months(chrono::Months::new(1)) {
            Some(next) => month = next,
            None => break,
        }
    }
    (
        f64::from(days_since_epoch(start)),
        f64::from(days_since_epoch(end)),
        ticks,
    )
}
