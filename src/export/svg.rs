//! A [`ChartSpec`] as a standalone SVG: real vector shapes, text as `<text>` in the bundled
//! font's family (with Arial/Helvetica fallbacks for viewers), laid out from measured text.

// Text is built in Strings, whose `write!` cannot fail: the `let _ = write!`s drop nothing.
use std::fmt::Write;

use super::Background;
use super::layout::{Layout, horizontal, layout};
use super::text::{escape, text_width};
use crate::charts::palette::text_on;
use crate::charts::{Anchor, ChartKind, ChartSpec, Mark, Rgba};

pub const FONT_FAMILY: &str = "Liberation Sans, Arial, Helvetica, sans-serif";

const INK: &str = "#1a1a1a";
const MUTED: &str = "#595959";
const GRID: &str = "#d9d9d9";
const AXIS: &str = "#404040";

/// The chart as SVG on a white background (what a slide wants).
pub fn to_svg(spec: &ChartSpec, width: u32, height: u32) -> String {
    render(spec, width, height, Background::White)
}

pub fn render(spec: &ChartSpec, width: u32, height: u32, background: Background) -> String {
    let (w, h) = (f64::from(width.max(1)), f64::from(height.max(1)));
    let l = layout(spec, w, h);
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}">"#
    );
    let _ = write!(out, "<title>{}</title>", escape(&spec.title));
    let _ = write!(
        out,
        r#"<defs><clipPath id="plot"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath></defs>"#,
        l.left,
        l.top,
        l.right - l.left,
        l.bottom - l.top
    );
    if background == Background::White {
        out.push_str(r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    }
    header(&mut out, spec, &l);
    spans(&mut out, spec, &l);
    grid(&mut out, spec, &l);
    marks(&mut out, spec, &l);
    timeline_labels(&mut out, spec, &l);
    axes(&mut out, spec, &l);
    let s = &l.sizes;
    text(
        &mut out,
        s.pad,
        h - s.pad,
        s.source,
        MUTED,
        "start",
        false,
        &spec.source,
    );
    out.push_str("</svg>\n");
    out
}

#[allow(clippy::too_many_arguments)] // a text element simply has this many attributes
fn text(out: &mut String, x: f64, y: f64, size: f64, fill: &str, anchor: &str, bold: bool, content: &str) {
    let weight = if bold { r#" font-weight="bold""# } else { "" };
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" fill="{fill}" text-anchor="{anchor}"{weight}>{}</text>"#,
        escape(content)
    );
}

fn paint(color: Rgba) -> String {
    if color.3 == 255 {
        format!(r#"fill="{}""#, color.hex())
    } else {
        format!(r#"fill="{}" fill-opacity="{:.3}""#, color.hex(), color.opacity())
    }
}

fn header(out: &mut String, spec: &ChartSpec, l: &Layout) {
    let s = &l.sizes;
    for line in &l.title {
        text(out, line.x, line.y, s.title, INK, "start", true, &line.text);
    }
    for line in &l.subtitle {
        text(out, line.x, line.y, s.subtitle, MUTED, "start", false, &line.text);
    }
    for entry in &l.legend {
        let Some(item) = spec.legend.get(entry.index) else {
            continue;
        };
        let box_size = s.legend * 0.8;
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{box_size:.1}" height="{box_size:.1}" rx="{:.1}" {}/>"#,
            entry.x,
            entry.y - box_size * 0.9,
            box_size * 0.15,
            paint(item.color)
        );
        text(
            out,
            entry.x + s.legend * 1.2,
            entry.y,
            s.legend,
            INK,
            "start",
            false,
            &item.label,
        );
    }
}

/// Timeline spans: shaded bands over the whole plot height, under everything else.
fn spans(out: &mut String, spec: &ChartSpec, l: &Layout) {
    for mark in &spec.marks {
        if let Mark::Span { x0, x1, fill, .. } = mark {
            let (a, b) = (l.x(spec, *x0).max(l.left), l.x(spec, *x1).min(l.right));
            if b > a {
                let _ = write!(
                    out,
                    r#"<rect x="{a:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {}/>"#,
                    l.top,
                    b - a,
                    l.bottom - l.top,
                    paint(*fill)
                );
            }
        }
    }
}

/// Light grid lines at the value axis' ticks; zero drawn darker where the axis crosses it.
fn grid(out: &mut String, spec: &ChartSpec, l: &Layout) {
    let stroke = l.sizes.scale.max(0.5);
    if horizontal(spec) {
        for (value, _) in &spec.x_axis.ticks {
            let x = l.x(spec, *value);
            let color = if value.abs() < 1e-9 { AXIS } else { GRID };
            let _ = write!(
                out,
                r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{color}" stroke-width="{:.1}"/>"#,
                l.top,
                l.bottom,
                stroke * if color == AXIS { 2.0 } else { 1.0 }
            );
        }
    } else {
        for (value, _) in &spec.y_axis.ticks {
            let y = l.y(spec, *value);
            let _ = write!(
                out,
                r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{GRID}" stroke-width="{stroke:.1}"/>"#,
                l.left, l.right
            );
        }
    }
}

fn marks(out: &mut String, spec: &ChartSpec, l: &Layout) {
    let s = &l.sizes;
    out.push_str(r#"<g clip-path="url(#plot)">"#);
    for mark in &spec.marks {
        match mark {
            Mark::Rect {
                x0, x1, y0, y1, fill, ..
            } => {
                let (a, b) = (l.x(spec, *x0), l.x(spec, *x1));
                let (top, bottom) = (l.y(spec, *y1), l.y(spec, *y0));
                let _ = write!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {}/>"#,
                    a.min(b),
                    top.min(bottom),
                    (b - a).abs(),
                    (bottom - top).abs(),
                    paint(*fill)
                );
            }
            Mark::Line {
                points, color, width, ..
            } => {
                let path: Vec<String> = points
                    .iter()
                    .map(|[x, y]| format!("{:.1},{:.1}", l.x(spec, *x), l.y(spec, *y)))
                    .collect();
                let _ = write!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{:.1}" stroke-linejoin="round" stroke-linecap="round"/>"#,
                    path.join(" "),
                    color.hex(),
                    width * s.scale
                );
                for [x, y] in points {
                    let _ = write!(
                        out,
                        r##"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{}" stroke="#ffffff" stroke-width="{:.1}"/>"##,
                        l.x(spec, *x),
                        l.y(spec, *y),
                        6.0 * s.scale,
                        color.hex(),
                        1.5 * s.scale
                    );
                }
            }
            Mark::HLine { y, color, .. } => {
                let y = l.y(spec, *y);
                let _ = write!(
                    out,
                    r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="{:.1}" stroke-dasharray="{:.1} {:.1}"/>"#,
                    l.left,
                    l.right,
                    color.hex(),
                    1.5 * s.scale,
                    8.0 * s.scale,
                    6.0 * s.scale
                );
            }
            _ => {}
        }
    }
    out.push_str("</g>");
    // Labels are outside the clip: a value label above a full bar may reach into the headroom.
    for mark in &spec.marks {
        match mark {
            Mark::Rect {
                x0,
                x1,
                y0,
                y1,
                fill,
                label: Some(label),
                ..
            } => {
                let (a, b) = (l.x(spec, *x0), l.x(spec, *x1));
                let (top, bottom) = (l.y(spec, *y1), l.y(spec, *y0));
                match spec.kind {
                    ChartKind::Distribution => {
                        // Only where it fits inside the segment.
                        if text_width(label, s.label, false) + s.label * 0.3 <= (b - a).abs() {
                            let color = text_on(*fill).hex();
                            let y = (top + bottom) / 2.0 + s.label * 0.35;
                            text(out, (a + b) / 2.0, y, s.label, &color, "middle", false, label);
                        }
                    }
                    ChartKind::CrossTab => {
                        let y = (top + bottom) / 2.0 + s.label * 0.35;
                        text(out, b.max(a) + s.label * 0.4, y, s.label, INK, "start", true, label);
                    }
                    _ => text(
                        out,
                        (a + b) / 2.0,
                        top - s.label * 0.35,
                        s.label,
                        INK,
                        "middle",
                        true,
                        label,
                    ),
                }
            }
            Mark::Text {
                x,
                y,
                text: content,
                anchor,
                color,
            } => {
                let (px, py) = (l.x(spec, *x), l.y(spec, *y) + s.label * 0.35);
                let (px, anchor) = match anchor {
                    Anchor::Start => (px + s.label * 0.4, "start"),
                    Anchor::Middle => (px, "middle"),
                    Anchor::End => (px - s.label * 0.4, "end"),
                };
                text(out, px, py, s.label, &color.hex(), anchor, false, content);
            }
            _ => {}
        }
    }
}

/// Event lines, and the labels of events and spans on their lanes above the plot.
fn timeline_labels(out: &mut String, spec: &ChartSpec, l: &Layout) {
    let s = &l.sizes;
    for lane in &l.lanes {
        let baseline = l.lane_baseline(lane.lane);
        match spec.marks.get(lane.mark) {
            Some(Mark::Event { x, label, color }) => {
                let px = l.x(spec, *x);
                let _ = write!(
                    out,
                    r#"<line x1="{px:.1}" y1="{:.1}" x2="{px:.1}" y2="{:.1}" stroke="{}" stroke-width="{:.1}" stroke-dasharray="{:.1} {:.1}"/>"#,
                    baseline - s.timeline * 0.8,
                    l.bottom,
                    color.hex(),
                    2.0 * s.scale,
                    6.0 * s.scale,
                    4.0 * s.scale
                );
                text(
                    out,
                    lane.text_x,
                    baseline,
                    s.timeline,
                    &color.hex(),
                    "start",
                    false,
                    label,
                );
            }
            Some(Mark::Span { x0, x1, label, fill }) => {
                // A bracket in the span's colour under its label shows how far it reaches.
                let (a, b) = (l.x(spec, *x0).max(l.left), l.x(spec, *x1).min(l.right));
                let strong = Rgba(fill.0, fill.1, fill.2, 200);
                let _ = write!(
                    out,
                    r#"<rect x="{a:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {}/>"#,
                    baseline + s.timeline * 0.2,
                    (b - a).max(1.0),
                    3.0 * s.scale,
                    paint(strong)
                );
                text(out, lane.text_x, baseline, s.timeline, INK, "start", false, label);
            }
            _ => {}
        }
    }
}

fn axes(out: &mut String, spec: &ChartSpec, l: &Layout) {
    let s = &l.sizes;
    let stroke = 2.0 * s.scale.max(0.5);
    let _ = write!(
        out,
        r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{AXIS}" stroke-width="{stroke:.1}"/>"#,
        l.left, l.bottom, l.right, l.bottom
    );
    if !horizontal(spec) {
        let _ = write!(
            out,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{AXIS}" stroke-width="{stroke:.1}"/>"#,
            l.left, l.top, l.left, l.bottom
        );
    }
    // x ticks, thinned to every k-th when neighbours would collide.
    let tick_y = l.bottom + s.tick * 1.3;
    let widths: Vec<f64> = spec
        .x_axis
        .ticks
        .iter()
        .map(|(_, t)| text_width(t, s.tick, false))
        .collect();
    let widest = widths.iter().copied().fold(0.0, f64::max);
    let count = spec.x_axis.ticks.len();
    let room = if count > 1 {
        (l.right - l.left) / (count - 1) as f64
    } else {
        f64::INFINITY
    };
    let every = ((widest + s.tick) / room).ceil().max(1.0) as usize;
    for (i, (value, label)) in spec.x_axis.ticks.iter().enumerate() {
        if i % every == 0 {
            text(out, l.x(spec, *value), tick_y, s.tick, INK, "middle", false, label);
        }
    }
    if !spec.x_axis.label.is_empty() {
        let y = tick_y + s.tick * 1.5;
        text(
            out,
            (l.left + l.right) / 2.0,
            y,
            s.tick,
            MUTED,
            "middle",
            false,
            &spec.x_axis.label,
        );
    }
    // y ticks: numbers or wrapped category names, centred on their position.
    let x = l.left - s.tick * 0.5;
    for ((value, _), lines) in spec.y_axis.ticks.iter().zip(&l.y_tick_lines) {
        let centre = l.y(spec, *value);
        let first = centre + s.tick * 0.35 - (lines.len() as f64 - 1.0) * s.tick * 0.6;
        for (k, line) in lines.iter().enumerate() {
            text(out, x, first + k as f64 * s.tick * 1.2, s.tick, INK, "end", false, line);
        }
    }
    if !spec.y_axis.label.is_empty() {
        let (cx, cy) = (s.pad + s.tick * 0.8, (l.top + l.bottom) / 2.0);
        let _ = write!(
            out,
            r#"<text x="{cx:.1}" y="{cy:.1}" font-size="{:.1}" fill="{MUTED}" text-anchor="middle" transform="rotate(-90 {cx:.1} {cy:.1})">{}</text>"#,
            s.tick,
            escape(&spec.y_axis.label)
        );
    }
}
