//! One description of a chart, in data coordinates, that both the window and the
//! exports (SVG, PNG) draw. Whatever a slide shows, the screen showed: same data, labels,
//! colours and timeline.

use serde::Serialize;

use crate::locale::Lang;

/// sRGB colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba(r, g, b, 255)
    }

    /// "#rrggbb" for SVG and CSS.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    pub fn opacity(self) -> f64 {
        f64::from(self.3) / 255.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Axis {
    pub label: String,
    pub min: f64,
    pub max: f64,
    /// Tick positions and their labels, already formatted for the language (3,5 / 13-01).
    pub ticks: Vec<(f64, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// The things a chart is made of, in data coordinates (x along the x axis, y along the y axis).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Mark {
    /// A filled rectangle: a bar or a segment of a stacked bar. `label` is drawn on or beside it:
    /// the exports put it above the bar (Bars), centred inside when it fits (Distribution) or
    /// just past the bar's end (CrossTab).
    Rect {
        x0: f64,
        x1: f64,
        y0: f64,
        y1: f64,
        fill: Rgba,
        label: Option<String>,
        series: usize,
    },
    /// A line through points, with a dot at each point.
    Line {
        points: Vec<[f64; 2]>,
        color: Rgba,
        width: f64,
        series: usize,
    },
    /// A timeline event: a vertical line with its label at the top.
    Event { x: f64, label: String, color: Rgba },
    /// A timeline span: a shaded band with its label.
    Span {
        x0: f64,
        x1: f64,
        label: String,
        fill: Rgba,
    },
    /// Free text (e.g. a "Ved ikke" count beside a bar). With `Anchor::Start` at the x axis' max
    /// it sits right of the plot; the exports widen the right margin to fit it.
    Text {
        x: f64,
        y: f64,
        text: String,
        anchor: Anchor,
        color: Rgba,
    },
    /// A horizontal reference line (e.g. the scale's midpoint 3).
    HLine { y: f64, color: Rgba, label: Option<String> },
    /// The user's free-text note ("Release 1.4 her") pointing at a place in the data: a date
    /// on the trend, a bar's end. The layout finds it a spot where it covers no other text.
    Note { x: f64, y: f64, text: String },
    /// A timeline entry outside the chart's view, listed in a strip under the chart: its
    /// label and when ("18-11-2025").
    Strip { label: String, when: String },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LegendItem {
    pub label: String,
    pub color: Rgba,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChartKind {
    /// Grouped bars per wave × phase.
    Bars,
    /// Diverging stacked bars of the 1-5 answers per question, for one wave.
    Distribution,
    /// Mean per check-in over time, with the timeline drawn in.
    Trend,
    /// Mean by the values of a categorical column.
    CrossTab,
}

/// The answers a chart is drawn from, as its source line says them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Counted {
    /// "n = 1.487": the answers on the scale behind the chart.
    Answers(u64),
    /// "1.200 svar af 1.500": check-ins held against those expected (the coverage chart).
    AnsweredOf { answered: u64, expected: u64 },
}

impl Counted {
    /// The source line: "Kilde: klik-survey.csv, n = 637".
    pub fn line(self, lang: Lang, source: &str) -> String {
        let from = lang.pick("Kilde:", "Source:");
        match self {
            Counted::Answers(n) => format!("{from} {source}, n = {}", lang.count(n)),
            Counted::AnsweredOf { answered, expected } => format!(
                "{from} {source}: {} {} {}",
                lang.count(answered),
                lang.pick("svar af", "answers of"),
                lang.count(expected)
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartSpec {
    pub kind: ChartKind,
    pub title: String,
    pub subtitle: Option<String>,
    /// "Kilde: check-in møder, n = 1.487": editable before export.
    pub source: String,
    /// What the source line counts, so the line can be written again with the data's own name
    /// ([`ChartSpec::name_source`]) without reading the number back out of the text.
    pub counted: Counted,
    pub x_axis: Axis,
    pub y_axis: Axis,
    pub legend: Vec<LegendItem>,
    /// Drawn in order: spans first, then bars and lines, then text.
    pub marks: Vec<Mark>,
}

impl ChartSpec {
    /// The source line again, naming where the answers came from (a file, "Eksempeldata") in
    /// place of the builders' "check-in møder"; the count stays the chart's own.
    pub fn name_source(&mut self, lang: Lang, source: &str) {
        self.source = self.counted.line(lang, source);
    }
}
