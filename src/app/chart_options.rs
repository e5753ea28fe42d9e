//! The row of a chart's own settings above it: order of the bars, top or bottom N of a long
//! crosstab, the whole timeline, waves and questions of its own, and notes on the chart.
//! Each change is a [`Command::SetChartOptions`]; the chart is rebuilt once per change.

use eframe::egui;

use super::{Command, Settings, View};
use crate::charts::{ChartNote, ChartOptions, ChartSpec, Limit, Sort};
use crate::dataset::Dataset;
use crate::locale::Lang;

#[must_use = "the command must reach App::apply"]
pub fn ui(
    ui: &mut egui::Ui,
    view: View,
    options: &ChartOptions,
    spec: Option<&Result<ChartSpec, String>>,
    settings: &Settings,
    dataset: &Dataset,
    draft: &mut ChartNote,
) -> Option<Command> {
    let lang = settings.lang;
    let mut edited = options.clone();
    ui.horizontal_wrapped(|ui| {
        if matches!(view, View::Bars | View::CrossTab) {
            let label = ui.label(lang.pick("Sortér:", "Sort:"));
            egui::ComboBox::from_id_salt("chart_sort")
                .selected_text(edited.sort.label(lang))
                .show_ui(ui, |ui| {
                    for sort in Sort::ALL {
                        if view == View::Bars && sort == Sort::Count {
                            continue;
                        }
                        ui.selectable_value(&mut edited.sort, sort, sort.label(lang));
                    }
                })
                .response
                .labelled_by(label.id);
        }
        if view == View::CrossTab {
            limit_ui(ui, &mut edited, lang);
        }
        if view == View::Trend {
            ui.checkbox(
                &mut edited.whole_timeline,
                lang.pick("Hele tidslinjen", "Whole timeline"),
            )
            .on_hover_text(lang.pick(
                "Fra: perioden med data og den næste begivenhed",
                "Off: the period with data and the next event",
            ));
        }
    });
    egui::CollapsingHeader::new(lang.pick("Udvalg og noter", "Selection and notes"))
        .id_salt("chart_selection")
        .show(ui, |ui| {
            selection_ui(ui, &mut edited, dataset, lang);
            ui.separator();
            notes_ui(ui, &mut edited, spec, view, draft, lang);
        });
    (edited != *options).then_some(Command::SetChartOptions(edited))
}

fn limit_ui(ui: &mut egui::Ui, options: &mut ChartOptions, lang: Lang) {
    let label = ui.label(lang.pick("Vis:", "Show:"));
    let names = [
        lang.pick("alle", "all"),
        lang.pick("top N (højeste)", "top N (highest)"),
        lang.pick("bund N (laveste)", "bottom N (lowest)"),
    ];
    let current = match options.limit {
        None => 0,
        Some(Limit { top: true, .. }) => 1,
        Some(Limit { top: false, .. }) => 2,
    };
    let mut chosen = current;
    egui::ComboBox::from_id_salt("chart_limit")
        .selected_text(names.get(current).copied().unwrap_or_default())
        .show_ui(ui, |ui| {
            for (index, name) in names.iter().enumerate() {
                ui.selectable_value(&mut chosen, index, *name);
            }
        })
        .response
        .labelled_by(label.id);
    let n = options.limit.map_or(10, |l| l.n);
    options.limit = match chosen {
        1 => Some(Limit { top: true, n }),
        2 => Some(Limit { top: false, n }),
        _ => None,
    };
    if let Some(limit) = &mut options.limit {
        let label = ui.label("N:");
        ui.add(egui::DragValue::new(&mut limit.n).range(1..=500))
            .labelled_by(label.id);
    }
}

fn selection_ui(ui: &mut egui::Ui, options: &mut ChartOptions, dataset: &Dataset, lang: Lang) {
    ui.checkbox(
        &mut options.own_selection,
        lang.pick(
            "Eget udvalg af rul og spørgsmål (uafhængigt af filtrene)",
            "Own choice of waves and questions (whatever the filters say)",
        ),
    );
    if !options.own_selection {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.pick("Rul:", "Waves:"));
        ticks_ui(ui, &dataset.waves, &mut options.waves, lang);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(lang.pick("Spørgsmål:", "Questions:"));
        ticks_ui(ui, &dataset.questions, &mut options.questions, lang);
    });
}

/// Checkboxes where an empty list means all.
fn ticks_ui(ui: &mut egui::Ui, values: &[String], chosen: &mut Vec<String>, lang: Lang) {
    for value in values {
        let mut ticked = chosen.is_empty() || chosen.contains(value);
        if ui.checkbox(&mut ticked, lang.data_value(value)).changed() {
            if chosen.is_empty() {
                *chosen = values.to_vec();
            }
            if ticked {
                chosen.push(value.clone());
            } else {
                chosen.retain(|v| v != value);
            }
            chosen.sort_by_key(|v| values.iter().position(|known| known == v));
            chosen.dedup();
            if chosen.len() == values.len() {
                chosen.clear();
            }
        }
    }
}

fn notes_ui(
    ui: &mut egui::Ui,
    options: &mut ChartOptions,
    spec: Option<&Result<ChartSpec, String>>,
    view: View,
    draft: &mut ChartNote,
    lang: Lang,
) {
    let mut remove = None;
    for (index, note) in options.notes.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("«{}» {} {}", note.text, lang.pick("ved", "at"), note.at));
            if ui.small_button(lang.pick("Fjern", "Remove")).clicked() {
                remove = Some(index);
            }
        });
    }
    if let Some(index) = remove {
        options.notes.remove(index);
    }
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("Note:", "Note:"));
        ui.add(
            egui::TextEdit::singleline(&mut draft.text)
                .hint_text(lang.pick("fx Release 1.4 her", "e.g. Release 1.4 here"))
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        let label = ui.label(lang.pick("ved", "at"));
        if view == View::Trend {
            ui.add(
                egui::TextEdit::singleline(&mut draft.at)
                    .hint_text(lang.pick("dd-mm-åååå", "dd-mm-yyyy"))
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
        } else {
            // The bars' own names, from the chart's category axis.
            let places: Vec<String> = match spec {
                Some(Ok(spec)) if matches!(view, View::Bars) => spec.x_axis.ticks.iter().map(|t| t.1.clone()).collect(),
                Some(Ok(spec)) => spec.y_axis.ticks.iter().map(|t| t.1.clone()).collect(),
                _ => Vec::new(),
            };
            egui::ComboBox::from_id_salt("note_at")
                .selected_text(draft.at.clone())
                .show_ui(ui, |ui| {
                    for place in places {
                        ui.selectable_value(&mut draft.at, place.clone(), place);
                    }
                })
                .response
                .labelled_by(label.id);
        }
        let ready = !draft.text.trim().is_empty() && !draft.at.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new(lang.pick("Tilføj note", "Add note")))
            .clicked()
        {
            options.notes.push(std::mem::take(draft));
        }
    });
}
