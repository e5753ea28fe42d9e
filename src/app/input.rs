//! What comes from the keyboard and the desktop rather than from a widget: the shortcuts,
//! Ctrl+C on a chart, and files dropped on the window (with the hint while they hover).

use eframe::egui;

use super::loader::Input;
use super::{App, Command};
use crate::locale::Lang;

impl App {
    /// Ctrl+O, Ctrl+C on a chart, and files dropped on the window.
    #[must_use = "the command must reach App::apply"]
    pub(super) fn input_commands(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        // Ctrl+Shift+O first: consume_shortcut ignores extra Shift, so Ctrl+O would take it.
        let open_project = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::O);
        let open = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::O);
        let save_project = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
        if ctx.input_mut(|input| input.consume_shortcut(&open_project)) {
            commands.push(Command::OpenProjectDialog);
        } else if ctx.input_mut(|input| input.consume_shortcut(&open)) {
            commands.push(Command::OpenFileDialog);
        }
        if ctx.input_mut(|input| input.consume_shortcut(&save_project)) {
            commands.push(Command::SaveProjectDialog);
        }
        // Ctrl+C arrives as a Copy event; with no text field focused, on a chart it copies
        // the chart.
        let copy = ctx.input(|input| input.events.contains(&egui::Event::Copy));
        if copy && self.is_chart_view() && ctx.memory(|memory| memory.focused().is_none()) {
            commands.push(Command::CopyChartImage);
        }
        let dropped: Vec<Input> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .filter(|file| !file.path().as_os_str().is_empty())
                .map(|file| Input::Path(file.path().to_path_buf()))
                .collect()
        });
        if !dropped.is_empty() {
            commands.push(Command::Import(dropped));
        }
        commands
    }
}

/// While files are dragged over the window, say what letting go will do.
pub(super) fn drop_hint_ui(ctx: &egui::Context, lang: Lang) {
    let hovering = ctx.input(|input| input.raw.hovered_files.len());
    if hovering == 0 {
        return;
    }
    let screen = ctx.content_rect();
    ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_hint_shade"),
    ))
    .rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
    // A label, not painted text, so screen readers (and the window tests) read it too.
    egui::Area::new(egui::Id::unique("drop_hint"))
        .order(egui::Order::Tooltip)
        .fixed_pos(screen.center())
        .pivot(egui::Align2::CENTER_CENTER)
        .interactable(false)
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(lang.pick("Slip filerne for at indlæse dem", "Drop the files to import them"))
                    .size(28.0)
                    .color(egui::Color32::WHITE),
            );
        });
}
