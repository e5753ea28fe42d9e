//! The mean per check-in (week or date) per wave on a date axis, with the project's timeline
//! drawn in: spans as shaded bands, events as vertical lines. x is days since 1970-01-01.

use chrono::{Datelike, NaiveDate};

use super::palette;
use super::spec::{Axis, ChartKind, ChartSpec, LegendItem, Mark};
use super::{Counted, source_line};
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

/// The trend zoomed to the data's period and the next timeline entry after it; the entries
/// outside that view are listed in a strip under the chart.
pub fn trend_chart(points: &[TrendPoint], timeline: &Timeline, lang: Lang) -> ChartSpec {
    trend_chart_over(points, timeline, lang, false)
}

/// The trend over the whole project timeline (`whole`), or zoomed as [`trend_chart`].
pub fn trend_chart_over(points: &[TrendPoint], timeline: &Timeline, lang: Lang, whole: bool) -> ChartSpec {
    trend_chart_with(points, timeline, lang, whole, &|_, i| palette::wave_color(i))
}

/// As [`trend_chart_over`], each wave in the colour `colour(wave, position)` gives: the window
/// keeps a wave's colour whatever is filtered.
pub fn trend_chart_with(
    points: &[TrendPoint],
    timeline: &Timeline,
    lang: Lang,
    whole: bool,
    colour: &dyn Fn(&str, usize) -> super::Rgba,
) -> ChartSpec {
    let mut marks = Vec::new();
    let dated: Vec<f64> = points
        .iter()
        .filter(|p| p.stats.mean.is_some())
        .filter_map(|p| p.date.map(|d| f64::from(days_since_epoch(d))))
        .collect();
    let data_lo = dated.iter().copied().fold(f64::INFINITY, f64::min);
    let data_hi = dated.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // The view: the data, plus the first timeline entry that starts after it.
    let view = (!whole && data_lo.is_finite()).then(|| {
        let next = timeline
            .entries
            .iter()
            .map(|e| f64::from(days_since_epoch(e.start)))
            .filter(|x| *x > data_hi)
            .fold(f64::INFINITY, f64::min);
        let hi = if next.is_finite() { next } else { data_hi };
        let (min, max, _) = month_ticks(data_lo, hi, lang);
        (min, max)
    });
    let in_view = |x0: f64, x1: f64| view.is_none_or(|(min, max)| x1 >= min && x0 <= max);
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    let mut outside = Vec::new();
    // Spans first, so bars of colour lie under the data lines.
    for (i, entry) in timeline
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Span)
        .enumerate()
    {
        let x0 = f64::from(days_since_epoch(entry.start));
        let x1 = f64::from(days_since_epoch(entry.end.unwrap_or(entry.start)));
        if !in_view(x0, x1) {
            outside.push((x0, entry.label(lang).to_string(), span_when(entry, lang)));
            continue;
        }
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
        if !in_view(x, x) {
            outside.push((x, entry.label(lang).to_string(), lang.date(entry.start)));
            continue;
        }
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
    if let Some((min, max)) = view {
        // Only the view: spans reaching past it are cut at its edges.
        lo = min;
        hi = max - 1.0;
    }
    if !lo.is_finite() || !hi.is_finite() {
        lo = 0.0;
        hi = 1.0;
    }
    let (min, max, ticks) = month_ticks(lo, hi, lang);
    if !outside.is_empty() {
        outside.sort_by(|a, b| a.0.total_cmp(&b.0));
        marks.push(Mark::Strip {
            label: lang.pick("Også på tidslinjen:", "Also on the timeline:").to_string(),
            when: String::new(),
        });
        // A label that names its own date ("KV/RV 18-11-2025") is not dated twice.
        marks.extend(outside.into_iter().map(|(_, label, when)| {
            let when = if label.contains(&when) { String::new() } else { when };
            Mark::Strip { label, when }
        }));
    }
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
        counted: Counted::Answers(n),
        x_axis: Axis {
            label: String::new(),
            min,
            max,
            ticks,
        },
        y_axis: super::mean_axis(lang),
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

/// "13-01-2025 – 07-02-2025".
fn span_when(entry: &crate::timeline::Entry, lang: Lang) -> String {
    match entry.end {
        Some(end) if end != entry.start => format!("{} – {}", lang.date(entry.start), lang.date(end)),
        _ => lang.date(entry.start),
    }
}
