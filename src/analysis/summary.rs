//! The deck's table: mean satisfaction per wave × phase, and a total per wave two ways.

use polars::prelude::*;
use serde::Serialize;

use super::stats::{Moments, moments_exprs, read_keys, read_moments};
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
    // One group-by: the wave totals and the overall total add up the cells' moments.
    // Wave and phase ids in one integer key: a single-key group-by hashes integers, where two
    // keys would be encoded row by row first.
    let key =
        (col(col_names::WAVE).cast(DataType::UInt64) * lit(1u64 << 32)) + col(col_names::PHASE).cast(DataType::UInt64);
    let cells = filtered(dataset, filter)
        .group_by([key.alias("key")])
        .agg(
            [col(col_names::WAVE).first(), col(col_names::PHASE).first()]
                .into_iter()
                .chain(moments_exprs())
                .collect::<Vec<_>>(),
        )
        .collect()?;
    let cell_waves = read_keys(&cells, col_names::WAVE, &dataset.names.waves)?;
    let cell_phases = read_keys(&cells, col_names::PHASE, &dataset.names.phases)?;
    let cell_moments = read_moments(&cells)?;
    let cell_at = |wave: &str, phase: &str| {
        (0..cell_moments.len())
            .find(|&i| cell_waves.get(i).is_some_and(|w| w == wave) && cell_phases.get(i).is_some_and(|p| p == phase))
    };

    let phases: Vec<String> = dataset
        .phases
        .iter()
        .filter(|phase| cell_phases.contains(phase))
        .cloned()
        .collect();
    let mut waves = Vec::new();
    let mut all_cells = Vec::new();
    let mut overall_moments = Moments::default();
    for wave in dataset.waves.iter().filter(|w| cell_waves.contains(w)) {
        let mut wave_moments = Moments::default();
        let mut cells = Vec::new();
        for phase in &phases {
            let Some(moments) = cell_at(wave, phase).and_then(|i| cell_moments.get(i)) else {
                continue;
            };
            wave_moments = wave_moments + *moments;
            cells.push(Cell {
                phase: phase.clone(),
                stats: moments.stats(),
            });
        }
        overall_moments = overall_moments + wave_moments;
        all_cells.extend(cells.iter().cloned());
        waves.push(WaveRow {
            wave: wave.clone(),
            total: Total::new(&cells, wave_moments.stats()),
            cells,
        });
    }
    let overall_stats = overall_moments.stats();
    // Across waves, "mean of phases" averages every wave's phase means alike.
    let overall = Total::new(&all_cells, overall_stats);
    Ok(Summary { phases, waves, overall })
}
