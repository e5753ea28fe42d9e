//! The chart views (bars, distribution, trend, crosstab): a row of choices above one chart.
//! The spec is built from cached results once per change and drawn by [`super::plot`].

use eframe::egui;

use super::export_bar::{self, ChartTexts};
use super::{Command, Settings, View, plot};
use crate::analysis::{Filter, GroupBy};
use crate::charts::{ChartOptions, ChartSpec};
use crate::dataset::Dataset;
use crate::export::Scene;
use crate::locale::Lang;
use crate::timeline::Timeline;

/// Everything a chart depends on: when none of it changed, the spec is reused.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartKey {
    pub view: View,
    /// The filter state the numbers are of (None for the crosstab, counted at once).
    pub numbers: Option<(Filter, u64)>,
    pub data_generation: u64,
    pub filter: Filter,
    pub lang: Lang,
    pub timeline: Timeline,
    pub wave: String,
    pub by: GroupBy,
    pub texts: ChartTexts,
    pub min_n: u64,
    pub show_intervals: bool,
    pub wave_colors: std::collections::BTreeMap<String, usize>,
    pub source: String,
    pub options: ChartOptions,
    pub size: export_bar::ExportSize,
    pub dark: bool,
}

#[derive(Default)]
pub struct ChartCache {
    pub key: Option<ChartKey>,
    /// The chart as the builders made it, and as shown (with the user's texts).
    pub base: Option<Result<ChartSpec, String>>,
    pub spec: Option<Result<ChartSpec, String>>,
    /// The shown spec laid out: what the window paints and the files hold.
    pub scene: Option<Scene>,
    /// How many specs were really built (tests).
    pub built: usize,
    /// The numbers drawn are not the current filter state's (or there are none yet).
    pub stale: bool,
}

/// The wave the distribution shows: the chosen one if the data has it, else the last in time.
pub fn distribution_wave(settings: &Settings, dataset: &Dataset) -> String {
    settings
        .analysis
        .distribution_wave
        .clone()
        .filter(|w| dataset.waves.contains(w))
        .or_else(|| dataset.waves.last().cloned())
        .unwrap_or_default()
}

pub fn group_by_label(by: &GroupBy, lang: Lang) -> String {
    match by {
        GroupBy::Wave => lang.pick("Rul", "Wave").to_string(),
        GroupBy::Phase => lang.pick("Fase", "Phase").to_string(),
        GroupBy::Question => lang.pick("Spørgsmål", "Question").to_string(),
        GroupBy::Municipality => lang.pick("Kommune", "Municipality").to_string(),
        GroupBy::Category(header) => header.clone(),
    }
}

#[must_use = "the command must reach App::apply"]
pub fn ui(
    ui: &mut egui::Ui,
    view: View,
    charts: &ChartCache,
    texts: &ChartTexts,
    settings: &Settings,
    dataset: &Dataset,
    draft: &mut crate::charts::ChartNote,
) -> Option<Command> {
    let lang = settings.lang;
    let mut command = None;
    match view {
        View::Distribution => {
            let current = distribution_wave(settings, dataset);
            ui.horizontal(|ui| {
                let label = ui.label(lang.pick("Rul:", "Wave:"));
                egui::ComboBox::from_id_salt("distribution_wave")
                    .selected_text(lang.data_value(&current))
                    .show_ui(ui, |ui| {
                        for wave in &dataset.waves {
                            if ui.selectable_label(*wave == current, lang.data_value(wave)).clicked() {
                                command = Some(Command::SetDistributionWave(wave.clone()));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        }
        View::CrossTab => {
            ui.horizontal(|ui| {
                let label = ui.label(lang.pick("Gennemsnit fordelt på:", "Mean broken down by:"));
                let mut choices = vec![GroupBy::Wave, GroupBy::Phase, GroupBy::Question, GroupBy::Municipality];
                choices.extend(dataset.categories.iter().cloned().map(GroupBy::Category));
                egui::ComboBox::from_id_salt("crosstab_by")
                    .selected_text(group_by_label(&settings.analysis.crosstab_by, lang))
                    .width(280.0)
                    .show_ui(ui, |ui| {
                        for choice in choices {
                            let chosen = choice == settings.analysis.crosstab_by;
                            if ui.selectable_label(chosen, group_by_label(&choice, lang)).clicked() {
                                command = Some(Command::SetCrossTabBy(choice));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        }
        _ => {}
    }
    let options = settings.analysis.chart_options.get(&view).cloned().unwrap_or_default();
    if let Some(chosen) = super::chart_options::ui(ui, view, &options, charts.spec.as_ref(), settings, dataset, draft) {
        command = Some(chosen);
    }
    if let Some(Ok(base)) = &charts.base {
        let size = settings.export_size;
        if let Some(chosen) = export_bar::ui(ui, base, texts, size, settings.export_background, lang) {
            command = Some(chosen);
        }
        ui.separator();
    }
    if charts.stale {
        super::busy::mark_ui(ui, charts.spec.is_none(), lang);
    }
    match (&charts.spec, &charts.scene) {
        (Some(Ok(_)), Some(scene)) => super::busy::dimmed_ui(ui, charts.stale, |ui| plot::chart_ui(ui, scene)),
        (Some(Err(error)), _) => {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        _ => {}
    }
    command
}
