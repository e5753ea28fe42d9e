//! Small groups protected: a group with fewer scored answers than the minimum (default 5) is
//! hidden, and where a shown total and the other shown groups would give it away, the smallest
//! other group is hidden too (secondary suppression). Applied to every result before the window
//! or an export sees it, so nothing downstream can show what is hidden.

use serde::Serialize;

use super::stats::Moments;
use super::summary::{Cell, Summary, Total, WaveRow};
use super::views::{BreakdownRow, CrossTab, DistributionRow, TrendPoint};
use crate::dataset::{Comment, Dataset};
use crate::phases::phase_of_week;

/// The default minimum group size, as SurveyXact's and most statistics offices' rule of five.
pub const DEFAULT_MIN_N: u64 = 5;

/// What was hidden, for the note every view and export carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Suppression {
    pub min_n: u64,
    /// Groups below the minimum.
    pub primary: usize,
    /// Groups hidden so the others cannot be worked out from a total.
    pub secondary: usize,
}

impl Suppression {
    pub fn any(&self) -> bool {
        self.primary + self.secondary > 0
    }

    fn add(&mut self, other: &Suppression) {
        self.primary += other.primary;
        self.secondary += other.secondary;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hide {
    Shown,
    Primary,
    Secondary,
}

/// Which of `sizes` to hide. Each of `groups` (indices into `sizes`) is a set whose sum is
/// published: while one has exactly one hidden member, its smallest shown member is hidden
/// too, so no hidden size or mean is the published sum less the shown ones.
fn decide(sizes: &[u64], groups: &[Vec<usize>], min_n: u64) -> Vec<Hide> {
    decide_with(sizes, groups, min_n, |_| false)
}

/// [`decide`], with the members `forced` says hidden first, as if they were small.
fn decide_with(sizes: &[u64], groups: &[Vec<usize>], min_n: u64, forced: impl Fn(usize) -> bool) -> Vec<Hide> {
    let mut hide: Vec<Hide> = sizes
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            if n < min_n || forced(i) {
                Hide::Primary
            } else {
                Hide::Shown
            }
        })
        .collect();
    let is_hidden = |hide: &[Hide], i: usize| hide.get(i).is_some_and(|h| *h != Hide::Shown);
    loop {
        let mut changed = false;
        for group in groups {
            let hidden = group.iter().filter(|&&i| is_hidden(&hide, i)).count();
            if hidden != 1 {
                continue;
            }
            let smallest = group
                .iter()
                .filter(|&&i| !is_hidden(&hide, i))
                .min_by_key(|&&i| sizes.get(i).copied().unwrap_or(u64::MAX));
            if let Some(slot) = smallest.and_then(|&i| hide.get_mut(i)) {
                *slot = Hide::Secondary;
                changed = true;
            }
        }
        if !changed {
            return hide;
        }
    }
}

fn count(hide: &[Hide], min_n: u64) -> Suppression {
    Suppression {
        min_n,
        primary: hide.iter().filter(|h| **h == Hide::Primary).count(),
        secondary: hide.iter().filter(|h| **h == Hide::Secondary).count(),
    }
}

/// A total's pooled figures back as moments, to add the shown waves up again.
fn moments(total: &Total) -> Moments {
    let n = total.n as f64;
    let mean = total.pooled_mean.unwrap_or(0.0);
    let sd = total.sd.unwrap_or(0.0);
    Moments {
        n,
        sum: n * mean,
        sum_of_squares: (n - 1.0).max(0.0) * sd * sd + n * mean * mean,
        dont_know: total.dont_know as f64,
    }
}

/// The summary with small cells hidden: a hidden cell leaves its wave's list of cells (and is
/// named in `hidden_phases`); a wave whose total is small leaves the summary (named in
/// `hidden_waves`); a total that would include a hidden cell's mean is not given.
pub fn protect_summary(summary: &Summary, min_n: u64) -> (Summary, Suppression) {
    let mut note = Suppression {
        min_n,
        ..Suppression::default()
    };
    let mut waves = Vec::new();
    let mut hidden_waves = Vec::new();
    for wave in &summary.waves {
        if wave.total.n < min_n {
            hidden_waves.push(wave.wave.clone());
            note.primary += 1;
            continue;
        }
        let sizes: Vec<u64> = wave.cells.iter().map(|c| c.stats.n).collect();
        let hide = decide(&sizes, &[(0..sizes.len()).collect()], min_n);
        note.add(&count(&hide, min_n));
        let cells: Vec<Cell> = wave
            .cells
            .iter()
            .zip(&hide)
            .filter(|(_, h)| **h == Hide::Shown)
            .map(|(c, _)| c.clone())
            .collect();
        let hidden_phases: Vec<String> = wave
            .cells
            .iter()
            .zip(&hide)
            .filter(|(_, h)| **h != Hide::Shown)
            .map(|(c, _)| c.phase.clone())
            .collect();
        let mut total = wave.total.clone();
        if !hidden_phases.is_empty() {
            // The mean of phase means needs every phase's mean: with one hidden it would tell it.
            total.mean_of_phases = None;
            total.mean_of_phases_ci95 = None;
            total.mean_of_phases_ci95_clipped = false;
        }
        waves.push(WaveRow {
            wave: wave.wave.clone(),
            cells,
            total,
            hidden_phases,
        });
    }
    let mut overall = summary.overall.clone();
    if note.any() {
        // All waves again from what is shown, so a hidden wave is not the total less the others.
        let pooled = waves
            .iter()
            .fold(Moments::default(), |sum, w| sum + moments(&w.total))
            .stats();
        let cells: Vec<Cell> = waves
            .iter()
            .filter(|w| w.hidden_phases.is_empty())
            .flat_map(|w| w.cells.iter().cloned())
            .collect();
        overall = Total::new(&cells, pooled);
        // The phases' means of all waves are not all shown: a mean of phase means from the
        // shown ones alone would be another number under the same name.
        overall.mean_of_phases = None;
        overall.mean_of_phases_ci95 = None;
        overall.mean_of_phases_ci95_clipped = false;
    }
    let protected = Summary {
        phases: summary.phases.clone(),
        waves,
        overall,
        hidden_waves,
        min_n: Some(min_n),
    };
    (protected, note)
}

/// Per-question means with small groups hidden; the rows of a wave add up to its total in the
/// overview, so they are protected together. Returns the shown rows and the hidden (wave,
/// question) pairs.
pub fn protect_breakdown(rows: &[BreakdownRow], min_n: u64) -> (Vec<BreakdownRow>, Vec<(String, String)>, Suppression) {
    let sizes: Vec<u64> = rows.iter().map(|r| r.stats.n).collect();
    let hide = decide(&sizes, &groups_by(rows, |r| r.wave.clone()), min_n);
    let shown = rows
        .iter()
        .zip(&hide)
        .filter(|(_, h)| **h == Hide::Shown)
        .map(|(r, _)| r.clone())
        .collect();
    let hidden = rows
        .iter()
        .zip(&hide)
        .filter(|(_, h)| **h != Hide::Shown)
        .map(|(r, _)| (r.wave.clone(), r.question.clone()))
        .collect();
    (shown, hidden, count(&hide, min_n))
}

/// The distribution rows the breakdown shows (the same wave × question groups).
pub fn protect_distribution(rows: &[DistributionRow], hidden: &[(String, String)]) -> Vec<DistributionRow> {
    rows.iter()
        .filter(|r| !hidden.iter().any(|(w, q)| *w == r.wave && *q == r.question))
        .cloned()
        .collect()
}

/// Check-ins with small groups hidden: a wave's weeks add up to its total, and the weeks of a
/// phase to its cell. Returns the shown points and the hidden (wave, week) pairs.
pub fn protect_trend(points: &[TrendPoint], min_n: u64) -> (Vec<TrendPoint>, Vec<(String, i32)>, Suppression) {
    let sizes: Vec<u64> = points.iter().map(|p| p.stats.n).collect();
    let mut groups = groups_by(points, |p| p.wave.clone());
    groups.extend(groups_by(points, |p| {
        format!("{}\u{0}{}", p.wave, p.week.and_then(phase_of_week).unwrap_or(""))
    }));
    let hide = decide(&sizes, &groups, min_n);
    let shown = points
        .iter()
        .zip(&hide)
        .filter(|(_, h)| **h == Hide::Shown)
        .map(|(p, _)| p.clone())
        .collect();
    let hidden = points
        .iter()
        .zip(&hide)
        .filter(|(_, h)| **h != Hide::Shown)
        .filter_map(|(p, _)| Some((p.wave.clone(), p.week?)))
        .collect();
    (shown, hidden, count(&hide, min_n))
}

/// A crosstab's bars with small groups hidden (the rows add up to its "all answers" total);
/// a total below the minimum hides everything.
pub fn protect_crosstab(tab: &CrossTab, min_n: u64) -> (CrossTab, Suppression) {
    let sizes: Vec<u64> = tab.rows.iter().map(|r| r.stats.n).collect();
    let hidden_per_wave = hidden_per_wave(tab, min_n);
    let held = |i: usize| tab.rows.get(i).is_some_and(|row| hidden_per_wave.contains(&row.value));
    let mut hide = decide_with(&sizes, &[(0..sizes.len()).collect()], min_n, held);
    if tab.total.n < min_n {
        hide.iter_mut().for_each(|h| *h = Hide::Primary);
    }
    let mut protected = tab.clone();
    protected.rows = tab
        .rows
        .iter()
        .zip(&hide)
        .filter(|(_, h)| **h == Hide::Shown)
        .map(|(r, _)| r.clone())
        .collect();
    protected.hidden = tab
        .rows
        .iter()
        .zip(&hide)
        .filter(|(_, h)| **h != Hide::Shown)
        .map(|(r, _)| r.value.clone())
        .collect();
    if tab.total.n < min_n {
        protected.total = super::Stats::default();
    }
    (protected, count(&hide, min_n))
}

/// The values of a breakdown by phase or question that hold a group the per-wave views hide
/// (the overview's wave × phase table, the questions per wave), decided as those views decide:
/// the row less the shown groups would give the hidden one away.
fn hidden_per_wave(tab: &CrossTab, min_n: u64) -> Vec<String> {
    let cells = &tab.by_wave;
    let sizes: Vec<u64> = cells.iter().map(|(_, _, n)| *n).collect();
    let waves = groups_by(cells, |(_, wave, _)| wave.clone());
    let hide = match tab.by {
        // As `protect_summary`: a wave under the minimum is hidden whole, the rest per wave.
        super::GroupBy::Phase => {
            let mut hide = vec![Hide::Shown; cells.len()];
            for wave in &waves {
                let wave_sizes: Vec<u64> = wave.iter().filter_map(|&i| sizes.get(i).copied()).collect();
                let decided = if wave_sizes.iter().sum::<u64>() < min_n {
                    vec![Hide::Primary; wave.len()]
                } else {
                    decide(&wave_sizes, &[(0..wave.len()).collect()], min_n)
                };
                for (&i, h) in wave.iter().zip(decided) {
                    if let Some(slot) = hide.get_mut(i) {
                        *slot = h;
                    }
                }
            }
            hide
        }
        // As `protect_breakdown`.
        super::GroupBy::Question => decide(&sizes, &waves, min_n),
        _ => return Vec::new(),
    };
    let mut values: Vec<String> = cells
        .iter()
        .zip(&hide)
        .filter(|((_, _, n), h)| **h != Hide::Shown && *n > 0)
        .map(|((value, _, _), _)| value.clone())
        .collect();
    values.dedup();
    values
}

/// Comments from a municipality with fewer scored answers than the minimum are hidden: a
/// comment from a small group can name its writer.
pub fn protect_comments(dataset: &Dataset, min_n: u64) -> (Vec<Comment>, usize) {
    let answers = super::views::answers_per_municipality(dataset);
    let small = |m: &str| answers.get(m).copied().unwrap_or(0) < min_n;
    let shown: Vec<Comment> = dataset
        .comments
        .iter()
        .filter(|c| c.municipality.as_deref().is_none_or(|m| !small(m)))
        .cloned()
        .collect();
    let hidden = dataset.comments.len() - shown.len();
    (shown, hidden)
}

/// Indices of `items` grouped by a key, in first-appearance order.
fn groups_by<T>(items: &[T], key: impl Fn(&T) -> String) -> Vec<Vec<usize>> {
    let mut keys: Vec<String> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        match keys.iter().position(|known| *known == k) {
            Some(g) => {
                if let Some(group) = groups.get_mut(g) {
                    group.push(i);
                }
            }
            None => {
                keys.push(k);
                groups.push(vec![i]);
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_small_group_takes_the_smallest_other_with_it() {
        let hide = decide(&[3, 40, 12, 90], &[vec![0, 1, 2, 3]], 5);
        assert_eq!(hide, [Hide::Primary, Hide::Shown, Hide::Secondary, Hide::Shown]);
        let two = decide(&[3, 4, 12], &[vec![0, 1, 2]], 5);
        assert_eq!(
            two,
            [Hide::Primary, Hide::Primary, Hide::Shown],
            "two hidden protect each other"
        );
    }

    #[test]
    fn nested_groups_are_protected_until_nothing_changes() {
        // Weeks 1-3 of one wave (a phase) and weeks 4-5; the wave is one group, each phase another.
        let hide = decide(
            &[2, 30, 31, 40, 41],
            &[vec![0, 1, 2, 3, 4], vec![0, 1, 2], vec![3, 4]],
            5,
        );
        assert_eq!(hide.iter().filter(|h| **h != Hide::Shown).count(), 2);
        assert_eq!(hide.first(), Some(&Hide::Primary));
        assert_eq!(hide.get(1), Some(&Hide::Secondary), "the smallest in week 1's phase");
    }
}
