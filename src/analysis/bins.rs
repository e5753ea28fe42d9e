//! Every view but the summary from one group-by: the answers of a filter state counted by
//! wave × phase × week × question × date × "don't know" (one packed key, see [`keys`]) and
//! score. A few thousand counts at most; the per-question means, the distribution, the
//! check-ins and the binned answers the tests rank are sums over them. Four queries over a
//! million answers were three times the time of this one (issue 13).

use std::collections::BTreeMap;

use polars::prelude::PolarsResult;

use super::keys::{self, Keys};
use super::samples::{Answers, Bin};
use super::stats::Moments;
use super::views::{BreakdownRow, DistributionRow, TrendPoint, position};
use super::{Scope, counts};
use crate::dataset::{Dataset, NamesById, col_names};
use crate::dates::date_from_days;

/// Answers sharing every key and the score.
#[derive(Clone, Copy, Debug)]
struct Count {
    wave: u32,
    phase: u32,
    week: Option<i32>,
    question: u32,
    date: Option<i32>,
    dont_know: bool,
    score: Option<f64>,
    count: u64,
}

impl Count {
    fn moments(&self) -> Moments {
        Moments::of_answers(self.score, self.dont_know, self.count)
    }
}

/// The counts of one filter state.
pub struct Bins<'a> {
    dataset: &'a Dataset,
    counts: Vec<Count>,
}

pub fn bins_of<'a>(scope: &Scope<'a>) -> PolarsResult<Bins<'a>> {
    let dataset = scope.dataset();
    let id = |names: &[String]| keys::Part::Id {
        size: names.len() as u64,
    };
    let int = |range: Option<(i32, i32)>| {
        let (min, max) = range.unwrap_or((0, 0));
        keys::Part::Int { min, max }
    };
    let names = &dataset.names_by_id;
    let keys = Keys::new(&[
        (col_names::WAVE, id(&names.waves)),
        (col_names::PHASE, id(&names.phases)),
        (col_names::WEEK, int(scope.weeks)),
        (col_names::QUESTION, id(&names.questions)),
        (col_names::DATE, int(scope.dates)),
        (col_names::DONT_KNOW, keys::Part::Id { size: 2 }),
    ]);
    let counts = counts::count(scope.frame(), &keys)?
        .into_iter()
        .map(|counted| Count {
            wave: keys::id(counted.key.first()),
            phase: keys::id(counted.key.get(1)),
            week: keys::int(counted.key.get(2)),
            question: keys::id(counted.key.get(3)),
            date: keys::int(counted.key.get(4)),
            dont_know: counted.is_set(5),
            score: counted.score,
            count: counted.count,
        })
        .filter(|c| c.count > 0)
        .collect();
    Ok(Bins { dataset, counts })
}

impl Bins<'_> {
    fn name(list: &[String], id: u32) -> &str {
        NamesById::name(list, id)
    }

    /// Mean per wave × question, in wave and question order.
    pub fn breakdown(&self) -> Vec<BreakdownRow> {
        let mut groups: BTreeMap<(u32, u32), Moments> = BTreeMap::new();
        for count in &self.counts {
            let sum = groups.entry((count.wave, count.question)).or_default();
            *sum = *sum + count.moments();
        }
        let names = &self.dataset.names_by_id;
        let mut rows: Vec<BreakdownRow> = groups
            .into_iter()
            .map(|((wave, question), moments)| BreakdownRow {
                wave: Self::name(&names.waves, wave).to_string(),
                question: Self::name(&names.questions, question).to_string(),
                stats: moments.stats(),
            })
            .collect();
        rows.sort_by_key(|row| self.order(&row.wave, &row.question));
        rows
    }

    /// Answers 1-5 and "don't know" per wave × question; half points count with the whole
    /// point above (3,5 as 4), an answer without a score as "don't know".
    pub fn distribution(&self) -> Vec<DistributionRow> {
        let mut groups: BTreeMap<(u32, u32), ([u64; 5], u64)> = BTreeMap::new();
        for count in &self.counts {
            let (points, dont_know) = groups.entry((count.wave, count.question)).or_default();
            match count.score {
                None => *dont_know += count.count,
                Some(score) => {
                    // As the cast of score + 0.5 to an integer: truncated.
                    let point = (score + 0.5).trunc() as i64;
                    if let Some(slot) = usize::try_from(point - 1).ok().and_then(|p| points.get_mut(p)) {
                        *slot += count.count;
                    }
                }
            }
        }
        let names = &self.dataset.names_by_id;
        let mut rows: Vec<DistributionRow> = groups
            .into_iter()
            .map(|((wave, question), (counts, dont_know))| DistributionRow {
                wave: Self::name(&names.waves, wave).to_string(),
                question: Self::name(&names.questions, question).to_string(),
                counts,
                dont_know,
            })
            .collect();
        rows.sort_by_key(|row| self.order(&row.wave, &row.question));
        rows
    }

    /// The mean at each check-in: a week of a wave, or a day where the data has no weeks;
    /// placed at the median of its answers' dates.
    pub fn trend(&self) -> Vec<TrendPoint> {
        let has_weeks = self
            .dataset
            .answers
            .column(col_names::WEEK)
            .map(|c| c.null_count() < c.len())
            // Every dataset has the column (the builder makes it); without it there are no weeks.
            .unwrap_or(false);
        let mut groups: BTreeMap<(u32, i32), (Moments, BTreeMap<i32, u64>)> = BTreeMap::new();
        for count in &self.counts {
            let at = if has_weeks { count.week } else { count.date };
            let Some(at) = at else { continue };
            let (sum, days) = groups.entry((count.wave, at)).or_default();
            *sum = *sum + count.moments();
            if let Some(day) = count.date {
                *days.entry(day).or_default() += count.count;
            }
        }
        let mut points: Vec<TrendPoint> = groups
            .into_iter()
            .map(|((wave, at), (moments, days))| TrendPoint {
                wave: Self::name(&self.dataset.names_by_id.waves, wave).to_string(),
                week: has_weeks.then_some(at),
                date: middle_day(&days).and_then(|d| date_from_days(d.round() as i32)),
                stats: moments.stats(),
            })
            .collect();
        points.sort_by_key(|p| (position(&self.dataset.waves, &p.wave), p.date, p.week));
        points
    }

    /// The answers by wave × phase × week × score, for the tests and the cells' spreads.
    pub fn answers(&self) -> Answers {
        let mut groups: BTreeMap<(u32, u32, Option<i32>, Option<u64>), u64> = BTreeMap::new();
        for count in &self.counts {
            let key = (count.wave, count.phase, count.week, count.score.map(f64::to_bits));
            *groups.entry(key).or_default() += count.count;
        }
        let names = &self.dataset.names_by_id;
        let bins = groups
            .into_iter()
            .map(|((wave, phase, week, score), count)| Bin {
                wave: Self::name(&names.waves, wave).to_string(),
                phase: Self::name(&names.phases, phase).to_string(),
                week,
                score: score.map(f64::from_bits),
                count,
            })
            .collect();
        Answers { bins }
    }

    fn order(&self, wave: &str, question: &str) -> (usize, usize) {
        (
            position(&self.dataset.waves, wave),
            position(&self.dataset.questions, question),
        )
    }
}

/// The median of days given with their counts, as polars' median: the middle one, or halfway
/// between the two middle ones.
fn middle_day(days: &BTreeMap<i32, u64>) -> Option<f64> {
    let total: u64 = days.values().sum();
    if total == 0 {
        return None;
    }
    // The day at a 0-based rank among all answers' days.
    let at = |rank: u64| {
        let mut seen = 0;
        days.iter()
            .find(|(_, n)| {
                seen += **n;
                seen > rank
            })
            .map(|(day, _)| f64::from(*day))
    };
    Some((at((total - 1) / 2)? + at(total / 2)?) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::middle_day;
    use std::collections::BTreeMap;

    #[test]
    fn the_middle_day_is_the_median_of_every_answers_day() {
        let days = |pairs: &[(i32, u64)]| pairs.iter().copied().collect::<BTreeMap<_, _>>();
        assert_eq!(middle_day(&days(&[(10, 1), (12, 1), (20, 1)])), Some(12.0));
        assert_eq!(middle_day(&days(&[(10, 2), (13, 2)])), Some(11.5));
        assert_eq!(middle_day(&days(&[(10, 1), (13, 5)])), Some(13.0));
        assert_eq!(middle_day(&days(&[])), None);
    }
}
