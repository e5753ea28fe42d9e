//! A chart of many category rows (a crosstab of 103 municipalities) split into pages that
//! each fit their picture, for slides; the files sized to their rows use `fitted_size`.

use super::layout::{horizontal, layout, row_height};
use crate::charts::{ChartSpec, Mark};

/// The chart as one page, or as several whose rows each fit `width` x `height` without
/// crowding, the rows shared out evenly and kept in order.
pub fn pages(spec: &ChartSpec, width: f64, height: f64, text: f64) -> Vec<ChartSpec> {
    let count = spec.y_axis.ticks.len();
    if !horizontal(spec) || count == 0 {
        return vec![spec.clone()];
    }
    let l = layout(spec, width, height, text);
    let per_page = (((l.bottom - l.top) / row_height(&l)).floor() as usize).max(1);
    if count <= per_page {
        return vec![spec.clone()];
    }
    let page_count = count.div_ceil(per_page);
    let per = count.div_ceil(page_count);
    // Rows top to bottom (the highest y is the first row).
    let mut rows: Vec<f64> = spec.y_axis.ticks.iter().map(|(y, _)| *y).collect();
    rows.sort_by(|a, b| b.total_cmp(a));
    rows.chunks(per).map(|chunk| page(spec, chunk)).collect()
}

/// The page holding the rows at `ys` (top to bottom), renumbered from the top.
fn page(spec: &ChartSpec, ys: &[f64]) -> ChartSpec {
    let m = ys.len();
    let new_y = |y: f64| {
        ys.iter()
            .position(|row| (row - y).abs() < 0.5)
            .map(|j| (m - 1 - j) as f64 - *ys.get(j).unwrap_or(&0.0))
    };
    let mut out = spec.clone();
    out.y_axis.ticks = spec
        .y_axis
        .ticks
        .iter()
        .filter_map(|(y, label)| new_y(*y).map(|shift| (y + shift, label.clone())))
        .collect();
    out.y_axis.ticks.sort_by(|a, b| b.0.total_cmp(&a.0));
    out.y_axis.min = -0.5;
    out.y_axis.max = m as f64 - 0.5;
    out.marks = spec
        .marks
        .iter()
        .filter_map(|mark| {
            let mut mark = mark.clone();
            match &mut mark {
                Mark::Rect { y0, y1, .. } => {
                    let shift = new_y((*y0 + *y1) / 2.0)?;
                    *y0 += shift;
                    *y1 += shift;
                }
                Mark::Text { y, .. } | Mark::Note { y, .. } => *y += new_y(*y)?,
                _ => {}
            }
            Some(mark)
        })
        .collect();
    out
}
