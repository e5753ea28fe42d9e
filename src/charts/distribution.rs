//! Diverging stacked bars: per question, the share of each answer 1-5 among those who answered,
//! negatives (1-2) left of zero, positives (4-5) right, the neutral 3 split across zero. "Ved
//! ikke" is not an answer on the scale, so it stands as text beside the bar, not inside it.

use super::palette;
use super::spec::{Anchor, Axis, ChartKind, ChartSpec, LegendItem, Mark, Rgba};
use super::{Counted, source_line};
use crate::analysis::DistributionRow;
use crate::locale::Lang;

const LABELS_DA: [&str; 5] = [
    "Meget utilfreds",
    "Utilfreds",
    "Hverken/eller",
    "Tilfreds",
    "Meget tilfreds",
];
const LABELS_EN: [&str; 5] = [
    "Very dissatisfied",
    "Dissatisfied",
    "Neutral",
    "Satisfied",
    "Very satisfied",
];

/// Segments narrower than this many percent get no label: it would not fit.
const MIN_LABELLED_PERCENT: f64 = 6.0;

pub fn distribution_chart(rows: &[DistributionRow], wave: &str, lang: Lang) -> ChartSpec {
    let rows: Vec<&DistributionRow> = rows.iter().filter(|r| r.wave == wave).collect();
    let count = rows.len();
    let mut marks = Vec::new();
    let (mut left, mut right) = (0.0f64, 0.0f64);
    let mut n_total = 0;
    for (i, row) in rows.iter().enumerate() {
        let y = (count - 1 - i) as f64;
        n_total += row.answered();
        if let Some((from, to)) = likert_segments(row, y, lang, &mut marks) {
            left = left.max(-from);
            right = right.max(to);
        }
        if row.dont_know > 0 || row.answered() == 0 {
            marks.push(dont_know_text(row, y, lang));
        }
    }
    let x_axis = percent_axis(left, right, lang);
    // "Ved ikke" stands at the axis end; the exports keep it clear of the plot's right edge.
    for mark in &mut marks {
        if let Mark::Text { x, .. } = mark {
            *x = x_axis.max;
        }
    }
    ChartSpec {
        kind: ChartKind::Distribution,
        title: format!(
            "{}, {}",
            lang.pick("Svarfordeling", "Distribution of answers"),
            lang.data_value(wave)
        ),
        subtitle: Some(
            lang.pick(
                "Andel af svarene 1-5 pr. spørgsmål; «Ved ikke» tælles ikke med i andelene",
                "Share of answers 1-5 per question; \"don't know\" is not part of the shares",
            )
            .to_string(),
        ),
        source: source_line(lang, n_total),
        counted: Counted::Answers(n_total),
        x_axis,
        y_axis: super::category_axis(rows.iter().map(|r| lang.data_value(&r.question))),
        legend: likert_legend(lang),
        marks,
    }
}

/// A question's answers 1-5 as segments of one bar at `y`, the neutral 3 split across zero;
/// where the bar starts and ends (in percent), none without answers.
fn likert_segments(row: &DistributionRow, y: f64, lang: Lang, marks: &mut Vec<Mark>) -> Option<(f64, f64)> {
    let answered = row.answered();
    if answered == 0 {
        return None;
    }
    let percent = row.counts.map(|c| 100.0 * c as f64 / answered as f64);
    let [p1, p2, p3, _, _] = percent;
    let start = -(p1 + p2 + p3 / 2.0);
    let mut x = start;
    for (point, (share, fill)) in percent.iter().zip(palette::LIKERT).enumerate() {
        if *share > 0.0 {
            let label = (*share >= MIN_LABELLED_PERCENT).then(|| percent_text(*share, lang));
            marks.push(Mark::Rect {
                x0: x,
                x1: x + share,
                y0: y - 0.34,
                y1: y + 0.34,
                fill,
                label,
                series: point,
            });
        }
        x += share;
    }
    Some((start, x))
}

/// "Ved ikke: 3 (5 %)" beside a question's bar; its x is set once the axis is known.
fn dont_know_text(row: &DistributionRow, y: f64, lang: Lang) -> Mark {
    let all = row.answered() + row.dont_know;
    let share = if all > 0 {
        100.0 * row.dont_know as f64 / all as f64
    } else {
        0.0
    };
    Mark::Text {
        x: f64::NAN,
        y,
        text: format!(
            "{} {} ({})",
            lang.pick("Ved ikke:", "Don't know:"),
            lang.count(row.dont_know),
            percent_text(share, lang)
        ),
        anchor: Anchor::Start,
        color: Rgba::rgb(90, 90, 90),
    }
}

/// Each side just wide enough for its longest bar, in steps of 25 %, so the bars get the room
/// (the scale stays the same on both sides: a percent is as wide left as right).
fn percent_axis(left: f64, right: f64, lang: Lang) -> Axis {
    let round = |v: f64| ((v / 25.0).ceil() * 25.0).clamp(25.0, 100.0);
    let (min, max) = (-round(left), round(right));
    let ticks = (0..)
        .map(|k| min + f64::from(k) * 25.0)
        .take_while(|v| *v <= max + 1e-9)
        .map(|v| (v, percent_text(v.abs(), lang)))
        .collect();
    Axis {
        label: lang.pick("Andel af svar", "Share of answers").to_string(),
        min,
        max,
        ticks,
    }
}

/// The five answers in their colours.
fn likert_legend(lang: Lang) -> Vec<LegendItem> {
    let names = match lang {
        Lang::Da => LABELS_DA,
        Lang::En => LABELS_EN,
    };
    names
        .iter()
        .zip(palette::LIKERT)
        .map(|(label, color)| LegendItem {
            label: (*label).to_string(),
            color,
        })
        .collect()
}

/// "45 %" in Danish (a space before the sign, as Danish style guides write it), "45%" in English.
fn percent_text(value: f64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{} %", lang.number(value, 0)),
        Lang::En => format!("{}%", lang.number(value, 0)),
    }
}
