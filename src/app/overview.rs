//! The deck's table: waves × phases and "Total udrulning", with n, and SD and 95% CI on hover.
//! The total is either the mean of phase means (as the deck) or all answers pooled, and the
//! column header always says which.

use eframe::egui;

use super::cache::Cached;
use super::command::TableFormat;
use super::{Command, Loaded, Settings, TotalMode};
use crate::analysis::{Results, Stats, Summary, Total};
use crate::locale::Lang;

pub fn ui(ui: &mut egui::Ui, results: &Cached<Results>, settings: &Settings, loaded: &Loaded) -> Option<Command> {
    let lang = settings.lang;
    let mut command = None;
    ui.heading(lang.pick(
        "Tilfredshed med egen udrulning og VALG-løsningen generelt (skala 1-5)",
        "Satisfaction with own rollout and the VALG solution in general (scale 1-5)",
    ));
    ui.add_space(6.0);
    let results = match results {
        Ok(results) => results,
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, error);
            return None;
        }
    };
    let summary = &results.summary;
    ui.horizontal(|ui| {
        ui.label(lang.pick("Total udrulning:", "Total rollout:"));
        for (mode, label) in [
            (
                TotalMode::MeanOfPhases,
                lang.pick("gennemsnit af faser", "mean of phase means"),
            ),
            (TotalMode::Pooled, lang.pick("alle svar samlet", "all answers pooled")),
        ] {
            if ui.selectable_label(settings.total_mode == mode, label).clicked() {
                command = Some(Command::SetTotalMode(mode));
            }
        }
        ui.separator();
        if ui
            .button(lang.pick("Kopiér tabel", "Copy table"))
            .on_hover_text(lang.pick(
                "Som tabel (HTML og tekst), der kan indsættes i Excel og PowerPoint",
                "As a table (HTML and text) that pastes into Excel and PowerPoint",
            ))
            .clicked()
        {
            // The export's table (both totals, n and SD) as HTML and text together.
            command = Some(Command::CopyTable);
        }
        if ui.button(lang.pick("Gem som Excel…", "Save as Excel…")).clicked() {
            command = Some(Command::SaveTable(TableFormat::Xlsx));
        }
        if ui.button(lang.pick("Gem som CSV…", "Save as CSV…")).clicked() {
            command = Some(Command::SaveTable(TableFormat::Csv));
        }
    });
    ui.add_space(8.0);
    if summary.waves.is_empty() {
        ui.label(lang.pick(
            "Ingen svar med de valgte filtre.",
            "No answers with the chosen filters.",
        ));
        return command;
    }
    table_ui(ui, summary, settings.total_mode, lang);
    ui.add_space(8.0);
    notes_ui(ui, summary, loaded, lang);
    if !results.breakdown.is_empty() {
        ui.add_space(18.0);
        ui.heading(lang.pick("Pr. spørgsmål (alle faser)", "Per question (all phases)"));
        ui.add_space(6.0);
        breakdown_ui(ui, results, loaded, lang);
    }
    command
}

fn notes_ui(ui: &mut egui::Ui, summary: &Summary, loaded: &Loaded, lang: Lang) {
    let any_small = summary
        .waves
        .iter()
        .any(|w| w.cells.iter().any(|c| c.stats.is_small()) || w.total.n < Stats::SMALL_GROUP);
    if any_small {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.pick(
                "* færre end 10 svar: gennemsnittet er usikkert",
                "* fewer than 10 answers: the mean is uncertain",
            ),
        );
    }
    ui.weak(format!(
        "{} {} · {}",
        lang.pick("Kilde:", "Source:"),
        loaded.label,
        lang.pick(
            "hold musen over et tal for n, SD og 95 % konfidensinterval",
            "hover a number for n, SD and the 95% confidence interval"
        ),
    ));
}

/// Mean per wave × question, like the deck's "Scores fra rul 1" slide but for every wave.
fn breakdown_ui(ui: &mut egui::Ui, results: &Results, loaded: &Loaded, lang: Lang) {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let big = egui::FontId::new(body.size * 1.2, body.family.clone());
    let questions: Vec<&String> = loaded
        .dataset
        .questions
        .iter()
        .filter(|q| results.breakdown.iter().any(|row| &row.question == *q))
        .collect();
    egui::Grid::new("breakdown_table")
        .striped(true)
        .min_col_width(120.0)
        .spacing([28.0, 8.0])
        .show(ui, |ui| {
            ui.strong(lang.pick("Rul", "Wave"));
            for question in &questions {
                ui.strong(lang.data_value(question));
            }
            ui.end_row();
            for wave in &results.summary.waves {
                ui.label(egui::RichText::new(lang.data_value(&wave.wave)).strong());
                for question in &questions {
                    let row = results
                        .breakdown
                        .iter()
                        .find(|row| row.wave == wave.wave && &row.question == *question);
                    match row {
                        Some(row) => stats_cell_ui(ui, row.stats.mean, &row.stats, lang, &big, false),
                        None => {
                            ui.weak("–");
                        }
                    }
                }
                ui.end_row();
            }
        });
}

fn total_header(mode: TotalMode, lang: Lang) -> String {
    match mode {
        TotalMode::MeanOfPhases => lang.pick(
            "Total udrulning (gennemsnit af faser)",
            "Total rollout (mean of phase means)",
        ),
        TotalMode::Pooled => lang.pick(
            "Total udrulning (alle svar samlet)",
            "Total rollout (all answers pooled)",
        ),
    }
    .to_string()
}

fn total_mean(total: &Total, mode: TotalMode) -> Option<f64> {
    match mode {
        TotalMode::MeanOfPhases => total.mean_of_phases,
        TotalMode::Pooled => total.pooled_mean,
    }
}

fn table_ui(ui: &mut egui::Ui, summary: &Summary, mode: TotalMode, lang: Lang) {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let big = egui::FontId::new(body.size * 1.35, body.family.clone());
    egui::Grid::new("overview_table")
        .striped(true)
        .min_col_width(120.0)
        .spacing([28.0, 10.0])
        .show(ui, |ui| {
            ui.strong(lang.pick("Rul", "Wave"));
            for phase in &summary.phases {
                ui.strong(lang.data_value(phase));
            }
            ui.strong(total_header(mode, lang));
            ui.end_row();
            for wave in &summary.waves {
                ui.label(
                    egui::RichText::new(lang.data_value(&wave.wave))
                        .font(big.clone())
                        .strong(),
                );
                for phase in &summary.phases {
                    match wave.cell(phase) {
                        Some(cell) => stats_cell_ui(ui, cell.stats.mean, &cell.stats, lang, &big, false),
                        None => {
                            ui.weak("–");
                        }
                    }
                }
                let total = &wave.total;
                let stats = Stats {
                    n: total.n,
                    mean: total.pooled_mean,
                    sd: total.sd,
                    ci95: total.ci95,
                    dont_know: total.dont_know,
                };
                stats_cell_ui(ui, total_mean(total, mode), &stats, lang, &big, true);
                ui.end_row();
            }
        });
}

/// One number with its n below it; details on hover. The shown mean may differ from
/// `stats.mean` (the mean of phase means), the hover always tells of the answers themselves.
/// `total` sets the number in the strong colour: the column the deck's readers look at first.
fn stats_cell_ui(ui: &mut egui::Ui, mean: Option<f64>, stats: &Stats, lang: Lang, font: &egui::FontId, total: bool) {
    let small = stats.is_small();
    let mean_text = mean.map_or_else(|| "–".to_string(), |m| lang.number(m, 2));
    let n_text = format!("n = {}{}", lang.count(stats.n), if small { " *" } else { "" });
    let response = ui
        .vertical(|ui| {
            let mut text = egui::RichText::new(mean_text).font(font.clone());
            if total {
                text = text.strong();
            }
            if small {
                text = text.color(ui.visuals().warn_fg_color);
            }
            ui.label(text);
            if small {
                ui.colored_label(ui.visuals().warn_fg_color, egui::RichText::new(n_text).small());
            } else {
                ui.weak(egui::RichText::new(n_text).small());
            }
        })
        .response;
    response.on_hover_text(stats_details(stats, lang));
}

fn stats_details(stats: &Stats, lang: Lang) -> String {
    let mut lines = vec![format!("n = {}", lang.count(stats.n))];
    if let Some(mean) = stats.mean {
        lines.push(format!(
            "{} {}",
            lang.pick("Alle svar samlet:", "All answers pooled:"),
            lang.number(mean, 2)
        ));
    }
    if let Some(sd) = stats.sd {
        lines.push(format!("SD {}", lang.number(sd, 2)));
    }
    if let Some([low, high]) = stats.ci95 {
        lines.push(format!(
            "{} {} – {}",
            lang.pick("95 % konfidensinterval:", "95% confidence interval:"),
            lang.number(low, 2),
            lang.number(high, 2)
        ));
    }
    lines.push(format!(
        "{} {}",
        lang.pick("Ved ikke:", "Don't know:"),
        lang.count(stats.dont_know)
    ));
    if stats.is_small() {
        lines.push(lang.pick("Færre end 10 svar.", "Fewer than 10 answers.").to_string());
    }
    lines.join("\n")
}
