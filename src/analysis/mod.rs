//! The numbers: polars lazy queries over [`Dataset::answers`], one per view, each taking the
//! same [`Filter`]. Queries group and aggregate; Rust only puts the few result rows in order.

pub mod inference;
mod stats;
mod summary;
mod views;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

pub use stats::{Stats, t_quantile_975};
pub use summary::{Cell, Summary, Total, WaveRow, summary};
pub use views::{
    BreakdownRow, CrossTab, CrossTabRow, DistributionRow, GroupBy, TrendPoint, crosstab, distribution,
    question_breakdown, trend,
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
/// change of filter costs one pass and a redraw costs nothing.
#[derive(Clone, Debug)]
pub struct Results {
    pub summary: Summary,
    pub breakdown: Vec<BreakdownRow>,
    pub distribution: Vec<DistributionRow>,
    pub trend: Vec<TrendPoint>,
}

pub fn analyse(dataset: &Dataset, filter: &Filter) -> PolarsResult<Results> {
    Ok(Results {
        summary: summary(dataset, filter)?,
        breakdown: question_breakdown(dataset, filter)?,
        distribution: distribution(dataset, filter)?,
        trend: trend(dataset, filter)?,
    })
}
