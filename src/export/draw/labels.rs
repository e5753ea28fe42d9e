//! The text placed against the data: value labels (sized to their bars, inside segments only
//! where they fit) and the user's notes (put where they cover no other text).

use super::{Drawing, Type};
use crate::charts::palette::text_on;
use crate::charts::{Anchor, ChartKind, Mark};
use crate::export::scene::{CircleItem, Item, Look, overlap};
use crate::export::text::text_width;

impl Drawing<'_> {
    /// The size value labels above upright bars get: the label's own, or smaller where the
    /// widest label would be wider than its bar, so neighbours never touch.
    pub(super) fn bar_label_size(&self) -> f64 {
        let (spec, l) = (self.spec, self.l);
        let full = l.sizes.label;
        let mut size = full;
        for mark in &spec.marks {
            if let Mark::Rect {
                x0,
                x1,
                label: Some(label),
                ..
            } = mark
            {
                let room = (l.x(spec, *x1) - l.x(spec, *x0)).abs() * 1.1;
                let width = text_width(label, full, true);
                if width > room && width > 0.0 {
                    size = size.min(full * room / width);
                }
            }
        }
        size.max(full * 0.45)
    }

    /// Value labels: inside a stacked segment where it fits, past a horizontal bar's end,
    /// above an upright bar (in the headroom the layout keeps, so a bar at 5,00 keeps its label).
    pub(super) fn value_labels(&mut self) {
        let (spec, l, ink) = (self.spec, self.l, self.ink);
        let s = &l.sizes;
        let bar_size = self.bar_label_size();
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
                    let (top, bottom) = (l.y(spec, *y1).min(l.y(spec, *y0)), l.y(spec, *y0).max(l.y(spec, *y1)));
                    let middle = (top + bottom) / 2.0 + s.label * 0.35;
                    match spec.kind {
                        ChartKind::Distribution => {
                            if text_width(label, s.label, false) + s.label * 0.3 <= (b - a).abs() {
                                let color = text_on(self.look.data(*fill));
                                self.text(
                                    [(a + b) / 2.0, middle],
                                    Type::of(s.label, color).anchored(Anchor::Middle),
                                    label,
                                );
                            }
                        }
                        ChartKind::CrossTab => {
                            let x = a.max(b) + s.label * 0.4;
                            self.text([x, middle], Type::of(s.label, ink.text).bold(), label);
                        }
                        _ => {
                            let y = top - bar_size * 0.35;
                            self.text(
                                [(a + b) / 2.0, y],
                                Type::of(bar_size, ink.text).anchored(Anchor::Middle).bold(),
                                label,
                            );
                        }
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
                    let px = match anchor {
                        Anchor::Start => px + s.label * 0.4,
                        Anchor::Middle => px,
                        Anchor::End => px - s.label * 0.4,
                    };
                    let color = if self.look == Look::Dark { ink.muted } else { *color };
                    self.text([px, py], Type::of(s.label, color).anchored(*anchor), content);
                }
                _ => {}
            }
        }
    }

    /// The user's notes, each in a box near its point where it covers no other text: above
    /// right, above left, below right, below left, then further out; a thin line leads back.
    pub(super) fn notes(&mut self) {
        let (spec, l, ink) = (self.spec, self.l, self.ink);
        let s = &l.sizes;
        let size = s.label * 0.9;
        let pad = size * 0.3;
        for mark in &spec.marks {
            let Mark::Note { x, y, text } = mark else { continue };
            let (px, py) = (
                l.x(spec, *x).clamp(l.left, l.right),
                l.y(spec, *y).clamp(l.top, l.bottom),
            );
            let (w, h) = (text_width(text, size, false) + 2.0 * pad, size * 1.2 + 2.0 * pad);
            let taken: Vec<[f64; 4]> = self
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Text(t) => Some(t.bounds()),
                    _ => None,
                })
                .collect();
            let gap = size * 0.8;
            let mut candidates = Vec::new();
            for step in 1..=6 {
                let reach = gap * f64::from(step);
                for (dx, dy) in [
                    (reach, -reach - h),
                    (-reach - w, -reach - h),
                    (reach, reach),
                    (-reach - w, reach),
                ] {
                    candidates.push([px + dx, py + dy]);
                }
            }
            let fits = |[bx, by]: [f64; 2]| {
                let area = [bx, by, bx + w, by + h];
                bx >= l.left
                    && bx + w <= l.width - s.pad
                    && by >= l.top
                    && by + h <= l.bottom
                    && !taken.iter().any(|t| overlap(*t, area, 0.0))
            };
            let [bx, by] = candidates.iter().copied().find(|c| fits(*c)).unwrap_or([
                (px + gap).min(l.width - s.pad - w).max(s.pad),
                (py - gap - h).max(l.top),
            ]);
            let corner = [if bx > px { bx } else { bx + w }, if by > py { by } else { by + h }];
            self.line([px, py], corner, ink.axis, 1.5 * s.scale, None);
            self.items.push(Item::Circle(CircleItem {
                centre: [px, py],
                radius: 5.0 * s.scale,
                fill: ink.axis,
                stroke: ink.background,
                stroke_width: 1.5 * s.scale,
            }));
            self.rect(bx, by, w, h, ink.note_fill, size * 0.25);
            let baseline = by + pad + size * 0.95;
            self.text([bx + pad, baseline], Type::of(size, ink.text), text);
        }
    }
}
