//! What a user sets on one chart to make it fit a slide: the order of bars, the top or bottom
//! N of a long crosstab, the whole timeline or only the data's period, the waves and questions
//! it shows whatever the filters say, and free-text notes. Saved in the project.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::spec::{ChartKind, ChartSpec, Mark};
use crate::analysis::{CrossTab, Filter, Summary};
use crate::dates::days_since_epoch;
use crate::locale::Lang;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sort {
    /// The data's own order: waves in time, values as the column lists them.
    #[default]
    Natural,
    /// Highest mean first.
    MeanDown,
    /// Lowest mean first.
    MeanUp,
    /// Most answers first.
    Count,
    /// A to Å.
    Name,
}

impl Sort {
    pub const ALL: [Sort; 5] = [Sort::Natural, Sort::MeanDown, Sort::MeanUp, Sort::Count, Sort::Name];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Sort::Natural => lang.pick("Dataets rækkefølge", "Data order"),
            Sort::MeanDown => lang.pick("Højeste gennemsnit først", "Highest mean first"),
            Sort::MeanUp => lang.pick("Laveste gennemsnit først", "Lowest mean first"),
            Sort::Count => lang.pick("Flest svar først", "Most answers first"),
            Sort::Name => lang.pick("Navn (A-Å)", "Name (A-Z)"),
        }
    }
}

/// Only the first `n` rows after sorting by mean: the top N (highest) or the bottom N.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Limit {
    pub top: bool,
    pub n: usize,
}

/// A note on a chart: `at` is a date (dd-mm-yyyy or yyyy-mm-dd) on the trend, or the name of a
/// bar (a wave, a question, a crosstab value).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartNote {
    pub text: String,
    pub at: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartOptions {
    pub sort: Sort,
    pub limit: Option<Limit>,
    /// The trend over the project's whole timeline instead of the data's period.
    pub whole_timeline: bool,
    /// The chart shows `waves` and `questions` (empty: all), not the filters' choice.
    pub own_selection: bool,
    pub waves: Vec<String>,
    pub questions: Vec<String>,
    pub notes: Vec<ChartNote>,
}

impl ChartOptions {
    /// The filter this chart is computed with: the filters', with its own waves and
    /// questions where it has a selection of its own.
    pub fn filter(&self, filters: &Filter) -> Filter {
        let mut filter = filters.clone();
        if self.own_selection {
            filter.waves = self.waves.clone();
            filter.questions = self.questions.clone();
        }
        filter
    }
}

fn cmp_mean(a: Option<f64>, b: Option<f64>) -> std::cmp::Ordering {
    a.unwrap_or(f64::NEG_INFINITY)
        .total_cmp(&b.unwrap_or(f64::NEG_INFINITY))
}

/// The crosstab's rows in the chosen order, cut to the top or bottom N by mean.
pub fn arrange_crosstab(tab: &CrossTab, sort: Sort, limit: Option<Limit>) -> CrossTab {
    let mut rows = tab.rows.clone();
    if let Some(limit) = limit.filter(|l| l.n > 0 && l.n < rows.len()) {
        rows.sort_by(|a, b| cmp_mean(b.stats.mean, a.stats.mean));
        if limit.top {
            rows.truncate(limit.n);
        } else {
            rows.drain(..rows.len() - limit.n);
        }
        // Back in the data's order before the chosen sort.
        rows.sort_by_key(|r| tab.rows.iter().position(|o| o.value == r.value));
    }
    match sort {
        Sort::Natural => {}
        Sort::MeanDown => rows.sort_by(|a, b| cmp_mean(b.stats.mean, a.stats.mean)),
        Sort::MeanUp => rows.sort_by(|a, b| cmp_mean(a.stats.mean, b.stats.mean)),
        Sort::Count => rows.sort_by_key(|r| std::cmp::Reverse(r.stats.n)),
        Sort::Name => rows.sort_by_key(|r| r.value.to_lowercase()),
    }
    CrossTab {
        by: tab.by.clone(),
        rows,
        total: tab.total,
        hidden: tab.hidden.clone(),
        by_wave: tab.by_wave.clone(),
    }
}

/// The bar chart's waves in the chosen order (by their total).
pub fn arrange_summary(summary: &Summary, sort: Sort) -> Summary {
    let mut out = summary.clone();
    match sort {
        Sort::Natural => {}
        Sort::MeanDown => out
            .waves
            .sort_by(|a, b| cmp_mean(b.total.mean_of_phases, a.total.mean_of_phases)),
        Sort::MeanUp => out
            .waves
            .sort_by(|a, b| cmp_mean(a.total.mean_of_phases, b.total.mean_of_phases)),
        Sort::Count => out.waves.sort_by_key(|w| std::cmp::Reverse(w.total.n)),
        Sort::Name => out.waves.sort_by_key(|w| w.wave.to_lowercase()),
    }
    out
}

/// The day a note's `at` names, read as the user types dates.
fn note_date(at: &str) -> Option<NaiveDate> {
    crate::dates::parse_danish_date(at.trim())
}

/// Puts the notes on the chart: at a date on the trend (beside the nearest point), at the end
/// of the bar or row whose name is `at` elsewhere. A note whose place is not on the chart
/// goes to the subtitle, so it is never lost.
pub fn add_notes(spec: &mut ChartSpec, notes: &[ChartNote], lang: Lang) {
    let mut unplaced = Vec::new();
    for note in notes.iter().filter(|n| !n.text.trim().is_empty()) {
        let text = note.text.trim().to_string();
        match place(spec, &note.at, lang) {
            Some((x, y)) => spec.marks.push(Mark::Note { x, y, text }),
            None => unplaced.push(text),
        }
    }
    if !unplaced.is_empty() {
        let joined = unplaced.join(" · ");
        spec.subtitle = Some(match spec.subtitle.take() {
            Some(sub) if !sub.trim().is_empty() => format!("{sub} · {joined}"),
            _ => joined,
        });
    }
}

fn place(spec: &ChartSpec, at: &str, lang: Lang) -> Option<(f64, f64)> {
    let at = at.trim();
    if spec.kind == ChartKind::Trend {
        let x = f64::from(days_since_epoch(note_date(at)?));
        if x < spec.x_axis.min || x > spec.x_axis.max {
            return None;
        }
        // Beside the nearest check-in's mean; in the middle of the scale without data.
        let nearest = spec
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Line { points, .. } => Some(points.iter()),
                _ => None,
            })
            .flatten()
            .min_by(|a, b| (a[0] - x).abs().total_cmp(&(b[0] - x).abs()));
        let y = nearest.filter(|p| (p[0] - x).abs() <= 10.0).map_or(3.0, |p| p[1]);
        return Some((x, y));
    }
    let wanted = at.to_lowercase();
    let matches = |label: &str| label.to_lowercase() == wanted || lang.data_value(label).to_lowercase() == wanted;
    let horizontal = matches!(spec.kind, ChartKind::Distribution | ChartKind::CrossTab);
    let axis = if horizontal { &spec.y_axis } else { &spec.x_axis };
    let (position, _) = axis.ticks.iter().find(|(_, label)| matches(label))?;
    // The end of the longest bar at that place.
    let end = spec
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Rect { x0, x1, y0, y1, .. }
                if horizontal && (y0 + y1) / 2.0 - position < 0.5 && position - (y0 + y1) / 2.0 < 0.5 =>
            {
                Some(x0.max(*x1))
            }
            Mark::Rect { x0, x1, y1, .. }
                if !horizontal && (x0 + x1) / 2.0 - position < 0.5 && position - (x0 + x1) / 2.0 < 0.5 =>
            {
                Some(*y1)
            }
            _ => None,
        })
        .fold(f64::NEG_INFINITY, f64::max);
    let end = if end.is_finite() { end } else { 3.0 };
    Some(if horizontal { (end, *position) } else { (*position, end) })
}
