//! "Hvem mangler": every municipality by check-in week (answered, missing, not expected yet),
//! the response rate per wave and per week, sortable, and saved as a table or a chart.

use eframe::egui;

use super::Command;
use super::cache::Cached;
use super::command::CoverageFormat;
use crate::analysis::coverage::{Coverage, CoverageRow, Status, WEEKS};
use crate::charts::coverage::{rate_text, status_text};
use crate::dataset::danish_sort_key;
use crate::locale::Lang;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// By wave in time order, then name.
    #[default]
    Wave,
    Municipality,
    /// Fewest answers first: who to call.
    Missing,
}

#[must_use = "the command must reach App::apply"]
pub fn ui(ui: &mut egui::Ui, coverage: &Cached<Coverage>, sort: Sort, lang: Lang) -> Option<Command> {
    ui.heading(lang.pick(
        "Hvem mangler at svare? Kommuner pr. check-in-uge",
        "Who has not answered? Municipalities by check-in week",
    ));
    let coverage = match coverage {
        Ok(coverage) => coverage,
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, error);
            return None;
        }
    };
    where_from_ui(ui, coverage, lang);
    ui.add_space(6.0);
    let saved = save_buttons_ui(ui, lang);
    ui.add_space(6.0);
    totals_ui(ui, coverage, lang);
    ui.add_space(10.0);
    let sorted = sort_ui(ui, sort, lang);
    rows_ui(ui, coverage, sort, lang);
    sorted.or(saved)
}

/// Where the municipalities come from (the plan, or the answers alone), and the latest answer.
fn where_from_ui(ui: &mut egui::Ui, coverage: &Coverage, lang: Lang) {
    ui.label(if coverage.from_plan {
        lang.pick(
            "Kommunerne og deres rul er fra rulleplanen.",
            "The municipalities and their waves are from the rollout plan.",
        )
    } else {
        lang.pick(
            "Uden rulleplan kendes kun de kommuner, der har svaret mindst én gang: indlæs planen (menuen Filer: Indlæs plan) for at se dem, der aldrig har svaret.",
            "Without a rollout plan only municipalities that answered at least once are known: load the plan (menu File: Load plan) to see those who never answered.",
        )
    });
    if let Some(date) = coverage.as_of {
        ui.weak(format!(
            "{} {}",
            lang.pick("Seneste svar:", "Latest answer:"),
            lang.date(date)
        ));
    }
}

#[must_use = "the command must reach App::apply"]
fn save_buttons_ui(ui: &mut egui::Ui, lang: Lang) -> Option<Command> {
    let mut command = None;
    ui.horizontal(|ui| {
        for (format, label) in [
            (CoverageFormat::Xlsx, lang.pick("Gem som Excel…", "Save as Excel…")),
            (CoverageFormat::Csv, lang.pick("Gem som CSV…", "Save as CSV…")),
            (
                CoverageFormat::Png,
                lang.pick("Gem diagram (PNG)…", "Save chart (PNG)…"),
            ),
            (
                CoverageFormat::Svg,
                lang.pick("Gem diagram (SVG)…", "Save chart (SVG)…"),
            ),
        ] {
            if ui.button(label).clicked() {
                command = Some(Command::SaveCoverage(format));
            }
        }
    });
    command
}

/// The response rate per wave and week, and per wave in all.
fn totals_ui(ui: &mut egui::Ui, coverage: &Coverage, lang: Lang) {
    egui::Grid::new("coverage_totals")
        .striped(true)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            ui.strong(lang.pick("Rul", "Wave"));
            for week in WEEKS {
                ui.strong(format!("{} {week}", lang.pick("Uge", "Week")));
            }
            ui.strong(lang.pick("Svarprocent i alt", "Response rate, all weeks"));
            ui.end_row();
            for ((wave, tally), (_, weeks)) in coverage.waves.iter().zip(&coverage.weeks) {
                ui.strong(lang.data_value(wave));
                for week in weeks {
                    ui.label(rate_text(week, lang));
                }
                ui.strong(rate_text(tally, lang));
                ui.end_row();
            }
        });
}

#[must_use = "the command must reach App::apply"]
fn sort_ui(ui: &mut egui::Ui, sort: Sort, lang: Lang) -> Option<Command> {
    let mut command = None;
    ui.horizontal(|ui| {
        ui.label(lang.pick("Sortér:", "Sort:"));
        for (choice, label) in [
            (Sort::Wave, lang.pick("rul", "wave")),
            (Sort::Municipality, lang.pick("kommune", "municipality")),
            (Sort::Missing, lang.pick("flest manglende først", "most missing first")),
        ] {
            if ui.selectable_label(sort == choice, label).clicked() {
                command = Some(Command::SortCoverage(choice));
            }
        }
    });
    command
}

/// Every municipality's weeks, in the chosen order.
fn rows_ui(ui: &mut egui::Ui, coverage: &Coverage, sort: Sort, lang: Lang) {
    let mut rows: Vec<&CoverageRow> = coverage.rows.iter().collect();
    match sort {
        Sort::Wave => {}
        Sort::Municipality => rows.sort_by_key(|r| danish_sort_key(&r.municipality)),
        Sort::Missing => rows.sort_by_key(|r| (std::cmp::Reverse(r.expected() - r.answered()), r.answered())),
    }
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("coverage_rows")
            .striped(true)
            .spacing([14.0, 4.0])
            .show(ui, |ui| {
                ui.strong(lang.pick("Kommune", "Municipality"));
                ui.strong(lang.pick("Rul", "Wave"));
                for week in WEEKS {
                    ui.strong(format!("{} {week}", lang.pick("Uge", "Week")));
                }
                ui.end_row();
                for row in rows {
                    ui.label(&row.municipality);
                    ui.label(lang.data_value(&row.wave));
                    for status in &row.weeks {
                        status_ui(ui, *status, lang);
                    }
                    ui.end_row();
                }
            });
    });
}

/// Told in words, not by colour alone; missing in the warning colour.
fn status_ui(ui: &mut egui::Ui, status: Status, lang: Lang) {
    let text = status_text(status, lang);
    match status {
        Status::Answered => ui.label(text),
        Status::Missing => ui.colored_label(ui.visuals().warn_fg_color, egui::RichText::new(text).strong()),
        Status::NotYet => ui.weak(text),
    };
}
