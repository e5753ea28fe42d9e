//! The numbers: polars lazy queries over [`Dataset::answers`], one per view, each taking the
//! same [`Filter`]. Queries group and aggregate; Rust only puts the few result rows in order.

pub mod compare;
pub mod coverage;
pub mod inference;
mod samples;
mod stats;
mod summary;
pub mod suppress;
pub mod verdict;
mod views;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

pub use compare::{Comparison, Kind as ComparisonKind, comparisons};
pub use samples::{Answers, Spread, answers};
pub use stats::{SCALE, Stats, t_quantile_975};
pub use summary::{Cell, Summary, Total, WaveRow, summary};
pub use suppress::{DEFAULT_MIN_N, Suppression};
pub use views::{
    BreakdownRow, CrossTab, CrossTabRow, DistributionRow, GroupBy, TrendPoint, answers_per_municipality, crosstab,
    distribution, question_breakdown, trend,
};

use crate::dataset::{Dataset, Names, col_names};
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

    fn expr(&self, names: &Names) -> Expr {
        let mut expr = lit(true);
        for (column, values, known) in [
            (col_names::WAVE, &self.waves, &names.waves),
            (col_names::PHASE, &self.phases, &names.phases),
            (col_names::QUESTION, &self.questions, &names.questions),
            (col_names::MUNICIPALITY, &self.municipalities, &names.municipalities),
        ] {
            if values.is_empty() {
                continue;
            }
            // A name that no answer has matches nothing.
            let any_of = values
                .iter()
                .filter_map(|v| Names::id(known, v))
                .map(|id| col(column).eq(lit(id)))
                .reduce(|a, b| a.or(b))
                .unwrap_or(lit(false));
            expr = expr.and(any_of);
        }
        if let Some(from) = self.date_from {
            expr = expr.and(col(col_names::DATE).gt_eq(lit(days_since_epoch(from))));
        }
        if let Some(to) = self.date_to {
            expr = expr.and(col(col_names::DATE).lt_eq(lit(days_since_epoch(to))));
        }
        expr
    }
}

/// The dataset's answers that pass the filter, as a lazy query to build on.
fn filtered(dataset: &Dataset, filter: &Filter) -> LazyFrame {
    let frame = dataset.answers.clone().lazy();
    if filter.is_empty() {
        frame
    } else {
        frame.filter(filter.expr(&dataset.names))
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

/// The results with groups below `min_n` answers hidden (1 hides nothing).
pub fn analyse_with(dataset: &Dataset, filter: &Filter, min_n: u64) -> PolarsResult<Results> {
    let (summary, mut note) = suppress::protect_summary(&summary(dataset, filter)?, min_n);
    let (breakdown, hidden_questions, questions_note) =
        suppress::protect_breakdown(&question_breakdown(dataset, filter)?, min_n);
    let distribution = suppress::protect_distribution(&distribution(dataset, filter)?, &hidden_questions);
    let (trend, hidden_weeks, trend_note) = suppress::protect_trend(&trend(dataset, filter)?, min_n);
    let answers = answers(dataset, filter)?;
    let comparisons = comparisons(&summary, &answers, &hidden_weeks, min_n);
    note.primary += questions_note.primary + trend_note.primary;
    note.secondary += questions_note.secondary + trend_note.secondary;
    Ok(Results {
        summary,
        breakdown,
        distribution,
        trend,
        answers,
        comparisons,
        hidden_questions,
        hidden_weeks,
        suppression: note,
    })
}
