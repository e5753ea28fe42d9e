//! The data behind the other views: per question, the spread of answers, the trend over the
//! check-ins, and the mean by any categorical column.

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::stats::{read_keys, read_stats, stats_exprs};
use super::{Filter, Stats, filtered};
use crate::dataset::{Dataset, category_column, col_names};
use crate::dates::date_from_days;

/// Mean per wave × question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakdownRow {
    pub wave: String,
    pub question: String,
    pub stats: Stats,
}

pub fn question_breakdown(dataset: &Dataset, filter: &Filter) -> PolarsResult<Vec<BreakdownRow>> {
    let frame = filtered(dataset, filter)
        .group_by([col(col_names::WAVE), col(col_names::QUESTION)])
        .agg(stats_exprs())
        .collect()?;
    let waves = read_keys(&frame, col_names::WAVE, &dataset.names.waves)?;
    let questions = read_keys(&frame, col_names::QUESTION, &dataset.names.questions)?;
    let stats = read_stats(&frame)?;
    let mut rows: Vec<BreakdownRow> = waves
        .into_iter()
        .zip(questions)
        .zip(stats)
        .map(|((wave, question), stats)| BreakdownRow { wave, question, stats })
        .collect();
    rows.sort_by_key(|row| {
        (
            position(&dataset.waves, &row.wave),
            position(&dataset.questions, &row.question),
        )
    });
    Ok(rows)
}

/// How many answered 1, 2, 3, 4, 5 and "don't know", per wave × question. Half points count
/// with the nearest whole point above (3,5 as 4), as a bar of five segments needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DistributionRow {
    pub wave: String,
    pub question: String,
    /// Answers scored 1..=5.
    pub counts: [u64; 5],
    pub dont_know: u64,
}

impl DistributionRow {
    pub fn answered(&self) -> u64 {
        self.counts.iter().sum()
    }
}

pub fn distribution(dataset: &Dataset, filter: &Filter) -> PolarsResult<Vec<DistributionRow>> {
    // Casting a positive float to an integer truncates: +0.5 first rounds half points up.
    let point = (col(col_names::SCORE) + lit(0.5)).cast(DataType::Int32).alias("point");
    let frame = filtered(dataset, filter)
        .with_column(point)
        .group_by([col(col_names::WAVE), col(col_names::QUESTION), col("point")])
        .agg([len().cast(DataType::Float64).alias("count")])
        .collect()?;
    let waves = read_keys(&frame, col_names::WAVE, &dataset.names.waves)?;
    let questions = read_keys(&frame, col_names::QUESTION, &dataset.names.questions)?;
    let points = frame.column("point")?.i32()?;
    let counts = frame.column("count")?.f64()?;
    let mut rows: Vec<DistributionRow> = Vec::new();
    for (i, (wave, question)) in waves.into_iter().zip(questions).enumerate() {
        let count = counts.get(i).unwrap_or(0.0) as u64;
        let index = match rows.iter().position(|r| r.wave == wave && r.question == question) {
            Some(index) => index,
            None => {
                rows.push(DistributionRow {
                    wave,
                    question,
                    counts: [0; 5],
                    dont_know: 0,
                });
                rows.len() - 1
            }
        };
        let Some(row) = rows.get_mut(index) else { continue };
        match points.get(i) {
            // A null point is an answer without a score: "don't know".
            None => row.dont_know += count,
            Some(point) => {
                if let Some(slot) = usize::try_from(point - 1).ok().and_then(|p| row.counts.get_mut(p)) {
                    *slot += count;
                }
            }
        }
    }
    rows.sort_by_key(|row| {
        (
            position(&dataset.waves, &row.wave),
            position(&dataset.questions, &row.question),
        )
    });
    Ok(rows)
}

/// The mean at one check-in (a week of a wave, or a day where the file has no weeks).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendPoint {
    pub wave: String,
    pub week: Option<i32>,
    /// The middle of the answers' dates (None without dates): where the point sits in time.
    pub date: Option<NaiveDate>,
    pub stats: Stats,
}

pub fn trend(dataset: &Dataset, filter: &Filter) -> PolarsResult<Vec<TrendPoint>> {
    let has_weeks = dataset
        .answers
        .column(col_names::WEEK)
        .map(|c| c.null_count() < c.len())
        .unwrap_or(false);
    let key = if has_weeks { col_names::WEEK } else { col_names::DATE };
    let mut aggregations = stats_exprs().to_vec();
    aggregations.push(
        col(col_names::DATE)
            .cast(DataType::Float64)
            .median()
            .alias("middle_date"),
    );
    let frame = filtered(dataset, filter)
        .filter(col(key).is_not_null())
        .group_by([col(col_names::WAVE), col(key)])
        .agg(aggregations)
        .collect()?;
    let waves = read_keys(&frame, col_names::WAVE, &dataset.names.waves)?;
    let keys = frame.column(key)?.i32()?;
    let dates = frame.column("middle_date")?.f64()?;
    let stats = read_stats(&frame)?;
    let mut points: Vec<TrendPoint> = waves
        .into_iter()
        .zip(stats)
        .enumerate()
        .map(|(i, (wave, stats))| {
            let date = dates.get(i).and_then(|d| date_from_days(d.round() as i32));
            let week = if has_weeks { keys.get(i) } else { None };
            TrendPoint {
                wave,
                week,
                date,
                stats,
            }
        })
        .collect();
    points.sort_by_key(|p| (position(&dataset.waves, &p.wave), p.date, p.week));
    Ok(points)
}

/// A column to break the mean down by.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupBy {
    Wave,
    Phase,
    Question,
    Municipality,
    /// One of the dataset's extra columns, by header.
    Category(String),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrossTabRow {
    pub value: String,
    pub stats: Stats,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrossTab {
    pub by: GroupBy,
    pub rows: Vec<CrossTabRow>,
    pub total: Stats,
    /// Values hidden as too small (or so a small one cannot be worked out from the total).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<String>,
}

/// Mean score and n by the values of one column, in the column's natural order.
pub fn crosstab(dataset: &Dataset, filter: &Filter, by: &GroupBy) -> PolarsResult<CrossTab> {
    let all = &dataset.names;
    let (column, order, names) = match by {
        GroupBy::Wave => (col_names::WAVE.to_string(), dataset.waves.clone(), &all.waves),
        GroupBy::Phase => (col_names::PHASE.to_string(), dataset.phases.clone(), &all.phases),
        GroupBy::Question => (
            col_names::QUESTION.to_string(),
            dataset.questions.clone(),
            &all.questions,
        ),
        GroupBy::Municipality => (
            col_names::MUNICIPALITY.to_string(),
            dataset.municipalities.clone(),
            &all.municipalities,
        ),
        GroupBy::Category(header) => {
            let index = dataset
                .categories
                .iter()
                .position(|c| c == header)
                .ok_or_else(|| PolarsError::ColumnNotFound(format!("no column «{header}» in the data").into()))?;
            (
                category_column(index),
                dataset.category_values(index),
                &all.category_values,
            )
        }
    };
    let answers = filtered(dataset, filter);
    let frame = answers
        .clone()
        .filter(col(column.as_str()).is_not_null())
        .group_by([col(column.as_str())])
        .agg(stats_exprs())
        .collect()?;
    let total = read_stats(&answers.select(stats_exprs()).collect()?)?
        .first()
        .copied()
        .unwrap_or_default();
    let values = read_keys(&frame, &column, names)?;
    let stats = read_stats(&frame)?;
    let mut rows: Vec<CrossTabRow> = values
        .into_iter()
        .zip(stats)
        .map(|(value, stats)| CrossTabRow { value, stats })
        .collect();
    rows.sort_by_key(|row| position(&order, &row.value));
    Ok(CrossTab {
        by: by.clone(),
        rows,
        total,
        hidden: Vec::new(),
    })
}

/// Scored answers per municipality in the whole data set (for hiding small groups' comments).
pub fn answers_per_municipality(dataset: &Dataset) -> std::collections::HashMap<String, u64> {
    let counted = dataset
        .answers
        .clone()
        .lazy()
        .group_by([col(col_names::MUNICIPALITY)])
        .agg([col(col_names::SCORE).count().cast(DataType::Float64).alias("n")])
        .collect();
    let Ok(frame) = counted else {
        return std::collections::HashMap::new();
    };
    let (Ok(names), Ok(n)) = (
        read_keys(&frame, col_names::MUNICIPALITY, &dataset.names.municipalities),
        frame.column("n").and_then(|c| c.f64().cloned()),
    ) else {
        return std::collections::HashMap::new();
    };
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| (name, n.get(i).unwrap_or(0.0) as u64))
        .collect()
}

/// Where a value stands in an ordered list; unknown values go last.
fn position(order: &[String], value: &str) -> usize {
    order.iter().position(|v| v == value).unwrap_or(usize::MAX)
}
