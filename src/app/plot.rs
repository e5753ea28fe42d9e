//! The window's renderer of a chart: it paints the very [`Scene`] the exports write (same
//! layout, same label positions, same font), scaled to the space there is. A chart taller than
//! the view (a crosstab of 103 municipalities) scrolls.

use std::sync::Arc;

use eframe::egui::{self, Color32, FontFamily, FontId, Pos2, Stroke, pos2, vec2};

use crate::charts::{Anchor, Rgba};
use crate::export::scene::{ASCENT, CircleItem, Item, LineItem, PolylineItem, RectItem, Scene, TextItem};

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
    if let Some(background) = scene.background {
        painter.rect_filled(response.rect, 0.0, color(background));
    }
    let canvas = OnScreen {
        painter: &painter,
        origin: response.rect.min,
        scale,
    };
    for item in &scene.items {
        match item {
            Item::Rect(rect) => canvas.rect(rect),
            Item::Line(line) => canvas.line(line),
            Item::Polyline(polyline) => canvas.polyline(polyline),
            Item::Circle(circle) => canvas.circle(circle),
            Item::Text(text) => canvas.text(text),
        }
    }
    response
}

/// The painter, and where a scene pixel lands on screen: `origin` plus `scale` per pixel.
struct OnScreen<'a> {
    painter: &'a egui::Painter,
    origin: Pos2,
    scale: f32,
}

impl OnScreen<'_> {
    fn at(&self, [x, y]: [f64; 2]) -> Pos2 {
        pos2(
            self.origin.x + x as f32 * self.scale,
            self.origin.y + y as f32 * self.scale,
        )
    }

    /// A length in scene pixels on screen.
    fn len(&self, pixels: f64) -> f32 {
        pixels as f32 * self.scale
    }

    fn rect(&self, rect: &RectItem) {
        let shape = egui::Rect::from_min_size(self.at([rect.x, rect.y]), vec2(self.len(rect.w), self.len(rect.h)));
        self.painter.rect_filled(shape, self.len(rect.radius), color(rect.fill));
    }

    fn line(&self, line: &LineItem) {
        let stroke = Stroke::new(self.len(line.width).max(1.0), color(line.color));
        let points = [self.at(line.from), self.at(line.to)];
        match line.dash {
            Some([on, off]) => {
                let (on, off) = (self.len(on).max(2.0), self.len(off).max(2.0));
                self.painter.extend(egui::Shape::dashed_line(&points, stroke, on, off));
            }
            None => {
                self.painter.line_segment(points, stroke);
            }
        }
    }

    fn polyline(&self, polyline: &PolylineItem) {
        let points: Vec<Pos2> = polyline.points.iter().map(|p| self.at(*p)).collect();
        let stroke = Stroke::new(self.len(polyline.width).max(1.0), color(polyline.color));
        self.painter.add(egui::Shape::line(points, stroke));
    }

    fn circle(&self, circle: &CircleItem) {
        self.painter.circle(
            self.at(circle.centre),
            self.len(circle.radius),
            color(circle.fill),
            Stroke::new(self.len(circle.stroke_width), color(circle.stroke)),
        );
    }

    /// A text at its baseline, as the SVG places it: the galley's top is one ascent above.
    fn text(&self, text: &TextItem) {
        let family = FontFamily::Name(if text.bold { BOLD_FONT } else { REGULAR_FONT }.into());
        let size = self.len(text.size).max(1.0);
        let galley: Arc<egui::Galley> =
            self.painter
                .layout_no_wrap(text.text.clone(), FontId::new(size, family), color(text.color));
        let width = galley.size().x;
        let along = match text.anchor {
            Anchor::Start => 0.0,
            Anchor::Middle => width / 2.0,
            Anchor::End => width,
        };
        let Pos2 { x, y } = self.at([text.x, text.y]);
        let ascent = ASCENT as f32 * size;
        if text.upright {
            // Turned a quarter left around its top-left corner: the text runs up from there.
            let pos = pos2(x - ascent, y + along);
            let shape =
                egui::epaint::TextShape::new(pos, galley, color(text.color)).with_angle(-std::f32::consts::FRAC_PI_2);
            self.painter.add(shape);
        } else {
            self.painter
                .galley(pos2(x - along, y - ascent), galley, color(text.color));
        }
    }
}
