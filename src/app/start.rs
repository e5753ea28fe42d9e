//! Starting the window: its size, icon and text sizes.

use std::path::PathBuf;

use eframe::egui;

use super::App;

/// Opens the window on `files`, or on the bundled sample when there are none.
pub fn run(files: Vec<PathBuf>) -> eframe::Result {
    let launched = std::time::Instant::now();
    let mut viewport = egui::ViewportBuilder::default();
    // The same icon as the .exe's; a window without one is still a window.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/valgpuls.png")) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_title("valgpuls")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "valgpuls",
        options,
        Box::new(move |cc| {
            let mut app = App::new(cc, files);
            app.launched = Some(launched);
            Ok(Box::new(app))
        }),
    )
}

/// egui's defaults suit a developer tool; a table read across a meeting room wants larger
/// text.
pub(super) fn set_text_sizes(ctx: &egui::Context) {
    use egui::{FontFamily, FontId, TextStyle};
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(22.0, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(15.5, FontFamily::Proportional)),
            (TextStyle::Button, FontId::new(15.5, FontFamily::Proportional)),
            (TextStyle::Small, FontId::new(12.5, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(14.0, FontFamily::Monospace)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
}
