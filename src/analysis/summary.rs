//! The deck's table: mean satisfaction per wave × phase, and a total per wave two ways.

use polars::prelude::*;
use serde::Serialize;

use super::stats::{read_keys, read_stats, stats_exprs};
use super::{Filter, Stats, filtered};
use crate::dataset::{Dataset, col_names};
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
    /// The mean of all answers pooled: differs whenever phases have different n.
    pub pooled_mean: Option<f64>,
    pub n: u64,
    pub sd: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    pub dont_know: u64,
}

impl Total {
    fn new(cells: &[Cell], pooled: Stats) -> Total {
        // Answers outside the phase scheme are in the pooled mean but are no phase of their own,
        // unless there is nothing else (a file without weeks).
        let phased: Vec<f64> = cells
            .iter()
            .filter(|c| c.phase != NO_PHASE)
            .filter_map(|c| c.stats.mean)
            .collect();
        let means: Vec<f64> = if phased.is_empty() {
            cells.iter().filter_map(|c| c.stats.mean).collect()
        } else {
            phased
        };
        let mean_of_phases = (!means.is_empty()).then(|| means.iter().sum::<f64>() / means.len() as f64);
        Total {
            mean_of_phases,
            pooled_mean: pooled.mean,
            n: pooled.n,
            sd: pooled.sd,
            ci95: pooled.ci95,
            dont_know: pooled.dont_know,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WaveRow {
    pub wave: String,
    /// In phase order; only phases with answers.
    pub cells: Vec<Cell>,
    pub total: Total,
}

impl WaveRow {
    pub fn cell(&self, phase: &str) -> Option<&Cell> {
        self.cells.iter().find(|c| c.phase == phase)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// The phases that have answers, in scheme order.
    pub phases: Vec<String>,
    /// In time order.
    pub waves: Vec<WaveRow>,
    /// All waves together.
    pub overall: Total,
}

impl Summary {
    pub fn wave(&self, wave: &str) -> Option<&WaveRow> {
        self.waves.iter().find(|w| w.wave == wave)
    }
}

pub fn summary(dataset: &Dataset, filter: &Filter) -> PolarsResult<Summary> {
    let answers = filtered(dataset, filter);
    let cells = answers
        .clone()
        .group_by([col(col_names::WAVE), col(col_names::PHASE)])
        .agg(stats_exprs())
        .collect()?;
    let wave_totals = answers
        .clone()
        .group_by([col(col_names::WAVE)])
        .agg(stats_exprs())
        .collect()?;
    let overall = answers.select(stats_exprs()).collect()?;

    let cell_waves = read_keys(&cells, col_names::WAVE, &dataset.names.waves)?;
    let cell_phases = read_keys(&cells, col_names::PHASE, &dataset.names.phases)?;
    let cell_stats = read_stats(&cells)?;
    let total_waves = read_keys(&wave_totals, col_names::WAVE, &dataset.names.waves)?;
    let total_stats = read_stats(&wave_totals)?;

    let phases: Vec<String> = dataset
        .phases
        .iter()
        .filter(|phase| cell_phases.contains(phase))
        .cloned()
        .collect();
    let mut waves = Vec::new();
    let mut all_cells = Vec::new();
    for wave in dataset.waves.iter().filter(|w| total_waves.contains(w)) {
        let cells: Vec<Cell> = phases
            .iter()
            .filter_map(|phase| {
                let index = (0..cell_waves.len())
                    .find(|&i| cell_waves.get(i) == Some(wave) && cell_phases.get(i) == Some(phase))?;
                Some(Cell {
                    phase: phase.clone(),
                    stats: *cell_stats.get(index)?,
                })
            })
            .collect();
        let pooled = total_waves
            .iter()
            .position(|w| w == wave)
            .and_then(|i| total_stats.get(i))
            .copied()
            .unwrap_or_default();
        all_cells.extend(cells.iter().cloned());
        waves.push(WaveRow {
            wave: wave.clone(),
            total: Total::new(&cells, pooled),
            cells,
        });
    }
    let overall_stats = read_stats(&overall)?.first().copied().unwrap_or_default();
    // Across waves, "mean of phases" averages every wave's phase means alike.
    let overall = Total::new(&all_cells, overall_stats);
    Ok(Summary { phases, waves, overall })
}
