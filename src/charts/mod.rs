//! Charts as data ([`spec::ChartSpec`]), built from analysis results, drawn by the window and
//! written to SVG and PNG by the exports.

pub mod spec;

pub use spec::{Anchor, Axis, ChartKind, ChartSpec, LegendItem, Mark, Rgba};
