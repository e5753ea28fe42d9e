//! The results of a filter state in parts, so the view on screen waits only for what it
//! shows: the summary (the overview's table and the bars), the questions (the per-question
//! table and the distribution) and the check-ins (the trend, the binned answers and the
//! difference tests). Each part is computed from one [`Scope`], with small groups already
//! hidden; [`Partial`] collects them as they come.

use serde::{Deserialize, Serialize};

use super::compare::{Comparison, comparisons};
use super::samples::{Answers, answers_of};
use super::summary::{Summary, summary_of};
use super::suppress::{self, Suppression};
use super::views::{BreakdownRow, DistributionRow, TrendPoint, questions_of, trend_of};
use super::{Results, Scope};

/// A part of a filter state's results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    Summary,
    Questions,
    CheckIns,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Summary, Part::Questions, Part::CheckIns];
}

/// A part's result; an error is kept as text, so it is shown once and not retried.
pub type Outcome<T> = Result<T, String>;

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryPart {
    pub summary: Summary,
    pub note: Suppression,
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionsPart {
    pub breakdown: Vec<BreakdownRow>,
    pub distribution: Vec<DistributionRow>,
    /// The (wave, question) groups hidden as too small.
    pub hidden: Vec<(String, String)>,
    pub note: Suppression,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckInsPart {
    pub trend: Vec<TrendPoint>,
    /// The (wave, week) check-ins hidden as too small.
    pub hidden: Vec<(String, i32)>,
    pub note: Suppression,
    pub answers: Answers,
    pub comparisons: Vec<Comparison>,
}

/// One part's result, as the worker sends it.
#[derive(Clone, Debug)]
pub enum Piece {
    Summary(Outcome<SummaryPart>),
    Questions(Outcome<QuestionsPart>),
    CheckIns(Outcome<CheckInsPart>),
}

impl Piece {
    pub fn part(&self) -> Part {
        match self {
            Piece::Summary(_) => Part::Summary,
            Piece::Questions(_) => Part::Questions,
            Piece::CheckIns(_) => Part::CheckIns,
        }
    }

    /// Every part failed the same way (the filter itself could not be applied).
    pub fn failed(part: Part, error: &str) -> Piece {
        match part {
            Part::Summary => Piece::Summary(Err(error.to_string())),
            Part::Questions => Piece::Questions(Err(error.to_string())),
            Part::CheckIns => Piece::CheckIns(Err(error.to_string())),
        }
    }
}

/// The parts of one filter state known so far.
#[derive(Clone, Debug, Default)]
pub struct Partial {
    pub summary: Option<Outcome<SummaryPart>>,
    pub questions: Option<Outcome<QuestionsPart>>,
    pub check_ins: Option<Outcome<CheckInsPart>>,
}

impl Partial {
    pub fn has(&self, part: Part) -> bool {
        match part {
            Part::Summary => self.summary.is_some(),
            Part::Questions => self.questions.is_some(),
            Part::CheckIns => self.check_ins.is_some(),
        }
    }

    pub fn is_complete(&self) -> bool {
        Part::ALL.iter().all(|part| self.has(*part))
    }

    pub fn insert(&mut self, piece: Piece) {
        match piece {
            Piece::Summary(part) => self.summary = Some(part),
            Piece::Questions(part) => self.questions = Some(part),
            Piece::CheckIns(part) => self.check_ins = Some(part),
        }
    }

    /// The part as a piece to send, if known.
    pub fn piece(&self, part: Part) -> Option<Piece> {
        Some(match part {
            Part::Summary => Piece::Summary(self.summary.clone()?),
            Part::Questions => Piece::Questions(self.questions.clone()?),
            Part::CheckIns => Piece::CheckIns(self.check_ins.clone()?),
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
            Part::Questions => {
                self.questions = Some(questions_of(scope).map_err(error).map(|(rows, distribution)| {
                    let (breakdown, hidden, note) = suppress::protect_breakdown(&rows, min_n);
                    let distribution = suppress::protect_distribution(&distribution, &hidden);
                    QuestionsPart {
                        breakdown,
                        distribution,
                        hidden,
                        note,
                    }
                }));
            }
            Part::CheckIns => {
                self.compute(scope, min_n, Part::Summary);
                let summary = match &self.summary {
                    Some(Ok(part)) => Ok(&part.summary),
                    Some(Err(error)) => Err(error.clone()),
                    None => Err(String::new()),
                };
                let check_ins = summary.and_then(|summary| {
                    let (trend, hidden, note) = suppress::protect_trend(&trend_of(scope).map_err(error)?, min_n);
                    let answers = answers_of(scope).map_err(error)?;
                    let comparisons = comparisons(summary, &answers, &hidden, min_n);
                    Ok(CheckInsPart {
                        trend,
                        hidden,
                        note,
                        answers,
                        comparisons,
                    })
                });
                self.check_ins = Some(check_ins);
            }
        }
    }

    /// Every part together, once all are known; the first error otherwise.
    pub fn results(&self) -> Option<Outcome<Results>> {
        let (summary, questions, check_ins) = (self.summary.as_ref()?, self.questions.as_ref()?, self.check_ins.as_ref()?);
        Some(assemble(summary, questions, check_ins))
    }
}

fn assemble(
    summary: &Outcome<SummaryPart>,
    questions: &Outcome<QuestionsPart>,
    check_ins: &Outcome<CheckInsPart>,
) -> Outcome<Results> {
    let (summary, questions, check_ins) = (summary.clone()?, questions.clone()?, check_ins.clone()?);
    Ok(Results {
        suppression: total_note(&summary.note, &questions.note, &check_ins.note),
        summary: summary.summary,
        breakdown: questions.breakdown,
        distribution: questions.distribution,
        trend: check_ins.trend,
        answers: check_ins.answers,
        comparisons: check_ins.comparisons,
        hidden_questions: questions.hidden,
        hidden_weeks: check_ins.hidden,
    })
}

/// What was hidden across the summary, the questions and the check-ins.
pub fn total_note(summary: &Suppression, questions: &Suppression, check_ins: &Suppression) -> Suppression {
    Suppression {
        min_n: summary.min_n,
        primary: summary.primary + questions.primary + check_ins.primary,
        secondary: summary.secondary + questions.secondary + check_ins.secondary,
    }
}
