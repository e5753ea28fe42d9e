//! A chart laid out: every shape and every piece of text at its place in pixels. The one
//! layout both renderers draw: [`super::svg`] writes it as SVG (and so the PNG and the slides),
//! the window paints it with egui. What the window shows is what the file holds.

use serde::Serialize;

use super::text::text_width;
use crate::charts::{Anchor, Rgba};

/// Light (a white slide) or dark (the window's dark mode, or an export asked for dark).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub enum Look {
    #[default]
    Light,
    Dark,
}

/// The colours of everything that is not data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ink {
    pub background: Rgba,
    pub text: Rgba,
    pub muted: Rgba,
    pub grid: Rgba,
    pub axis: Rgba,
    /// Behind a free-text note.
    pub note_fill: Rgba,
}

impl Look {
    pub fn ink(self) -> Ink {
        match self {
            Look::Light => Ink {
                background: Rgba::rgb(255, 255, 255),
                text: Rgba::rgb(26, 26, 26),
                muted: Rgba::rgb(89, 89, 89),
                grid: Rgba::rgb(217, 217, 217),
                axis: Rgba::rgb(64, 64, 64),
                note_fill: Rgba::rgb(255, 248, 214),
            },
            Look::Dark => Ink {
                background: Rgba::rgb(27, 27, 27),
                text: Rgba::rgb(235, 235, 235),
                muted: Rgba::rgb(190, 190, 190),
                grid: Rgba::rgb(70, 70, 70),
                axis: Rgba::rgb(200, 200, 200),
                note_fill: Rgba::rgb(74, 66, 30),
            },
        }
    }

    /// A data colour as this look shows it: on dark, the greys meant to stand out on white
    /// (the total bar, event lines) turn light so they do not sink into the background.
    pub fn data(self, color: Rgba) -> Rgba {
        if self == Look::Light {
            return color;
        }
        let grey = color.0.abs_diff(color.1) < 12 && color.1.abs_diff(color.2) < 12;
        if grey && color.0 < 128 {
            let light = 255 - color.0 / 2;
            Rgba(light, light, light, color.3)
        } else {
            color
        }
    }
}

/// A piece of text: `y` is the baseline, `x` where `anchor` says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextItem {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub color: Rgba,
    pub anchor: Anchor,
    pub bold: bool,
    /// Turned a quarter left (the y axis' title): reads upwards, `x` is the baseline.
    pub upright: bool,
    pub text: String,
}

/// Ascent and descent of Liberation Sans, in em.
pub const ASCENT: f64 = 0.905;
pub const DESCENT: f64 = 0.212;

impl TextItem {
    pub fn width(&self) -> f64 {
        text_width(&self.text, self.size, self.bold)
    }

    /// The box the text covers: [left, top, right, bottom].
    pub fn bounds(&self) -> [f64; 4] {
        let width = self.width();
        let start = match self.anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => -width / 2.0,
            Anchor::End => -width,
        };
        if self.upright {
            // Reads upwards: along -y from (x, y), ascent to the left of x.
            [
                self.x - self.size * ASCENT,
                self.y - start - width,
                self.x + self.size * DESCENT,
                self.y - start,
            ]
        } else {
            [
                self.x + start,
                self.y - self.size * ASCENT,
                self.x + start + width,
                self.y + self.size * DESCENT,
            ]
        }
    }
}

/// A filled rectangle: its top-left corner, its size, the radius of its corners.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RectItem {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub fill: Rgba,
    pub radius: f64,
}

/// A straight line, solid or dashed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineItem {
    pub from: [f64; 2],
    pub to: [f64; 2],
    pub color: Rgba,
    pub width: f64,
    /// Dash and gap lengths for a dashed line.
    pub dash: Option<[f64; 2]>,
}

/// A data line through its points, round at its joins and ends.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolylineItem {
    pub points: Vec<[f64; 2]>,
    pub color: Rgba,
    pub width: f64,
}

/// A filled and outlined dot (a data point, a note's anchor).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CircleItem {
    pub centre: [f64; 2],
    pub radius: f64,
    pub fill: Rgba,
    pub stroke: Rgba,
    pub stroke_width: f64,
}

/// One shape or text of the scene; each renderer has a function per kind. (Serialised as
/// the struct variants were: `{"Rect": {"x": …}}`.)
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Item {
    Rect(RectItem),
    Line(LineItem),
    Polyline(PolylineItem),
    Circle(CircleItem),
    Text(TextItem),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    /// None: transparent.
    pub background: Option<Rgba>,
    pub items: Vec<Item>,
}

impl Scene {
    pub fn texts(&self) -> impl Iterator<Item = &TextItem> {
        self.items.iter().filter_map(|item| match item {
            Item::Text(text) => Some(text),
            _ => None,
        })
    }

    /// Pairs of texts whose boxes overlap (by more than a hair): none in a good chart.
    pub fn overlapping_texts(&self) -> Vec<(String, String)> {
        let texts: Vec<&TextItem> = self.texts().filter(|t| !t.text.trim().is_empty()).collect();
        let mut out = Vec::new();
        for (i, a) in texts.iter().enumerate() {
            for b in texts.iter().skip(i + 1) {
                if overlap(a.bounds(), b.bounds(), 0.5) {
                    out.push((a.text.clone(), b.text.clone()));
                }
            }
        }
        out
    }

    /// Texts reaching past the canvas' edges.
    pub fn texts_outside(&self) -> Vec<String> {
        self.texts()
            .filter(|t| {
                let [l, top, r, bottom] = t.bounds();
                l < -0.5 || top < -0.5 || r > self.width + 0.5 || bottom > self.height + 0.5
            })
            .map(|t| t.text.clone())
            .collect()
    }
}

/// Whether two boxes [l, t, r, b] overlap by more than `slack` on both axes.
pub fn overlap(a: [f64; 4], b: [f64; 4], slack: f64) -> bool {
    let [al, at, ar, ab] = a;
    let [bl, bt, br, bb] = b;
    al + slack < br && bl + slack < ar && at + slack < bb && bt + slack < ab
}
