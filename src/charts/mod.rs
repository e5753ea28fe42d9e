//! Charts as data ([`spec::ChartSpec`]), built from analysis results, drawn by the window and
//! written to SVG and PNG by the exports.

mod bars;
pub mod coverage;
mod crosstab;
mod distribution;
pub mod intervals;
pub mod options;
pub mod palette;
pub mod spec;
mod trend;

pub use bars::bars_chart;
pub use crosstab::crosstab_chart;
pub use distribution::distribution_chart;
pub use options::{ChartNote, ChartOptions, Limit, Sort, add_notes, arrange_crosstab, arrange_summary};
pub use spec::{Anchor, Axis, ChartKind, ChartSpec, Counted, LegendItem, Mark, Rgba};
pub use trend::{trend_chart, trend_chart_over, trend_chart_with};

use crate::locale::Lang;

/// "Kilde: check-in møder, n = 1.487": the default source line; the user edits `spec.source`
/// before export when the data came from elsewhere.
pub fn source_line(lang: Lang, n: u64) -> String {
    source_line_for(lang, meetings(lang), n)
}

/// The builders' own name for where answers come from, until a caller names the data's file.
pub fn meetings(lang: Lang) -> &'static str {
    lang.pick("check-in møder", "check-in meetings")
}

/// What the bundled sample is called wherever a source is named: never as if it were the
/// user's own data.
pub fn sample_source(lang: Lang) -> &'static str {
    lang.pick("Eksempeldata (opdigtede svar)", "Sample data (made-up answers)")
}

/// A source line naming the source: "Kilde: klik-survey.csv, n = 637".
pub fn source_line_for(lang: Lang, source: &str, n: u64) -> String {
    Counted::Answers(n).line(lang, source)
}

/// Where every bar of means starts: the scale's lowest answer.
pub const SCALE_FLOOR: f64 = 1.0;

/// The one axis of every chart of means: the 1-5 scale from its lowest answer, 1, to its
/// highest, 5 (there is no 0 on the scale, so a bar starts at 1), and the axis says so.
pub fn mean_axis(lang: Lang) -> Axis {
    Axis {
        label: lang.pick("Gennemsnit, skala 1-5", "Mean, scale 1-5").to_string(),
        min: SCALE_FLOOR,
        max: 5.0,
        ticks: (1..=5).map(|v| (f64::from(v), lang.number(f64::from(v), 0))).collect(),
    }
}

/// A horizontal chart's category axis: the first row at the top, a row per label, each one
/// unit high around its whole number.
fn category_axis(labels: impl ExactSizeIterator<Item = String>) -> Axis {
    let count = labels.len();
    Axis {
        label: String::new(),
        min: -0.5,
        max: count as f64 - 0.5,
        ticks: labels
            .enumerate()
            .map(|(i, label)| ((count - 1 - i) as f64, label))
            .collect(),
    }
}

/// A mean as a bar label, starred when the group is small (n < 10).
fn score_label(mean: f64, small: bool, lang: Lang) -> String {
    let text = lang.number(mean, 2);
    if small { format!("{text}*") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Cell, DistributionRow, Stats, Summary, Total, TrendPoint, WaveRow};
    use crate::timeline::Timeline;
    use chrono::NaiveDate;

    fn stats(n: u64, mean: f64) -> Stats {
        Stats {
            n,
            mean: Some(mean),
            ..Stats::default()
        }
    }

    fn total(mean: f64, n: u64) -> Total {
        Total {
            mean_of_phases: Some(mean),
            phases_n: n,
            pooled_mean: Some(mean),
            n,
            sd: None,
            ci95: None,
            ci95_clipped: false,
            dont_know: 0,
            mean_of_phases_ci95: None,
            mean_of_phases_ci95_clipped: false,
            from_small_cell: false,
        }
    }

    #[test]
    fn a_chart_names_its_data_with_its_own_count_even_after_its_line_was_edited() {
        let summary = Summary {
            phases: vec!["A".into()],
            waves: Vec::new(),
            overall: total(3.8, 1477),
            hidden_waves: Vec::new(),
            min_n: None,
        };
        let mut spec = bars_chart(&summary, Lang::Da);
        assert_eq!(spec.counted, Counted::Answers(1477));
        spec.source = "Kilde: noget andet, n = 12".to_string();
        spec.name_source(Lang::Da, "klik-survey.csv");
        assert_eq!(spec.source, "Kilde: klik-survey.csv, n = 1.477");
        let coverage = Counted::AnsweredOf {
            answered: 1200,
            expected: 1500,
        };
        assert_eq!(
            coverage.line(Lang::En, "uge.csv"),
            "Source: uge.csv: 1,200 answers of 1,500"
        );
    }

    #[test]
    fn source_line_groups_thousands_the_local_way() {
        assert_eq!(source_line(Lang::Da, 1487), "Kilde: check-in møder, n = 1.487");
        assert_eq!(source_line(Lang::En, 1487), "Source: check-in meetings, n = 1,487");
    }

    #[test]
    fn bars_have_decimal_comma_labels_and_start_at_the_scales_one() {
        let summary = Summary {
            phases: vec!["A".into(), "B".into()],
            waves: vec![WaveRow {
                wave: "Rul 2".into(),
                cells: vec![
                    Cell {
                        phase: "A".into(),
                        stats: stats(40, 3.74),
                    },
                    Cell {
                        phase: "B".into(),
                        stats: stats(5, 3.89),
                    },
                ],
                total: total(3.815, 45),
                hidden_phases: Vec::new(),
            }],
            overall: total(3.815, 45),
            hidden_waves: Vec::new(),
            min_n: None,
        };
        let spec = bars_chart(&summary, Lang::Da);
        let labels: Vec<&str> = spec
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { label: Some(l), y0, .. } if *y0 == 1.0 => Some(l.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(labels, ["3,74", "3,89*", "3,82"]);
        assert_eq!(spec.y_axis.min, 1.0);
        assert_eq!(spec.y_axis.label, "Gennemsnit, skala 1-5");
        assert!(spec.subtitle.unwrap_or_default().contains("færre end 10"));
    }

    #[test]
    fn distribution_segments_cover_100_percent_centred_on_the_neutral_answer() {
        let rows = [DistributionRow {
            wave: "Rul 1".into(),
            question: "Supporten".into(),
            counts: [10, 10, 20, 40, 20],
            dont_know: 5,
        }];
        let spec = distribution_chart(&rows, "Rul 1", Lang::Da);
        let segments: Vec<(f64, f64)> = spec
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { x0, x1, .. } => Some((*x0, *x1)),
                _ => None,
            })
            .collect();
        let covered: f64 = segments.iter().map(|(a, b)| b - a).sum();
        assert!((covered - 100.0).abs() < 1e-9);
        // 1 and 2 (20 %) and half of 3 (10 %) lie left of zero.
        assert!((segments.first().map_or(0.0, |s| s.0) + 30.0).abs() < 1e-9);
        let text = spec.marks.iter().find_map(|m| match m {
            Mark::Text { text, .. } => Some(text.clone()),
            _ => None,
        });
        assert_eq!(text.as_deref(), Some("Ved ikke: 5 (5 %)"));
    }

    #[test]
    fn trend_has_danish_month_ticks_and_the_timeline() {
        let point = |day: u32, mean: f64| TrendPoint {
            wave: "Rul 1".into(),
            week: None,
            date: NaiveDate::from_ymd_opt(2024, 11, day),
            stats: stats(20, mean),
        };
        let spec = trend_chart_over(&[point(4, 3.8), point(11, 4.1)], &Timeline::default(), Lang::Da, true);
        let ticks: Vec<&str> = spec.x_axis.ticks.iter().map(|(_, t)| t.as_str()).collect();
        assert!(ticks.contains(&"nov 2024") && ticks.contains(&"maj 2025") && ticks.contains(&"okt 2025"));
        assert!(
            spec.marks
                .iter()
                .any(|m| matches!(m, Mark::Span { label, .. } if label == "Skyggevalg"))
        );
        assert!(
            spec.marks
                .iter()
                .any(|m| matches!(m, Mark::Event { label, .. } if label == "Release 1.4"))
        );
        let english = trend_chart_over(&[point(4, 3.8)], &Timeline::default(), Lang::En, true);
        assert!(english.x_axis.ticks.iter().any(|(_, t)| t == "May 2025"));
    }
}
