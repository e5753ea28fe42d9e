//! What the central panel shows when there is nothing to show yet: the user's files loading
//! (never the sample meanwhile), or no data at all after a cancelled first import.

use eframe::egui;

use super::loader::{Input, Loader};
use super::{Command, Loaded, View};
use crate::locale::Lang;

/// Some(command or none) when the panel is taken by the empty or loading state.
pub fn ui(
    ui: &mut egui::Ui,
    loaded: &Loaded,
    loader: Option<&Loader>,
    view: View,
    lang: Lang,
) -> Option<Option<Command>> {
    // The timeline and the plan do not show data: they stay usable.
    if matches!(view, View::Timeline | View::Plan) {
        return None;
    }
    let no_data = loaded.inputs.is_empty();
    let hiding_sample = loaded.is_sample && loader.is_some();
    if !no_data && !hiding_sample {
        return None;
    }
    let mut command = None;
    ui.add_space(40.0);
    ui.vertical_centered(|ui| {
        if let Some(loader) = loader {
            let names: Vec<String> = loader.inputs.iter().map(Input::name).collect();
            ui.heading(format!("{} {} …", lang.pick("Indlæser", "Loading"), names.join(", ")));
            ui.add_space(8.0);
            ui.spinner();
            if hiding_sample {
                ui.weak(lang.pick(
                    "Eksempeldataene vises ikke, mens dine filer indlæses.",
                    "The sample data is not shown while your files load.",
                ));
            }
        } else {
            ui.heading(lang.pick("Ingen data indlæst", "No data loaded"));
            ui.add_space(8.0);
            ui.label(lang.pick(
                "Træk dine filer ind i vinduet, eller åbn dem med Ctrl+O.",
                "Drop your files on the window, or open them with Ctrl+O.",
            ));
            ui.add_space(8.0);
            if ui.button(lang.pick("Åbn filer…", "Open files…")).clicked() {
                command = Some(Command::OpenFileDialog);
            }
            if ui.button(lang.pick("Vis eksempeldata", "Show sample data")).clicked() {
                command = Some(Command::LoadSample);
            }
        }
    });
    Some(command)
}
