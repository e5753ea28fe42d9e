//! The deck's table: mean satisfaction per wave × phase, and a total per wave two ways.

use std::collections::HashMap;

use polars::prelude::PolarsResult;
use serde::Serialize;

use super::inference::mean_of_means_ci;
use super::keys::{self, Keys, Part};
use super::stats::{Moments, clip_to_scale};
use super::{Filter, Scope, Stats, counts};
use crate::dataset::{Dataset, NamesById, col_names};
use crate::phases::NO_PHASE;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub phase: String,
    #[serde(flatten)]
    pub stats: Stats,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Total {
    /// The unweighted mean of the phase means: how the deck computes "Total udrulning".
    pub mean_of_phases: Option<f64>,
    /// The answers the mean of phase means is built from: the phases' own, not the answers
    /// outside weeks 1-5 the pooled mean also holds.
    pub phases_n: u64,
    /// The mean of all answers pooled: differs whenever phases have different n.
    pub pooled_mean: Option<f64>,
    pub n: u64,
    pub sd: Option<f64>,
    /// The interval of the pooled mean (not of the mean of phase means).
    pub ci95: Option<[f64; 2]>,
    pub ci95_clipped: bool,
    pub dont_know: u64,
    /// The interval of the mean of phase means: Σ sᵢ²/nᵢ / k², Welch–Satterthwaite df.
    pub mean_of_phases_ci95: Option<[f64; 2]>,
    pub mean_of_phases_ci95_clipped: bool,
    /// True when a cell the total is built from is small (n < 10): the total is marked like
    /// the cell, as one small cell can move it far.
    pub from_small_cell: bool,
}

impl Total {
    pub(crate) fn new(cells: &[Cell], pooled: Stats) -> Total {
        // Answers outside the phase scheme are in the pooled mean but are no phase of their own,
        // unless there is nothing else (a file without weeks).
        let phased: Vec<&Cell> = cells
            .iter()
            .filter(|c| c.phase != NO_PHASE && c.stats.mean.is_some())
            .collect();
        let parts: Vec<&Cell> = if phased.is_empty() {
            cells.iter().filter(|c| c.stats.mean.is_some()).collect()
        } else {
            phased
        };
        let means: Vec<f64> = parts.iter().filter_map(|c| c.stats.mean).collect();
        let mean_of_phases = (!means.is_empty()).then(|| means.iter().sum::<f64>() / means.len() as f64);
        let groups: Option<Vec<(u64, f64, f64)>> = parts
            .iter()
            .map(|c| Some((c.stats.n, c.stats.mean?, c.stats.sd?)))
            .collect();
        let interval = groups
            .filter(|g| g.iter().all(|(n, _, _)| *n >= Stats::MIN_N_FOR_INTERVAL))
            .and_then(|g| mean_of_means_ci(&g))
            .map(clip_to_scale);
        Total {
            mean_of_phases,
            phases_n: parts.iter().map(|c| c.stats.n).sum(),
            pooled_mean: pooled.mean,
            n: pooled.n,
            sd: pooled.sd,
            ci95: pooled.ci95,
            ci95_clipped: pooled.ci95_clipped,
            dont_know: pooled.dont_know,
            mean_of_phases_ci95: interval.map(|(ci, _)| ci),
            mean_of_phases_ci95_clipped: interval.is_some_and(|(_, clipped)| clipped),
            from_small_cell: parts.iter().any(|c| c.stats.is_small()),
        }
    }

    /// The pooled figures as a group's stats.
    pub fn pooled(&self) -> Stats {
        Stats {
            n: self.n,
            mean: self.pooled_mean,
            sd: self.sd,
            ci95: self.ci95,
            ci95_clipped: self.ci95_clipped,
            dont_know: self.dont_know,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaveRow {
    pub wave: String,
    /// In phase order; only phases with answers (and not hidden as too small).
    pub cells: Vec<Cell>,
    pub total: Total,
    /// Phases with answers that are hidden: below the minimum group size, or hidden so a
    /// small one cannot be worked out from the total.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_phases: Vec<String>,
}

impl WaveRow {
    pub fn cell(&self, phase: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.phase == phase)
    }

    pub fn is_hidden(&self, phase: &str) -> bool {
        self.hidden_phases.iter().any(|p| p == phase)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// The phases that have answers, in scheme order.
    pub phases: Vec<String>,
    /// In time order.
    pub waves: Vec<WaveRow>,
    /// All waves together (the shown ones, when a wave is hidden).
    pub overall: Total,
    /// Waves with fewer answers in all than the minimum group size: not shown at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_waves: Vec<String>,
    /// The minimum group size applied, once small groups are protected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_n: Option<u64>,
}

impl Summary {
    pub fn wave(&self, wave: &str) -> Option<&WaveRow> {
        self.waves.iter().find(|w| w.wave == wave)
    }
}

pub fn summary(dataset: &Dataset, filter: &Filter) -> PolarsResult<Summary> {
    summary_of(&Scope::new(dataset, filter)?)
}

/// The summary of a filter state's answers.
pub fn summary_of(scope: &Scope) -> PolarsResult<Summary> {
    let dataset = scope.dataset();
    // One count: the wave totals and the overall total add up the cells' moments.
    let names = &dataset.names_by_id;
    let keys = Keys::new(&[
        (
            col_names::WAVE,
            Part::Id {
                size: names.waves.len() as u64,
            },
        ),
        (
            col_names::PHASE,
            Part::Id {
                size: names.phases.len() as u64,
            },
        ),
        (col_names::DONT_KNOW, Part::Id { size: 2 }),
    ]);
    // By name: the rows and columns below go in the data set's order of names.
    let mut cells: HashMap<(&str, &str), Moments> = HashMap::new();
    for counted in counts::count(scope.frame(), &keys)? {
        let wave = NamesById::name(&names.waves, keys::id(counted.key.first()));
        let phase = NamesById::name(&names.phases, keys::id(counted.key.get(1)));
        let moments = cells.entry((wave, phase)).or_default();
        *moments = *moments + counted.moments(2);
    }
    let phases: Vec<String> = dataset
        .phases
        .iter()
        .filter(|phase| cells.keys().any(|(_, p)| p == phase))
        .cloned()
        .collect();
    let mut waves = Vec::new();
    let mut all_cells = Vec::new();
    let mut overall_moments = Moments::default();
    for wave in dataset.waves.iter().filter(|w| cells.keys().any(|(cw, _)| cw == w)) {
        let mut wave_moments = Moments::default();
        let mut row = Vec::new();
        for phase in &phases {
            let Some(moments) = cells.get(&(wave.as_str(), phase.as_str())) else {
                continue;
            };
            wave_moments = wave_moments + *moments;
            row.push(Cell {
                phase: phase.clone(),
                stats: moments.stats(),
            });
        }
        overall_moments = overall_moments + wave_moments;
        all_cells.extend(row.iter().cloned());
        waves.push(WaveRow {
            wave: wave.clone(),
            total: Total::new(&row, wave_moments.stats()),
            cells: row,
            hidden_phases: Vec::new(),
        });
    }
    let overall_stats = overall_moments.stats();
    // Across waves, "mean of phases" averages every wave's phase means alike.
    let overall = Total::new(&all_cells, overall_stats);
    Ok(Summary {
        phases,
        waves,
        overall,
        hidden_waves: Vec::new(),
        min_n: None,
    })
}
