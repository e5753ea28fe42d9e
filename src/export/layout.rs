//! Where everything goes on the canvas: margins measured from the text they must hold, so
//! titles, tick labels, legends and labels beside bars are never cut off, at any size.

use super::lanes::{assign_lanes, strip_pieces};
use super::text::{text_width, wrap};
use crate::charts::{ChartKind, ChartSpec, Mark};

/// Font sizes and spacing in pixels, scaled from a 1920x1080 slide design.
pub struct Sizes {
    pub scale: f64,
    pub pad: f64,
    pub title: f64,
    pub subtitle: f64,
    pub tick: f64,
    pub label: f64,
    pub legend: f64,
    pub source: f64,
    pub timeline: f64,
}

impl Sizes {
    /// `text` enlarges the type (a picture on a slide below its title wants 1.2).
    pub fn new(width: f64, height: f64, text: f64) -> Sizes {
        // The smaller of the two ratios, so a 4:3 image is not crowded by 16:9 type; a floor so
        // a thumbnail still has legible (if large) text. At 1920x1080 on a 13.3-inch-wide slide,
        // 34 px tick labels are 17 pt and value labels 16 pt: readable from the back of a room.
        // A chart taller than its slide (a long crosstab) keeps the type of its width.
        let scale = (width / 1920.0).min(height / 1080.0).max(0.3) * text.clamp(0.5, 2.0);
        Sizes {
            scale,
            pad: 40.0 * scale,
            title: 58.0 * scale,
            subtitle: 34.0 * scale,
            tick: 34.0 * scale,
            label: 32.0 * scale,
            legend: 32.0 * scale,
            source: 26.0 * scale,
            timeline: 27.0 * scale,
        }
    }
}

/// A line of text at a baseline.
pub struct Line {
    pub text: String,
    pub x: f64,
    pub y: f64,
}

pub struct LegendEntry {
    pub x: f64,
    pub y: f64,
    pub index: usize,
}

/// A timeline label above the plot: which mark, on which lane (0 = nearest the plot), and
/// where its text starts.
pub struct LaneLabel {
    pub mark: usize,
    pub lane: usize,
    pub text_x: f64,
}

/// A piece of the strip under the trend: timeline entries outside the view.
pub struct StripPiece {
    pub x: f64,
    pub y: f64,
    pub text: String,
    pub muted: bool,
}

pub struct Layout {
    pub sizes: Sizes,
    pub width: f64,
    pub title: Vec<Line>,
    pub subtitle: Vec<Line>,
    pub legend: Vec<LegendEntry>,
    pub lanes: Vec<LaneLabel>,
    pub lane_height: f64,
    /// Category labels on the y axis, wrapped: (tick index, lines).
    pub y_tick_lines: Vec<Vec<String>>,
    pub strip: Vec<StripPiece>,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Layout {
    pub fn x(&self, spec: &ChartSpec, value: f64) -> f64 {
        let span = spec.x_axis.max - spec.x_axis.min;
        let t = if span.abs() > f64::EPSILON {
            (value - spec.x_axis.min) / span
        } else {
            0.5
        };
        self.left + t * (self.right - self.left)
    }

    pub fn y(&self, spec: &ChartSpec, value: f64) -> f64 {
        let span = spec.y_axis.max - spec.y_axis.min;
        let t = if span.abs() > f64::EPSILON {
            (value - spec.y_axis.min) / span
        } else {
            0.5
        };
        self.bottom - t * (self.bottom - self.top)
    }

    /// The lane's baseline for timeline labels.
    pub fn lane_baseline(&self, lane: usize) -> f64 {
        self.top - self.sizes.label * 0.6 - lane as f64 * self.lane_height
    }
}

pub fn horizontal(spec: &ChartSpec) -> bool {
    matches!(spec.kind, ChartKind::Distribution | ChartKind::CrossTab)
}

/// The least height in pixels a category row needs: its wrapped label, with air.
pub fn row_height(layout: &Layout) -> f64 {
    let lines = layout.y_tick_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let s = &layout.sizes;
    (lines as f64 * s.tick * 1.2 + s.tick * 0.1).max(s.label * 1.3)
}

/// The height a chart needs at `width` so its category rows do not crowd: `height` itself, or
/// more for a crosstab of many values.
pub fn fitted_height(spec: &ChartSpec, width: f64, height: f64, text: f64) -> f64 {
    if !horizontal(spec) {
        return height;
    }
    let l = layout(spec, width, height, text);
    let needed = spec.y_axis.ticks.len() as f64 * row_height(&l);
    let plot = l.bottom - l.top;
    if needed > plot { height + needed - plot } else { height }
}

pub fn layout(spec: &ChartSpec, width: f64, height: f64, text: f64) -> Layout {
    let s = Sizes::new(width, height, text);
    let heading = heading(spec, &s, width);
    let y_tick_lines = y_tick_lines(spec, &s, width);
    let left = left_edge(spec, &s, &y_tick_lines);
    let right = right_edge(spec, &s, width, left);
    let (strip, bottom) = bottom_edge(spec, &s, width, height);
    // Top: value labels above the highest bar, and the timeline's label lanes.
    let lane_height = s.timeline * 1.55;
    let probe = Layout {
        sizes: s,
        width,
        title: heading.title,
        subtitle: heading.subtitle,
        legend: heading.legend,
        lanes: Vec::new(),
        lane_height,
        y_tick_lines,
        strip,
        left,
        right,
        top: heading.bottom,
        bottom,
    };
    let lanes = assign_lanes(spec, &probe);
    let lane_count = lanes.iter().map(|l| l.lane + 1).max().unwrap_or(0);
    let headroom = probe.sizes.label * 1.4;
    let top = heading.bottom + headroom + lane_count as f64 * lane_height;
    Layout {
        lanes,
        top: top.min(bottom - height * 0.2),
        ..probe
    }
}

/// Title, subtitle and legend from the top down, and where they end.
struct Heading {
    title: Vec<Line>,
    subtitle: Vec<Line>,
    legend: Vec<LegendEntry>,
    bottom: f64,
}

fn heading(spec: &ChartSpec, s: &Sizes, width: f64) -> Heading {
    let inner = width - 2.0 * s.pad;
    let mut y = s.pad;
    let mut title = Vec::new();
    let title_text = if spec.title.trim().is_empty() {
        ""
    } else {
        spec.title.as_str()
    };
    for text in wrap(title_text, s.title, true, inner)
        .into_iter()
        .filter(|t| !t.is_empty())
    {
        y += s.title;
        title.push(Line { text, x: s.pad, y });
        y += s.title * 0.25;
    }
    let mut subtitle = Vec::new();
    if let Some(sub) = spec.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
        for text in wrap(sub, s.subtitle, false, inner) {
            y += s.subtitle;
            subtitle.push(Line { text, x: s.pad, y });
            y += s.subtitle * 0.3;
        }
    }
    y += s.legend * 0.6;
    let legend = legend_entries(spec, s, width, &mut y);
    Heading {
        title,
        subtitle,
        legend,
        bottom: y,
    }
}

/// The legend's entries in rows as wide as the chart, from `y` down; `y` left below them.
fn legend_entries(spec: &ChartSpec, s: &Sizes, width: f64, y: &mut f64) -> Vec<LegendEntry> {
    let mut legend = Vec::new();
    if spec.legend.is_empty() {
        return legend;
    }
    let mut x = s.pad;
    *y += s.legend;
    for (index, item) in spec.legend.iter().enumerate() {
        let w = s.legend * 1.2 + text_width(&item.label, s.legend, false);
        if x > s.pad && x + w > width - s.pad {
            x = s.pad;
            *y += s.legend * 1.5;
        }
        legend.push(LegendEntry { x, y: *y, index });
        x += w + s.legend * 1.4;
    }
    *y += s.legend * 0.8;
    legend
}

/// The y tick labels: categories wrapped to at most 30 % of the width, numbers as they are.
fn y_tick_lines(spec: &ChartSpec, s: &Sizes, width: f64) -> Vec<Vec<String>> {
    let horizontal = horizontal(spec);
    spec.y_axis
        .ticks
        .iter()
        .map(|(_, label)| {
            if horizontal {
                wrap(label, s.tick, false, width * 0.3)
            } else {
                vec![label.clone()]
            }
        })
        .collect()
}

/// Left: the y tick labels and the axis label.
fn left_edge(spec: &ChartSpec, s: &Sizes, y_tick_lines: &[Vec<String>]) -> f64 {
    let tick_width = y_tick_lines
        .iter()
        .flatten()
        .map(|l| text_width(l, s.tick, false))
        .fold(0.0, f64::max);
    let y_label_space = if spec.y_axis.label.is_empty() {
        0.0
    } else {
        s.tick * 1.6
    };
    s.pad + y_label_space + tick_width + s.tick * 0.6
}

/// Right: room for the last x tick label's half, and for labels that start at a bar's end.
fn right_edge(spec: &ChartSpec, s: &Sizes, width: f64, left: f64) -> f64 {
    let last_half = spec
        .x_axis
        .ticks
        .last()
        .map(|(_, l)| text_width(l, s.tick, false) / 2.0)
        .unwrap_or(0.0);
    let mut right = width - s.pad - last_half;
    let span = spec.x_axis.max - spec.x_axis.min;
    if horizontal(spec) && span > 0.0 {
        let limit = width - s.pad;
        for (x, text_px) in outside_labels(spec, s) {
            let t = (x - spec.x_axis.min) / span;
            if t > 0.0 {
                right = right.min(left + (limit - text_px - left) / t);
            }
        }
    }
    right.max(left + width * 0.2)
}

/// Bottom: source line, the strip of timeline entries out of view, x axis label, x tick
/// labels; the strip's rows placed once the plot's bottom is known. The strip and the
/// plot's bottom.
fn bottom_edge(spec: &ChartSpec, s: &Sizes, width: f64, height: f64) -> (Vec<StripPiece>, f64) {
    let (mut strip, strip_rows) = strip_pieces(spec, s, width);
    let mut bottom = height - s.pad;
    if !spec.source.trim().is_empty() {
        bottom -= s.source * 1.6;
    }
    bottom -= strip_rows as f64 * s.timeline * 1.45;
    if !spec.x_axis.label.is_empty() {
        bottom -= s.tick * 1.5;
    }
    bottom -= s.tick * 1.75;
    let strip_top = bottom
        + s.tick * 1.5
        + if spec.x_axis.label.is_empty() {
            0.0
        } else {
            s.tick * 1.5
        };
    for piece in &mut strip {
        piece.y = strip_top + s.timeline * 1.45 * (piece.y + 1.0);
    }
    (strip, bottom)
}

/// Labels drawn to the right of a data position: (x in data units, space they need in px).
fn outside_labels(spec: &ChartSpec, s: &Sizes) -> Vec<(f64, f64)> {
    spec.marks
        .iter()
        .filter_map(|mark| match mark {
            Mark::Text { x, text, .. } => Some((*x, s.label * 0.4 + text_width(text, s.label, false))),
            Mark::Rect {
                x0,
                x1,
                label: Some(label),
                ..
            } if spec.kind == ChartKind::CrossTab => {
                Some((x0.max(*x1), s.label * 0.4 + text_width(label, s.label, true)))
            }
            _ => None,
        })
        .collect()
}
