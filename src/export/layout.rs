//! Where everything goes on the canvas: margins measured from the text they must hold, so
//! titles, tick labels, legends and labels beside bars are never cut off, at any size.

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
    pub fn new(width: f64, height: f64) -> Sizes {
        // The smaller of the two ratios, so a 4:3 image is not crowded by 16:9 type; a floor so
        // a thumbnail still has legible (if large) text. At 1920x1080 on a 13.3-inch-wide slide,
        // 34 px tick labels are 17 pt and value labels 16 pt: readable from the back of a room.
        let scale = (width / 1920.0).min(height / 1080.0).max(0.3);
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

pub fn layout(spec: &ChartSpec, width: f64, height: f64) -> Layout {
    let s = Sizes::new(width, height);
    let inner = width - 2.0 * s.pad;
    let mut y = s.pad;
    let mut title = Vec::new();
    for text in wrap(&spec.title, s.title, true, inner) {
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
    let mut legend = Vec::new();
    if !spec.legend.is_empty() {
        let mut x = s.pad;
        y += s.legend;
        for (index, item) in spec.legend.iter().enumerate() {
            let w = s.legend * 1.2 + text_width(&item.label, s.legend, false);
            if x > s.pad && x + w > width - s.pad {
                x = s.pad;
                y += s.legend * 1.5;
            }
            legend.push(LegendEntry { x, y, index });
            x += w + s.legend * 1.4;
        }
        y += s.legend * 0.8;
    }

    // Left: the y tick labels (categories wrapped to at most 30 % of the width) and axis label.
    let horizontal = horizontal(spec);
    let y_tick_lines: Vec<Vec<String>> = spec
        .y_axis
        .ticks
        .iter()
        .map(|(_, label)| {
            if horizontal {
                wrap(label, s.tick, false, width * 0.3)
            } else {
                vec![label.clone()]
            }
        })
        .collect();
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
    let left = s.pad + y_label_space + tick_width + s.tick * 0.6;

    // Right: room for the last x tick label's half, and for labels that start at a bar's end.
    let last_half = spec
        .x_axis
        .ticks
        .last()
        .map(|(_, l)| text_width(l, s.tick, false) / 2.0)
        .unwrap_or(0.0);
    let mut right = width - s.pad - last_half;
    let span = spec.x_axis.max - spec.x_axis.min;
    if horizontal && span > 0.0 {
        let limit = width - s.pad;
        for (x, text_px) in outside_labels(spec, &s) {
            let t = (x - spec.x_axis.min) / span;
            if t > 0.0 {
                right = right.min(left + (limit - text_px - left) / t);
            }
        }
    }
    right = right.max(left + width * 0.2);

    // Bottom: source line, x axis label, x tick labels.
    let mut bottom = height - s.pad - s.source * 1.6;
    if !spec.x_axis.label.is_empty() {
        bottom -= s.tick * 1.5;
    }
    bottom -= s.tick * 1.6;

    // Top: value labels above the highest bar, and the timeline's label lanes.
    let lane_height = s.timeline * 1.55;
    let probe = Layout {
        sizes: s,
        width,
        title,
        subtitle,
        legend,
        lanes: Vec::new(),
        lane_height,
        y_tick_lines,
        left,
        right,
        top: y,
        bottom,
    };
    let lanes = assign_lanes(spec, &probe);
    let lane_count = lanes.iter().map(|l| l.lane + 1).max().unwrap_or(0);
    let headroom = probe.sizes.label * 1.4;
    let top = y + headroom + lane_count as f64 * lane_height;
    Layout {
        lanes,
        top: top.min(bottom - height * 0.2),
        ..probe
    }
}

/// Labels drawn to the right of a data position: (x in data units, space they need in px).
fn outside_labels(spec: &ChartSpec, s: &Sizes) -> Vec<(f64, f64)> {
    spec.marks
        .iter()
        .filter_map(|mark| match mark {
            Mark::Text { x, text, .. } => Some((*x, s.label * 0.4 + text_width(text, s.label, false))),
            Mark::Rect {
                x1, label: Some(label), ..
            } if spec.kind == ChartKind::CrossTab => Some((*x1, s.label * 0.4 + text_width(label, s.label, true))),
            _ => None,
        })
        .collect()
}

/// Puts each span and event label on the lowest lane where it touches no other label and no
/// event's line (an event's line runs from the plot up through the lanes below its label).
fn assign_lanes(spec: &ChartSpec, layout: &Layout) -> Vec<LaneLabel> {
    let size = layout.sizes.timeline;
    let gap = size * 0.6;
    let limit = layout.width - layout.sizes.pad;
    // (mark, label from, label to, text start, event line x)
    let mut items: Vec<(usize, f64, f64, f64, Option<f64>)> = Vec::new();
    for (index, mark) in spec.marks.iter().enumerate() {
        let (start, end, label, line) = match mark {
            Mark::Span { x0, x1, label, .. } => {
                let a = layout.x(spec, *x0).max(layout.left);
                let b = layout.x(spec, *x1).min(layout.right);
                (a, b, label, None)
            }
            Mark::Event { x, label, .. } => {
                let a = layout.x(spec, *x);
                (a, a, label, Some(a))
            }
            _ => continue,
        };
        let text = text_width(label, size, false);
        let mut text_x = start + size * 0.3;
        if text_x + text > limit {
            // No room on the right: an event's label goes left of its line, a span's ends at the edge.
            text_x = match line {
                Some(x) => x - size * 0.3 - text,
                None => limit - text,
            }
            .max(layout.sizes.pad);
        }
        items.push((index, start.min(text_x), end.max(text_x + text), text_x, line));
    }
    // Events first, right to left: an event's label lies right of its line, so a line going up
    // past lower lanes only meets labels of events further left, which come later and dodge it.
    // Then spans, left to right.
    items.sort_by(|a, b| match (a.4, b.4) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.total_cmp(&b.1),
    });
    let mut lanes: Vec<Vec<(f64, f64)>> = Vec::new();
    let free = |lane: Option<&Vec<(f64, f64)>>, from: f64, to: f64| {
        lane.is_none_or(|taken| taken.iter().all(|(a, b)| to + gap <= *a || *b + gap <= from))
    };
    let mut out = Vec::new();
    for (mark, from, to, text_x, line) in items {
        let line_clear =
            |k: usize| line.is_none_or(|x| (0..k).all(|below| free(lanes.get(below), x - gap / 2.0, x + gap / 2.0)));
        let lane = (0..=lanes.len())
            .find(|&k| free(lanes.get(k), from, to) && line_clear(k))
            .unwrap_or(lanes.len());
        while lanes.len() <= lane {
            lanes.push(Vec::new());
        }
        if let Some(taken) = lanes.get_mut(lane) {
            taken.push((from, to));
        }
        if let Some(x) = line {
            for below in lanes.iter_mut().take(lane) {
                below.push((x - 1.0, x + 1.0));
            }
        }
        out.push(LaneLabel { mark, lane, text_x });
    }
    out
}
