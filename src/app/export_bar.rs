//! The row under a chart that gets it onto a slide: title, subtitle and source line as they
//! will print, the size, and Save SVG / Save PNG / Copy image. The files are drawn by
//! `crate::export` from the same spec the screen shows.

use eframe::egui;
use serde::{Deserialize, Serialize};

use super::Command;
use crate::charts::ChartSpec;
use crate::export::Background;
use crate::locale::Lang;

/// The user's own title, subtitle and source line for one chart; empty keeps the default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ChartTexts {
    pub title: String,
    pub subtitle: String,
    pub source: String,
}

impl ChartTexts {
    pub fn apply(&self, spec: &mut ChartSpec) {
        if !self.title.trim().is_empty() {
            spec.title = self.title.trim().to_string();
        }
        if !self.subtitle.trim().is_empty() {
            spec.subtitle = Some(self.subtitle.trim().to_string());
        }
        if !self.source.trim().is_empty() {
            spec.source = self.source.trim().to_string();
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSize {
    pub width: u32,
    pub height: u32,
}

impl Default for ExportSize {
    fn default() -> Self {
        PRESETS[0].1
    }
}

/// A 16:9 slide and a 4:3 slide, at full HD width.
pub const PRESETS: [(&str, ExportSize); 3] = [
    (
        "16:9 (1920 × 1080)",
        ExportSize {
            width: 1920,
            height: 1080,
        },
    ),
    (
        "4:3 (1600 × 1200)",
        ExportSize {
            width: 1600,
            height: 1200,
        },
    ),
    (
        "16:9 (1280 × 720)",
        ExportSize {
            width: 1280,
            height: 720,
        },
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png,
}

/// The export row. `base` is the chart before the user's texts, for the fields' hints.
#[must_use = "the command must reach App::apply"]
pub fn ui(
    ui: &mut egui::Ui,
    base: &ChartSpec,
    texts: &ChartTexts,
    size: ExportSize,
    background: Background,
    lang: Lang,
) -> Option<Command> {
    let edited = texts_ui(ui, base, texts, lang);
    let mut command = None;
    ui.horizontal(|ui| {
        let current = PRESETS.iter().find(|(_, preset)| *preset == size).map_or_else(
            || format!("{} × {}", size.width, size.height),
            |(name, _)| name.to_string(),
        );
        let label = lang.pick("Størrelse:", "Size:");
        let presets = PRESETS.map(|(name, preset)| (preset, name));
        if let Some(preset) = choice_ui(ui, ("export_size", label, current), &presets, size) {
            command = Some(Command::SetExportSize(preset));
        }
        let names = [
            (Background::White, lang.pick("hvid", "white")),
            (Background::Transparent, lang.pick("gennemsigtig", "transparent")),
            (Background::Dark, lang.pick("mørk", "dark")),
        ];
        let current = names.iter().find(|(b, _)| *b == background).map_or("", |(_, n)| *n);
        let label = lang.pick("Baggrund:", "Background:");
        if let Some(choice) = choice_ui(
            ui,
            ("export_background", label, current.to_string()),
            &names,
            background,
        ) {
            command = Some(Command::SetExportBackground(choice));
        }
        ui.separator();
        if let Some(chosen) = save_buttons_ui(ui, lang) {
            command = Some(chosen);
        }
    });
    command.or(edited)
}

/// The chart's title, subtitle and source line as the user wrote them, the chart's own as hints.
#[must_use = "the command must reach App::apply"]
fn texts_ui(ui: &mut egui::Ui, base: &ChartSpec, texts: &ChartTexts, lang: Lang) -> Option<Command> {
    let mut edited = texts.clone();
    egui::CollapsingHeader::new(lang.pick("Tekster på diagrammet", "Texts on the chart"))
        .id_salt("chart_texts")
        .show(ui, |ui| {
            egui::Grid::new("chart_texts_grid").num_columns(2).show(ui, |ui| {
                let fields = [
                    (lang.pick("Titel", "Title"), &mut edited.title, base.title.as_str()),
                    (
                        lang.pick("Undertitel", "Subtitle"),
                        &mut edited.subtitle,
                        base.subtitle.as_deref().unwrap_or(""),
                    ),
                    (
                        lang.pick("Kildelinje", "Source line"),
                        &mut edited.source,
                        base.source.as_str(),
                    ),
                ];
                for (name, text, hint) in fields {
                    let label = ui.label(name);
                    ui.add(egui::TextEdit::singleline(text).hint_text(hint).desired_width(520.0))
                        .labelled_by(label.id);
                    ui.end_row();
                }
            });
        });
    (edited != *texts).then_some(Command::SetChartTexts(edited))
}

/// A labelled drop-down of named choices; (its id, label, the current choice's text). The
/// choice picked, if one was.
fn choice_ui<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    (id, label, current): (&str, &str, String),
    choices: &[(T, &str)],
    selected: T,
) -> Option<T> {
    let mut picked = None;
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(id)
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (choice, name) in choices {
                if ui.selectable_label(*choice == selected, *name).clicked() {
                    picked = Some(*choice);
                }
            }
        })
        .response
        .labelled_by(label.id);
    picked
}

/// Save as PNG or SVG, copy as an image, or open the PowerPoint dialog.
#[must_use = "the command must reach App::apply"]
fn save_buttons_ui(ui: &mut egui::Ui, lang: Lang) -> Option<Command> {
    let mut command = None;
    if ui.button(lang.pick("Gem som PNG…", "Save as PNG…")).clicked() {
        command = Some(Command::SaveChart(ChartFormat::Png));
    }
    if ui.button(lang.pick("Gem som SVG…", "Save as SVG…")).clicked() {
        command = Some(Command::SaveChart(ChartFormat::Svg));
    }
    if ui
        .button(lang.pick("Kopiér billede", "Copy image"))
        .on_hover_text(lang.pick(
            "Kopierer diagrammet som billede til indsættelse i PowerPoint (også Ctrl+C)",
            "Copies the chart as an image to paste into PowerPoint (also Ctrl+C)",
        ))
        .clicked()
    {
        command = Some(Command::CopyChartImage);
    }
    ui.separator();
    if ui
        .button(lang.pick("Gem som PowerPoint…", "Save as PowerPoint…"))
        .clicked()
    {
        command = Some(Command::Deck(super::deck_dialog::DeckCommand::Open));
    }
    command
}

/// The chart as an egui image for the clipboard, drawn by the PNG export.
pub fn clipboard_image(spec: &ChartSpec, size: ExportSize, background: Background) -> Result<egui::ColorImage, String> {
    let (width, height) = crate::export::fitted_size(spec, size.width, size.height);
    let png = crate::export::to_png(spec, width, height, 1.0, background).map_err(|e| e.to_string())?;
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).map_err(|e| e.to_string())?;
    let size = [pixmap.width() as usize, pixmap.height() as usize];
    Ok(egui::ColorImage::from_rgba_premultiplied(size, pixmap.data()))
}
