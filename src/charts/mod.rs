//! Charts as data ([`spec::ChartSpec`]), built from analysis results, drawn by the window and
//! written to SVG and PNG by the exports.

mod bars;
mod crosstab;
mod distribution;
pub mod palette;
pub mod spec;
mod trend;

pub use bars::bars_chart;
pub use crosstab::crosstab_chart;
pub use distribution::distribution_chart;
pub use spec::{Anchor, Axis, ChartKind, ChartSpec, LegendItem, Mark, Rgba};
pub use trend::trend_chart;

use crate::locale::Lang;

/// "Kilde: check-in møder, n = 1.487": the default source line; the user edits `spec.source`
/// before export when the data came from elsewhere.
pub fn source_line(lang: Lang, n: u64) -> String {
    source_line_for(lang, lang.pick("check-in møder", "check-in meetings"), n)
}

/// A source line naming the source: "Kilde: klik-survey.csv, n = 637".
pub fn source_line_for(lang: Lang, source: &str, n: u64) -> String {
    format!("{} {source}, n = {}", lang.pick("Kilde:", "Source:"), lang.count(n))
}

/// A mean as a bar label, starred when the group is small (n < 10).
fn score_label(mean: f64, small: bool, lang: Lang) -> String {
    let text = lang.number(mean, 2);
    if small { format!("{text}*") } else { text }
}
