//! The deck's table: waves × phases and "Total udrulning", with n, every figure saying what it
//! is: the title names the questions covered, the total names its kind and carries its own
//! interval, hidden groups say why, and the response rate stands beside each wave. Below: the
//! change since the previous check-in, the differences tested, and the per-question means.

use eframe::egui;

use super::cache::Cached;
use super::command::TableFormat;
use super::overview_cells::{cell_ui, hidden_ui, total_ui};
use super::{Command, Loaded, Settings, TotalMode};
use crate::analysis::coverage::Coverage;
use crate::analysis::verdict::{details, sentence};
use crate::analysis::{ComparisonKind, Results, Summary};
use crate::locale::Lang;

#[must_use = "the command must reach App::apply"]
pub fn ui(
    ui: &mut egui::Ui,
    results: &Cached<Results>,
    coverage: &Cached<Coverage>,
    settings: &Settings,
    loaded: &Loaded,
) -> Option<Command> {
    let lang = settings.lang;
    let mut command = None;
    let default_title = crate::verdicts::scope_title(&loaded.dataset.questions, &settings.filter.questions, lang);
    let title = if settings.overview_title.trim().is_empty() {
        default_title.clone()
    } else {
        settings.overview_title.trim().to_string()
    };
    ui.heading(&title);
    if loaded.is_sample {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.pick(
                "Eksempeldata: opdigtede svar, ikke dine data. Åbn dine egne filer med Ctrl+O.",
                "Sample data: made-up answers, not your data. Open your own files with Ctrl+O.",
            ),
        );
    }
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        command = body_ui(ui, results, coverage, settings, loaded, &default_title);
    });
    command
}

#[must_use = "the command must reach App::apply"]
fn body_ui(
    ui: &mut egui::Ui,
    results: &Cached<Results>,
    coverage: &Cached<Coverage>,
    settings: &Settings,
    loaded: &Loaded,
    default_title: &str,
) -> Option<Command> {
    let lang = settings.lang;
    let mut command = None;
    ui.horizontal(|ui| {
        let label = ui.label(lang.pick("Titel på slide:", "Slide title:"));
        let mut text = settings.overview_title.clone();
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .desired_width(640.0)
                    .hint_text(default_title),
            )
            .labelled_by(label.id);
        if edit.changed() {
            command = Some(Command::SetOverviewTitle(text));
        }
    });
    let results = match results {
        Ok(results) => results,
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, error);
            return command;
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
        ui.separator();
        let label = ui.label(lang.pick("Mindste gruppe:", "Smallest group:"));
        let mut min_n = settings.min_n;
        let drag = ui
            .add(egui::DragValue::new(&mut min_n).range(1..=1000).suffix(lang.pick(" svar", " answers")))
            .labelled_by(label.id)
            .on_hover_text(lang.pick(
                "Grupper med færre svar skjules her og i alle eksporter, og en gruppe mere, hvis den skjulte ellers kunne regnes ud af totalen.",
                "Groups with fewer answers are hidden here and in every export, and one more group where the hidden one could else be worked out from the total.",
            ));
        if drag.changed() {
            command = Some(Command::SetMinN(min_n));
        }
    });
    ui.add_space(8.0);
    if summary.waves.is_empty() && summary.hidden_waves.is_empty() {
        ui.label(lang.pick(
            "Ingen grupper at vise med de valgte filtre.",
            "No groups to show with the chosen filters.",
        ));
        notes_ui(ui, results, loaded, lang);
        return command;
    }
    table_ui(ui, results, coverage, settings.total_mode, lang);
    ui.add_space(8.0);
    notes_ui(ui, results, loaded, lang);
    comparisons_ui(ui, results, lang);
    if !results.breakdown.is_empty() {
        ui.add_space(18.0);
        ui.heading(lang.pick("Pr. spørgsmål (alle faser)", "Per question (all phases)"));
        ui.add_space(6.0);
        breakdown_ui(ui, results, loaded, lang);
    }
    command
}

fn notes_ui(ui: &mut egui::Ui, results: &Results, loaded: &Loaded, lang: Lang) {
    let summary = &results.summary;
    let any_small = summary
        .waves
        .iter()
        .any(|w| w.cells.iter().any(|c| c.stats.is_small()) || w.total.from_small_cell);
    if any_small {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.pick(
                "* færre end 10 svar: gennemsnittet er usikkert",
                "* fewer than 10 answers: the mean is uncertain",
            ),
        );
    }
    if summary.waves.iter().any(|w| w.total.from_small_cell) {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            lang.pick(
                "En total med * er bygget af et felt med færre end 10 svar.",
                "A total with * is built from a cell with fewer than 10 answers.",
            ),
        );
    }
    if let Some(note) = crate::verdicts::suppression_note(&results.suppression, lang) {
        ui.colored_label(ui.visuals().warn_fg_color, note);
    }
    ui.label(counts_note(summary, lang));
    let source = if loaded.is_sample {
        crate::charts::sample_source(lang).to_string()
    } else {
        loaded.label.clone()
    };
    ui.weak(format!(
        "{} {source} · {}",
        lang.pick("Kilde:", "Source:"),
        lang.pick(
            "hold musen over et tal for n, SD, 95 % konfidensinterval, svarfordeling og test",
            "hover a number for n, SD, the 95% confidence interval, the answers and the tests"
        ),
    ));
}

/// Why two counts of answers differ: n counts answers on the scale, "Ved ikke" is apart.
fn counts_note(summary: &Summary, lang: Lang) -> String {
    let (n, dont_know) = (summary.overall.n, summary.overall.dont_know);
    match lang {
        Lang::Da => format!(
            "n = svar på skalaen 1-5 ({}). «Ved ikke» ({}) tælles ikke med i gennemsnittene; i alt {} svar.",
            lang.count(n),
            lang.count(dont_know),
            lang.count(n + dont_know)
        ),
        Lang::En => format!(
            "n = answers on the 1-5 scale ({}). \"Don't know\" ({}) is not part of the means; {} answers in all.",
            lang.count(n),
            lang.count(dont_know),
            lang.count(n + dont_know)
        ),
    }
}

fn comparisons_ui(ui: &mut egui::Ui, results: &Results, lang: Lang) {
    let comparisons = &results.comparisons;
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
fn breakdown_ui(ui: &mut egui::Ui, results: &Results, loaded: &Loaded, lang: Lang) {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let big = egui::FontId::new(body.size * 1.2, body.family.clone());
    let questions: Vec<&String> = loaded
        .dataset
        .questions
        .iter()
        .filter(|q| {
            results.breakdown.iter().any(|row| &row.question == *q)
                || results.hidden_questions.iter().any(|(_, hq)| hq == *q)
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
            for wave in &results.summary.waves {
                ui.label(egui::RichText::new(lang.data_value(&wave.wave)).strong());
                for question in &questions {
                    let row = results
                        .breakdown
                        .iter()
                        .find(|row| row.wave == wave.wave && &row.question == *question);
                    let hidden = results
                        .hidden_questions
                        .iter()
                        .any(|(w, q)| *w == wave.wave && q == *question);
                    match row {
                        Some(row) => cell_ui(ui, &row.stats, None, &[], lang, &big),
                        None if hidden => hidden_ui(ui, results.summary.min_n, lang),
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

fn table_ui(ui: &mut egui::Ui, results: &Results, coverage: &Cached<Coverage>, mode: TotalMode, lang: Lang) {
    let summary = &results.summary;
    let body = egui::TextStyle::Body.resolve(ui.style());
    let big = egui::FontId::new(body.size * 1.35, body.family.clone());
    let coverage = coverage.as_ref().ok().filter(|c| !c.waves.is_empty());
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
            if coverage.is_some() {
                ui.strong(lang.pick("Svarprocent", "Response rate"));
            }
            ui.end_row();
            for wave in &summary.waves {
                ui.label(
                    egui::RichText::new(lang.data_value(&wave.wave))
                        .font(big.clone())
                        .strong(),
                );
                for phase in &summary.phases {
                    let involved: Vec<_> = results
                        .comparisons
                        .iter()
                        .filter(|c| c.kind != ComparisonKind::CheckIn)
                        .filter(|c| {
                            [&c.a, &c.b]
                                .iter()
                                .any(|g| g.wave == wave.wave && g.phase.as_deref() == Some(phase.as_str()))
                        })
                        .collect();
                    match wave.cell(phase) {
                        Some(cell) => {
                            let spread = results.answers.spread(&wave.wave, Some(phase));
                            cell_ui(ui, &cell.stats, Some(spread), &involved, lang, &big);
                        }
                        None if wave.is_hidden(phase) => hidden_ui(ui, summary.min_n, lang),
                        None => {
                            ui.weak("–");
                        }
                    }
                }
                total_ui(ui, wave, mode, lang, &big);
                if let Some(coverage) = coverage {
                    match coverage.wave(&wave.wave) {
                        Some(tally) => {
                            ui.label(crate::charts::coverage::rate_text(tally, lang))
                                .on_hover_text(lang.pick(
                                    "Check-ins besvaret af de forventede (se «Hvem mangler»)",
                                    "Check-ins answered of those expected (see \"Who is missing\")",
                                ));
                        }
                        None => {
                            ui.weak("–");
                        }
                    }
                }
                ui.end_row();
            }
            // A wave with too few answers in all keeps its row, saying why it shows nothing.
            for wave in &summary.hidden_waves {
                ui.label(egui::RichText::new(lang.data_value(wave)).font(big.clone()).strong());
                for _ in 0..=summary.phases.len() {
                    hidden_ui(ui, summary.min_n, lang);
                }
                ui.end_row();
            }
        });
}
