//! A chart as a standalone SVG: the [`Scene`] of [`super::draw`] written out as real vector
//! shapes, text as `<text>` in the bundled font's family (with Arial/Helvetica fallbacks for
//! viewers). The window paints the same scene.

// Text is built in Strings, whose `write!` cannot fail: the `let _ = write!`s drop nothing.
use std::fmt::Write;

use super::Background;
use super::draw::{Canvas, draw};
use super::scene::{CircleItem, Item, LineItem, Look, PolylineItem, RectItem, Scene, TextItem};
use super::text::escape;
use crate::charts::{Anchor, ChartSpec, Rgba};

pub const FONT_FAMILY: &str = "Liberation Sans, Arial, Helvetica, sans-serif";

/// The chart as SVG on a white background (what a slide wants).
pub fn to_svg(spec: &ChartSpec, width: u32, height: u32) -> String {
    render(spec, width, height, Background::White)
}

/// The scene of a chart for an export background: light unless dark is asked for.
pub fn scene_for(spec: &ChartSpec, width: u32, height: u32, background: Background) -> Scene {
    let mut canvas = Canvas::new(f64::from(width.max(1)), f64::from(height.max(1)));
    if background == Background::Dark {
        canvas.look = Look::Dark;
    }
    let mut scene = draw(spec, canvas);
    if background == Background::Transparent {
        scene.background = None;
    }
    scene
}

pub fn render(spec: &ChartSpec, width: u32, height: u32, background: Background) -> String {
    write_svg(&scene_for(spec, width, height, background), &spec.title)
}

fn paint(attribute: &str, color: Rgba) -> String {
    if color.3 == 255 {
        format!(r#"{attribute}="{}""#, color.hex())
    } else {
        format!(
            r#"{attribute}="{}" {attribute}-opacity="{:.3}""#,
            color.hex(),
            color.opacity()
        )
    }
}

/// The scene as SVG text; `title` becomes the SVG's `<title>` (what a screen reader says).
pub fn write_svg(scene: &Scene, title: &str) -> String {
    let (width, height) = (scene.width.round(), scene.height.round());
    let mut out = String::with_capacity(16 * 1024 + scene.items.len() * 120);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}">"#
    );
    let _ = write!(out, "<title>{}</title>", escape(title));
    if let Some(background) = scene.background {
        let _ = write!(
            out,
            r#"<rect width="100%" height="100%" {}/>"#,
            paint("fill", background)
        );
    }
    for item in &scene.items {
        match item {
            Item::Rect(rect) => write_rect(&mut out, rect),
            Item::Line(line) => write_line(&mut out, line),
            Item::Polyline(polyline) => write_polyline(&mut out, polyline),
            Item::Circle(circle) => write_circle(&mut out, circle),
            Item::Text(text) => write_text(&mut out, text),
        }
    }
    out.push_str("</svg>\n");
    out
}

fn write_rect(out: &mut String, rect: &RectItem) {
    let RectItem {
        x,
        y,
        w,
        h,
        fill,
        radius,
    } = rect;
    let rounded = if *radius > 0.0 {
        format!(r#" rx="{radius:.1}""#)
    } else {
        String::new()
    };
    let _ = write!(
        out,
        r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}"{rounded} {}/>"#,
        paint("fill", *fill)
    );
}

fn write_line(out: &mut String, line: &LineItem) {
    let LineItem {
        from,
        to,
        color,
        width,
        dash,
    } = line;
    let dash = dash.map_or(String::new(), |[a, b]| format!(r#" stroke-dasharray="{a:.1} {b:.1}""#));
    let _ = write!(
        out,
        r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" {} stroke-width="{width:.1}"{dash}/>"#,
        from[0],
        from[1],
        to[0],
        to[1],
        paint("stroke", *color)
    );
}

fn write_polyline(out: &mut String, polyline: &PolylineItem) {
    let PolylineItem { points, color, width } = polyline;
    let path: Vec<String> = points.iter().map(|[x, y]| format!("{x:.1},{y:.1}")).collect();
    let _ = write!(
        out,
        r#"<polyline points="{}" fill="none" {} stroke-width="{width:.1}" stroke-linejoin="round" stroke-linecap="round"/>"#,
        path.join(" "),
        paint("stroke", *color)
    );
}

fn write_circle(out: &mut String, circle: &CircleItem) {
    let CircleItem {
        centre,
        radius,
        fill,
        stroke,
        stroke_width,
    } = circle;
    let _ = write!(
        out,
        r#"<circle cx="{:.1}" cy="{:.1}" r="{radius:.1}" {} {} stroke-width="{stroke_width:.1}"/>"#,
        centre[0],
        centre[1],
        paint("fill", *fill),
        paint("stroke", *stroke)
    );
}

/// A text at its baseline; the y axis' title turned a quarter left around its anchor.
fn write_text(out: &mut String, text: &TextItem) {
    let anchor = match text.anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    };
    let weight = if text.bold { r#" font-weight="bold""# } else { "" };
    let (x, y) = (text.x, text.y);
    let turn = if text.upright {
        format!(r#" transform="rotate(-90 {x:.1} {y:.1})""#)
    } else {
        String::new()
    };
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{:.1}" {} text-anchor="{anchor}"{weight}{turn}>{}</text>"#,
        text.size,
        paint("fill", text.color),
        escape(&text.text)
    );
}
