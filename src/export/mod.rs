//! Getting charts and tables out of the app: SVG and PNG for slides, CSV/XLSX/text for Excel.

mod layout;
mod metrics;
pub mod png;
pub mod svg;
pub mod table;

mod text;

pub use png::{PngError, to_png};
pub use svg::to_svg;

/// What is behind the chart: white for a slide, transparent for a coloured template.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Background {
    #[default]
    White,
    Transparent,
}
