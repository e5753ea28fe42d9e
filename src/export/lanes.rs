//! The timeline's text around a trend chart: event and span labels on lanes above the plot,
//! and the strip of entries outside the view under it.

use super::layout::{LaneLabel, Layout, Sizes, StripPiece};
use super::text::text_width;
use crate::charts::{ChartSpec, Mark};

/// The strip's pieces flowed into rows across the width ("Også på tidslinjen: Skyggevalg
/// 13-01-2025 – 07-02-2025 · …"), each piece's `y` its row number for now, and the row count.
pub(super) fn strip_pieces(spec: &ChartSpec, s: &Sizes, width: f64) -> (Vec<StripPiece>, usize) {
    let entries: Vec<(&str, &str)> = spec
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Strip { label, when } => Some((label.as_str(), when.as_str())),
            _ => None,
        })
        .collect();
    if entries.is_empty() {
        return (Vec::new(), 0);
    }
    let size = s.timeline;
    let space = text_width(" ", size, false);
    let limit = width - s.pad;
    let mut pieces = Vec::new();
    let (mut x, mut row) = (s.pad, 0usize);
    let mut put = |text: &str, muted: bool, keep_with: f64, pieces: &mut Vec<StripPiece>| {
        let w = text_width(text, size, false);
        if x > s.pad && x + w + keep_with > limit {
            x = s.pad;
            row += 1;
        }
        pieces.push(StripPiece {
            x,
            y: row as f64,
            text: text.to_string(),
            muted,
        });
        x += w + space;
    };
    // The first entry is the strip's heading ("Også på tidslinjen:"), without a when.
    for (i, (label, when)) in entries.iter().enumerate() {
        if when.is_empty() {
            // The heading (the first entry), or a label that holds its own date.
            let last = i + 1 == entries.len();
            let text = if i == 0 || last {
                (*label).to_string()
            } else {
                format!("{label} ·")
            };
            put(&text, i == 0, 0.0, &mut pieces);
            continue;
        }
        let when_w = text_width(when, size, false);
        put(label, false, when_w + space, &mut pieces);
        let tail = if i + 1 < entries.len() {
            format!("{when} ·")
        } else {
            (*when).to_string()
        };
        put(&tail, true, 0.0, &mut pieces);
    }
    (pieces, row + 1)
}

/// Puts each span and event label on the lowest lane where it touches no other label and no
/// event's line (an event's line runs from the plot up through the lanes below its label).
pub(super) fn assign_lanes(spec: &ChartSpec, layout: &Layout) -> Vec<LaneLabel> {
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
