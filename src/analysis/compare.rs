//! "Is the difference real?": waves against each other within a phase, phases against each
//! other within a wave, and each wave's latest check-in against the one before. Each pair gets
//! the difference in means with Welch's 95% interval, the Brunner–Munzel test (ordinal
//! answers), the share of top-two answers with Wilson intervals, and Holm's correction across
//! all comparisons made together. Hidden (small) groups are never compared.

use serde::Serialize;

use super::inference::{Sample, brunner_munzel, holm, share_difference, welch, wilson};
use super::samples::Answers;
use super::summary::Summary;
use crate::phases::NO_PHASE;

/// Answers 4 and 5: "tilfredse".
pub const TOP_TWO: f64 = 4.0;
/// The level a Holm-adjusted p must be under for a difference to be called real.
pub const ALPHA: f64 = 0.05;
/// The ordinal test, named wherever its p is shown.
pub const ORDINAL_TEST: &str = "Brunner–Munzel";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Two waves in the same phase.
    WavesInPhase,
    /// Two phases of the same wave.
    PhasesInWave,
    /// A wave's latest check-in week against the week before.
    CheckIn,
}

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub wave: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub week: Option<i32>,
    pub n: u64,
    pub mean: f64,
    /// Answers 4-5, their share and its Wilson interval.
    pub top_two: u64,
    pub top_two_share: f64,
    pub top_two_ci95: [f64; 2],
}

/// `b` against `a`, where `a` comes first in time (the earlier wave, phase or week).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub kind: Kind,
    pub a: Group,
    pub b: Group,
    /// mean(b) − mean(a), with Welch's interval, t, df and p.
    pub difference: f64,
    pub difference_ci95: [f64; 2],
    pub welch_t: f64,
    pub welch_df: f64,
    pub welch_p: f64,
    pub test: &'static str,
    /// P(a < b) + ½·P(a = b): above ½ the answers in `b` tend to be higher.
    pub test_estimate: f64,
    pub test_statistic: f64,
    pub test_p: f64,
    /// `test_p` after Holm's correction across every comparison made with it.
    pub p_holm: f64,
    /// top_two_share(b) − top_two_share(a), Newcombe's interval.
    pub top_two_difference_ci95: [f64; 2],
    /// `p_holm` below 0.05.
    pub significant: bool,
}

fn group(sample: &Sample, wave: &str, phase: Option<&str>, week: Option<i32>) -> Option<Group> {
    let n = sample.n();
    let top_two = sample.at_least(TOP_TWO);
    Some(Group {
        wave: wave.to_string(),
        phase: phase.map(str::to_string),
        week,
        n,
        mean: sample.mean()?,
        top_two,
        top_two_share: top_two as f64 / n as f64,
        top_two_ci95: wilson(top_two, n)?,
    })
}

fn compare(kind: Kind, (a, sa): (Group, &Sample), (b, sb): (Group, &Sample)) -> Option<Comparison> {
    let w = welch(sb, sa)?;
    let bm = brunner_munzel(sa, sb)?;
    Some(Comparison {
        kind,
        difference: w.difference,
        difference_ci95: w.ci95,
        welch_t: w.t,
        welch_df: w.df,
        welch_p: w.p,
        test: ORDINAL_TEST,
        test_estimate: bm.estimate,
        test_statistic: bm.statistic,
        test_p: bm.p,
        p_holm: bm.p,
        top_two_difference_ci95: share_difference(b.top_two, b.n, a.top_two, a.n)?,
        significant: false,
        a,
        b,
    })
}

/// Every comparison the summary's shown cells and the check-ins allow, Holm-corrected together.
/// `min_n` is the smallest group compared (never below 2); `hidden_weeks` are check-ins the
/// trend hides.
pub fn comparisons(
    summary: &Summary,
    answers: &Answers,
    hidden_weeks: &[(String, i32)],
    min_n: u64,
) -> Vec<Comparison> {
    let least = min_n.max(2);
    let mut out = Vec::new();
    let cell = |wave: &str, phase: &str| -> Option<(Group, Sample)> {
        // A cell hidden in the summary is not in its list of cells.
        summary.wave(wave)?.cell(phase)?;
        let sample = answers.cell(wave, phase);
        (sample.n() >= least).then_some(())?;
        Some((group(&sample, wave, Some(phase), None)?, sample))
    };
    let phases: Vec<&String> = summary.phases.iter().filter(|p| *p != NO_PHASE).collect();
    for phase in &phases {
        for (i, first) in summary.waves.iter().enumerate() {
            for second in summary.waves.iter().skip(i + 1) {
                if let (Some((a, sa)), Some((b, sb))) = (cell(&first.wave, phase), cell(&second.wave, phase)) {
                    out.extend(compare(Kind::WavesInPhase, (a, &sa), (b, &sb)));
                }
            }
        }
    }
    for wave in &summary.waves {
        for (i, first) in phases.iter().enumerate() {
            for second in phases.iter().skip(i + 1) {
                if let (Some((a, sa)), Some((b, sb))) = (cell(&wave.wave, first), cell(&wave.wave, second)) {
                    out.extend(compare(Kind::PhasesInWave, (a, &sa), (b, &sb)));
                }
            }
        }
    }
    for wave in &summary.waves {
        if let Some(pair) = latest_check_ins(answers, &wave.wave, hidden_weeks, least) {
            out.extend(pair);
        }
    }
    let adjusted = holm(&out.iter().map(|c| c.test_p).collect::<Vec<_>>());
    for (comparison, p) in out.iter_mut().zip(adjusted) {
        comparison.p_holm = p;
        comparison.significant = p < ALPHA;
    }
    out
}

/// The wave's last check-in week with answers against the week before it.
fn latest_check_ins(answers: &Answers, wave: &str, hidden: &[(String, i32)], least: u64) -> Option<Option<Comparison>> {
    let weeks: Vec<i32> = answers
        .weeks(wave)
        .into_iter()
        .filter(|w| !hidden.iter().any(|(hw, hk)| hw == wave && hk == w))
        .collect();
    let (&latest, rest) = weeks.split_last()?;
    let &previous = rest.last()?;
    let (sa, sb) = (answers.week(wave, previous), answers.week(wave, latest));
    if sa.n() < least || sb.n() < least {
        return None;
    }
    let a = group(&sa, wave, None, Some(previous))?;
    let b = group(&sb, wave, None, Some(latest))?;
    Some(compare(Kind::CheckIn, (a, &sa), (b, &sb)))
}

/// The change since the previous check-in, per wave (the overview's "Siden sidste check-in").
pub fn check_ins(comparisons: &[Comparison]) -> impl Iterator<Item = &Comparison> {
    comparisons.iter().filter(|c| c.kind == Kind::CheckIn)
}
