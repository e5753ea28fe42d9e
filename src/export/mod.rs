//! Getting charts and tables out of the app: SVG and PNG for slides, a PowerPoint deck,
//! CSV/XLSX/HTML/text for Excel and the clipboard.

pub mod clipboard;
pub mod draw;
mod lanes;
mod layout;
mod metrics;
pub mod pages;
pub mod png;
pub mod pptx;
pub mod scene;
pub mod svg;
pub mod table;

mod text;

pub use draw::{Canvas, draw};
pub use png::{PngError, to_png};
pub use scene::{Look, Scene};
pub use svg::to_svg;

/// What is behind the chart: white for a slide, transparent for a coloured template, dark
/// only when asked for (a dark slide theme).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Background {
    #[default]
    White,
    Transparent,
    Dark,
}

/// The size a chart is exported at: the size asked for, made taller where a crosstab's rows
/// need the room (103 municipalities make a tall picture, never a pile of labels).
pub fn fitted_size(spec: &crate::charts::ChartSpec, width: u32, height: u32) -> (u32, u32) {
    let fitted = layout::fitted_height(spec, f64::from(width.max(1)), f64::from(height.max(1)), 1.0);
    (width, (fitted.ceil() as u32).clamp(height, 16_384))
}
