//! Who has answered, for export: the coverage table (every municipality by check-in week, then
//! the counts per wave) and a chart of the response rate per wave and week.

use super::palette;
use super::spec::{Axis, ChartKind, ChartSpec, Counted, LegendItem, Mark};
use crate::analysis::coverage::{Coverage, Status, Tally, WEEKS};
use crate::export::table::{Table, Value};
use crate::locale::Lang;

pub fn status_text(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::Answered => lang.pick("Svaret", "Answered"),
        Status::Missing => lang.pick("Mangler", "Missing"),
        Status::NotYet => lang.pick("Ikke endnu", "Not yet"),
    }
}

/// "92 % (46 af 50)"; "–" when nothing was expected yet.
pub fn rate_text(tally: &Tally, lang: Lang) -> String {
    match tally.rate() {
        None => "–".to_string(),
        Some(rate) => format!(
            "{} ({} {} {})",
            crate::analysis::verdict::percent(rate, lang),
            lang.count(tally.answered as u64),
            lang.pick("af", "of"),
            lang.count(tally.expected as u64)
        ),
    }
}

pub fn coverage_table(coverage: &Coverage, lang: Lang) -> Table {
    let mut headers = vec![
        lang.pick("Kommune", "Municipality").to_string(),
        lang.pick("Rul", "Wave").to_string(),
    ];
    headers.extend(WEEKS.iter().map(|w| format!("{} {w}", lang.pick("Uge", "Week"))));
    headers.push(lang.pick("Svarprocent", "Response rate").to_string());
    let mut rows: Vec<Vec<Value>> = coverage
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                Value::Text(row.municipality.clone()),
                Value::Text(lang.data_value(&row.wave)),
            ];
            cells.extend(row.weeks.iter().map(|s| Value::Text(status_text(*s, lang).to_string())));
            let tally = Tally {
                answered: row.answered(),
                expected: row.expected(),
            };
            cells.push(Value::Text(rate_text(&tally, lang)));
            cells
        })
        .collect();
    for ((wave, tally), (_, weeks)) in coverage.waves.iter().zip(&coverage.weeks) {
        let mut cells = vec![
            Value::Text(lang.pick("I alt", "Total").to_string()),
            Value::Text(lang.data_value(wave)),
        ];
        cells.extend(weeks.iter().map(|t| Value::Text(rate_text(t, lang))));
        cells.push(Value::Text(rate_text(tally, lang)));
        rows.push(cells);
    }
    Table {
        name: lang.pick("Svarprocent", "Coverage").to_string(),
        headers,
        rows,
    }
}

/// Grouped bars: per wave (in time order), the response rate of each check-in week.
pub fn coverage_chart(coverage: &Coverage, lang: Lang) -> ChartSpec {
    let series = WEEKS.len();
    let width = 0.8 / series as f64;
    let mut marks = Vec::new();
    for (i, (_, weeks)) in coverage.weeks.iter().enumerate() {
        for (j, tally) in weeks.iter().enumerate() {
            let Some(rate) = tally.rate() else { continue };
            let x0 = i as f64 - 0.4 + j as f64 * width + width * 0.08;
            marks.push(Mark::Rect {
                x0,
                x1: x0 + width * 0.84,
                y0: 0.0,
                y1: rate * 100.0,
                fill: palette::phase_color(j, series),
                label: Some(crate::analysis::verdict::percent(rate, lang)),
                series: j,
            });
        }
    }
    let (answered, expected) = coverage
        .waves
        .iter()
        .fold((0, 0), |(a, e), (_, t)| (a + t.answered, e + t.expected));
    let whose = if coverage.from_plan {
        lang.pick("kommunerne i rulleplanen", "the municipalities in the rollout plan")
    } else {
        lang.pick(
            "kommuner set i dataene (uden plan ses de, der aldrig har svaret, ikke)",
            "municipalities seen in the data (without a plan, those who never answered are not seen)",
        )
    };
    let counted = Counted::AnsweredOf {
        answered: answered as u64,
        expected: expected as u64,
    };
    ChartSpec {
        kind: ChartKind::Bars,
        title: lang
            .pick(
                "Svarprocent pr. rul og check-in-uge",
                "Response rate per wave and check-in week",
            )
            .to_string(),
        subtitle: Some(format!("{} {whose}", lang.pick("Andel af", "Share of"))),
        source: counted.line(lang, super::meetings(lang)),
        counted,
        x_axis: Axis {
            label: String::new(),
            min: -0.5,
            max: coverage.weeks.len() as f64 - 0.5,
            ticks: coverage
                .weeks
                .iter()
                .enumerate()
                .map(|(i, (w, _))| (i as f64, lang.data_value(w)))
                .collect(),
        },
        y_axis: Axis {
            label: lang.pick("Svarprocent", "Response rate").to_string(),
            min: 0.0,
            max: 100.0,
            ticks: (0..=4).map(|k| (f64::from(k * 25), format!("{} %", k * 25))).collect(),
        },
        legend: WEEKS
            .iter()
            .enumerate()
            .map(|(j, w)| LegendItem {
                label: format!("{} {w}", lang.pick("Uge", "Week")),
                color: palette::phase_color(j, series),
            })
            .collect(),
        marks,
    }
}
