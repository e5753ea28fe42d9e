//! The menu, the view tabs, language and theme switches, and the status bar.

use eframe::egui;

use super::loader::{Input, Loader};
use super::{Command, Loaded, Message, Settings, ThemeChoice, View};
use crate::locale::Lang;

#[must_use = "the command must reach App::apply"]
pub fn ui(ui: &mut egui::Ui, settings: &Settings, loaded: &Loaded, reviewing: bool) -> Option<Command> {
    let lang = settings.lang;
    let mut command = None;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(lang.pick("Filer", "File"), |ui| {
            command = command.take().or(file_menu_ui(ui, settings));
        });
        ui.menu_button(lang.pick("Vis", "View"), |ui| {
            for theme in [ThemeChoice::Light, ThemeChoice::Dark] {
                let label = match theme {
                    ThemeChoice::Light => lang.pick("Lyst tema", "Light theme"),
                    ThemeChoice::Dark => lang.pick("Mørkt tema", "Dark theme"),
                };
                if ui.radio(settings.theme == theme, label).clicked() {
                    command = Some(Command::SetTheme(theme));
                }
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            for (choice, label) in [(Lang::En, "English"), (Lang::Da, "Dansk")] {
                if ui.selectable_label(lang == choice, label).clicked() && lang != choice {
                    command = Some(Command::SetLang(choice));
                }
            }
        });
    });
    ui.add_space(2.0);
    ui.horizontal(|ui| {
        ui.add_enabled_ui(!reviewing, |ui| {
            for view in View::ALL {
                let tab = egui::Button::selectable(settings.analysis.view == view && !reviewing, view.label(lang));
                if ui.add(tab).clicked() {
                    command = Some(Command::ShowView(view));
                }
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if loaded.inputs.is_empty() {
                return;
            }
            // Both counts, so "1.518 svar" here and "n = 1.477" on a chart never puzzle.
            let answers = loaded.dataset.answer_count() as u64;
            let scored = answers.saturating_sub(loaded.dont_know);
            let counts = match lang {
                Lang::Da => format!(
                    "{} svar: {} på skalaen + {} «Ved ikke»",
                    lang.count(answers),
                    lang.count(scored),
                    lang.count(loaded.dont_know)
                ),
                Lang::En => format!(
                    "{} answers: {} on the scale + {} \"don't know\"",
                    lang.count(answers),
                    lang.count(scored),
                    lang.count(loaded.dont_know)
                ),
            };
            ui.weak(counts);
            if loaded.is_sample {
                ui.label(
                    egui::RichText::new(lang.pick(" EKSEMPELDATA ", " SAMPLE DATA "))
                        .strong()
                        .color(egui::Color32::WHITE)
                        .background_color(egui::Color32::from_rgb(179, 88, 6)),
                )
                .on_hover_text(lang.pick(
                    "Opdigtede svar, der følger med programmet: ikke dine data.",
                    "Made-up answers that come with the program: not your data.",
                ));
            } else {
                ui.weak(format!("{} ·", loaded.label));
            }
        });
    });
    ui.add_space(2.0);
    command
}

#[must_use = "the command must reach App::apply"]
fn file_menu_ui(ui: &mut egui::Ui, settings: &Settings) -> Option<Command> {
    let lang = settings.lang;
    let mut command = None;
    let open = egui::Button::new(lang.pick("Åbn filer…", "Open files…")).shortcut_text("Ctrl+O");
    if ui.add(open).clicked() {
        command = Some(Command::OpenFileDialog);
    }
    ui.menu_button(lang.pick("Seneste filer", "Recent files"), |ui| {
        if settings.recent_files.is_empty() {
            ui.weak(lang.pick("Ingen endnu", "None yet"));
        }
        for path in &settings.recent_files {
            if ui.button(path.display().to_string()).clicked() {
                command = Some(Command::Import(vec![Input::Path(path.clone())]));
            }
        }
        if !settings.recent_files.is_empty() {
            ui.separator();
            if ui.button(lang.pick("Ryd listen", "Clear the list")).clicked() {
                command = Some(Command::ClearRecentFiles);
            }
        }
    });
    if ui.button(lang.pick("Eksempeldata", "Sample data")).clicked() {
        command = Some(Command::LoadSample);
    }
    ui.separator();
    let open_project = egui::Button::new(lang.pick("Åbn projekt…", "Open project…")).shortcut_text("Ctrl+Shift+O");
    if ui.add(open_project).clicked() {
        command = Some(Command::OpenProjectDialog);
    }
    let save_project = egui::Button::new(lang.pick("Gem projekt…", "Save project…")).shortcut_text("Ctrl+S");
    if ui.add(save_project).clicked() {
        command = Some(Command::SaveProjectDialog);
    }
    if ui
        .button(lang.pick("Gem som PowerPoint…", "Save as PowerPoint…"))
        .clicked()
    {
        command = Some(Command::Deck(super::deck_dialog::DeckCommand::Open));
    }
    ui.separator();
    if ui.button(lang.pick("Åbn tidslinje…", "Open timeline…")).clicked() {
        command = Some(Command::OpenTimelineDialog);
    }
    if ui.button(lang.pick("Gem tidslinje…", "Save timeline…")).clicked() {
        command = Some(Command::SaveTimelineDialog);
    }
    ui.separator();
    if ui.button(lang.pick("Indlæs plan…", "Load plan…")).clicked() {
        command = Some(Command::OpenPlanDialog);
    }
    if ui.button(lang.pick("Gem plan…", "Save plan…")).clicked() {
        command = Some(Command::SavePlanDialog);
    }
    command
}

#[must_use = "the command must reach App::apply"]
pub fn status_ui(ui: &mut egui::Ui, loader: Option<&Loader>, message: Option<&Message>, lang: Lang) -> Option<Command> {
    let mut command = None;
    ui.horizontal(|ui| {
        if let Some(loader) = loader {
            let names: Vec<String> = loader.inputs.iter().map(Input::name).collect();
            // The bar's own animation draws a spinner over its text: the spinner goes beside it.
            ui.add(
                egui::ProgressBar::new(loader.fraction())
                    .desired_width(360.0)
                    .text(format!("{} {}", lang.pick("Indlæser", "Importing"), names.join(", "))),
            );
            ui.spinner();
            ui.weak(format!("{} s", lang.number(loader.elapsed().as_secs_f64(), 1)));
            if ui.button(lang.pick("Annuller", "Cancel")).clicked() {
                command = Some(Command::CancelImport);
            }
        } else if let Some(message) = message {
            let text = egui::RichText::new(&message.text);
            if message.is_error {
                ui.colored_label(ui.visuals().error_fg_color, text);
            } else {
                ui.label(text);
            }
            if ui.small_button("x").on_hover_text(lang.pick("Luk", "Close")).clicked() {
                command = Some(Command::DismissMessage);
            }
        } else {
            ui.weak(lang.pick(
                "Træk eksporter (CSV, Excel) ind i vinduet, eller Ctrl+O for at åbne.",
                "Drop exports (CSV, Excel) on the window, or Ctrl+O to open.",
            ));
        }
    });
    command
}
