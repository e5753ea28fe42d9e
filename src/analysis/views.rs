//! The data behind the other views: per question, the spread of answers, the trend over the
//! check-ins, and the mean by any categorical column.

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use super::bins::bins_of;
use std::collections::BTreeMap;

use super::keys::{Keys, Part};
use super::stats::Moments;
use super::{Filter, Scope, Stats, counts, filtered};
use crate::dataset::{Dataset, NamesById, category_column, col_names};

/// Mean per wave × question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakdownRow {
    pub wave: String,
    pub question: String,
    pub stats: Stats,
}

pub fn question_breakdown(dataset: &Dataset, filter: &Filter) -> PolarsResult<Vec<BreakdownRow>> {
    Ok(bins_of(&Scope::new(dataset, filter)?)?.breakdown())
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
    Ok(bins_of(&Scope::new(dataset, filter)?)?.distribution())
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
    Ok(bins_of(&Scope::new(dataset, filter)?)?.trend())
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
    /// For a breakdown by phase or question, which the overview also shows per wave: each
    /// row's scored answers per wave (value, wave, n), to hide a row that holds a group the
    /// overview hides.
    #[serde(skip)]
    pub by_wave: Vec<(String, String, u64)>,
}

/// Mean score and n by the values of one column, in the column's natural order.
pub fn crosstab(dataset: &Dataset, filter: &Filter, by: &GroupBy) -> PolarsResult<CrossTab> {
    let all = &dataset.names_by_id;
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
    // Phases and questions are shown per wave too (the overview, the questions): counted per
    // wave here as well, so that a group hidden there is not this row less the shown ones.
    let split_by_wave = matches!(by, GroupBy::Phase | GroupBy::Question);
    let mut columns = vec![column.as_str(), col_names::SCORE, col_names::DONT_KNOW];
    let mut parts = vec![
        (
            column.as_str(),
            Part::Id {
                size: names.len() as u64,
            },
        ),
        (col_names::DONT_KNOW, Part::Id { size: 2 }),
    ];
    if split_by_wave {
        columns.push(col_names::WAVE);
        parts.push((
            col_names::WAVE,
            Part::Id {
                size: all.waves.len() as u64,
            },
        ));
    }
    let answers = filtered(dataset, filter, &columns)?;
    let keys = Keys::new(&parts);
    // The same moments, and so the same mean and SD, as the overview's cells: both sum
    // counts of equal answers.
    let mut total = Moments::default();
    let mut groups: BTreeMap<u32, Moments> = BTreeMap::new();
    let mut by_wave: BTreeMap<(u32, u32), u64> = BTreeMap::new();
    let id_at = |key: &[Option<i64>], at: usize| key.get(at).copied().flatten().and_then(|id| u32::try_from(id).ok());
    for counted in counts::count(&answers, &keys)? {
        let moments = counted.moments(1);
        total = total + moments;
        // Answers without a value in the column count in the total only.
        if let Some(id) = id_at(&counted.key, 0) {
            let group = groups.entry(id).or_default();
            *group = *group + moments;
            if let Some(wave) = id_at(&counted.key, 2).filter(|_| split_by_wave) {
                *by_wave.entry((id, wave)).or_default() += moments.stats().n;
            }
        }
    }
    let by_wave = by_wave
        .into_iter()
        .map(|((id, wave), n)| {
            let value = NamesById::name(names, id).to_string();
            (value, NamesById::name(&all.waves, wave).to_string(), n)
        })
        .collect();
    let total = total.stats();
    let mut rows: Vec<CrossTabRow> = groups
        .into_iter()
        .map(|(id, moments)| CrossTabRow {
            value: NamesById::name(names, id).to_string(),
            stats: moments.stats(),
        })
        .collect();
    rows.sort_by_key(|row| position(&order, &row.value));
    Ok(CrossTab {
        by: by.clone(),
        rows,
        total,
        hidden: Vec::new(),
        by_wave,
    })
}

/// Scored answers per municipality in the whole data set (for hiding small groups' comments).
pub fn answers_per_municipality(dataset: &Dataset) -> std::collections::HashMap<String, u64> {
    let names = &dataset.names_by_id.municipalities;
    let keys = Keys::new(&[(
        col_names::MUNICIPALITY,
        Part::Id {
            size: names.len() as u64,
        },
    )]);
    let counted = dataset
        .answers
        .select([col_names::MUNICIPALITY, col_names::SCORE])
        .and_then(|answers| counts::count(&answers, &keys));
    // Without the counts no comment is hidden for being from a small municipality; the
    // comments view then says nothing of sizes, and every number elsewhere is unaffected.
    let Ok(counted) = counted else {
        return std::collections::HashMap::new();
    };
    let mut scored = std::collections::HashMap::new();
    for c in counted.into_iter().filter(|c| c.score.is_some()) {
        let name = match c.key.first().copied().flatten().and_then(|id| u32::try_from(id).ok()) {
            Some(id) => NamesById::name(names, id).to_string(),
            None => String::new(),
        };
        *scored.entry(name).or_insert(0) += c.count;
    }
    scored
}

/// Where a value stands in an ordered list; unknown values go last.
pub(super) fn position(order: &[String], value: &str) -> usize {
    order.iter().position(|v| v == value).unwrap_or(usize::MAX)
}
