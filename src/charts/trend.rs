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
    let mut drawing = Drawing {
        marks: Vec::new(),
        lo: f64::INFINITY,
        hi: f64::NEG_INFINITY,
        outside: Vec::new(),
        view: if whole {
            None
        } else {
            zoomed_view(points, timeline, lang)
        },
    };
    // Spans first, so bars of colour lie under the data lines.
    drawing.spans(timeline, lang);
    drawing.events(timeline, lang);
    let (n, legend) = drawing.wave_lines(points, lang, colour);
    let (min, max, ticks) = drawing.x_range(lang);
    drawing.strip(lang);
    drawing.marks.push(Mark::HLine {
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
        marks: drawing.marks,
    }
}

/// The zoomed view: the data's months, plus the first timeline entry that starts after it;
/// none without dated means.
fn zoomed_view(points: &[TrendPoint], timeline: &Timeline, lang: Lang) -> Option<(f64, f64)> {
    let dated: Vec<f64> = points
        .iter()
        .filter(|p| p.stats.mean.is_some())
        .filter_map(|p| p.date.map(|d| f64::from(days_since_epoch(d))))
        .collect();
    let data_lo = dated.iter().copied().fold(f64::INFINITY, f64::min);
    let data_hi = dated.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    data_lo.is_finite().then(|| {
        let next = timeline
            .entries
            .iter()
            .map(|e| f64::from(days_since_epoch(e.start)))
            .filter(|x| *x > data_hi)
            .fold(f64::INFINITY, f64::min);
        let hi = if next.is_finite() { next } else { data_hi };
        let (min, max, _) = month_ticks(data_lo, hi, lang);
        (min, max)
    })
}

/// The trend's marks as they are made, the days they reach, and the timeline entries
/// outside the view (day, label, when) for the strip.
struct Drawing {
    marks: Vec<Mark>,
    lo: f64,
    hi: f64,
    outside: Vec<(f64, String, String)>,
    view: Option<(f64, f64)>,
}

impl Drawing {
    fn in_view(&self, x0: f64, x1: f64) -> bool {
        self.view.is_none_or(|(min, max)| x1 >= min && x0 <= max)
    }

    fn reach(&mut self, x0: f64, x1: f64) {
        self.lo = self.lo.min(x0);
        self.hi = self.hi.max(x1);
    }

    /// The timeline's spans as shaded bands.
    fn spans(&mut self, timeline: &Timeline, lang: Lang) {
        let spans = timeline.entries.iter().filter(|e| e.kind == EntryKind::Span);
        for (i, entry) in spans.enumerate() {
            let x0 = f64::from(days_since_epoch(entry.start));
            let x1 = f64::from(days_since_epoch(entry.end.unwrap_or(entry.start)));
            if !self.in_view(x0, x1) {
                self.outside
                    .push((x0, entry.label(lang).to_string(), span_when(entry, lang)));
                continue;
            }
            self.reach(x0, x1);
            // A long span (a contract period) would tint the whole chart and muddy the shorter
            // spans on top of it: it gets a fainter fill; its bracket above the plot still shows it.
            let mut fill = palette::span_color(i);
            if x1 - x0 > LONG_SPAN_DAYS {
                fill.3 /= 3;
            }
            self.marks.push(Mark::Span {
                x0,
                x1,
                label: entry.label(lang).to_string(),
                fill,
            });
        }
    }

    /// The timeline's events as vertical lines.
    fn events(&mut self, timeline: &Timeline, lang: Lang) {
        for entry in timeline.entries.iter().filter(|e| e.kind == EntryKind::Event) {
            let x = f64::from(days_since_epoch(entry.start));
            if !self.in_view(x, x) {
                self.outside
                    .push((x, entry.label(lang).to_string(), lang.date(entry.start)));
                continue;
            }
            self.reach(x, x);
            self.marks.push(Mark::Event {
                x,
                label: entry.label(lang).to_string(),
                color: palette::EVENT,
            });
        }
    }

    /// A line per wave in the order the waves first come; the answers behind them and the legend.
    fn wave_lines(
        &mut self,
        points: &[TrendPoint],
        lang: Lang,
        colour: &dyn Fn(&str, usize) -> super::Rgba,
    ) -> (u64, Vec<LegendItem>) {
        let mut waves: Vec<&str> = Vec::new();
        for point in points {
            if !waves.contains(&point.wave.as_str()) {
                waves.push(&point.wave);
            }
        }
        let mut n = 0;
        let mut legend = Vec::new();
        for (i, wave) in waves.iter().enumerate() {
            let of_wave = || points.iter().filter(|p| p.wave == *wave);
            let line: Vec<[f64; 2]> = of_wave()
                .filter_map(|p| Some([f64::from(days_since_epoch(p.date?)), p.stats.mean?]))
                .collect();
            n += of_wave().map(|p| p.stats.n).sum::<u64>();
            for [x, _] in &line {
                self.reach(*x, *x);
            }
            let color = colour(wave, i);
            legend.push(LegendItem {
                label: lang.data_value(wave),
                color,
            });
            self.marks.push(Mark::Line {
                points: line,
                color,
                width: 3.0,
                series: i,
            });
        }
        (n, legend)
    }

    /// The x axis: the view (spans reaching past it are cut at its edges), else all that was
    /// drawn, in whole months.
    fn x_range(&self, lang: Lang) -> (f64, f64, Vec<(f64, String)>) {
        let (mut lo, mut hi) = match self.view {
            Some((min, max)) => (min, max - 1.0),
            None => (self.lo, self.hi),
        };
        if !lo.is_finite() || !hi.is_finite() {
            lo = 0.0;
            hi = 1.0;
        }
        month_ticks(lo, hi, lang)
    }

    /// The entries outside the view, in time order, under a heading.
    fn strip(&mut self, lang: Lang) {
        if self.outside.is_empty() {
            return;
        }
        let mut outside = std::mem::take(&mut self.outside);
        outside.sort_by(|a, b| a.0.total_cmp(&b.0));
        self.marks.push(Mark::Strip {
            label: lang.pick("Også på tidslinjen:", "Also on the timeline:").to_string(),
            when: String::new(),
        });
        // A label that names its own date ("KV/RV 18-11-2025") is not dated twice.
        self.marks.extend(outside.into_iter().map(|(_, label, when)| {
            let when = if label.contains(&when) { String::new() } else { when };
            Mark::Strip { label, when }
        }));
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
