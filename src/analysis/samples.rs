//! The answers themselves, as counts per wave × phase × week × answer: what the difference
//! tests rank and what the overview draws as each cell's distribution. One small group-by: a
//! 1-5 scale with half points has at most nine values per group.

use polars::prelude::*;
use serde::Serialize;

use super::bins::bins_of;
use super::inference::Sample;
use super::{Filter, Scope};
use crate::dataset::Dataset;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bin {
    pub wave: String,
    pub phase: String,
    pub week: Option<i32>,
    /// None for "don't know".
    pub score: Option<f64>,
    pub count: u64,
}

/// Every answer of a filter state, binned.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Answers {
    pub bins: Vec<Bin>,
}

/// How many answered 1, 2, 3, 4, 5 (half points with the whole point above, as the
/// distribution chart counts them) and "don't know".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Spread {
    pub counts: [u64; 5],
    pub dont_know: u64,
}

impl Spread {
    pub fn answered(&self) -> u64 {
        self.counts.iter().sum()
    }
}

impl Answers {
    fn sample(&self, keep: impl Fn(&Bin) -> bool) -> Sample {
        Sample::from_counts(
            self.bins
                .iter()
                .filter(|b| keep(b))
                .filter_map(|b| Some((b.score?, b.count))),
        )
    }

    /// The scored answers of a wave × phase cell.
    pub fn cell(&self, wave: &str, phase: &str) -> Sample {
        self.sample(|b| b.wave == wave && b.phase == phase)
    }

    /// The scored answers of one check-in week of a wave.
    pub fn week(&self, wave: &str, week: i32) -> Sample {
        self.sample(|b| b.wave == wave && b.week == Some(week))
    }

    /// The weeks a wave has answers in, in order.
    pub fn weeks(&self, wave: &str) -> Vec<i32> {
        let mut weeks: Vec<i32> = self
            .bins
            .iter()
            .filter(|b| b.wave == wave && b.score.is_some())
            .filter_map(|b| b.week)
            .collect();
        weeks.sort_unstable();
        weeks.dedup();
        weeks
    }

    /// The answers 1-5 and "don't know" of a cell (`phase` None: the whole wave).
    pub fn spread(&self, wave: &str, phase: Option<&str>) -> Spread {
        let mut spread = Spread::default();
        for bin in self
            .bins
            .iter()
            .filter(|b| b.wave == wave && phase.is_none_or(|p| b.phase == p))
        {
            match bin.score {
                None => spread.dont_know += bin.count,
                Some(score) => {
                    // Half points count with the whole point above (3,5 as 4).
                    let point = (score + 0.5).floor() as i64;
                    if let Some(slot) = usize::try_from(point - 1).ok().and_then(|i| spread.counts.get_mut(i)) {
                        *slot += bin.count;
                    }
                }
            }
        }
        spread
    }
}

pub fn answers(dataset: &Dataset, filter: &Filter) -> PolarsResult<Answers> {
    Ok(bins_of(&Scope::new(dataset, filter)?)?.answers())
}
