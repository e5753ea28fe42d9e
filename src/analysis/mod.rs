//! The numbers: polars lazy queries over [`Dataset::answers`], one per view, each taking the
//! same [`Filter`]. Queries group and aggregate; Rust only puts the few result rows in order.

mod bins;
pub mod compare;
mod counts;
pub mod coverage;
pub mod inference;
mod keys;
pub mod parts;
mod samples;
mod stats;
mod summary;
pub mod suppress;
pub mod verdict;
mod views;
pub mod worker;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

pub use bins::{Bins, bins_of};
pub use compare::{Comparison, Kind as ComparisonKind, comparisons};
pub use parts::{Part, Partial};
pub use samples::{Answers, Spread, answers};
pub use stats::{SCALE, Stats, t_quantile_975};
pub use summary::{Cell, Summary, Total, WaveRow, summary, summary_of};
pub use suppress::{DEFAULT_MIN_N, Suppression};
pub use views::{
    BreakdownRow, CrossTab, CrossTabRow, DistributionRow, GroupBy, TrendPoint, answers_per_municipality, crosstab,
    distribution, question_breakdown, trend,
};

use crate::dataset::{Dataset, NamesById, col_names};
use crate::dates::days_since_epoch;

/// Which answers a view looks at. An empty list means "all".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub waves: Vec<String>,
    pub phases: Vec<String>,
    pub questions: Vec<String>,
    pub municipalities: Vec<String>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Which of the data set's answers pass, row by row. A name no answer has matches
    /// nothing; an answer without a value (a municipality, a date) fails a test on it.
    fn mask(&self, dataset: &Dataset) -> PolarsResult<BooleanChunked> {
        let answers = &dataset.answers;
        let names = &dataset.names_by_id;
        let mut keep = vec![true; answers.height()];
        for (column, values, known) in [
            (col_names::WAVE, &self.waves, &names.waves),
            (col_names::PHASE, &self.phases, &names.phases),
            (col_names::QUESTION, &self.questions, &names.questions),
            (col_names::MUNICIPALITY, &self.municipalities, &names.municipalities),
        ] {
            if values.is_empty() {
                continue;
            }
            let mut wanted = vec![false; known.len()];
            for id in values.iter().filter_map(|v| NamesById::id(known, v)) {
                if let Some(slot) = wanted.get_mut(id as usize) {
                    *slot = true;
                }
            }
            let ids = answers.column(column)?.u32()?;
            for (keep, id) in keep.iter_mut().zip(ids.iter()) {
                *keep &= id.is_some_and(|id| wanted.get(id as usize).copied().unwrap_or(false));
            }
        }
        if self.date_from.is_some() || self.date_to.is_some() {
            let from = self.date_from.map_or(i32::MIN, days_since_epoch);
            let to = self.date_to.map_or(i32::MAX, days_since_epoch);
            let dates = answers.column(col_names::DATE)?.i32()?;
            for (keep, date) in keep.iter_mut().zip(dates.iter()) {
                *keep &= date.is_some_and(|date| (from..=to).contains(&date));
            }
        }
        Ok(BooleanChunked::from_slice("keep".into(), &keep))
    }
}

/// The `columns` of the data set's answers that pass the filter: with no filter the data
/// set's own columns (shared, not copied), else a copy of the rows that pass.
fn filtered(dataset: &Dataset, filter: &Filter, columns: &[&str]) -> PolarsResult<DataFrame> {
    let frame = dataset.answers.select(columns.iter().copied())?;
    if filter.is_empty() {
        Ok(frame)
    } else {
        frame.filter(&filter.mask(dataset)?)
    }
}

/// The answers of one filter state, filtered once for every view of that state: the columns
/// the views count, with the range of its weeks and dates for [`keys`]. With no filter they are
/// the data set's own columns, not a copy (a copy of seven columns was 37 MB at a million
/// answers, issue 12); the counting reads them a block at a time, whatever their chunks.
pub struct Scope<'a> {
    dataset: &'a Dataset,
    frame: DataFrame,
    weeks: Option<(i32, i32)>,
    dates: Option<(i32, i32)>,
}

impl<'a> Scope<'a> {
    pub fn new(dataset: &'a Dataset, filter: &Filter) -> PolarsResult<Scope<'a>> {
        let columns = [
            col_names::WAVE,
            col_names::PHASE,
            col_names::WEEK,
            col_names::DATE,
            col_names::QUESTION,
            col_names::SCORE,
            col_names::DONT_KNOW,
        ];
        let frame = filtered(dataset, filter, &columns)?;
        let range = |name: &str| -> PolarsResult<Option<(i32, i32)>> {
            let values = frame.column(name)?.i32()?;
            Ok(values.min().zip(values.max()))
        };
        let (weeks, dates) = (range(col_names::WEEK)?, range(col_names::DATE)?);
        Ok(Scope {
            dataset,
            frame,
            weeks,
            dates,
        })
    }

    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    /// The answers, to count.
    fn frame(&self) -> &DataFrame {
        &self.frame
    }
}

/// Everything the window and the report show for one filter state, computed together so a
/// change of filter costs one pass and a redraw costs nothing. Small groups are already
/// hidden in every part (see [`suppress`]); only `answers` holds every group, for the tests
/// and the distributions of the cells that are shown.
#[derive(Clone, Debug)]
pub struct Results {
    pub summary: Summary,
    pub breakdown: Vec<BreakdownRow>,
    pub distribution: Vec<DistributionRow>,
    pub trend: Vec<TrendPoint>,
    pub answers: Answers,
    /// Waves within each phase, phases within each wave, the latest check-in against the one
    /// before: Holm-corrected together.
    pub comparisons: Vec<Comparison>,
    /// The (wave, question) groups and (wave, week) check-ins hidden as too small.
    pub hidden_questions: Vec<(String, String)>,
    pub hidden_weeks: Vec<(String, i32)>,
    /// What was hidden across the summary, the questions and the check-ins.
    pub suppression: Suppression,
}

/// The results with the default minimum group size.
pub fn analyse(dataset: &Dataset, filter: &Filter) -> PolarsResult<Results> {
    analyse_with(dataset, filter, DEFAULT_MIN_N)
}

/// The results with groups below `min_n` answers hidden (1 hides nothing): every part from
/// one filtered [`Scope`], as the window's worker computes them.
pub fn analyse_with(dataset: &Dataset, filter: &Filter, min_n: u64) -> PolarsResult<Results> {
    let scope = Scope::new(dataset, filter)?;
    let mut partial = Partial::default();
    for part in Part::ALL {
        partial.compute(&scope, min_n, part);
    }
    match partial.results() {
        Some(Ok(results)) => Ok(results),
        Some(Err(error)) => Err(PolarsError::ComputeError(error.into())),
        None => Err(PolarsError::ComputeError("a part of the results is missing".into())),
    }
}
