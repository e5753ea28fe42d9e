//! A [`ChartSpec`] laid out by [`super::layout`] becomes a [`Scene`]: every shape and text at
//! its pixel. Both renderers draw this scene, so the window and the files agree to the pixel.

use super::layout::{LaneLabel, Layout, horizontal, layout};
use super::scene::{CircleItem, Ink, Item, LineItem, Look, PolylineItem, RectItem, Scene, TextItem};
use super::text::text_width;
use crate::charts::{Anchor, ChartKind, ChartSpec, Mark, Rgba};

mod labels;

/// How big a picture's type is drawn: 1.0 for a picture of its own, more for a chart under a
/// slide's title.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Canvas {
    pub width: f64,
    pub height: f64,
    pub look: Look,
    pub text: f64,
}

impl Canvas {
    pub fn new(width: f64, height: f64) -> Canvas {
        Canvas {
            width,
            height,
            look: Look::Light,
            text: 1.0,
        }
    }
}

/// The chart laid out on the canvas.
pub fn draw(spec: &ChartSpec, canvas: Canvas) -> Scene {
    let (w, h) = (canvas.width.max(1.0), canvas.height.max(1.0));
    let l = layout(spec, w, h, canvas.text);
    let ink = canvas.look.ink();
    let mut d = Drawing {
        spec,
        l: &l,
        ink,
        look: canvas.look,
        items: Vec::with_capacity(256),
    };
    d.header();
    d.spans();
    d.grid();
    d.marks();
    d.timeline_labels();
    d.axes();
    d.strip();
    if !spec.source.trim().is_empty() {
        let s = &l.sizes;
        d.text([s.pad, h - s.pad], Type::of(s.source, ink.muted), &spec.source);
    }
    d.notes();
    Scene {
        width: w,
        height: h,
        background: Some(ink.background),
        items: d.items,
    }
}

/// How a text is set: size, colour, where its anchor is, weight. Plain and from its start
/// unless said.
#[derive(Clone, Copy)]
struct Type {
    size: f64,
    color: Rgba,
    anchor: Anchor,
    bold: bool,
}

impl Type {
    fn of(size: f64, color: Rgba) -> Type {
        Type {
            size,
            color,
            anchor: Anchor::Start,
            bold: false,
        }
    }

    fn anchored(self, anchor: Anchor) -> Type {
        Type { anchor, ..self }
    }

    fn bold(self) -> Type {
        Type { bold: true, ..self }
    }
}

struct Drawing<'a> {
    spec: &'a ChartSpec,
    l: &'a Layout,
    ink: Ink,
    look: Look,
    items: Vec<Item>,
}

impl Drawing<'_> {
    fn text(&mut self, [x, y]: [f64; 2], ty: Type, content: &str) {
        self.items.push(Item::Text(TextItem {
            x,
            y,
            size: ty.size,
            color: ty.color,
            anchor: ty.anchor,
            bold: ty.bold,
            upright: false,
            text: content.to_string(),
        }));
    }

    fn line(&mut self, from: [f64; 2], to: [f64; 2], color: Rgba, width: f64, dash: Option<[f64; 2]>) {
        self.items.push(Item::Line(LineItem {
            from,
            to,
            color,
            width,
            dash,
        }));
    }

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Rgba, radius: f64) {
        self.items.push(Item::Rect(RectItem {
            x,
            y,
            w,
            h,
            fill,
            radius,
        }));
    }

    fn header(&mut self) {
        let (l, ink) = (self.l, self.ink);
        let s = &l.sizes;
        for line in &l.title {
            self.text([line.x, line.y], Type::of(s.title, ink.text).bold(), &line.text);
        }
        for line in &l.subtitle {
            self.text([line.x, line.y], Type::of(s.subtitle, ink.muted), &line.text);
        }
        for entry in &l.legend {
            let Some(item) = self.spec.legend.get(entry.index) else {
                continue;
            };
            let size = s.legend * 0.8;
            let fill = self.look.data(item.color);
            self.rect(entry.x, entry.y - size * 0.9, size, size, fill, size * 0.15);
            let x = entry.x + s.legend * 1.2;
            self.text([x, entry.y], Type::of(s.legend, ink.text), &item.label);
        }
    }

    /// Timeline spans: shaded bands over the whole plot height, under everything else.
    fn spans(&mut self) {
        let (spec, l) = (self.spec, self.l);
        for mark in &spec.marks {
            if let Mark::Span { x0, x1, fill, .. } = mark {
                let (a, b) = (l.x(spec, *x0).max(l.left), l.x(spec, *x1).min(l.right));
                if b > a {
                    self.rect(a, l.top, b - a, l.bottom - l.top, *fill, 0.0);
                }
            }
        }
    }

    /// Light grid lines at the value axis' ticks.
    fn grid(&mut self) {
        let (spec, l, ink) = (self.spec, self.l, self.ink);
        let stroke = l.sizes.scale.max(0.5);
        if horizontal(spec) {
            for (value, _) in &spec.x_axis.ticks {
                let x = l.x(spec, *value);
                let zero = spec.kind == ChartKind::Distribution && value.abs() < 1e-9;
                let (color, width) = if zero {
                    (ink.axis, stroke * 2.0)
                } else {
                    (ink.grid, stroke)
                };
                self.line([x, l.top], [x, l.bottom], color, width, None);
            }
        } else {
            for (value, _) in &spec.y_axis.ticks {
                let y = l.y(spec, *value);
                self.line([l.left, y], [l.right, y], ink.grid, stroke, None);
            }
        }
    }

    /// The data: a function per kind of mark, each placed by the layout; then their labels.
    fn marks(&mut self) {
        for mark in &self.spec.marks {
            match mark {
                Mark::Rect {
                    x0, x1, y0, y1, fill, ..
                } => self.bar([*x0, *x1], [*y0, *y1], *fill),
                Mark::Line {
                    points, color, width, ..
                } => self.data_line(points, *color, *width),
                Mark::HLine { y, color, .. } => self.reference_line(*y, *color),
                _ => {}
            }
        }
        self.value_labels();
    }

    /// A bar (or a segment of one) from data x0-x1 and y0-y1, kept inside the plot.
    fn bar(&mut self, [x0, x1]: [f64; 2], [y0, y1]: [f64; 2], fill: Rgba) {
        let (spec, l) = (self.spec, self.l);
        let clamp_x = |v: f64| v.clamp(l.left, l.right);
        let clamp_y = |v: f64| v.clamp(l.top, l.bottom);
        let (a, b) = (clamp_x(l.x(spec, x0)), clamp_x(l.x(spec, x1)));
        let (top, bottom) = (clamp_y(l.y(spec, y1)), clamp_y(l.y(spec, y0)));
        let fill = self.look.data(fill);
        self.rect(
            a.min(b),
            top.min(bottom),
            (b - a).abs(),
            (bottom - top).abs(),
            fill,
            0.0,
        );
    }

    /// A wave's line through its points, a dot on each.
    fn data_line(&mut self, points: &[[f64; 2]], color: Rgba, width: f64) {
        let (spec, l) = (self.spec, self.l);
        let s = &l.sizes;
        let pixels: Vec<[f64; 2]> = points.iter().map(|[x, y]| [l.x(spec, *x), l.y(spec, *y)]).collect();
        let color = self.look.data(color);
        self.items.push(Item::Polyline(PolylineItem {
            points: pixels.clone(),
            color,
            width: width * s.scale,
        }));
        for centre in pixels {
            self.items.push(Item::Circle(CircleItem {
                centre,
                radius: 6.0 * s.scale,
                fill: color,
                stroke: self.ink.background,
                stroke_width: 1.5 * s.scale,
            }));
        }
    }

    /// A dashed line across the plot at a value (the scale's middle, 3).
    fn reference_line(&mut self, y: f64, color: Rgba) {
        let (spec, l) = (self.spec, self.l);
        let s = &l.sizes;
        let y = l.y(spec, y);
        let color = self.look.data(color);
        let dash = Some([8.0 * s.scale, 6.0 * s.scale]);
        self.line([l.left, y], [l.right, y], color, 1.5 * s.scale, dash);
    }

    /// Event lines, and the labels of events and spans on their lanes above the plot.
    fn timeline_labels(&mut self) {
        let (spec, l) = (self.spec, self.l);
        for lane in &l.lanes {
            match spec.marks.get(lane.mark) {
                Some(Mark::Event { x, label, color }) => self.event(lane, *x, label, *color),
                Some(Mark::Span { x0, x1, label, fill }) => self.span_bracket(lane, [*x0, *x1], label, *fill),
                _ => {}
            }
        }
    }

    /// An event: a dashed line from its label on its lane down through the plot.
    fn event(&mut self, lane: &LaneLabel, x: f64, label: &str, color: Rgba) {
        let (spec, l) = (self.spec, self.l);
        let s = &l.sizes;
        let baseline = l.lane_baseline(lane.lane);
        let px = l.x(spec, x);
        let color = self.look.data(color);
        let dash = Some([6.0 * s.scale, 4.0 * s.scale]);
        self.line(
            [px, baseline - s.timeline * 0.8],
            [px, l.bottom],
            color,
            2.0 * s.scale,
            dash,
        );
        self.text([lane.text_x, baseline], Type::of(s.timeline, color), label);
    }

    /// A span's label on its lane, a bracket in the span's colour under it showing how far it
    /// reaches (its band is drawn by `spans`).
    fn span_bracket(&mut self, lane: &LaneLabel, [x0, x1]: [f64; 2], label: &str, fill: Rgba) {
        let (spec, l, ink) = (self.spec, self.l, self.ink);
        let s = &l.sizes;
        let baseline = l.lane_baseline(lane.lane);
        let (a, b) = (l.x(spec, x0).max(l.left), l.x(spec, x1).min(l.right));
        let strong = Rgba(fill.0, fill.1, fill.2, 200);
        self.rect(
            a,
            baseline + s.timeline * 0.2,
            (b - a).max(1.0),
            3.0 * s.scale,
            strong,
            0.0,
        );
        self.text([lane.text_x, baseline], Type::of(s.timeline, ink.text), label);
    }

    fn axes(&mut self) {
        let (spec, l, ink) = (self.spec, self.l, self.ink);
        let s = &l.sizes;
        let stroke = 2.0 * s.scale.max(0.5);
        self.line([l.left, l.bottom], [l.right, l.bottom], ink.axis, stroke, None);
        if !horizontal(spec) {
            self.line([l.left, l.top], [l.left, l.bottom], ink.axis, stroke, None);
        }
        // x ticks, thinned to every k-th when neighbours would collide.
        // Low enough that the first x tick clears the lowest y tick at the corner.
        let tick_y = l.bottom + s.tick * 1.5;
        let widest = spec
            .x_axis
            .ticks
            .iter()
            .map(|(_, t)| text_width(t, s.tick, false))
            .fold(0.0, f64::max);
        let count = spec.x_axis.ticks.len();
        let room = if count > 1 {
            (l.right - l.left) / (count - 1) as f64
        } else {
            f64::INFINITY
        };
        let every = ((widest + s.tick) / room).ceil().max(1.0) as usize;
        for (i, (value, label)) in spec.x_axis.ticks.iter().enumerate() {
            if i % every == 0 {
                self.text(
                    [l.x(spec, *value), tick_y],
                    Type::of(s.tick, ink.text).anchored(Anchor::Middle),
                    label,
                );
            }
        }
        if !spec.x_axis.label.is_empty() {
            let y = tick_y + s.tick * 1.5;
            let x = (l.left + l.right) / 2.0;
            self.text(
                [x, y],
                Type::of(s.tick, ink.muted).anchored(Anchor::Middle),
                &spec.x_axis.label,
            );
        }
        // y ticks: numbers or wrapped category names, centred on their position.
        let x = l.left - s.tick * 0.5;
        for ((value, _), lines) in spec.y_axis.ticks.iter().zip(&l.y_tick_lines) {
            let centre = l.y(spec, *value);
            let first = centre + s.tick * 0.35 - (lines.len() as f64 - 1.0) * s.tick * 0.6;
            for (k, line) in lines.iter().enumerate() {
                let y = first + k as f64 * s.tick * 1.2;
                self.text([x, y], Type::of(s.tick, ink.text).anchored(Anchor::End), line);
            }
        }
        if !spec.y_axis.label.is_empty() {
            self.items.push(Item::Text(TextItem {
                x: s.pad + s.tick * 0.8,
                y: (l.top + l.bottom) / 2.0,
                size: s.tick,
                color: ink.muted,
                anchor: Anchor::Middle,
                bold: false,
                upright: true,
                text: spec.y_axis.label.clone(),
            }));
        }
    }

    /// Timeline entries outside the view, in rows under the chart.
    fn strip(&mut self) {
        let (l, ink) = (self.l, self.ink);
        for piece in &l.strip {
            let color = if piece.muted { ink.muted } else { ink.text };
            self.text([piece.x, piece.y], Type::of(l.sizes.timeline, color), &piece.text);
        }
    }
}
