//! Who has not answered: every municipality by check-in week, answered, not answered, or not
//! expected yet. The municipalities and their waves come from the rollout plan, or else from
//! the municipalities seen in the data (then no one who never answered can be missed, and the
//! view says so). A week is expected once it has begun by the latest answer's date (with the
//! plan's start dates), else once any municipality of the wave has answered in it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use polars::prelude::*;
use serde::Serialize;

use crate::dataset::{Dataset, NamesById, col_names, danish_sort_key};
use crate::dates::{date_from_days, days_since_epoch};
use crate::plan::Plan;

/// The rollout's five check-in weeks.
pub const WEEKS: [i32; 5] = [1, 2, 3, 4, 5];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Answered,
    Missing,
    NotYet,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageRow {
    pub municipality: String,
    pub wave: String,
    /// One per week of [`WEEKS`].
    pub weeks: Vec<Status>,
}

impl CoverageRow {
    pub fn answered(&self) -> usize {
        self.weeks.iter().filter(|s| **s == Status::Answered).count()
    }

    pub fn expected(&self) -> usize {
        self.weeks.iter().filter(|s| **s != Status::NotYet).count()
    }
}

/// Counts for one wave, or one wave's week.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    pub answered: usize,
    pub expected: usize,
}

impl Tally {
    /// The response rate, 0-1; None when nothing was expected yet.
    pub fn rate(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.answered as f64 / self.expected as f64)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Coverage {
    /// True when the municipalities come from the rollout plan, false when only those seen
    /// in the data are known.
    pub from_plan: bool,
    /// The latest answer's date: weeks after it are not expected yet.
    pub as_of: Option<NaiveDate>,
    pub rows: Vec<CoverageRow>,
    /// Per wave, in the data's time order (then the plan's).
    pub waves: Vec<(String, Tally)>,
    /// Per wave and week of [`WEEKS`].
    pub weeks: Vec<(String, Vec<Tally>)>,
}

impl Coverage {
    pub fn wave(&self, wave: &str) -> Option<&Tally> {
        self.waves.iter().find(|(w, _)| w == wave).map(|(_, t)| t)
    }
}

pub fn coverage(dataset: &Dataset, plan: Option<&Plan>) -> PolarsResult<Coverage> {
    let seen = Seen::of(dataset)?;
    let planned = plan.filter(|p| !p.municipalities.is_empty());
    let expected: Vec<(String, String)> = match planned {
        Some(plan) => plan.municipalities.clone(),
        None => seen.wave_of.clone().into_iter().collect(),
    };
    let mut rows: Vec<CoverageRow> = expected
        .into_iter()
        .map(|(municipality, wave)| {
            let weeks = WEEKS
                .iter()
                .map(|&week| seen.status(plan, &municipality, &wave, week))
                .collect();
            CoverageRow {
                municipality,
                wave,
                weeks,
            }
        })
        .collect();
    let mut order: Vec<String> = dataset.waves.clone();
    for row in &rows {
        if !order.contains(&row.wave) {
            order.push(row.wave.clone());
        }
    }
    let position = |wave: &str| order.iter().position(|w| w == wave).unwrap_or(usize::MAX);
    rows.sort_by_key(|r| (position(&r.wave), danish_sort_key(&r.municipality)));
    let mut waves = Vec::new();
    let mut weeks = Vec::new();
    for wave in order.iter().filter(|w| rows.iter().any(|r| r.wave == **w)) {
        let of_wave: Vec<&CoverageRow> = rows.iter().filter(|r| r.wave == *wave).collect();
        waves.push((wave.clone(), wave_tally(&of_wave)));
        weeks.push((wave.clone(), week_tallies(&of_wave)));
    }
    Ok(Coverage {
        from_plan: planned.is_some(),
        as_of: seen.latest.and_then(date_from_days),
        rows,
        waves,
        weeks,
    })
}

/// What the answers show: who answered in which wave and week, each municipality's first
/// wave, each wave's latest week, the latest answer's day.
struct Seen {
    answered: BTreeSet<(String, String, i32)>,
    wave_of: BTreeMap<String, String>,
    top_week: BTreeMap<String, i32>,
    latest: Option<i32>,
}

impl Seen {
    fn of(dataset: &Dataset) -> PolarsResult<Seen> {
        let answers = &dataset.answers;
        let municipalities = answers.column(col_names::MUNICIPALITY)?.u32()?;
        let waves = answers.column(col_names::WAVE)?.u32()?;
        let weeks = answers.column(col_names::WEEK)?.i32()?;
        let dates = answers.column(col_names::DATE)?.i32()?;
        // Municipality × wave × week with the latest date, in the order first answered (so a
        // municipality's first wave is the one it answered first).
        let mut last: HashMap<(Option<u32>, Option<u32>, i32), Option<i32>> = HashMap::new();
        let mut order = Vec::new();
        let rows = municipalities
            .iter()
            .zip(waves.iter())
            .zip(weeks.iter())
            .zip(dates.iter());
        for (((municipality, wave), week), date) in rows {
            let Some(week) = week else { continue };
            let key = (municipality, wave, week);
            let latest = last.entry(key).or_insert_with(|| {
                order.push(key);
                date
            });
            *latest = (*latest).max(date);
        }
        let name = |names: &[String], id: Option<u32>| id.map_or("", |id| NamesById::name(names, id)).to_string();
        let names = &dataset.names_by_id;
        let mut seen = Seen {
            answered: BTreeSet::new(),
            wave_of: BTreeMap::new(),
            top_week: BTreeMap::new(),
            latest: None,
        };
        for key @ (municipality, wave, week) in order {
            seen.latest = seen.latest.max(last.get(&key).copied().flatten());
            let (municipality, wave) = (name(&names.municipalities, municipality), name(&names.waves, wave));
            if municipality.is_empty() {
                continue;
            }
            let top = seen.top_week.entry(wave.clone()).or_insert(week);
            *top = (*top).max(week);
            seen.wave_of.entry(municipality.clone()).or_insert_with(|| wave.clone());
            seen.answered.insert((municipality, wave, week));
        }
        Ok(seen)
    }

    /// A week has begun by the latest answer's date (with the plan's start of the wave), else
    /// once any municipality of the wave has answered in it or later.
    fn begun(&self, plan: Option<&Plan>, wave: &str, week: i32) -> bool {
        match (plan.and_then(|p| p.start_of(wave)), self.latest) {
            (Some(start), Some(latest)) => days_since_epoch(start) + 7 * (week - 1) <= latest,
            _ => self.top_week.get(wave).is_some_and(|top| week <= *top),
        }
    }

    fn status(&self, plan: Option<&Plan>, municipality: &str, wave: &str, week: i32) -> Status {
        if self
            .answered
            .contains(&(municipality.to_string(), wave.to_string(), week))
        {
            Status::Answered
        } else if self.begun(plan, wave, week) {
            Status::Missing
        } else {
            Status::NotYet
        }
    }
}

/// A wave's tally: its municipalities' weeks answered and expected.
fn wave_tally(of_wave: &[&CoverageRow]) -> Tally {
    Tally {
        answered: of_wave.iter().map(|r| r.answered()).sum(),
        expected: of_wave.iter().map(|r| r.expected()).sum(),
    }
}

/// A wave's tally per week of [`WEEKS`].
fn week_tallies(of_wave: &[&CoverageRow]) -> Vec<Tally> {
    (0..WEEKS.len())
        .map(|i| Tally {
            answered: of_wave
                .iter()
                .filter(|r| r.weeks.get(i) == Some(&Status::Answered))
                .count(),
            expected: of_wave
                .iter()
                .filter(|r| r.weeks.get(i).is_some_and(|s| *s != Status::NotYet))
                .count(),
        })
        .collect()
}
