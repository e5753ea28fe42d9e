//! The window's renderer of a chart: it paints the very [`Scene`] the exports write (same
//! layout, same label positions, same font), scaled to the space there is. A chart taller than
//! the view (a crosstab of 103 municipalities) scrolls.

use std::sync::Arc;

use eframe::egui::{self, Color32, FontFamily, FontId, Pos2, Stroke, pos2, vec2};

use crate::charts::{Anchor, Rgba};
use crate::export::scene::{ASCENT, Item, Scene, TextItem};

const REGULAR_FONT: &str = "valgpuls-chart";
const BOLD_FONT: &str = "valgpuls-chart-bold";

/// The bundled Liberation Sans as the chart's font, so text measures as in the files.
pub fn install_chart_fonts(ctx: &egui::Context) {
    for (name, bytes) in [
        (REGULAR_FONT, crate::export::png::REGULAR),
        (BOLD_FONT, crate::export::png::BOLD),
    ] {
        ctx.add_font(egui::epaint::text::FontInsert::new(
            name,
            egui::FontData::from_static(bytes),
            vec![egui::epaint::text::InsertFontFamily {
                family: FontFamily::Name(name.into()),
                priority: egui::epaint::text::FontPriority::Highest,
            }],
        ));
    }
}

fn color(rgba: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(rgba.0, rgba.1, rgba.2, rgba.3)
}

/// Fits the scene to the space left (a tall one to the width, in a scroll area) and paints it.
pub fn chart_ui(ui: &mut egui::Ui, scene: &Scene) {
    let available = ui.available_size();
    let (w, h) = (scene.width as f32, scene.height as f32);
    let fit_width = available.x / w.max(1.0);
    let fit_both = fit_width.min(available.y / h.max(1.0));
    // A chart that would shrink below 60 % of the width to fit the height is a tall one.
    if fit_both >= fit_width * 0.6 || h <= w {
        paint_scene(ui, scene, fit_both.max(0.05));
    } else {
        egui::ScrollArea::vertical()
            .id_salt("chart_scroll")
            .show(ui, |ui| paint_scene(ui, scene, fit_width.max(0.05)));
    }
}

/// Paints the scene at `scale` screen points per scene pixel.
pub fn paint_scene(ui: &mut egui::Ui, scene: &Scene, scale: f32) -> egui::Response {
    let size = vec2(scene.width as f32 * scale, scene.height as f32 * scale);
    let (response, painter) = ui.allocate_painter(size, egui::Sense::hover());
    let origin = response.rect.min;
    let at = |[x, y]: [f64; 2]| pos2(origin.x + x as f32 * scale, origin.y + y as f32 * scale);
    if let Some(background) = scene.background {
        painter.rect_filled(response.rect, 0.0, color(background));
    }
    for item in &scene.items {
        match item {
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                radius,
            } => {
                let rect = egui::Rect::from_min_size(at([*x, *y]), vec2(*w as f32 * scale, *h as f32 * scale));
                painter.rect_filled(rect, *radius as f32 * scale, color(*fill));
            }
            Item::Line {
                from,
                to,
                color: ink,
                width,
                dash,
            } => {
                let stroke = Stroke::new((*width as f32 * scale).max(1.0), color(*ink));
                let points = [at(*from), at(*to)];
                match dash {
                    Some([on, off]) => {
                        let (on, off) = ((*on as f32 * scale).max(2.0), (*off as f32 * scale).max(2.0));
                        painter.extend(egui::Shape::dashed_line(&points, stroke, on, off));
                    }
                    None => {
                        painter.line_segment(points, stroke);
                    }
                }
            }
            Item::Polyline {
                points,
                color: ink,
                width,
            } => {
                let points: Vec<Pos2> = points.iter().map(|p| at(*p)).collect();
                painter.add(egui::Shape::line(
                    points,
                    Stroke::new((*width as f32 * scale).max(1.0), color(*ink)),
                ));
            }
            Item::Circle {
                centre,
                radius,
                fill,
                stroke,
                stroke_width,
            } => {
                painter.circle(
                    at(*centre),
                    *radius as f32 * scale,
                    color(*fill),
                    Stroke::new(*stroke_width as f32 * scale, color(*stroke)),
                );
            }
            Item::Text(text) => paint_text(&painter, text, origin, scale),
        }
    }
    response
}

/// A text at its baseline, as the SVG places it: the galley's top is one ascent above.
fn paint_text(painter: &egui::Painter, text: &TextItem, origin: Pos2, scale: f32) {
    let family = FontFamily::Name(if text.bold { BOLD_FONT } else { REGULAR_FONT }.into());
    let size = (text.size as f32 * scale).max(1.0);
    let galley: Arc<egui::Galley> =
        painter.layout_no_wrap(text.text.clone(), FontId::new(size, family), color(text.color));
    let width = galley.size().x;
    let along = match text.anchor {
        Anchor::Start => 0.0,
        Anchor::Middle => width / 2.0,
        Anchor::End => width,
    };
    let (x, y) = (origin.x + text.x as f32 * scale, origin.y + text.y as f32 * scale);
    let ascent = ASCENT as f32 * size;
    if text.upright {
        // Turned a quarter left around its top-left corner: the text runs up from there.
        let pos = pos2(x - ascent, y + along);
        let shape =
            egui::epaint::TextShape::new(pos, galley, color(text.color)).with_angle(-std::f32::consts::FRAC_PI_2);
        painter.add(shape);
    } else {
        painter.galley(pos2(x - along, y - ascent), galley, color(text.color));
    }
}
