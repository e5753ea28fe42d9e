//! Per-group statistics: moments that add up, the mean, SD and interval they give.

use serde::Serialize;

/// n, mean, standard deviation, 95% confidence interval and "don't know" count of a group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Stats {
    /// Answers on the scale (not "don't know").
    pub n: u64,
    pub mean: Option<f64>,
    /// Sample standard deviation (n - 1); None below two answers.
    pub sd: Option<f64>,
    /// Student's t interval for the mean, clipped to the scale 1-5; None below
    /// [`Stats::MIN_N_FOR_INTERVAL`] answers.
    pub ci95: Option<[f64; 2]>,
    /// True when the interval ran past the scale and was cut at 1 or 5.
    pub ci95_clipped: bool,
    pub dont_know: u64,
}

impl Stats {
    /// Fewer answers than this and a mean says little: the window marks such groups.
    pub const SMALL_GROUP: u64 = 10;

    /// Below this many answers a t interval says nothing (two answers give −1,85 to 10,85 on a
    /// 1-5 scale): there is none, and the window says why.
    pub const MIN_N_FOR_INTERVAL: u64 = 5;

    pub fn is_small(&self) -> bool {
        self.n < Self::SMALL_GROUP
    }

    pub(crate) fn new(n: u64, mean: Option<f64>, sd: Option<f64>, dont_know: u64) -> Stats {
        let mean = mean.filter(|_| n > 0);
        let sd = sd.filter(|s| n >= 2 && s.is_finite());
        let interval = match (mean, sd) {
            (Some(mean), Some(sd)) if n >= Self::MIN_N_FOR_INTERVAL => {
                let half = t_quantile_975(n - 1) * sd / (n as f64).sqrt();
                Some(clip_to_scale([mean - half, mean + half]))
            }
            _ => None,
        };
        Stats {
            n,
            mean,
            sd,
            ci95: interval.map(|(ci, _)| ci),
            ci95_clipped: interval.is_some_and(|(_, clipped)| clipped),
            dont_know,
        }
    }
}

/// The answer scale's ends: an interval past them is cut there.
pub const SCALE: [f64; 2] = [1.0, 5.0];

/// An interval cut at the scale's ends, and whether it had to be.
pub fn clip_to_scale([low, high]: [f64; 2]) -> ([f64; 2], bool) {
    let clipped = [low.max(SCALE[0]), high.min(SCALE[1])];
    (clipped, clipped != [low, high])
}

/// Count, sum and sum of squares of a group's scores: groups' moments add up, so one
/// group-by by wave × phase also gives every wave's total and the overall total.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Moments {
    pub n: f64,
    pub sum: f64,
    pub sum_of_squares: f64,
    pub dont_know: f64,
}

impl std::ops::Add for Moments {
    type Output = Moments;

    fn add(self, other: Moments) -> Moments {
        Moments {
            n: self.n + other.n,
            sum: self.sum + other.sum,
            sum_of_squares: self.sum_of_squares + other.sum_of_squares,
            dont_know: self.dont_know + other.dont_know,
        }
    }
}

impl Moments {
    /// `count` answers with the same score (None: no score) and "don't know" flag. Every
    /// view sums these over its counts, so a mean is the same sum in every table and chart.
    pub fn of_answers(score: Option<f64>, dont_know: bool, count: u64) -> Moments {
        let n = count as f64;
        let (scored, sum, squares) = match score {
            Some(score) => (n, n * score, n * score * score),
            None => (0.0, 0.0, 0.0),
        };
        Moments {
            n: scored,
            sum,
            sum_of_squares: squares,
            dont_know: if dont_know { n } else { 0.0 },
        }
    }

    pub fn stats(self) -> Stats {
        let n = self.n.max(0.0);
        let mean = (n > 0.0).then(|| self.sum / n);
        // Sample variance from the moments; on a 1-5 scale there is no cancellation to fear,
        // and rounding can only push an all-equal group a hair below zero.
        let sd = (n >= 2.0).then(|| {
            ((self.sum_of_squares - self.sum * self.sum / n) / (n - 1.0))
                .max(0.0)
                .sqrt()
        });
        Stats::new(n as u64, mean, sd, self.dont_know.max(0.0) as u64)
    }
}

/// The 97.5% quantile of Student's t distribution with `df` degrees of freedom: exact table
/// values up to 30, then the Cornish-Fisher expansion (error below 1e-4 from there on).
pub fn t_quantile_975(df: u64) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];
    if df == 0 {
        return f64::NAN;
    }
    if let Some(&t) = TABLE.get(df as usize - 1) {
        return t;
    }
    let z: f64 = 1.959_963_984_540_054;
    let d = df as f64;
    z + (z.powi(3) + z) / (4.0 * d)
        + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * d * d)
        + (3.0 * z.powi(7) + 19.0 * z.powi(5) + 17.0 * z.powi(3) - 15.0 * z) / (384.0 * d.powi(3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_the_tables() {
        assert_eq!(t_quantile_975(1), 12.706);
        assert!((t_quantile_975(40) - 2.021).abs() < 1e-3);
        assert!((t_quantile_975(120) - 1.980).abs() < 1e-3);
        assert!((t_quantile_975(100_000) - 1.960).abs() < 1e-3);
    }

    #[test]
    fn moments_add_up_to_the_stats_of_all_answers() {
        let moments = |scores: &[f64]| Moments {
            n: scores.len() as f64,
            sum: scores.iter().sum(),
            sum_of_squares: scores.iter().map(|s| s * s).sum(),
            dont_know: 1.0,
        };
        let both = (moments(&[1.0, 2.0]) + moments(&[3.0, 4.0, 5.0])).stats();
        assert_eq!((both.n, both.mean, both.dont_know), (5, Some(3.0), 2));
        assert!((both.sd.unwrap() - 2.5f64.sqrt()).abs() < 1e-12);
        assert_eq!(moments(&[4.0, 4.0]).stats().sd, Some(0.0));
    }

    #[test]
    fn intervals_need_enough_answers_and_stay_on_the_scale() {
        let one = Stats::new(1, Some(4.0), None, 0);
        assert_eq!((one.sd, one.ci95), (None, None));
        // Two answers give a t interval of about −1,85 to 10,85: none is shown.
        let two = Stats::new(2, Some(4.5), Some(0.707), 0);
        assert_eq!(two.ci95, None, "no interval from two answers");
        let five = Stats::new(5, Some(4.6), Some(0.55), 0);
        let [low, high] = five.ci95.unwrap();
        assert_eq!(high, 5.0, "cut at the top of the scale");
        assert!(five.ci95_clipped && low > 3.9);
        let many = Stats::new(100, Some(3.74), Some(1.0), 3);
        let [low, high] = many.ci95.unwrap();
        assert!((high - low - 2.0 * 1.984 * 0.1).abs() < 1e-3);
    }
}
