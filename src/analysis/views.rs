//! The data behind the other views: per question, the spread of answers, the trend over the
//! check-ins, and the mean by any categorical column.

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::keys::{self, Keys};
use super::stats::{Moments, moments_exprs, read_keys, read_moments, read_stats, stats_exprs};
use super::{Filter, Scope, Stats, filtered};
use crate::dataset::{Dataset, Names, category_column, col_names};
use crate::dates::date_from_days;

/// Mean per wave × question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakdownRow {
    pub wave: String,
    pub question: String,
    pub stats: Stats,
}

pub fn question_breakdown(dataset: &Dataset, filter: &Filter) -> PolarsResult<Vec<BreakdownRow>> {
    Ok(questions_of(&Scope::new(dataset, filter)?)?.0)
}

/// The breakdown per wave × question and its distribution, from one group-by by wave ×
/// question × point: a group's moments add up over its points.
pub fn questions_of(scope: &Scope) -> PolarsResult<(Vec<BreakdownRow>, Vec<DistributionRow>)> {
    let dataset = scope.dataset();
    // Casting a positive float to an integer truncates: +0.5 first rounds half points up. A
    // point off the scale (none pass the import) is kept apart as 6 and counted nowhere.
    let rounded = (col(col_names::SCORE) + lit(0.5)).cast(DataType::Int32);
    let point = when(rounded.clone().is_null())
        .then(lit(NULL).cast(DataType::Int32))
        .when(rounded.clone().gt_eq(lit(1)).and(rounded.clone().lt_eq(lit(5))))
        .then(rounded)
        .otherwise(lit(6))
        .alias("point");
    let keys = Keys::new(&[
        (col_names::WAVE, id_part(&dataset.names.waves)),
        (col_names::QUESTION, id_part(&dataset.names.questions)),
        ("point", keys::Part::Int { min: 1, max: 6 }),
    ]);
    let mut aggregations = moments_exprs().to_vec();
    aggregations.push(len().cast(DataType::Float64).alias("rows"));
    let frame = scope
        .lazy()
        .with_column(point)
        .group_by(keys.exprs())
        .agg(aggregations)
        .collect()?;
    let groups = keys.read(&frame)?;
    let moments = read_moments(&frame)?;
    let rows = frame.column("rows")?.f64()?;
    let mut breakdown: Vec<(u32, u32, Moments)> = Vec::new();
    let mut distribution: Vec<(u32, u32, [u64; 5], u64)> = Vec::new();
    for (i, (group, moments)) in groups.iter().zip(moments).enumerate() {
        let (wave, question) = (keys::id(group.first()), keys::id(group.get(1)));
        match breakdown.iter_mut().find(|(w, q, _)| (*w, *q) == (wave, question)) {
            Some((_, _, sum)) => *sum = *sum + moments,
            None => breakdown.push((wave, question, moments)),
        }
        let index = match distribution.iter().position(|(w, q, _, _)| (*w, *q) == (wave, question)) {
            Some(index) => index,
            None => {
                distribution.push((wave, question, [0; 5], 0));
                distribution.len() - 1
            }
        };
        let Some((_, _, counts, dont_know)) = distribution.get_mut(index) else { continue };
        let count = rows.get(i).unwrap_or(0.0) as u64;
        match keys::int(group.get(2)) {
            // A null point is an answer without a score: "don't know".
            None => *dont_know += count,
            Some(point) => {
                if let Some(slot) = usize::try_from(point - 1).ok().and_then(|p| counts.get_mut(p)) {
                    *slot += count;
                }
            }
        }
    }
    let names = &dataset.names;
    let name = |list: &[String], id: u32| Names::name(list, id).to_string();
    let mut breakdown: Vec<BreakdownRow> = breakdown
        .into_iter()
        .map(|(wave, question, moments)| BreakdownRow {
            wave: name(&names.waves, wave),
            question: name(&names.questions, question),
            stats: moments.stats(),
        })
        .collect();
    let mut distribution: Vec<DistributionRow> = distribution
        .into_iter()
        .map(|(wave, question, counts, dont_know)| DistributionRow {
            wave: name(&names.waves, wave),
            question: name(&names.questions, question),
            counts,
            dont_know,
        })
        .collect();
    let order = |wave: &str, question: &str| {
        (
            position(&dataset.waves, wave),
            position(&dataset.questions, question),
        )
    };
    breakdown.sort_by_key(|row| order(&row.wave, &row.question));
    distribution.sort_by_key(|row| order(&row.wave, &row.question));
    Ok((breakdown, distribution))
}

/// A key part for an id column with these names.
fn id_part(names: &[String]) -> keys::Part {
    keys::Part::Id {
        size: names.len() as u64,
    }
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
    Ok(questions_of(&Scope::new(dataset, filter)?)?.1)
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
    trend_of(&Scope::new(dataset, filter)?)
}

/// The check-ins of a filter state: one group-by by wave × check-in × date; a check-in's
/// moments add up over its dates, and the middle of its dates is read from their counts.
pub fn trend_of(scope: &Scope) -> PolarsResult<Vec<TrendPoint>> {
    let dataset = scope.dataset();
    let has_weeks = dataset
        .answers
        .column(col_names::WEEK)
        .map(|c| c.null_count() < c.len())
        .unwrap_or(false);
    let (key, range) = if has_weeks {
        (col_names::WEEK, scope.weeks)
    } else {
        (col_names::DATE, scope.dates)
    };
    let Some((min, max)) = range else {
        return Ok(Vec::new());
    };
    let wave = (col_names::WAVE, id_part(&dataset.names.waves));
    let date = (col_names::DATE, date_part(scope));
    let columns = if has_weeks {
        vec![wave, (key, keys::Part::Int { min, max }), date]
    } else {
        vec![wave, date]
    };
    let keys = Keys::new(&columns);
    let mut aggregations = moments_exprs().to_vec();
    aggregations.push(len().cast(DataType::Float64).alias("rows"));
    let frame = scope
        .lazy()
        .filter(col(key).is_not_null())
        .group_by(keys.exprs())
        .agg(aggregations)
        .collect()?;
    let groups = keys.read(&frame)?;
    let moments = read_moments(&frame)?;
    let rows = frame.column("rows")?.f64()?;
    // Per check-in: its moments, and its dates with how many answers each.
    let mut check_ins: Vec<(u32, i32, Moments, Vec<(i32, u64)>)> = Vec::new();
    for (i, (group, moments)) in groups.iter().zip(moments).enumerate() {
        let wave = keys::id(group.first());
        let day = keys::int(group.last());
        let Some(at) = (if has_weeks { keys::int(group.get(1)) } else { day }) else {
            continue;
        };
        let index = match check_ins.iter().position(|(w, k, _, _)| (*w, *k) == (wave, at)) {
            Some(index) => index,
            None => {
                check_ins.push((wave, at, Moments::default(), Vec::new()));
                check_ins.len() - 1
            }
        };
        let Some((_, _, sum, days)) = check_ins.get_mut(index) else { continue };
        *sum = *sum + moments;
        if let Some(day) = day {
            days.push((day, rows.get(i).unwrap_or(0.0) as u64));
        }
    }
    let mut points: Vec<TrendPoint> = check_ins
        .into_iter()
        .map(|(wave, at, moments, mut days)| TrendPoint {
            wave: Names::name(&dataset.names.waves, wave).to_string(),
            week: has_weeks.then_some(at),
            date: middle_day(&mut days).and_then(|d| date_from_days(d.round() as i32)),
            stats: moments.stats(),
        })
        .collect();
    points.sort_by_key(|p| (position(&dataset.waves, &p.wave), p.date, p.week));
    Ok(points)
}

/// The dates of a filter state as a key part (none: every date null).
fn date_part(scope: &Scope) -> keys::Part {
    let (min, max) = scope.dates.unwrap_or((0, 0));
    keys::Part::Int { min, max }
}

/// The median of days given with their counts, as polars' median: the middle one, or halfway
/// between the two middle ones.
fn middle_day(days: &mut [(i32, u64)]) -> Option<f64> {
    days.sort_unstable();
    let total: u64 = days.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    // The day at a 0-based rank among all answers' days.
    let at = |rank: u64| {
        let mut seen = 0;
        days.iter()
            .find(|(_, n)| {
                seen += n;
                seen > rank
            })
            .map(|(day, _)| f64::from(*day))
    };
    let (low, high) = (at((total - 1) / 2)?, at(total / 2)?);
    Some((low + high) / 2.0)
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
