//! The results of a filter state in parts, so the view on screen waits only for what it
//! shows: the summary (the overview's table and the bars: one small group-by) and the
//! details (the per-question table, the distribution, the trend, the binned answers and the
//! difference tests: one group-by, see [`bins`](super::bins)). Each part is computed from one
//! [`Scope`], with small groups already hidden; [`Partial`] collects them as they come.

use serde::{Deserialize, Serialize};

use super::bins::bins_of;
use super::compare::{Comparison, comparisons};
use super::samples::Answers;
use super::summary::{Summary, summary_of};
use super::suppress::{self, Suppression};
use super::views::{BreakdownRow, DistributionRow, TrendPoint};
use super::{Results, Scope};

/// A part of a filter state's results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    Summary,
    Details,
}

impl Part {
    pub const ALL: [Part; 2] = [Part::Summary, Part::Details];
}

/// A part's result; an error is kept as text, so it is shown once and not retried.
pub type Outcome<T> = Result<T, String>;

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryPart {
    pub summary: Summary,
    pub note: Suppression,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DetailsPart {
    pub breakdown: Vec<BreakdownRow>,
    pub distribution: Vec<DistributionRow>,
    /// The (wave, question) groups hidden as too small.
    pub hidden_questions: Vec<(String, String)>,
    pub trend: Vec<TrendPoint>,
    /// The (wave, week) check-ins hidden as too small.
    pub hidden_weeks: Vec<(String, i32)>,
    /// What was hidden among the questions and the check-ins.
    pub note: Suppression,
    pub answers: Answers,
    pub comparisons: Vec<Comparison>,
}

/// One part's result, as the worker sends it.
#[derive(Clone, Debug)]
pub enum Piece {
    Summary(Outcome<SummaryPart>),
    Details(Outcome<DetailsPart>),
}

impl Piece {
    pub fn part(&self) -> Part {
        match self {
            Piece::Summary(_) => Part::Summary,
            Piece::Details(_) => Part::Details,
        }
    }

    /// Every part failed the same way (the filter itself could not be applied).
    pub fn failed(part: Part, error: &str) -> Piece {
        match part {
            Part::Summary => Piece::Summary(Err(error.to_string())),
            Part::Details => Piece::Details(Err(error.to_string())),
        }
    }
}

/// The parts of one filter state known so far.
#[derive(Clone, Debug, Default)]
pub struct Partial {
    pub summary: Option<Outcome<SummaryPart>>,
    pub details: Option<Outcome<DetailsPart>>,
}

impl Partial {
    pub fn has(&self, part: Part) -> bool {
        match part {
            Part::Summary => self.summary.is_some(),
            Part::Details => self.details.is_some(),
        }
    }

    pub fn is_complete(&self) -> bool {
        Part::ALL.iter().all(|part| self.has(*part))
    }

    pub fn insert(&mut self, piece: Piece) {
        match piece {
            Piece::Summary(part) => self.summary = Some(part),
            Piece::Details(part) => self.details = Some(part),
        }
    }

    /// The part as a piece to send, if known.
    pub fn piece(&self, part: Part) -> Option<Piece> {
        Some(match part {
            Part::Summary => Piece::Summary(self.summary.clone()?),
            Part::Details => Piece::Details(self.details.clone()?),
        })
    }

    /// Computes a part (and what it rests on: the tests compare the summary's shown cells)
    /// unless it is known.
    pub fn compute(&mut self, scope: &Scope, min_n: u64, part: Part) {
        if self.has(part) {
            return;
        }
        let error = |e: polars::error::PolarsError| e.to_string();
        match part {
            Part::Summary => {
                self.summary = Some(summary_of(scope).map_err(error).map(|summary| {
                    let (summary, note) = suppress::protect_summary(&summary, min_n);
                    SummaryPart { summary, note }
                }));
            }
            Part::Details => {
                self.compute(scope, min_n, Part::Summary);
                let summary = match &self.summary {
                    Some(Ok(part)) => Ok(&part.summary),
                    Some(Err(error)) => Err(error.clone()),
                    None => Err(String::new()),
                };
                let details = summary.and_then(|summary| {
                    let bins = bins_of(scope).map_err(error)?;
                    let (breakdown, hidden_questions, mut note) = suppress::protect_breakdown(&bins.breakdown(), min_n);
                    let distribution = suppress::protect_distribution(&bins.distribution(), &hidden_questions);
                    let (trend, hidden_weeks, trend_note) = suppress::protect_trend(&bins.trend(), min_n);
                    note.primary += trend_note.primary;
                    note.secondary += trend_note.secondary;
                    let answers = bins.answers();
                    let comparisons = comparisons(summary, &answers, &hidden_weeks, min_n);
                    Ok(DetailsPart {
                        breakdown,
                        distribution,
                        hidden_questions,
                        trend,
                        hidden_weeks,
                        note,
                        answers,
                        comparisons,
                    })
                });
                self.details = Some(details);
            }
        }
    }

    /// Every part together, once all are known; the first error otherwise.
    pub fn results(&self) -> Option<Outcome<Results>> {
        let (summary, details) = (self.summary.clone()?, self.details.clone()?);
        Some(summary.and_then(|summary| {
            let details = details?;
            Ok(Results {
                suppression: total_note(&summary.note, &details.note),
                summary: summary.summary,
                breakdown: details.breakdown,
                distribution: details.distribution,
                trend: details.trend,
                answers: details.answers,
                comparisons: details.comparisons,
                hidden_questions: details.hidden_questions,
                hidden_weeks: details.hidden_weeks,
            })
        }))
    }
}

/// What was hidden across the summary and the details.
pub fn total_note(summary: &Suppression, details: &Suppression) -> Suppression {
    Suppression {
        min_n: summary.min_n,
        primary: summary.primary + details.primary,
        secondary: summary.secondary + details.secondary,
    }
}
