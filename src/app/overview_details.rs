//! The overview below its table: the change since the previous check-in, the differences
//! tested and the per-question means. They come with the details part, after the summary: until
//! then the last ones drawn stay, dimmed beside the busy mark.

use eframe::egui;

use super::Loaded;
use super::busy::{dimmed_ui, mark_ui};
use super::cache::Shown;
use super::overview_cells::{cell_ui, hidden_ui};
use crate::analysis::parts::{DetailsPart, SummaryPart};
use crate::analysis::verdict::{details, sentence};
use crate::analysis::{Comparison, ComparisonKind, Summary};
use crate::locale::Lang;

/// The details of the overview, marked busy while they are not the summary's filter state.
pub fn details_ui(
    ui: &mut egui::Ui,
    shown: Option<Shown<'_, DetailsPart>>,
    summary: Shown<'_, SummaryPart>,
    loaded: &Loaded,
    lang: Lang,
) {
    let Some(shown) = shown else {
        ui.add_space(14.0);
        mark_ui(ui, false, lang);
        return;
    };
    let stale = !shown.fresh || shown.key != summary.key;
    if stale && summary.fresh {
        // The table above is new; these are still the last state's.
        ui.add_space(14.0);
        mark_ui(ui, false, lang);
    }
    let (Ok(part), Ok(summary)) = (shown.value, summary.value) else {
        if let Err(error) = shown.value {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        return;
    };
    dimmed_ui(ui, stale, |ui| {
        comparisons_ui(ui, &part.comparisons, lang);
        if !part.breakdown.is_empty() {
            ui.add_space(18.0);
            ui.heading(lang.pick("Pr. spørgsmål (alle faser)", "Per question (all phases)"));
            ui.add_space(6.0);
            breakdown_ui(ui, part, &summary.summary, loaded, lang);
        }
    });
}

fn comparisons_ui(ui: &mut egui::Ui, comparisons: &[Comparison], lang: Lang) {
    let check_ins: Vec<_> = comparisons
        .iter()
        .filter(|c| c.kind == ComparisonKind::CheckIn)
        .collect();
    if !check_ins.is_empty() {
        ui.add_space(14.0);
        ui.heading(lang.pick("Siden sidste check-in", "Since the previous check-in"));
        for c in check_ins {
            ui.label(sentence(c, lang)).on_hover_text(details(c, lang));
        }
    }
    if comparisons.is_empty() {
        return;
    }
    ui.add_space(14.0);
    ui.heading(lang.pick("Er forskellen reel?", "Is the difference real?"));
    ui.weak(crate::verdicts::comparisons_heading(comparisons.len(), lang));
    let real: Vec<_> = comparisons.iter().filter(|c| c.significant).collect();
    if real.is_empty() {
        ui.label(lang.pick(
            "Ingen af forskellene er større, end tilfældigheder kan forklare.",
            "None of the differences is larger than chance can explain.",
        ));
    }
    for c in real {
        ui.label(egui::RichText::new(format!("† {}", sentence(c, lang))).strong())
            .on_hover_text(details(c, lang));
    }
    egui::CollapsingHeader::new(format!(
        "{} ({})",
        lang.pick("Alle sammenligninger", "All comparisons"),
        comparisons.len()
    ))
    .id_salt("all_comparisons")
    .show(ui, |ui| {
        for c in comparisons {
            ui.label(sentence(c, lang)).on_hover_text(details(c, lang));
        }
    });
}

/// Mean per wave × question, like the deck's "Scores fra rul 1" slide but for every wave.
fn breakdown_ui(ui: &mut egui::Ui, details: &DetailsPart, summary: &Summary, loaded: &Loaded, lang: Lang) {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let big = egui::FontId::new(body.size * 1.2, body.family.clone());
    let questions: Vec<&String> = loaded
        .dataset
        .questions
        .iter()
        .filter(|q| {
            details.breakdown.iter().any(|row| &row.question == *q)
                || details.hidden_questions.iter().any(|(_, hq)| hq == *q)
        })
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
            for wave in &summary.waves {
                ui.label(egui::RichText::new(lang.data_value(&wave.wave)).strong());
                for question in &questions {
                    let row = details
                        .breakdown
                        .iter()
                        .find(|row| row.wave == wave.wave && &row.question == *question);
                    let hidden = details
                        .hidden_questions
                        .iter()
                        .any(|(w, q)| *w == wave.wave && q == *question);
                    match row {
                        Some(row) => cell_ui(ui, &row.stats, None, &[], lang, &big),
                        None if hidden => hidden_ui(ui, summary.min_n, lang),
                        None => {
                            ui.weak("–");
                        }
                    }
                }
                ui.end_row();
            }
        });
}
