//! The tests behind "is the difference real?": Welch's t (difference in means with its 95%
//! interval), the Brunner–Munzel test (ordinal answers, ties and unequal spread allowed), the
//! Wilson interval for a share and Newcombe's interval for a difference in shares, Holm's
//! correction, and the interval of a mean of means. Distributions come from statrs.
//!
//! Every function works on [`Sample`]s: the answers of a group as counts per distinct value,
//! which is all a rank test needs (ties get mid-ranks) and all a survey export can hold.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use super::stats::Moments;

/// The answers of one group: (value, count), sorted by value, counts above zero.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Sample {
    pub values: Vec<(f64, u64)>,
}

impl Sample {
    pub fn from_counts(counts: impl IntoIterator<Item = (f64, u64)>) -> Sample {
        let mut values: Vec<(f64, u64)> = Vec::new();
        for (value, count) in counts {
            if count == 0 || !value.is_finite() {
                continue;
            }
            match values.iter_mut().find(|(v, _)| *v == value) {
                Some((_, c)) => *c += count,
                None => values.push((value, count)),
            }
        }
        values.sort_by(|a, b| a.0.total_cmp(&b.0));
        Sample { values }
    }

    /// Each value once (tests and small worked examples).
    pub fn from_values(values: &[f64]) -> Sample {
        Sample::from_counts(values.iter().map(|v| (*v, 1)))
    }

    pub fn n(&self) -> u64 {
        self.values.iter().map(|(_, c)| c).sum()
    }

    /// The group's count, sum and sum of squares: its mean and SD come from the same
    /// definition as every table's ([`Moments::stats`]), so a test's means are the table's.
    fn moments(&self) -> Moments {
        self.values
            .iter()
            .map(|&(value, count)| {
                let n = count as f64;
                Moments {
                    n,
                    sum: value * n,
                    sum_of_squares: value * value * n,
                    dont_know: 0.0,
                }
            })
            .fold(Moments::default(), |all, group| all + group)
    }

    pub fn mean(&self) -> Option<f64> {
        self.moments().stats().mean
    }

    /// Sample variance (n − 1); None below two answers.
    pub fn variance(&self) -> Option<f64> {
        self.moments().stats().sd.map(|sd| sd * sd)
    }

    /// Answers at or above `threshold` (4: "tilfredse", the top two of a 1-5 scale).
    pub fn at_least(&self, threshold: f64) -> u64 {
        self.values
            .iter()
            .filter(|(v, _)| *v >= threshold)
            .map(|(_, c)| c)
            .sum()
    }

    pub fn merge(&self, other: &Sample) -> Sample {
        Sample::from_counts(self.values.iter().chain(&other.values).copied())
    }
}

/// Above zero (a NaN is not).
fn positive(x: f64) -> bool {
    x.partial_cmp(&0.0) == Some(std::cmp::Ordering::Greater)
}

/// Two-sided p of a t statistic; statrs' t for finite df, the normal past it.
fn two_sided_p(statistic: f64, df: f64) -> Option<f64> {
    if !statistic.is_finite() || !positive(df) {
        return None;
    }
    let upper = if df.is_finite() {
        StudentsT::new(0.0, 1.0, df).ok()?.sf(statistic.abs())
    } else {
        Normal::standard().sf(statistic.abs())
    };
    Some((2.0 * upper).min(1.0))
}

/// The 97.5 % quantile of t with `df` (real) degrees of freedom.
pub fn t_975(df: f64) -> Option<f64> {
    if !positive(df) {
        return None;
    }
    Some(StudentsT::new(0.0, 1.0, df).ok()?.inverse_cdf(0.975))
}

/// Welch's unequal-variance t test of mean(a) − mean(b).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Welch {
    pub difference: f64,
    pub ci95: [f64; 2],
    pub t: f64,
    pub df: f64,
    pub p: f64,
}

pub fn welch(a: &Sample, b: &Sample) -> Option<Welch> {
    let (n1, n2) = (a.n() as f64, b.n() as f64);
    let (m1, m2) = (a.mean()?, b.mean()?);
    let (v1, v2) = (a.variance()? / n1, b.variance()? / n2);
    let difference = m1 - m2;
    let se = (v1 + v2).sqrt();
    if !positive(se) {
        // Both groups gave one answer each: no spread to test against.
        return None;
    }
    let df = (v1 + v2).powi(2) / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
    let t = difference / se;
    let half = t_975(df)? * se;
    Some(Welch {
        difference,
        ci95: [difference - half, difference + half],
        t,
        df,
        p: two_sided_p(t, df)?,
    })
}

/// The Brunner–Munzel test of stochastic equality, as in R's lawstat and brunnermunzel and
/// scipy (Neubert & Brunner 2007's corrected form). `estimate` is P(A < B) + ½·P(A = B):
/// above ½ the second group tends to answer higher.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BrunnerMunzel {
    pub estimate: f64,
    pub statistic: f64,
    pub df: f64,
    pub p: f64,
}

/// Mid-ranks of each distinct value of `sample` within `pool` (both sorted histograms).
fn mid_ranks(sample: &Sample, pool: &Sample) -> Vec<f64> {
    sample
        .values
        .iter()
        .map(|(value, _)| {
            let below: u64 = pool.values.iter().filter(|(v, _)| v < value).map(|(_, c)| c).sum();
            let tied: u64 = pool.values.iter().filter(|(v, _)| v == value).map(|(_, c)| c).sum();
            below as f64 + (tied as f64 + 1.0) / 2.0
        })
        .collect()
}

pub fn brunner_munzel(a: &Sample, b: &Sample) -> Option<BrunnerMunzel> {
    let (n1, n2) = (a.n() as f64, b.n() as f64);
    if n1 < 2.0 || n2 < 2.0 {
        return None;
    }
    let pool = a.merge(b);
    // Per group: (count, rank in the pool, rank within the group) for each distinct value.
    let ranked = |sample: &Sample| -> Vec<(f64, f64, f64)> {
        let overall = mid_ranks(sample, &pool);
        let own = mid_ranks(sample, sample);
        sample
            .values
            .iter()
            .zip(overall.into_iter().zip(own))
            .map(|((_, count), (r, ri))| (*count as f64, r, ri))
            .collect()
    };
    let (r1, r2) = (ranked(a), ranked(b));
    let mean_rank = |ranks: &[(f64, f64, f64)], n: f64| ranks.iter().map(|(c, r, _)| c * r).sum::<f64>() / n;
    let (m1, m2) = (mean_rank(&r1, n1), mean_rank(&r2, n2));
    let spread = |ranks: &[(f64, f64, f64)], n: f64, m: f64| {
        ranks
            .iter()
            .map(|(c, r, ri)| c * (r - ri - m + (n + 1.0) / 2.0).powi(2))
            .sum::<f64>()
            / (n - 1.0)
    };
    let (v1, v2) = (spread(&r1, n1, m1), spread(&r2, n2, m2));
    let estimate = (m2 - (n2 + 1.0) / 2.0) / n1;
    let scale = n1 * v1 + n2 * v2;
    if !positive(scale) {
        // No overlap to estimate a spread from: the groups are either the same single answer
        // (nothing to tell) or completely apart (as clear as it gets).
        // Apart, the p-value is the permutation test's: of the C(n1 + n2, n1) ways to split
        // the answers, two are this far apart (2 against 2 answers: 1/3, no "not chance").
        let apart = (estimate - 0.5).abs() > 1e-12;
        let (small, large) = (n1.min(n2), n1.max(n2));
        let mut splits = 1.0_f64;
        let mut i = 1.0;
        // C(n1 + n2, small), up to where 2 / C is nothing.
        while i <= small && splits < 1e18 {
            splits *= (large + i) / i;
            i += 1.0;
        }
        return Some(BrunnerMunzel {
            estimate,
            statistic: if apart { f64::INFINITY.copysign(m2 - m1) } else { 0.0 },
            df: f64::NAN,
            p: if apart { (2.0 / splits).min(1.0) } else { 1.0 },
        });
    }
    let statistic = n1 * n2 * (m2 - m1) / (n1 + n2) / scale.sqrt();
    let df = scale.powi(2) / ((n1 * v1).powi(2) / (n1 - 1.0) + (n2 * v2).powi(2) / (n2 - 1.0));
    Some(BrunnerMunzel {
        estimate,
        statistic,
        df,
        p: two_sided_p(statistic, df)?,
    })
}

const Z_975: f64 = 1.959_963_984_540_054;

/// Wilson's score interval for `k` of `n` (Newcombe 1998, method 3), as shares 0-1.
pub fn wilson(k: u64, n: u64) -> Option<[f64; 2]> {
    if n == 0 || k > n {
        return None;
    }
    let (k, n, z) = (k as f64, n as f64, Z_975);
    let p = k / n;
    let centre = p + z * z / (2.0 * n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let denominator = 1.0 + z * z / n;
    Some([
        ((centre - half) / denominator).max(0.0),
        ((centre + half) / denominator).min(1.0),
    ])
}

/// Newcombe's hybrid score interval (1998, method 10) for k1/n1 − k2/n2: the two Wilson
/// intervals squared and added.
pub fn share_difference(k1: u64, n1: u64, k2: u64, n2: u64) -> Option<[f64; 2]> {
    let ([l1, u1], [l2, u2]) = (wilson(k1, n1)?, wilson(k2, n2)?);
    let (p1, p2) = (k1 as f64 / n1 as f64, k2 as f64 / n2 as f64);
    let d = p1 - p2;
    let lower = d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt();
    let upper = d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt();
    Some([lower, upper])
}

/// Holm's step-down adjustment (Holm 1979; R's `p.adjust(p, "holm")`): the i-th smallest of
/// m p-values times (m − i + 1), kept from falling below the one before, capped at 1.
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (p.get(a).copied().unwrap_or(1.0), p.get(b).copied().unwrap_or(1.0));
        pa.total_cmp(&pb)
    });
    let mut adjusted = vec![1.0; m];
    let mut running: f64 = 0.0;
    for (rank, &index) in order.iter().enumerate() {
        let value = p.get(index).copied().unwrap_or(1.0);
        running = running.max(((m - rank) as f64 * value).min(1.0));
        if let Some(slot) = adjusted.get_mut(index) {
            *slot = running;
        }
    }
    adjusted
}

/// The 95% interval of an unweighted mean of group means (the deck's "mean of phase means"):
/// its variance is Σ sᵢ²/nᵢ / k², its degrees of freedom by Welch–Satterthwaite. Each group
/// is (n, mean, sd); None when a group has too few answers for a spread.
pub fn mean_of_means_ci(groups: &[(u64, f64, f64)]) -> Option<[f64; 2]> {
    if groups.is_empty() || groups.iter().any(|(n, _, _)| *n < 2) {
        return None;
    }
    let k = groups.len() as f64;
    let mean = groups.iter().map(|(_, m, _)| m).sum::<f64>() / k;
    let parts: Vec<(f64, f64)> = groups
        .iter()
        .map(|(n, _, sd)| (sd * sd / *n as f64, *n as f64 - 1.0))
        .collect();
    let variance: f64 = parts.iter().map(|(v, _)| v).sum::<f64>() / (k * k);
    let denominator: f64 = parts.iter().map(|(v, df)| v * v / df).sum::<f64>();
    if !positive(variance) || !positive(denominator) {
        return None;
    }
    let df = parts.iter().map(|(v, _)| v).sum::<f64>().powi(2) / denominator;
    let half = t_975(df)? * variance.sqrt();
    Some([mean - half, mean + half])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, precision: f64) {
        assert!(
            (actual - expected).abs() <= precision / 2.0 + 1e-12,
            "{actual} is not {expected} to ±{}",
            precision / 2.0
        );
    }

    /// Student's (1908) sleep data, the worked example of R's `t.test(extra ~ group, data =
    /// sleep)`: t = −1.8608, df = 17.776, p-value = 0.07939, 95 percent confidence interval
    /// −3.3654832 0.2054832, means 0.75 and 2.33.
    #[test]
    fn welch_matches_the_sleep_example() {
        let group1 = Sample::from_values(&[0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]);
        let group2 = Sample::from_values(&[1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]);
        let w = welch(&group1, &group2).unwrap();
        close(w.t, -1.8608, 1e-4);
        close(w.df, 17.776, 1e-3);
        close(w.p, 0.07939, 1e-5);
        close(w.ci95[0], -3.3654832, 1e-7);
        close(w.ci95[1], 0.2054832, 1e-7);
        close(w.difference, 0.75 - 2.33, 1e-9);
    }

    /// Brunner & Munzel (2000)'s pain scores on the third day after surgery, the example of R's
    /// lawstat `brunner.munzel.test(Y, N)`: Statistic = 3.1375, df = 17.683, p-value = 0.005786
    /// (scipy's `brunnermunzel` gives 3.13747, 0.0057862 on the same data).
    #[test]
    fn brunner_munzel_matches_the_pain_score_example() {
        let y = Sample::from_values(&[1., 2., 1., 1., 1., 1., 1., 1., 1., 1., 2., 4., 1., 1.]);
        let n = Sample::from_values(&[3., 3., 4., 3., 1., 2., 3., 1., 1., 5., 4.]);
        let bm = brunner_munzel(&y, &n).unwrap();
        close(bm.statistic, 3.1375, 1e-4);
        close(bm.df, 17.683, 1e-3);
        close(bm.p, 0.005786, 1e-6);
        close(bm.estimate, 0.788961, 1e-6);
        // The other way round only the sign and the estimate turn.
        let back = brunner_munzel(&n, &y).unwrap();
        close(back.statistic, -3.1375, 1e-4);
        close(back.p, 0.005786, 1e-6);
    }

    #[test]
    fn brunner_munzel_handles_groups_without_overlap() {
        let low = Sample::from_counts([(1.0, 5)]);
        let high = Sample::from_counts([(5.0, 5)]);
        // The exact permutation p: 2 of the C(10, 5) = 252 splits are this far apart.
        close(
            brunner_munzel(&low, &high).map_or(f64::NAN, |t| t.p),
            2.0 / 252.0,
            1e-12,
        );
        assert_eq!(brunner_munzel(&low, &low).map(|t| t.p), Some(1.0));
        // 2 against 2 answers apart: 1 in 3, nothing to call "not chance".
        let two_low = Sample::from_values(&[2.0, 2.0]);
        let two_high = Sample::from_values(&[4.0, 4.0]);
        close(
            brunner_munzel(&two_low, &two_high).map_or(f64::NAN, |t| t.p),
            1.0 / 3.0,
            1e-12,
        );
        assert!(brunner_munzel(&Sample::from_values(&[3.0]), &high).is_none());
    }

    /// Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I,
    /// method 3 (Wilson score): 81/263 → 0.2553-0.3662, 15/148 → 0.0624-0.1605,
    /// 0/20 → 0.0000-0.1611, 1/29 → 0.0061-0.1718.
    #[test]
    fn wilson_matches_newcombe_table_1() {
        for (k, n, low, high) in [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0000, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ] {
            let [l, h] = wilson(k, n).unwrap();
            close(l, low, 1e-4);
            close(h, high, 1e-4);
        }
        assert_eq!(wilson(1, 0), None);
    }

    /// Newcombe (1998), "Interval estimation for the difference between independent
    /// proportions", example (a), 56/70 − 48/80, method 10: 0.0524 to 0.3339.
    #[test]
    fn share_difference_matches_newcombe_method_10() {
        let [low, high] = share_difference(56, 70, 48, 80).unwrap();
        close(low, 0.0524, 1e-4);
        close(high, 0.3339, 1e-4);
    }

    /// Holm (1979) on four hypotheses, the worked example of the Holm–Bonferroni method:
    /// p = 0.01, 0.04, 0.03, 0.005 → adjusted 0.03, 0.06, 0.06, 0.02 (R: `p.adjust(p, "holm")`).
    #[test]
    fn holm_matches_the_worked_example() {
        let adjusted = holm(&[0.01, 0.04, 0.03, 0.005]);
        for (a, e) in adjusted.iter().zip([0.03, 0.06, 0.06, 0.02]) {
            close(*a, e, 1e-12);
        }
        assert_eq!(holm(&[0.5, 0.6]), vec![1.0, 1.0]);
        assert!(holm(&[]).is_empty());
    }

    #[test]
    fn a_mean_of_means_interval_is_wider_than_each_part_would_make_it_alone() {
        // Three phases of the deck's Rul 2 (n, mean, sd as `summary` prints them).
        let ci = mean_of_means_ci(&[(300, 3.74, 0.91), (100, 3.89, 0.90), (100, 3.88, 0.84)]).unwrap();
        let mean = (3.74 + 3.89 + 3.88) / 3.0;
        assert!(ci[0] < mean && mean < ci[1]);
        // Σ s²/n / 9 = (0.0027603 + 0.0081 + 0.007056) / 9, df ≈ 260: half width 1.969 × 0.0444.
        close(ci[1] - mean, 1.969 * 0.04442, 2e-3);
        assert_eq!(mean_of_means_ci(&[(1, 4.0, 0.0)]), None);
    }
}
